use anchor_lang::prelude::*;

use crate::{
    attestation::sha256,
    challenge::{end_challenged, load_challenged},
    compare,
    constants::{SEED_CONFIG, SEED_DISPUTE, SEED_REQUEST},
    errors::EscrowError,
    events::{
        DisputeDecided, DisputeOutcome, RefundReason, RequestRefunded, RoundFinalized, SeatSettled,
    },
    instructions::round_of,
    math,
    round::{
        agreeing, credit_lamports, end_seats, load_seat_oracles, store_oracles, Phase, SeatOutcome,
    },
    state::{Config, DataRef, Dispute, DisputeStatus, Model, Request, RequestStatus, SeatState},
};

/// Decides a dispute once its re-execution round has ended, or refunds the request once the
/// arbiter's time after a round without quorum has run out (anyone may send it). Remaining
/// accounts, writable: the dispute seats' Oracle accounts in seat order, then the oracles behind
/// the challenged result (the holder of a single-oracle request, or every seat of a quorum
/// request in seat order).
#[event_cpi]
#[derive(Accounts)]
pub struct FinalizeDispute<'info> {
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    #[account(mut, seeds = [SEED_DISPUTE, request.key().as_ref()], bump = dispute.bump)]
    pub dispute: Box<Account<'info, Dispute>>,
    #[account(address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// Owed silent re-executors' bonds after a round without quorum.
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
}

/// What the handler decided, for its events.
struct Decision {
    outcome: DisputeOutcome,
    slashed: u64,
    paid: u64,
    settled: Vec<SeatSettled>,
    round: Option<RoundFinalized>,
}

impl FinalizeDispute<'_> {
    pub fn handler<'info>(ctx: Context<'info, FinalizeDispute<'info>>) -> Result<()> {
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let dispute_key = accounts.dispute.key();
        require!(
            matches!(accounts.request.status, RequestStatus::Challenged { .. }),
            EscrowError::RequestNotChallenged
        );
        let remaining = ctx.remaining_accounts;
        let decision = match accounts.dispute.status {
            DisputeStatus::Open => decide_round(accounts, remaining, slot)?,
            DisputeStatus::NoQuorum { slot: since } => {
                let ends = math::add(since, accounts.config.arbitration_timeout_slots)?;
                require!(slot > ends, EscrowError::ArbitrationPending);
                // The re-executors' bonds ended with their round: none of theirs is passed.
                let (_, taken) = load_seat_oracles(remaining, &accounts.dispute.seats)?;
                let mut challenged = load_challenged(&remaining[taken..], &accounts.request)?;
                let slashed = end_challenged(&mut accounts.request, &mut challenged, false)?;
                credit_lamports(slashed, &mut [], &mut accounts.config)?;
                store_oracles(&challenged)?;
                refund(&mut accounts.request, slot)?;
                accounts.dispute.status = DisputeStatus::TimedOut { slot };
                Decision {
                    outcome: DisputeOutcome::TimedOut,
                    slashed,
                    paid: 0,
                    settled: Vec::new(),
                    round: None,
                }
            }
            _ => return err!(EscrowError::RoundClosed),
        };

        let request = &accounts.request;
        request.invariant(&request.to_account_info())?;
        accounts
            .dispute
            .invariant(&accounts.dispute.to_account_info())?;
        accounts
            .config
            .invariant(&accounts.config.to_account_info())?;
        let refunded = matches!(request.status, RequestStatus::Refunded { .. });
        let (requester, refund_amount) = (request.requester, request.escrow);
        let bond_returned = accounts.dispute.bond;
        if let Some(round) = decision.round {
            emit_cpi!(round);
        }
        for event in decision.settled {
            emit_cpi!(event);
        }
        emit_cpi!(DisputeDecided {
            request: request_key,
            dispute: dispute_key,
            outcome: decision.outcome,
            refund: if refunded { refund_amount } else { 0 },
            slashed: decision.slashed,
            paid_to_reexecutors: decision.paid,
            paid_to_producers: 0,
            bond_returned,
        });
        if refunded {
            emit_cpi!(RequestRefunded {
                request: request_key,
                requester,
                reason: match decision.outcome {
                    DisputeOutcome::TimedOut => RefundReason::ArbitrationTimedOut,
                    _ => RefundReason::ReexecutionDisagreed,
                },
                refund: refund_amount,
                slashed: decision.slashed,
            });
        }
        Ok(())
    }
}

/// Marks the challenged request Refunded: its escrow is owed back to the requester.
fn refund(request: &mut Request, slot: u64) -> Result<()> {
    let oracle = request
        .status
        .oracle()
        .ok_or(EscrowError::RequestNotChallenged)?;
    request.status = RequestStatus::Refunded { oracle, slot };
    Ok(())
}

