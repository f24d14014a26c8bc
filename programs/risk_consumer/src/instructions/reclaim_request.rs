use anchor_lang::prelude::*;
use inference_escrow_interface::{
    self as escrow_interface,
    cpi::{self, CloseRequestAccounts},
};

use crate::{
    constants::{SEED_VAULT, SEED_WALLET},
    errors::RiskError,
    escrow,
    state::Vault,
};

/// Closes a finished request of the vault's wallet through inference_escrow, returning its rent
/// to the wallet, and with it the escrow when the request ended in a refund (failed, expired or
/// refunded: inference_escrow keeps a refund in the request until its requester closes it).
///
/// Authority only. A request this program has not read yet must not disappear: closing it
/// before its position took the result would leave the position waiting for an account that no
/// longer exists. So an ended request is closed only once its `on_score` callback has been
/// delivered (`CallbackPending`); anyone may deliver it (`deliver_callback`), the authority
/// included, so the rent is never stuck behind someone else.
#[derive(Accounts)]
pub struct ReclaimRequest<'info> {
    pub authority: Signer<'info>,
    #[account(seeds = [SEED_VAULT, authority.key().as_ref()], bump = vault.bump)]
    pub vault: Box<Account<'info, Vault>>,
    /// The requester of the request: signs `close_request` by CPI and receives the rent.
    #[account(mut, seeds = [SEED_WALLET, vault.key().as_ref()], bump = vault.wallet_bump)]
    pub wallet: SystemAccount<'info>,
    /// A request of the vault's wallet (`ForeignRequest` otherwise). Must be terminal (Settled,
    /// Failed, Expired or Refunded): inference_escrow checks that (and its seeds) and fails
    /// with its own `RequestNotTerminal` otherwise.
    /// CHECK: read with `escrow::request` in `validate`.
    #[account(mut)]
    pub request: UncheckedAccount<'info>,
    /// inference_escrow's event authority (first of its two `#[event_cpi]` accounts).
    /// CHECK: the address pins it; the escrow checks it again.
    #[account(address = escrow_interface::EVENT_AUTHORITY)]
    pub escrow_event_authority: UncheckedAccount<'info>,
    /// inference_escrow.
    /// CHECK: the address pins it.
    #[account(address = escrow_interface::ID)]
    pub escrow_program: UncheckedAccount<'info>,
}

impl ReclaimRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        let request = escrow::request(&self.request)?;
        require_keys_eq!(
            request.requester,
            self.wallet.key(),
            RiskError::ForeignRequest
        );
        // A request still running is the escrow's to refuse (`RequestNotTerminal`).
        let undelivered = request.callback.is_some() && !request.callback_delivered;
        require!(
            !(request.status.is_terminal() && undelivered),
            RiskError::CallbackPending
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let accounts = &*ctx.accounts;
        let vault_key = accounts.vault.key();
        let cpi_accounts = CloseRequestAccounts {
            requester: accounts.wallet.as_ref(),
            request: accounts.request.as_ref(),
            event_authority: accounts.escrow_event_authority.as_ref(),
            escrow_program: accounts.escrow_program.as_ref(),
        };
        accounts.vault.with_wallet_seeds(&vault_key, |signer| {
            cpi::close_request(cpi_accounts, signer)
        })?;
        Ok(())
    }
}
