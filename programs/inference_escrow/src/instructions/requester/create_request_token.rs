use anchor_lang::prelude::*;
use anchor_spl::token_interface::{
    transfer_checked, Mint, TokenAccount, TokenInterface, TransferChecked,
};

use super::create_request::{store_request, validate_new_request, CreateRequestArgs, NewRequest};
use crate::{
    constants::{SEED_CONFIG, SEED_MODEL, SEED_REQUEST, SEED_VAULT},
    errors::EscrowError,
    mint::{create_token_account, screen, token_amount},
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
    /// The request, created here (also when someone funded its address first).
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(
        mut,
        seeds = [SEED_REQUEST, requester.key().as_ref(), &args.nonce.to_le_bytes()],
        bump,
    )]
    pub request: UncheckedAccount<'info>,
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
    /// Escrow vault, a token account owned by the request, created here.
    /// CHECK: the seeds pin the address; created by the handler.
    #[account(mut, seeds = [SEED_VAULT, request.key().as_ref()], bump)]
    pub vault: UncheckedAccount<'info>,
    pub token_program: Interface<'info, TokenInterface>,
    pub system_program: Program<'info, System>,
}

impl CreateRequestToken<'_> {
    pub fn validate(&self, args: &CreateRequestArgs) -> Result<()> {
        validate_new_request(&self.config, &self.model, &self.request.key(), args)?;
        require!(
            self.model.mint == Some(self.mint.key()),
            EscrowError::WrongMint
        );
        // A mint whose supply reached zero can be closed and re-created with other extensions.
        screen(&self.mint.to_account_info())?;
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, args: CreateRequestArgs) -> Result<()> {
        let accounts = &ctx.accounts;
        let info = accounts.request.to_account_info();
        let payer = accounts.requester.to_account_info();
        let system_program = accounts.system_program.to_account_info();
        let new = NewRequest {
            requester: accounts.requester.key(),
            model: accounts.model.key(),
            bump: ctx.bumps.request,
            vault_bump: ctx.bumps.vault,
        };
        new.create_account(
            &payer,
            &info,
            &system_program,
            Request::space_for(
                &args.input,
                args.callback.as_ref(),
                &accounts.model,
                &accounts.config,
            ),
            args.nonce,
        )?;
        let request_key = info.key();
        create_token_account(
            &payer,
            &accounts.vault.to_account_info(),
            &accounts.mint.to_account_info(),
            &info,
            &accounts.token_program.to_account_info(),
            &system_program,
            &[SEED_VAULT, request_key.as_ref(), &[ctx.bumps.vault]],
        )?;
        let price = accounts.model.price;
        transfer_checked(
            CpiContext::new(
                accounts.token_program.key(),
                TransferChecked {
                    from: accounts.requester_token.to_account_info(),
                    mint: accounts.mint.to_account_info(),
                    to: accounts.vault.to_account_info(),
                    authority: payer.clone(),
                },
            ),
            price,
            accounts.mint.decimals,
        )?;
        require!(
            token_amount(&accounts.vault.to_account_info())? == price,
            EscrowError::EscrowAmountMismatch
        );
        let request = new.state(&accounts.model, &accounts.config, &args)?;
        let event = store_request(request_key, &info, &request)?;
        emit_cpi!(event);
        Ok(())
    }
}
