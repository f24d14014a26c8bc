use anchor_lang::prelude::*;

use super::round_of;
use crate::{
    attestation::{verify_previous_ed25519, ResultAttestation, ResultStatus},
    constants::{SEED_DISPUTE, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::SeatCommitted,
    state::{Dispute, Model, Oracle, Request},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CommitSeatArgs {
    /// `sha256(sha256(output) || salt || oracle)` with a secret 32-byte salt (see
    /// `round::commitment`).
    pub commitment: [u8; 32],
    /// SHA-256 of `runtime/version/execution provider` that produced the output.
    pub execution_id: [u8; 32],
}

#[event_cpi]
#[derive(Accounts)]
pub struct CommitSeat<'info> {
    pub authority: Signer<'info>,
    #[account(
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

impl CommitSeat<'_> {
    /// The seat's oracle commits: the instruction just before must be an Ed25519 instruction
    /// signing the result message with status 3 (`Committed`), the commitment in the output-hash
    /// field and the round's account (the dispute, or the request) as the request.
    pub fn handler(ctx: Context<Self>, args: CommitSeatArgs) -> Result<()> {
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let oracle_key = accounts.oracle.key();
        let request_key = accounts.request.key();
        let input_hash = accounts.request.input_hash;
        let dispute_key = accounts.dispute.as_ref().map(|d| d.key());
        let dispute = accounts.dispute.as_deref_mut().map(|d| (d.key(), &mut **d));
        let mut round = round_of(request_key, &mut accounts.request, dispute)?;
        let seat = round.claimed_seat(&oracle_key, slot)?;
        let message = ResultAttestation {
            oracle: oracle_key,
            request: round.key,
            onnx_sha256: accounts.model.onnx_sha256,
            input_hash,
            output_hash: args.commitment,
            execution_id: args.execution_id,
            status: ResultStatus::Committed,
        }
        .message(ctx.program_id);
        verify_previous_ed25519(
            &accounts.instructions,
            &accounts.oracle.attestation_key,
            &message,
        )?;
        round.commit(seat, args.commitment, args.execution_id);
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        emit_cpi!(SeatCommitted {
            request: request_key,
            dispute: dispute_key,
            oracle: oracle_key,
            seat: seat as u8,
            commitment: args.commitment,
            execution_id: args.execution_id,
        });
        Ok(())
    }
}
