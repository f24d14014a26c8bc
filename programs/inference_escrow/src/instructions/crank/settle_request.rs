use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::{SEED_CONFIG, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    escrow::{pay_split, Payee, SplitPayees, TokenEscrow},
    events::RequestSettled,
    math::{self, FeeSplit},
    state::{Config, Model, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct SettleRequest<'info> {
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    #[account(mut, address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    #[account(mut, seeds = [SEED_ORACLE, oracle.authority.as_ref()], bump = oracle.bump)]
    pub oracle: Box<Account<'info, Oracle>>,
    /// CHECK: receives the oracle's share; must be the oracle's authority.
    #[account(mut, address = oracle.authority @ EscrowError::AccountMismatch)]
    pub oracle_authority: UncheckedAccount<'info>,
    /// CHECK: receives the royalty; must be the model's owner.
    #[account(mut, address = model.owner @ EscrowError::AccountMismatch)]
    pub model_owner: UncheckedAccount<'info>,
    /// CHECK: receives the protocol fee; must be the config's treasury.
    #[account(mut, address = config.treasury @ EscrowError::AccountMismatch)]
    pub treasury: UncheckedAccount<'info>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the oracle authority's token account.
    #[account(mut, dup)]
    pub oracle_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the model owner's token account.
    #[account(mut, dup)]
    pub owner_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the treasury's token account.
    #[account(mut, dup)]
    pub treasury_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

/// Marks a request settled and updates the model's and oracle's books.
pub fn record_settlement(
    request: &mut Request,
    model: &mut Model,
    oracle: &mut Oracle,
    oracle_key: Pubkey,
    split: &FeeSplit,
) -> Result<()> {
    request.status = RequestStatus::Settled {
        oracle: oracle_key,
        slot: Clock::get()?.slot,
    };
    model.requests_settled = math::add(model.requests_settled, 1)?;
    model.royalties_earned = math::add(model.royalties_earned, split.royalty)?;
    oracle.release_claim()?;
    Ok(())
}

/// The settlement event of a request paid out by `split`.
pub fn settled_event(request: Pubkey, oracle: Pubkey, split: &FeeSplit) -> RequestSettled {
    RequestSettled {
        request,
        oracle,
        oracle_amount: split.oracle,
        royalty: split.royalty,
        protocol_fee: split.protocol,
    }
}

impl SettleRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        let (oracle, fulfilled_at) = match self.request.status {
            RequestStatus::Fulfilled { oracle, slot } => (oracle, slot),
            RequestStatus::Settled { .. } => return err!(EscrowError::RequestAlreadySettled),
            _ => return err!(EscrowError::RequestNotFulfilled),
        };
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::AccountMismatch);
        let window_end = math::add(fulfilled_at, self.request.challenge_window_slots)?;
        require!(
            Clock::get()?.slot > window_end,
            EscrowError::ChallengeWindowOpen
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let oracle_key = accounts.oracle.key();
        let token = TokenEscrow::load(
            &request_key,
            &accounts.request,
            accounts.mint.as_deref(),
            accounts.vault.as_deref(),
            accounts.token_program.as_ref(),
        )?;
        let oracle_info = accounts.oracle_authority.to_account_info();
        let owner_info = accounts.model_owner.to_account_info();
        let treasury_info = accounts.treasury.to_account_info();
        let payees = SplitPayees {
            oracle: Payee {
                wallet: &oracle_info,
                token_account: accounts.oracle_token.as_deref(),
            },
            model_owner: Payee {
                wallet: &owner_info,
                token_account: accounts.owner_token.as_deref(),
            },
            treasury: Payee {
                wallet: &treasury_info,
                token_account: accounts.treasury_token.as_deref(),
            },
        };
        let split = pay_split(&mut accounts.request, token.as_ref(), &payees)?;
        record_settlement(
            &mut accounts.request,
            &mut accounts.model,
            &mut accounts.oracle,
            oracle_key,
            &split,
        )?;
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        accounts
            .oracle
            .invariant(&accounts.oracle.to_account_info())?;
        accounts.model.invariant()?;
        emit_cpi!(settled_event(request_key, oracle_key, &split));
        Ok(())
    }
}
