use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::{SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    escrow::{pay_out, release_bond, Earner, FeeVault, Payout, SplPayout, TokenEscrow},
    events::RequestSettled,
    math,
    state::{Earnings, Model, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct SettleRequest<'info> {
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// Credited with the royalty and the protocol fee.
    #[account(mut, address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// The fulfilling oracle: its bond is released and (SOL) its share credited.
    #[account(mut, seeds = [SEED_ORACLE, oracle.authority.as_ref()], bump = oracle.bump)]
    pub oracle: Box<Account<'info, Oracle>>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the model's fee vault.
    #[account(mut)]
    pub fee_vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the oracle's earnings for the model.
    #[account(mut)]
    pub earnings: Option<Box<Account<'info, Earnings>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

/// The accounts a payout touches (settlement, a resolved challenge, a released payout).
pub struct PayoutAccounts<'a, 'info> {
    pub request: &'a mut Account<'info, Request>,
    pub model: &'a mut Account<'info, Model>,
    /// Who earns the oracle share: the single oracle, or each agreeing seat (winner first).
    pub earners: Vec<Earner<'a, 'info>>,
    pub mint: Option<&'a InterfaceAccount<'info, Mint>>,
    pub vault: Option<&'a InterfaceAccount<'info, TokenAccount>>,
    pub fee_vault: Option<&'a InterfaceAccount<'info, TokenAccount>>,
    pub token_program: Option<&'a Interface<'info, TokenInterface>>,
}

impl PayoutAccounts<'_, '_> {
    /// Credits the escrow to the owed balances (see [`pay_out`]).
    pub fn pay_out(&mut self) -> Result<Payout> {
        let request_key = self.request.key();
        let model_key = self.model.key();
        let escrow = TokenEscrow::load(
            &request_key,
            self.request,
            self.mint,
            self.vault,
            self.token_program,
        )?;
        let spl = match escrow {
            None => {
                require!(
                    self.fee_vault.is_none() && self.earners.iter().all(|e| e.earnings.is_none()),
                    EscrowError::UnexpectedTokenAccounts
                );
                None
            }
            Some(escrow) => Some(SplPayout {
                escrow,
                fee_vault: FeeVault::load(
                    &model_key,
                    self.model,
                    self.mint,
                    self.fee_vault,
                    self.token_program,
                )?,
            }),
        };
        pay_out(self.request, self.model, &mut self.earners, spl)
    }

    /// Request, model and earning oracles' invariants after a payout.
    pub fn check_invariants(&self) -> Result<()> {
        self.request.invariant(&self.request.to_account_info())?;
        self.model.invariant(&self.model.to_account_info())?;
        for oracle in self.earners.iter().filter_map(|e| e.oracle.as_deref()) {
            oracle.invariant(&oracle.to_account_info())?;
        }
        Ok(())
    }

    /// Marks the request Settled (naming `oracle`), pays out and updates the model's books.
    pub fn settle(mut self, oracle: Pubkey) -> Result<RequestSettled> {
        let request_key = self.request.key();
        self.request.status = RequestStatus::Settled {
            oracle,
            slot: Clock::get()?.slot,
        };
        let payout = self.pay_out()?;
        let model = &mut *self.model;
        model.requests_settled = model.requests_settled.saturating_add(1);
        model.royalties_earned = model.royalties_earned.saturating_add(payout.split.royalty);
        self.check_invariants()?;
        Ok(RequestSettled {
            request: request_key,
            oracle,
            oracle_amount: payout.split.oracle,
            royalty: payout.split.royalty,
            protocol_fee: payout.split.protocol,
            deferred: payout.deferred,
        })
    }
}

/// The accounts `settle_request` and `resolve_challenge` (oracle right) pass for a
/// single-oracle request.
pub struct SingleSettlement<'a, 'info> {
    pub request: &'a mut Account<'info, Request>,
    pub model: &'a mut Account<'info, Model>,
    pub oracle: &'a mut Account<'info, Oracle>,
    pub mint: Option<&'a InterfaceAccount<'info, Mint>>,
    pub vault: Option<&'a InterfaceAccount<'info, TokenAccount>>,
    pub fee_vault: Option<&'a InterfaceAccount<'info, TokenAccount>>,
    pub earnings: Option<&'a mut Account<'info, Earnings>>,
    pub token_program: Option<&'a Interface<'info, TokenInterface>>,
}

/// Settles a fulfilled (or challenged and found right) single-oracle request: releases the
/// oracle's bond, credits the escrow to the owed balances and marks it Settled. Returns the
/// settlement event.
pub fn settle(accounts: SingleSettlement) -> Result<RequestSettled> {
    let oracle_key = accounts.oracle.key();
    release_bond(accounts.request, accounts.oracle)?;
    PayoutAccounts {
        request: accounts.request,
        model: accounts.model,
        earners: vec![Earner {
            oracle_key,
            oracle: Some(accounts.oracle),
            earnings: accounts.earnings,
        }],
        mint: accounts.mint,
        vault: accounts.vault,
        fee_vault: accounts.fee_vault,
        token_program: accounts.token_program,
    }
    .settle(oracle_key)
}

impl SettleRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(!self.request.policy.is_quorum(), EscrowError::QuorumRequest);
        let (oracle, fulfilled_at) = match self.request.status {
            RequestStatus::Fulfilled { oracle, slot } => (oracle, slot),
            RequestStatus::Settled { .. } => return err!(EscrowError::RequestAlreadySettled),
            _ => return err!(EscrowError::RequestNotFulfilled),
        };
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::AccountMismatch);
        let window_end = math::add(fulfilled_at, self.request.challenge_window_slots)?;
        require!(
            self.request.disputed || Clock::get()?.slot > window_end,
            EscrowError::ChallengeWindowOpen
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let event = settle(SingleSettlement {
            request: &mut accounts.request,
            model: &mut accounts.model,
            oracle: &mut accounts.oracle,
            mint: accounts.mint.as_deref(),
            vault: accounts.vault.as_deref(),
            fee_vault: accounts.fee_vault.as_deref(),
            earnings: accounts.earnings.as_deref_mut(),
            token_program: accounts.token_program.as_ref(),
        })?;
        emit_cpi!(event);
        Ok(())
    }
}
