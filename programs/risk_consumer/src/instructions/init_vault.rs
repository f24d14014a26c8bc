use anchor_lang::prelude::*;
use inference_escrow_interface::{DType, Model};

use crate::{
    constants::{MAX_FEATURES, SCORE_LEN, SEED_VAULT, SEED_WALLET},
    create::{create_pda, write_account},
    errors::RiskError,
    escrow,
    state::Vault,
};

#[derive(Accounts)]
pub struct InitVault<'info> {
    /// Creates the vault (one per authority) and pays its rent.
    #[account(mut)]
    pub authority: Signer<'info>,
    /// Created here, also when someone funded its address first.
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(mut, seeds = [SEED_VAULT, authority.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,
    /// The model that will score positions; `validate` reads it through the interface crate,
    /// which checks that inference_escrow owns it and that it is a Model, then its schemas.
    /// CHECK: read with `escrow::model`.
    pub model: UncheckedAccount<'info>,
    /// The vault's wallet. Nothing is created: a system account springs into existence when
    /// someone sends it SOL. Passed only so that Anchor derives (and we store) its bump.
    #[account(seeds = [SEED_WALLET, vault.key().as_ref()], bump)]
    pub wallet: SystemAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl InitVault<'_> {
    /// The model, read once and checked to suit the vault.
    pub fn validate(&self, risk_threshold: f32, min_quorum: u8) -> Result<Model> {
        require!(risk_threshold.is_finite(), RiskError::InvalidThreshold);
        let model = escrow::model(&self.model)?;
        // A vault that wants k oracles to agree refuses a model that asks fewer.
        require!(
            min_quorum >= 1 && model.policy.quorum >= min_quorum,
            RiskError::QuorumTooLow
        );
        // Refuse a model whose requests would fail or whose results we could not read:
        // input = one row of 1..=MAX_FEATURES f32 features, output = exactly one f32, price in
        // lamports (the wallet holds SOL). `accepts_byte_len` is the rule inference_escrow
        // applies to every request's input.
        let features = feature_count(&model);
        let fits = model.input_schema.dtype == DType::F32
            && (1..=MAX_FEATURES).contains(&features)
            && model.input_schema.accepts_byte_len(features * 4)
            && model.output_schema.dtype == DType::F32
            && model.output_schema.accepts_byte_len(SCORE_LEN)
            && model.mint.is_none();
        require!(fits, RiskError::UnsuitableModel);
        Ok(model)
    }

    pub fn handler(
        ctx: Context<Self>,
        risk_threshold: f32,
        max_price: u64,
        challenger: Pubkey,
        min_quorum: u8,
    ) -> Result<()> {
        let model = ctx.accounts.validate(risk_threshold, min_quorum)?;
        let accounts = &ctx.accounts;
        let authority = accounts.authority.key();
        let bump = ctx.bumps.vault;
        let info = accounts.vault.to_account_info();
        create_pda(
            &accounts.authority.to_account_info(),
            &info,
            &accounts.system_program.to_account_info(),
            8 + Vault::INIT_SPACE,
            ctx.program_id,
            &[SEED_VAULT, authority.as_ref(), &[bump]],
        )?;
        let vault = Vault {
            authority,
            model: accounts.model.key(),
            risk_threshold,
            max_price,
            challenger,
            min_quorum,
            feature_count: feature_count(&model) as u8,
            next_nonce: 0,
            bump,
            wallet_bump: ctx.bumps.wallet,
        };
        vault.invariant()?;
        write_account(&info, &vault)
    }
}

/// Features in one row of the model's input: its last dimension (0 when that is dynamic).
fn feature_count(model: &Model) -> usize {
    model.input_schema.row_len()
}
