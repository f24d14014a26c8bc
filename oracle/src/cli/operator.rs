//! The operator's actions: register, add stake, unbond, withdraw, collect, status.

use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use anyhow::bail;
use inference_escrow_client::{ix, pda, Earnings, Model, Oracle, OracleStatus, RequestStatus};
use solana_signer::Signer;

use super::{lamports_of, slots_eta, sol, Ctx};
use crate::app;

/// The payer's Oracle account, or an error saying how to register.
async fn oracle_of(ctx: &Ctx, authority: &Pubkey) -> anyhow::Result<(Pubkey, Oracle)> {
    let key = pda::oracle(authority);
    match ctx.chain.account::<Oracle>(&key).await? {
        Some(oracle) => Ok((key, oracle)),
        None => bail!(
            "{authority} is not registered as an oracle (no account at {key}): run `oracle register --stake SOL`"
        ),
    }
}

/// `oracle register --stake SOL`: the payer becomes an oracle; the attestation key co-signs.
pub async fn register(ctx: &Ctx, stake_sol: f64) -> anyhow::Result<()> {
    let stake = lamports_of(stake_sol, "--stake")?;
    let payer = ctx.payer()?;
    let attestation = app::read_keypair(&ctx.config.attestation_keypair)?;
    let key = pda::oracle(&payer.pubkey());
    if let Some(existing) = ctx.chain.account::<Oracle>(&key).await? {
        bail!(
            "{} is already registered as oracle {key} ({:?}, stake {}): `oracle stake add --sol N` adds stake",
            payer.pubkey(),
            existing.status,
            sol(existing.stake)
        );
    }
    let protocol = ctx.protocol().await?;
    anyhow::ensure!(
        stake >= protocol.min_oracle_stake,
        "--stake {stake_sol} is below the protocol's minimum of {}",
        sol(protocol.min_oracle_stake)
    );
    let ix = ix::register_oracle(&payer.pubkey(), &attestation.pubkey(), stake);
    ctx.send("register", &[ix], &payer, &[&attestation]).await?;
    println!(
        "oracle {key} registered: authority {}, attestation key {}, stake {}",
        payer.pubkey(),
        attestation.pubkey(),
        sol(stake)
    );
    Ok(())
}

/// `oracle stake add --sol N`.
pub async fn add_stake(ctx: &Ctx, sol_amount: f64) -> anyhow::Result<()> {
    let amount = lamports_of(sol_amount, "--sol")?;
    let payer = ctx.payer()?;
    let (key, before) = oracle_of(ctx, &payer.pubkey()).await?;
    ctx.send(
        "add stake",
        &[ix::add_stake(&payer.pubkey(), amount)],
        &payer,
        &[],
    )
    .await?;
    println!(
        "oracle {key}: stake {} -> {}",
        sol(before.stake),
        sol(before.stake.saturating_add(amount))
    );
    Ok(())
}

/// `oracle stake unbond`: no new claims; the stake is withdrawable after the unbonding period
/// once no claimed request is open.
pub async fn unbond(ctx: &Ctx) -> anyhow::Result<()> {
    let payer = ctx.payer()?;
    let (key, oracle) = oracle_of(ctx, &payer.pubkey()).await?;
    if let OracleStatus::Unbonding { until_slot } = oracle.status {
        println!("oracle {key} is already unbonding: withdrawable from slot {until_slot}");
        return Ok(());
    }
    let protocol = ctx.protocol().await?;
    let sent = ctx
        .send(
            "unbond",
            &[ix::begin_unbonding(&payer.pubkey())],
            &payer,
            &[],
        )
        .await?;
    let (_, after) = oracle_of(ctx, &payer.pubkey()).await?;
    let until = match after.status {
        OracleStatus::Unbonding { until_slot } => until_slot,
        _ => sent.slot.saturating_add(protocol.unbonding_slots),
    };
    let held = match after.open_requests {
        0 => String::new(),
        n => format!(", once the {n} requests it holds end (keep `oracle run` going until then)"),
    };
    println!(
        "oracle {key} is unbonding: it takes no new claims; {} withdrawable with `oracle stake withdraw` from slot {until} ({} from now){held}",
        sol(after.stake),
        slots_eta(until.saturating_sub(sent.slot)),
    );
    Ok(())
}

