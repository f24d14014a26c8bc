//! Money conservation: every payer's and payee's balance before and after, collected to the last
//! lamport and token unit, against what the requests' final states say each is owed.

use std::collections::BTreeMap;

use anchor_lang::prelude::Pubkey;
use inference_escrow::math::FeeSplit;
use inference_escrow_client::{ix, pda, Config, DisputeStatus, Earnings, Model, Oracle};
use inference_localnet::setup;
use solana_signer::Signer;

use crate::{
    scenario::{account, Outcome, Route, Run},
    world::{ModelKind, World},
};

/// Transaction fee per signature on the localnet.
pub const FEE_PER_SIGNATURE: u64 = 5_000;

/// Balances that money moves through.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Lamports of the model owner, the treasury and each market's wallet.
    pub lamports: BTreeMap<Pubkey, u64>,
    /// Stablecoin units of the desk, the owner, the treasury and each operator.
    pub tokens: BTreeMap<Pubkey, u64>,
    /// Each operator's Oracle account.
    pub oracles: Vec<Oracle>,
    /// Slashed bonds the config holds for the treasury.
    pub slashed_owed: u64,
}

/// One checked equality.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Check {
    /// What is compared.
    pub what: String,
    /// What the requests' outcomes say.
    pub expected: i128,
    /// What the chain says.
    pub actual: i128,
}

impl Check {
    /// Whether both sides agree.
    pub fn holds(&self) -> bool {
        self.expected == self.actual
    }
}

/// Totals paid out, in lamports (SOL models) and stablecoin units.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Paid {
    /// To oracles.
    pub oracles: u64,
    /// To the model owner.
    pub owner: u64,
    /// To the protocol (treasury).
    pub protocol: u64,
    /// Back to requesters.
    pub refunded: u64,
}

/// The books after collection.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Books {
    /// Paid in SOL, lamports.
    pub sol: Paid,
    /// Paid in the stablecoin, base units.
    pub usdc: Paid,
    /// Lamports of stake slashed, and how many bonds.
    pub slashed_lamports: u64,
    /// Bonds slashed.
    pub slashes: u64,
    /// The challenge bond the dispute moved, lamports (to the re-executors when the result
    /// stood).
    pub challenge_bond_to_oracles: u64,
    /// Every check.
    pub checks: Vec<Check>,
}

impl Books {
    /// Whether every check holds.
    pub fn balanced(&self) -> bool {
        self.checks.iter().all(Check::holds)
    }
}

async fn lamports(world: &World, key: &Pubkey) -> anyhow::Result<u64> {
    Ok(world.rpc.get_balance(key).await?)
}

async fn tokens(world: &World, owner: &Pubkey) -> anyhow::Result<u64> {
    let account = world.usdc.account_of(owner);
    match world.rpc.get_token_account_balance(&account).await {
        Ok(balance) => Ok(balance.amount.parse()?),
        Err(_) => Ok(0),
    }
}

/// The balances that matter, now.
pub async fn snapshot(world: &World) -> anyhow::Result<Snapshot> {
    let mut snapshot = Snapshot::default();
    let mut wallets = vec![world.owner.pubkey(), world.treasury];
    wallets.extend(world.all_markets().map(|m| m.wallet));
    for key in wallets {
        snapshot.lamports.insert(key, lamports(world, &key).await?);
    }
    let mut holders = vec![world.desk.pubkey(), world.owner.pubkey(), world.treasury];
    holders.extend(world.operators.iter().map(|k| k.pubkey()));
    for key in holders {
        snapshot.tokens.insert(key, tokens(world, &key).await?);
    }
    for operator in &world.operators {
        snapshot
            .oracles
            .push(account(&world.rpc, &pda::oracle(&operator.pubkey())).await?);
    }
    snapshot.slashed_owed = account::<Config>(&world.rpc, &pda::config())
        .await?
        .slashed_owed;
    Ok(snapshot)
}

