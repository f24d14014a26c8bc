use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use super::{load_agreeing_earnings, PayoutAccounts};
use crate::{
    constants::SEED_REQUEST,
    errors::EscrowError,
    escrow::Earner,
    events::PayoutReleased,
    state::{Earnings, Model, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ReleasePayout<'info> {
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    #[account(mut, address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    pub mint: Box<InterfaceAccount<'info, Mint>>,
    #[account(mut)]
    pub vault: Box<InterfaceAccount<'info, TokenAccount>>,
    #[account(mut)]
    pub fee_vault: Box<InterfaceAccount<'info, TokenAccount>>,
    /// The earnings of the oracle that settled the request, for its model (its share is
    /// credited there; the Oracle account itself is not needed and may be closed by now). For a
    /// quorum request, the first agreeing seat's; the other agreeing seats' earnings follow as
    /// remaining accounts, in seat order, writable.
    #[account(mut)]
    pub earnings: Box<Account<'info, Earnings>>,
    pub token_program: Interface<'info, TokenInterface>,
}

impl ReleasePayout<'_> {
    pub fn validate(&self) -> Result<()> {
        require!(
            matches!(self.request.status, RequestStatus::Settled { .. })
                && self.request.mint.is_some()
                && self.request.escrow > 0,
            EscrowError::PayoutNotPending
        );
        Ok(())
    }

    /// Moves a settled SPL request's tokens, kept in its vault while it (or the fee vault) was
    /// frozen, to the model's fee vault and credits the owed balances.
    pub fn handler<'info>(ctx: Context<'info, ReleasePayout<'info>>) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        // The settler, as the request recorded it; `pay_out` checks the earnings are its.
        let oracle_key = accounts
            .request
            .status
            .oracle()
            .ok_or(EscrowError::PayoutNotPending)?;
        let agreed = accounts.request.agreed;
        let seats: Vec<Pubkey> = if accounts.request.policy.is_quorum() {
            accounts
                .request
                .seats
                .iter()
                .enumerate()
                .filter(|(i, _)| agreed & (1 << i) != 0)
                .map(|(_, seat)| seat.oracle)
                .collect()
        } else {
            vec![oracle_key]
        };
        require!(!seats.is_empty(), EscrowError::PayoutNotPending);
        let mut others = load_agreeing_earnings(ctx.remaining_accounts, seats.len() - 1)?;
        let mut earners = vec![Earner {
            oracle_key: seats[0],
            oracle: None,
            earnings: Some(&mut *accounts.earnings),
        }];
        for (oracle_key, earnings) in seats[1..].iter().zip(others.iter_mut()) {
            earners.push(Earner {
                oracle_key: *oracle_key,
                oracle: None,
                earnings: Some(earnings),
            });
        }
        let mut payout_accounts = PayoutAccounts {
            request: &mut accounts.request,
            model: &mut accounts.model,
            earners,
            mint: Some(&*accounts.mint),
            vault: Some(&*accounts.vault),
            fee_vault: Some(&*accounts.fee_vault),
            token_program: Some(&accounts.token_program),
        };
        let payout = payout_accounts.pay_out()?;
        require!(!payout.deferred, EscrowError::TokenAccountFrozen);
        payout_accounts.check_invariants()?;
        for account in &others {
            anchor_lang::AccountsExit::exit(account, &crate::ID)?;
        }
        emit_cpi!(PayoutReleased {
            request: request_key,
            oracle: oracle_key,
            oracle_amount: payout.split.oracle,
            royalty: payout.split.royalty,
            protocol_fee: payout.split.protocol,
        });
        Ok(())
    }
}
