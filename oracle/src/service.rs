//! The oracle's service loop.
//!
//! ```text
//!  websocket programSubscribe (memcmp: model) ─┐
//!  getProgramAccounts sweep (at start, every N s) ┴─► consider(request) ─► Work | Settle | nothing
//!
//!  Work   : [claim] ─► input ─► ModelRuntime::infer (batched per model) ─► sign ─► fulfil
//!                                      └─ request fault ─► signed failure (refund)
//!  Settle : after the request's challenge window, pay out (anyone may; we crank our own)
//! ```
//! Every decision is re-derived from the chain: a restarted oracle finds its claimed requests
//! (resumes them) and its fulfilled ones (settles them); nothing is kept on disk. A request key is
//! worked on by at most one task at a time (`in_flight`), and `concurrency` tasks run at once.

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::Duration,
};

use anchor_lang::prelude::Pubkey;
use futures_util::StreamExt;
use inference_escrow_client::{
    ix::{self, RequestKeys},
    pda, Config, EscrowError, Model, Request, RequestStatus,
};
use solana_client::nonblocking::pubsub_client::PubsubClient;
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::sync::{watch, Semaphore};

use crate::{
    chain::{Chain, ChainError},
    inference::ModelRuntime,
    metrics::Metrics,
};

/// A model this oracle serves: its account, its on-chain state and its loaded runtime.
#[derive(Clone)]
pub struct Served {
    /// The Model account.
    pub account: Pubkey,
    /// Its on-chain state when it was loaded.
    pub model: Model,
    /// The ONNX Runtime session worker.
    pub runtime: ModelRuntime,
}

/// What to do about a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    /// Claim (or resume, or take over), run, fulfil.
    Work,
    /// Pay it out.
    Settle,
    /// Nothing now.
    Skip,
}

/// The running oracle.
pub struct Oracle {
    chain: Arc<Chain>,
    authority: Keypair,
    attestation: Keypair,
    /// The authority's Oracle account.
    oracle: Pubkey,
    models: HashMap<Pubkey, Served>,
    config: Config,
    metrics: Metrics,
    in_flight: Mutex<HashSet<Pubkey>>,
    permits: Arc<Semaphore>,
    /// Token program of each SPL payment mint seen.
    token_programs: Mutex<HashMap<Pubkey, Pubkey>>,
    /// Fulfilled requests waiting for their challenge window to close.
    due: Mutex<HashMap<Pubkey, Request>>,
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
}

