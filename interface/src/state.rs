//! The escrow's accounts a consumer reads, decoded after checking owner, discriminator and
//! layout version. Field meanings are the escrow's (docs/protocol.md, "Accounts").

use solana_account_info::AccountInfo;
use solana_pubkey::Pubkey;

use crate::{decode::Reader, InterfaceError, ACCOUNT_VERSION, ID};

/// Anchor's account discriminator of `Request` (`sha256("account:Request")[..8]`).
pub const REQUEST_DISCRIMINATOR: [u8; 8] = [125, 172, 150, 161, 162, 115, 39, 71];
/// Anchor's account discriminator of `Config`.
pub const CONFIG_DISCRIMINATOR: [u8; 8] = [155, 12, 170, 224, 30, 250, 204, 130];
/// Anchor's account discriminator of `Model`.
pub const MODEL_DISCRIMINATOR: [u8; 8] = [152, 221, 247, 122, 185, 125, 223, 151];

/// Where a request is in its lifecycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestStatus {
    /// Escrowed, waiting for an oracle.
    Open,
    /// An oracle claimed it at `slot`.
    Claimed { oracle: Pubkey, slot: u64 },
    /// A result was posted at `slot`; the challenge window runs from there.
    Fulfilled { oracle: Pubkey, slot: u64 },
    /// The result was challenged at `slot`.
    Challenged {
        oracle: Pubkey,
        fulfilled_slot: u64,
        slot: u64,
    },
    /// Paid out (terminal): the result is final.
    Settled { oracle: Pubkey, slot: u64 },
    /// The oracle reported a signed failure (terminal, refunded).
    Failed { oracle: Pubkey, slot: u64 },
    /// The deadline passed without a result (terminal, refunded).
    Expired { slot: u64 },
    /// A challenge was upheld or timed out (terminal, refunded).
    Refunded { oracle: Pubkey, slot: u64 },
}

impl RequestStatus {
    /// The variant's name, as the escrow's IDL spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Claimed { .. } => "Claimed",
            Self::Fulfilled { .. } => "Fulfilled",
            Self::Challenged { .. } => "Challenged",
            Self::Settled { .. } => "Settled",
            Self::Failed { .. } => "Failed",
            Self::Expired { .. } => "Expired",
            Self::Refunded { .. } => "Refunded",
        }
    }

    /// Whether no further transition can happen.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            Self::Settled { .. }
                | Self::Failed { .. }
                | Self::Expired { .. }
                | Self::Refunded { .. }
        )
    }

    fn read(r: &mut Reader) -> Result<Self, InterfaceError> {
        Ok(match r.u8()? {
            0 => Self::Open,
            1 => Self::Claimed {
                oracle: r.pubkey()?,
                slot: r.u64()?,
            },
            2 => Self::Fulfilled {
                oracle: r.pubkey()?,
                slot: r.u64()?,
            },
            3 => Self::Challenged {
                oracle: r.pubkey()?,
                fulfilled_slot: r.u64()?,
                slot: r.u64()?,
            },
            4 => Self::Settled {
                oracle: r.pubkey()?,
                slot: r.u64()?,
            },
            5 => Self::Failed {
                oracle: r.pubkey()?,
                slot: r.u64()?,
            },
            6 => Self::Expired { slot: r.u64()? },
            7 => Self::Refunded {
                oracle: r.pubkey()?,
                slot: r.u64()?,
            },
            _ => return Err(InterfaceError::Malformed),
        })
    }
}

/// Stored input or output: the bytes, or a URI (its SHA-256 is recorded beside it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataRef {
    /// The bytes (a little-endian tensor).
    Inline(Vec<u8>),
    /// Where the bytes are.
    Uri(String),
}

impl DataRef {
    fn read(r: &mut Reader) -> Result<Self, InterfaceError> {
        match r.u8()? {
            0 => Ok(Self::Inline(r.bytes()?)),
            1 => Ok(Self::Uri(r.string()?)),
            _ => Err(InterfaceError::Malformed),
        }
    }
}

