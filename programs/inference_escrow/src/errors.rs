//! The program's single error enum. Append-only: codes are part of the public interface.

use anchor_lang::prelude::*;

#[error_code]
pub enum EscrowError {
    #[msg("The signer is not the protocol admin.")]
    NotAdmin,
    #[msg("The protocol is paused.")]
    ProtocolPaused,
    #[msg("A basis-point value is above 10,000.")]
    InvalidBps,
    #[msg("A slot window or timeout that must be positive is zero.")]
    ZeroSlotWindow,
    #[msg("An inline data limit is above the hard cap of 1,024 bytes.")]
    InlineLimitTooLarge,
    #[msg("The signer is not the model's owner.")]
    NotModelOwner,
    #[msg("The tensor schema is invalid: unknown rank, or a dimension that is neither positive nor -1.")]
    InvalidSchema,
    #[msg("A URI is empty or longer than 200 bytes.")]
    InvalidUri,
    #[msg("The price must be greater than zero.")]
    ZeroPrice,
    #[msg("The model is not active.")]
    ModelInactive,
    #[msg("The payment mint does not match the model's mint.")]
    WrongMint,
    #[msg("The inline input is longer than the configured maximum.")]
    InputTooLong,
    #[msg("The input does not match the model's input schema.")]
    InputSchemaMismatch,
    #[msg("The input is empty.")]
    EmptyInput,
    #[msg("The request time-to-live is zero or above the configured maximum.")]
    InvalidTtl,
    #[msg("The protocol fee and the model royalty together exceed 100%.")]
    FeeSplitTooHigh,
    #[msg("The escrow vault did not receive the full price (transfer fees are not supported).")]
    EscrowAmountMismatch,
    #[msg("The signer is not the request's requester.")]
    NotRequester,
    #[msg("The request is not open.")]
    RequestNotOpen,
    #[msg("The request cannot be claimed in its current state.")]
    RequestNotClaimable,
    #[msg("The request is claimed and the claim has not timed out.")]
    ClaimStillActive,
    #[msg("The request is not claimed.")]
    RequestNotClaimed,
    #[msg("The oracle is not the one that claimed the request.")]
    NotClaimingOracle,
    #[msg("The request's deadline has passed.")]
    DeadlinePassed,
    #[msg("The request is not fulfilled.")]
    RequestNotFulfilled,
    #[msg("The challenge window is still open.")]
    ChallengeWindowOpen,
    #[msg("The challenge window has closed.")]
    ChallengeWindowClosed,
    #[msg("The request is already settled.")]
    RequestAlreadySettled,
    #[msg("The request is not challenged.")]
    RequestNotChallenged,
    #[msg("The request's deadline has not passed yet.")]
    DeadlineNotReached,
    #[msg("A result was posted for this request; it cannot be refunded by expiry.")]
    ResultAlreadyPosted,
    #[msg("The request is not in a terminal state.")]
    RequestNotTerminal,
    #[msg("The oracle's stake is below the minimum.")]
    StakeTooLow,
    #[msg("The oracle is not active.")]
    OracleNotActive,
    #[msg("The oracle is not unbonding.")]
    OracleNotUnbonding,
    #[msg("The oracle's unbonding period has not ended.")]
    StillUnbonding,
    #[msg("The oracle still has requests it claimed that are not finished.")]
    OracleHasOpenRequests,
    #[msg("The signer is not the oracle's authority.")]
    NotOracleAuthority,
    #[msg("The amount must be greater than zero.")]
    ZeroAmount,
    #[msg("The instruction before this one is not an Ed25519 signature verification.")]
    MissingEd25519Instruction,
    #[msg("The Ed25519 instruction is malformed or verifies other than exactly one signature.")]
    MalformedEd25519Instruction,
    #[msg("The Ed25519 instruction reads its signature, key or message from another instruction.")]
    Ed25519DataNotInline,
    #[msg("The result was not signed by the oracle's attestation key.")]
    AttestationKeyMismatch,
    #[msg("The signed message does not match this request, model, input, output and status.")]
    AttestationMessageMismatch,
    #[msg("The output is longer than the space reserved for it.")]
    OutputTooLong,
    #[msg("The output does not match the model's output schema.")]
    OutputSchemaMismatch,
    #[msg("The output is empty.")]
    EmptyOutput,
    #[msg("The failure reason is longer than 128 bytes.")]
    FailReasonTooLong,
    #[msg(
        "An SPL-token request needs its mint, vault, token program and the payees' token accounts."
    )]
    TokenAccountsMissing,
    #[msg("A SOL request was given token accounts.")]
    UnexpectedTokenAccounts,
    #[msg("The vault is not this request's escrow vault.")]
    InvalidVault,
    #[msg("A token account does not belong to the party it pays.")]
    WrongTokenAccountOwner,
    #[msg("The token program does not own the payment mint.")]
    WrongTokenProgram,
    #[msg("An account does not match the one recorded in the request, model, oracle or config.")]
    AccountMismatch,
    #[msg("Arithmetic overflow in a money or slot computation.")]
    MathOverflow,
    #[msg("An account's invariant does not hold; the instruction was aborted.")]
    InvariantViolated,
    #[msg("The request has already been refunded.")]
    AlreadyRefunded,
}
