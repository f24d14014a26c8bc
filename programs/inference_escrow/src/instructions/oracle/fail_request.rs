use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    attestation::{result_message, sha256, verify_previous_ed25519, ResultStatus},
    constants::{MAX_FAIL_REASON_LEN, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    escrow::{refund, Payee, TokenEscrow},
    events::RequestFailed,
    math,
    state::{Model, Oracle, Request, RequestStatus},
};

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
    /// CHECK: receives the SOL refund; must be the request's requester.
    #[account(mut, address = request.requester @ EscrowError::AccountMismatch)]
    pub requester: UncheckedAccount<'info>,
    /// CHECK: the instructions sysvar, fixed by address; read for the Ed25519 instruction.
    #[account(address = solana_sdk_ids::sysvar::instructions::ID)]
    pub instructions: UncheckedAccount<'info>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the requester's token account, credited with the refund.
    #[account(mut)]
    pub requester_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl FailRequest<'_> {
    pub fn validate(&self, reason: &str) -> Result<()> {
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
            reason.len() <= MAX_FAIL_REASON_LEN,
            EscrowError::FailReasonTooLong
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, reason: String) -> Result<()> {
        let reason_hash = sha256(reason.as_bytes());
        let request_key = ctx.accounts.request.key();
        let message = result_message(
            ctx.program_id,
            &request_key,
            &ctx.accounts.model.onnx_sha256,
            &ctx.accounts.request.input_hash,
            &reason_hash,
            ResultStatus::Failed,
        );
        verify_previous_ed25519(
            &ctx.accounts.instructions,
            &ctx.accounts.oracle.attestation_key,
            &message,
        )?;

        let accounts = &mut *ctx.accounts;
        let token = TokenEscrow::load(
            &request_key,
            &accounts.request,
            accounts.mint.as_deref(),
            accounts.vault.as_deref(),
            accounts.token_program.as_ref(),
        )?;
        let requester_info = accounts.requester.to_account_info();
        let refunded = refund(
            &mut accounts.request,
            token.as_ref(),
            &Payee {
                wallet: &requester_info,
                token_account: accounts.requester_token.as_deref(),
            },
        )?;

        let slot = Clock::get()?.slot;
        let oracle_key = accounts.oracle.key();
        let request = &mut accounts.request;
        request.output_hash = reason_hash;
        request.status = RequestStatus::Failed {
            oracle: oracle_key,
            slot,
        };
        request.invariant(&request.to_account_info())?;
        let oracle = &mut accounts.oracle;
        oracle.failed = math::add(oracle.failed, 1)?;
        oracle.release_claim()?;
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(RequestFailed {
            request: request_key,
            oracle: oracle_key,
            reason,
            refunded,
        });
        Ok(())
    }
}