/// Ends an open dispute's round: confirmed, overturned, or without quorum.
fn decide_round<'info>(
    accounts: &mut FinalizeDispute<'info>,
    remaining: &'info [AccountInfo<'info>],
    slot: u64,
) -> Result<Decision> {
    let request_key = accounts.request.key();
    let dispute_key = accounts.dispute.key();
    let row_len = accounts.model.output_schema.row_len();
    let challenged_output = match &accounts.request.output {
        Some(DataRef::Inline(bytes)) => bytes.clone(),
        _ => accounts.request.output_hash.to_vec(),
    };
    let dispute = &mut *accounts.dispute;
    let round = round_of(
        request_key,
        &mut accounts.request,
        Some((dispute_key, dispute)),
    )?;
    require!(
        round.phase(slot) == Phase::Ended,
        EscrowError::RoundStillOpen
    );
    let consensus = round.tally(row_len);
    let compare_rule = round.policy.compare;
    let revealed = round
        .seats
        .iter()
        .filter(|seat| seat.state == SeatState::Revealed)
        .count() as u8;
    let (mut reexecutors, taken) = load_seat_oracles(remaining, round.seats)?;

    // The re-executors' own bonds: agreeing and released seats get theirs back, the others
    // (disagreeing, silent) lose them to the agreeing seats, or to the treasury without quorum.
    let (ends, pool) = end_seats(
        round.seats,
        &mut reexecutors,
        consensus.as_ref().map(|c| c.members),
    )?;
    let mut settled: Vec<SeatSettled> = ends
        .iter()
        .map(|end| SeatSettled {
            request: request_key,
            dispute: Some(dispute_key),
            oracle: end.oracle,
            seat: end.seat,
            outcome: end.outcome,
            earned: 0,
            slash_share: 0,
            slashed: end.slashed,
        })
        .collect();

    let Some(consensus) = consensus else {
        credit_lamports(pool, &mut [], &mut accounts.config)?;
        store_oracles(&reexecutors)?;
        accounts.dispute.status = DisputeStatus::NoQuorum { slot };
        return Ok(Decision {
            outcome: DisputeOutcome::NoQuorum,
            slashed: pool,
            paid: 0,
            settled,
            round: Some(RoundFinalized {
                request: request_key,
                dispute: Some(dispute_key),
                consensus: false,
                agreed: 0,
                revealed,
                output_hash: [0; 32],
            }),
        });
    };

    let confirmed = compare::confirms(compare_rule, row_len, &consensus, &challenged_output);
    let (outcome, slashed, paid) = if confirmed {
        // The result stands: the challenge bond pays the agreeing re-executors.
        let bond = accounts.dispute.bond;
        accounts.dispute.bond = 0;
        accounts.dispute.to_account_info().sub_lamports(bond)?;
        let paid = math::add(bond, pool)?;
        let RequestStatus::Challenged {
            oracle,
            fulfilled_slot,
            ..
        } = accounts.request.status
        else {
            return err!(EscrowError::RequestNotChallenged);
        };
        accounts.request.status = RequestStatus::Fulfilled {
            oracle,
            slot: fulfilled_slot,
        };
        accounts.request.disputed = true;
        accounts.dispute.status = DisputeStatus::Rejected { slot };
        (DisputeOutcome::Confirmed, pool, paid)
    } else {
        // Overturned: the result's producers lose their bonds to the agreeing re-executors; the
        // requester is refunded; the challenge bond stays owed to the challenger.
        let mut challenged = load_challenged(&remaining[taken..], &accounts.request)?;
        let taken = end_challenged(&mut accounts.request, &mut challenged, true)?;
        store_oracles(&challenged)?;
        refund(&mut accounts.request, slot)?;
        accounts.dispute.status = DisputeStatus::Upheld { slot };
        let slashed = math::add(pool, taken)?;
        (DisputeOutcome::Overturned, slashed, slashed)
    };
    accounts.dispute.agreed = consensus.members;
    let mut paid_oracles = agreeing(&mut reexecutors, consensus.members);
    let agreeing_count = paid_oracles.len();
    credit_lamports(paid, &mut paid_oracles, &mut accounts.config)?;
    store_oracles(&reexecutors)?;
    for (rank, event) in settled
        .iter_mut()
        .filter(|e| e.outcome == SeatOutcome::Agreed)
        .enumerate()
    {
        event.slash_share = math::equal_share(paid, agreeing_count, rank);
    }
    Ok(Decision {
        outcome,
        slashed,
        paid,
        settled,
        round: Some(RoundFinalized {
            request: request_key,
            dispute: Some(dispute_key),
            consensus: true,
            agreed: consensus.members,
            revealed,
            output_hash: sha256(&consensus.output),
        }),
    })
}
