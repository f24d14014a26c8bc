//! The requester's actions: create a request (and wait for its result), show one, wait for
//! one, cancel, expire, settle, close, challenge.

use std::{path::Path, time::Duration};

use anchor_lang::prelude::Pubkey;
use anyhow::{bail, Context};
use inference_escrow_client::{
    cost::RequestCost, ix, pda, seats, CreateRequestArgs, DataRef, Dispute, DisputeStatus, Model,
    Oracle, Payload, Request, RequestStatus,
};
use solana_signer::Signer;

use super::{f32s, operator::status_name, slots_eta, tensor_input, Ctx};

/// Where a request's input comes from.
pub enum InputSource<'a> {
    /// A JSON array of numbers, packed per the model's input schema.
    Json(&'a Path),
    /// Raw tensor bytes, sent as they are (their length checked against the schema).
    Bytes(&'a Path),
}

/// What `oracle request create` asks for.
pub struct CreateOptions<'a> {
    /// The Model account.
    pub model: Pubkey,
    /// The input.
    pub input: InputSource<'a>,
    /// Where the input's bytes are served from, to send it by URI instead of inline (the bytes
    /// read from `input` are what it must serve: their SHA-256 is committed).
    pub input_uri: Option<String>,
    /// The request nonce (its address is `["request", requester, nonce]`).
    pub nonce: u64,
    /// Slots until the deadline.
    pub ttl_slots: u64,
    /// The most the requester agrees to pay; the price read now when absent.
    pub max_price: Option<u64>,
    /// Seconds to wait for the result (0: do not wait).
    pub wait_secs: u64,
}

/// `oracle request create`: escrows the price and creates the request, then waits for its
/// result unless `wait_secs` is 0.
pub async fn create(ctx: &Ctx, options: CreateOptions<'_>) -> anyhow::Result<()> {
    let requester = ctx.payer()?;
    let model: Model = ctx
        .chain
        .account(&options.model)
        .await?
        .with_context(|| format!("no model at {}", options.model))?;
    let bytes = match options.input {
        InputSource::Json(path) => {
            let json =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            tensor_input::pack_json(&json, &model.input_schema)
                .with_context(|| format!("{}", path.display()))?
        }
        InputSource::Bytes(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
            tensor_input::check_len(&bytes, &model.input_schema)
                .with_context(|| format!("{}", path.display()))?;
            bytes
        }
    };
    let key = pda::request(&requester.pubkey(), options.nonce);
    // A program account is a request; a funded system account is not (the program takes
    // pre-funded addresses).
    if ctx.chain.account_data(&key).await?.is_some() {
        bail!(
            "request {key} (nonce {}) exists already: pick another --nonce, or close it first",
            options.nonce
        );
    }
    let input = match options.input_uri {
        None => Payload::Inline(bytes),
        Some(uri) => {
            super::model::check_uri(&uri).context("--input-uri")?;
            let sha256 = inference_escrow::attestation::sha256(&bytes);
            println!(
                "input by URI: oracles fetch {uri} and run it only if its SHA-256 is {}",
                hex::encode(sha256)
            );
            Payload::Uri { uri, sha256 }
        }
    };
    let protocol = ctx.protocol().await?;
    // The rent of a request account and of a token account, as this cluster charges it.
    let request_len = Request::space_for(&input, None, &model, &protocol);
    let request_rent = ctx.chain.minimum_balance(request_len).await?;
    let vault_len = inference_escrow_client::cost::TOKEN_ACCOUNT_LEN;
    let vault_rent = ctx.chain.minimum_balance(vault_len).await?;
    let cost = RequestCost::with_rent(&input, &model, &protocol, |len| {
        if len == vault_len {
            vault_rent
        } else {
            request_rent
        }
    });
    let args = CreateRequestArgs {
        nonce: options.nonce,
        input,
        ttl_slots: options.ttl_slots,
        callback: None,
        max_price: options.max_price.unwrap_or(model.price),
        challenger: None,
    };
    let ix = match model.mint {
        None => ix::create_request(&requester.pubkey(), &options.model, args),
        Some(mint) => ix::create_request_token(
            &requester.pubkey(),
            &options.model,
            ix::TokenPayment {
                mint,
                token_program: ctx.chain.owner_of(&mint).await?,
            },
            args,
        ),
    };
    ctx.send("create request", &[ix], &requester, &[]).await?;
    let unit = model
        .mint
        .map_or("lamports".to_owned(), |m| format!("base units of {m}"));
    println!(
        "request {key} created: price {} {unit} escrowed, {} lamports of rent locked until you close it; deadline in {}",
        model.price,
        cost.rent,
        slots_eta(options.ttl_slots)
    );
    if options.wait_secs == 0 {
        return Ok(());
    }
    wait(ctx, &key, options.wait_secs).await
}

