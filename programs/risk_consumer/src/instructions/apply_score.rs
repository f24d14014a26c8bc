use anchor_lang::prelude::*;
use inference_escrow::{
    attestation::sha256,
    state::{DataRef, Request, RequestStatus},
};

use crate::{
    constants::{SCORE_LEN, SEED_POSITION, SEED_VAULT, SEED_WALLET},
    errors::RiskError,
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
    // `Account<Request>` proves that inference_escrow owns the account and that it is a Request
    // (owner and discriminator): nobody else can have written its status or output. The
    // constraints then narrow it down, most general first, each with its own error: a request
    // for our model, paid by our wallet, and the very one this position waits for.
    #[account(
        constraint = request.model == vault.model @ RiskError::WrongModel,
        constraint = request.requester == wallet.key() @ RiskError::ForeignRequest,
        constraint = position.status.pending_request() == Some(request.key())
            @ RiskError::NotPendingRequest,
    )]
    pub request: Box<Account<'info, Request>>,
}

impl ApplyScore<'_> {
    pub fn validate(&self) -> Result<()> {
        // Fulfilled is usable: the oracle signed the result and has stake at risk. Until the
        // challenge window closes, only the requester (our wallet, which never challenges) could
        // dispute it; a stricter vault would wait for Settled. Open, Claimed and Challenged have
        // nothing usable yet: try again later.
        let not_ready = matches!(
            self.request.status,
            RequestStatus::Open | RequestStatus::Claimed { .. } | RequestStatus::Challenged { .. }
        );
        require!(!not_ready, RiskError::ScoreNotReady);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let vault = ctx.accounts.vault.key();
        let position = ctx.accounts.position.key();
        let request = ctx.accounts.request.key();
        let accounts = &mut *ctx.accounts;

        let has_result = matches!(
            accounts.request.status,
            RequestStatus::Fulfilled { .. } | RequestStatus::Settled { .. }
        );
        if !has_result {
            // Failed, Expired or Refunded: no score will ever come (and the escrow refunded our
            // wallet). Succeed rather than fail, so that the position is released and a keeper
            // can request again; an error would revert this reset and leave it stuck.
            accounts.position.status = PositionStatus::Unscored;
            accounts.position.invariant(&accounts.vault)?;
            emit_cpi!(ScoreDropped {
                vault,
                position,
                request,
            });
            return Ok(());
        }

        let score = read_score(&accounts.request)?;
        let flagged = score > accounts.vault.risk_threshold;
        accounts.position.status = if flagged {
            PositionStatus::Flagged { score }
        } else {
            PositionStatus::Healthy { score }
        };
        accounts.position.invariant(&accounts.vault)?;
        emit_cpi!(ScoreApplied {
            vault,
            position,
            request,
            score,
            flagged,
        });
        Ok(())
    }
}

/// The score in a fulfilled request: exactly one inline little-endian f32 whose SHA-256 is the
/// output hash the oracle signed. (inference_escrow hashes inline outputs itself, so the hash
/// check restates its guarantee at the boundary where this program starts relying on it.)
fn read_score(request: &Request) -> Result<f32> {
    let Some(DataRef::Inline(bytes)) = &request.output else {
        // A URI output cannot be read on-chain.
        return err!(RiskError::InvalidScoreOutput);
    };
    let bytes: [u8; SCORE_LEN] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| error!(RiskError::InvalidScoreOutput))?;
    require!(
        sha256(&bytes) == request.output_hash,
        RiskError::OutputHashMismatch
    );
    let score = f32::from_le_bytes(bytes);
    // NaN cannot be stored (Borsh refuses it) and must not pass as healthy: an unreadable score
    // counts as the worst one.
    Ok(if score.is_nan() { f32::INFINITY } else { score })
}
