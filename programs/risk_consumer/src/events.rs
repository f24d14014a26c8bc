//! One event per change of a position's score, emitted with `emit_cpi!` after the change.

use anchor_lang::prelude::*;

/// `request_score` created an inference request for a position.
#[event]
pub struct ScoreRequested {
    pub vault: Pubkey,
    pub position: Pubkey,
    /// The inference_escrow Request account.
    pub request: Pubkey,
    /// Its nonce (the vault's counter before the increment).
    pub nonce: u64,
}

/// `apply_score` read the result and healthy-or-flagged the position.
#[event]
pub struct ScoreApplied {
    pub vault: Pubkey,
    pub position: Pubkey,
    pub request: Pubkey,
    pub score: f32,
    /// Whether `score` is above the vault's threshold.
    pub flagged: bool,
}

/// `apply_score` found that the request ended without a result (failed, expired or refunded):
/// the position is back to unscored and may be requested again.
#[event]
pub struct ScoreDropped {
    pub vault: Pubkey,
    pub position: Pubkey,
    pub request: Pubkey,
}
