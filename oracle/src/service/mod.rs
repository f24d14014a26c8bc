//! The oracle's service loop.
//!
//! ```text
//!  websocket programSubscribe (memcmp: Request, model, live status) ─┐
//!  getProgramAccounts sweep of served models' live requests ─────────┼─► consider(request) ─► Work | Settle | Round
//!  getProgramAccounts sweep of held requests ───────────────────────┘
//!
//!  Work   : gate ─► [claim with the terms read] ─► input ─► ModelRuntime::infer ─► sign ─► fulfil
//!                                         └─ request fault ─► signed failure (refund)
//!  Round  : a seat in a quorum request or in a dispute of a result we did not produce
//!  Settle : after the request's challenge window, credit the shares (anyone may; we crank ours);
//!           a dispute of our result: finalize it once its round (or the arbiter's time) ended
//!  Status : every few seconds, wallet balance, stake and bonds: the claim gate and /health
//! ```
//! The oracle protects its own stake first. It claims only when the claim can be finished: a
//! served model whose output it can post inline, enough slots left before the deadline (the
//! protocol's `min_fulfil_slots` plus `claim_margin_slots`), a wallet above its balance floor
//! (it pays for its own transactions), and free stake for the claim bond. It settles everything
//! it fulfilled, including requests of models it no longer serves, and fails (signed, refunding
//! the requester) claims it can no longer finish. On shutdown it stops claiming, finishes what
//! is in flight and fails what it still holds before the grace period ends.
//!
//! Quorum requests and dispute rounds (`rounds.rs`): seats are claimed, committed, revealed and
//! finalized the same way, one step per look at the chain.
//!
//! Every decision is re-derived from the chain: a restarted oracle finds its claimed requests
//! (resumes them), its seats (commits or reveals them) and its fulfilled ones (settles them). Only
//! the salts of commitments not yet revealed are kept on disk (`salts.rs`). A request key is
//! worked on by at most one task at a time (`in_flight`), and `concurrency` tasks run at once.

use std::{
    collections::{HashMap, HashSet},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, Mutex,
    },
    time::{Duration, Instant},
};

use anchor_lang::prelude::Pubkey;
use futures_util::StreamExt;
use inference_escrow_client::{
    attestation,
    ix::{self, RequestKeys},
    pda, Config, EscrowError, Model, OracleStatus, Request, RequestStatus,
};
use solana_client::nonblocking::pubsub_client::PubsubClient;
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::sync::{watch, Semaphore};

use crate::{
    chain::{Chain, ChainError},
    inference::ModelRuntime,
    input::InputPolicy,
    metrics::{Health, Metrics},
    salts::SaltStore,
};

mod rounds;
mod settle;

/// A model this oracle serves: its account, its on-chain state and its loaded runtime.
#[derive(Clone)]
pub struct Served {
    /// The Model account.
    pub account: Pubkey,
    /// Its on-chain state when it was loaded.
    pub model: Model,
    /// The ONNX Runtime session worker.
    pub runtime: ModelRuntime,
    /// What the oracle signs as its execution id for this model (runtime, version, provider).
    pub execution_id: [u8; 32],
}

/// How the oracle works, protects its own stake and fetches inputs (from its configuration).
#[derive(Clone, Debug)]
pub struct Policy {
    /// Requests worked on at once.
    pub concurrency: usize,
    /// Slots beyond the protocol's `min_fulfil_slots` a request must have left to be claimed.
    pub claim_margin_slots: u64,
    /// Below this wallet balance, in lamports, no new claims.
    pub min_balance_lamports: u64,
    /// Collect the SOL fees owed to the oracle once they reach this (0: never).
    pub collect_fees_min_lamports: u64,
    /// How inputs by URI are fetched.
    pub input: InputPolicy,
}

/// Execution id signed when no model ran (a failure of a claim the oracle cannot serve).
const NOTHING_RAN: &str = "oracle/none";

/// Reason of the signed failure for a claim the oracle holds but no longer serves.
const UNSERVED_REASON: &str = "model not served by this oracle";
/// Reason of the signed failure for a claim still held when the oracle shuts down.
const SHUTDOWN_REASON: &str = "oracle shutting down";
/// Reason of the signed failure when the request reserved URI space only.
const URI_OUTPUT_REASON: &str = "output larger than the inline limit; this oracle posts inline";
/// Reason of the signed failure when the model's output does not fit the request's space.
const OUTPUT_MISFIT_REASON: &str = "model output does not fit the request's output space";

/// How often the wallet balance, stake and protocol config are read.
const STATUS_EVERY: Duration = Duration::from_secs(2);

/// Slots between two looks at a round this oracle takes part in: its deadlines pass without
/// any account changing, so no update would wake it.
const REVISIT_SLOTS: u64 = 4;

/// Why a claim was skipped when the free stake does not cover its bond.
const SKIPPED_FOR_STAKE: &str = "free_stake";

/// Slots to wait before asking again for something the program said is not due yet.
const RETRY_SLOTS: u64 = 10;
/// Largest output sent in one transaction with its claim: claim, Ed25519 instruction and
/// fulfil together exceed a transaction's 1,232 bytes beyond about 200 bytes of output.
const ONE_TRANSACTION_MAX_OUTPUT: usize = 192;

/// What to do about a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// Claim (or resume, or take over), run, fulfil; or fail a held claim it cannot finish.
    Work,
    /// Pay it out, or end the dispute of our result once it can be ended.
    Settle,
    /// Take, commit, reveal or finalize a seat in its round (or its dispute's).
    Round,
    /// Nothing now.
    Skip,
}

/// Why the oracle takes no new claims.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Blocker {
    /// As `/health` or `/ready` print it.
    reason: String,
    /// Whether the oracle cannot do its job (wallet, account gone: `/health` 503) or has only
    /// paused new claims (unbonding, shutting down: `/ready` 503).
    fault: bool,
}

/// The claim gate: what the last status read found.
#[derive(Debug, Default)]
struct Gate {
    /// Lamports staked at the last read.
    stake: AtomicU64,
    /// Status reads in a row that found no oracle account (0: it exists).
    missing_reads: std::sync::atomic::AtomicU32,
    /// Wallet lamports.
    wallet: AtomicU64,
    /// The oracle account is Active.
    active: AtomicBool,
    /// `total_slashed` of the oracle account at the last read (`u64::MAX` before the first).
    slashed: AtomicU64,
    /// Stake not locked as bonds at the last read (the program refuses a claim beyond it; the
    /// refusal comes at simulation, before any fee).
    free_stake: AtomicU64,
    /// Bonds of claims on their way (reserved, not landed yet).
    reserved: AtomicU64,
    /// Bonds of claims that landed since the last read (which may not count them yet).
    landed: AtomicU64,
}

impl Gate {
    /// Sets `bond` aside from the free stake, if there is that much beside the bonds of
    /// claims on their way and of those landed since the last read.
    fn reserve(&self, bond: u64) -> Option<Reservation<'_>> {
        let free = self
            .free_stake
            .load(Ordering::Relaxed)
            .saturating_sub(self.landed.load(Ordering::Relaxed));
        self.reserved
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |reserved| {
                let after = reserved.checked_add(bond)?;
                (after <= free).then_some(after)
            })
            .ok()
            .map(|_| Reservation {
                gate: self,
                bond,
                kept: false,
            })
    }

    /// The bonds landed so far: pass it to [`Gate::read`] with a read sent after this call.
    fn landed_before_read(&self) -> u64 {
        self.landed.load(Ordering::Relaxed)
    }

    /// Takes in the chain's free stake from a read sent when `landed_before` bonds had landed:
    /// those it counts and are forgotten; bonds landed since may not be counted yet and stay.
    fn read(&self, free_stake: u64, landed_before: u64) {
        self.free_stake.store(free_stake, Ordering::Relaxed);
        let _ = self
            .landed
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |landed| {
                Some(landed.saturating_sub(landed_before))
            });
    }
}

