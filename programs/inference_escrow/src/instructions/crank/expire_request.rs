use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::{SEED_CONFIG, SEED_REQUEST},
    errors::EscrowError,
    escrow::{refund, slash, Payee, TokenEscrow},
    events::{OracleStakeChanged, RefundReason, RequestRefunded, StakeChange},
    math,
    state::{Config, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ExpireRequest<'info> {
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// CHECK: receives the refund and any no-show slash; must be the request's requester.
    #[account(mut, address = request.requester @ EscrowError::AccountMismatch)]
    pub requester: UncheckedAccount<'info>,
    /// The claiming oracle, slashed for the no-show; required exactly when the request is claimed.
    #[account(mut)]
    pub oracle: Option<Box<Account<'info, Oracle>>>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the requester's token account, credited with the refund.
    #[account(mut)]
    pub requester_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl ExpireRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        let claimer = match self.request.status {
            RequestStatus::Open => None,
            RequestStatus::Claimed { oracle, .. } => Some(oracle),
            RequestStatus::Fulfilled { .. }
            | RequestStatus::Challenged { .. }
            | RequestStatus::Settled { .. } => return err!(EscrowError::ResultAlreadyPosted),
            RequestStatus::Failed { .. }
            | RequestStatus::Expired { .. }
            | RequestStatus::Refunded { .. } => return err!(EscrowError::AlreadyRefunded),
        };
        require!(
            Clock::get()?.slot > self.request.deadline_slot,
            EscrowError::DeadlineNotReached
        );
        let given = self.oracle.as_ref().map(|oracle| oracle.key());
        require!(given == claimer, EscrowError::AccountMismatch);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let token = TokenEscrow::load(
            &request_key,
            &accounts.request,
            accounts.mint.as_deref(),
            accounts.vault.as_deref(),
            accounts.token_program.as_ref(),
        )?;
        let requester_info = accounts.requester.to_account_info();
        let refunded = refund(
            &mut accounts.request,
            token.as_ref(),
            &Payee {
                wallet: &requester_info,
                token_account: accounts.requester_token.as_deref(),
            },
        )?;
        // A claimer that let the deadline pass pays the requester for the wasted wait.
        let slash_event = match accounts.oracle.as_mut() {
            Some(oracle) => {
                let slashed = slash(oracle, accounts.config.no_show_slash_bps, &requester_info)?;
                oracle.no_shows = math::add(oracle.no_shows, 1)?;
                oracle.release_claim()?;
                oracle.invariant(&oracle.to_account_info())?;
                Some(OracleStakeChanged {
                    oracle: oracle.key(),
                    change: StakeChange::SlashedNoShow,
                    amount: slashed,
                    stake: oracle.stake,
                })
            }
            None => None,
        };
        let slashed = slash_event.as_ref().map_or(0, |event| event.amount);
        let request = &mut accounts.request;
        request.status = RequestStatus::Expired {
            slot: Clock::get()?.slot,
        };
        request.invariant(&request.to_account_info())?;
        emit_cpi!(RequestRefunded {
            request: request_key,
            requester: requester_info.key(),
            reason: RefundReason::Expired,
            refunded,
            slashed,
        });
        if let Some(event) = slash_event.filter(|event| event.amount > 0) {
            emit_cpi!(event);
        }
        Ok(())
    }
}
