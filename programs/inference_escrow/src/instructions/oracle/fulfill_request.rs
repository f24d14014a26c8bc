use anchor_lang::prelude::*;

use crate::{
    attestation::{result_message, verify_previous_ed25519, ResultStatus},
    constants::{SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::RequestFulfilled,
    math,
    payload::Payload,
    state::{Model, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct FulfillRequest<'info> {
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
    #[account(address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// CHECK: the instructions sysvar, fixed by address; read for the Ed25519 instruction.
    #[account(address = solana_sdk_ids::sysvar::instructions::ID)]
    pub instructions: UncheckedAccount<'info>,
}

impl FulfillRequest<'_> {
    pub fn validate(&self, output: &Payload) -> Result<()> {
        let RequestStatus::Claimed { oracle, .. } = self.request.status else {
            return err!(EscrowError::RequestNotClaimed);
        };
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::NotClaimingOracle);
        require!(
            Clock::get()?.slot <= self.request.deadline_slot,
            EscrowError::DeadlinePassed
        );
        match output {
            Payload::Inline(bytes) => {
                require!(!bytes.is_empty(), EscrowError::EmptyOutput);
                require!(
                    bytes.len() <= self.request.output_capacity as usize,
                    EscrowError::OutputTooLong
                );
                require!(
                    self.model.output_schema.accepts_byte_len(bytes.len()),
                    EscrowError::OutputSchemaMismatch
                );
            }
            Payload::Uri { .. } => output.validate_uri()?,
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, output: Payload) -> Result<()> {
        let output_hash = output.sha256();
        let request_key = ctx.accounts.request.key();
        let message = result_message(
            ctx.program_id,
            &request_key,
            &ctx.accounts.model.onnx_sha256,
            &ctx.accounts.request.input_hash,
            &output_hash,
            ResultStatus::Fulfilled,
        );
        verify_previous_ed25519(
            &ctx.accounts.instructions,
            &ctx.accounts.oracle.attestation_key,
            &message,
        )?;

        let slot = Clock::get()?.slot;
        let oracle_key = ctx.accounts.oracle.key();
        let request = &mut ctx.accounts.request;
        request.output_hash = output_hash;
        request.output = Some(output.data_ref());
        request.status = RequestStatus::Fulfilled {
            oracle: oracle_key,
            slot,
        };
        request.invariant(&request.to_account_info())?;
        let oracle = &mut ctx.accounts.oracle;
        oracle.fulfilled = math::add(oracle.fulfilled, 1)?;
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(RequestFulfilled {
            request: request_key,
            oracle: oracle_key,
            output_hash,
        });
        Ok(())
    }
}
