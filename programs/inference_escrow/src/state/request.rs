use anchor_lang::prelude::*;

use super::{Callback, Config, Model, Seat, SeatState, VerificationPolicy};
use crate::{constants::MAX_URI_LEN, errors::EscrowError, payload::Payload};

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
    /// An oracle claimed it at `slot`, locking `Request::bond` of its stake; another may take
    /// over after `claim_timeout_slots`.
    Claimed { oracle: Pubkey, slot: u64 },
    /// A result was posted at `slot`; the challenge window runs from there.
    Fulfilled { oracle: Pubkey, slot: u64 },
    /// The requester challenged the result at `slot`; the arbiter decides, or the request is
    /// refunded once `arbitration_timeout_slots` have passed.
    Challenged {
        oracle: Pubkey,
        fulfilled_slot: u64,
        slot: u64,
    },
    /// Paid out (terminal): the shares were credited to the oracle, model owner and treasury.
    Settled { oracle: Pubkey, slot: u64 },
    /// The oracle reported a signed failure (terminal); the escrow is owed to the requester.
    Failed { oracle: Pubkey, slot: u64 },
    /// The deadline passed while open or claimed (terminal); the escrow is owed to the
    /// requester, and a claimer's bond was slashed.
    Expired { slot: u64 },
    /// A challenge was upheld or timed out (terminal); the escrow is owed to the requester.
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

    /// Whether an oracle holds the request with its bond locked (Claimed, Fulfilled,
    /// Challenged).
    pub fn is_held(&self) -> bool {
        matches!(
            self,
            RequestStatus::Claimed { .. }
                | RequestStatus::Fulfilled { .. }
                | RequestStatus::Challenged { .. }
        )
    }

    /// Whether no further transition can happen (only `close_request`, and `release_payout`
    /// for a settled SPL request whose vault was frozen).
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            RequestStatus::Settled { .. }
                | RequestStatus::Failed { .. }
                | RequestStatus::Expired { .. }
                | RequestStatus::Refunded { .. }
        )
    }

    /// Whether the request ended in a refund: its escrow is owed to the requester.
    pub fn is_refund(&self) -> bool {
        matches!(
            self,
            RequestStatus::Failed { .. }
                | RequestStatus::Expired { .. }
                | RequestStatus::Refunded { .. }
        )
    }
}

/// One paid inference request. For SOL payments the escrow is held as lamports in this account
/// above its rent; for SPL payments in the token account at `["vault", request]`.
///
/// Layout rule: `version`, `requester`, `model`, `nonce` and the status tag (followed by the
/// status's oracle) sit at fixed offsets (8, 9, 41, 73, 81, 82) so clients can filter with
/// `memcmp`; variable-size fields come after.
#[account]
#[derive(Debug)]
pub struct Request {
    /// Account layout version ([`crate::constants::ACCOUNT_VERSION`]).
    pub version: u8,
    /// Payer of the escrow and rent; owed refunds, and the rent on close.
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
    /// Amount held for this request (SOL: lamports above rent; SPL: in its vault): the price
    /// until it is paid out to the payees' owed balances, and after a refund until the
    /// requester collects it on close.
    pub escrow: u64,
    /// Lamports of the holder's stake locked as its claim bond; zero when no oracle holds it.
    pub bond: u64,
    /// Slot the request was created at.
    pub created_slot: u64,
    /// Last slot at which it may be claimed (with `min_fulfil_slots` to spare) or fulfilled.
    pub deadline_slot: u64,
    /// SHA-256 of the input bytes.
    pub input_hash: [u8; 32],
    /// The input, inline or by URI.
    pub input: DataRef,
    /// SHA-256 of the output bytes (or of the failure reason); zero until a result is posted.
    pub output_hash: [u8; 32],
    /// The output, inline or by URI, once fulfilled.
    pub output: Option<DataRef>,
    /// What ran the model, as its oracle signed it: SHA-256 of `runtime/version/provider`
    /// (e.g. `onnxruntime/1.31.1/cpu`); zero until a result is posted.
    pub execution_id: [u8; 32],
    /// Bytes reserved for an inline output; zero when the output must be posted by URI.
    pub output_capacity: u32,
    /// The consumer instruction `deliver_callback` calls once the request has ended, if any.
    pub callback: Option<Callback>,
    /// Whether the callback has been called (successfully; it is called at most once).
    pub callback_delivered: bool,
    /// Bump of this PDA.
    pub bump: u8,
    /// Bump of the SPL vault PDA; zero for SOL requests.
    pub vault_bump: u8,
    /// The model's verification policy when the request was created.
    pub policy: VerificationPolicy,
    /// Quorum requests: the last slot at which a committed seat may reveal (the deadline plus
    /// the config's `reveal_window_slots` at creation).
    pub reveal_deadline_slot: u64,
    /// Quorum requests: the seats, in the order they were claimed (at most `policy.replicas`).
    pub seats: Vec<Seat>,
    /// Quorum requests, once finalized with a consensus: bit `i` set when seat `i` agrees.
    pub agreed: u8,
    /// Whether the result was challenged and found right (by re-execution or the arbiter): it
    /// settles without waiting out the challenge window, and cannot be challenged again.
    pub disputed: bool,
    /// Who besides the requester may challenge the result (a keeper key, or a program's PDA
    /// for requests made by CPI).
    pub challenger: Option<Pubkey>,
}

