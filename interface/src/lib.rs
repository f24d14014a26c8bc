//! # inference-escrow-interface
//!
//! What a Solana program needs to buy inference from `inference_escrow` by CPI and to trust
//! the result, without depending on the escrow's crate or on a particular anchor-lang:
//!
//! - [`state`]: the accounts a consumer reads (`Request`, `Model`), decoded from their bytes
//!   after checking owner, discriminator and layout version ([`ACCOUNT_VERSION`]);
//! - [`Request::result`] and [`Request::result_f32`]: checked readers ("this request, of this
//!   model, paid by me, settled, its output matching its hash, as `f32[N]`");
//! - [`instruction`] and [`cpi`]: `create_request` and `close_request`
//!   builders and their `invoke_signed` wrappers;
//! - [`callback`]: proof that the escrow is delivering a request's callback to this program.
//!
//! See README.md. Types are Solana 3.x's (`solana-pubkey`, `solana-account-info`, `solana-instruction`), the
//! same that anchor-lang 1.x (with its default `solana-v3`) re-exports, so an Anchor program
//! passes its `AccountInfo`s and `Pubkey`s straight in. `programs/risk_consumer` is a complete
//! consumer built on this crate.

pub mod callback;
pub mod cost;
pub mod cpi;
mod decode;
mod error;
pub mod instruction;
mod result;
pub mod state;

pub use callback::{callback_authority, verify_callback};
pub use error::InterfaceError;
pub use result::Accept;
pub use state::{
    Callback, CallbackAccount, CompareRule, Config, DType, DataRef, Model, Request, RequestStatus,
    Seat, SeatState, TensorSchema, VerificationPolicy,
};

use solana_pubkey::pubkey;
pub use solana_pubkey::Pubkey;

/// inference_escrow's program id.
pub const ID: Pubkey = pubkey!("2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ");
/// The account layout version this crate reads; accounts of another version are refused
/// ([`InterfaceError::UnsupportedVersion`]).
pub const ACCOUNT_VERSION: u8 = 3;
/// The escrow's config: `["config"]`.
pub const CONFIG: Pubkey = pubkey!("Egi7Vc2J6Qa2y9gCijJWqZN5wEZUJiofaBknv36cKhuv");
/// The escrow's `#[event_cpi]` authority: `["__event_authority"]`.
pub const EVENT_AUTHORITY: Pubkey = pubkey!("ADj3MHABef5c1foTQJuq6WCf8hhzzQaARD47xBN73R9g");

/// Seed prefix of a request: `["request", requester, nonce (u64 little-endian)]`.
pub const SEED_REQUEST: &[u8] = b"request";

/// The request `requester` creates with `nonce`, and its bump.
pub fn request_address(requester: &Pubkey, nonce: u64) -> (Pubkey, u8) {
    Pubkey::find_program_address(
        &[SEED_REQUEST, requester.as_ref(), &nonce.to_le_bytes()],
        &ID,
    )
}

/// SHA-256 (a syscall on-chain), as the escrow hashes inputs and outputs.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    solana_sha256_hasher::hash(bytes).to_bytes()
}

/// Anchor's 8-byte discriminator of instruction `name` (`sha256("global:" + name)`), for a
/// [`Callback`] naming an Anchor instruction of the consumer.
pub fn anchor_instruction_discriminator(name: &str) -> [u8; 8] {
    let hash = solana_sha256_hasher::hashv(&[b"global:", name.as_bytes()]).to_bytes();
    let mut discriminator = [0; 8];
    discriminator.copy_from_slice(&hash[..8]);
    discriminator
}
