//! Seats in rounds of several oracles: a quorum request's own round, and re-execution rounds of
//! disputes about results this oracle did not produce.
//!
//! ```text
//!  no seat, commit window open ─► claim_seat ─► run the model ─► save salt (fsync) ─► commit
//!  committed, reveals open     ─► reveal (salt from disk)
//!  revealed or failed, ended   ─► finalize (anyone may; we crank it)
//!  input that cannot be run    ─► fail_seat (signed, bond released)
//! ```
//! Every step is re-derived from the chain and the salt store, so a restart anywhere (even
//! between commit and reveal) resumes where it stopped. A commitment is sent only after its
//! salt is on disk.

use anchor_lang::prelude::Pubkey;
use inference_escrow::{
    attestation::sha256,
    round::{Phase, Round},
};
use inference_escrow_client::{
    pda, seats, DataRef, Dispute, DisputeStatus, EscrowError, Request, RequestStatus, Seat,
    SeatState, VerificationPolicy,
};
use solana_signer::Signer;

use super::{Oracle, Served, WorkError};
use crate::{
    metrics::{KindLabel, SeatLabel},
    salts::{new_salt, Committed},
};

/// One round as this oracle sees it: whose it is and where it stands.
pub(super) struct RoundView {
    /// The account the round's signatures name (the request, or its dispute).
    pub key: Pubkey,
    /// The dispute, for a re-execution round.
    pub dispute: Option<Pubkey>,
    /// Which round at this address (the request's `created_slot`, the dispute's `opened_slot`).
    pub id: u64,
    pub seats: Vec<Seat>,
    pub policy: VerificationPolicy,
    pub commit_deadline_slot: u64,
    pub reveal_deadline_slot: u64,
    pub reveal_len: u32,
}

impl RoundView {
    /// A quorum request's own round.
    pub fn of_request(key: Pubkey, request: &Request) -> Self {
        Self {
            key,
            dispute: None,
            id: request.created_slot,
            seats: request.seats.clone(),
            policy: request.policy,
            commit_deadline_slot: request.deadline_slot,
            reveal_deadline_slot: request.reveal_deadline_slot,
            reveal_len: request.output_capacity,
        }
    }

    /// A dispute's re-execution round.
    pub fn of_dispute(key: Pubkey, dispute: &Dispute) -> Self {
        Self {
            key,
            dispute: Some(key),
            id: dispute.opened_slot,
            seats: dispute.seats.clone(),
            policy: dispute.policy,
            commit_deadline_slot: dispute.commit_deadline_slot,
            reveal_deadline_slot: dispute.reveal_deadline_slot,
            reveal_len: dispute.reveal_len,
        }
    }

    /// Where the round is at `slot`, by the program's own rule.
    pub fn phase(&self, slot: u64) -> Phase {
        let mut seats = self.seats.clone();
        Round {
            key: self.key,
            seats: &mut seats,
            policy: self.policy,
            commit_deadline_slot: self.commit_deadline_slot,
            reveal_deadline_slot: self.reveal_deadline_slot,
            reveal_len: self.reveal_len,
        }
        .phase(slot)
    }

    /// This oracle's seat, with its index.
    pub fn seat_of(&self, oracle: &Pubkey) -> Option<(usize, &Seat)> {
        self.seats
            .iter()
            .enumerate()
            .find(|(_, seat)| seat.oracle == *oracle)
    }
}

/// How many steps one task takes at most (claim, commit, reveal, finalize).
const MAX_STEPS: usize = 4;

impl Oracle {
    /// Whether `request`'s result was produced by this oracle (its holder, or a seat of its
    /// quorum round): such an oracle cannot re-execute it and waits for the dispute's outcome.
    pub(super) fn produced(&self, request: &Request) -> bool {
        request.status.oracle() == Some(self.oracle)
            || request.seats.iter().any(|seat| seat.oracle == self.oracle)
    }

