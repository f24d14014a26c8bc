//! PDA seeds and protocol-wide limits.

use anchor_lang::prelude::*;

/// Seed of the singleton [`crate::state::Config`] PDA: `["config"]`.
#[constant]
pub const SEED_CONFIG: &[u8] = b"config";
/// Seed prefix of a [`crate::state::Model`] PDA: `["model", owner, model_id]`.
#[constant]
pub const SEED_MODEL: &[u8] = b"model";
/// Seed prefix of an [`crate::state::Oracle`] PDA: `["oracle", authority]`.
#[constant]
pub const SEED_ORACLE: &[u8] = b"oracle";
/// Seed prefix of a [`crate::state::Request`] PDA: `["request", requester, nonce (u64 le)]`.
#[constant]
pub const SEED_REQUEST: &[u8] = b"request";
/// Seed prefix of an SPL escrow vault (a token account owned by the request): `["vault", request]`.
#[constant]
pub const SEED_VAULT: &[u8] = b"vault";

/// Basis points in one whole.
pub const BPS_DENOMINATOR: u16 = 10_000;
/// Longest URI (model file, request input or result output) the program stores.
pub const MAX_URI_LEN: usize = 200;
/// Most dimensions a tensor schema may have.
pub const MAX_TENSOR_RANK: usize = 8;
/// A schema dimension of this value accepts any size (ONNX's dynamic dimension).
pub const DYNAMIC_DIM: i32 = -1;
/// Hard cap on `Config::max_input_len` and `Config::max_output_len`: inline data travels inside
/// one transaction (1,232 bytes), so larger payloads must go by URI.
pub const MAX_INLINE_DATA_CAP: u32 = 1_024;
/// Longest failure reason an oracle may attach to `fail_request`.
pub const MAX_FAIL_REASON_LEN: usize = 128;
/// Domain separator that opens every signed result message.
pub const RESULT_DOMAIN: &[u8; 8] = b"IESCROW1";
/// Length of the signed result message: domain, five 32-byte fields and the status byte.
pub const RESULT_MESSAGE_LEN: usize = 8 + 32 * 5 + 1;
