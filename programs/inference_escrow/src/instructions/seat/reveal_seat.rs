use anchor_lang::prelude::*;

use super::round_of;
use crate::{
    attestation::sha256,
    constants::{SEED_DISPUTE, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::SeatRevealed,
    state::{DataRef, Dispute, Model, Oracle, Request},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RevealSeatArgs {
    /// The output committed to: the output tensor's bytes, or in a dispute of a result posted
    /// by URI, the 32-byte SHA-256 of the output.
    pub output: Vec<u8>,
    /// The salt of the commitment.
    pub salt: [u8; 32],
}

#[event_cpi]
#[derive(Accounts)]
pub struct RevealSeat<'info> {
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
}

impl RevealSeat<'_> {
    /// The output must have the shape a result would: the model's output schema, or 32 bytes
    /// (an output hash) in a dispute of a result posted by URI.
    pub fn validate(&self, args: &RevealSeatArgs) -> Result<()> {
        let by_hash =
            self.dispute.is_some() && matches!(self.request.output, Some(DataRef::Uri(_)));
        let shape_ok = if by_hash {
            args.output.len() == 32
        } else {
            self.model.output_schema.accepts_byte_len(args.output.len())
        };
        require!(shape_ok, EscrowError::OutputSchemaMismatch);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: RevealSeatArgs) -> Result<()> {
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let oracle_key = accounts.oracle.key();
        let request_key = accounts.request.key();
        let output_hash = sha256(&args.output);
        let dispute_key = accounts.dispute.as_ref().map(|d| d.key());
        let dispute = accounts.dispute.as_deref_mut().map(|d| (d.key(), &mut **d));
        let seat = round_of(request_key, &mut accounts.request, dispute)?.reveal(
            &oracle_key,
            args.output,
            &args.salt,
            slot,
        )?;
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        emit_cpi!(SeatRevealed {
            request: request_key,
            dispute: dispute_key,
            oracle: oracle_key,
            seat: seat as u8,
            output_hash,
        });
        Ok(())
    }
}
