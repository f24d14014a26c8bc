//! PDA seeds, protocol-wide limits and the documented range of every config parameter.

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
/// Seed prefix of an SPL model's fee vault (a token account owned by the model) holding the
/// royalty, protocol fees and oracle shares owed: `["fee_vault", model]`.
#[constant]
pub const SEED_FEE_VAULT: &[u8] = b"fee_vault";
/// Seed prefix of an [`crate::state::Earnings`] PDA (an oracle's SPL shares of one model):
/// `["earnings", model, oracle]`.
#[constant]
pub const SEED_EARNINGS: &[u8] = b"earnings";

/// Seed of a request's dispute: `["dispute", request]`.
pub const SEED_DISPUTE: &[u8] = b"dispute";

/// Seed prefix of the PDA that signs a request's callback call: `["callback", request]`. It has no
/// authority anywhere in this program; a consumer that sees the one of request R sign knows the
/// escrow is delivering R's callback (and only R's: the signature cannot stand for another).
#[constant]
pub const SEED_CALLBACK: &[u8] = b"callback";
/// Most accounts a request's callback may pass to its consumer.
#[constant]
pub const MAX_CALLBACK_ACCOUNTS: u8 = 8;

/// Layout version written into every account this program creates (first byte after the
/// discriminator). 3: the Request's `callback` and `callback_delivered` (v2 had an advisory
/// `callback_program`).
pub const ACCOUNT_VERSION: u8 = 3;

/// Basis points in one whole.
pub const BPS_DENOMINATOR: u16 = 10_000;
/// Longest URI (model file, request input or result output) the program stores.
pub const MAX_URI_LEN: usize = 200;
/// Most dimensions a tensor schema may have.
pub const MAX_TENSOR_RANK: usize = 8;
/// A schema dimension of this value accepts any size (ONNX's dynamic dimension).
pub const DYNAMIC_DIM: i32 = -1;
/// Hard cap on `Config::max_input_len`. A `create_request` transaction (1,232 bytes) cannot carry
/// more beside its accounts and signature; larger inputs go by URI.
pub const MAX_INLINE_INPUT_CAP: u32 = 768;
/// Hard cap on `Config::max_output_len`: the largest inline output that fits in one fulfilment
/// transaction signed and paid by the oracle's authority, beside the Ed25519 instruction
/// (signature, key and the 233-byte message), a compute-budget price and limit and the nine
/// account keys (the client's tests build that transaction and check its size). A separate fee
/// payer costs another 96 bytes (signature and key). Larger outputs go by URI with their hash.
pub const MAX_INLINE_OUTPUT_CAP: u32 = 384;
/// Most seats (oracles) a request may have: a model's `replicas`, and a dispute round's.
pub const MAX_REPLICAS: u8 = 7;
/// Longest failure reason an oracle may attach to `fail_request`.
pub const MAX_FAIL_REASON_LEN: usize = 128;
/// Domain separator that opens every signed result message (v2 layout).
pub const RESULT_DOMAIN: &[u8; 8] = b"IESCROW2";
/// Length of the signed result message: domain, seven 32-byte fields and the status byte.
pub const RESULT_MESSAGE_LEN: usize = 8 + 32 * 7 + 1;

// ---- documented ranges of the config's slot windows (400 ms slots) ---------------------------

/// Longest `claim_timeout_slots`: about a day.
pub const MAX_CLAIM_TIMEOUT_SLOTS: u64 = 216_000;
/// Longest `challenge_window_slots`: about a week.
pub const MAX_CHALLENGE_WINDOW_SLOTS: u64 = 1_512_000;
/// Longest `unbonding_slots`: about thirty days.
pub const MAX_UNBONDING_SLOTS: u64 = 6_480_000;
/// Longest `arbitration_timeout_slots`: about a week.
pub const MAX_ARBITRATION_TIMEOUT_SLOTS: u64 = 1_512_000;
/// Longest `max_request_ttl_slots` (and so any request's time-to-live): about a week.
pub const MAX_REQUEST_TTL_CAP_SLOTS: u64 = 1_512_000;
/// Longest `min_fulfil_slots`: about a day.
pub const MAX_MIN_FULFIL_SLOTS: u64 = 216_000;
/// Longest `reveal_window_slots`: about a day.
pub const MAX_REVEAL_WINDOW_SLOTS: u64 = 216_000;
/// Upper bound of `dispute_window_slots` (two days of 400 ms slots); above `min_fulfil_slots`.
pub const MAX_DISPUTE_WINDOW_SLOTS: u64 = 432_000;
