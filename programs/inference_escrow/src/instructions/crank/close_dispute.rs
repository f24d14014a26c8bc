use anchor_lang::prelude::*;

use crate::{constants::SEED_DISPUTE, errors::EscrowError, events::DisputeClosed, state::Dispute};

/// Closes a decided dispute (anyone may send it): its rent and any challenge bond it still
/// holds go to the challenger.
#[event_cpi]
#[derive(Accounts)]
pub struct CloseDispute<'info> {
    /// CHECK: the dispute's recorded challenger (checked by `has_one`); receives the lamports.
    #[account(mut)]
    pub challenger: UncheckedAccount<'info>,
    #[account(
        mut,
        seeds = [SEED_DISPUTE, dispute.request.as_ref()],
        bump = dispute.bump,
        has_one = challenger @ EscrowError::AccountMismatch,
        close = challenger,
    )]
    pub dispute: Box<Account<'info, Dispute>>,
}

impl CloseDispute<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(
            self.dispute.status.is_decided(),
            EscrowError::DisputeNotDecided
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let dispute = &ctx.accounts.dispute;
        emit_cpi!(DisputeClosed {
            request: dispute.request,
            dispute: dispute.key(),
            challenger: dispute.challenger,
            lamports: dispute.to_account_info().lamports(),
        });
        Ok(())
    }
}
