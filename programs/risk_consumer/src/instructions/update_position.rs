use anchor_lang::prelude::*;

use crate::{
    constants::{SEED_POSITION, SEED_VAULT},
    errors::RiskError,
    state::{features_valid, Position, PositionStatus, Vault},
};

#[derive(Accounts)]
pub struct UpdatePosition<'info> {
    pub borrower: Signer<'info>,
    #[account(seeds = [SEED_VAULT, vault.authority.as_ref()], bump = vault.bump)]
    pub vault: Account<'info, Vault>,
    // The seeds name the vault and the signer: only the borrower reaches its own position.
    #[account(
        mut,
        seeds = [SEED_POSITION, vault.key().as_ref(), borrower.key().as_ref()],
        bump = position.bump,
    )]
    pub position: Account<'info, Position>,
}

impl UpdatePosition<'_> {
    pub fn validate(&self, features: &[f32]) -> Result<()> {
        require!(
            features_valid(features, &self.vault),
            RiskError::InvalidFeatures
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, features: Vec<f32>) -> Result<()> {
        let position = &mut ctx.accounts.position;
        position.features = features;
        // A score (or a pending request) was for the old features. A pending request is
        // abandoned here: `apply_score` will refuse it, and the vault authority reclaims its
        // rent once it is terminal.
        position.status = PositionStatus::Unscored;
        position.invariant(&ctx.accounts.vault)
    }
}
