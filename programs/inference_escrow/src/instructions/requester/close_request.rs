use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use super::cancel_request::refund_and_close;
use crate::{
    constants::SEED_REQUEST,
    errors::EscrowError,
    events::RequestClosed,
    state::{Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct CloseRequest<'info> {
    /// Receives the refund owed (failed, expired, refunded requests) and the rent of the
    /// request and its vault.
    #[account(mut)]
    pub requester: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
        has_one = requester @ EscrowError::NotRequester,
        close = requester,
    )]
    pub request: Box<Account<'info, Request>>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault, emptied and closed.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: a token account of the requester, credited with the refund and anything
    /// else sent to the vault.
    #[account(mut)]
    pub requester_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl CloseRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        let status = self.request.status;
        require!(status.is_terminal(), EscrowError::RequestNotTerminal);
        // A settled SPL request whose payout a frozen vault deferred still holds the payees'
        // tokens: they must reach the fee vault (`release_payout`) before the vault can close.
        let deferred = matches!(status, RequestStatus::Settled { .. }) && self.request.escrow > 0;
        require!(!deferred, EscrowError::PayoutPending);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let refunded = refund_and_close(
            &mut ctx.accounts.request,
            &ctx.accounts.requester.to_account_info(),
            ctx.accounts.mint.as_deref(),
            ctx.accounts.vault.as_deref(),
            ctx.accounts.requester_token.as_deref(),
            ctx.accounts.token_program.as_ref(),
        )?;
        // The account is closed on exit (`close = requester`), returning its rent (and, for
        // SOL, the refund still in it).
        emit_cpi!(RequestClosed {
            request: ctx.accounts.request.key(),
            requester: ctx.accounts.requester.key(),
            refunded,
        });
        Ok(())
    }
}
