use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::SEED_REQUEST,
    errors::EscrowError,
    escrow::{refund, Payee, TokenEscrow},
    events::RequestCancelled,
    state::{Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct CancelRequest<'info> {
    /// Receives the refund and the rent.
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
    /// SPL requests: the requester's token account, credited with the refund.
    #[account(mut)]
    pub requester_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl CancelRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(
            self.request.status == RequestStatus::Open,
            EscrowError::RequestNotOpen
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let token = TokenEscrow::load(
            &request_key,
            &accounts.request,
            accounts.mint.as_deref(),
            accounts.vault.as_deref(),
            accounts.token_program.as_ref(),
        )?;
        let requester_info = accounts.requester.to_account_info();
        let payee = Payee {
            wallet: &requester_info,
            token_account: accounts.requester_token.as_deref(),
        };
        let refunded = refund(&mut accounts.request, token.as_ref(), &payee)?;
        if let Some(token) = &token {
            token.sweep_and_close_vault(&accounts.request, &payee)?;
        }
        // The account is closed on exit (`close = requester`), returning its rent.
        emit_cpi!(RequestCancelled {
            request: request_key,
            requester: requester_info.key(),
            refunded,
        });
        Ok(())
    }
}
