use anchor_lang::prelude::*;
use anchor_spl::token_interface::{
    transfer_checked, Mint, TokenAccount, TokenInterface, TransferChecked,
};

use super::create_request::{
    created_event, init_request, validate_new_request, CreateRequestArgs, NewRequest,
};
use crate::{
    constants::{SEED_CONFIG, SEED_MODEL, SEED_REQUEST, SEED_VAULT},
    errors::EscrowError,
    state::{Config, Model, Request},
};

#[event_cpi]
#[derive(Accounts)]
#[instruction(args: CreateRequestArgs)]
pub struct CreateRequestToken<'info> {
    /// Pays the price (in tokens) into escrow and the rent of the request and its vault.
    #[account(mut)]
    pub requester: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(seeds = [SEED_MODEL, model.owner.as_ref(), model.model_id.as_ref()], bump = model.bump)]
    pub model: Box<Account<'info, Model>>,
    #[account(
        init,
        payer = requester,
        space = Request::space(args.input.stored_len(), model.output_capacity(config.max_output_len)),
        seeds = [SEED_REQUEST, requester.key().as_ref(), &args.nonce.to_le_bytes()],
        bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// The model's payment mint.
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    /// The requester's token account the price is paid from.
    #[account(
        mut,
        token::mint = mint,
        token::authority = requester,
        token::token_program = token_program,
    )]
    pub requester_token: Box<InterfaceAccount<'info, TokenAccount>>,
    /// Escrow vault, owned by the request PDA.
    #[account(
        init,
        payer = requester,
        seeds = [SEED_VAULT, request.key().as_ref()],
        bump,
        token::mint = mint,
        token::authority = request,
        token::token_program = token_program,
    )]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl CreateRequestToken<'_> {
    pub fn validate(&self, args: &CreateRequestArgs) -> Result<()> {
        validate_new_request(&self.config, &self.model, args)?;
        require!(
            self.model.mint == Some(self.mint.key()),
            EscrowError::WrongMint
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: CreateRequestArgs) -> Result<()> {
        let price = ctx.accounts.model.price;
        transfer_checked(
            CpiContext::new(
                ctx.accounts.token_program.key(),
                TransferChecked {
                    from: ctx.accounts.requester_token.to_account_info(),
                    mint: ctx.accounts.mint.to_account_info(),
                    to: ctx.accounts.vault.to_account_info(),
                    authority: ctx.accounts.requester.to_account_info(),
                },
            ),
            price,
            ctx.accounts.mint.decimals,
        )?;
        ctx.accounts.vault.reload()?;
        require!(
            ctx.accounts.vault.amount == price,
            EscrowError::EscrowAmountMismatch
        );
        let accounts = &mut *ctx.accounts;
        let new = NewRequest {
            requester: accounts.requester.key(),
            model: accounts.model.key(),
            bump: ctx.bumps.request,
            vault_bump: ctx.bumps.vault,
        };
        init_request(
            &mut accounts.request,
            new,
            &accounts.model,
            &accounts.config,
            &args,
        )?;
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        let event = created_event(accounts.request.key(), &accounts.request);
        emit_cpi!(event);
        Ok(())
    }
}
