use anchor_lang::prelude::*;

use crate::{constants::MAX_URI_LEN, errors::EscrowError};

/// Request or result data: inline bytes, or a URI whose content hash is recorded beside it.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub enum DataRef {
    /// The bytes themselves (a little-endian tensor for inputs and outputs).
    Inline(Vec<u8>),
    /// Where the bytes are; their SHA-256 is the recorded hash.
    Uri(String),
}

/// Where a request is in its lifecycle (docs/protocol.md has the diagram).
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestStatus {
    /// Escrowed, waiting for an oracle.
    Open,
    /// An oracle claimed it at `slot`; another may take over after `claim_timeout_slots`.
    Claimed { oracle: Pubkey, slot: u64 },
    /// A result was posted at `slot`; the challenge window runs from there.
    Fulfilled { oracle: Pubkey, slot: u64 },
    /// The requester challenged the result; the arbiter decides.
    Challenged {
        oracle: Pubkey,
        fulfilled_slot: u64,
        slot: u64,
    },
    /// Paid out to oracle, model owner and treasury (terminal).
    Settled { oracle: Pubkey, slot: u64 },
    /// The oracle reported a signed failure; refunded (terminal).
    Failed { oracle: Pubkey, slot: u64 },
    /// The deadline passed while open or claimed; refunded (terminal).
    Expired { slot: u64 },
    /// The arbiter upheld a challenge; refunded (terminal).
    Refunded { oracle: Pubkey, slot: u64 },
}

impl RequestStatus {
    /// Borsh size of the largest variant.
    pub const MAX_LEN: usize = 1 + 32 + 8 + 8;

    /// The oracle that holds or held the request, if any.
    pub fn oracle(&self) -> Option<Pubkey> {
        match *self {
            RequestStatus::Open | RequestStatus::Expired { .. } => None,
            RequestStatus::Claimed { oracle, .. }
            | RequestStatus::Fulfilled { oracle, .. }
            | RequestStatus::Challenged { oracle, .. }
            | RequestStatus::Settled { oracle, .. }
            | RequestStatus::Failed { oracle, .. }
            | RequestStatus::Refunded { oracle, .. } => Some(oracle),
        }
    }

    /// Whether no further transition can happen (only `close_request`).
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            RequestStatus::Settled { .. }
                | RequestStatus::Failed { .. }
                | RequestStatus::Expired { .. }
                | RequestStatus::Refunded { .. }
        )
    }
}

/// One paid inference request. For SOL payments the escrow is held as lamports in this account
/// above its rent; for SPL payments in the token account at `["vault", request]`.
///
/// Layout rule: `requester`, `model`, `nonce` and the status tag sit at fixed offsets
/// (8, 40, 72, 80) so clients can filter with `memcmp`; variable-size fields come after.
#[account]
#[derive(Debug)]
pub struct Request {
    /// Payer of the escrow and rent; receives refunds and the rent on close.
    pub requester: Pubkey,
    /// Model account to run.
    pub model: Pubkey,
    /// Requester-chosen nonce, part of the PDA seeds.
    pub nonce: u64,
    /// Lifecycle status.
    pub status: RequestStatus,
    /// Model price when the request was created; what was escrowed.
    pub price: u64,
    /// Protocol fee when the request was created, in basis points.
    pub protocol_fee_bps: u16,
    /// Model royalty when the request was created, in basis points.
    pub royalty_bps: u16,
    /// Challenge window when the request was created, in slots: the requester's terms do not
    /// move under a later config change.
    pub challenge_window_slots: u64,
    /// Payment mint; `None` means SOL.
    pub mint: Option<Pubkey>,
    /// Amount still held in escrow: the price until paid out or refunded, then zero.
    pub escrow: u64,
    /// Slot the request was created at.
    pub created_slot: u64,
    /// Last slot at which it may be claimed or fulfilled.
    pub deadline_slot: u64,
    /// SHA-256 of the input bytes.
    pub input_hash: [u8; 32],
    /// The input, inline or by URI.
    pub input: DataRef,
    /// SHA-256 of the output bytes (or of the failure reason); zero until a result is posted.
    pub output_hash: [u8; 32],
    /// The output, inline or by URI, once fulfilled.
    pub output: Option<DataRef>,
    /// Bytes reserved for an inline output.
    pub output_capacity: u32,
    /// Program the requester wants notified of the result (advisory; the oracle may call it).
    pub callback_program: Option<Pubkey>,
    /// Bump of this PDA.
    pub bump: u8,
    /// Bump of the SPL vault PDA; zero for SOL requests.
    pub vault_bump: u8,
}

impl Request {
    /// Byte offset of `model` in the account data (for `memcmp` filters).
    pub const MODEL_OFFSET: usize = 8 + 32;
    /// Byte offset of the status tag in the account data (for `memcmp` filters).
    pub const STATUS_OFFSET: usize = 8 + 32 + 32 + 8;

    /// Account size for a request with `input`, reserving `output_capacity` inline output bytes.
    pub fn space(input_stored_len: usize, output_capacity: u32) -> usize {
        let output_reserve = (output_capacity as usize).max(MAX_URI_LEN);
        8 // discriminator
            + 32 + 32 + 8 // requester, model, nonce
            + RequestStatus::MAX_LEN
            + 8 + 2 + 2 + 8 // price, fee bps, challenge window
            + 1 + 32 // mint
            + 8 + 8 + 8 // escrow, created, deadline
            + 32 + input_stored_len
            + 32 + 1 + 1 + 4 + output_reserve
            + 4 // output_capacity
            + 1 + 32 // callback_program
            + 1 + 1 // bumps
    }

    /// Signer seeds of this request PDA.
    pub fn with_signer_seeds<T>(&self, f: impl FnOnce(&[&[&[u8]]]) -> T) -> T {
        let nonce = self.nonce.to_le_bytes();
        let bump = [self.bump];
        let seeds: &[&[u8]] = &[
            crate::constants::SEED_REQUEST,
            self.requester.as_ref(),
            &nonce,
            &bump,
        ];
        f(&[seeds])
    }

    /// Escrow is the full price until a terminal state, zero after; a SOL request's account
    /// holds at least rent plus escrow.
    pub fn invariant(&self, info: &AccountInfo) -> Result<()> {
        let escrow_ok = if self.status.is_terminal() {
            self.escrow == 0
        } else {
            self.escrow == self.price
        };
        require!(escrow_ok, EscrowError::InvariantViolated);
        if self.mint.is_none() {
            let rent = Rent::get()?.minimum_balance(info.data_len());
            require!(
                (info.lamports() as u128) >= (rent as u128) + (self.escrow as u128),
                EscrowError::InvariantViolated
            );
        }
        Ok(())
    }
}
