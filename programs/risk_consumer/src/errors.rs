//! The program's error enum. Append-only: codes are part of the public interface.
//!
//! Numbered from 7000 in declaration order, not from Anchor's default 6000: inference_escrow's
//! own errors (from 6000) come back unchanged through our CPIs, and separate ranges tell a
//! keeper at a glance which program refused (e.g. 6014 `InvalidTtl` from the escrow, 7005
//! `WalletUnderfunded` from this program).

use anchor_lang::prelude::*;

#[error_code(offset = 7000)]
pub enum RiskError {
    #[msg("The risk threshold must be a finite number.")]
    InvalidThreshold,
    #[msg("Position features must be as many finite numbers as the vault's model reads.")]
    InvalidFeatures,
    #[msg("The model must take one row of 1 to 16 f32 features, return one f32 score and be paid in SOL.")]
    UnsuitableModel,
    #[msg("The position is already waiting for a score.")]
    PositionPending,
    #[msg("The position is not waiting for a score.")]
    PositionNotPending,
    #[msg("The vault's wallet cannot pay the model price and the request rent.")]
    WalletUnderfunded,
    #[msg("The request is for another model than the vault's.")]
    WrongModel,
    #[msg("The request was not paid by this vault's wallet.")]
    ForeignRequest,
    #[msg("The request is not the one the position is waiting for.")]
    NotPendingRequest,
    #[msg("The request has no usable result yet (open, claimed or challenged).")]
    ScoreNotReady,
    #[msg("The result is not one inline little-endian f32 (exactly 4 bytes).")]
    InvalidScoreOutput,
    #[msg("The result bytes do not hash to the request's output hash.")]
    OutputHashMismatch,
    #[msg("Arithmetic overflow.")]
    MathOverflow,
    #[msg("An account's invariant does not hold; the instruction was aborted.")]
    InvariantViolated,
    #[msg("The model asks fewer oracles to agree than the vault requires (or min_quorum is 0).")]
    QuorumTooLow,
    #[msg("An account this program creates already exists (it has data or another owner).")]
    AccountAlreadyExists,
    #[msg("The inference_escrow account does not decode (another layout version?).")]
    UnreadableEscrowAccount,
    #[msg(
        "The callback is not inference_escrow delivering this request's callback to this program."
    )]
    NotFromEscrow,
    #[msg("The request's on_score callback has not been delivered yet: deliver it first (anyone may).")]
    CallbackPending,
}