/// One account a callback passes to its consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackAccount {
    /// The account's address.
    pub pubkey: Pubkey,
    /// Whether the consumer may write it.
    pub writable: bool,
}

/// A consumer instruction the escrow calls once the request has ended (see [`crate::callback`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Callback {
    /// Program to call.
    pub program: Pubkey,
    /// Its instruction data (an Anchor discriminator:
    /// [`crate::anchor_instruction_discriminator`]).
    pub discriminator: [u8; 8],
    /// Accounts passed after the request and the callback authority, in order (at most 8).
    pub accounts: Vec<CallbackAccount>,
}

impl Callback {
    fn read(r: &mut Reader) -> Result<Self, InterfaceError> {
        Ok(Self {
            program: r.pubkey()?,
            discriminator: r.array()?,
            accounts: r.vec(|r| {
                Ok(CallbackAccount {
                    pubkey: r.pubkey()?,
                    writable: r.bool()?,
                })
            })?,
        })
    }
}

/// Element type of a tensor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    F32,
    F64,
    F16,
    I8,
    I16,
    I32,
    I64,
    U8,
    Bool,
}

/// A tensor's element type and shape (`-1`: any size).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TensorSchema {
    /// Element type.
    pub dtype: DType,
    /// Dimensions, outermost first.
    pub shape: Vec<i32>,
}

impl DType {
    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            DType::I8 | DType::U8 | DType::Bool => 1,
            DType::F16 | DType::I16 => 2,
            DType::F32 | DType::I32 => 4,
            DType::F64 | DType::I64 => 8,
        }
    }
}

impl TensorSchema {
    /// Elements per row of the last axis; zero when it is dynamic.
    pub fn row_len(&self) -> usize {
        self.shape
            .last()
            .copied()
            .filter(|&dim| dim > 0)
            .map_or(0, |dim| dim as usize)
    }

    /// Whether the escrow accepts `len` bytes as a tensor of this schema: a positive whole
    /// number of elements that fills the static dimensions exactly (dynamic ones, `-1`, absorb
    /// the rest). The rule `create_request` applies to inline inputs.
    pub fn accepts_byte_len(&self, len: usize) -> bool {
        let size = self.dtype.size();
        if len == 0 || !len.is_multiple_of(size) {
            return false;
        }
        let elements = len / size;
        let fixed = self
            .shape
            .iter()
            .filter(|&&d| d != -1)
            .try_fold(1usize, |acc, &d| acc.checked_mul(usize::try_from(d).ok()?));
        match fixed {
            Some(fixed) if !self.shape.contains(&-1) => elements == fixed,
            Some(fixed) => elements.is_multiple_of(fixed),
            None => false,
        }
    }

    fn read(r: &mut Reader) -> Result<Self, InterfaceError> {
        use DType::*;
        let dtype = [F32, F64, F16, I8, I16, I32, I64, U8, Bool]
            .get(r.u8()? as usize)
            .copied()
            .ok_or(InterfaceError::Malformed)?;
        Ok(Self {
            dtype,
            shape: r.vec(Reader::i32)?,
        })
    }
}

/// When two outputs agree (tolerances are `f32` bit patterns).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareRule {
    Exact,
    Tolerance { abs_bits: u32, rel_bits: u32 },
    Argmax,
    Median { abs_bits: u32, rel_bits: u32 },
}

/// How many oracles run each request, how many must agree, and how outputs compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerificationPolicy {
    /// Seats per request (1: a single oracle).
    pub replicas: u8,
    /// Agreeing outputs needed.
    pub quorum: u8,
    /// When two outputs agree.
    pub compare: CompareRule,
}

