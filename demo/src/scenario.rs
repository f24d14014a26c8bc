//! The scenario: borrowers open positions in the lending protocol's markets and a keeper buys a
//! risk score for each by CPI; a desk pays in the stablecoin, some of its inputs malformed; the
//! retired model's requests expire; one result is disputed. Every request is driven until its
//! account is closed.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anchor_lang::{prelude::Pubkey, AccountDeserialize, Space};
use anyhow::Context;
use futures_util::future::join_all;
use indicatif::{ProgressBar, ProgressStyle};
use inference_escrow_client::{
    decode, ix, pda, seats, CreateRequestArgs, Dispute, DisputeStatus, Payload, Request,
    RequestStatus, SeatState,
};
use inference_localnet::setup;
use risk_consumer::{client as consumer, state::Position};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::{
    dataset::Borrower,
    world::{Market, ModelKind, World, PRICE_USDC, REQUEST_TTL, SHORT_TTL},
};

/// Who made a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// A market (vault) of the lending protocol, by CPI; the index in `World::all_markets`.
    Market(usize),
    /// The desk, directly, paying in the stablecoin; `malformed` inputs cannot be read.
    Desk { malformed: bool },
}

/// How a request ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Paid out to oracle, model owner and protocol.
    Settled,
    /// The oracle signed a failure; the requester was refunded.
    Failed,
    /// Nobody served it before its deadline; the requester was refunded.
    Expired,
    /// Refunded otherwise (no consensus, or an upheld challenge).
    Refunded,
}

/// One request and what the scenario saw of it.
#[derive(Clone, Debug)]
pub struct Tracked {
    /// The Request account.
    pub key: Pubkey,
    /// Who made it.
    pub route: Route,
    /// Which registration it was for.
    pub kind: ModelKind,
    /// The borrower's row in the data set.
    pub borrower: usize,
    /// The position it scores (market requests).
    pub position: Option<Pubkey>,
    /// When the transaction creating it was sent.
    pub sent: Instant,
    /// The request as last read; `None` before the first read.
    pub last: Option<Request>,
    /// Slots and milliseconds from the request to its result, once fulfilled.
    pub latency: Option<(u64, f64)>,
    /// When its result was first seen.
    pub fulfilled_at: Option<Instant>,
    /// The score, once fulfilled.
    pub score: Option<f32>,
    /// Its end, read before its account was closed.
    pub outcome: Option<Outcome>,
    /// The position took the result (`apply_score` landed).
    pub applied: bool,
    /// The account is closed and every lamport returned.
    pub closed: bool,
    /// It was challenged by the keeper.
    pub disputed: bool,
    /// An action on it is in flight.
    busy: bool,
}

/// What the run produced, for the report.
pub struct Run {
    /// Every request.
    pub requests: Vec<Tracked>,
    /// Requests that could not be created (each a defect).
    pub submit_errors: Vec<String>,
    /// The disputed request's dispute, as decided.
    pub dispute: Option<Dispute>,
    /// From the first request sent to the last closed.
    pub elapsed: Duration,
    /// From the first request sent to the last result.
    pub first_sent: Instant,
    /// Transactions the keeper sent that lost a race (another party did it first).
    pub benign_races: usize,
    /// Final position accounts of the markets' borrowers, by request index.
    pub positions: HashMap<usize, Position>,
}

type Shared = Arc<Mutex<Vec<Tracked>>>;

/// Splits `n` borrowers among the routes: about 8% to the desk (a third of them malformed),
/// 3% to the retired market, 10% to the quorum market when there is one, the rest to the SOL
/// markets in turn.
pub fn routes(n: usize, world: &World) -> Vec<Route> {
    let sol = world.markets.len();
    let quorum = world.quorum_market.as_ref().map(|_| sol);
    let retired = sol + usize::from(quorum.is_some());
    let mut desk = 0;
    (0..n)
        .map(|i| match (i % 100, quorum) {
            (0..=7, _) => {
                desk += 1;
                Route::Desk {
                    malformed: desk % 3 == 0,
                }
            }
            (8..=10, _) => Route::Market(retired),
            (11..=20, Some(q)) => Route::Market(q),
            _ => Route::Market(i % sol),
        })
        .collect()
}

