use anchor_lang::prelude::*;

use super::round_of;
use crate::{
    constants::{SEED_CONFIG, SEED_DISPUTE, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::SeatClaimed,
    instructions::{
        check_claimer, check_earnings_address, check_time_left, ensure_earnings, ClaimRequestArgs,
    },
    state::{Config, Dispute, Oracle, Request},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ClaimSeat<'info> {
    /// The oracle's authority; pays the rent of its earnings account on its first seat in an
    /// SPL model's request.
    #[account(mut)]
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
    /// A seat in this dispute's re-execution round; omit for the request's own round.
    #[account(mut, seeds = [SEED_DISPUTE, request.key().as_ref()], bump = dispute.bump)]
    pub dispute: Option<Box<Account<'info, Dispute>>>,
    /// A seat in an SPL request's own round: the oracle's earnings account for the model
    /// (created on first use). Dispute seats are paid in lamports and pass none.
    /// CHECK: the address is checked against its seeds in `validate`.
    #[account(mut)]
    pub earnings: Option<UncheckedAccount<'info>>,
    pub system_program: Program<'info, System>,
}

impl ClaimSeat<'_> {
    pub fn validate(&self, terms: &ClaimRequestArgs) -> Result<()> {
        check_claimer(&self.config, &self.oracle, &self.request, terms)?;
        let slot = Clock::get()?.slot;
        let oracle = self.oracle.key();
        let request = &self.request;
        match &self.dispute {
            None => {
                require!(request.policy.is_quorum(), EscrowError::NotAQuorumRequest);
                check_time_left(&self.config, request.deadline_slot, slot)?;
                check_earnings_address(
                    request.mint.is_some(),
                    &request.model,
                    &oracle,
                    self.earnings.as_ref(),
                )?;
            }
            Some(dispute) => {
                // Re-execution is by oracles that did not produce the challenged result.
                require!(
                    request.status.oracle() != Some(oracle)
                        && request.seats.iter().all(|seat| seat.oracle != oracle),
                    EscrowError::ChallengedOracle
                );
                check_time_left(&self.config, dispute.commit_deadline_slot, slot)?;
                require!(
                    self.earnings.is_none(),
                    EscrowError::UnexpectedTokenAccounts
                );
            }
        }
        let bond = self.config.claim_bond(request.price)?;
        require!(
            self.oracle.free_stake() >= bond,
            EscrowError::InsufficientFreeStake
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, _terms: ClaimRequestArgs) -> Result<()> {
        let accounts = &ctx.accounts;
        if accounts.dispute.is_none() {
            ensure_earnings(
                accounts.earnings.as_ref(),
                &accounts.authority,
                &accounts.system_program,
                &accounts.request.model,
                &accounts.oracle,
            )?;
        }
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let oracle_key = accounts.oracle.key();
        let request_key = accounts.request.key();
        let bond = accounts.config.claim_bond(accounts.request.price)?;
        let dispute_key = accounts.dispute.as_ref().map(|d| d.key());
        let dispute = accounts.dispute.as_deref_mut().map(|d| (d.key(), &mut **d));
        let seat = round_of(request_key, &mut accounts.request, dispute)?
            .take_seat(oracle_key, bond, slot)?;
        accounts.oracle.take_claim(bond)?;
        accounts
            .oracle
            .invariant(&accounts.oracle.to_account_info())?;
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        if let Some(dispute) = &accounts.dispute {
            dispute.invariant(&dispute.to_account_info())?;
        }
        emit_cpi!(SeatClaimed {
            request: request_key,
            dispute: dispute_key,
            oracle: oracle_key,
            seat: seat as u8,
            bond,
        });
        Ok(())
    }
}
