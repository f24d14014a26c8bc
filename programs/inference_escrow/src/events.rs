//! One event per state change, emitted with `emit_cpi!` after the change (see docs/protocol.md).

use anchor_lang::prelude::*;

/// Why escrowed funds are owed back to the requester.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefundReason {
    /// The deadline passed while the request was open or claimed.
    Expired,
    /// The arbiter upheld the requester's challenge.
    ChallengeUpheld,
    /// The arbiter did not resolve the challenge within `arbitration_timeout_slots`.
    ArbitrationTimedOut,
    /// A quorum request's round ended without enough agreeing outputs.
    NoConsensus,
    /// A re-execution round disagreed with the challenged result.
    ReexecutionDisagreed,
}

/// How a dispute was decided.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisputeOutcome {
    /// Re-execution confirmed the result: it settles; the challenge bond paid the re-executors.
    Confirmed,
    /// Re-execution disagreed: refunded; the result's producers slashed to the re-executors.
    Overturned,
    /// The round found no quorum: the arbiter decides within `arbitration_timeout_slots`.
    NoQuorum,
    /// The arbiter found the result right.
    ArbiterConfirmed,
    /// The arbiter found the result wrong: refunded; its producers slashed to the treasury.
    ArbiterOverturned,
    /// The arbiter did not decide in time: refunded, nobody slashed for the result.
    TimedOut,
}

/// Whose owed balance a collection paid out.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayoutKind {
    /// A model's royalty, to its owner.
    Royalty,
    /// A model's protocol fees, to the treasury.
    ProtocolFee,
    /// An oracle's SOL fees, to its authority.
    OracleFees,
    /// An oracle's SPL shares of one model, to its authority.
    OracleEarnings,
    /// Slashed claim bonds, to the treasury.
    Slashes,
}

/// Why an oracle's stake changed.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StakeChange {
    /// The authority added stake.
    Added,
    /// The authority withdrew its stake after unbonding.
    Withdrawn,
    /// A claim bond was taken for a no-show (claimed, then let the deadline pass).
    SlashedNoShow,
    /// A claim bond was taken because the arbiter found the result wrong.
    SlashedWrongResult,
}

// Every field of every event is documented in docs/protocol.md ("Events").

#[event]
pub struct ConfigInitialized {
    pub admin: Pubkey,
    pub treasury: Pubkey,
}

#[event]
pub struct ConfigUpdated {
    pub admin: Pubkey,
    pub paused: bool,
}

#[event]
pub struct ModelRegistered {
    pub model: Pubkey,
    pub owner: Pubkey,
    pub model_id: [u8; 32],
    pub onnx_sha256: [u8; 32],
    pub price: u64,
    pub mint: Option<Pubkey>,
    pub royalty_bps: u16,
}

#[event]
pub struct ModelUpdated {
    pub model: Pubkey,
    pub price: u64,
    pub active: bool,
}

#[event]
pub struct OracleRegistered {
    pub oracle: Pubkey,
    pub authority: Pubkey,
    pub attestation_key: Pubkey,
    pub stake: u64,
}

#[event]
pub struct OracleStakeChanged {
    pub oracle: Pubkey,
    pub change: StakeChange,
    pub amount: u64,
    pub stake: u64,
}

#[event]
pub struct OracleUnbondingBegan {
    pub oracle: Pubkey,
    pub until_slot: u64,
}

#[event]
pub struct RequestCreated {
    pub request: Pubkey,
    pub requester: Pubkey,
    pub model: Pubkey,
    pub nonce: u64,
    pub price: u64,
    pub mint: Option<Pubkey>,
    pub input_hash: [u8; 32],
    pub deadline_slot: u64,
}

#[event]
pub struct RequestCancelled {
    pub request: Pubkey,
    pub requester: Pubkey,
    pub refunded: u64,
}

#[event]
pub struct RequestClaimed {
    pub request: Pubkey,
    pub oracle: Pubkey,
    /// The oracle whose timed-out claim was taken over, if any (its bond was released).
    pub previous_oracle: Option<Pubkey>,
    /// Lamports of the claimer's stake locked until the request ends.
    pub bond: u64,
}

#[event]
pub struct RequestFulfilled {
    pub request: Pubkey,
    pub oracle: Pubkey,
    pub output_hash: [u8; 32],
    pub execution_id: [u8; 32],
}

#[event]
pub struct RequestFailed {
    pub request: Pubkey,
    pub oracle: Pubkey,
    pub reason: String,
    pub execution_id: [u8; 32],
    /// Escrow now owed to the requester (paid when it closes the request).
    pub refund: u64,
}

#[event]
pub struct RequestChallenged {
    pub request: Pubkey,
    pub requester: Pubkey,
    /// The holder (single-oracle request) or the first agreeing seat (quorum request).
    pub oracle: Pubkey,
    /// Who challenged (the requester or the request's named challenger).
    pub challenger: Pubkey,
    /// The dispute account of the re-execution round.
    pub dispute: Pubkey,
    /// Lamports the challenger posted.
    pub bond: u64,
    /// Last slot at which re-executors may take a seat and commit.
    pub commit_deadline_slot: u64,
}