/// Runs the scenario over `borrowers` until every request is closed or `limit` passes.
pub async fn run(
    world: &World,
    borrowers: &[Borrower],
    progress: bool,
    limit: Duration,
) -> anyhow::Result<Run> {
    let routes = routes(borrowers.len(), world);
    let markets: Vec<&Market> = world.all_markets().collect();
    let shared: Shared = Arc::new(Mutex::new(Vec::new()));
    let bar = progress_bar(borrowers.len(), progress);
    let first_sent = Instant::now();
    let position_rent = world
        .rpc
        .get_minimum_balance_for_rent_exemption(8 + Position::INIT_SPACE)
        .await?;

    // One submitter per market (its requests are numbered) and one for the desk.
    let mut submitters = Vec::new();
    for (index, market) in markets.iter().enumerate() {
        let mine: Vec<usize> = (0..borrowers.len())
            .filter(|&i| routes[i] == Route::Market(index))
            .collect();
        submitters.push(submit_market(
            world,
            market,
            index,
            mine,
            borrowers,
            position_rent,
            shared.clone(),
        ));
    }
    let desk: Vec<(usize, bool)> = (0..borrowers.len())
        .filter_map(|i| match routes[i] {
            Route::Desk { malformed } => Some((i, malformed)),
            Route::Market(_) => None,
        })
        .collect();
    let submit = async {
        let (markets, desk) = tokio::join!(
            join_all(submitters),
            submit_desk(world, desk, borrowers, &shared)
        );
        let mut errors: Vec<String> = markets.into_iter().flatten().collect();
        errors.extend(desk);
        errors
    };
    let keeper = Keeper::new(world, &markets);
    let (submit_errors, watch) =
        tokio::join!(submit, keeper.drive(&shared, &bar, limit, borrowers.len()));
    let (benign_races, dispute) = watch?;
    bar.finish_and_clear();
    let elapsed = first_sent.elapsed();

    let requests = shared
        .lock()
        .map_err(|_| anyhow::anyhow!("poisoned"))?
        .clone();
    let mut positions = HashMap::new();
    for (index, tracked) in requests.iter().enumerate() {
        if let Some(position) = tracked.position {
            positions.insert(index, account::<Position>(&world.rpc, &position).await?);
        }
    }
    Ok(Run {
        requests,
        submit_errors,
        dispute,
        elapsed,
        first_sent,
        benign_races,
        positions,
    })
}

