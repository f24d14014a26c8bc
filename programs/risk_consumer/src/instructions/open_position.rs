use anchor_lang::prelude::*;

use crate::{
    constants::{FEATURE_COUNT, SEED_POSITION, SEED_VAULT},
    errors::RiskError,
    state::{features_valid, Position, PositionStatus, Vault},
};

#[derive(Accounts)]
pub struct OpenPosition<'info> {
    /// The borrower; pays the position's rent.
    #[account(mut)]
    pub borrower: Signer<'info>,
    #[account(seeds = [SEED_VAULT, vault.authority.as_ref()], bump = vault.bump)]
    pub vault: Account<'info, Vault>,
    #[account(
        init,
        payer = borrower,
        space = 8 + Position::INIT_SPACE,
        seeds = [SEED_POSITION, vault.key().as_ref(), borrower.key().as_ref()],
        bump,
    )]
    pub position: Account<'info, Position>,
    pub system_program: Program<'info, System>,
}

impl OpenPosition<'_> {
    pub fn validate(&self, features: &[f32; FEATURE_COUNT]) -> Result<()> {
        require!(features_valid(features), RiskError::InvalidFeatures);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, features: [f32; FEATURE_COUNT]) -> Result<()> {
        let position = &mut ctx.accounts.position;
        position.vault = ctx.accounts.vault.key();
        position.borrower = ctx.accounts.borrower.key();
        position.features = features;
        position.status = PositionStatus::Unscored;
        position.bump = ctx.bumps.position;
        position.invariant(&ctx.accounts.vault)
    }
}
