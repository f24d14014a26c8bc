use anchor_lang::prelude::*;

use crate::{constants::SEED_CONFIG, errors::EscrowError, events::ConfigUpdated, state::Config};

#[event_cpi]
#[derive(Accounts)]
pub struct SetPaused<'info> {
    pub admin: Signer<'info>,
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump, has_one = admin @ EscrowError::NotAdmin)]
    pub config: Box<Account<'info, Config>>,
}

impl SetPaused<'_> {
    pub fn handler(ctx: Context<Self>, paused: bool) -> Result<()> {
        let config = &mut ctx.accounts.config;
        config.paused = paused;
        config.invariant(&config.to_account_info())?;
        emit_cpi!(ConfigUpdated {
            admin: config.admin,
            paused,
        });
        Ok(())
    }
}
