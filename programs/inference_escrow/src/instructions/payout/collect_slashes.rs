use anchor_lang::prelude::*;

use crate::{
    constants::SEED_CONFIG,
    errors::EscrowError,
    escrow::pay_lamports,
    events::{PayoutCollected, PayoutKind},
    state::Config,
};

#[event_cpi]
#[derive(Accounts)]
pub struct CollectSlashes<'info> {
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// CHECK: receives the slashed bonds; must be the config's treasury.
    #[account(mut, address = config.treasury @ EscrowError::AccountMismatch)]
    pub treasury: UncheckedAccount<'info>,
}

impl CollectSlashes<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.config.slashed_owed > 0, EscrowError::NothingOwed);
        Ok(())
    }

    /// Pays the slashed claim bonds held in the config to the treasury.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let config = &mut ctx.accounts.config;
        let amount = config.slashed_owed;
        pay_lamports(
            &config.to_account_info(),
            &ctx.accounts.treasury.to_account_info(),
            amount,
        )?;
        config.slashed_owed = 0;
        config.invariant(&config.to_account_info())?;
        emit_cpi!(PayoutCollected {
            account: config.key(),
            kind: PayoutKind::Slashes,
            payee: config.treasury,
            mint: None,
            amount,
        });
        Ok(())
    }
}
