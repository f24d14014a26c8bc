use anchor_lang::prelude::*;

use crate::{
    constants::{SEED_CONFIG, SEED_REQUEST},
    errors::EscrowError,
    escrow::slash_bond,
    events::{OracleStakeChanged, RefundReason, RequestRefunded, StakeChange},
    state::{Config, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ExpireRequest<'info> {
    /// Receives a no-show's slashed bond for the treasury.
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// The oracle holding the request; required exactly when it is claimed or challenged.
    #[account(mut)]
    pub oracle: Option<Box<Account<'info, Oracle>>>,
}

/// How an expiry ends the request.
enum Expiry {
    /// Open past its deadline: nobody's fault.
    Unclaimed,
    /// Claimed past its deadline: the claimer's no-show, its bond is slashed.
    NoShow,
}

impl ExpireRequest<'_> {
    fn expiry(&self) -> Result<(Expiry, Option<Pubkey>)> {
        let slot = Clock::get()?.slot;
        let past_deadline = slot > self.request.deadline_slot;
        match self.request.status {
            RequestStatus::Open => {
                require!(past_deadline, EscrowError::DeadlineNotReached);
                require!(
                    self.request.seats.iter().all(|seat| !seat.is_bonded()),
                    EscrowError::SeatsHeld
                );
                Ok((Expiry::Unclaimed, None))
            }
            RequestStatus::Claimed { oracle, .. } => {
                require!(past_deadline, EscrowError::DeadlineNotReached);
                Ok((Expiry::NoShow, Some(oracle)))
            }
            RequestStatus::Challenged { .. } => err!(EscrowError::DisputeInProgress),
            RequestStatus::Fulfilled { .. } | RequestStatus::Settled { .. } => {
                err!(EscrowError::ResultAlreadyPosted)
            }
            RequestStatus::Failed { .. }
            | RequestStatus::Expired { .. }
            | RequestStatus::Refunded { .. } => err!(EscrowError::AlreadyRefunded),
        }
    }

    pub fn validate(&self) -> Result<()> {
        let (_, holder) = self.expiry()?;
        let given = self.oracle.as_ref().map(|oracle| oracle.key());
        require!(given == holder, EscrowError::AccountMismatch);
        Ok(())
    }

    /// Ends an open or claimed request past its deadline (a claimer's bond is slashed to the
    /// treasury). The escrow is owed back to the requester in full, paid when it closes the
    /// request.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let (expiry, _) = ctx.accounts.expiry()?;
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let slot = Clock::get()?.slot;
        let mut slashed = 0;
        let mut stake_event = None;
        let reason = match expiry {
            Expiry::Unclaimed => {
                accounts.request.status = RequestStatus::Expired { slot };
                RefundReason::Expired
            }
            Expiry::NoShow => {
                let oracle = accounts
                    .oracle
                    .as_mut()
                    .ok_or(EscrowError::AccountMismatch)?;
                slashed = slash_bond(&mut accounts.request, oracle, &mut accounts.config)?;
                oracle.no_shows = oracle.no_shows.saturating_add(1);
                oracle.invariant(&oracle.to_account_info())?;
                stake_event = Some(OracleStakeChanged {
                    oracle: oracle.key(),
                    change: StakeChange::SlashedNoShow,
                    amount: slashed,
                    stake: oracle.stake,
                });
                accounts.request.status = RequestStatus::Expired { slot };
                RefundReason::Expired
            }
        };
        let request = &accounts.request;
        request.invariant(&request.to_account_info())?;
        accounts
            .config
            .invariant(&accounts.config.to_account_info())?;
        let refunded = RequestRefunded {
            request: request_key,
            requester: request.requester,
            reason,
            refund: request.escrow,
            slashed,
        };
        emit_cpi!(refunded);
        if let Some(event) = stake_event.filter(|event| event.amount > 0) {
            emit_cpi!(event);
        }
        Ok(())
    }
}