/// The running oracle.
pub struct Oracle {
    chain: Arc<Chain>,
    authority: Keypair,
    attestation: Keypair,
    /// The authority's Oracle account.
    oracle: Pubkey,
    models: HashMap<Pubkey, Served>,
    /// The protocol config, re-read with every status read.
    config: Mutex<Config>,
    policy: Policy,
    metrics: Metrics,
    health: Arc<Health>,
    gate: Gate,
    /// Set on shutdown: no new claims.
    draining: AtomicBool,
    in_flight: Mutex<HashSet<Pubkey>>,
    /// Work on requests this oracle may claim (`concurrency` at once).
    permits: Arc<Semaphore>,
    /// Work on what this oracle already holds (resumed claims, seats to commit, reveal or
    /// finalize): its own pool, so that a burst of new requests never delays a step whose
    /// deadline guards the stake.
    held_permits: Arc<Semaphore>,
    /// Token program of each SPL payment mint seen.
    token_programs: Mutex<HashMap<Pubkey, Pubkey>>,
    /// Fulfilled (or challenged) requests of ours waiting for their window to close.
    due: Mutex<HashMap<Pubkey, Request>>,
    /// Requests not to retry before this slot (their round, window or arbiter is not done).
    not_before: Mutex<HashMap<Pubkey, u64>>,
    /// Requests whose round this oracle takes part in, with the slot to look at them again
    /// (deadlines pass without any account changing).
    rounds: Mutex<HashMap<Pubkey, u64>>,
    /// Salts of commitments not yet revealed.
    salts: SaltStore,
    /// Rounds (address, id) whose outcome for this oracle has been counted.
    ended: Mutex<HashSet<(Pubkey, u64)>>,
    /// Open requests skipped for want of free stake, to look at again when stake frees.
    waiting_for_stake: Mutex<HashMap<Pubkey, Request>>,
    /// Set while a settlement pass runs (one at a time, beside the service loop).
    settling: AtomicBool,
    /// The claim blocker of the last status read (logged when it changes).
    last_blocker: Mutex<Option<Option<String>>>,
    /// Requests this oracle started work on: (creation slot, last slot anything can happen
    /// to it, when first seen). Counts each request once in `requests_seen`; pruned by the
    /// sweep once the request is past its deadlines.
    seen: Mutex<HashMap<Pubkey, Seen>>,
    /// Results whose transaction was sent but not confirmed (an RPC outage, a timeout): the
    /// request's creation slot and whether the transaction carried the claim. Counted when
    /// the chain shows them landed, so the counters stay true after network errors.
    unsure: Mutex<HashMap<Pubkey, (u64, bool)>>,
    /// The newest slot seen from any source (websocket notifications, any endpoint).
    newest_slot: AtomicU64,
    /// Settlements sent but not confirmed: counted when the next look finds them settled.
    unsure_settlements: Mutex<HashSet<Pubkey>>,
    /// Requests whose dispute round this oracle holds a seat in, until the round ends (its
    /// seat must be finished even if the model is no longer served).
    seated_disputes: Mutex<HashSet<Pubkey>>,
}

/// A request this oracle started work on.
#[derive(Clone, Copy, Debug)]
struct Seen {
    created_slot: u64,
    /// After this slot nothing is left for this oracle to do but settle.
    last_slot: u64,
    /// When it was first seen.
    at: Instant,
    /// The last reason a claim of it was skipped for.
    skipped: Option<&'static str>,
    /// This oracle's result (or signed failure) for it landed: a stale view of it (a sweep
    /// read before the result landed) must not run the model again.
    answered: bool,
}

/// A claim's bond set aside from the gate's free stake while the claim is on its way; given
/// back when dropped unless the claim landed ([`Reservation::keep`]), in which case it stays
/// set aside until the next status read counts it. Status reads never overwrite reservations
/// (they are kept apart from the chain's figure).
struct Reservation<'a> {
    gate: &'a Gate,
    bond: u64,
    kept: bool,
}

impl Reservation<'_> {
    /// The claim landed: the bond stays set aside until the next read.
    fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if self.kept {
            self.gate.landed.fetch_add(self.bond, Ordering::Relaxed);
        }
        self.gate.reserved.fetch_sub(self.bond, Ordering::Relaxed);
    }
}

/// Clears its flag when dropped.
struct ClearOnDrop<'a>(&'a AtomicBool);

impl Drop for ClearOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