fn progress_bar(n: usize, visible: bool) -> ProgressBar {
    if !visible {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "   [{elapsed_precise}] {bar:40.cyan/blue} {pos}/{len} requests closed  {msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

fn features_le(features: &[f32]) -> Vec<u8> {
    features.iter().flat_map(|f| f.to_le_bytes()).collect()
}

/// Opens each borrower's position and requests its score, one transaction per borrower: the
/// keeper lends the position's rent, the borrower signs for its position.
async fn submit_market(
    world: &World,
    market: &Market,
    index: usize,
    borrowers_of_market: Vec<usize>,
    borrowers: &[Borrower],
    position_rent: u64,
    shared: Shared,
) -> Vec<String> {
    let mut errors = Vec::new();
    let ttl = if market.model.kind == ModelKind::Retired {
        SHORT_TTL
    } else {
        REQUEST_TTL
    };
    for (nonce, row) in borrowers_of_market.into_iter().enumerate() {
        let borrower = Keypair::new();
        let position = consumer::position_pda(&market.vault, &borrower.pubkey());
        let instructions = [
            solana_system_interface::instruction::transfer(
                &world.keeper.pubkey(),
                &borrower.pubkey(),
                position_rent,
            ),
            consumer::ix::open_position(
                &borrower.pubkey(),
                &market.vault,
                &borrows(borrowers, row),
            ),
            consumer::ix::request_score(
                &market.vault,
                &market.model.account,
                &position,
                nonce as u64,
                ttl,
            ),
        ];
        let sent = Instant::now();
        match setup::send(&world.rpc, &instructions, &world.keeper, &[&borrower]).await {
            Ok(()) => push(
                &shared,
                Tracked::new(
                    consumer::escrow_request(&market.wallet, nonce as u64),
                    Route::Market(index),
                    market.model.kind,
                    row,
                    Some(position),
                    sent,
                ),
            ),
            Err(err) => {
                errors.push(format!("position {row}: {err:#}"));
                // A failed request_score leaves the vault's nonce where it was: stop this
                // market rather than send requests it would refuse.
                break;
            }
        }
    }
    errors
}

fn borrows(borrowers: &[Borrower], row: usize) -> Vec<f32> {
    borrowers[row].features.to_vec()
}

/// The desk's requests, paid in the stablecoin: inline features, or (malformed) an input URI
/// an oracle refuses to fetch (a private address, a local file).
async fn submit_desk(
    world: &World,
    rows: Vec<(usize, bool)>,
    borrowers: &[Borrower],
    shared: &Shared,
) -> Vec<String> {
    let mut errors = Vec::new();
    let model = world.stablecoin_model.account;
    let sends = rows
        .into_iter()
        .enumerate()
        .map(|(nonce, (row, malformed))| {
            let input = if !malformed {
                Payload::Inline(features_le(&borrowers[row].features))
            } else if nonce % 2 == 0 {
                Payload::Uri {
                    uri: format!("http://127.0.0.1:9/positions/{row}.bin"),
                    sha256: [0; 32],
                }
            } else {
                Payload::Uri {
                    uri: "file:///etc/hostname".to_owned(),
                    sha256: [0; 32],
                }
            };
            let args = CreateRequestArgs {
                nonce: nonce as u64,
                input,
                ttl_slots: REQUEST_TTL,
                callback_program: None,
                max_price: PRICE_USDC,
                challenger: None,
            };
            let instruction =
                ix::create_request_token(&world.desk.pubkey(), &model, world.usdc, args);
            async move {
                let sent = Instant::now();
                let result = setup::send(&world.rpc, &[instruction], &world.desk, &[]).await;
                (nonce, row, malformed, sent, result)
            }
        });
    for (nonce, row, malformed, sent, result) in join_all(sends).await {
        match result {
            Ok(()) => push(
                shared,
                Tracked::new(
                    pda::request(&world.desk.pubkey(), nonce as u64),
                    Route::Desk { malformed },
                    ModelKind::Stablecoin,
                    row,
                    None,
                    sent,
                ),
            ),
            Err(err) => errors.push(format!("desk request {nonce}: {err:#}")),
        }
    }
    errors
}

fn push(shared: &Shared, tracked: Tracked) {
    if let Ok(mut all) = shared.lock() {
        all.push(tracked);
    }
}

impl Tracked {
    fn new(
        key: Pubkey,
        route: Route,
        kind: ModelKind,
        borrower: usize,
        position: Option<Pubkey>,
        sent: Instant,
    ) -> Self {
        Self {
            key,
            route,
            kind,
            borrower,
            position,
            sent,
            last: None,
            latency: None,
            fulfilled_at: None,
            score: None,
            outcome: None,
            applied: false,
            closed: false,
            disputed: false,
            busy: false,
        }
    }
}

/// Reads and decodes an account.
pub async fn account<T: AccountDeserialize + anchor_lang::Discriminator>(
    rpc: &RpcClient,
    key: &Pubkey,
) -> anyhow::Result<T> {
    let data = rpc
        .get_account_data(key)
        .await
        .with_context(|| format!("reading {key}"))?;
    decode::account(&data).with_context(|| format!("decoding {key}"))
}

/// The next thing to do for a request, decided from its state.
enum Action {
    Apply,
    Challenge,
    Settle,
    FinalizeQuorum,
    FinalizeDispute,
    Expire,
    Close,
}

/// The lending protocol's keeper: watches every request and sends what moves it on.
struct Keeper<'a> {
    world: &'a World,
    markets: &'a [&'a Market],
    /// Oracle account → its operator's wallet (settlement names the wallet).
    authorities: HashMap<Pubkey, Pubkey>,
}

