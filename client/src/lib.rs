//! Rust client for the `inference_escrow` program.
//!
//! - [`pda`]: every program address, derived the way the program checks it.
//! - [`ix`]: one builder per instruction; accounts are derived from the few keys a caller knows.
//! - [`seats`]: builders for quorum seats and dispute rounds (commit, reveal, finalize, settle).
//! - [`attestation`]: the signed result message and its Ed25519 precompile instruction.
//! - [`decode`]: reading program accounts from raw account data.
//! - [`cost`]: the rent a request locks, shown to a requester before it pays.
//!
//! The oracle, the CLI, the demo and the tests all build instructions here, so no instruction is
//! assembled by hand twice.

pub mod attestation;
pub mod decode;
pub mod ix;
pub mod pda;
pub mod seats;

pub mod cost;

pub use inference_escrow::{
    self as program,
    attestation::{ResultAttestation, ResultStatus},
    errors::EscrowError,
    instructions::{
        ClaimRequestArgs, CommitSeatArgs, CreateRequestArgs, FailRequestArgs, FulfillRequestArgs,
        RegisterModelArgs, RevealSeatArgs, UpdateConfigArgs, UpdateModelArgs,
    },
    payload::Payload,
    state::{
        Callback, CallbackAccount, CompareRule, Config, ConfigParams, DType, DataRef, Dispute,
        DisputeStatus, Earnings, Model, Oracle, OracleStatus, Request, RequestStatus, Seat,
        SeatState, TensorSchema, VerificationPolicy,
    },
    ID as PROGRAM_ID,
};