#[event]
pub struct ChallengeResolved {
    pub request: Pubkey,
    pub oracle: Pubkey,
    pub oracle_was_wrong: bool,
    /// Escrow now owed to the requester (zero when the oracle was right).
    pub refund: u64,
    /// Bonds of the result's producers (and silent seats) slashed to the challenger, held in the
    /// dispute until it is closed (zero when the oracle was right).
    pub slashed: u64,
}

#[event]
pub struct RequestSettled {
    pub request: Pubkey,
    pub oracle: Pubkey,
    /// Credited to the oracle (its SOL fees, or its earnings for the model).
    pub oracle_amount: u64,
    /// Credited to the model's royalty owed.
    pub royalty: u64,
    /// Credited to the model's protocol fees owed.
    pub protocol_fee: u64,
    /// The SPL vault or fee vault was frozen: the tokens stay in the request's vault until
    /// `release_payout`, and the amounts above are credited then.
    pub deferred: bool,
}

#[event]
pub struct PayoutReleased {
    pub request: Pubkey,
    pub oracle: Pubkey,
    pub oracle_amount: u64,
    pub royalty: u64,
    pub protocol_fee: u64,
}

#[event]
pub struct RequestRefunded {
    pub request: Pubkey,
    pub requester: Pubkey,
    pub reason: RefundReason,
    /// Escrow now owed to the requester (paid when it closes the request).
    pub refund: u64,
    /// The holder's claim bond, slashed to the treasury (a no-show); zero otherwise.
    pub slashed: u64,
}

#[event]
pub struct RequestClosed {
    pub request: Pubkey,
    pub requester: Pubkey,
    /// Escrow paid to the requester now (a refund owed to it); zero after a settlement.
    pub refunded: u64,
}

#[event]
pub struct CallbackDelivered {
    pub request: Pubkey,
    /// The consumer program called.
    pub program: Pubkey,
}

#[event]
pub struct PayoutCollected {
    /// The account the owed balance was recorded in (model, oracle, earnings or config).
    pub account: Pubkey,
    pub kind: PayoutKind,
    /// The wallet paid (for SPL, the owner of the token account credited).
    pub payee: Pubkey,
    /// `None` for lamports.
    pub mint: Option<Pubkey>,
    pub amount: u64,
}

#[event]
pub struct SeatClaimed {
    pub request: Pubkey,
    /// The dispute whose re-execution round the seat is in; `None` for the request's own round.
    pub dispute: Option<Pubkey>,
    pub oracle: Pubkey,
    /// The seat's index in its round.
    pub seat: u8,
    /// Lamports of the oracle's stake locked until the round ends for it.
    pub bond: u64,
}

#[event]
pub struct SeatCommitted {
    pub request: Pubkey,
    pub dispute: Option<Pubkey>,
    pub oracle: Pubkey,
    pub seat: u8,
    pub commitment: [u8; 32],
    pub execution_id: [u8; 32],
}

#[event]
pub struct SeatRevealed {
    pub request: Pubkey,
    pub dispute: Option<Pubkey>,
    pub oracle: Pubkey,
    pub seat: u8,
    /// SHA-256 of the revealed output.
    pub output_hash: [u8; 32],
}

#[event]
pub struct SeatFailed {
    pub request: Pubkey,
    pub dispute: Option<Pubkey>,
    pub oracle: Pubkey,
    pub seat: u8,
    pub reason: String,
    pub execution_id: [u8; 32],
}

#[event]
pub struct RoundFinalized {
    pub request: Pubkey,
    pub dispute: Option<Pubkey>,
    /// Whether `quorum` revealed outputs agreed.
    pub consensus: bool,
    /// Bit `i` set when seat `i` agrees (zero without consensus).
    pub agreed: u8,
    /// Seats that revealed.
    pub revealed: u8,
    /// SHA-256 of the agreed output (zero without consensus).
    pub output_hash: [u8; 32],
}

#[event]
pub struct SeatSettled {
    pub request: Pubkey,
    pub dispute: Option<Pubkey>,
    pub oracle: Pubkey,
    pub seat: u8,
    pub outcome: crate::round::SeatOutcome,
    /// Its share of the price (SOL fees or model earnings), or of the challenge bond.
    pub earned: u64,
    /// Lamports of other seats' slashed bonds credited to it.
    pub slash_share: u64,
    /// Lamports of its own bond slashed.
    pub slashed: u64,
}

#[event]
pub struct DisputeDecided {
    pub request: Pubkey,
    pub dispute: Pubkey,
    pub outcome: DisputeOutcome,
    /// Escrow now owed to the requester (zero when the result stands).
    pub refund: u64,
    /// Lamports of bonds taken from the result's producers and silent seats.
    pub slashed: u64,
    /// Lamports credited to the agreeing re-executors (challenge bond and slashed bonds).
    pub paid_to_reexecutors: u64,
    /// Lamports of the challenge bond credited to the result's producers (the arbiter found it
    /// right after a round without quorum).
    pub paid_to_producers: u64,
    /// Lamports of the challenge bond still owed back to the challenger (on close).
    pub bond_returned: u64,
}

#[event]
pub struct DisputeClosed {
    pub request: Pubkey,
    pub dispute: Pubkey,
    pub challenger: Pubkey,
    /// Lamports returned: rent plus any challenge bond still held.
    pub lamports: u64,
}
