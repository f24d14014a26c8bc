//! Callbacks: a request may name a consumer instruction that anyone (a crank, the oracle) has
//! the escrow call, once, after the request has ended (`deliver_callback`).
//!
//! The call's accounts are: the request (read-only), the escrow's callback authority
//! [`CALLBACK_AUTHORITY`] as a signer, then the accounts the callback names, in order; its data
//! is the callback's discriminator. Only the escrow can sign for the authority, and it does so
//! only for the request it passes first, so [`verify_callback`] proves both. The request's
//! requester, model and address are still the consumer's to check: anyone may create a request
//! naming any program as its callback.

use solana_account_info::AccountInfo;
use solana_pubkey::{pubkey, Pubkey};

use crate::{CallbackAccount, InterfaceError, Request};

/// Seed of the escrow's callback authority: `["callback"]`.
pub const SEED_CALLBACK: &[u8] = b"callback";
/// The PDA that signs every callback call.
pub const CALLBACK_AUTHORITY: Pubkey = pubkey!("5tgXPQXEb387kiGpUZTonXeU63v3LT6HodTB8PSodvbo");

/// In a callback instruction: checks that `authority` is [`CALLBACK_AUTHORITY`] and signed
/// (`NotFromEscrow`), then reads `request` as [`Request::load`] does.
pub fn verify_callback(
    request: &AccountInfo,
    authority: &AccountInfo,
) -> Result<Request, InterfaceError> {
    if *authority.key != CALLBACK_AUTHORITY || !authority.is_signer {
        return Err(InterfaceError::NotFromEscrow);
    }
    Request::load(request)
}

impl CallbackAccount {
    /// An account the consumer reads.
    pub fn readonly(pubkey: Pubkey) -> Self {
        Self {
            pubkey,
            writable: false,
        }
    }

    /// An account the consumer writes.
    pub fn writable(pubkey: Pubkey) -> Self {
        Self {
            pubkey,
            writable: true,
        }
    }
}