/// Why a request's work stopped early.
#[derive(Debug, thiserror::Error)]
enum WorkError {
    #[error(transparent)]
    Chain(#[from] ChainError),
    #[error("inference: {0}")]
    Inference(#[from] crate::inference::InferenceError),
    #[error("request {0} vanished")]
    Gone(Pubkey),
    #[error("salt store: {0}")]
    Salts(std::io::Error),
}

impl Oracle {
    /// An oracle for `authority` serving `models`; reads the protocol config from the chain.
    #[allow(clippy::too_many_arguments)]
    pub async fn new(
        chain: Arc<Chain>,
        authority: Keypair,
        attestation: Keypair,
        models: Vec<Served>,
        policy: Policy,
        metrics: Metrics,
        health: Arc<Health>,
        salts: SaltStore,
    ) -> anyhow::Result<Self> {
        let oracle = pda::oracle(&authority.pubkey());
        let config: Config = chain
            .account(&pda::config())
            .await?
            .ok_or_else(|| anyhow::anyhow!("the protocol config does not exist on this cluster"))?;
        let state: inference_escrow_client::Oracle =
            chain.account(&oracle).await?.ok_or_else(|| {
                anyhow::anyhow!(
                    "{} is not registered as an oracle: run `oracle register` first",
                    authority.pubkey()
                )
            })?;
        anyhow::ensure!(
            state.attestation_key == attestation.pubkey(),
            "the attestation key {} is not the one registered for this oracle ({})",
            attestation.pubkey(),
            state.attestation_key
        );
        for served in &models {
            // Present (at 0) before the first request, so dashboards and alerts have series.
            let label = Metrics::model(&served.account);
            for counter in [
                &metrics.requests_seen,
                &metrics.requests_claimed,
                &metrics.requests_fulfilled,
                &metrics.requests_failed,
                &metrics.requests_settled,
            ] {
                let _ = counter.get_or_create(&label);
            }
            metrics
                .execution_provider
                .get_or_create(&crate::metrics::ProviderLabel {
                    model: served.account.to_string(),
                    provider: served.runtime.provider().to_owned(),
                })
                .set(1);
        }
        Ok(Self {
            chain,
            authority,
            attestation,
            oracle,
            models: models
                .into_iter()
                .map(|served| (served.account, served))
                .collect(),
            config: Mutex::new(config),
            permits: Arc::new(Semaphore::new(policy.concurrency.max(1))),
            held_permits: Arc::new(Semaphore::new(policy.concurrency.max(1))),
            policy,
            metrics,
            health,
            gate: Gate {
                slashed: AtomicU64::new(u64::MAX),
                free_stake: AtomicU64::new(0),
                ..Gate::default()
            },
            draining: AtomicBool::new(false),
            in_flight: Mutex::new(HashSet::new()),
            token_programs: Mutex::new(HashMap::new()),
            due: Mutex::new(HashMap::new()),
            not_before: Mutex::new(HashMap::new()),
            rounds: Mutex::new(HashMap::new()),
            salts,
            ended: Mutex::new(HashSet::new()),
            settling: AtomicBool::new(false),
            last_blocker: Mutex::new(None),
            waiting_for_stake: Mutex::new(HashMap::new()),
            seen: Mutex::new(HashMap::new()),
            unsure: Mutex::new(HashMap::new()),
            newest_slot: AtomicU64::new(0),
            unsure_settlements: Mutex::new(HashSet::new()),
            seated_disputes: Mutex::new(HashSet::new()),
        })
    }

    /// Runs until `shutdown` turns true, then drains within `grace`: no new claims, in-flight
    /// work finishes, and whatever is still held near the end of `grace` gets a signed failure.
    pub async fn run(
        self: Arc<Self>,
        ws_urls: Vec<String>,
        sweep_every: Duration,
        grace: Duration,
        mut shutdown: watch::Receiver<bool>,
    ) {
        self.metrics.up.set(1);
        self.health.beat();
        self.resume_saved_rounds().await;
        self.clone().refresh_status().await;
        let subscriber = tokio::spawn(self.clone().subscribe(ws_urls, shutdown.clone()));
        let mut sweep = tokio::time::interval(sweep_every);
        let mut settle_tick = tokio::time::interval(Duration::from_millis(500));
        let mut status_tick = tokio::time::interval(STATUS_EVERY);
        let mut settler: Option<tokio::task::JoinHandle<()>> = None;
        loop {
            self.health.beat();
            tokio::select! {
                _ = shutdown.changed() => break,
                _ = sweep.tick() => {
                    if self.clone().sweep().await {
                        self.health.swept();
                    }
                }
                _ = settle_tick.tick() => {
                    // Beside the loop, one pass at a time: settlement never delays claims or
                    // a shutdown (what is left is settled by anyone, or after a restart).
                    if !self.settling.swap(true, Ordering::SeqCst) {
                        let this = self.clone();
                        settler = Some(tokio::spawn(async move {
                            // Cleared however the pass ends (a panic included).
                            let _done = ClearOnDrop(&this.settling);
                            tokio::join!(
                                this.clone().settle_due(),
                                this.clone().revisit_rounds()
                            );
                        }));
                    }
                }
                _ = status_tick.tick() => {
                    self.clone().refresh_status().await;
                    self.publish_queues();
                    if self.withdrawn() {
                        tracing::info!(oracle = %self.oracle, "the oracle account was withdrawn and nothing is left to finish: stopping");
                        break;
                    }
                }
            }
        }
        subscriber.abort();
        if let Some(settler) = settler {
            settler.abort();
        }
        self.drain(grace).await;
        self.metrics.up.set(0);
        self.metrics.claiming.set(0);
        self.health.stopped();
    }

    /// Looks at every round the salt store holds a commitment for: one whose account is gone
    /// (closed while this oracle was away) is forgotten; the others are looked at again at
    /// once, served model or not, so that a committed seat reveals instead of being slashed.
    async fn resume_saved_rounds(&self) {
        let rounds = match self.salts.rounds() {
            Ok(rounds) => rounds,
            Err(err) => {
                tracing::warn!(%err, "cannot list the salt store");
                return;
            }
        };
        for round in rounds {
            let request = match self.chain.account_data(&round).await {
                Ok(None) => {
                    match self.salts.remove(&round) {
                        Ok(()) => tracing::info!(%round, "forgot the salt of a round that is gone"),
                        Err(err) => tracing::warn!(%round, %err, "could not remove a stale salt"),
                    }
                    continue;
                }
                Ok(Some(data)) => {
                    match inference_escrow_client::decode::account::<inference_escrow_client::Dispute>(
                        &data,
                    ) {
                        Ok(dispute) => {
                            if let Ok(mut seated) = self.seated_disputes.lock() {
                                seated.insert(dispute.request);
                            }
                            dispute.request
                        }
                        // A quorum request's own round.
                        Err(_) => round,
                    }
                }
                Err(err) => {
                    tracing::warn!(%round, %err, "cannot read a saved round; it is looked at when it changes");
                    continue;
                }
            };
            tracing::info!(%round, %request, "resuming a seat committed before the restart");
            if let Ok(mut map) = self.rounds.lock() {
                map.insert(request, 0);
            }
        }
    }

    /// Stops claiming, lets in-flight work finish, and fails (signed, refunding the requester)
    /// every request still held once most of `grace` is spent, so that no claim is left to
    /// expire into a slash.
    async fn drain(&self, grace: Duration) {
        self.draining.store(true, Ordering::SeqCst);
        self.metrics.claiming.set(0);
        self.health.draining();
        let started = Instant::now();
        // Keep a third of the grace (at most 10 s) to fail what is still held.
        let reserve = (grace / 3).min(Duration::from_secs(10));
        let in_flight = self.in_flight_count();
        tracing::info!(
            in_flight,
            grace_secs = grace.as_secs(),
            "stopping: no new claims; finishing in-flight requests"
        );
        while self.in_flight_count() > 0 && started.elapsed() + reserve < grace {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let remaining = grace.saturating_sub(started.elapsed());
        match tokio::time::timeout(remaining, self.fail_held_claims()).await {
            Ok(0) => tracing::info!("stopped holding no claim"),
            Ok(failed) => {
                tracing::warn!(
                    failed,
                    "failed the claims still held; their requesters are refunded"
                )
            }
            Err(_) => tracing::error!(
                "the grace period ended while failing held claims; they resume on restart or expire"
            ),
        }
    }

    fn in_flight_count(&self) -> usize {
        self.in_flight.lock().map(|set| set.len()).unwrap_or(0)
    }

    /// Fails every request this oracle holds in Claimed; returns how many it failed.
    async fn fail_held_claims(&self) -> usize {
        let held = match self.chain.requests_held_by(&self.oracle).await {
            Ok(held) => held,
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::error!(%err, "cannot list the claims still held");
                return 0;
            }
        };
        let mut failed = 0;
        for (key, request) in held {
            if !matches!(request.status, RequestStatus::Claimed { oracle, .. } if oracle == self.oracle)
            {
                continue;
            }
            let span = tracing::info_span!("request", request = %key);
            let failing = self.fail_unrunnable(key, &request, SHUTDOWN_REASON);
            match tracing::Instrument::instrument(failing, span).await {
                Ok(()) => failed += 1,
                Err(err) => {
                    self.metrics.error("drain");
                    tracing::warn!(request = %key, %err, "could not fail a held claim on shutdown");
                }
            }
        }
        failed
    }

    /// Reads the wallet balance, the oracle account and the protocol config; opens or closes
    /// the claim gate, updates the gauges and `/health`, and collects owed fees past the
    /// threshold.
    async fn refresh_status(self: Arc<Self>) {
        let authority = self.authority.pubkey();
        match self.chain.balance(&authority).await {
            Ok(lamports) => {
                self.gate.wallet.store(lamports, Ordering::Relaxed);
                self.metrics.wallet_lamports.set(to_gauge(lamports));
            }
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::warn!(%err, "cannot read the wallet balance");
            }
        }
        let landed_before = self.gate.landed_before_read();
        match self
            .chain
            .account::<inference_escrow_client::Oracle>(&self.oracle)
            .await
        {
            Ok(Some(state)) => {
                self.apply_oracle_state(&state, landed_before);
                let threshold = self.policy.collect_fees_min_lamports;
                if threshold > 0 && state.fees_owed >= threshold {
                    self.collect_fees(state.fees_owed).await;
                }
            }
            Ok(None) => {
                // Withdrawn (or never registered): nothing is staked, bonded or owed any more.
                self.gate.missing_reads.fetch_add(1, Ordering::Relaxed);
                self.gate.active.store(false, Ordering::Relaxed);
                self.gate.read(0, u64::MAX);
                for gauge in [
                    &self.metrics.stake_lamports,
                    &self.metrics.bonded_lamports,
                    &self.metrics.free_stake_lamports,
                    &self.metrics.fees_owed_lamports,
                ] {
                    gauge.set(0);
                }
            }
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::warn!(%err, "cannot read the oracle account");
            }
        }
        if let Ok(Some(config)) = self.chain.account::<Config>(&pda::config()).await {
            if let Ok(mut current) = self.config.lock() {
                *current = config;
            }
        }
        let blocker = self.claim_blocker();
        self.metrics.claiming.set(i64::from(blocker.is_none()));
        let reason = blocker.as_ref().map(|b| b.reason.clone());
        let changed = self
            .last_blocker
            .lock()
            .map(|mut last| {
                let changed = *last != Some(reason.clone());
                *last = Some(reason.clone());
                changed
            })
            .unwrap_or(false);
        if changed {
            match &reason {
                None => tracing::info!("taking claims"),
                Some(reason) => tracing::warn!(reason, "not taking claims"),
            }
        }
        // Faults make /health 503; a pause (unbonding, shutting down) only /ready.
        let (fault, pause) = match blocker {
            Some(Blocker {
                reason,
                fault: true,
            }) => (Some(reason), None),
            Some(Blocker {
                reason,
                fault: false,
            }) => (None, Some(reason)),
            None => (None, None),
        };
        self.health.set_blocker(fault);
        self.health.set_paused(pause);
    }