impl<'a> Keeper<'a> {
    fn new(world: &'a World, markets: &'a [&'a Market]) -> Self {
        let authorities = world
            .operators
            .iter()
            .map(|k| (pda::oracle(&k.pubkey()), k.pubkey()))
            .collect();
        Self {
            world,
            markets,
            authorities,
        }
    }

    /// Polls every open request, sends the next action of each, until all `total` requests are
    /// closed. Returns the keeper's lost races and the dispute as decided.
    async fn drive(
        &self,
        shared: &Shared,
        bar: &ProgressBar,
        limit: Duration,
        total: usize,
    ) -> anyhow::Result<(usize, Option<Dispute>)> {
        let started = Instant::now();
        let mut races = 0;
        let mut dispute: Option<(Pubkey, Option<Dispute>, bool)> = None;
        let mut fulfilled_seen = 0usize;
        let mut expected = total;
        loop {
            let slot = self.world.rpc.get_slot().await?;
            let snapshot: Vec<(usize, Pubkey)> = {
                let all = lock(shared)?;
                all.iter()
                    .enumerate()
                    .filter(|(_, t)| !t.closed && !t.busy)
                    .map(|(i, t)| (i, t.key))
                    .collect()
            };
            let mut states = Vec::with_capacity(snapshot.len());
            for chunk in snapshot.chunks(100) {
                let keys: Vec<Pubkey> = chunk.iter().map(|(_, k)| *k).collect();
                let accounts = self.world.rpc.get_multiple_accounts(&keys).await?;
                for ((index, _), account) in chunk.iter().zip(accounts) {
                    let request = account.and_then(|a| decode::account::<Request>(&a.data).ok());
                    states.push((*index, request));
                }
            }
            let mut actions = Vec::new();
            {
                let mut all = lock(shared)?;
                for (index, request) in states {
                    let tracked = &mut all[index];
                    let Some(request) = request else {
                        continue;
                    };
                    observe(tracked, &request, &mut fulfilled_seen);
                    // A dispute is re-executed by oracles other than the one that produced the result.
                    let wants_dispute =
                        dispute.is_none() && fulfilled_seen >= 3 && self.world.operators.len() >= 2;
                    if let Some(action) = self.next_action(tracked, &request, slot, wants_dispute) {
                        if matches!(action, Action::Challenge) {
                            dispute = Some((tracked.key, None, false));
                            tracked.disputed = true;
                        }
                        tracked.busy = true;
                        actions.push((index, action, request.clone()));
                    }
                    tracked.last = Some(request);
                }
            }
            // The dispute account, once decided, and its closing.
            if let Some((request_key, decided, closed)) = dispute.as_mut() {
                if decided.is_none() {
                    if let Ok(state) =
                        account::<Dispute>(&self.world.rpc, &pda::dispute(request_key)).await
                    {
                        if state.status != DisputeStatus::Open {
                            *decided = Some(state);
                        }
                    }
                }
                if decided.is_some() && !*closed {
                    let close = seats::close_dispute(request_key, &self.world.keeper.pubkey());
                    if self.send_keeper(&[close]).await.is_ok() {
                        *closed = true;
                    }
                }
            }
            let results = join_all(actions.into_iter().map(
                |(index, action, request)| async move {
                    let key = lock(shared).map(|all| all[index].key);
                    let outcome = match key {
                        Ok(key) => self.act(&action, index, key, &request, shared).await,
                        Err(err) => Err(err),
                    };
                    (index, action, outcome)
                },
            ))
            .await;
            {
                let mut all = lock(shared)?;
                for (index, action, outcome) in results {
                    let tracked = &mut all[index];
                    tracked.busy = false;
                    match (action, outcome) {
                        (Action::Apply, Ok(())) => tracked.applied = true,
                        (Action::Close, Ok(())) => {
                            tracked.closed = true;
                            bar.inc(1);
                        }
                        (_, Ok(())) => {}
                        (_, Err(_)) => races += 1,
                    }
                }
                let closed = all.iter().filter(|t| t.closed).count();
                bar.set_message(summary(&all));
                // Requests that could not be created will never arrive.
                expected = expected.min(total);
                let dispute_done = dispute.as_ref().is_none_or(|(_, _, closed)| *closed);
                if closed == all.len() && all.len() >= expected && dispute_done {
                    return Ok((races, dispute.and_then(|(_, d, _)| d)));
                }
                if started.elapsed() > limit {
                    anyhow::bail!(
                        "{} of {} requests still open after {limit:?}",
                        all.len() - closed,
                        all.len()
                    );
                }
                // Submitters that stopped early leave fewer requests: accept what exists once
                // nothing has been added for a while.
                if started.elapsed() > Duration::from_secs(20) && all.len() < expected {
                    expected = all.len().max(expected.saturating_sub(1));
                }
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    fn next_action(
        &self,
        tracked: &Tracked,
        request: &Request,
        slot: u64,
        wants_dispute: bool,
    ) -> Option<Action> {
        let market = matches!(tracked.route, Route::Market(_));
        let quorum = request.policy.is_quorum();
        match request.status {
            RequestStatus::Open | RequestStatus::Claimed { .. } if slot > request.deadline_slot => {
                Some(Action::Expire)
            }
            RequestStatus::Open if quorum => {
                let all_in = !request.seats.is_empty()
                    && request.seats.len() == usize::from(request.policy.replicas)
                    && request
                        .seats
                        .iter()
                        .all(|s| matches!(s.state, SeatState::Revealed | SeatState::Failed));
                let late = request.reveal_deadline_slot != 0 && slot > request.reveal_deadline_slot;
                (all_in || late).then_some(Action::FinalizeQuorum)
            }
            RequestStatus::Open | RequestStatus::Claimed { .. } => None,
            RequestStatus::Fulfilled {
                slot: fulfilled, ..
            } => {
                if market && !tracked.applied {
                    Some(Action::Apply)
                } else if wants_dispute
                    && market
                    && !quorum
                    && slot + 4 < fulfilled + request.challenge_window_slots
                {
                    Some(Action::Challenge)
                } else if request.disputed || slot > fulfilled + request.challenge_window_slots {
                    Some(Action::Settle)
                } else {
                    None
                }
            }
            RequestStatus::Challenged { .. } => Some(Action::FinalizeDispute),
            RequestStatus::Settled { .. }
            | RequestStatus::Failed { .. }
            | RequestStatus::Expired { .. }
            | RequestStatus::Refunded { .. } => {
                if market && !tracked.applied {
                    Some(Action::Apply)
                } else {
                    Some(Action::Close)
                }
            }
        }
    }

    async fn act(
        &self,
        action: &Action,
        index: usize,
        key: Pubkey,
        request: &Request,
        shared: &Shared,
    ) -> anyhow::Result<()> {
        let route = lock(shared)?[index].route;
        let keys = ix::RequestKeys::new(key, request, self.world.usdc.token_program);
        match action {
            Action::Apply => {
                let Route::Market(m) = route else {
                    return Ok(());
                };
                let market = self.markets[m];
                let position = lock(shared)?[index]
                    .position
                    .context("a market request has a position")?;
                self.send_keeper(&[consumer::ix::apply_score(&market.vault, &position, &key)])
                    .await
            }
            Action::Challenge => {
                self.send_keeper(&[ix::challenge_request(&self.world.keeper.pubkey(), &key)])
                    .await
            }
            Action::Settle => {
                let settle = if request.policy.is_quorum() {
                    seats::settle_quorum(&keys, request)
                } else {
                    let oracle = request
                        .status
                        .oracle()
                        .context("a fulfilled request has an oracle")?;
                    let authority = self.authorities.get(&oracle).context("a known oracle")?;
                    ix::settle_request(&keys, authority)
                };
                self.send_keeper(&[settle]).await
            }
            Action::FinalizeQuorum => {
                self.send_keeper(&[seats::finalize_quorum(&key, request)])
                    .await
            }
            Action::FinalizeDispute => {
                let dispute: Dispute = account(&self.world.rpc, &pda::dispute(&key)).await?;
                self.send_keeper(&[seats::finalize_dispute(&key, request, &dispute)])
                    .await
            }
            Action::Expire => {
                self.send_keeper(&[ix::expire_request(&key, ix::expiry_holder(request))])
                    .await
            }
            Action::Close => {
                {
                    let mut all = lock(shared)?;
                    all[index].outcome = Some(outcome_of(&request.status));
                }
                match route {
                    Route::Market(m) => {
                        let market = self.markets[m];
                        let reclaim = consumer::ix::reclaim_request(
                            &market.authority.pubkey(),
                            &market.vault,
                            &key,
                        );
                        setup::send(&self.world.rpc, &[reclaim], &market.authority, &[]).await
                    }
                    Route::Desk { .. } => {
                        setup::send(
                            &self.world.rpc,
                            &[ix::close_request(&keys)],
                            &self.world.desk,
                            &[],
                        )
                        .await
                    }
                }
            }
        }
    }

    async fn send_keeper(&self, instructions: &[Instruction]) -> anyhow::Result<()> {
        setup::send(&self.world.rpc, instructions, &self.world.keeper, &[]).await
    }
}

/// Records what a fresh read of `request` tells: its result, latency and score.
fn observe(tracked: &mut Tracked, request: &Request, fulfilled_seen: &mut usize) {
    if tracked.fulfilled_at.is_some() {
        return;
    }
    if let RequestStatus::Fulfilled { slot, .. } = request.status {
        tracked.fulfilled_at = Some(Instant::now());
        let ms = tracked.sent.elapsed().as_secs_f64() * 1e3;
        tracked.latency = Some((slot.saturating_sub(request.created_slot), ms));
        tracked.score = inline_score(request);
        *fulfilled_seen += 1;
    }
}

/// The one f32 of an inline output.
pub fn inline_score(request: &Request) -> Option<f32> {
    match &request.output {
        Some(inference_escrow_client::DataRef::Inline(bytes)) if bytes.len() == 4 => {
            Some(f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        }
        _ => None,
    }
}

fn outcome_of(status: &RequestStatus) -> Outcome {
    match status {
        RequestStatus::Settled { .. } => Outcome::Settled,
        RequestStatus::Failed { .. } => Outcome::Failed,
        RequestStatus::Expired { .. } => Outcome::Expired,
        _ => Outcome::Refunded,
    }
}

fn summary(all: &[Tracked]) -> String {
    let fulfilled = all.iter().filter(|t| t.fulfilled_at.is_some()).count();
    format!("{} sent, {fulfilled} with a result", all.len())
}

fn lock(shared: &Shared) -> anyhow::Result<std::sync::MutexGuard<'_, Vec<Tracked>>> {
    shared
        .lock()
        .map_err(|_| anyhow::anyhow!("the request table was poisoned"))
}
