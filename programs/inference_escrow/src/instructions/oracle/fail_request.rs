use anchor_lang::prelude::*;

use crate::{
    attestation::{sha256, verify_previous_ed25519, ResultAttestation, ResultStatus},
    constants::{MAX_FAIL_REASON_LEN, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    escrow::release_bond,
    events::RequestFailed,
    state::{Model, Oracle, Request, RequestStatus},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct FailRequestArgs {
    /// Why the input cannot be run (at most 128 bytes; its SHA-256 is what gets signed).
    pub reason: String,
    /// SHA-256 of `runtime/version/execution provider` of the oracle (signed with it).
    pub execution_id: [u8; 32],
}

/// A signed failure touches only the request and the oracle: nothing the requester does to its
/// own accounts (empty its wallet, close or freeze its token account) can stop the oracle from
/// ending its obligation this way. The escrow stays in the request, owed to the requester.
#[event_cpi]
#[derive(Accounts)]
pub struct FailRequest<'info> {
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

impl FailRequest<'_> {
    pub fn validate(&self, args: &FailRequestArgs) -> Result<()> {
        let RequestStatus::Claimed { oracle, .. } = self.request.status else {
            return err!(EscrowError::RequestNotClaimed);
        };
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::NotClaimingOracle);
        // After the deadline the claimer is a no-show: only `expire_request` (with its slash) applies.
        require!(
            Clock::get()?.slot <= self.request.deadline_slot,
            EscrowError::DeadlinePassed
        );
        require!(
            args.reason.len() <= MAX_FAIL_REASON_LEN,
            EscrowError::FailReasonTooLong
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: FailRequestArgs) -> Result<()> {
        let reason_hash = sha256(args.reason.as_bytes());
        let request_key = ctx.accounts.request.key();
        let oracle_key = ctx.accounts.oracle.key();
        let message = ResultAttestation {
            oracle: oracle_key,
            request: request_key,
            onnx_sha256: ctx.accounts.model.onnx_sha256,
            input_hash: ctx.accounts.request.input_hash,
            output_hash: reason_hash,
            execution_id: args.execution_id,
            status: ResultStatus::Failed,
        }
        .message(ctx.program_id);
        verify_previous_ed25519(
            &ctx.accounts.instructions,
            &ctx.accounts.oracle.attestation_key,
            &message,
        )?;

        let accounts = &mut *ctx.accounts;
        release_bond(&mut accounts.request, &mut accounts.oracle)?;
        let request = &mut accounts.request;
        request.output_hash = reason_hash;
        request.execution_id = args.execution_id;
        request.status = RequestStatus::Failed {
            oracle: oracle_key,
            slot: Clock::get()?.slot,
        };
        request.invariant(&request.to_account_info())?;
        let refund = request.escrow;
        let oracle = &mut accounts.oracle;
        oracle.failed = oracle.failed.saturating_add(1);
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(RequestFailed {
            request: request_key,
            oracle: oracle_key,
            reason: args.reason,
            execution_id: args.execution_id,
            refund,
        });
        Ok(())
    }
}
