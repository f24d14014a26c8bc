use anchor_lang::prelude::*;

use crate::{
    constants::{ACCOUNT_VERSION, SEED_CONFIG, SEED_EARNINGS, SEED_ORACLE, SEED_REQUEST},
    create::{create_pda, write_account},
    errors::EscrowError,
    events::RequestClaimed,
    math,
    state::{Config, Earnings, Oracle, OracleStatus, Request, RequestStatus},
};

/// The request the oracle decided to claim, as it read it. A claim binds these: a request
/// that no longer matches them (closed and re-created at the same address, for another model,
/// input, price or deadline) is not the one the oracle decided on, and the claim is refused.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClaimRequestArgs {
    /// The request's model account.
    pub model: Pubkey,
    /// The request's `input_hash`.
    pub input_hash: [u8; 32],
    /// The request's `price`.
    pub price: u64,
    /// The request's `deadline_slot`.
    pub deadline_slot: u64,
}

impl ClaimRequestArgs {
    /// The terms of `request` as it stands.
    pub fn of(request: &Request) -> Self {
        Self {
            model: request.model,
            input_hash: request.input_hash,
            price: request.price,
            deadline_slot: request.deadline_slot,
        }
    }
}

#[event_cpi]
#[derive(Accounts)]
pub struct ClaimRequest<'info> {
    /// The oracle's authority; pays the rent of its earnings account on its first claim of an
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
    /// The oracle whose timed-out claim is being taken over; required exactly when the request
    /// is claimed by another oracle.
    #[account(mut)]
    pub previous_oracle: Option<Box<Account<'info, Oracle>>>,
    /// SPL requests: the oracle's earnings account for the request's model,
    /// `["earnings", model, oracle]`, created on the first claim.
    /// CHECK: the address is checked against its seeds in the handler.
    #[account(mut)]
    pub earnings: Option<UncheckedAccount<'info>>,
    pub system_program: Program<'info, System>,
}

impl ClaimRequest<'_> {
    pub fn validate(&self, terms: &ClaimRequestArgs) -> Result<()> {
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
        require!(
            ClaimRequestArgs::of(&self.request) == *terms,
            EscrowError::ClaimTermsMismatch
        );
        let slot = Clock::get()?.slot;
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
        require!(
            slot <= self.request.deadline_slot,
            EscrowError::DeadlinePassed
        );
        // Every claim leaves the claimer at least `min_fulfil_slots` to finish: a claim made
        // too late to be finished could be slashed without fault.
        require!(
            self.request.deadline_slot - slot >= config.min_fulfil_slots,
            EscrowError::TooLateToClaim
        );
        let bond = config.claim_bond(self.request.price)?;
        let own_bond = if self.request.status.oracle() == Some(self.oracle.key()) {
            self.request.bond
        } else {
            0
        };
        require!(
            (self.oracle.free_stake() as u128) + (own_bond as u128) >= bond as u128,
            EscrowError::InsufficientFreeStake
        );
        match (self.request.mint, &self.earnings) {
            (None, None) => {}
            (None, Some(_)) => return err!(EscrowError::UnexpectedTokenAccounts),
            (Some(_), None) => return err!(EscrowError::TokenAccountsMissing),
            (Some(_), Some(earnings)) => {
                let (expected, _) = Pubkey::find_program_address(
                    &[
                        SEED_EARNINGS,
                        self.request.model.as_ref(),
                        self.oracle.key().as_ref(),
                    ],
                    &crate::ID,
                );
                require_keys_eq!(
                    earnings.key(),
                    expected,
                    EscrowError::InvalidEarningsAccount
                );
            }
        }
        Ok(())
    }

    /// Creates the oracle's earnings account for the request's model unless it exists.
    fn ensure_earnings(&self, program_id: &Pubkey) -> Result<()> {
        let Some(earnings) = &self.earnings else {
            return Ok(());
        };
        let info = earnings.to_account_info();
        if info.owner == program_id {
            // Created by an earlier claim; its address was checked in `validate`.
            let existing = Earnings::try_deserialize(&mut &info.try_borrow_data()?[..])?;
            existing.check(&self.request.model, &self.oracle.key())?;
            return Ok(());
        }
        let model = self.request.model;
        let oracle = self.oracle.key();
        let (_, bump) = Pubkey::find_program_address(
            &[SEED_EARNINGS, model.as_ref(), oracle.as_ref()],
            program_id,
        );
        create_pda(
            &self.authority.to_account_info(),
            &info,
            &self.system_program.to_account_info(),
            8 + Earnings::INIT_SPACE,
            program_id,
            &[SEED_EARNINGS, model.as_ref(), oracle.as_ref(), &[bump]],
        )?;
        write_account(
            &info,
            &Earnings {
                version: ACCOUNT_VERSION,
                model,
                oracle,
                authority: self.oracle.authority,
                owed: 0,
                collected: 0,
                bump,
            },
        )
    }

    pub fn handler(ctx: Context<Self>, _terms: ClaimRequestArgs) -> Result<()> {
        ctx.accounts.ensure_earnings(ctx.program_id)?;
        let slot = Clock::get()?.slot;
        let oracle_key = ctx.accounts.oracle.key();
        let accounts = &mut *ctx.accounts;
        let bond = accounts.config.claim_bond(accounts.request.price)?;
        let old_bond = accounts.request.bond;
        let previous = accounts.request.status.oracle();
        match previous {
            Some(previous) if previous == oracle_key => {
                let oracle = &mut accounts.oracle;
                oracle.no_shows = oracle.no_shows.saturating_add(1);
                oracle.release_claim(old_bond)?;
            }
            Some(_) => {
                let previous_oracle = accounts
                    .previous_oracle
                    .as_mut()
                    .ok_or(EscrowError::AccountMismatch)?;
                // Timed out, not at fault: the request can still be finished by the new
                // claimer, so the previous one's bond is released, not slashed.
                previous_oracle.no_shows = previous_oracle.no_shows.saturating_add(1);
                previous_oracle.release_claim(old_bond)?;
                previous_oracle.invariant(&previous_oracle.to_account_info())?;
            }
            None => {}
        }
        accounts.oracle.take_claim(bond)?;
        let request = &mut accounts.request;
        request.bond = bond;
        request.status = RequestStatus::Claimed {
            oracle: oracle_key,
            slot,
        };
        request.invariant(&request.to_account_info())?;
        accounts
            .oracle
            .invariant(&accounts.oracle.to_account_info())?;
        let claimed = RequestClaimed {
            request: accounts.request.key(),
            oracle: oracle_key,
            previous_oracle: previous,
            bond,
        };
        emit_cpi!(claimed);
        Ok(())
    }
}
