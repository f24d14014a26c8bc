use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use super::PayoutAccounts;
use crate::{
    constants::{SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::PayoutReleased,
    state::{Earnings, Model, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ReleasePayout<'info> {
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    #[account(mut, address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// The oracle that settled the request (its earnings are credited).
    #[account(mut, seeds = [SEED_ORACLE, oracle.authority.as_ref()], bump = oracle.bump)]
    pub oracle: Box<Account<'info, Oracle>>,
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub fee_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub earnings: Box<Account<'info, Earnings>>,
    pub token_program: Interface<'info, TokenInterface>,
}

impl ReleasePayout<'_> {
    pub fn validate(&self) -> Result<()> {
        let RequestStatus::Settled { oracle, .. } = self.request.status else {
            return err!(EscrowError::PayoutNotPending);
        };
        require!(
            self.request.mint.is_some() && self.request.escrow > 0,
            EscrowError::PayoutNotPending
        );
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::AccountMismatch);
        Ok(())
    }

    /// Moves a settled SPL request's tokens, kept in its vault while it (or the fee vault) was
    /// frozen, to the model's fee vault and credits the owed balances.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let oracle_key = accounts.oracle.key();
        let mut payout_accounts = PayoutAccounts {
            request: &mut accounts.request,
            model: &mut accounts.model,
            oracle: &mut accounts.oracle,
            mint: Some(&*accounts.mint),
            vault: Some(&*accounts.vault),
            fee_vault: Some(&*accounts.fee_vault),
            earnings: Some(&mut *accounts.earnings),
            token_program: Some(&accounts.token_program),
        };
        let payout = payout_accounts.pay_out()?;
        require!(!payout.deferred, EscrowError::TokenAccountFrozen);
        payout_accounts.check_invariants()?;
        emit_cpi!(PayoutReleased {
            request: request_key,
            oracle: oracle_key,
            oracle_amount: payout.split.oracle,
            royalty: payout.split.royalty,
            protocol_fee: payout.split.protocol,
        });
        Ok(())
    }
}