impl Request {
    /// Byte offset of `requester` in the account data (for `memcmp` filters).
    pub const REQUESTER_OFFSET: usize = 8 + 1;
    /// Byte offset of `model` in the account data (for `memcmp` filters).
    pub const MODEL_OFFSET: usize = 8 + 1 + 32;
    /// Byte offset of the status tag in the account data (for `memcmp` filters).
    pub const STATUS_OFFSET: usize = 8 + 1 + 32 + 32 + 8;
    /// Byte offset of the status's oracle, for every status that names one.
    pub const STATUS_ORACLE_OFFSET: usize = Self::STATUS_OFFSET + 1;

    /// Account size for a request without a callback whose stored input is `input_stored_len`
    /// bytes (Borsh of its `DataRef`), reserving `output_capacity` inline output bytes, or URI
    /// space when `output_capacity` is zero, and, for a quorum request, `replicas` seats each
    /// holding up to `output_capacity` output bytes. A callback adds [`Callback::space`].
    pub fn space(input_stored_len: usize, output_capacity: u32, replicas: u8) -> usize {
        let seats = if replicas > 1 {
            replicas as usize * Seat::space(output_capacity)
        } else {
            0
        };
        let output_reserve = if output_capacity > 0 {
            output_capacity as usize
        } else {
            MAX_URI_LEN
        };
        8 // discriminator
            + 1 // version
            + 32 + 32 + 8 // requester, model, nonce
            + RequestStatus::MAX_LEN
            + 8 + 2 + 2 + 8 // price, fee bps, challenge window
            + 1 + 32 // mint
            + 8 + 8 // escrow, bond
            + 8 + 8 // created, deadline
            + 32 + input_stored_len
            + 32 + 1 + 1 + 4 + output_reserve // output hash, Option<DataRef>
            + 32 // execution id
            + 4 // output_capacity
            + 1 // callback: None (a callback adds `Callback::space`)
            + 1 // callback_delivered
            + 1 + 1 // bumps
            + VerificationPolicy::INIT_SPACE
            + 8 // reveal deadline
            + 4 + seats
            + 1 // agreed
            + 1 // disputed
            + 1 + 32 // challenger
    }

    /// Account size of a new request for `input` on `model` under `config`, with `callback`
    /// (what `create_request` allocates; its rent is locked until the requester closes the
    /// request).
    pub fn space_for(
        input: &Payload,
        callback: Option<&Callback>,
        model: &Model,
        config: &Config,
    ) -> usize {
        Self::space(
            input.stored_len(),
            model.output_capacity(config.max_output_len),
            model.policy.replicas,
        ) + callback.map_or(0, |callback| Callback::space(callback.accounts.len()))
    }

    /// The seat `oracle` holds, with its index.
    pub fn seat_of(&self, oracle: &Pubkey) -> Option<(usize, &Seat)> {
        self.seats
            .iter()
            .enumerate()
            .find(|(_, seat)| seat.oracle == *oracle)
    }

    /// Whether every seat a quorum request may have is filled and committed (or past), so
    /// reveals may start before the deadline.
    pub fn all_seats_committed(&self) -> bool {
        self.seats.len() == self.policy.replicas as usize
            && self
                .seats
                .iter()
                .all(|seat| seat.state != SeatState::Claimed)
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

    /// Escrow is the full price until the request is paid out (zero after settlement, or the
    /// full price while a frozen SPL vault defers it); a bond is locked only while an oracle
    /// holds a single-oracle request; seats only on quorum requests, at most `replicas`, none
    /// bonded once the request has ended; a SOL request's account holds at least rent plus
    /// escrow.
    pub fn invariant(&self, info: &AccountInfo) -> Result<()> {
        let escrow_ok = match self.status {
            RequestStatus::Settled { .. } => {
                self.escrow == 0 || (self.mint.is_some() && self.escrow == self.price)
            }
            _ => self.escrow == self.price,
        };
        // Quorum requests lock bonds per seat, never on the request.
        let bond_ok = self.bond == 0 || (self.status.is_held() && !self.policy.is_quorum());
        let seats_ok = self.seats.len() <= self.policy.replicas as usize
            && (self.policy.is_quorum() || self.seats.is_empty())
            && (!self.status.is_terminal() || self.seats.iter().all(|seat| !seat.is_bonded()));
        require!(
            escrow_ok && bond_ok && seats_ok,
            EscrowError::InvariantViolated
        );
        if self.mint.is_none() {
            crate::math::require_backed(info, self.escrow)?;
        }
        Ok(())
    }
}
