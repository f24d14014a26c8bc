use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::{SEED_CONFIG, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    escrow::slash_bond,
    events::{ChallengeResolved, OracleStakeChanged, RefundReason, RequestRefunded, StakeChange},
    instructions::crank::{settle, SingleSettlement},
    state::{Config, Earnings, Model, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ResolveChallenge<'info> {
    /// The config admin, acting as arbiter.
    pub admin: Signer<'info>,
    /// Receives a slashed bond for the treasury.
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump, has_one = admin @ EscrowError::NotAdmin)]
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
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the model's fee vault (when the oracle was right).
    #[account(mut)]
    pub fee_vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the oracle's earnings for the model (when the oracle was right).
    #[account(mut)]
    pub earnings: Option<Box<Account<'info, Earnings>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl ResolveChallenge<'_> {
    pub fn validate(&self) -> Result<()> {
        let oracle = match self.request.status {
            RequestStatus::Challenged { oracle, .. } => oracle,
            RequestStatus::Settled { .. } => return err!(EscrowError::RequestAlreadySettled),
            _ => return err!(EscrowError::RequestNotChallenged),
        };
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::AccountMismatch);
        Ok(())
    }

    /// `oracle_was_wrong`: the escrow is owed back to the requester and the oracle's bond is
    /// slashed to the treasury; otherwise the request settles as `settle_request` would.
    pub fn handler(ctx: Context<Self>, oracle_was_wrong: bool) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let oracle_key = accounts.oracle.key();
        if !oracle_was_wrong {
            let payout = settle(SingleSettlement {
                request: &mut accounts.request,
                model: &mut accounts.model,
                oracle: &mut accounts.oracle,
                mint: accounts.mint.as_deref(),
                vault: accounts.vault.as_deref(),
                fee_vault: accounts.fee_vault.as_deref(),
                earnings: accounts.earnings.as_deref_mut(),
                token_program: accounts.token_program.as_ref(),
            })?;
            emit_cpi!(ChallengeResolved {
                request: request_key,
                oracle: oracle_key,
                oracle_was_wrong,
                refund: 0,
                slashed: 0,
            });
            emit_cpi!(payout);
            return Ok(());
        }

        let slashed = slash_bond(
            &mut accounts.request,
            &mut accounts.oracle,
            &mut accounts.config,
        )?;
        let request = &mut accounts.request;
        request.status = RequestStatus::Refunded {
            oracle: oracle_key,
            slot: Clock::get()?.slot,
        };
        let refund = request.escrow;
        request.invariant(&request.to_account_info())?;
        accounts
            .oracle
            .invariant(&accounts.oracle.to_account_info())?;
        accounts
            .config
            .invariant(&accounts.config.to_account_info())?;
        let requester = accounts.request.requester;
        let stake = accounts.oracle.stake;
        emit_cpi!(ChallengeResolved {
            request: request_key,
            oracle: oracle_key,
            oracle_was_wrong,
            refund,
            slashed,
        });
        emit_cpi!(RequestRefunded {
            request: request_key,
            requester,
            reason: RefundReason::ChallengeUpheld,
            refund,
            slashed,
        });
        if slashed > 0 {
            emit_cpi!(OracleStakeChanged {
                oracle: oracle_key,
                change: StakeChange::SlashedWrongResult,
                amount: slashed,
                stake,
            });
        }
        Ok(())
    }
}