impl VerificationPolicy {
    fn read(r: &mut Reader) -> Result<Self, InterfaceError> {
        let replicas = r.u8()?;
        let quorum = r.u8()?;
        let compare = match r.u8()? {
            0 => CompareRule::Exact,
            1 => CompareRule::Tolerance {
                abs_bits: r.u32()?,
                rel_bits: r.u32()?,
            },
            2 => CompareRule::Argmax,
            3 => CompareRule::Median {
                abs_bits: r.u32()?,
                rel_bits: r.u32()?,
            },
            _ => return Err(InterfaceError::Malformed),
        };
        Ok(Self {
            replicas,
            quorum,
            compare,
        })
    }
}

/// Where a quorum request's seat stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatState {
    Claimed,
    Committed,
    Revealed,
    Failed,
}

/// One oracle's seat in a quorum request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seat {
    /// The Oracle account holding it.
    pub oracle: Pubkey,
    /// Stake locked for it.
    pub bond: u64,
    /// Where it stands.
    pub state: SeatState,
    /// The oracle's commitment.
    pub commitment: [u8; 32],
    /// What ran the model.
    pub execution_id: [u8; 32],
    /// The revealed output (empty until revealed).
    pub output: Vec<u8>,
}

impl Seat {
    fn read(r: &mut Reader) -> Result<Self, InterfaceError> {
        Ok(Self {
            oracle: r.pubkey()?,
            bond: r.u64()?,
            state: match r.u8()? {
                0 => SeatState::Claimed,
                1 => SeatState::Committed,
                2 => SeatState::Revealed,
                3 => SeatState::Failed,
                _ => return Err(InterfaceError::Malformed),
            },
            commitment: r.array()?,
            execution_id: r.array()?,
            output: r.bytes()?,
        })
    }
}

/// One paid inference request (the escrow's `Request` account).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// Layout version.
    pub version: u8,
    /// Who paid; owed refunds and the rent on close.
    pub requester: Pubkey,
    /// The Model account run.
    pub model: Pubkey,
    /// The requester's nonce (part of the address).
    pub nonce: u64,
    /// Lifecycle status.
    pub status: RequestStatus,
    /// Price escrowed.
    pub price: u64,
    /// Protocol fee, basis points.
    pub protocol_fee_bps: u16,
    /// Model royalty, basis points.
    pub royalty_bps: u16,
    /// Challenge window, slots.
    pub challenge_window_slots: u64,
    /// Payment mint; `None` for SOL.
    pub mint: Option<Pubkey>,
    /// Amount held for the request.
    pub escrow: u64,
    /// The holder's claim bond.
    pub bond: u64,
    /// Slot of creation.
    pub created_slot: u64,
    /// Last slot to claim or fulfil.
    pub deadline_slot: u64,
    /// SHA-256 of the input.
    pub input_hash: [u8; 32],
    /// The input.
    pub input: DataRef,
    /// SHA-256 of the output (zero until a result is posted).
    pub output_hash: [u8; 32],
    /// The output, once posted.
    pub output: Option<DataRef>,
    /// What ran the model, as signed.
    pub execution_id: [u8; 32],
    /// Inline output bytes reserved.
    pub output_capacity: u32,
    /// The consumer instruction to call once the request has ended.
    pub callback: Option<Callback>,
    /// Whether the callback has been called.
    pub callback_delivered: bool,
    /// Bump of the request address.
    pub bump: u8,
    /// Bump of an SPL vault.
    pub vault_bump: u8,
    /// The model's policy at creation.
    pub policy: VerificationPolicy,
    /// Quorum requests: last slot to reveal.
    pub reveal_deadline_slot: u64,
    /// Quorum requests: the seats.
    pub seats: Vec<Seat>,
    /// Quorum requests: bit `i` set when seat `i` agrees.
    pub agreed: u8,
    /// Whether a challenge found the result right.
    pub disputed: bool,
    /// Who besides the requester may challenge.
    pub challenger: Option<Pubkey>,
}

