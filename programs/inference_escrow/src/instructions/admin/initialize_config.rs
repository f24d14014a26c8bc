use anchor_lang::prelude::*;

use crate::{
    constants::{ACCOUNT_VERSION, SEED_CONFIG},
    create::{create_pda, write_account},
    events::ConfigInitialized,
    state::{Config, ConfigParams},
};

#[event_cpi]
#[derive(Accounts)]
pub struct InitializeConfig<'info> {
    /// Becomes the config admin; pays for the account.
    #[account(mut)]
    pub admin: Signer<'info>,
    /// The config, created here (also when someone funded its address first).
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(mut, seeds = [SEED_CONFIG], bump)]
    pub config: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl InitializeConfig<'_> {
    pub fn validate(&self, params: &ConfigParams) -> Result<()> {
        params.validate()
    }

    pub fn handler(ctx: Context<Self>, params: ConfigParams) -> Result<()> {
        let bump = ctx.bumps.config;
        let info = ctx.accounts.config.to_account_info();
        create_pda(
            &ctx.accounts.admin.to_account_info(),
            &info,
            &ctx.accounts.system_program.to_account_info(),
            8 + Config::INIT_SPACE,
            ctx.program_id,
            &[SEED_CONFIG, &[bump]],
        )?;
        let mut config = Config {
            version: ACCOUNT_VERSION,
            admin: ctx.accounts.admin.key(),
            treasury: params.treasury,
            protocol_fee_bps: 0,
            min_oracle_stake: 0,
            min_claim_bond: 0,
            claim_bond_bps: 0,
            claim_timeout_slots: 0,
            challenge_window_slots: 0,
            unbonding_slots: 0,
            arbitration_timeout_slots: 0,
            min_fulfil_slots: 0,
            reveal_window_slots: 0,
            challenge_bond: 0,
            dispute_replicas: 0,
            dispute_window_slots: 0,
            min_request_ttl_slots: 0,
            max_request_ttl_slots: 0,
            max_input_len: 0,
            max_output_len: 0,
            slashed_owed: 0,
            paused: false,
            bump,
        };
        config.apply(&params);
        write_account(&info, &config)?;
        config.invariant(&info)?;
        emit_cpi!(ConfigInitialized {
            admin: config.admin,
            treasury: config.treasury,
        });
        Ok(())
    }
}
