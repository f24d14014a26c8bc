use anchor_lang::prelude::*;

use crate::{
    constants::{SEED_CONFIG, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::RequestClaimed,
    math,
    state::{Config, Oracle, OracleStatus, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ClaimRequest<'info> {
    pub authority: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_ORACLE, oracle.authority.as_ref()],
        bump = oracle.bump,
        has_one = authority @ EscrowError::NotOracleAuthority,
    )]
    pub oracle: Box<Account<'info, Oracle>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// The oracle whose timed-out claim is being taken over; required exactly when the request
    /// is claimed by another oracle.
    #[account(mut)]
    pub previous_oracle: Option<Box<Account<'info, Oracle>>>,
}

impl ClaimRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        let config = &self.config;
        require!(!config.paused, EscrowError::ProtocolPaused);
        require!(
            self.oracle.status == OracleStatus::Active,
            EscrowError::OracleNotActive
        );
        require!(
            self.oracle.stake >= config.min_oracle_stake,
            EscrowError::StakeTooLow
        );
        let slot = Clock::get()?.slot;
        require!(
            slot <= self.request.deadline_slot,
            EscrowError::DeadlinePassed
        );
        match self.request.status {
            RequestStatus::Open => {
                require!(self.previous_oracle.is_none(), EscrowError::AccountMismatch);
            }
            RequestStatus::Claimed {
                oracle,
                slot: claimed_at,
            } => {
                let timeout_at = math::add(claimed_at, config.claim_timeout_slots)?;
                require!(slot > timeout_at, EscrowError::ClaimStillActive);
                // A self-takeover refreshes the claim; the oracle account is already writable.
                let expected = (oracle != self.oracle.key()).then_some(oracle);
                let given = self.previous_oracle.as_ref().map(|o| o.key());
                require!(given == expected, EscrowError::AccountMismatch);
            }
            _ => return err!(EscrowError::RequestNotClaimable),
        }
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let slot = Clock::get()?.slot;
        let oracle_key = ctx.accounts.oracle.key();
        let previous = ctx.accounts.request.status.oracle();
        match previous {
            Some(previous) if previous == oracle_key => {
                let oracle = &mut ctx.accounts.oracle;
                oracle.no_shows = math::add(oracle.no_shows, 1)?;
            }
            Some(_) => {
                let previous_oracle = ctx
                    .accounts
                    .previous_oracle
                    .as_mut()
                    .ok_or(EscrowError::AccountMismatch)?;
                previous_oracle.no_shows = math::add(previous_oracle.no_shows, 1)?;
                previous_oracle.release_claim()?;
                previous_oracle.invariant(&previous_oracle.to_account_info())?;
                let oracle = &mut ctx.accounts.oracle;
                oracle.take_claim()?;
            }
            None => {
                let oracle = &mut ctx.accounts.oracle;
                oracle.take_claim()?;
            }
        }
        let request = &mut ctx.accounts.request;
        request.status = RequestStatus::Claimed {
            oracle: oracle_key,
            slot,
        };
        request.invariant(&request.to_account_info())?;
        ctx.accounts
            .oracle
            .invariant(&ctx.accounts.oracle.to_account_info())?;
        emit_cpi!(RequestClaimed {
            request: ctx.accounts.request.key(),
            oracle: oracle_key,
            previous_oracle: previous,
        });
        Ok(())
    }
}