/// The account's data after checking owner, discriminator and version.
fn checked_body<'a>(
    info_owner: &Pubkey,
    data: &'a [u8],
    discriminator: &[u8; 8],
) -> Result<Reader<'a>, InterfaceError> {
    if *info_owner != ID {
        return Err(InterfaceError::NotEscrowAccount);
    }
    if data.get(..8) != Some(discriminator.as_slice()) {
        return Err(InterfaceError::WrongAccountType);
    }
    let mut reader = Reader::new(&data[8..]);
    let version = reader.u8()?;
    if version != ACCOUNT_VERSION {
        return Err(InterfaceError::UnsupportedVersion(version));
    }
    Ok(reader)
}

/// `decode` applied to an account's owner and data.
fn load_with<T>(
    info: &AccountInfo,
    decode: fn(&Pubkey, &[u8]) -> Result<T, InterfaceError>,
) -> Result<T, InterfaceError> {
    let data = info
        .try_borrow_data()
        .map_err(|_| InterfaceError::Malformed)?;
    decode(info.owner, &data)
}

impl Request {
    /// Reads a Request account: refused unless owned by inference_escrow
    /// (`NotEscrowAccount`), a Request (`WrongAccountType`) of this layout version
    /// (`UnsupportedVersion`) that decodes (`Malformed`).
    pub fn load(info: &AccountInfo) -> Result<Self, InterfaceError> {
        load_with(info, Self::decode)
    }

    /// [`Request::load`] from an account's owner and data (as an RPC client reads them).
    pub fn decode(owner: &Pubkey, data: &[u8]) -> Result<Self, InterfaceError> {
        let mut r = checked_body(owner, data, &REQUEST_DISCRIMINATOR)?;
        Ok(Self {
            version: ACCOUNT_VERSION,
            requester: r.pubkey()?,
            model: r.pubkey()?,
            nonce: r.u64()?,
            status: RequestStatus::read(&mut r)?,
            price: r.u64()?,
            protocol_fee_bps: r.u16()?,
            royalty_bps: r.u16()?,
            challenge_window_slots: r.u64()?,
            mint: r.option(Reader::pubkey)?,
            escrow: r.u64()?,
            bond: r.u64()?,
            created_slot: r.u64()?,
            deadline_slot: r.u64()?,
            input_hash: r.array()?,
            input: DataRef::read(&mut r)?,
            output_hash: r.array()?,
            output: r.option(DataRef::read)?,
            execution_id: r.array()?,
            output_capacity: r.u32()?,
            callback: r.option(Callback::read)?,
            callback_delivered: r.bool()?,
            bump: r.u8()?,
            vault_bump: r.u8()?,
            policy: VerificationPolicy::read(&mut r)?,
            reveal_deadline_slot: r.u64()?,
            seats: r.vec(Seat::read)?,
            agreed: r.u8()?,
            disputed: r.bool()?,
            challenger: r.option(Reader::pubkey)?,
        })
    }
}

/// A registered model (the escrow's `Model` account).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    /// Layout version.
    pub version: u8,
    /// Who registered it; paid the royalty.
    pub owner: Pubkey,
    /// The owner's id for it (part of the address).
    pub model_id: [u8; 32],
    /// SHA-256 of the ONNX file oracles must run.
    pub onnx_sha256: [u8; 32],
    /// Input tensor.
    pub input_schema: TensorSchema,
    /// Output tensor.
    pub output_schema: TensorSchema,
    /// Longest output, bytes.
    pub max_output_len: u32,
    /// Oracles per request and agreement.
    pub policy: VerificationPolicy,
    /// Price per request.
    pub price: u64,
    /// Payment mint; `None` for SOL.
    pub mint: Option<Pubkey>,
    /// Owner's royalty, basis points.
    pub royalty_bps: u16,
    /// Where the ONNX file is.
    pub uri: String,
    /// Whether it takes requests.
    pub active: bool,
}

impl Model {
    /// Reads a Model account, with the checks of [`Request::load`].
    pub fn load(info: &AccountInfo) -> Result<Self, InterfaceError> {
        load_with(info, Self::decode)
    }

