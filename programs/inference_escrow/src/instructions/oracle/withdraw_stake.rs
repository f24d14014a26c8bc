use anchor_lang::prelude::*;

use crate::{
    constants::SEED_ORACLE,
    errors::EscrowError,
    events::{OracleStakeChanged, PayoutCollected, PayoutKind, StakeChange},
    math,
    state::{Oracle, OracleStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct WithdrawStake<'info> {
    /// Receives the whole remaining stake and any fees still owed.
    #[account(mut)]
    pub authority: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_ORACLE, oracle.authority.as_ref()],
        bump = oracle.bump,
        has_one = authority @ EscrowError::NotOracleAuthority,
        close = authority,
    )]
    pub oracle: Box<Account<'info, Oracle>>,
}

impl WithdrawStake<'_> {
    pub fn validate(&self) -> Result<()> {
        let OracleStatus::Unbonding { until_slot } = self.oracle.status else {
            return err!(EscrowError::OracleNotUnbonding);
        };
        require!(
            Clock::get()?.slot >= until_slot,
            EscrowError::StillUnbonding
        );
        require!(
            self.oracle.open_requests == 0,
            EscrowError::OracleHasOpenRequests
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let oracle = &mut ctx.accounts.oracle;
        let amount = oracle.stake;
        let fees = oracle.fees_owed;
        oracle.stake = 0;
        oracle.fees_owed = 0;
        oracle.total_withdrawn = math::add(oracle.total_withdrawn, amount)?;
        oracle.total_fees_collected = math::add(oracle.total_fees_collected, fees)?;
        oracle.status = OracleStatus::Exited;
        oracle
            .to_account_info()
            .sub_lamports(math::add(amount, fees)?)?;
        ctx.accounts
            .authority
            .add_lamports(math::add(amount, fees)?)?;
        let oracle = &ctx.accounts.oracle;
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(OracleStakeChanged {
            oracle: oracle.key(),
            change: StakeChange::Withdrawn,
            amount,
            stake: 0,
        });
        if fees > 0 {
            emit_cpi!(PayoutCollected {
                account: oracle.key(),
                kind: PayoutKind::OracleFees,
                payee: oracle.authority,
                mint: None,
                amount: fees,
            });
        }
        Ok(())
    }
}