/// `oracle stake withdraw [--wait]`: the whole stake and any SOL fees owed, into the wallet;
/// closes the oracle account. With `wait`, waits for the unbonding period and open requests.
pub async fn withdraw(ctx: &Ctx, wait: bool) -> anyhow::Result<()> {
    let payer = ctx.payer()?;
    // What the wait was last said to be for, and when: it is said again when that changes, or
    // once a minute.
    let mut said: Option<(&str, std::time::Instant)> = None;
    loop {
        let (key, oracle) = oracle_of(ctx, &payer.pubkey()).await?;
        let OracleStatus::Unbonding { until_slot } = oracle.status else {
            bail!(
                "oracle {key} is {:?}, not unbonding: run `oracle stake unbond` first",
                oracle.status
            );
        };
        let slot = ctx.chain.slot().await?;
        // What the withdrawal waits for, and the line that says it.
        let blocker = if slot < until_slot {
            Some((
                "unbonding",
                format!(
                    "unbonding until slot {until_slot} ({} from now)",
                    slots_eta(until_slot - slot)
                ),
            ))
        } else if oracle.open_requests > 0 {
            let listed = settle_what_is_due(ctx, &payer, &key, slot).await;
            let rounds = u64::from(oracle.open_requests).saturating_sub(listed);
            let rounds = if rounds > 0 {
                format!("; {rounds} of them are seats in quorum or dispute rounds, which end with their rounds")
            } else {
                String::new()
            };
            Some((
                "held requests",
                format!(
                    "{} requests it holds are still open (a claim ends when `oracle run` answers \
                     it; a result once its challenge window closes, settled by the service or \
                     here){rounds}",
                    oracle.open_requests
                ),
            ))
        } else {
            None
        };
        match blocker {
            Some((waiting_for, reason)) if wait => {
                let due = said.is_none_or(|(last, at)| {
                    last != waiting_for || at.elapsed() >= Duration::from_secs(60)
                });
                if due {
                    println!("waiting: {reason}");
                    said = Some((waiting_for, std::time::Instant::now()));
                }
                tokio::time::sleep(Duration::from_secs(5)).await;
                continue;
            }
            Some((_, reason)) => {
                bail!("not withdrawable yet: {reason}; pass --wait to wait for it")
            }
            None => {}
        }
        let before = ctx.chain.balance(&payer.pubkey()).await?;
        ctx.send(
            "withdraw",
            &[ix::withdraw_stake(&payer.pubkey())],
            &payer,
            &[],
        )
        .await?;
        let after = ctx.chain.balance(&payer.pubkey()).await?;
        println!(
            "oracle {key} withdrawn and closed: stake {}, fees {} and the account's rent returned to {} (wallet {} -> {})",
            sol(oracle.stake),
            sol(oracle.fees_owed),
            payer.pubkey(),
            sol(before),
            sol(after)
        );
        return Ok(());
    }
}

/// Settles the requests `oracle` holds whose challenge window closed (anyone may; a
/// withdrawal must not wait for a service that is not running), and returns how many requests
/// it holds as their holder (seats in rounds are not listed this way). A settlement that fails
/// (the service settled it first, an endpoint failed) is said and tried again next time.
async fn settle_what_is_due(
    ctx: &Ctx,
    payer: &solana_keypair::Keypair,
    oracle: &Pubkey,
    slot: u64,
) -> u64 {
    let held = match ctx.chain.requests_held_by(oracle).await {
        Ok(held) => held,
        Err(err) => {
            println!("  cannot list the requests it holds now: {err}");
            return 0;
        }
    };
    let count = held.len() as u64;
    for (request_key, request) in held {
        let due = matches!(request.status, RequestStatus::Fulfilled { slot: at, .. }
            if !request.policy.is_quorum()
                && slot > at.saturating_add(request.challenge_window_slots));
        if !due {
            continue;
        }
        let settled = async {
            let keys = ctx.request_keys(request_key, &request).await?;
            let settle = ix::settle_request(&keys, &payer.pubkey());
            ctx.send(&format!("settle {request_key}"), &[settle], payer, &[])
                .await
        };
        if let Err(err) = settled.await {
            println!("  settling {request_key} did not work this time: {err:#}");
        }
    }
    count
}

