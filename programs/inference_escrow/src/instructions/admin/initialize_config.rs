use anchor_lang::prelude::*;

use crate::{
    constants::SEED_CONFIG,
    events::ConfigInitialized,
    state::{Config, ConfigParams},
};

#[event_cpi]
#[derive(Accounts)]
pub struct InitializeConfig<'info> {
    /// Becomes the config admin; pays for the account.
    #[account(mut)]
    pub admin: Signer<'info>,
    #[account(init, payer = admin, space = 8 + Config::INIT_SPACE, seeds = [SEED_CONFIG], bump)]
    pub config: Box<Account<'info, Config>>,
    pub system_program: Program<'info, System>,
}

impl InitializeConfig<'_> {
    pub fn validate(&self, params: &ConfigParams) -> Result<()> {
        params.validate()
    }

    pub fn handler(ctx: Context<Self>, params: ConfigParams) -> Result<()> {
        let config = &mut ctx.accounts.config;
        config.admin = ctx.accounts.admin.key();
        config.apply(&params);
        config.paused = false;
        config.bump = ctx.bumps.config;
        config.invariant()?;
        emit_cpi!(ConfigInitialized {
            admin: config.admin,
            treasury: config.treasury,
        });
        Ok(())
    }
}