    /// [`Model::load`] from an account's owner and data.
    pub fn decode(owner: &Pubkey, data: &[u8]) -> Result<Self, InterfaceError> {
        let mut r = checked_body(owner, data, &MODEL_DISCRIMINATOR)?;
        Ok(Self {
            version: ACCOUNT_VERSION,
            owner: r.pubkey()?,
            model_id: r.array()?,
            onnx_sha256: r.array()?,
            input_schema: TensorSchema::read(&mut r)?,
            output_schema: TensorSchema::read(&mut r)?,
            max_output_len: r.u32()?,
            policy: VerificationPolicy::read(&mut r)?,
            price: r.u64()?,
            mint: r.option(Reader::pubkey)?,
            royalty_bps: r.u16()?,
            uri: r.string()?,
            active: r.bool()?,
        })
    }
}

/// The escrow's protocol parameters (its singleton `Config` account, [`crate::CONFIG`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Layout version.
    pub version: u8,
    /// May pause the protocol and resolve challenges.
    pub admin: Pubkey,
    /// Receives protocol fees.
    pub treasury: Pubkey,
    /// Protocol fee on new requests, basis points.
    pub protocol_fee_bps: u16,
    /// Least stake an oracle needs.
    pub min_oracle_stake: u64,
    /// Least claim bond.
    pub min_claim_bond: u64,
    /// Claim bond as basis points of the price.
    pub claim_bond_bps: u16,
    /// Slots before a claim may be taken over.
    pub claim_timeout_slots: u64,
    /// Challenge window of new requests, slots.
    pub challenge_window_slots: u64,
    /// Slots an oracle waits to withdraw.
    pub unbonding_slots: u64,
    /// Slots the arbiter has to decide.
    pub arbitration_timeout_slots: u64,
    /// Slots an oracle must have left to claim.
    pub min_fulfil_slots: u64,
    /// Slots quorum seats have to reveal.
    pub reveal_window_slots: u64,
    /// What a challenge posts.
    pub challenge_bond: u64,
    /// Seats of a dispute round.
    pub dispute_replicas: u8,
    /// Slots a dispute round runs.
    pub dispute_window_slots: u64,
    /// Shortest request time-to-live.
    pub min_request_ttl_slots: u64,
    /// Longest request time-to-live.
    pub max_request_ttl_slots: u64,
    /// Longest inline input.
    pub max_input_len: u32,
    /// Longest inline output.
    pub max_output_len: u32,
    /// Slashed bonds held for the treasury.
    pub slashed_owed: u64,
    /// Whether new requests and claims are refused.
    pub paused: bool,
}

impl Config {
    /// Reads the Config account, with the checks of [`Request::load`].
    pub fn load(info: &AccountInfo) -> Result<Self, InterfaceError> {
        load_with(info, Self::decode)
    }

    /// [`Config::load`] from an account's owner and data.
    pub fn decode(owner: &Pubkey, data: &[u8]) -> Result<Self, InterfaceError> {
        let mut r = checked_body(owner, data, &CONFIG_DISCRIMINATOR)?;
        Ok(Self {
            version: ACCOUNT_VERSION,
            admin: r.pubkey()?,
            treasury: r.pubkey()?,
            protocol_fee_bps: r.u16()?,
            min_oracle_stake: r.u64()?,
            min_claim_bond: r.u64()?,
            claim_bond_bps: r.u16()?,
            claim_timeout_slots: r.u64()?,
            challenge_window_slots: r.u64()?,
            unbonding_slots: r.u64()?,
            arbitration_timeout_slots: r.u64()?,
            min_fulfil_slots: r.u64()?,
            reveal_window_slots: r.u64()?,
            challenge_bond: r.u64()?,
            dispute_replicas: r.u8()?,
            dispute_window_slots: r.u64()?,
            min_request_ttl_slots: r.u64()?,
            max_request_ttl_slots: r.u64()?,
            max_input_len: r.u32()?,
            max_output_len: r.u32()?,
            slashed_owed: r.u64()?,
            paused: r.bool()?,
        })
    }
}
