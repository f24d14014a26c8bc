use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::SEED_EARNINGS,
    errors::EscrowError,
    escrow::FeeVault,
    events::{PayoutCollected, PayoutKind},
    math,
    state::{Earnings, Model},
};

#[event_cpi]
#[derive(Accounts)]
pub struct CollectEarnings<'info> {
    #[account(
        mut,
        seeds = [SEED_EARNINGS, earnings.model.as_ref(), earnings.oracle.as_ref()],
        bump = earnings.bump,
    )]
    pub earnings: Box<Account<'info, Earnings>>,
    #[account(mut, address = earnings.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The model's fee vault.
    #[account(mut)]
    pub fee_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// A token account of the mint owned by the oracle's authority.
    #[account(mut)]
    pub authority_token: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Interface<'info, TokenInterface>,
}

impl CollectEarnings<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.earnings.owed > 0, EscrowError::NothingOwed);
        Ok(())
    }

    /// Pays an oracle's SPL shares of a model, held in the model's fee vault, to its authority.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let amount = accounts.earnings.owed;
        let model_key = accounts.model.key();
        let fee_vault = FeeVault::load(
            &model_key,
            &accounts.model,
            Some(&*accounts.mint),
            Some(&*accounts.fee_vault),
            Some(&accounts.token_program),
        )?;
        fee_vault.pay(
            &accounts.model,
            &accounts.authority_token,
            &accounts.earnings.authority,
            amount,
        )?;
        let model = &mut accounts.model;
        model.oracle_fees_owed = math::sub(model.oracle_fees_owed, amount)?;
        model.invariant(&model.to_account_info())?;
        let earnings = &mut accounts.earnings;
        earnings.owed = 0;
        earnings.collected = earnings.collected.saturating_add(amount);
        let collected = PayoutCollected {
            account: earnings.key(),
            kind: PayoutKind::OracleEarnings,
            payee: earnings.authority,
            mint: model.mint,
            amount,
        };
        emit_cpi!(collected);
        Ok(())
    }
}
