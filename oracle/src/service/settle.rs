//! Settlement of this oracle's results, beside the service loop.
//!
//! Every pass reads the requests whose challenge window has closed in one
//! `getMultipleAccounts` per hundred, plans each (settle, finalize a dispute, nothing yet,
//! nothing more), packs the settlements several to a transaction, and sends the transactions
//! [`SETTLE_CONCURRENCY`] at a time. A packed transaction the cluster refuses (someone else
//! settled one of its requests first, a window closed a slot later than we counted) is split
//! into one transaction per request, so that one refusal never holds back the others.
//! Anything that fails is looked at again [`RETRY_SLOTS`] later, never in a tight loop.

use std::sync::Arc;

use anchor_lang::prelude::Pubkey;
use futures_util::StreamExt;
use inference_escrow_client::{ix, pda, seats, Dispute, EscrowError, Request, RequestStatus};
use solana_instruction::Instruction;
use solana_signer::Signer;

use super::{Oracle, RETRY_SLOTS};
use crate::{chain::ChainError, metrics::Metrics};

/// Transactions of settlement in flight at once.
const SETTLE_CONCURRENCY: usize = 16;

/// Most settlements packed into one transaction. A settlement costs a small fraction of the
/// 200,000 compute units a transaction gets per instruction; the 1,232-byte size limit usually
/// binds first (each settlement adds its request's key and about 20 bytes).
const MAX_SETTLEMENTS_PER_TRANSACTION: usize = 8;

/// Program errors that mean "not yet, as the cluster counts slots".
const NOT_YET: [EscrowError; 4] = [
    EscrowError::ChallengeWindowOpen,
    EscrowError::ArbitrationPending,
    EscrowError::RoundStillOpen,
    EscrowError::RoundClosed,
];

/// What a request needs from this oracle now.
enum Step {
    /// Nothing more: forget it.
    Done,
    /// Not yet: look again later.
    Later,
    /// Send this.
    Send(Box<Settlement>),
}

/// One instruction of settlement for one request.
struct Settlement {
    request: Pubkey,
    model: Pubkey,
    kind: Kind,
    instruction: Instruction,
    /// `deliver_callback` of the request's callback, sent once the settlement has landed.
    callback: Option<Instruction>,
}

/// The instruction a [`Settlement`] sends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `settle_request` or `settle_quorum`: pays the request out.
    Settle,
    /// `finalize_dispute` of our challenged result; the request settles (or refunds) after it.
    FinalizeDispute,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Settle => "settle",
            Kind::FinalizeDispute => "finalize_dispute",
        }
    }
}

impl Oracle {
    /// Settles every tracked request whose challenge window has closed, and ends our
    /// challenged requests the arbiter left unresolved past `arbitration_timeout_slots`.
    pub(super) async fn settle_due(self: Arc<Self>) {
        let Ok(slot) = self.chain.slot().await else {
            return;
        };
        self.settle_at(slot).await;
        // Settlements released bonds (and stake may have come back otherwise): requests that
        // waited for stake go again. An entry lives until its request's deadline passes.
        self.refresh_stake().await;
        self.reconsider_waiting_for_stake(slot);
    }

