//! The scenario: borrowers open positions in the lending protocol's markets and a keeper buys a
//! risk score for each by CPI; a desk pays in the stablecoin, some of its inputs malformed; the
//! retired model's requests expire; one result is disputed. Every request is driven until its
//! account is closed.

use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use anchor_lang::{prelude::Pubkey, AccountDeserialize, Space};
use anyhow::Context;
use futures_util::{
    future::{join_all, LocalBoxFuture},
    stream::FuturesUnordered,
    FutureExt, StreamExt,
};
use indicatif::{ProgressBar, ProgressStyle};
use inference_escrow_client::{
    decode, ix, pda, seats, CreateRequestArgs, Dispute, Payload, Request, RequestStatus, SeatState,
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
    /// Keeper transactions the program refused (another party acted first, or too early).
    pub refused: usize,
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
    let submitting = AtomicBool::new(true);
    let submit = async {
        let (markets, desk) = tokio::join!(
            join_all(submitters),
            submit_desk(world, desk, borrowers, &shared)
        );
        submitting.store(false, Ordering::SeqCst);
        let mut errors: Vec<String> = markets.into_iter().flatten().collect();
        errors.extend(desk);
        errors
    };
    let keeper = Keeper::new(world, &markets);
    let (submit_errors, driven) =
        tokio::join!(submit, keeper.drive(&shared, &submitting, &bar, limit));
    let driven = driven?;
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
        dispute: driven.dispute,
        elapsed,
        first_sent,
        refused: driven.refused,
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
    let mut nonce = 0u64;
    for row in borrowers_of_market {
        let request = consumer::escrow_request(&market.wallet, nonce);
        let mut sent = Instant::now();
        let mut landed = false;
        let mut last_error = None;
        // A send that reports an error may still have landed (a lost confirmation): the
        // request's address says which, and a retry uses the same nonce only if it did not.
        for _attempt in 0..3 {
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
                    &borrowers[row].features,
                ),
                consumer::ix::request_score(
                    &market.vault,
                    &market.model.account,
                    &position,
                    nonce,
                    ttl,
                ),
            ];
            sent = Instant::now();
            let result = setup::send(&world.rpc, &instructions, &world.keeper, &[&borrower]).await;
            let exists = result.is_ok()
                || matches!(world.rpc.get_account(&request).await, Ok(account) if account.owner == inference_escrow::ID);
            if exists {
                push(
                    &shared,
                    Tracked::new(
                        request,
                        Route::Market(index),
                        market.model.kind,
                        row,
                        Some(position),
                        sent,
                    ),
                );
                landed = true;
                break;
            }
            last_error = result.err();
        }
        if landed {
            nonce += 1;
        } else if let Some(err) = last_error {
            errors.push(format!(
                "position {row} (sent {:?} ago): {err:#}",
                sent.elapsed()
            ));
        }
    }
    errors
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
                callback: None,
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
    let mut sends: FuturesUnordered<_> = sends.collect();
    while let Some((nonce, row, malformed, sent, result)) = sends.next().await {
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Apply,
    Challenge,
    Settle,
    FinalizeQuorum,
    FinalizeDispute,
    Expire,
    Close,
}

/// Transactions in flight at once, at most.
const MAX_IN_FLIGHT: usize = 64;

/// The one dispute of the run: the request, its last read, whether its account is closed.
struct DisputeWatch {
    request: Pubkey,
    state: Option<Dispute>,
    closed: bool,
}

/// What the keeper's loop returns.
pub struct Driven {
    /// Keeper transactions the program refused because another party had acted first (or it
    /// was early); harmless, the keeper retries from the next read.
    pub refused: usize,
    /// The dispute as decided.
    pub dispute: Option<Dispute>,
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

