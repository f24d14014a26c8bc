use anchor_lang::prelude::*;

use crate::{
    attestation::sha256,
    constants::{SEED_CONFIG, SEED_REQUEST},
    errors::EscrowError,
    events::{RefundReason, RequestRefunded, RoundFinalized, SeatSettled},
    instructions::round_of,
    round::{credit_lamports, end_seats, load_seat_oracles, store_oracles, Phase},
    state::{Config, DataRef, Model, Request, RequestStatus, SeatState},
};

/// Ends a quorum request's round once no seat can act (anyone may send it). Remaining
/// accounts: the seats' Oracle accounts, in seat order, writable (needed only without
/// consensus, when bonds are released or slashed here).
#[event_cpi]
#[derive(Accounts)]
pub struct FinalizeQuorum<'info> {
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    #[account(address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// Owed the no-shows' bonds when the round ends without consensus.
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
}

impl FinalizeQuorum<'_> {
    /// With `quorum` agreeing outputs the request is Fulfilled with the agreed output (the
    /// median for `Median`) and the challenge window starts; bonds stay locked until settlement.
    /// Without, it is refunded in full: no-shows lose their bonds to the treasury, the others
    /// are released.
    pub fn handler<'info>(ctx: Context<'info, FinalizeQuorum<'info>>) -> Result<()> {
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let row_len = accounts.model.output_schema.row_len();
        let round = round_of(request_key, &mut accounts.request, None)?;
        require!(
            round.phase(slot) == Phase::Ended,
            EscrowError::RoundStillOpen
        );
        let consensus = round.tally(row_len);
        let revealed = round
            .seats
            .iter()
            .filter(|seat| seat.state == SeatState::Revealed)
            .count() as u8;

        let Some(consensus) = consensus else {
            let (mut oracles, _) = load_seat_oracles(ctx.remaining_accounts, round.seats)?;
            let (ends, slashed_total) = end_seats(round.seats, &mut oracles, None)?;
            let settled: Vec<SeatSettled> = ends
                .iter()
                .map(|end| SeatSettled {
                    request: request_key,
                    dispute: None,
                    oracle: end.oracle,
                    seat: end.seat,
                    outcome: end.outcome,
                    earned: 0,
                    slash_share: 0,
                    slashed: end.slashed,
                })
                .collect();
            credit_lamports(slashed_total, &mut [], &mut accounts.config)?;
            store_oracles(&oracles)?;
            let request = &mut accounts.request;
            request.status = RequestStatus::Expired { slot };
            request.invariant(&request.to_account_info())?;
            accounts
                .config
                .invariant(&accounts.config.to_account_info())?;
            let (requester, refund) = (accounts.request.requester, accounts.request.escrow);
            emit_cpi!(RoundFinalized {
                request: request_key,
                dispute: None,
                consensus: false,
                agreed: 0,
                revealed,
                output_hash: [0; 32],
            });
            for event in settled {
                emit_cpi!(event);
            }
            emit_cpi!(RequestRefunded {
                request: request_key,
                requester,
                reason: RefundReason::NoConsensus,
                refund,
                slashed: slashed_total,
            });
            return Ok(());
        };

        let winner = &round.seats[consensus.winner];
        let (winner_oracle, execution_id) = (winner.oracle, winner.execution_id);
        let output_hash = sha256(&consensus.output);
        let request = &mut accounts.request;
        request.status = RequestStatus::Fulfilled {
            oracle: winner_oracle,
            slot,
        };
        request.output = Some(DataRef::Inline(consensus.output));
        request.output_hash = output_hash;
        request.execution_id = execution_id;
        request.agreed = consensus.members;
        request.invariant(&request.to_account_info())?;
        emit_cpi!(RoundFinalized {
            request: request_key,
            dispute: None,
            consensus: true,
            agreed: consensus.members,
            revealed,
            output_hash,
        });
        Ok(())
    }
}
