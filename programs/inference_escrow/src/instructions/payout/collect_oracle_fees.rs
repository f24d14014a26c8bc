use anchor_lang::prelude::*;

use crate::{
    constants::SEED_ORACLE,
    errors::EscrowError,
    escrow::pay_lamports,
    events::{PayoutCollected, PayoutKind},
    math,
    state::Oracle,
};

#[event_cpi]
#[derive(Accounts)]
pub struct CollectOracleFees<'info> {
    #[account(mut, seeds = [SEED_ORACLE, oracle.authority.as_ref()], bump = oracle.bump)]
    pub oracle: Box<Account<'info, Oracle>>,
    /// CHECK: receives the fees; must be the oracle's authority.
    #[account(mut, address = oracle.authority @ EscrowError::AccountMismatch)]
    pub authority: UncheckedAccount<'info>,
}

impl CollectOracleFees<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.oracle.fees_owed > 0, EscrowError::NothingOwed);
        Ok(())
    }

    /// Pays the oracle's SOL fees owed to its authority.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let oracle = &mut ctx.accounts.oracle;
        let amount = oracle.fees_owed;
        pay_lamports(
            &oracle.to_account_info(),
            &ctx.accounts.authority.to_account_info(),
            amount,
        )?;
        oracle.fees_owed = 0;
        oracle.total_fees_collected = math::add(oracle.total_fees_collected, amount)?;
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(PayoutCollected {
            account: oracle.key(),
            kind: PayoutKind::OracleFees,
            payee: oracle.authority,
            mint: None,
            amount,
        });
        Ok(())
    }
}