    /// Whether the oracle account is gone for good (several status reads in a row found none)
    /// with no work in flight: a withdrawn oracle has nothing left to do.
    fn withdrawn(&self) -> bool {
        /// Reads in a row (2 s apart) that found no account: one lagging endpoint is not enough.
        const READS: u32 = 3;
        self.gate.missing_reads.load(Ordering::Relaxed) >= READS && self.in_flight_count() == 0
    }

    /// Sets the queue gauges: work in flight, settlements pending, requests waiting for stake.
    fn publish_queues(&self) {
        let len = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        self.metrics.in_flight.set(len(self.in_flight_count()));
        if let Ok(due) = self.due.lock() {
            self.metrics.pending_settlements.set(len(due.len()));
        }
        if let Ok(waiting) = self.waiting_for_stake.lock() {
            self.metrics.waiting_for_stake.set(len(waiting.len()));
        }
    }

    /// Records `slot` as the endpoint's view (`from_endpoint`) or as seen elsewhere, and sets
    /// the slot gauges.
    fn observe_slot(&self, slot: u64, from_endpoint: bool) {
        let newest = self
            .newest_slot
            .fetch_max(slot, Ordering::Relaxed)
            .max(slot);
        if from_endpoint {
            self.metrics.slot.set(to_gauge(slot));
            self.metrics.slot_lag.set(to_gauge(newest - slot));
        }
    }

    /// Why the oracle cannot take new claims now, or `None`.
    fn claim_blocker(&self) -> Option<Blocker> {
        let pause = |reason: String| {
            Some(Blocker {
                reason,
                fault: false,
            })
        };
        let fault = |reason: String| {
            Some(Blocker {
                reason,
                fault: true,
            })
        };
        if self.draining.load(Ordering::SeqCst) {
            return pause("shutting down".to_owned());
        }
        if self.gate.missing_reads.load(Ordering::Relaxed) > 0 {
            return fault(format!(
                "the oracle account {} does not exist (its stake was withdrawn, or it was never \
                 registered): this service stops once nothing is left to finish",
                self.oracle
            ));
        }
        let (paused, min_stake) = self
            .config
            .lock()
            .map(|c| (c.paused, c.min_oracle_stake))
            .unwrap_or((false, 0));
        if paused {
            return pause(
                "the protocol is paused: the program takes no claims until its admin resumes it"
                    .to_owned(),
            );
        }
        if !self.gate.active.load(Ordering::Relaxed) {
            return pause(
                "the oracle account is unbonding: no new claims; the requests it holds are still \
                 finished and settled"
                    .to_owned(),
            );
        }
        let stake = self.gate.stake.load(Ordering::Relaxed);
        if stake < min_stake {
            return fault(format!(
                "stake {stake} lamports is below the protocol's minimum of {min_stake} (after a \
                 slash?): the program refuses claims; add stake with `oracle stake add --sol N`"
            ));
        }
        let wallet = self.gate.wallet.load(Ordering::Relaxed);
        if wallet < self.policy.min_balance_lamports {
            return fault(format!(
                "wallet balance {wallet} lamports is below the floor of {} lamports: fund {}",
                self.policy.min_balance_lamports,
                self.authority.pubkey()
            ));
        }
        None
    }

