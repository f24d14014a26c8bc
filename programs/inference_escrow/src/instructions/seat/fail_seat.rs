use anchor_lang::prelude::*;

use super::round_of;
use crate::{
    attestation::{sha256, verify_previous_ed25519, ResultAttestation, ResultStatus},
    constants::{MAX_FAIL_REASON_LEN, SEED_DISPUTE, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::SeatFailed,
    instructions::FailRequestArgs,
    round::release_seat,
    state::{Dispute, Model, Oracle, Request, SeatState},
};

#[event_cpi]
#[derive(Accounts)]
pub struct FailSeat<'info> {
    pub authority: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_ORACLE, oracle.authority.as_ref()],
        bump = oracle.bump,
        has_one = authority @ EscrowError::NotOracleAuthority,
    )]
    pub oracle: Box<Account<'info, Oracle>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// The dispute whose round the seat is in; omit for the request's own round.
    #[account(mut, seeds = [SEED_DISPUTE, request.key().as_ref()], bump = dispute.bump)]
    pub dispute: Option<Box<Account<'info, Dispute>>>,
    #[account(address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// CHECK: the instructions sysvar, fixed by address; read for the Ed25519 instruction.
    #[account(address = solana_sdk_ids::sysvar::instructions::ID)]
    pub instructions: UncheckedAccount<'info>,
}

impl FailSeat<'_> {
    pub fn validate(&self, args: &FailRequestArgs) -> Result<()> {
        require!(
            args.reason.len() <= MAX_FAIL_REASON_LEN,
            EscrowError::FailReasonTooLong
        );
        Ok(())
    }

    /// A seat that cannot run the input says so before committing, signed like a failed
    /// request (status 2, the hash of `reason`) naming the round's account: its bond is
    /// released and it takes no part in the outcome.
    pub fn handler(ctx: Context<Self>, args: FailRequestArgs) -> Result<()> {
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let oracle_key = accounts.oracle.key();
        let request_key = accounts.request.key();
        let input_hash = accounts.request.input_hash;
        let dispute_key = accounts.dispute.as_ref().map(|d| d.key());
        let dispute = accounts.dispute.as_deref_mut().map(|d| (d.key(), &mut **d));
        let round = round_of(request_key, &mut accounts.request, dispute)?;
        let seat = round.claimed_seat(&oracle_key, slot)?;
        let message = ResultAttestation {
            oracle: oracle_key,
            request: round.key,
            onnx_sha256: accounts.model.onnx_sha256,
            input_hash,
            output_hash: sha256(args.reason.as_bytes()),
            execution_id: args.execution_id,
            status: ResultStatus::Failed,
        }
        .message(ctx.program_id);
        verify_previous_ed25519(
            &accounts.instructions,
            &accounts.oracle.attestation_key,
            &message,
        )?;
        let state = &mut round.seats[seat];
        release_seat(state, &mut accounts.oracle)?;
        state.state = SeatState::Failed;
        state.execution_id = args.execution_id;
        let oracle = &mut accounts.oracle;
        oracle.failed = oracle.failed.saturating_add(1);
        oracle.invariant(&oracle.to_account_info())?;
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        if let Some(dispute) = &accounts.dispute {
            dispute.invariant(&dispute.to_account_info())?;
        }
        emit_cpi!(SeatFailed {
            request: request_key,
            dispute: dispute_key,
            oracle: oracle_key,
            seat: seat as u8,
            reason: args.reason,
            execution_id: args.execution_id,
        });
        Ok(())
    }
}
