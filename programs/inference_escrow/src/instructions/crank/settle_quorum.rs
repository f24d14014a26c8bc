use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use super::PayoutAccounts;
use crate::{
    constants::{SEED_CONFIG, SEED_REQUEST},
    errors::EscrowError,
    escrow::Earner,
    events::SeatSettled,
    math,
    round::{agreeing, credit_lamports, end_seats, load_seat_oracles, store_oracles, SeatOutcome},
    state::{Config, Earnings, Model, Request, RequestStatus},
};

/// Pays out a fulfilled quorum request once its challenge window has passed (anyone may send
/// it). Remaining accounts: the seats' Oracle accounts in seat order, writable; then, for an
/// SPL request, the earnings accounts of the agreeing seats for the model, in seat order.
#[event_cpi]
#[derive(Accounts)]
pub struct SettleQuorum<'info> {
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// Credited with the royalty and the protocol fee.
    #[account(mut, address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the model's fee vault.
    #[account(mut)]
    pub fee_vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

/// The earnings accounts of a quorum request's agreeing seats, from `remaining` (writable, in
/// seat order; `pay_out` checks each is its seat's).
pub fn load_agreeing_earnings<'info>(
    remaining: &'info [AccountInfo<'info>],
    count: usize,
) -> Result<Vec<Account<'info, Earnings>>> {
    require!(remaining.len() == count, EscrowError::SeatAccountsMismatch);
    remaining
        .iter()
        .map(|info| {
            require!(info.is_writable, EscrowError::SeatAccountsMismatch);
            Account::<Earnings>::try_from(info)
        })
        .collect()
}

impl SettleQuorum<'_> {
    pub fn validate(&self) -> Result<()> {
        let request = &self.request;
        require!(request.policy.is_quorum(), EscrowError::NotAQuorumRequest);
        let fulfilled_at = match request.status {
            RequestStatus::Fulfilled { slot, .. } => slot,
            RequestStatus::Settled { .. } => return err!(EscrowError::RequestAlreadySettled),
            _ => return err!(EscrowError::RequestNotFulfilled),
        };
        let window_end = math::add(fulfilled_at, request.challenge_window_slots)?;
        require!(
            request.disputed || Clock::get()?.slot > window_end,
            EscrowError::ChallengeWindowOpen
        );
        Ok(())
    }

    /// Agreeing seats share the oracle part of the price equally (the first agreeing seat gets
    /// the remainder) and get their bonds back; disagreeing seats and no-shows lose theirs, to
    /// the agreeing seats in equal parts, as SOL fees owed.
    pub fn handler<'info>(ctx: Context<'info, SettleQuorum<'info>>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let agreed = accounts.request.agreed;
        let winner = accounts
            .request
            .status
            .oracle()
            .ok_or(EscrowError::RequestNotFulfilled)?;
        let (mut oracles, taken) =
            load_seat_oracles(ctx.remaining_accounts, &accounts.request.seats)?;
        let agreeing_count = agreeing(&mut oracles, agreed).len();
        require!(agreeing_count > 0, EscrowError::SeatAccountsMismatch);
        let rest = &ctx.remaining_accounts[taken..];
        let spl = accounts.request.mint.is_some();
        let mut earnings = if spl {
            load_agreeing_earnings(rest, agreeing_count)?
        } else {
            require!(rest.is_empty(), EscrowError::SeatAccountsMismatch);
            Vec::new()
        };

        // Bonds: agreeing seats released, the others slashed into a pool for the agreeing.
        let (ends, pool) = end_seats(&mut accounts.request.seats, &mut oracles, Some(agreed))?;

        // The price, split among the agreeing seats in seat order.
        let mut earnings_iter = earnings.iter_mut();
        let earners: Vec<Earner> = agreeing(&mut oracles, agreed)
            .into_iter()
            .map(|oracle| Earner {
                oracle_key: oracle.key(),
                earnings: if spl { earnings_iter.next() } else { None },
                oracle: if spl { None } else { Some(oracle) },
            })
            .collect();
        let settled = PayoutAccounts {
            request: &mut accounts.request,
            model: &mut accounts.model,
            earners,
            mint: accounts.mint.as_deref(),
            vault: accounts.vault.as_deref(),
            fee_vault: accounts.fee_vault.as_deref(),
            token_program: accounts.token_program.as_ref(),
        }
        .settle(winner)?;

        credit_lamports(
            pool,
            &mut agreeing(&mut oracles, agreed),
            &mut accounts.config,
        )?;
        store_oracles(&oracles)?;
        for account in &earnings {
            anchor_lang::AccountsExit::exit(account, &crate::ID)?;
        }
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        accounts
            .config
            .invariant(&accounts.config.to_account_info())?;

        emit_cpi!(settled);
        let mut rank = 0;
        for end in ends {
            let (earned, slash_share) = if end.outcome == SeatOutcome::Agreed {
                rank += 1;
                (
                    math::equal_share(settled.oracle_amount, agreeing_count, rank - 1),
                    math::equal_share(pool, agreeing_count, rank - 1),
                )
            } else {
                (0, 0)
            };
            emit_cpi!(SeatSettled {
                request: request_key,
                dispute: None,
                oracle: end.oracle,
                seat: end.seat,
                outcome: end.outcome,
                earned,
                slash_share,
                slashed: end.slashed,
            });
        }
        Ok(())
    }
}
