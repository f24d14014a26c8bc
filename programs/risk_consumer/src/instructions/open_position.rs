use anchor_lang::prelude::*;

use crate::{
    constants::{SEED_POSITION, SEED_VAULT},
    create::{create_pda, write_account},
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
    /// Created here, also when someone funded its address first (an address anyone can
    /// derive: with Anchor's `init`, one lamport sent there would lock the borrower out).
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(
        mut,
        seeds = [SEED_POSITION, vault.key().as_ref(), borrower.key().as_ref()],
        bump,
    )]
    pub position: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl OpenPosition<'_> {
    pub fn validate(&self, features: &[f32]) -> Result<()> {
        require!(
            features_valid(features, &self.vault),
            RiskError::InvalidFeatures
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, features: Vec<f32>) -> Result<()> {
        let accounts = &ctx.accounts;
        let (vault, borrower) = (accounts.vault.key(), accounts.borrower.key());
        let bump = ctx.bumps.position;
        let info = accounts.position.to_account_info();
        create_pda(
            &accounts.borrower.to_account_info(),
            &info,
            &accounts.system_program.to_account_info(),
            8 + Position::INIT_SPACE,
            ctx.program_id,
            &[SEED_POSITION, vault.as_ref(), borrower.as_ref(), &[bump]],
        )?;
        let position = Position {
            vault,
            borrower,
            features,
            status: PositionStatus::Unscored,
            bump,
        };
        position.invariant(&accounts.vault)?;
        write_account(&info, &position)
    }
}
