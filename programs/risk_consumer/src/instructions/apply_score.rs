use anchor_lang::prelude::*;
use inference_escrow_interface::{Accept, InterfaceError, Request, RequestStatus};

use crate::{
    constants::{SEED_POSITION, SEED_VAULT, SEED_WALLET},
    errors::RiskError,
    escrow,
    events::{ScoreApplied, ScoreDropped},
    state::{Position, PositionStatus, Vault},
};

/// Trust boundary of this instruction: everything it knows about the result comes from the
/// `request` account, so that account must be proven to be inference_escrow's record of the
/// request this position is waiting for, before a byte of it is believed.
#[event_cpi]
#[derive(Accounts)]
pub struct ApplyScore<'info> {
    #[account(seeds = [SEED_VAULT, vault.authority.as_ref()], bump = vault.bump)]
    pub vault: Box<Account<'info, Vault>>,
    #[account(seeds = [SEED_WALLET, vault.key().as_ref()], bump = vault.wallet_bump)]
    pub wallet: SystemAccount<'info>,
    #[account(
        mut,
        seeds = [SEED_POSITION, vault.key().as_ref(), position.borrower.as_ref()],
        bump = position.bump,
        constraint = position.status.pending_request().is_some() @ RiskError::PositionNotPending,
    )]
    pub position: Account<'info, Position>,
    /// Read through the interface crate, which proves that inference_escrow owns it and that it
    /// is a Request of the layout it knows: nobody else can have written its status or output.
    /// CHECK: `escrow::request` checks owner, discriminator and version; `our_request` the rest.
    pub request: UncheckedAccount<'info>,
}

/// What a result did to a position.
pub enum Scored {
    /// The request's result scored the position.
    Applied { score: f32, flagged: bool },
    /// The request ended without a result: the position is unscored again.
    Dropped,
}

/// The checks every reader of a result makes, most general first, each with its own error: a
/// request for our model (`WrongModel`), paid by our wallet (`ForeignRequest`).
pub fn our_request(request: &Request, vault: &Vault, wallet: &Pubkey) -> Result<()> {
    require_keys_eq!(request.model, vault.model, RiskError::WrongModel);
    require_keys_eq!(request.requester, *wallet, RiskError::ForeignRequest);
    Ok(())
}

/// Scores `position` by `request` (already checked to be ours and the one it waits for), taking
/// results `accept` allows. A request that ended without a result (failed, expired, refunded)
/// releases the position to unscored: no score will ever come, and the escrow refunded our
/// wallet. That is a success, not an error, so that the position is released and a keeper can
/// request again; an error would revert the reset and leave it stuck.
pub fn score(
    request: &Request,
    vault: &Vault,
    wallet: &Pubkey,
    position: &mut Position,
    accept: Accept,
) -> Result<Scored> {
    let outcome = match request.result_f32::<1>(&vault.model, wallet, accept) {
        Ok([score]) => {
            // NaN must not pass as healthy: an unreadable score counts as the worst one.
            let score = if score.is_nan() { f32::INFINITY } else { score };
            let flagged = score > vault.risk_threshold;
            position.status = if flagged {
                PositionStatus::Flagged { score }
            } else {
                PositionStatus::Healthy { score }
            };
            Scored::Applied { score, flagged }
        }
        Err(InterfaceError::NoResult(_)) => {
            position.status = PositionStatus::Unscored;
            Scored::Dropped
        }
        Err(refusal) => return Err(escrow::error(refusal)),
    };
    position.invariant(vault)?;
    Ok(outcome)
}

impl ApplyScore<'_> {
    /// The request, read once: ours, the one the position waits for, with a result to use.
    pub fn validate(&self) -> Result<Request> {
        let request = escrow::request(&self.request)?;
        our_request(&request, &self.vault, &self.wallet.key())?;
        require!(
            self.position.status.pending_request() == Some(self.request.key()),
            RiskError::NotPendingRequest
        );
        // Fulfilled is usable: the oracle signed the result and has stake at risk. Until the
        // challenge window closes, only the requester (our wallet, which never challenges) or
        // our keeper could dispute it; a stricter vault would wait for Settled. Open, Claimed
        // and Challenged have nothing usable yet: try again later.
        let not_ready = matches!(
            request.status,
            RequestStatus::Open | RequestStatus::Claimed { .. } | RequestStatus::Challenged { .. }
        );
        require!(!not_ready, RiskError::ScoreNotReady);
        Ok(request)
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let (vault, position, request) = (
            ctx.accounts.vault.key(),
            ctx.accounts.position.key(),
            ctx.accounts.request.key(),
        );
        let state = ctx.accounts.validate()?;
        let accounts = &mut *ctx.accounts;
        let wallet = accounts.wallet.key();
        match score(
            &state,
            &accounts.vault,
            &wallet,
            &mut accounts.position,
            Accept::FulfilledOrSettled,
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
