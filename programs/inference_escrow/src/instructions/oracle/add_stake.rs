use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};

use crate::{
    constants::SEED_ORACLE,
    errors::EscrowError,
    events::{OracleStakeChanged, StakeChange},
    math,
    state::{Oracle, OracleStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct AddStake<'info> {
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_ORACLE, oracle.authority.as_ref()],
        bump = oracle.bump,
        has_one = authority @ EscrowError::NotOracleAuthority,
    )]
    pub oracle: Box<Account<'info, Oracle>>,
    pub system_program: Program<'info, System>,
}

impl AddStake<'_> {
    pub fn validate(&self, amount: u64) -> Result<()> {
        require!(amount > 0, EscrowError::ZeroAmount);
        require!(
            self.oracle.status == OracleStatus::Active,
            EscrowError::OracleNotActive
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, amount: u64) -> Result<()> {
        transfer(
            CpiContext::new(
                ctx.accounts.system_program.key(),
                Transfer {
                    from: ctx.accounts.authority.to_account_info(),
                    to: ctx.accounts.oracle.to_account_info(),
                },
            ),
            amount,
        )?;
        let oracle = &mut ctx.accounts.oracle;
        oracle.stake = math::add(oracle.stake, amount)?;
        oracle.total_staked = math::add(oracle.total_staked, amount)?;
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(OracleStakeChanged {
            oracle: oracle.key(),
            change: StakeChange::Added,
            amount,
            stake: oracle.stake,
        });
        Ok(())
    }
}
