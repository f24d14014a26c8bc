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
        check_claimer(&self.config, &self.oracle, &self.request, terms)?;
        require!(!self.request.policy.is_quorum(), EscrowError::QuorumRequest);
        let config = &self.config;
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
        check_time_left(config, self.request.deadline_slot, slot)?;
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
        check_earnings_address(
            self.request.mint.is_some(),
            &self.request.model,
            &self.oracle.key(),
            self.earnings.as_ref(),
        )
    }

    pub fn handler(ctx: Context<Self>, _terms: ClaimRequestArgs) -> Result<()> {
        let accounts = &ctx.accounts;
        ensure_earnings(
            accounts.earnings.as_ref(),
            &accounts.authority,
            &accounts.system_program,
            &accounts.request.model,
            &accounts.oracle,
        )?;
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

/// Checks shared by every claim of work (a request, or a seat in a round): the protocol is not
/// paused, the oracle is active with at least the minimum stake, and the terms it decided on
/// are the request's as it stands.
pub fn check_claimer(
    config: &Config,
    oracle: &Oracle,
    request: &Request,
    terms: &ClaimRequestArgs,
) -> Result<()> {
    require!(!config.paused, EscrowError::ProtocolPaused);
    require!(
        oracle.status == OracleStatus::Active,
        EscrowError::OracleNotActive
    );
    require!(
        oracle.stake >= config.min_oracle_stake,
        EscrowError::StakeTooLow
    );
    require!(
        ClaimRequestArgs::of(request) == *terms,
        EscrowError::ClaimTermsMismatch
    );
    Ok(())
}

/// Every claim leaves the claimer at least `min_fulfil_slots` before `deadline` to finish: a
/// claim made too late to be finished could be slashed without fault.
pub fn check_time_left(config: &Config, deadline: u64, slot: u64) -> Result<()> {
    require!(slot <= deadline, EscrowError::DeadlinePassed);
    require!(
        deadline - slot >= config.min_fulfil_slots,
        EscrowError::TooLateToClaim
    );
    Ok(())
}

/// An SPL request's claimer passes its earnings account for the model at
/// `["earnings", model, oracle]`; a SOL request's claimer passes none.
pub fn check_earnings_address(
    spl: bool,
    model: &Pubkey,
    oracle: &Pubkey,
    earnings: Option<&UncheckedAccount>,
) -> Result<()> {
    match (spl, earnings) {
        (false, None) => Ok(()),
        (false, Some(_)) => err!(EscrowError::UnexpectedTokenAccounts),
        (true, None) => err!(EscrowError::TokenAccountsMissing),
        (true, Some(earnings)) => {
            let (expected, _) = Pubkey::find_program_address(
                &[SEED_EARNINGS, model.as_ref(), oracle.as_ref()],
                &crate::ID,
            );
            require_keys_eq!(
                earnings.key(),
                expected,
                EscrowError::InvalidEarningsAccount
            );
            Ok(())
        }
    }
}

/// Creates `oracle`'s earnings account for `model` unless it exists (its address was checked
/// by [`check_earnings_address`]), `payer` paying the rent.
pub fn ensure_earnings<'info>(
    earnings: Option<&UncheckedAccount<'info>>,
    payer: &Signer<'info>,
    system_program: &Program<'info, System>,
    model: &Pubkey,
    oracle: &Account<'info, Oracle>,
) -> Result<()> {
    let Some(earnings) = earnings else {
        return Ok(());
    };
    let info = earnings.to_account_info();
    let oracle_key = oracle.key();
    if info.owner == &crate::ID {
        let existing = Earnings::try_deserialize(&mut &info.try_borrow_data()?[..])?;
        return existing.check(model, &oracle_key);
    }
    let (_, bump) = Pubkey::find_program_address(
        &[SEED_EARNINGS, model.as_ref(), oracle_key.as_ref()],
        &crate::ID,
    );
    create_pda(
        &payer.to_account_info(),
        &info,
        &system_program.to_account_info(),
        8 + Earnings::INIT_SPACE,
        &crate::ID,
        &[SEED_EARNINGS, model.as_ref(), oracle_key.as_ref(), &[bump]],
    )?;
    write_account(
        &info,
        &Earnings {
            version: ACCOUNT_VERSION,
            model: *model,
            oracle: oracle_key,
            authority: oracle.authority,
            owed: 0,
            collected: 0,
            bump,
        },
    )
}
