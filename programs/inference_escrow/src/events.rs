//! One event per state change, emitted with `emit_cpi!` after the change (see docs/protocol.md).

use anchor_lang::prelude::*;

/// Why escrowed funds went back to the requester.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefundReason {
    /// The deadline passed while the request was open or claimed.
    Expired,
    /// The arbiter upheld the requester's challenge.
    ChallengeUpheld,
}

/// Why an oracle's stake changed.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StakeChange {
    /// The authority added stake.
    Added,
    /// The authority withdrew its stake after unbonding.
    Withdrawn,
    /// Stake was taken for a no-show (claimed, then let the deadline pass).
    SlashedNoShow,
    /// Stake was taken because the arbiter found the result wrong.
    SlashedWrongResult,
}

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
    /// The oracle whose timed-out claim was taken over, if any.
    pub previous_oracle: Option<Pubkey>,
}

#[event]
pub struct RequestFulfilled {
    pub request: Pubkey,
    pub oracle: Pubkey,
    pub output_hash: [u8; 32],
}

#[event]
pub struct RequestFailed {
    pub request: Pubkey,
    pub oracle: Pubkey,
    pub reason: String,
    pub refunded: u64,
}

#[event]
pub struct RequestChallenged {
    pub request: Pubkey,
    pub requester: Pubkey,
    pub oracle: Pubkey,
}

#[event]
pub struct ChallengeResolved {
    pub request: Pubkey,
    pub oracle: Pubkey,
    pub oracle_was_wrong: bool,
    /// Escrow refunded to the requester (zero when the oracle was right).
    pub refunded: u64,
    /// Stake taken from the oracle and paid to the requester.
    pub slashed: u64,
}

#[event]
pub struct RequestSettled {
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
    pub refunded: u64,
    /// Stake taken from a no-show oracle and paid to the requester.
    pub slashed: u64,
}

#[event]
pub struct RequestClosed {
    pub request: Pubkey,
    pub requester: Pubkey,
}
