use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::SEED_MODEL,
    errors::EscrowError,
    escrow::pay_from_model,
    events::{PayoutCollected, PayoutKind},
    state::Model,
};

#[event_cpi]
#[derive(Accounts)]
pub struct CollectRoyalty<'info> {
    #[account(
        mut,
        seeds = [SEED_MODEL, model.owner.as_ref(), model.model_id.as_ref()],
        bump = model.bump,
    )]
    pub model: Box<Account<'info, Model>>,
    /// CHECK: receives the royalty (SOL models); must be the model's owner.
    #[account(mut, address = model.owner @ EscrowError::AccountMismatch)]
    pub owner: UncheckedAccount<'info>,
    /// SPL models: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL models: the model's fee vault.
    #[account(mut)]
    pub fee_vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL models: a token account of the mint owned by the model's owner.
    #[account(mut)]
    pub owner_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl CollectRoyalty<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(self.model.royalty_owed > 0, EscrowError::NothingOwed);
        Ok(())
    }

    /// Pays the model's royalty owed to its owner.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let amount = accounts.model.royalty_owed;
        pay_from_model(
            &accounts.model,
            &accounts.owner.to_account_info(),
            accounts.mint.as_deref(),
            accounts.fee_vault.as_deref(),
            accounts.owner_token.as_deref(),
            accounts.token_program.as_ref(),
            amount,
        )?;
        let model = &mut accounts.model;
        model.royalty_owed = 0;
        model.invariant(&model.to_account_info())?;
        let collected = PayoutCollected {
            account: model.key(),
            kind: PayoutKind::Royalty,
            payee: model.owner,
            mint: model.mint,
            amount,
        };
        emit_cpi!(collected);
        Ok(())
    }
}