impl Oracle {
    /// An oracle for `authority` serving `models`; reads the protocol config from the chain.
    pub async fn new(
        chain: Arc<Chain>,
        authority: Keypair,
        attestation: Keypair,
        models: Vec<Served>,
        concurrency: usize,
        metrics: Metrics,
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
            config,
            metrics,
            in_flight: Mutex::new(HashSet::new()),
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            token_programs: Mutex::new(HashMap::new()),
            due: Mutex::new(HashMap::new()),
        })
    }

    /// Runs until `shutdown` turns true, then lets in-flight work finish (up to `grace`).
    pub async fn run(
        self: Arc<Self>,
        ws_urls: Vec<String>,
        sweep_every: Duration,
        grace: Duration,
        mut shutdown: watch::Receiver<bool>,
    ) {
        self.metrics.up.set(1);
        let subscriber = tokio::spawn(self.clone().subscribe(ws_urls, shutdown.clone()));
        let mut sweep = tokio::time::interval(sweep_every);
        let mut settle_tick = tokio::time::interval(Duration::from_millis(500));
        loop {
            tokio::select! {
                _ = shutdown.changed() => break,
                _ = sweep.tick() => self.clone().sweep().await,
                _ = settle_tick.tick() => self.clone().settle_due().await,
            }
        }
        subscriber.abort();
        self.metrics.up.set(0);
        tracing::info!("stopping: no new work; waiting for in-flight requests");
        let total = self.permits.available_permits();
        let _ = tokio::time::timeout(grace, async {
            let _all = self
                .permits
                .acquire_many(u32::try_from(total).unwrap_or(u32::MAX))
                .await;
        })
        .await;
        let left = self.in_flight.lock().map(|set| set.len()).unwrap_or(0);
        if left > 0 {
            tracing::warn!(left, "stopped with requests in flight; they resume on restart or time out to other oracles");
        }
    }

    /// Reads every request of every served model and considers it.
    async fn sweep(self: Arc<Self>) {
        let slot = match self.chain.slot().await {
            Ok(slot) => slot,
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::warn!(%err, "sweep: cannot read the slot");
                return;
            }
        };
        for model in self.models.keys().copied().collect::<Vec<_>>() {
            match self.chain.requests_of(&model).await {
                Ok(requests) => {
                    for (key, request) in requests {
                        self.clone().consider(key, request, slot);
                    }
                }
                Err(err) => {
                    self.metrics.error(err.kind());
                    tracing::warn!(%err, %model, "sweep failed");
                }
            }
        }
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
                    let mut streams = Vec::new();
                    for model in self.models.keys() {
                        let config = crate::chain::model_requests_filter(model);
                        match client
                            .program_subscribe(&inference_escrow::ID, Some(config))
                            .await
                        {
                            Ok((stream, _unsubscribe)) => streams.push(stream),
                            Err(err) => tracing::warn!(%err, %model, "program subscription failed"),
                        }
                    }
                    let mut merged = futures_util::stream::select_all(streams);
                    loop {
                        tokio::select! {
                            _ = shutdown.changed() => return,
                            update = merged.next() => {
                                let Some(update) = update else { break };
                                let Ok(key) = update.value.pubkey.parse::<Pubkey>() else { continue };
                                let Some(data) = update.value.account.data.decode() else { continue };
                                let Ok(request) = inference_escrow_client::decode::account::<Request>(&data) else { continue };
                                self.clone().consider(key, request, update.context.slot);
                            }
                        }
                    }
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

    /// Decides what `request` needs from this oracle at `slot`.
    fn decide(&self, request: &Request, slot: u64) -> Action {
        if !self.models.contains_key(&request.model) {
            return Action::Skip;
        }
        let live = slot <= request.deadline_slot;
        match request.status {
            RequestStatus::Open if live => Action::Work,
            RequestStatus::Claimed { oracle, .. } if oracle == self.oracle && live => Action::Work,
            RequestStatus::Claimed { slot: claimed, .. }
                if live && slot > claimed.saturating_add(self.config.claim_timeout_slots) =>
            {
                Action::Work
            }
            RequestStatus::Fulfilled { oracle, .. } if oracle == self.oracle => Action::Settle,
            _ => Action::Skip,
        }
    }

    /// Starts a task for `request` unless one runs for it already.
    fn consider(self: Arc<Self>, key: Pubkey, request: Request, slot: u64) {
        let action = self.decide(&request, slot);
        if action == Action::Skip {
            return;
        }
        if action == Action::Settle {
            if let Ok(mut due) = self.settlements().lock() {
                due.entry(key).or_insert(request);
            }
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
        self.metrics
            .requests_seen
            .get_or_create(&Metrics::model(&request.model))
            .inc();
        tokio::spawn(async move {
            let Ok(_permit) = self.permits.clone().acquire_owned().await else {
                return;
            };
            if let Err(err) = self.work(key).await {
                let kind = match &err {
                    WorkError::Chain(err) => err.kind(),
                    WorkError::Inference(_) => "inference",
                    WorkError::Gone(_) => "gone",
                };
                self.metrics.error(kind);
                tracing::warn!(request = %key, %err, "request left for a later attempt");
            }
            if let Ok(mut set) = self.in_flight.lock() {
                set.remove(&key);
            }
        });
    }

    /// Claims (when needed), runs and fulfils `key`, or fails it with a signed failure.
    async fn work(&self, key: Pubkey) -> Result<(), WorkError> {
        let mut request: Request = self
            .chain
            .account(&key)
            .await?
            .ok_or(WorkError::Gone(key))?;
        let slot = self.chain.slot().await?;
        if self.decide(&request, slot) != Action::Work {
            return Ok(());
        }
        let label = Metrics::model(&request.model);
        if request.status.oracle() != Some(self.oracle) {
            let previous = ix::previous_claimer(&self.authority.pubkey(), &request);
            let claim = ix::claim_request(&self.authority.pubkey(), &key, previous);
            match self.chain.send(&[claim], &self.authority, &[]).await {
                Ok(seconds) => {
                    self.metrics
                        .transaction_seconds
                        .get_or_create(&crate::metrics::KindLabel {
                            kind: "claim".into(),
                        })
                        .observe(seconds);
                    self.metrics.requests_claimed.get_or_create(&label).inc();
                }
                Err(err) if err.program_error().is_some() => {
                    // Another oracle was faster, or the request moved on: nothing to do.
                    tracing::debug!(request = %key, %err, "claim refused");
                    return Ok(());
                }
                Err(err) => return Err(err.into()),
            }
            request = self
                .chain
                .account(&key)
                .await?
                .ok_or(WorkError::Gone(key))?;
            if request.status.oracle() != Some(self.oracle) {
                return Ok(());
            }
        }
        let served = self
            .models
            .get(&request.model)
            .ok_or(WorkError::Gone(key))?
            .clone();
        let input = match crate::input::load(
            &request.input,
            &request.input_hash,
            &crate::input::InputPolicy::default(),
        )
        .await
        {
            Ok(input) => input,
            Err(err) => return self.fail(key, &request, &served, &err.to_string()).await,
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
                let output = inference_escrow_client::Payload::Inline(inference.output);
                let fulfil = ix::fulfill_signed(
                    &self.authority.pubkey(),
                    &self.attestation,
                    &key,
                    &request,
                    served.model.onnx_sha256,
                    output,
                );
                let seconds = self.chain.send(&fulfil, &self.authority, &[]).await?;
                self.metrics
                    .transaction_seconds
                    .get_or_create(&crate::metrics::KindLabel {
                        kind: "fulfill".into(),
                    })
                    .observe(seconds);
                self.metrics.requests_fulfilled.get_or_create(&label).inc();
                tracing::info!(request = %key, model = %request.model, batch = inference.batch_size, "fulfilled");
                if let Some(state) = self.chain.account::<Request>(&key).await? {
                    if let Ok(mut due) = self.settlements().lock() {
                        due.insert(key, state);
                    }
                }
                Ok(())
            }
            Err(err) if err.is_request_fault() => {
                self.fail(key, &request, &served, &err.to_string()).await
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Reports a signed failure of `key` for `reason` (cut to 128 bytes): the requester is
    /// refunded and nobody is paid.
    async fn fail(
        &self,
        key: Pubkey,
        request: &Request,
        served: &Served,
        reason: &str,
    ) -> Result<(), WorkError> {
        let reason = truncate(reason, inference_escrow::constants::MAX_FAIL_REASON_LEN);
        let keys = self.request_keys(&key, request, &served.model).await?;
        let fail = ix::fail_signed(
            &self.authority.pubkey(),
            &self.attestation,
            &keys,
            request,
            served.model.onnx_sha256,
            &reason,
        );
        let seconds = self.chain.send(&fail, &self.authority, &[]).await?;
        self.metrics
            .transaction_seconds
            .get_or_create(&crate::metrics::KindLabel {
                kind: "fail".into(),
            })
            .observe(seconds);
        self.metrics
            .requests_failed
            .get_or_create(&Metrics::model(&request.model))
            .inc();
        tracing::info!(request = %key, %reason, "failed with a signed failure; the requester is refunded");
        Ok(())
    }

    /// Fulfilled requests waiting for their challenge window to close.
    fn settlements(&self) -> &Mutex<HashMap<Pubkey, Request>> {
        &self.due
    }

    /// Settles every tracked request whose challenge window has closed.
    async fn settle_due(self: Arc<Self>) {
        let Ok(slot) = self.chain.slot().await else {
            return;
        };
        let due: Vec<(Pubkey, Request)> = match self.settlements().lock() {
            Ok(map) => map
                .iter()
                .filter(|(_, request)| match request.status {
                    RequestStatus::Fulfilled { slot: at, .. } => {
                        slot > at.saturating_add(request.challenge_window_slots)
                    }
                    _ => true,
                })
                .map(|(key, request)| (*key, request.clone()))
                .collect(),
            Err(_) => return,
        };
        for (key, _) in due {
            match self.settle(key).await {
                Ok(()) => {
                    if let Ok(mut map) = self.settlements().lock() {
                        map.remove(&key);
                    }
                }
                Err(err) => {
                    self.metrics.error(err.kind());
                    tracing::warn!(request = %key, %err, "settlement failed; will retry");
                }
            }
        }
    }

    /// Pays out `key`; a request already settled (or challenged) by now is dropped.
    async fn settle(&self, key: Pubkey) -> Result<(), ChainError> {
        let Some(request) = self.chain.account::<Request>(&key).await? else {
            return Ok(());
        };
        if !matches!(request.status, RequestStatus::Fulfilled { oracle, .. } if oracle == self.oracle)
        {
            return Ok(());
        }
        let model = match self.models.get(&request.model) {
            Some(served) => served.model.clone(),
            None => return Ok(()),
        };
        let keys = self.request_keys(&key, &request, &model).await?;
        let settle = ix::settle_request(&keys, &self.authority.pubkey());
        match self.chain.send(&[settle], &self.authority, &[]).await {
            Ok(seconds) => {
                self.metrics
                    .transaction_seconds
                    .get_or_create(&crate::metrics::KindLabel {
                        kind: "settle".into(),
                    })
                    .observe(seconds);
                self.metrics
                    .requests_settled
                    .get_or_create(&Metrics::model(&request.model))
                    .inc();
                tracing::info!(request = %key, "settled");
                Ok(())
            }
            Err(err)
                if err.program_error() == Some(u32::from(EscrowError::RequestAlreadySettled)) =>
            {
                Ok(())
            }
            Err(err) => Err(err),
        }
    }

    /// The payout keys of `request`.
    async fn request_keys(
        &self,
        key: &Pubkey,
        request: &Request,
        model: &Model,
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
        Ok(RequestKeys::new(
            *key,
            request,
            model.owner,
            self.config.treasury,
            token_program,
        ))
    }
}

/// `text` cut to at most `max` bytes on a character boundary.
fn truncate(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}
