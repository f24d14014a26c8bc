use anchor_lang::prelude::*;
use inference_escrow_interface::{verify_callback, Accept};

use super::apply_score::{our_request, score, Scored};
use crate::{
    constants::{SEED_POSITION, SEED_VAULT, SEED_WALLET},
    escrow,
    events::{ScoreApplied, ScoreDropped},
    state::{Position, Vault},
};

/// The callback every request of `request_score` names: inference_escrow calls it (through
/// `deliver_callback`, sent by any crank) once the request has ended. The first two accounts
/// are the escrow's; the rest are the ones `request_score` stored in the request.
#[event_cpi]
#[derive(Accounts)]
pub struct OnScore<'info> {
    /// The ended request; read through the interface crate.
    /// CHECK: `verify_callback` checks owner, discriminator and version.
    pub request: UncheckedAccount<'info>,
    /// The request's callback authority `["callback", request]` under inference_escrow: only the
    /// escrow can sign for it, and only to deliver that request's callback.
    /// CHECK: `verify_callback` checks it is that PDA and signed.
    pub callback_authority: UncheckedAccount<'info>,
    #[account(seeds = [SEED_VAULT, vault.authority.as_ref()], bump = vault.bump)]
    pub vault: Box<Account<'info, Vault>>,
    #[account(seeds = [SEED_WALLET, vault.key().as_ref()], bump = vault.wallet_bump)]
    pub wallet: SystemAccount<'info>,
    #[account(
        mut,
        seeds = [SEED_POSITION, vault.key().as_ref(), position.borrower.as_ref()],
        bump = position.bump,
    )]
    pub position: Account<'info, Position>,
}

impl OnScore<'_> {
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let (vault, position, request) = (
            ctx.accounts.vault.key(),
            ctx.accounts.position.key(),
            ctx.accounts.request.key(),
        );
        let accounts = &mut *ctx.accounts;
        let state = verify_callback(
            ctx.program_id,
            &accounts.request,
            &accounts.callback_authority,
        )
        .map_err(escrow::error)?;
        // Anyone may create a request naming this program and these accounts as its callback:
        // only a request of our model paid by our wallet is believed (an error here fails only
        // that stranger's delivery).
        let wallet = accounts.wallet.key();
        our_request(&state, &accounts.vault, &wallet)?;
        if accounts.position.status.pending_request() != Some(request) {
            // The borrower updated the position since (or apply_score got there first): nothing
            // to do, and succeeding marks the callback delivered so no crank retries it.
            msg!(
                "position {} no longer waits for request {}",
                position,
                request
            );
            return Ok(());
        }
        // The escrow calls only once the request has ended: Settled is final, the rest carry no
        // result.
        match score(
            &state,
            &accounts.vault,
            &wallet,
            &mut accounts.position,
            Accept::Settled,
        )? {
            Scored::Applied { score, flagged } => emit_cpi!(ScoreApplied {
                vault,
                position,
                request,
                score,
                flagged,
            }),
            Scored::Dropped => emit_cpi!(ScoreDropped {
                vault,
                position,
                request,
            }),
        }
        Ok(())
    }
}