/// `oracle request wait`: waits until `key` has a result or ends, printing it.
pub async fn wait(ctx: &Ctx, key: &Pubkey, wait_secs: u64) -> anyhow::Result<()> {
    println!("waiting up to {wait_secs} s for an oracle to claim, run and answer it");
    let deadline = std::time::Instant::now() + Duration::from_secs(wait_secs);
    loop {
        let request = ctx.request(key).await?;
        match request.status {
            RequestStatus::Open | RequestStatus::Claimed { .. } => {}
            _ => return describe(ctx, key, &request).await,
        }
        if std::time::Instant::now() >= deadline {
            bail!(
                "no result within {wait_secs} s ({}); the request stays open until its deadline, slot {}",
                status_name(&request.status),
                request.deadline_slot
            );
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// `oracle request show`: the request's state, its result or failure reason, and what its
/// requester can do next.
pub async fn show(ctx: &Ctx, key: &Pubkey) -> anyhow::Result<()> {
    let request = ctx.request(key).await?;
    describe(ctx, key, &request).await
}

async fn describe(ctx: &Ctx, key: &Pubkey, request: &Request) -> anyhow::Result<()> {
    let slot = ctx.chain.slot().await?;
    println!("request {key}: {}", status_name(&request.status));
    println!(
        "  requester {}  model {}  nonce {}",
        request.requester, request.model, request.nonce
    );
    println!(
        "  price {}  escrow {}  created at slot {}, deadline slot {}",
        request.price, request.escrow, request.created_slot, request.deadline_slot
    );
    if let Some(oracle) = request.status.oracle() {
        println!("  oracle {oracle}");
    }
    let output = match &request.output {
        Some(DataRef::Inline(bytes)) => Some(bytes.as_slice()),
        _ => None,
    };
    match request.status {
        RequestStatus::Fulfilled { .. } | RequestStatus::Settled { .. } => {
            if let Some(bytes) = output {
                println!(
                    "  result {:?} (output hash {})",
                    f32s(bytes),
                    hex::encode(request.output_hash)
                );
            }
            if let Some(DataRef::Uri(uri)) = &request.output {
                println!(
                    "  result at {uri} (output hash {})",
                    hex::encode(request.output_hash)
                );
            }
            if request.policy.is_quorum() {
                println!(
                    "  agreed by {} of {} seats (quorum {}):",
                    request.agreed.count_ones(),
                    request.seats.len(),
                    request.policy.quorum
                );
                print_seats("oracle", &request.seats, request.agreed);
            }
        }
        RequestStatus::Failed { .. } => {
            let reason = output.map(String::from_utf8_lossy).unwrap_or_default();
            println!("  the oracle reported a signed failure: {reason:?}");
        }
        _ => {}
    }
    println!("  {}", next_step(key, request, slot));
    Ok(())
}

/// Each seat of a round (`role`: who sat in it) with its output and whether it agreed (bit `i`
/// of `agreed` for seat `i`).
fn print_seats(role: &str, seats: &[inference_escrow_client::Seat], agreed: u8) {
    for (i, seat) in seats.iter().enumerate() {
        let verdict = if agreed & (1 << i) != 0 {
            "agreed"
        } else {
            "outvoted"
        };
        println!(
            "    {role} {} {verdict}: {:?}",
            seat.oracle,
            f32s(&seat.output)
        );
    }
}

/// What can be done with `request` at `slot`, and when.
fn next_step(key: &Pubkey, request: &Request, slot: u64) -> String {
    match request.status {
        RequestStatus::Fulfilled { slot: at, .. } => {
            let ends = at.saturating_add(request.challenge_window_slots);
            if ends > slot {
                format!(
                    "challenge window open until slot {ends} ({} from now); then the oracle settles it (or `oracle request settle`), and `oracle request close` returns its rent",
                    slots_eta(ends - slot)
                )
            } else {
                "challenge window over: `oracle request settle` pays it out if the oracle has not, then `oracle request close` returns its rent".to_owned()
            }
        }
        RequestStatus::Settled { .. } => {
            "paid out: `oracle request close` returns its rent to the requester".to_owned()
        }
        RequestStatus::Failed { .. } | RequestStatus::Expired { .. } | RequestStatus::Refunded { .. } => {
            "ended without a result: `oracle request close` refunds the price and returns the rent".to_owned()
        }
        RequestStatus::Open | RequestStatus::Claimed { .. } if slot > request.deadline_slot => {
            "past its deadline: `oracle request expire` ends it, then `oracle request close` refunds it".to_owned()
        }
        RequestStatus::Open => {
            "waiting for an oracle; `oracle request cancel` takes it back while no oracle holds it".to_owned()
        }
        RequestStatus::Claimed { .. } => format!(
            "claimed by an oracle, which answers by its deadline in {}; `oracle request wait` follows it",
            slots_eta(request.deadline_slot.saturating_sub(slot))
        ),
        RequestStatus::Challenged { .. } => format!(
            "challenged: re-execution (or the arbiter) decides; `oracle challenge --request {key}` follows it"
        ),
    }
}

/// Sends `instructions` for the request at `key`; a refusal is followed by the request's
/// state and what can be done with it now.
async fn send_for(
    ctx: &Ctx,
    what: &str,
    key: &Pubkey,
    request: &Request,
    instructions: &[solana_instruction::Instruction],
    payer: &solana_keypair::Keypair,
) -> anyhow::Result<()> {
    if let Err(err) = ctx.send(what, instructions, payer, &[]).await {
        let slot = ctx.chain.slot().await.unwrap_or(request.created_slot);
        anyhow::bail!(
            "{err:#}\n  request {key} is {}: {}",
            status_name(&request.status),
            next_step(key, request, slot)
        );
    }
    Ok(())
}

/// `oracle request cancel`: the requester takes back an open request (price and rent).
pub async fn cancel(ctx: &Ctx, key: &Pubkey) -> anyhow::Result<()> {
    let requester = ctx.payer()?;
    let request = ctx.request(key).await?;
    let keys = ctx.request_keys(*key, &request).await?;
    send_for(
        ctx,
        "cancel",
        key,
        &request,
        &[ix::cancel_request(&keys)],
        &requester,
    )
    .await?;
    println!(
        "request {key} cancelled: price {} refunded and rent returned to {}",
        request.escrow, request.requester
    );
    Ok(())
}

/// `oracle request expire`: ends a request past its deadline (anyone may); a claimer that did
/// not answer is slashed, and the price is owed back to the requester.
pub async fn expire(ctx: &Ctx, key: &Pubkey) -> anyhow::Result<()> {
    let payer = ctx.payer()?;
    let request = ctx.request(key).await?;
    let instruction = if request.policy.is_quorum() {
        seats::finalize_quorum(key, &request)
    } else {
        ix::expire_request(key, ix::expiry_holder(&request))
    };
    send_for(ctx, "expire", key, &request, &[instruction], &payer).await?;
    let after = ctx.request(key).await?;
    println!(
        "request {key}: {}; `oracle request close` (by its requester) refunds and returns the rent",
        status_name(&after.status)
    );
    Ok(())
}

/// `oracle request settle`: pays out a fulfilled request after its challenge window (anyone
/// may; its oracle normally does).
pub async fn settle(ctx: &Ctx, key: &Pubkey) -> anyhow::Result<()> {
    let payer = ctx.payer()?;
    let request = ctx.request(key).await?;
    let keys = ctx.request_keys(*key, &request).await?;
    let instruction = if request.policy.is_quorum() {
        seats::settle_quorum(&keys, &request)
    } else {
        let RequestStatus::Fulfilled { oracle, .. } = request.status else {
            bail!(
                "request {key} is {}, not fulfilled: there is nothing to settle",
                status_name(&request.status)
            );
        };
        let holder: Oracle =
            ctx.chain.account(&oracle).await?.with_context(|| {
                format!("the oracle account {oracle} that fulfilled it is gone")
            })?;
        ix::settle_request(&keys, &holder.authority)
    };
    send_for(ctx, "settle", key, &request, &[instruction], &payer).await?;
    println!("request {key} settled: the oracle, the model owner and the protocol are credited");
    Ok(())
}

/// `oracle request callback`: has the escrow call an ended request's callback (anyone may).
pub async fn callback(ctx: &Ctx, key: &Pubkey) -> anyhow::Result<()> {
    let payer = ctx.payer()?;
    let request = ctx.request(key).await?;
    let Some(instruction) = ix::deliver_callback(key, &request) else {
        bail!("request {key} names no callback");
    };
    send_for(ctx, "callback", key, &request, &[instruction], &payer).await?;
    let program = request.callback.map(|c| c.program).unwrap_or_default();
    println!("request {key}: callback delivered to program {program}");
    Ok(())
}

/// `oracle request close`: the requester closes an ended request, collecting its rent and any
/// refund.
pub async fn close(ctx: &Ctx, key: &Pubkey) -> anyhow::Result<()> {
    let requester = ctx.payer()?;
    let request = ctx.request(key).await?;
    let keys = ctx.request_keys(*key, &request).await?;
    let before = ctx.chain.balance(&requester.pubkey()).await?;
    send_for(
        ctx,
        "close",
        key,
        &request,
        &[ix::close_request(&keys)],
        &requester,
    )
    .await?;
    let after = ctx.chain.balance(&requester.pubkey()).await?;
    let refund = if request.status.is_refund() {
        format!("the price ({}) refunded, ", request.escrow)
    } else {
        String::new()
    };
    println!(
        "request {key} closed: {refund}rent returned; wallet {} -> {} lamports",
        before, after
    );
    Ok(())
}

/// `oracle challenge`: challenges a fulfilled request (as its requester or named challenger),
/// posting the challenge bond, and waits for the re-execution round's decision.
pub async fn challenge(ctx: &Ctx, key: &Pubkey, wait_secs: u64) -> anyhow::Result<()> {
    let challenger = ctx.payer()?;
    let protocol = ctx.protocol().await?;
    ctx.send(
        "challenge",
        &[ix::challenge_request(&challenger.pubkey(), key)],
        &challenger,
        &[],
    )
    .await?;
    let dispute_key = pda::dispute(key);
    println!(
        "challenged {key}: dispute {dispute_key}, bond {} lamports; {} oracles that did not produce the result re-execute it",
        protocol.challenge_bond, protocol.dispute_replicas
    );
    if wait_secs == 0 {
        return Ok(());
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(wait_secs);
    while std::time::Instant::now() < deadline {
        let dispute: Dispute = ctx
            .chain
            .account(&dispute_key)
            .await?
            .context("the dispute vanished")?;
        let verdict = match dispute.status {
            DisputeStatus::Open => None,
            DisputeStatus::Rejected { .. } => Some(
                "the result is confirmed: it stands, and your bond paid the re-executors",
            ),
            DisputeStatus::Upheld { .. } => Some(
                "the result is overturned: its oracle is slashed, the price is owed back to you (close the request to collect it), your bond comes back with the dispute",
            ),
            DisputeStatus::NoQuorum { .. } => Some(
                "the re-execution found no quorum: the arbiter decides, or the request is refunded after the arbitration timeout",
            ),
            DisputeStatus::Decided { .. } | DisputeStatus::TimedOut { .. } => Some("decided"),
        };
        if let Some(verdict) = verdict {
            println!("{verdict}");
            print_seats("re-executor", &dispute.seats, dispute.agreed);
            if dispute.status.is_decided() {
                ctx.send(
                    "close dispute",
                    &[seats::close_dispute(key, &dispute.challenger)],
                    &challenger,
                    &[],
                )
                .await?;
                println!(
                    "dispute closed: its rent and any bond left returned to {}",
                    dispute.challenger
                );
            }
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    bail!("no decision within {wait_secs} s; the round continues on chain")
}