    /// Pays the oracle's SOL fees owed into its wallet.
    async fn collect_fees(&self, owed: u64) {
        let collect = ix::collect_oracle_fees(&self.authority.pubkey());
        match self.chain.send(&[collect], &self.authority, &[]).await {
            Ok(_) => tracing::info!(lamports = owed, "collected the oracle's fees"),
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::warn!(%err, "collecting the oracle's fees failed; will retry");
            }
        }
    }

    /// Reads every live request of every served model, and every request this oracle holds,
    /// and considers each; returns whether every read succeeded.
    async fn sweep(self: Arc<Self>) -> bool {
        let slot = match self.chain.slot().await {
            Ok(slot) => slot,
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::warn!(%err, "sweep: cannot read the slot");
                return false;
            }
        };
        let mut complete = true;
        self.observe_slot(slot, true);
        self.forget_seen_before(slot);
        self.resolve_unsure(slot).await;
        match self.chain.requests_held_by(&self.oracle).await {
            Ok(held) => {
                for (key, request) in held {
                    self.clone().consider(key, request, slot);
                }
            }
            Err(err) => {
                complete = false;
                self.metrics.error(err.kind());
                tracing::warn!(%err, "sweep of held requests failed");
            }
        }
        for model in self.models.keys().copied().collect::<Vec<_>>() {
            match self.chain.live_requests_of(&model).await {
                Ok(requests) => {
                    for (key, request) in requests {
                        self.clone().consider(key, request, slot);
                    }
                }
                Err(err) => {
                    complete = false;
                    self.metrics.error(err.kind());
                    tracing::warn!(%err, %model, "sweep failed");
                }
            }
        }
        complete
    }

    /// Follows new and changed requests of the served models over the websocket, moving to the
    /// next endpoint when one drops.
    async fn subscribe(self: Arc<Self>, ws_urls: Vec<String>, mut shutdown: watch::Receiver<bool>) {
        if ws_urls.is_empty() {
            return;
        }
        let mut index = 0;
        loop {
            let url = &ws_urls[index % ws_urls.len()];
            index += 1;
            match PubsubClient::new(url).await {
                Ok(client) => {
                    tracing::info!(%url, "websocket connected");
                    let mut failed = 0;
                    let mut streams = Vec::new();
                    for model in self.models.keys() {
                        for tag in crate::chain::LIVE_STATUS_TAGS {
                            let config = crate::chain::model_requests_filter(model, Some(tag));
                            match client
                                .program_subscribe(&inference_escrow::ID, Some(config))
                                .await
                            {
                                Ok((stream, _unsubscribe)) => streams.push(stream),
                                Err(err) => {
                                    failed += 1;
                                    self.metrics.error("websocket");
                                    tracing::warn!(%err, %model, "program subscription failed");
                                }
                            }
                        }
                    }
                    // Connected means every subscription is up; the sweep covers the rest.
                    self.metrics.websocket_connected.set(i64::from(failed == 0));
                    let mut merged = futures_util::stream::select_all(streams);
                    loop {
                        tokio::select! {
                            _ = shutdown.changed() => return,
                            update = merged.next() => {
                                let Some(update) = update else { break };
                                let Ok(key) = update.value.pubkey.parse::<Pubkey>() else { continue };
                                let Some(data) = update.value.account.data.decode() else { continue };
                                let Ok(request) = inference_escrow_client::decode::account::<Request>(&data) else { continue };
                                self.observe_slot(update.context.slot, false);
                                self.clone().consider(key, request, update.context.slot);
                            }
                        }
                    }
                    self.metrics.websocket_connected.set(0);
                    self.metrics.error("websocket");
                    tracing::warn!(%url, "websocket closed; reconnecting");
                }
                Err(err) => {
                    self.metrics.error("websocket");
                    tracing::warn!(%url, %err, "websocket connection failed");
                }
            }
            tokio::select! {
                _ = shutdown.changed() => return,
                _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            }
        }
    }

    /// Whether a claim at `slot` of work due by `deadline` leaves the oracle enough slots to
    /// finish it.
    fn leaves_time(&self, deadline: u64, slot: u64) -> bool {
        let Ok(config) = self.config.lock() else {
            return false;
        };
        let needed = config
            .min_fulfil_slots
            .saturating_add(self.policy.claim_margin_slots);
        deadline >= slot && deadline - slot >= needed
    }

    /// Whether a claim of `request` at `slot` leaves the oracle enough slots to finish it.
    fn in_claim_window(&self, request: &Request, slot: u64) -> bool {
        self.leaves_time(request.deadline_slot, slot)
    }

    /// What a quorum request, or a challenged request (at `key`), needs from this oracle at
    /// `slot`.
    fn decide_round(&self, key: &Pubkey, request: &Request, served: bool, slot: u64) -> Action {
        let seated = request.seats.iter().any(|seat| seat.oracle == self.oracle);
        match request.status {
            RequestStatus::Open if seated => Action::Round,
            // A free seat only until the deadline: a round nobody filled stays open until
            // someone ends it, and must not be looked at forever.
            RequestStatus::Open
                if served
                    && request.seats.len() < request.policy.replicas as usize
                    && slot <= request.deadline_slot =>
            {
                Action::Round
            }
            RequestStatus::Fulfilled { .. } if seated => Action::Settle,
            // Ended without consensus (or settled by another): count how the seat ended.
            RequestStatus::Expired { .. } | RequestStatus::Settled { .. } if seated => {
                Action::Settle
            }
            RequestStatus::Challenged { .. } if self.produced(request) => Action::Settle,
            RequestStatus::Challenged { .. }
                if served
                    || self
                        .seated_disputes
                        .lock()
                        .is_ok_and(|seated| seated.contains(key)) =>
            {
                Action::Round
            }
            _ => Action::Skip,
        }
    }

    /// Decides what `request` needs from this oracle at `slot`.
    fn decide(&self, key: &Pubkey, request: &Request, slot: u64) -> Action {
        let served = self.models.contains_key(&request.model);
        if request.policy.is_quorum() || matches!(request.status, RequestStatus::Challenged { .. })
        {
            return self.decide_round(key, request, served, slot);
        }
        let claimable = served && self.in_claim_window(request, slot);
        let timeout = self
            .config
            .lock()
            .map(|c| c.claim_timeout_slots)
            .unwrap_or(u64::MAX);
        match request.status {
            RequestStatus::Open if claimable => Action::Work,
            // Ours: resume it, or fail it if it cannot be run here.
            RequestStatus::Claimed { oracle, .. }
                if oracle == self.oracle && slot <= request.deadline_slot =>
            {
                Action::Work
            }
            RequestStatus::Claimed {
                oracle,
                slot: claimed,
            } if oracle != self.oracle && claimable && slot > claimed.saturating_add(timeout) => {
                Action::Work
            }
            RequestStatus::Fulfilled { oracle, .. } if oracle == self.oracle => Action::Settle,
            _ => Action::Skip,
        }
    }

    /// This oracle's result for `key` (created at `created_slot`) landed with a confirmation:
    /// an earlier attempt that went unconfirmed did not land (this one would have been
    /// refused), so it is no longer unsure; returns whether to count it (see
    /// [`Oracle::mark_answered`]).
    fn result_landed(&self, key: &Pubkey, created_slot: u64) -> bool {
        if let Ok(mut unsure) = self.unsure.lock() {
            unsure.remove(key);
        }
        self.mark_answered(key, created_slot)
    }

    /// Marks this oracle's result for the request created at `created_slot` at `key` as landed
    /// and counted; returns whether this call is the first to do so (the one that counts it).
    fn mark_answered(&self, key: &Pubkey, created_slot: u64) -> bool {
        let Ok(mut seen) = self.seen.lock() else {
            return true;
        };
        match seen.get_mut(key) {
            Some(entry) if entry.created_slot == created_slot => {
                !std::mem::replace(&mut entry.answered, true)
            }
            // Not seen by this process (a restart, or pruned): counted by whoever lands it.
            _ => true,
        }
    }

    /// Whether this oracle's result for the request created at `created_slot` at `key` landed.
    fn answered(&self, key: &Pubkey, created_slot: u64) -> bool {
        self.seen.lock().is_ok_and(|seen| {
            seen.get(key)
                .is_some_and(|s| s.answered && s.created_slot == created_slot)
        })
    }

    /// Forgets the requests first seen whose deadlines are long past `slot`.
    fn forget_seen_before(&self, slot: u64) {
        // Past its last slot a request only waits for settlement; the margin covers a
        // lagging notification.
        const MARGIN_SLOTS: u64 = 1_000;
        if let Ok(mut seen) = self.seen.lock() {
            seen.retain(|_, s| s.last_slot.saturating_add(MARGIN_SLOTS) >= slot);
        }
    }

    /// Looks at the results sent without a confirmation: counts those the chain shows landed
    /// (a signed failure is terminal, so no sweep or notification would show it again), and
    /// forgets those long past their deadline or closed.
    async fn resolve_unsure(&self, slot: u64) {
        let keys: Vec<Pubkey> = match self.unsure.lock() {
            Ok(unsure) if !unsure.is_empty() => unsure.keys().copied().collect(),
            _ => return,
        };
        let found = match self.chain.accounts::<Request>(&keys).await {
            Ok(found) => found,
            Err(err) => {
                self.metrics.error(err.kind());
                return;
            }
        };
        for (key, request) in keys.iter().zip(found) {
            if let Some(request) = &request {
                self.count_unsure(key, request);
            }
            let over = request.is_none_or(|r| slot > r.deadline_slot.saturating_add(RETRY_SLOTS));
            if over {
                if let Ok(mut unsure) = self.unsure.lock() {
                    unsure.remove(key);
                }
            }
        }
    }

    /// Counts a result whose transaction was not confirmed when sent, once the chain shows
    /// it landed.
    fn count_unsure(&self, key: &Pubkey, request: &Request) {
        // Any status naming this oracle but Claimed comes after its result.
        let landed = request.status.oracle() == Some(self.oracle)
            && !matches!(request.status, RequestStatus::Claimed { .. });
        if !landed {
            return;
        }
        let claimed = match self.unsure.lock() {
            Ok(mut unsure) => match unsure.get(key) {
                Some(&(created, claimed)) if created == request.created_slot => {
                    unsure.remove(key);
                    claimed
                }
                _ => return,
            },
            Err(_) => return,
        };
        if !self.mark_answered(key, request.created_slot) {
            return;
        }
        let label = Metrics::model(&request.model);
        if claimed {
            self.metrics.requests_claimed.get_or_create(&label).inc();
        }
        let counter = match request.status {
            RequestStatus::Failed { .. } => &self.metrics.requests_failed,
            // Settled, challenged, refunded after a result: it was fulfilled.
            _ => &self.metrics.requests_fulfilled,
        };
        counter.get_or_create(&label).inc();
        tracing::info!(request = %key, status = ?request.status, "a result whose confirmation was lost has landed");
    }

    /// Starts a task for `request` unless one runs for it already.
    fn consider(self: Arc<Self>, key: Pubkey, request: Request, slot: u64) {
        self.count_unsure(&key, &request);
        let action = self.decide(&key, &request, slot);
        if action == Action::Skip {
            return;
        }
        if action == Action::Settle {
            let counted = self
                .ended
                .lock()
                .map(|set| set.contains(&(key, request.created_slot)))
                .unwrap_or(false);
            if counted && request.status.is_terminal() {
                return;
            }
            if let Ok(mut due) = self.due.lock() {
                due.insert(key, request);
            }
            return;
        }
        if action == Action::Round {
            if let Ok(mut rounds) = self.rounds.lock() {
                rounds.insert(key, slot.saturating_add(REVISIT_SLOTS));
            }
        }
        if action == Action::Work && self.answered(&key, request.created_slot) {
            return;
        }
        if !self
            .in_flight
            .lock()
            .map(|mut set| set.insert(key))
            .unwrap_or(false)
        {
            return;
        }
        let first_look = self.seen.lock().is_ok_and(|mut seen| {
            // A newer request at this address replaces the entry; an older view never does.
            let fresh = seen
                .get(&key)
                .is_none_or(|s| s.created_slot < request.created_slot);
            if fresh {
                seen.insert(
                    key,
                    Seen {
                        created_slot: request.created_slot,
                        last_slot: request.deadline_slot.max(request.reveal_deadline_slot),
                        at: Instant::now(),
                        skipped: None,
                        answered: false,
                    },
                );
            }
            fresh
        });
        if first_look {
            self.metrics
                .requests_seen
                .get_or_create(&Metrics::model(&request.model))
                .inc();
        }
        let span = tracing::info_span!("request", request = %key);
        let task = async move {
            // Seats already taken (and disputes, whose seats live in another account) count
            // as held; a round this oracle has no seat in yet competes with new claims.
            let held = request.status.oracle() == Some(self.oracle)
                || request.seats.iter().any(|seat| seat.oracle == self.oracle)
                || matches!(request.status, RequestStatus::Challenged { .. });
            let pool = if held {
                &self.held_permits
            } else {
                &self.permits
            };
            if let Ok(_permit) = pool.clone().acquire_owned().await {
                let result = match action {
                    Action::Round => self.work_round(key).await,
                    _ => self.work(key, request, slot).await,
                };
                if let Err(err) = result {
                    let kind = match &err {
                        WorkError::Chain(err) => err.kind(),
                        WorkError::Inference(_) => "inference",
                        WorkError::Gone(_) => "gone",
                        WorkError::Salts(_) => "salts",
                    };
                    self.metrics.error(kind);
                    tracing::warn!(request = %key, %err, "request left for a later attempt");
                }
            }
            if let Ok(mut set) = self.in_flight.lock() {
                set.remove(&key);
            }
        };
        tokio::spawn(tracing::Instrument::instrument(task, span));
    }

    /// The bond a claim of `request` locks.
    fn bond_for(&self, request: &Request) -> u64 {
        match self.config.lock() {
            Ok(config) => config.claim_bond(request.price).unwrap_or(u64::MAX),
            Err(_) => u64::MAX,
        }
    }

    /// Takes in what the oracle account says: the claim gate (active, free stake) and the
    /// stake gauges; counts a slash seen since the last read.
    fn apply_oracle_state(&self, state: &inference_escrow_client::Oracle, landed_before: u64) {
        self.gate.missing_reads.store(0, Ordering::Relaxed);
        self.gate.stake.store(state.stake, Ordering::Relaxed);
        self.gate
            .active
            .store(state.status == OracleStatus::Active, Ordering::Relaxed);
        self.metrics.stake_lamports.set(to_gauge(state.stake));
        self.metrics
            .free_stake_lamports
            .set(to_gauge(state.free_stake()));
        self.gate.read(state.free_stake(), landed_before);
        let before = self
            .gate
            .slashed
            .swap(state.total_slashed, Ordering::Relaxed);
        if before != u64::MAX && state.total_slashed > before {
            let lost = state.total_slashed - before;
            self.metrics.slashed_lamports.inc_by(lost);
            tracing::warn!(lamports = lost, "stake slashed");
        }
        self.metrics.bonded_lamports.set(to_gauge(state.bonded));
        self.metrics
            .fees_owed_lamports
            .set(to_gauge(state.fees_owed));
    }

    /// Re-reads the oracle account when requests wait for free stake (one account read).
    async fn refresh_stake(&self) {
        let waiting = self
            .waiting_for_stake
            .lock()
            .map(|waiting| !waiting.is_empty())
            .unwrap_or(false);
        if !waiting {
            return;
        }
        let landed_before = self.gate.landed_before_read();
        match self
            .chain
            .account::<inference_escrow_client::Oracle>(&self.oracle)
            .await
        {
            Ok(Some(state)) => self.apply_oracle_state(&state, landed_before),
            Ok(None) => {}
            Err(err) => self.metrics.error(err.kind()),
        }
    }

    /// Considers again the requests skipped for want of free stake (after a settlement or a
    /// status read freed some).
    fn reconsider_waiting_for_stake(self: &Arc<Self>, slot: u64) {
        let waiting = match self.waiting_for_stake.lock() {
            Ok(mut waiting) => std::mem::take(&mut *waiting),
            Err(_) => return,
        };
        for (key, request) in waiting {
            self.clone().consider(key, request, slot);
        }
    }

    /// The claim's bond set aside from the free stake when this oracle may claim `request`
    /// now; otherwise the reason, counted in `oracle_claims_skipped_total{kind}` once per
    /// request and reason (a request looked at again for the same reason is not recounted).
    fn may_claim(&self, key: &Pubkey, request: &Request) -> Result<Reservation<'_>, &'static str> {
        let reason = if self.draining.load(Ordering::SeqCst) {
            "draining"
        } else if self.claim_blocker().is_some() {
            "balance"
        } else if request.output_capacity == 0 {
            // The request reserved URI space only; this oracle posts outputs inline.
            "output_by_uri"
        } else {
            // As last read (every few seconds, no RPC call on the critical path), less the
            // bonds of claims on their way: a burst does not claim beyond the stake.
            match self.gate.reserve(self.bond_for(request)) {
                Some(reservation) => return Ok(reservation),
                None => SKIPPED_FOR_STAKE,
            }
        };
        let repeated = self.seen.lock().is_ok_and(|mut seen| {
            seen.get_mut(key)
                .is_some_and(|s| s.skipped.replace(reason) == Some(reason))
        });
        if !repeated {
            self.metrics.skip_claim(reason);
            tracing::debug!(reason, model = %request.model, "claim skipped");
        }
        Err(reason)
    }

    /// Runs `key`'s model and posts the signed result (or signed failure), claiming the request
    /// in the same transaction when this oracle does not hold it yet.
    ///
    /// The model runs before the claim: claim and result land together, so the oracle never
    /// holds a claim it has not answered (its bond is never at stake across a slot) and the
    /// result arrives a slot sooner. When another oracle claimed first, the transaction is
    /// refused and only the inference is lost.
    ///
    /// `request` and `slot` are as the websocket or the sweep saw them: no read on the critical
    /// path. A request that moved on since makes the transaction fail its simulation (no fee).
    async fn work(&self, key: Pubkey, request: Request, slot: u64) -> Result<(), WorkError> {
        if self.decide(&key, &request, slot) != Action::Work {
            return Ok(());
        }
        let label = Metrics::model(&request.model);
        let claim = if request.status.oracle() == Some(self.oracle) {
            None
        } else {
            let reservation = match self.may_claim(&key, &request) {
                Ok(reservation) => reservation,
                Err(SKIPPED_FOR_STAKE) => {
                    // Looked at again as soon as a settlement frees stake, not at the next sweep.
                    if let Ok(mut waiting) = self.waiting_for_stake.lock() {
                        waiting.insert(key, request);
                    }
                    return Ok(());
                }
                Err(_) => return Ok(()),
            };
            // The claim names the terms read here: a request re-created at this address since
            // (another model, input, price or deadline) refuses it.
            Some((
                ix::claim_request(&self.authority.pubkey(), &key, &request),
                reservation,
            ))
        };
        let (mut claim, mut reservation) = claim.unzip();
        let Some(served) = self.models.get(&request.model).cloned() else {
            // Claimed earlier under a configuration that served this model.
            return self.fail_unrunnable(key, &request, UNSERVED_REASON).await;
        };
        if request.output_capacity == 0 {
            return self.fail_unrunnable(key, &request, URI_OUTPUT_REASON).await;
        }
        let result = self.run_model(key, &request, &served).await?;
        // A large output does not fit one transaction with the claim: claim first, alone
        // (its bond is then held for the one slot until the result lands).
        if let (Some(ix), Ok(output)) = (&claim, &result) {
            if output.len() > ONE_TRANSACTION_MAX_OUTPUT {
                match self
                    .chain
                    .send(std::slice::from_ref(ix), &self.authority, &[])
                    .await
                {
                    Ok(seconds) => {
                        self.observe("claim", seconds);
                        // Locked on chain from now on, whatever happens to the result.
                        if let Some(reservation) = reservation.take() {
                            reservation.keep();
                            self.metrics.requests_claimed.get_or_create(&label).inc();
                        }
                    }
                    Err(err) if Self::lost_race(&err, 1) => {
                        self.metrics.skip_claim("claimed_by_another");
                        return Ok(());
                    }
                    Err(err) => return Err(err.into()),
                }
                claim = None;
            }
        }
        // Whether the result's transaction carries the claim (not when it went alone above).
        let claiming = claim.is_some();
        let mut instructions: Vec<Instruction> = claim.into_iter().collect();
        let fulfilled = match &result {
            Ok(output) => {
                instructions.extend(ix::fulfill_signed(
                    &self.authority.pubkey(),
                    &self.attestation,
                    &key,
                    &request,
                    served.model.onnx_sha256,
                    inference_escrow_client::Payload::Inline(output.clone()),
                    served.execution_id,
                ));
                true
            }
            Err(reason) => {
                let reason = truncate(reason, inference_escrow::constants::MAX_FAIL_REASON_LEN);
                instructions.extend(ix::fail_signed(
                    &self.authority.pubkey(),
                    &self.attestation,
                    &key,
                    &request,
                    served.model.onnx_sha256,
                    &reason,
                    served.execution_id,
                ));
                false
            }
        };
        let sent = match self
            .chain
            .send_landed(&instructions, &self.authority, &[])
            .await
        {
            Ok(sent) => sent,
            Err(err) if claiming && Self::lost_race(&err, 1) => {
                // Another oracle was faster, or the request moved on: nothing to do.
                self.metrics.skip_claim("claimed_by_another");
                tracing::debug!(request = %key, %err, "claim refused");
                return Ok(());
            }
            Err(err) => {
                if err.unanswered() && !self.answered(&key, request.created_slot) {
                    // It may have landed: counted when the chain shows it.
                    if let Ok(mut unsure) = self.unsure.lock() {
                        unsure.insert(key, (request.created_slot, claiming));
                    }
                }
                return Err(err.into());
            }
        };
        let (seconds, landed) = (sent.seconds, sent.slot);
        let first = self.result_landed(&key, request.created_slot);
        self.metrics
            .request_to_result_slots
            .get_or_create(&label)
            .observe(landed.saturating_sub(request.created_slot) as f64);
        if let Some(seen) = self
            .seen
            .lock()
            .ok()
            .and_then(|seen| seen.get(&key).copied())
        {
            self.metrics
                .seen_to_result_seconds
                .get_or_create(&label)
                .observe(seen.at.elapsed().as_secs_f64());
        }
        if let Some(reservation) = reservation {
            // The bond is locked on chain now; the next status read counts it.
            reservation.keep();
            if first {
                self.metrics.requests_claimed.get_or_create(&label).inc();
            }
        }
        let kind = match (claiming, fulfilled) {
            (true, true) => "claim+fulfill",
            (true, false) => "claim+fail",
            (false, true) => "fulfill",
            (false, false) => "fail",
        };
        self.observe(kind, seconds);
        match result {
            Ok(_) => {
                if first {
                    self.metrics.requests_fulfilled.get_or_create(&label).inc();
                }
                tracing::info!(request = %key, model = %request.model, slot = landed, signature = %sent.signature, "fulfilled");
                // Settled once the window after `landed` closes; settle() reads it again then.
                let mut state = request;
                state.status = RequestStatus::Fulfilled {
                    oracle: self.oracle,
                    slot: landed,
                };
                if let Ok(mut due) = self.due.lock() {
                    due.insert(key, state);
                }
            }
            Err(reason) => {
                if first {
                    self.metrics.requests_failed.get_or_create(&label).inc();
                }
                tracing::info!(request = %key, %reason, signature = %sent.signature, "failed with a signed failure; the requester is refunded");
            }
        }
        Ok(())
    }

    /// Whether `err` is the claim instruction (at `index`) refusing because the request is no
    /// longer ours to take (claimed by another, or re-created or moved on): a lost race, not a
    /// fault. Any other refusal (of the result, the signature, the stake) is an error to see.
    fn lost_race(err: &ChainError, index: u8) -> bool {
        let lost = [
            EscrowError::RequestNotClaimable,
            EscrowError::ClaimStillActive,
            EscrowError::ClaimTermsMismatch,
            EscrowError::RequestNotOpen,
        ];
        matches!(err.program_error_at(), Some((at, code))
            if at == index && lost.iter().any(|e| u32::from(*e) == code))
    }

    /// Loads `request`'s input and runs `served` on it. `Ok(Err(reason))` is a fault of the
    /// request (an input that cannot be loaded or run, an output that does not fit its space):
    /// the caller reports it, signed. `Err` is this oracle's problem, to retry later.
    async fn run_model(
        &self,
        key: Pubkey,
        request: &Request,
        served: &Served,
    ) -> Result<Result<Vec<u8>, String>, WorkError> {
        let label = Metrics::model(&request.model);
        let input = match crate::input::load(
            &request.input,
            &request.input_hash,
            &self.policy.input,
        )
        .await
        {
            Ok(input) => input,
            Err(err) => {
                self.metrics
                    .input_failures
                    .get_or_create(&crate::metrics::KindLabel {
                        kind: err.category().to_owned(),
                    })
                    .inc();
                // The detail (path, host, OS error) stays in the local log; the signed
                // reason published on-chain is the category.
                tracing::info!(request = %key, category = err.category(), detail = err.detail(), "input refused");
                return Ok(Err(err.to_string()));
            }
        };
        match served.runtime.infer(input).await {
            Ok(inference) => {
                self.metrics
                    .inference_seconds
                    .get_or_create(&label)
                    .observe(inference.seconds);
                self.metrics
                    .batch_size
                    .get_or_create(&label)
                    .observe(inference.batch_size as f64);
                let fits = inference.output.len() <= request.output_capacity as usize
                    && served
                        .model
                        .output_schema
                        .accepts_byte_len(inference.output.len());
                if !fits {
                    return Ok(Err(OUTPUT_MISFIT_REASON.to_owned()));
                }
                Ok(Ok(inference.output))
            }
            Err(err) if err.is_request_fault() => Ok(Err(err.to_string())),
            Err(err) => Err(err.into()),
        }
    }

    /// Fails a held claim no model of this oracle can run (the model is no longer served, the
    /// output must go by URI, shutdown): the model's hash is read from its account, and the
    /// execution id says nothing ran.
    async fn fail_unrunnable(
        &self,
        key: Pubkey,
        request: &Request,
        reason: &str,
    ) -> Result<(), WorkError> {
        let model: Model = self
            .chain
            .account(&request.model)
            .await?
            .ok_or(WorkError::Gone(request.model))?;
        self.send_failure(
            key,
            request,
            model.onnx_sha256,
            attestation::execution_id(NOTHING_RAN),
            reason,
        )
        .await
    }

    /// Sends a signed failure of `key` for `reason` (cut to 128 bytes): the requester is
    /// refunded, nobody is paid, and the oracle's bond is released.
    async fn send_failure(
        &self,
        key: Pubkey,
        request: &Request,
        onnx_sha256: [u8; 32],
        execution_id: [u8; 32],
        reason: &str,
    ) -> Result<(), WorkError> {
        let reason = truncate(reason, inference_escrow::constants::MAX_FAIL_REASON_LEN);
        let fail = ix::fail_signed(
            &self.authority.pubkey(),
            &self.attestation,
            &key,
            request,
            onnx_sha256,
            &reason,
            execution_id,
        );
        let seconds = self.chain.send(&fail, &self.authority, &[]).await?;
        let first = self.result_landed(&key, request.created_slot);
        self.metrics
            .transaction_seconds
            .get_or_create(&crate::metrics::KindLabel {
                kind: "fail".into(),
            })
            .observe(seconds);
        if first {
            self.metrics
                .requests_failed
                .get_or_create(&Metrics::model(&request.model))
                .inc();
        }
        tracing::info!(request = %key, %reason, "failed with a signed failure; the requester is refunded");
        Ok(())
    }

    /// Looks again at the rounds this oracle takes part in whose revisit slot has come.
    async fn revisit_rounds(self: Arc<Self>) {
        let Ok(slot) = self.chain.slot().await else {
            return;
        };
        let due: Vec<Pubkey> = match self.rounds.lock() {
            Ok(mut map) => {
                let due: Vec<Pubkey> = map
                    .iter()
                    .filter(|(_, &at)| slot >= at)
                    .map(|(key, _)| *key)
                    .collect();
                for key in &due {
                    map.remove(key);
                }
                due
            }
            Err(_) => return,
        };
        // Read together; a key that is no request of this program any more is dropped.
        match self.chain.accounts::<Request>(&due).await {
            Ok(found) => {
                for (key, request) in due.into_iter().zip(found) {
                    if let Some(request) = request {
                        self.clone().consider(key, request, slot);
                    }
                }
            }
            Err(err) => {
                self.metrics.error(err.kind());
                if let Ok(mut map) = self.rounds.lock() {
                    for key in due {
                        map.insert(key, slot.saturating_add(REVISIT_SLOTS));
                    }
                }
            }
        }
    }

    /// The keys of `request` its instructions need.
    async fn request_keys(
        &self,
        key: &Pubkey,
        request: &Request,
    ) -> Result<RequestKeys, ChainError> {
        let token_program = match request.mint {
            None => anchor_spl::token::ID,
            Some(mint) => {
                let known = self
                    .token_programs
                    .lock()
                    .ok()
                    .and_then(|map| map.get(&mint).copied());
                match known {
                    Some(program) => program,
                    None => {
                        let program = self.chain.owner_of(&mint).await?;
                        if let Ok(mut map) = self.token_programs.lock() {
                            map.insert(mint, program);
                        }
                        program
                    }
                }
            }
        };
        Ok(RequestKeys::new(*key, request, token_program))
    }
}

