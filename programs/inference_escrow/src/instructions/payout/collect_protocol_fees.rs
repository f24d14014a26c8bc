use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::{SEED_CONFIG, SEED_MODEL},
    errors::EscrowError,
    escrow::pay_from_model,
    events::{PayoutCollected, PayoutKind},
    state::{Config, Model},
};

#[event_cpi]
#[derive(Accounts)]
pub struct CollectProtocolFees<'info> {
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_MODEL, model.owner.as_ref(), model.model_id.as_ref()],
        bump = model.bump,
    )]
    pub model: Box<Account<'info, Model>>,
    /// CHECK: receives the fees (SOL models); must be the config's treasury at collection time.
    #[account(mut, address = config.treasury @ EscrowError::AccountMismatch)]
    pub treasury: UncheckedAccount<'info>,
    /// SPL models: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL models: the model's fee vault.
    #[account(mut)]
    pub fee_vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL models: a token account of the mint owned by the treasury.
    #[account(mut)]
    pub treasury_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl CollectProtocolFees<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.model.protocol_fee_owed > 0, EscrowError::NothingOwed);
        Ok(())
    }

    /// Pays the model's protocol fees owed to the treasury.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let amount = accounts.model.protocol_fee_owed;
        pay_from_model(
            &accounts.model,
            &accounts.treasury.to_account_info(),
            accounts.mint.as_deref(),
            accounts.fee_vault.as_deref(),
            accounts.treasury_token.as_deref(),
            accounts.token_program.as_ref(),
            amount,
        )?;
        let model = &mut accounts.model;
        model.protocol_fee_owed = 0;
        model.invariant(&model.to_account_info())?;
        let collected = PayoutCollected {
            account: model.key(),
            kind: PayoutKind::ProtocolFee,
            payee: accounts.config.treasury,
            mint: model.mint,
            amount,
        };
        emit_cpi!(collected);
        Ok(())
    }
}