/// `oracle collect`: the SOL fees owed to the payer's oracle, its SPL earnings of `models`,
/// and the royalties of those of `models` the payer owns, each into the payer's wallet (SPL:
/// its associated token accounts, created when missing).
pub async fn collect(ctx: &Ctx, models: &[Pubkey]) -> anyhow::Result<()> {
    let payer = ctx.payer()?;
    let oracle_key = pda::oracle(&payer.pubkey());
    let mut collected = 0;
    if let Some(oracle) = ctx.chain.account::<Oracle>(&oracle_key).await? {
        if oracle.fees_owed > 0 {
            ctx.send(
                "collect oracle fees",
                &[ix::collect_oracle_fees(&payer.pubkey())],
                &payer,
                &[],
            )
            .await?;
            println!("collected {} lamports of fees", oracle.fees_owed);
            collected += 1;
        } else {
            println!("oracle {oracle_key}: no SOL fees owed");
        }
    }
    for model_key in models {
        let model: Model = ctx
            .chain
            .account(model_key)
            .await?
            .ok_or_else(|| anyhow::anyhow!("no model at {model_key}"))?;
        let token = match model.mint {
            Some(mint) => Some(ix::TokenPayment {
                mint,
                token_program: ctx.chain.owner_of(&mint).await?,
            }),
            None => None,
        };
        let ata = |token: &ix::TokenPayment| {
            anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
                &payer.pubkey(), &payer.pubkey(), &token.mint, &token.token_program,
            )
        };
        if let Some(token) = token {
            let earnings: Option<Earnings> = ctx
                .chain
                .account(&pda::earnings(model_key, &oracle_key))
                .await?;
            let owed = earnings.map_or(0, |e| e.owed);
            if owed > 0 {
                let collect = ix::collect_earnings(model_key, &payer.pubkey(), token);
                ctx.send("collect earnings", &[ata(&token), collect], &payer, &[])
                    .await?;
                println!(
                    "model {model_key}: collected {owed} base units of {} (oracle earnings)",
                    token.mint
                );
                collected += 1;
            }
        }
        if model.owner == payer.pubkey() && model.royalty_owed > 0 {
            let mut instructions: Vec<_> = token.iter().map(ata).collect();
            instructions.push(ix::collect_royalty(model_key, &payer.pubkey(), token));
            ctx.send("collect royalty", &instructions, &payer, &[])
                .await?;
            let unit = match model.mint {
                Some(mint) => format!("base units of {mint}"),
                None => "lamports".to_owned(),
            };
            println!(
                "model {model_key}: collected {} {unit} of royalty",
                model.royalty_owed
            );
            collected += 1;
        }
    }
    if collected == 0 {
        println!("nothing owed to {}", payer.pubkey());
    }
    Ok(())
}

/// `oracle status`: the payer's oracle account, and per model (those given and served) its
/// requests by status and those this oracle holds.
pub async fn status(ctx: &Ctx, models: &[Pubkey]) -> anyhow::Result<()> {
    let payer = ctx.payer()?;
    let (key, oracle) = oracle_of(ctx, &payer.pubkey()).await?;
    let slot = ctx.chain.slot().await?;
    let wallet = ctx.chain.balance(&payer.pubkey()).await?;
    println!("oracle {key} (slot {slot})");
    println!("  authority        {}", oracle.authority);
    println!("  wallet           {}", sol(wallet));
    println!("  attestation key  {}", oracle.attestation_key);
    match oracle.status {
        OracleStatus::Unbonding { until_slot } if until_slot > slot => println!(
            "  status           unbonding: withdrawable from slot {until_slot} ({} from now)",
            slots_eta(until_slot - slot)
        ),
        OracleStatus::Unbonding { .. } => println!(
            "  status           unbonded: `oracle stake withdraw` once open requests are 0"
        ),
        other => println!("  status           {other:?}"),
    }
    println!(
        "  stake            {} ({} locked as claim bonds, {} free)",
        sol(oracle.stake),
        sol(oracle.bonded),
        sol(oracle.free_stake())
    );
    println!("  fees owed        {}", sol(oracle.fees_owed));
    println!(
        "  held requests    {} (claimed, or answered and not yet settled; seats included)",
        oracle.open_requests
    );
    println!(
        "  fulfilled        {}  failed {}  no-shows {}  slashed {}",
        oracle.fulfilled,
        oracle.failed,
        oracle.no_shows,
        sol(oracle.total_slashed)
    );
    for model in models {
        let requests = ctx.chain.requests_of(model).await?;
        let mine = requests
            .iter()
            .filter(|(_, r)| r.status.oracle() == Some(key) && r.status.is_held())
            .count();
        println!(
            "  model {model}: requests not closed: {} ({}); held by this oracle: {mine}",
            requests.len(),
            count_by_status(&requests)
        );
    }
    Ok(())
}

/// `requests` counted by status: `3 open, 2 settled`, or `none`.
pub fn count_by_status(requests: &[(Pubkey, inference_escrow_client::Request)]) -> String {
    let mut by_status = std::collections::BTreeMap::<&str, usize>::new();
    for (_, request) in requests {
        *by_status.entry(status_name(&request.status)).or_default() += 1;
    }
    if by_status.is_empty() {
        return "none".to_owned();
    }
    let counts: Vec<String> = by_status
        .iter()
        .map(|(status, n)| format!("{n} {status}"))
        .collect();
    counts.join(", ")
}

/// A request status's name, lower case.
pub fn status_name(status: &RequestStatus) -> &'static str {
    match status {
        RequestStatus::Open => "open",
        RequestStatus::Claimed { .. } => "claimed",
        RequestStatus::Fulfilled { .. } => "fulfilled",
        RequestStatus::Challenged { .. } => "challenged",
        RequestStatus::Settled { .. } => "settled",
        RequestStatus::Failed { .. } => "failed",
        RequestStatus::Expired { .. } => "expired",
        RequestStatus::Refunded { .. } => "refunded",
    }
}
