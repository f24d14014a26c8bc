use anchor_lang::prelude::*;

use crate::{
    constants::{SEED_CONFIG, SEED_ORACLE},
    errors::EscrowError,
    events::OracleUnbondingBegan,
    math,
    state::{Config, Oracle, OracleStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct BeginUnbonding<'info> {
    pub authority: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_ORACLE, oracle.authority.as_ref()],
        bump = oracle.bump,
        has_one = authority @ EscrowError::NotOracleAuthority,
    )]
    pub oracle: Box<Account<'info, Oracle>>,
}

impl BeginUnbonding<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(
            self.oracle.status == OracleStatus::Active,
            EscrowError::OracleNotActive
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let until_slot = math::add(Clock::get()?.slot, ctx.accounts.config.unbonding_slots)?;
        let oracle = &mut ctx.accounts.oracle;
        oracle.status = OracleStatus::Unbonding { until_slot };
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(OracleUnbondingBegan {
            oracle: oracle.key(),
            until_slot,
        });
        Ok(())
    }
}
