use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::SEED_REQUEST,
    errors::EscrowError,
    escrow::TokenEscrow,
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
    /// SPL requests: a token account of the requester, credited with the refund.
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
        // A bonded seat's oracle may already be working: its round ends by finalize_quorum.
        // Seats that failed hold nothing and cannot keep the requester from cancelling.
        require!(
            self.request.seats.iter().all(|seat| !seat.is_bonded()),
            EscrowError::SeatsHeld
        );
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
        // SOL, the escrow still in it).
        emit_cpi!(RequestCancelled {
            request: ctx.accounts.request.key(),
            requester: ctx.accounts.requester.key(),
            refunded,
        });
        Ok(())
    }
}

/// Pays the requester what `request` holds for it, before the account is closed: for SOL the
/// escrow stays in the account and leaves with it on close; for SPL the vault pays the escrow
/// (and anything else sent to it) to `requester_token` and is closed. Returns the escrow paid.
pub fn refund_and_close<'info>(
    request: &mut Account<'info, Request>,
    requester: &AccountInfo<'info>,
    mint: Option<&InterfaceAccount<'info, Mint>>,
    vault: Option<&InterfaceAccount<'info, TokenAccount>>,
    requester_token: Option<&InterfaceAccount<'info, TokenAccount>>,
    token_program: Option<&Interface<'info, TokenInterface>>,
) -> Result<u64> {
    let request_key = request.key();
    match TokenEscrow::load(&request_key, request, mint, vault, token_program)? {
        Some(token) => token.refund_and_close(request, requester_token, requester),
        None => {
            let escrow = request.escrow;
            request.escrow = 0;
            Ok(escrow)
        }
    }
}