    /// Settles what is due at `slot`.
    async fn settle_at(&self, slot: u64) {
        let due = self.due_keys(slot);
        if due.is_empty() {
            return;
        }
        let requests = match self.chain.accounts::<Request>(&due).await {
            Ok(requests) => requests,
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::warn!(%err, "cannot read the requests to settle; will retry");
                return;
            }
        };
        let mut settlements = Vec::new();
        for (key, request) in due.into_iter().zip(requests) {
            match self.plan(key, request).await {
                Ok(Step::Send(settlement)) => settlements.push(*settlement),
                result => self.record(key, slot, result.map(|step| matches!(step, Step::Done))),
            }
        }
        let batches = self.pack(settlements);
        futures_util::stream::iter(batches)
            .for_each_concurrent(SETTLE_CONCURRENCY, |batch| self.send_batch(batch, slot))
            .await;
    }

    /// The tracked requests whose window (or dispute round) has closed at `slot`, except
    /// those told to wait.
    fn due_keys(&self, slot: u64) -> Vec<Pubkey> {
        let dispute_window = self
            .config
            .lock()
            .map(|c| c.dispute_window_slots)
            .unwrap_or(u64::MAX);
        let waiting = self
            .not_before
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default();
        let Ok(map) = self.due.lock() else {
            return Vec::new();
        };
        map.iter()
            .filter(|(key, _)| waiting.get(*key).is_none_or(|&at| slot >= at))
            .filter(|(_, request)| match request.status {
                RequestStatus::Fulfilled { slot: at, .. } => {
                    request.disputed || slot > at.saturating_add(request.challenge_window_slots)
                }
                // The dispute's round cannot end before its commit window closes.
                RequestStatus::Challenged { slot: at, .. } => {
                    slot > at.saturating_add(dispute_window)
                }
                _ => true,
            })
            .map(|(key, _)| *key)
            .collect()
    }

    /// What `key` (`None`: closed) needs from this oracle.
    async fn plan(&self, key: Pubkey, request: Option<Request>) -> Result<Step, ChainError> {
        let unsure = self
            .unsure_settlements
            .lock()
            .is_ok_and(|mut unsure| unsure.remove(&key));
        let Some(request) = request else {
            return Ok(Step::Done);
        };
        if unsure && matches!(request.status, RequestStatus::Settled { .. }) {
            // A settlement whose confirmation was lost landed after all.
            self.metrics
                .requests_settled
                .get_or_create(&Metrics::model(&request.model))
                .inc();
        }
        if request.policy.is_quorum() {
            self.quorum_round_ended(key, &request);
        }
        let (kind, instruction) = match request.status {
            RequestStatus::Fulfilled { .. } if request.policy.is_quorum() => {
                if !request.seats.iter().any(|seat| seat.oracle == self.oracle) {
                    return Ok(Step::Done);
                }
                let keys = self.request_keys(&key, &request).await?;
                (Kind::Settle, seats::settle_quorum(&keys, &request))
            }
            RequestStatus::Fulfilled { oracle, .. } if oracle == self.oracle => {
                let keys = self.request_keys(&key, &request).await?;
                (
                    Kind::Settle,
                    ix::settle_request(&keys, &self.authority.pubkey()),
                )
            }
            RequestStatus::Challenged { .. } if self.produced(&request) => {
                let Some(dispute) = self.chain.account::<Dispute>(&pda::dispute(&key)).await?
                else {
                    return Ok(Step::Later);
                };
                (
                    Kind::FinalizeDispute,
                    seats::finalize_dispute(&key, &request, &dispute),
                )
            }
            _ => return Ok(Step::Done),
        };
        let callback = match kind {
            Kind::Settle if !request.callback_delivered => ix::deliver_callback(&key, &request),
            _ => None,
        };
        Ok(Step::Send(Box::new(Settlement {
            request: key,
            model: request.model,
            kind,
            instruction,
            callback,
        })))
    }

    /// Packs settlements into transactions: payouts several to one while they fit, a dispute's
    /// finalization alone (it carries every seat's accounts).
    fn pack(&self, settlements: Vec<Settlement>) -> Vec<Vec<Settlement>> {
        let payer = self.authority.pubkey();
        let mut batches: Vec<Vec<Settlement>> = Vec::new();
        let mut open: Vec<Settlement> = Vec::new();
        for settlement in settlements {
            if settlement.kind != Kind::Settle {
                batches.push(vec![settlement]);
                continue;
            }
            if !open.is_empty() {
                let mut instructions: Vec<Instruction> =
                    open.iter().map(|s| s.instruction.clone()).collect();
                instructions.push(settlement.instruction.clone());
                if open.len() >= MAX_SETTLEMENTS_PER_TRANSACTION
                    || !self.chain.fits(&instructions, &payer)
                {
                    batches.push(std::mem::take(&mut open));
                }
            }
            open.push(settlement);
        }
        if !open.is_empty() {
            batches.push(open);
        }
        batches
    }

    /// Sends `batch` in one transaction; if the cluster refuses it and it holds several
    /// settlements, sends each on its own.
    async fn send_batch(&self, batch: Vec<Settlement>, slot: u64) {
        if let [settlement] = batch.as_slice() {
            return self.send_alone(settlement, slot).await;
        }
        // The transaction's log lines name every request it carries.
        let requests: Vec<String> = batch.iter().map(|s| s.request.to_string()).collect();
        let span = tracing::info_span!("settle", requests = %requests.join(","));
        tracing::Instrument::instrument(self.send_pack(batch, slot), span).await
    }

    /// [`Oracle::send_batch`] of several settlements.
    async fn send_pack(&self, batch: Vec<Settlement>, slot: u64) {
        let instructions: Vec<Instruction> = batch.iter().map(|s| s.instruction.clone()).collect();
        match self.chain.send(&instructions, &self.authority, &[]).await {
            Ok(seconds) => {
                // One transaction, observed once whatever it carried.
                self.observe(Kind::Settle.label(), seconds);
                self.metrics
                    .settlements_per_transaction
                    .observe(batch.len() as f64);
                for settlement in &batch {
                    self.settled(settlement, slot, Ok(None));
                }
                for settlement in &batch {
                    self.deliver_callback(settlement).await;
                }
            }
            Err(err) if err.unanswered() => {
                // Not a refusal: the pack may still land; all of it is tried again later.
                for settlement in &batch {
                    self.may_have_landed(settlement.request);
                    self.record(settlement.request, slot, Err(err.clone()));
                }
            }
            Err(err) => {
                tracing::debug!(requests = batch.len(), %err, "a packed settlement was refused; settling its requests one by one");
                futures_util::stream::iter(batch)
                    .for_each_concurrent(None, |settlement| async move {
                        self.send_alone(&settlement, slot).await;
                    })
                    .await;
            }
        }
    }

    /// Sends one settlement in a transaction of its own.
    async fn send_alone(&self, settlement: &Settlement, slot: u64) {
        let span = tracing::info_span!("settle", request = %settlement.request);
        let result = tracing::Instrument::instrument(
            self.chain.send(
                std::slice::from_ref(&settlement.instruction),
                &self.authority,
                &[],
            ),
            span,
        )
        .await;
        let landed = result.is_ok();
        self.settled(settlement, slot, result.map(Some));
        if landed {
            self.deliver_callback(settlement).await;
        }
    }

    /// Once a settlement has landed: calls the request's callback, if it names one, in a
    /// transaction of its own, once. A refusal (the consumer's instruction failed, or another
    /// crank delivered first) is logged and counted, never retried: the consumer's program is
    /// not this oracle's to fix, and its settlement and fees never depend on it.
    async fn deliver_callback(&self, settlement: &Settlement) {
        let Some(instruction) = &settlement.callback else {
            return;
        };
        let span = tracing::info_span!("callback", request = %settlement.request);
        let result = tracing::Instrument::instrument(
            self.chain
                .send(std::slice::from_ref(instruction), &self.authority, &[]),
            span,
        )
        .await;
        match result {
            Ok(seconds) => {
                self.observe("callback", seconds);
                self.metrics.callback("delivered");
                tracing::info!(request = %settlement.request, "callback delivered");
            }
            Err(err) if err.unanswered() => {
                self.metrics.callback("unanswered");
                tracing::warn!(request = %settlement.request, %err, "callback sent without an answer; not retried");
            }
            Err(err) => {
                self.metrics.callback("refused");
                tracing::warn!(request = %settlement.request, %err, "callback refused; not retried");
            }
        }
    }

    /// Remembers that a settlement of `key` was sent without an answer: the next look counts
    /// it if it finds the request settled.
    fn may_have_landed(&self, key: Pubkey) {
        if let Ok(mut unsure) = self.unsure_settlements.lock() {
            unsure.insert(key);
        }
    }

    /// Records how sending `settlement` went; `Ok(Some(seconds))` for a transaction of its
    /// own (observed here), `Ok(None)` for one of a pack (observed by the caller).
    fn settled(&self, settlement: &Settlement, slot: u64, result: Result<Option<f64>, ChainError>) {
        let key = settlement.request;
        let kind = settlement.kind;
        let outcome = match result {
            Ok(seconds) => {
                if let Some(seconds) = seconds {
                    self.observe(kind.label(), seconds);
                }
                if kind == Kind::Settle {
                    self.metrics
                        .requests_settled
                        .get_or_create(&Metrics::model(&settlement.model))
                        .inc();
                }
                tracing::info!(request = %key, kind = kind.label(), "done");
                // A finalized dispute leaves the request to settle (or refunded): look again.
                Ok(kind == Kind::Settle)
            }
            Err(err)
                if err.program_error() == Some(u32::from(EscrowError::RequestAlreadySettled)) =>
            {
                Ok(true)
            }
            Err(err)
                if NOT_YET
                    .iter()
                    .any(|e| err.program_error() == Some(u32::from(*e))) =>
            {
                Ok(false)
            }
            Err(err) => {
                if err.unanswered() {
                    self.may_have_landed(key);
                }
                Err(err)
            }
        };
        self.record(key, slot, outcome);
    }

    /// Records whether `key` needs nothing more (`Ok(true)`), another look later
    /// (`Ok(false)`), or a retry after an error.
    fn record(&self, key: Pubkey, slot: u64, outcome: Result<bool, ChainError>) {
        match outcome {
            Ok(true) => {
                if let Ok(mut map) = self.due.lock() {
                    map.remove(&key);
                }
                if let Ok(mut map) = self.not_before.lock() {
                    map.remove(&key);
                }
                return;
            }
            Ok(false) => {}
            Err(err) => {
                self.metrics.error(err.kind());
                tracing::warn!(request = %key, %err, "settlement failed; will retry");
            }
        }
        if let Ok(mut map) = self.not_before.lock() {
            map.insert(key, slot.saturating_add(RETRY_SLOTS));
        }
    }
}