    /// Polls every open request and sends the next action of each (at most
    /// [`MAX_IN_FLIGHT`] at once, reads not waiting for sends), until the submitters are done
    /// (`submitting` false) and every request and the dispute are closed.
    async fn drive(
        &self,
        shared: &Shared,
        submitting: &AtomicBool,
        bar: &ProgressBar,
        limit: Duration,
    ) -> anyhow::Result<Driven> {
        let started = Instant::now();
        let mut refused = 0;
        let mut dispute: Option<DisputeWatch> = None;
        let mut fulfilled_seen = 0usize;
        let mut in_flight: FuturesUnordered<
            LocalBoxFuture<'_, (usize, Action, anyhow::Result<()>)>,
        > = FuturesUnordered::new();
        let mut tick = tokio::time::interval(Duration::from_millis(150));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                Some((index, action, result)) = in_flight.next(), if !in_flight.is_empty() => {
                    let mut all = lock(shared)?;
                    let tracked = &mut all[index];
                    tracked.busy = false;
                    match (action, result) {
                        (Action::Apply, Ok(())) => tracked.applied = true,
                        (Action::Close, Ok(())) => {
                            tracked.closed = true;
                            bar.inc(1);
                        }
                        (Action::Challenge, Err(_)) => {
                            // Try another result: nothing was staked.
                            tracked.disputed = false;
                            dispute = None;
                            refused += 1;
                        }
                        (_, Ok(())) => {}
                        (_, Err(_)) => refused += 1,
                    }
                    continue;
                }
                _ = tick.tick() => {}
            }
            if started.elapsed() > limit {
                let all = lock(shared)?;
                let open = all.iter().filter(|t| !t.closed).count();
                anyhow::bail!(
                    "{open} of {} requests still open after {limit:?}",
                    all.len()
                );
            }
            // A failed read is retried on the next tick.
            let Ok(slot) = self.world.rpc.get_slot().await else {
                continue;
            };
            let Ok(states) = self.read_open(shared).await else {
                continue;
            };
            let all_closed = {
                let mut all = lock(shared)?;
                for (index, request) in states {
                    let tracked = &mut all[index];
                    let Some(request) = request else {
                        // Gone: closed by a send whose confirmation was lost.
                        if let Some(last) = tracked.last.as_ref().filter(|r| is_terminal(&r.status))
                        {
                            let outcome = outcome_of(last);
                            tracked.outcome.get_or_insert(outcome);
                            tracked.closed = true;
                            bar.inc(1);
                        }
                        continue;
                    };
                    observe(tracked, &request, &mut fulfilled_seen);
                    // A dispute is re-executed by oracles other than the one that produced the
                    // result.
                    let wants_dispute =
                        dispute.is_none() && fulfilled_seen >= 3 && self.world.operators.len() >= 2;
                    let action = self.next_action(tracked, &request, slot, wants_dispute);
                    let capacity = in_flight.len() < MAX_IN_FLIGHT;
                    if let (Some(action), true) = (action, capacity) {
                        if action == Action::Challenge {
                            dispute = Some(DisputeWatch {
                                request: tracked.key,
                                state: None,
                                closed: false,
                            });
                            tracked.disputed = true;
                        }
                        if action == Action::Close {
                            tracked.outcome = Some(outcome_of(&request));
                        }
                        tracked.busy = true;
                        let (key, route, position) = (tracked.key, tracked.route, tracked.position);
                        let request = request.clone();
                        in_flight.push(
                            async move {
                                let result =
                                    self.act(action, key, route, position, &request, slot).await;
                                (index, action, result)
                            }
                            .boxed_local(),
                        );
                    }
                    tracked.last = Some(request);
                }
                bar.set_message(summary(&all));
                all.iter().all(|t| t.closed)
            };
            if let Some(watch) = dispute.as_mut() {
                self.follow_dispute(watch).await;
            }
            let dispute_done = dispute.as_ref().is_none_or(|d| d.closed);
            if !submitting.load(Ordering::SeqCst)
                && all_closed
                && dispute_done
                && in_flight.is_empty()
            {
                return Ok(Driven {
                    refused,
                    dispute: dispute.and_then(|d| d.state),
                });
            }
        }
    }

    /// Reads every request that is neither closed nor being acted on.
    async fn read_open(&self, shared: &Shared) -> anyhow::Result<Vec<(usize, Option<Request>)>> {
        let open: Vec<(usize, Pubkey)> = lock(shared)?
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.closed && !t.busy)
            .map(|(i, t)| (i, t.key))
            .collect();
        let mut states = Vec::with_capacity(open.len());
        for chunk in open.chunks(100) {
            let keys: Vec<Pubkey> = chunk.iter().map(|(_, k)| *k).collect();
            let accounts = self.world.rpc.get_multiple_accounts(&keys).await?;
            for ((index, _), account) in chunk.iter().zip(accounts) {
                states.push((
                    *index,
                    account.and_then(|a| decode::account::<Request>(&a.data).ok()),
                ));
            }
        }
        Ok(states)
    }

    /// Reads the dispute until it is decided, then closes it (its lamports to the keeper).
    async fn follow_dispute(&self, watch: &mut DisputeWatch) {
        if watch.closed {
            return;
        }
        let key = pda::dispute(&watch.request);
        match account::<Dispute>(&self.world.rpc, &key).await {
            Ok(state) => {
                let decided = state.status.is_decided();
                watch.state = Some(state);
                if decided {
                    let close = seats::close_dispute(&watch.request, &self.world.keeper.pubkey());
                    watch.closed = self.send_keeper(&[close]).await.is_ok();
                }
            }
            // Closed already (a lost confirmation), once it had been read.
            Err(_) if watch.state.as_ref().is_some_and(|d| d.status.is_decided()) => {
                watch.closed = true;
            }
            Err(_) => {}
        }
    }

    fn next_action(
        &self,
        tracked: &Tracked,
        request: &Request,
        slot: u64,
        wants_dispute: bool,
    ) -> Option<Action> {
        if tracked.busy {
            return None;
        }
        let market = matches!(tracked.route, Route::Market(_));
        let quorum = request.policy.is_quorum();
        let seated = request.seats.iter().any(|seat| seat.is_bonded());
        match request.status {
            // A quorum round with bonded seats ends by finalize_quorum, not by expiry.
            RequestStatus::Open | RequestStatus::Claimed { .. } if quorum && seated => {
                let all_in = request.seats.len() == usize::from(request.policy.replicas)
                    && request
                        .seats
                        .iter()
                        .all(|s| matches!(s.state, SeatState::Revealed | SeatState::Failed));
                let late = request.reveal_deadline_slot != 0 && slot > request.reveal_deadline_slot;
                (all_in || late).then_some(Action::FinalizeQuorum)
            }
            RequestStatus::Open | RequestStatus::Claimed { .. } if slot > request.deadline_slot => {
                Some(Action::Expire)
            }
            RequestStatus::Open | RequestStatus::Claimed { .. } => None,
            RequestStatus::Fulfilled {
                slot: fulfilled, ..
            } => {
                let window_end = fulfilled + request.challenge_window_slots;
                // The keeper disputes before the position acts on the result.
                if wants_dispute && market && !quorum && slot + 4 < window_end {
                    Some(Action::Challenge)
                } else if market && !tracked.applied {
                    Some(Action::Apply)
                } else if request.disputed || slot > window_end {
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
        action: Action,
        key: Pubkey,
        route: Route,
        position: Option<Pubkey>,
        request: &Request,
        slot: u64,
    ) -> anyhow::Result<()> {
        let keys = ix::RequestKeys::new(key, request, self.world.usdc.token_program);
        match action {
            Action::Apply => {
                let Route::Market(m) = route else {
                    return Ok(());
                };
                let market = self.markets[m];
                let position = position.context("a market request has a position")?;
                let sent = self
                    .send_keeper(&[consumer::ix::apply_score(&market.vault, &position, &key)])
                    .await;
                if sent.is_err() {
                    // Landed with a lost confirmation: the position no longer waits for it.
                    let state: Position = account(&self.world.rpc, &position).await?;
                    if state.status.pending_request() != Some(key) {
                        return Ok(());
                    }
                }
                sent
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
                let revealed = dispute.seats.len() == usize::from(dispute.policy.replicas)
                    && dispute
                        .seats
                        .iter()
                        .all(|s| matches!(s.state, SeatState::Revealed | SeatState::Failed));
                let ended = revealed
                    || slot
                        > dispute
                            .reveal_deadline_slot
                            .max(dispute.commit_deadline_slot);
                if !ended {
                    return Ok(()); // the round is still running: look again next time
                }
                self.send_keeper(&[seats::finalize_dispute(&key, request, &dispute)])
                    .await
            }
            Action::Expire => {
                self.send_keeper(&[ix::expire_request(&key, ix::expiry_holder(request))])
                    .await
            }
            Action::Close => match route {
                Route::Market(m) => {
                    let market = self.markets[m];
                    // The vault reclaims a request only once its on_score callback ran; the
                    // oracle that settled it has usually delivered it. If this delivery is
                    // refused (delivered meanwhile), the reclaim below says whether to retry.
                    if !request.callback_delivered {
                        if let Some(deliver) = ix::deliver_callback(&key, request) {
                            let _ = self.send_keeper(&[deliver]).await;
                        }
                    }
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
            },
        }
    }

    async fn send_keeper(&self, instructions: &[Instruction]) -> anyhow::Result<()> {
        setup::send(&self.world.rpc, instructions, &self.world.keeper, &[]).await
    }
}

fn is_terminal(status: &RequestStatus) -> bool {
    matches!(
        status,
        RequestStatus::Settled { .. }
            | RequestStatus::Failed { .. }
            | RequestStatus::Expired { .. }
            | RequestStatus::Refunded { .. }
    )
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

/// How `request`, in a terminal state, ended. A quorum round that found no consensus ends
/// Expired with its seats: that is a refund without consensus, not an expiry.
fn outcome_of(request: &Request) -> Outcome {
    match request.status {
        RequestStatus::Settled { .. } => Outcome::Settled,
        RequestStatus::Failed { .. } => Outcome::Failed,
        RequestStatus::Expired { .. } if request.seats.is_empty() => Outcome::Expired,
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
