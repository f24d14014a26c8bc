use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenInterface};

use crate::{
    constants::{
        ACCOUNT_VERSION, BPS_DENOMINATOR, MAX_INLINE_OUTPUT_CAP, SEED_FEE_VAULT, SEED_MODEL,
    },
    create::{create_pda, write_account},
    errors::EscrowError,
    events::ModelRegistered,
    mint::{create_token_account, screen},
    state::{validate_uri, CompareRule, Model, TensorSchema, VerificationPolicy},
};

#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct RegisterModelArgs {
    /// Owner-chosen identifier (e.g. a hash of the model's name); part of the PDA seeds.
    pub model_id: [u8; 32],
    /// SHA-256 of the ONNX file.
    pub onnx_sha256: [u8; 32],
    pub input_schema: TensorSchema,
    pub output_schema: TensorSchema,
    /// Largest output the model returns, in bytes. For a static output schema pass 0 (or its
    /// exact size); for a dynamic one, the declared maximum (a whole tensor of the schema).
    /// Requests reserve this much inline space, or URI space when it exceeds the inline limit.
    pub max_output_len: u32,
    /// Price per inference, in lamports or base units of the payment mint.
    pub price: u64,
    /// Owner's royalty on each settled price, in basis points.
    pub royalty_bps: u16,
    /// Where the ONNX file can be fetched.
    pub uri: String,
    /// How many oracles run each request and when their outputs agree ([`VerificationPolicy::SINGLE`]
    /// for one oracle). Fixed for the model's life: requesters rely on it.
    pub policy: VerificationPolicy,
}

impl RegisterModelArgs {
    /// The model's largest output in bytes: the static size, or the declared maximum.
    pub fn output_len(&self) -> Result<u32> {
        match self.output_schema.static_byte_len() {
            Some(len) => {
                let len =
                    u32::try_from(len).map_err(|_| error!(EscrowError::InvalidOutputLimit))?;
                require!(
                    self.max_output_len == 0 || self.max_output_len == len,
                    EscrowError::InvalidOutputLimit
                );
                Ok(len)
            }
            None => {
                require!(
                    self.output_schema
                        .accepts_byte_len(self.max_output_len as usize),
                    EscrowError::InvalidOutputLimit
                );
                Ok(self.max_output_len)
            }
        }
    }
}

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: RegisterModelArgs)]
pub struct RegisterModel<'info> {
    /// Pays the rent of the model (and of its fee vault).
    #[account(mut)]
    pub owner: Signer<'info>,
    /// The model, created here (also when someone funded its address first).
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(mut, seeds = [SEED_MODEL, owner.key().as_ref(), args.model_id.as_ref()], bump)]
    pub model: UncheckedAccount<'info>,
    /// Payment mint (SPL Token or Token-2022); omit for SOL payments.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL models: the fee vault `["fee_vault", model]`, created here.
    /// CHECK: the address is checked against its seeds in the handler; created here.
    #[account(mut)]
    pub fee_vault: Option<UncheckedAccount<'info>>,
    /// SPL models: the token program that owns the mint.
    pub token_program: Option<Interface<'info, TokenInterface>>,
    pub system_program: Program<'info, System>,
}

impl RegisterModel<'_> {
    pub fn validate(&self, args: &RegisterModelArgs) -> Result<()> {
        args.input_schema.validate()?;
        args.output_schema.validate()?;
        let output_len = args.output_len()?;
        validate_uri(&args.uri)?;
        args.policy.validate(&args.output_schema)?;
        // Outputs are compared on-chain, so a quorum model's outputs must fit inline; and a
        // dispute compares a result posted by URI by its hash only, which only `Exact` means.
        require!(
            !args.policy.is_quorum() || output_len <= MAX_INLINE_OUTPUT_CAP,
            EscrowError::QuorumNeedsInlineOutput
        );
        require!(
            args.policy.compare == CompareRule::Exact || output_len <= MAX_INLINE_OUTPUT_CAP,
            EscrowError::CompareNeedsInlineOutput
        );
        require!(args.price > 0, EscrowError::ZeroPrice);
        require!(args.royalty_bps <= BPS_DENOMINATOR, EscrowError::InvalidBps);
        match &self.mint {
            None => require!(
                self.fee_vault.is_none() && self.token_program.is_none(),
                EscrowError::UnexpectedTokenAccounts
            ),
            Some(mint) => {
                let (Some(_), Some(token_program)) = (&self.fee_vault, &self.token_program) else {
                    return err!(EscrowError::TokenAccountsMissing);
                };
                require_keys_eq!(
                    *mint.to_account_info().owner,
                    token_program.key(),
                    EscrowError::WrongTokenProgram
                );
                screen(&mint.to_account_info())?;
            }
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: RegisterModelArgs) -> Result<()> {
        let accounts = &ctx.accounts;
        let owner = accounts.owner.key();
        let model_key = accounts.model.key();
        let bump = ctx.bumps.model;
        let model_info = accounts.model.to_account_info();
        let system_program = accounts.system_program.to_account_info();
        create_pda(
            &accounts.owner.to_account_info(),
            &model_info,
            &system_program,
            8 + Model::INIT_SPACE,
            ctx.program_id,
            &[SEED_MODEL, owner.as_ref(), &args.model_id, &[bump]],
        )?;

        let mut fee_vault_bump = 0;
        if let (Some(mint), Some(fee_vault), Some(token_program)) =
            (&accounts.mint, &accounts.fee_vault, &accounts.token_program)
        {
            let (expected, vault_bump) =
                Pubkey::find_program_address(&[SEED_FEE_VAULT, model_key.as_ref()], ctx.program_id);
            require_keys_eq!(fee_vault.key(), expected, EscrowError::InvalidFeeVault);
            fee_vault_bump = vault_bump;
            create_token_account(
                &accounts.owner.to_account_info(),
                &fee_vault.to_account_info(),
                &mint.to_account_info(),
                &model_info,
                &token_program.to_account_info(),
                &system_program,
                &[SEED_FEE_VAULT, model_key.as_ref(), &[vault_bump]],
            )?;
        }

        let model = Model {
            version: ACCOUNT_VERSION,
            owner,
            model_id: args.model_id,
            onnx_sha256: args.onnx_sha256,
            max_output_len: args.output_len()?,
            policy: args.policy,
            input_schema: args.input_schema,
            output_schema: args.output_schema,
            price: args.price,
            mint: accounts.mint.as_ref().map(|mint| mint.key()),
            royalty_bps: args.royalty_bps,
            uri: args.uri,
            active: true,
            royalty_owed: 0,
            protocol_fee_owed: 0,
            oracle_fees_owed: 0,
            requests_settled: 0,
            royalties_earned: 0,
            bump,
            fee_vault_bump,
        };
        write_account(&model_info, &model)?;
        model.invariant(&model_info)?;
        emit_cpi!(ModelRegistered {
            model: model_key,
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