    /// Takes the next steps of this oracle's part in `key`'s round (its own, or its dispute's).
    pub(super) async fn work_round(&self, key: Pubkey) -> Result<(), WorkError> {
        for _ in 0..MAX_STEPS {
            let request: Request = self
                .chain
                .account(&key)
                .await?
                .ok_or(WorkError::Gone(key))?;
            let slot = self.chain.slot().await?;
            let round = match request.status {
                RequestStatus::Open if request.policy.is_quorum() => {
                    RoundView::of_request(key, &request)
                }
                RequestStatus::Challenged { .. } if !self.produced(&request) => {
                    let dispute_key = pda::dispute(&key);
                    let Some(dispute) = self.chain.account::<Dispute>(&dispute_key).await? else {
                        return Ok(());
                    };
                    if dispute.status != DisputeStatus::Open {
                        if let Ok(mut seated) = self.seated_disputes.lock() {
                            seated.remove(&key);
                        }
                        self.round_ended(
                            dispute_key,
                            dispute.opened_slot,
                            &request.model,
                            true,
                            &dispute.seats,
                            dispute.agreed,
                        );
                        return Ok(());
                    }
                    RoundView::of_dispute(dispute_key, &dispute)
                }
                _ => return Ok(()),
            };
            // A seat already taken is finished whether or not the model is still served: a
            // committed seat reveals from its saved salt, one not committed yet fails (signed)
            // instead of being slashed as a no-show.
            let served = self.models.get(&request.model).cloned();
            let phase = round.phase(slot);
            let progressed = match round.seat_of(&self.oracle).map(|(_, seat)| seat.state) {
                None if phase == Phase::Committing && served.is_some() => {
                    self.take_seat(key, &request, &round, slot).await?
                }
                None => false,
                Some(SeatState::Claimed) if slot <= round.commit_deadline_slot => {
                    match &served {
                        Some(served) => self.commit(key, &request, &round, served).await?,
                        None => self.fail_unserved_seat(key, &request, &round).await?,
                    }
                    true
                }
                Some(SeatState::Committed) if phase == Phase::Revealing => {
                    self.reveal(key, &request, &round).await?
                }
                Some(SeatState::Revealed | SeatState::Failed) if phase == Phase::Ended => {
                    self.finalize(key, &request, &round).await?;
                    false
                }
                _ => false,
            };
            if !progressed {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Takes a seat when this oracle can finish it: enough slots before the commit deadline,
    /// the wallet above its floor, free stake for the bond. Returns whether it took one.
    async fn take_seat(
        &self,
        key: Pubkey,
        request: &Request,
        round: &RoundView,
        slot: u64,
    ) -> Result<bool, WorkError> {
        if round.seats.len() >= round.policy.replicas as usize
            || !self.leaves_time(round.commit_deadline_slot, slot)
        {
            return Ok(false);
        }
        let Ok(reservation) = self.may_claim(&key, request) else {
            return Ok(false);
        };
        let claim = seats::claim_seat(&self.authority.pubkey(), &key, request, round.dispute);
        match self.chain.send(&[claim], &self.authority, &[]).await {
            Ok(seconds) => {
                reservation.keep();
                self.observe("claim_seat", seconds);
                self.metrics
                    .requests_claimed
                    .get_or_create(&crate::metrics::Metrics::model(&request.model))
                    .inc();
                if round.dispute.is_some() {
                    if let Ok(mut seated) = self.seated_disputes.lock() {
                        seated.insert(key);
                    }
                }
                tracing::info!(request = %key, dispute = ?round.dispute, "took a seat");
                Ok(true)
            }
            Err(err) if err.program_error().is_some() => {
                tracing::debug!(request = %key, %err, "seat refused");
                Ok(false)
            }
            Err(err) => Err(err.into()),
        }
    }

    /// Runs the model and commits to its output; the salt is on disk before the commitment is
    /// sent. An input that cannot be run gets a signed seat failure instead.
    async fn commit(
        &self,
        key: Pubkey,
        request: &Request,
        round: &RoundView,
        served: &Served,
    ) -> Result<(), WorkError> {
        let saved = self
            .salts
            .load(&round.key)
            .map_err(WorkError::Salts)?
            .filter(|entry| entry.round_id == round.id);
        let entry = match saved {
            Some(entry) => entry,
            None => {
                let output = match self.run_model(key, request, served).await? {
                    Ok(output) => output,
                    Err(reason) => {
                        let ran = (served.model.onnx_sha256, served.execution_id);
                        return self.fail_seat(key, request, round, ran, &reason).await;
                    }
                };
                // A dispute of a result posted by URI compares output hashes.
                let by_hash =
                    round.dispute.is_some() && matches!(request.output, Some(DataRef::Uri(_)));
                let output = if by_hash {
                    sha256(&output).to_vec()
                } else {
                    output
                };
                let salt = new_salt().map_err(WorkError::Salts)?;
                let commitment = seats::commitment(&output, &salt, &self.oracle);
                let entry = Committed {
                    round_id: round.id,
                    output,
                    salt: salt.to_vec(),
                    commitment: commitment.to_vec(),
                };
                self.salts
                    .save(&round.key, &entry)
                    .map_err(WorkError::Salts)?;
                entry
            }
        };
        let commitment: [u8; 32] =
            entry.commitment.as_slice().try_into().map_err(|_| {
                WorkError::Salts(std::io::Error::other("commitment is not 32 bytes"))
            })?;
        let ixs = seats::commit_signed(
            &self.authority.pubkey(),
            &self.attestation,
            &key,
            request,
            round.dispute,
            served.model.onnx_sha256,
            commitment,
            served.execution_id,
        );
        let seconds = self.chain.send(&ixs, &self.authority, &[]).await?;
        self.observe("commit_seat", seconds);
        tracing::info!(request = %key, dispute = ?round.dispute, "committed");
        Ok(())
    }

    /// Reveals from the salt store. Returns whether it revealed.
    async fn reveal(
        &self,
        key: Pubkey,
        request: &Request,
        round: &RoundView,
    ) -> Result<bool, WorkError> {
        let saved = self.salts.load(&round.key).map_err(WorkError::Salts)?;
        let Some(entry) = saved.filter(|entry| entry.round_id == round.id) else {
            self.metrics.salts_lost.inc();
            tracing::error!(request = %key, round = %round.key, "the salt of this commitment is lost: the seat cannot reveal and will be slashed");
            return Ok(false);
        };
        let salt = entry
            .salt_array()
            .ok_or_else(|| WorkError::Salts(std::io::Error::other("salt is not 32 bytes")))?;
        let reveal = seats::reveal_seat(
            &self.authority.pubkey(),
            &key,
            &request.model,
            round.dispute,
            entry.output,
            salt,
        );
        match self.chain.send(&[reveal], &self.authority, &[]).await {
            Ok(seconds) => {
                self.observe("reveal_seat", seconds);
                tracing::info!(request = %key, dispute = ?round.dispute, "revealed");
                Ok(true)
            }
            Err(err) if err.program_error() == Some(u32::from(EscrowError::RevealNotOpen)) => {
                Ok(false)
            }
            Err(err) => Err(err.into()),
        }
    }

    /// A seat taken for a model this oracle no longer serves fails, signed (nothing ran: the
    /// model's hash is read from its account), releasing its bond.
    async fn fail_unserved_seat(
        &self,
        key: Pubkey,
        request: &Request,
        round: &RoundView,
    ) -> Result<(), WorkError> {
        let model: inference_escrow_client::Model = self
            .chain
            .account(&request.model)
            .await?
            .ok_or(WorkError::Gone(request.model))?;
        let nothing_ran = inference_escrow_client::attestation::execution_id(super::NOTHING_RAN);
        let ran = (model.onnx_sha256, nothing_ran);
        self.fail_seat(key, request, round, ran, super::UNSERVED_REASON)
            .await
    }

    /// A seat that cannot run the input says so (signed), releasing its bond; `ran` is the
    /// model hash and execution id it signs.
    async fn fail_seat(
        &self,
        key: Pubkey,
        request: &Request,
        round: &RoundView,
        ran: ([u8; 32], [u8; 32]),
        reason: &str,
    ) -> Result<(), WorkError> {
        let reason = super::truncate(reason, inference_escrow::constants::MAX_FAIL_REASON_LEN);
        let ixs = seats::fail_seat_signed(
            &self.authority.pubkey(),
            &self.attestation,
            &key,
            request,
            round.dispute,
            ran.0,
            &reason,
            ran.1,
        );
        let seconds = self.chain.send(&ixs, &self.authority, &[]).await?;
        self.observe("fail_seat", seconds);
        self.count_seat(&request.model, round.dispute.is_some(), "failed");
        tracing::info!(request = %key, %reason, "failed the seat with a signed failure");
        Ok(())
    }

    /// Ends a round in which no seat can act any more (anyone may; the first wins) and counts
    /// how it ended for this oracle.
    async fn finalize(
        &self,
        key: Pubkey,
        request: &Request,
        round: &RoundView,
    ) -> Result<(), WorkError> {
        let ix = match round.dispute {
            None => seats::finalize_quorum(&key, request),
            Some(dispute_key) => {
                let Some(dispute) = self.chain.account::<Dispute>(&dispute_key).await? else {
                    return Ok(());
                };
                seats::finalize_dispute(&key, request, &dispute)
            }
        };
        match self.chain.send(&[ix], &self.authority, &[]).await {
            Ok(seconds) => self.observe("finalize", seconds),
            Err(err) if err.program_error().is_some() => {
                tracing::debug!(request = %key, %err, "finalize refused (done already, or not yet)");
            }
            Err(err) => return Err(err.into()),
        }
        self.record_outcome(key, round).await
    }

    /// Counts this oracle's seat outcome once its round has been finalized.
    async fn record_outcome(&self, key: Pubkey, round: &RoundView) -> Result<(), WorkError> {
        match round.dispute {
            None => {
                let Some(request) = self.chain.account::<Request>(&key).await? else {
                    return Ok(());
                };
                self.quorum_round_ended(key, &request);
            }
            Some(dispute_key) => {
                let Some(dispute) = self.chain.account::<Dispute>(&dispute_key).await? else {
                    return Ok(());
                };
                let model = self
                    .chain
                    .account::<Request>(&key)
                    .await?
                    .map(|r| r.model)
                    .unwrap_or_default();
                if dispute.status != DisputeStatus::Open {
                    self.round_ended(
                        dispute_key,
                        dispute.opened_slot,
                        &model,
                        true,
                        &dispute.seats,
                        dispute.agreed,
                    );
                }
            }
        }
        Ok(())
    }

    /// Once per round (`round_key`: the request, or its dispute) and process: counts how this
    /// oracle's seat ended (a failed seat was counted when it failed) and forgets the round's
    /// salt. `agreed` is the consensus's member mask (0 without consensus).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn round_ended(
        &self,
        round_key: Pubkey,
        round_id: u64,
        model: &Pubkey,
        dispute: bool,
        seats: &[Seat],
        agreed: u8,
    ) {
        // The salt of this round (and only of this round: the address may hold a newer one).
        match self.salts.load(&round_key) {
            Ok(Some(entry)) if entry.round_id == round_id => {
                if let Err(err) = self.salts.remove(&round_key) {
                    tracing::warn!(round = %round_key, %err, "could not remove an ended round's salt");
                }
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(round = %round_key, %err, "unreadable salt entry"),
        }
        let first = self
            .ended
            .lock()
            .map(|mut set| set.insert((round_key, round_id)))
            .unwrap_or(false);
        if !first {
            return;
        }
        if let Some((index, seat)) = seats
            .iter()
            .enumerate()
            .find(|(_, seat)| seat.oracle == self.oracle)
        {
            let outcome = match seat.state {
                SeatState::Revealed if agreed & (1 << index) != 0 => Some("agreed"),
                SeatState::Revealed if agreed != 0 => Some("disagreed"),
                SeatState::Revealed => Some("no_consensus"),
                SeatState::Failed => None,
                SeatState::Claimed | SeatState::Committed => Some("no_show"),
            };
            if let Some(outcome) = outcome {
                self.count_seat(model, dispute, outcome);
            }
        }
    }

    /// [`Oracle::round_ended`] for a quorum request, once its round is finalized (no longer
    /// Open).
    pub(super) fn quorum_round_ended(&self, key: Pubkey, request: &Request) {
        if request.status != RequestStatus::Open {
            self.round_ended(
                key,
                request.created_slot,
                &request.model,
                false,
                &request.seats,
                request.agreed,
            );
        }
    }

    /// Counts one seat of this oracle that ended with `outcome`.
    pub(super) fn count_seat(&self, model: &Pubkey, dispute: bool, outcome: &str) {
        self.metrics
            .seats
            .get_or_create(&SeatLabel {
                model: model.to_string(),
                round: if dispute { "dispute" } else { "quorum" }.to_owned(),
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    /// Records a confirmed transaction's latency.
    pub(super) fn observe(&self, kind: &str, seconds: f64) {
        self.metrics
            .transaction_seconds
            .get_or_create(&KindLabel { kind: kind.into() })
            .observe(seconds);
    }
}