/// A lamport amount as a gauge value (saturating).
fn to_gauge(lamports: u64) -> i64 {
    i64::try_from(lamports).unwrap_or(i64::MAX)
}

/// `text` cut to at most `max` bytes on a character boundary.
fn truncate(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reserved_bond_comes_back_unless_the_claim_landed() {
        let gate = Gate {
            free_stake: AtomicU64::new(100),
            ..Gate::default()
        };
        let reserve = |bond| gate.reserve(bond);
        let landed = reserve(30).expect("30 of 100 free");
        let lost = reserve(50).expect("50 of 70 free");
        assert!(reserve(30).is_none(), "20 free: a third claim must wait");
        // A status read while both are on their way does not give their bonds back.
        gate.read(100, gate.landed_before_read());
        assert!(reserve(30).is_none(), "a read keeps reservations apart");
        drop(lost);
        assert!(reserve(70).is_some(), "a refused claim gives its bond back");
        landed.keep();
        assert!(reserve(71).is_none(), "a landed claim keeps it set aside");
        assert!(reserve(70).is_some());
        // A read sent before the claim landed still shows its bond free: it stays set aside.
        gate.read(100, 0);
        assert!(reserve(71).is_none());
        // A read sent after it landed counts the bond itself.
        let landed_before = gate.landed_before_read();
        gate.read(70, landed_before);
        assert!(reserve(70).is_some());
        assert!(reserve(71).is_none());
    }
}
