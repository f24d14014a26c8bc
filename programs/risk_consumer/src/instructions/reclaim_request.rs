use anchor_lang::prelude::*;
use inference_escrow::{cpi::accounts::CloseRequest, program::InferenceEscrow, state::Request};

use crate::{
    constants::{SEED_VAULT, SEED_WALLET},
    errors::RiskError,
    state::Vault,
};

/// Closes a finished request of the vault's wallet through inference_escrow, returning its rent
/// to the wallet, and with it the escrow when the request ended in a refund (failed, expired or
/// refunded: inference_escrow keeps a refund in the request until its requester closes it).
///
/// Authority only. A request this program has not read yet must not disappear: closing a
/// Settled request before `apply_score` ran would leave its position waiting for an account
/// that no longer exists. Knowing which requests were applied would take extra bookkeeping; the
/// authority (whose wallet gets the rent) reclaims after its keeper applied the scores.
#[derive(Accounts)]
pub struct ReclaimRequest<'info> {
    pub authority: Signer<'info>,
    #[account(seeds = [SEED_VAULT, authority.key().as_ref()], bump = vault.bump)]
    pub vault: Box<Account<'info, Vault>>,
    /// The requester of the request: signs `close_request` by CPI and receives the rent.
    #[account(mut, seeds = [SEED_WALLET, vault.key().as_ref()], bump = vault.wallet_bump)]
    pub wallet: SystemAccount<'info>,
    /// Must be terminal (Settled, Failed, Expired or Refunded): inference_escrow checks that
    /// (and its seeds) and fails with its own `RequestNotTerminal` otherwise.
    #[account(mut, constraint = request.requester == wallet.key() @ RiskError::ForeignRequest)]
    pub request: Box<Account<'info, Request>>,
    /// inference_escrow's event authority (first of its two `#[event_cpi]` accounts).
    /// CHECK: a PDA without data, pinned by the seeds; the escrow checks it again.
    #[account(seeds = [b"__event_authority"], bump, seeds::program = inference_escrow::ID)]
    pub escrow_event_authority: UncheckedAccount<'info>,
    pub escrow_program: Program<'info, InferenceEscrow>,
}

impl ReclaimRequest<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &*ctx.accounts;
        let vault_key = accounts.vault.key();
        // The token accounts of `CloseRequest` are `Option`s: a SOL request passes none of them
        // (Anchor sends the escrow's program id in their place).
        let cpi_accounts = CloseRequest {
            requester: accounts.wallet.to_account_info(),
            request: accounts.request.to_account_info(),
            mint: None,
            vault: None,
            requester_token: None,
            token_program: None,
            event_authority: accounts.escrow_event_authority.to_account_info(),
            program: accounts.escrow_program.to_account_info(),
        };
        accounts.vault.with_wallet_seeds(&vault_key, |signer| {
            inference_escrow::cpi::close_request(CpiContext::new_with_signer(
                accounts.escrow_program.key(),
                cpi_accounts,
                signer,
            ))
        })
    }
}