/// Collects everything the escrow owes anyone (the oracles must be stopped), then checks every
/// balance against `run`'s outcomes since `before`.
pub async fn settle_books(world: &World, run: &Run, before: &Snapshot) -> anyhow::Result<Books> {
    let config: Config = account(&world.rpc, &pda::config()).await?;
    let mut checks = Vec::new();

    // What the requests' final states say.
    let mut sol = Paid::default();
    let mut usdc = Paid::default();
    let mut per_wallet: BTreeMap<Pubkey, u64> = BTreeMap::new();
    let markets: Vec<_> = world.all_markets().collect();
    for tracked in &run.requests {
        let Some(request) = &tracked.last else {
            continue;
        };
        let paid = if tracked.kind == ModelKind::Stablecoin {
            &mut usdc
        } else {
            &mut sol
        };
        if tracked.outcome == Some(Outcome::Settled) {
            let split =
                FeeSplit::compute(request.price, request.protocol_fee_bps, request.royalty_bps)
                    .map_err(|e| anyhow::anyhow!("fee split: {e}"))?;
            paid.oracles += split.oracle;
            paid.owner += split.royalty;
            paid.protocol += split.protocol;
            if let Route::Market(m) = tracked.route {
                *per_wallet.entry(markets[m].wallet).or_default() += request.price;
            }
        } else {
            paid.refunded += request.price;
        }
    }
    let bond_to_oracles = match &run.dispute {
        Some(dispute) if matches!(dispute.status, DisputeStatus::Rejected { .. }) => {
            config.challenge_bond
        }
        _ => 0,
    };

    // Collect everything owed.
    let mut owner_fees = 0;
    let sol_models: Vec<Pubkey> = world
        .models()
        .into_iter()
        .filter(|m| m.kind != ModelKind::Stablecoin)
        .map(|m| m.account)
        .collect();
    let mut owed_oracles = 0u64;
    for operator in &world.operators {
        let state: Oracle = account(&world.rpc, &pda::oracle(&operator.pubkey())).await?;
        owed_oracles += state.fees_owed;
    }
    for (model, token) in sol_models
        .iter()
        .map(|m| (*m, None))
        .chain(std::iter::once((
            world.stablecoin_model.account,
            Some(world.usdc),
        )))
    {
        let state: Model = account(&world.rpc, &model).await?;
        if state.royalty_owed > 0 {
            let collect = ix::collect_royalty(&model, &world.owner.pubkey(), token);
            setup::send(&world.rpc, &[collect], &world.owner, &[]).await?;
            owner_fees += FEE_PER_SIGNATURE;
        }
        if state.protocol_fee_owed > 0 {
            let collect = ix::collect_protocol_fees(&model, &world.treasury, token);
            setup::send(&world.rpc, &[collect], &world.keeper, &[]).await?;
        }
    }
    for operator in &world.operators {
        let state: Oracle = account(&world.rpc, &pda::oracle(&operator.pubkey())).await?;
        if state.fees_owed > 0 {
            let collect = ix::collect_oracle_fees(&operator.pubkey());
            setup::send(&world.rpc, &[collect], operator, &[]).await?;
        }
        let earnings = pda::earnings(
            &world.stablecoin_model.account,
            &pda::oracle(&operator.pubkey()),
        );
        // An Earnings account exists from an oracle's first SPL claim; it may owe nothing.
        let owed = match account::<Earnings>(&world.rpc, &earnings).await {
            Ok(state) => state.owed,
            Err(_) => 0,
        };
        if owed > 0 {
            let collect = ix::collect_earnings(
                &world.stablecoin_model.account,
                &operator.pubkey(),
                world.usdc,
            );
            setup::send(&world.rpc, &[collect], operator, &[]).await?;
        }
    }
    // Slashed bonds the run sent to the treasury (the rest went to other oracles).
    let slashed_owed = config.slashed_owed - before.slashed_owed.min(config.slashed_owed);
    if config.slashed_owed > 0 {
        setup::send(
            &world.rpc,
            &[ix::collect_slashes(&world.treasury)],
            &world.keeper,
            &[],
        )
        .await?;
    }
    let after = snapshot(world).await?;

    let delta_lamports = |key: &Pubkey| {
        i128::from(after.lamports.get(key).copied().unwrap_or(0))
            - i128::from(before.lamports.get(key).copied().unwrap_or(0))
    };
    let delta_tokens = |key: &Pubkey| {
        i128::from(after.tokens.get(key).copied().unwrap_or(0))
            - i128::from(before.tokens.get(key).copied().unwrap_or(0))
    };
    let mut check = |what: String, expected: i128, actual: i128| {
        checks.push(Check {
            what,
            expected,
            actual,
        })
    };
    for market in &markets {
        check(
            format!(
                "market wallet {} paid exactly its settled prices",
                market.wallet
            ),
            -i128::from(per_wallet.get(&market.wallet).copied().unwrap_or(0)),
            delta_lamports(&market.wallet),
        );
    }
    check(
        "model owner received its SOL royalties (net of its collect fees)".into(),
        i128::from(sol.owner),
        delta_lamports(&world.owner.pubkey()) + i128::from(owner_fees),
    );
    check(
        "treasury received the SOL protocol fees and the slashed bonds".into(),
        i128::from(sol.protocol) + i128::from(slashed_owed),
        delta_lamports(&world.treasury),
    );
    let fees_before: u64 = before.oracles.iter().map(|o| o.fees_owed).sum();
    let stake_before: u64 = before.oracles.iter().map(|o| o.stake).sum();
    let stake_after: u64 = after.oracles.iter().map(|o| o.stake).sum();
    let slashed_before: u64 = before.oracles.iter().map(|o| o.total_slashed).sum();
    let slashed_after: u64 = after.oracles.iter().map(|o| o.total_slashed).sum();
    // A slashed bond goes to the treasury (a no-show), or to the oracles who did the work (a
    // seat outvoted or silent, a result overturned by re-execution). The demo's challenges are
    // decided by rounds, never by the arbiter, so none goes to a challenger.
    let slashed_to_oracles = i128::from(slashed_after - slashed_before) - i128::from(slashed_owed);
    check(
        "oracles were credited their SOL shares, the challenge bond when the result stood, and \
         the bonds slashed to them"
            .into(),
        i128::from(sol.oracles) + i128::from(bond_to_oracles) + slashed_to_oracles,
        i128::from(owed_oracles) - i128::from(fees_before),
    );
    check(
        "oracle stake lost is exactly the bonds slashed".into(),
        i128::from(slashed_after) - i128::from(slashed_before),
        i128::from(stake_before) - i128::from(stake_after),
    );
    check(
        "oracle fees left owed after collection".into(),
        0,
        i128::from(after.oracles.iter().map(|o| o.fees_owed).sum::<u64>()),
    );
    check(
        "desk paid exactly its settled stablecoin prices".into(),
        -i128::from(usdc.oracles + usdc.owner + usdc.protocol),
        delta_tokens(&world.desk.pubkey()),
    );
    check(
        "model owner received its stablecoin royalties".into(),
        i128::from(usdc.owner),
        delta_tokens(&world.owner.pubkey()),
    );
    check(
        "treasury received the stablecoin protocol fees".into(),
        i128::from(usdc.protocol),
        delta_tokens(&world.treasury),
    );
    check(
        "oracles received their stablecoin shares".into(),
        i128::from(usdc.oracles),
        world
            .operators
            .iter()
            .map(|k| delta_tokens(&k.pubkey()))
            .sum(),
    );
    for model in world.models() {
        let state: Model = account(&world.rpc, &model.account).await?;
        check(
            format!("{:?} model owes nothing after collection", model.kind),
            0,
            i128::from(state.royalty_owed + state.protocol_fee_owed),
        );
    }
    let open = run.requests.iter().filter(|t| !t.closed).count();
    check("requests the run did not close".into(), 0, open as i128);
    let mut requesters: Vec<Pubkey> = markets.iter().map(|m| m.wallet).collect();
    requesters.push(world.desk.pubkey());
    let mut left = 0usize;
    for requester in &requesters {
        left += requests_on_chain(world, requester).await?;
    }
    check(
        "request accounts of the markets and the desk left on chain".into(),
        0,
        left as i128,
    );

    Ok(Books {
        sol,
        usdc,
        slashed_lamports: slashed_after - slashed_before,
        slashes: after.oracles.iter().map(|o| o.slashes).sum::<u64>()
            - before.oracles.iter().map(|o| o.slashes).sum::<u64>(),
        challenge_bond_to_oracles: bond_to_oracles,
        checks,
    })
}

/// Request accounts of `requester` on chain (a `getProgramAccounts` filtered on the Request
/// discriminator and the requester field).
async fn requests_on_chain(world: &World, requester: &Pubkey) -> anyhow::Result<usize> {
    use anchor_lang::Discriminator;
    use solana_client::{
        rpc_config::{RpcAccountInfoConfig, RpcProgramAccountsConfig},
        rpc_filter::{Memcmp, RpcFilterType},
    };
    // Layout: 8-byte discriminator, version (u8), requester.
    let filters = vec![
        RpcFilterType::Memcmp(Memcmp::new_raw_bytes(
            0,
            inference_escrow_client::Request::DISCRIMINATOR.to_vec(),
        )),
        RpcFilterType::Memcmp(Memcmp::new_raw_bytes(9, requester.to_bytes().to_vec())),
    ];
    let config = RpcProgramAccountsConfig {
        filters: Some(filters),
        account_config: RpcAccountInfoConfig::default(),
        ..RpcProgramAccountsConfig::default()
    };
    Ok(world
        .rpc
        .get_program_ui_accounts_with_config(&inference_escrow::ID, config)
        .await?
        .len())
}
