use anchor_lang::prelude::*;
use anchor_spl::token_interface::Mint;

use crate::{
    constants::{BPS_DENOMINATOR, SEED_MODEL},
    errors::EscrowError,
    events::ModelRegistered,
    state::{validate_uri, Model, TensorSchema},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RegisterModelArgs {
    /// Owner-chosen identifier (e.g. a hash of the model's name); part of the PDA seeds.
    pub model_id: [u8; 32],
    /// SHA-256 of the ONNX file.
    pub onnx_sha256: [u8; 32],
    pub input_schema: TensorSchema,
    pub output_schema: TensorSchema,
    /// Price per inference, in lamports or base units of the payment mint.
    pub price: u64,
    /// Owner's royalty on each settled price, in basis points.
    pub royalty_bps: u16,
    /// Where the ONNX file can be fetched.
    pub uri: String,
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: RegisterModelArgs)]
pub struct RegisterModel<'info> {
    #[account(mut)]
    pub owner: Signer<'info>,
    #[account(
        init,
        payer = owner,
        space = 8 + Model::INIT_SPACE,
        seeds = [SEED_MODEL, owner.key().as_ref(), args.model_id.as_ref()],
        bump,
    )]
    pub model: Box<Account<'info, Model>>,
    /// Payment mint (SPL Token or Token-2022); omit for SOL payments.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    pub system_program: Program<'info, System>,
}

impl RegisterModel<'_> {
    pub fn validate(&self, args: &RegisterModelArgs) -> Result<()> {
        args.input_schema.validate()?;
        args.output_schema.validate()?;
        validate_uri(&args.uri)?;
        require!(args.price > 0, EscrowError::ZeroPrice);
        require!(args.royalty_bps <= BPS_DENOMINATOR, EscrowError::InvalidBps);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: RegisterModelArgs) -> Result<()> {
        let model = &mut ctx.accounts.model;
        model.owner = ctx.accounts.owner.key();
        model.model_id = args.model_id;
        model.onnx_sha256 = args.onnx_sha256;
        model.input_schema = args.input_schema;
        model.output_schema = args.output_schema;
        model.price = args.price;
        model.mint = ctx.accounts.mint.as_ref().map(|mint| mint.key());
        model.royalty_bps = args.royalty_bps;
        model.uri = args.uri;
        model.active = true;
        model.requests_settled = 0;
        model.royalties_earned = 0;
        model.bump = ctx.bumps.model;
        model.invariant()?;
        emit_cpi!(ModelRegistered {
            model: model.key(),
            owner: model.owner,
            model_id: model.model_id,
            onnx_sha256: model.onnx_sha256,
            price: model.price,
            mint: model.mint,
            royalty_bps: model.royalty_bps,
        });
        Ok(())
    }
}
