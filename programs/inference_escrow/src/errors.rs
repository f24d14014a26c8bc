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
    #[msg("An inline data limit is above its hard cap (768 input bytes, 384 output bytes).")]
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
    #[msg("The request time-to-live is outside min_request_ttl_slots..=max_request_ttl_slots.")]
    InvalidTtl,
    #[msg("The protocol fee and the model royalty together exceed 100%.")]
    FeeSplitTooHigh,
    #[msg("The escrow vault did not receive the full price.")]
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
    // ---- v2, part 1 ----
    #[msg("The request no longer has the model, input hash, price and deadline the claim names.")]
    ClaimTermsMismatch,
    #[msg("Fewer than min_fulfil_slots slots remain before the request's deadline.")]
    TooLateToClaim,
    #[msg("The oracle's stake not locked by its other claims is below this request's claim bond.")]
    InsufficientFreeStake,
    #[msg("A slot window or limit is outside its documented range.")]
    WindowOutOfRange,
    #[msg("The ttl bounds must satisfy min_fulfil_slots < min_request_ttl_slots <= max_request_ttl_slots.")]
    TtlBoundsInvalid,
    #[msg(
        "min_claim_bond is above min_oracle_stake, so a minimally staked oracle could never claim."
    )]
    ClaimBondAboveMinStake,
    #[msg("The mint charges a transfer fee (Token-2022 transfer fee extension).")]
    MintHasTransferFee,
    #[msg("The mint has a permanent delegate that could take the escrow.")]
    MintHasPermanentDelegate,
    #[msg("The mint calls a transfer hook on every transfer.")]
    MintHasTransferHook,
    #[msg("The mint can be paused.")]
    MintIsPausable,
    #[msg("The mint's tokens cannot be transferred.")]
    MintIsNonTransferable,
    #[msg("The mint sets the state of new token accounts (they could start frozen).")]
    MintHasDefaultAccountState,
    #[msg("The mint supports confidential transfers.")]
    MintHasConfidentialTransfers,
    #[msg("The mint has a Token-2022 extension this program does not accept.")]
    MintExtensionNotAllowed,
    #[msg(
        "A token account this payout moves through is frozen; the payout waits until it is thawed."
    )]
    TokenAccountFrozen,
    #[msg("Nothing is owed to this payee.")]
    NothingOwed,
    #[msg("The payee account would stay below rent exemption after this payout; fund it first.")]
    PayeeCannotReceive,
    #[msg("The request's token payout has not been moved to the model's fee vault yet (release_payout).")]
    PayoutPending,
    #[msg("The request has no token payout waiting to be released.")]
    PayoutNotPending,
    #[msg("The declared output size is zero for a dynamic output schema, or differs from a static one.")]
    InvalidOutputLimit,
    #[msg("This model's outputs fit inline and must be posted inline.")]
    OutputMustBeInline,
    #[msg("This model's outputs are larger than the inline limit and must be posted by URI.")]
    OutputMustBeUri,
    #[msg("The earnings account is not this oracle's for this model.")]
    InvalidEarningsAccount,
    #[msg("The fee vault is not this model's.")]
    InvalidFeeVault,
    #[msg("The arbiter's time to resolve the challenge has not run out.")]
    ArbitrationPending,
    #[msg("The account to create already exists.")]
    AccountAlreadyExists,
    #[msg("The mint has a close authority: it could be closed and re-created with other rules.")]
    MintHasCloseAuthority,
    #[msg("The model's price is above the most the requester agreed to pay.")]
    PriceAboveMax,
    #[msg("min_claim_bond must be positive: every claim must put stake at risk.")]
    ClaimBondZero,
    // ---- v2, part 2 ----
    #[msg("A verification policy's replicas must be 1 to 7.")]
    InvalidReplicas,
    #[msg(
        "A verification policy's quorum must be a majority of its replicas, and no more than them."
    )]
    InvalidQuorum,
    #[msg("A tolerance must be a finite, non-negative f32.")]
    InvalidTolerance,
    #[msg("Tolerance, Argmax and Median compare f32 outputs only.")]
    CompareNeedsF32Output,
    #[msg("Argmax needs the output's last axis to have a static size.")]
    ArgmaxNeedsStaticLastAxis,
    #[msg("A quorum model's outputs must fit inline (they are compared on-chain).")]
    QuorumNeedsInlineOutput,
    #[msg("This is a quorum request: oracles take seats (claim_seat), not the whole request.")]
    QuorumRequest,
    #[msg("This is not a quorum request (or dispute round): use claim_request.")]
    NotAQuorumRequest,
    #[msg("Every seat of this round is taken.")]
    SeatsFull,
    #[msg("This oracle already holds a seat in this round.")]
    AlreadySeated,
    #[msg("This oracle holds no seat in this round.")]
    NotSeated,
    #[msg("This seat has already committed (or failed).")]
    AlreadyCommitted,
    #[msg("The commit window of this round has closed.")]
    CommitWindowClosed,
    #[msg("This seat has no commitment to reveal.")]
    NotCommitted,
    #[msg("Reveals open once every seat has committed, or when the commit window closes.")]
    RevealNotOpen,
    #[msg("The reveal window of this round has closed.")]
    RevealWindowClosed,
    #[msg("The revealed output and salt do not hash to the seat's commitment.")]
    RevealMismatch,
    #[msg("The round can still change: seats may still commit or reveal.")]
    RoundStillOpen,
    #[msg("Oracles hold seats in this request: it ends through finalize_quorum.")]
    SeatsHeld,
    #[msg("The remaining accounts must be the seats' Oracle accounts (then their earnings), in seat order, writable.")]
    SeatAccountsMismatch,
    #[msg("challenge_bond must be positive: a challenge pays for its re-execution.")]
    ChallengeBondZero,
    #[msg("This round has been finalized (or its request is no longer open).")]
    RoundClosed,
    #[msg("Oracles that produced the challenged result cannot re-execute it.")]
    ChallengedOracle,
    #[msg("Only the requester or the request's named challenger may challenge it.")]
    NotChallenger,
    #[msg("This result was already challenged and found right; it cannot be challenged again.")]
    AlreadyDisputed,
    #[msg("A dispute is open on this request: it ends through finalize_dispute.")]
    DisputeInProgress,
    #[msg("The arbiter decides only after a re-execution round found no quorum.")]
    ArbiterNotNeeded,
    #[msg("The arbiter's time to decide has run out; finalize_dispute refunds the request.")]
    ArbitrationTimedOut,
    #[msg("The dispute has not been decided yet.")]
    DisputeNotDecided,
    #[msg(
        "dispute_window_slots must exceed min_fulfil_slots, or no re-executor could take a seat."
    )]
    DisputeWindowTooShort,
    #[msg("Tolerance, Argmax and Median need outputs that fit inline: a result posted by URI can be compared by its hash only.")]
    CompareNeedsInlineOutput,
    #[msg("A callback cannot call inference_escrow itself.")]
    InvalidCallback,
    #[msg("A callback may pass at most MAX_CALLBACK_ACCOUNTS (8) accounts.")]
    CallbackTooLarge,
    #[msg("This request names no callback.")]
    NoCallback,
    #[msg("The callback was already delivered; it is called once.")]
    CallbackDelivered,
    #[msg("The callback program or its accounts are not the ones the request names (in order, writable where it says).")]
    CallbackAccountsMismatch,
}
