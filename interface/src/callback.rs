//! Callbacks: a request may name a consumer instruction that anyone (a crank, the oracle) has
//! the escrow call, once, after the request has ended (`deliver_callback`).
//!
//! The call's accounts are: the request (read-only), the request's callback authority
//! `["callback", request]` as a signer, then the accounts the callback names, in order; its data
//! is the callback's discriminator. Only the escrow can sign for that authority, and it does so
//! only to deliver that request's callback to the program the request names. A program that
//! receives the signature could pass it on to another program in a CPI of its own, which is why
//! [`verify_callback`] checks the authority against the request given *and* that the request
//! names the calling program. The request's requester, model and address are still the
//! consumer's to check: anyone may create a request naming any program as its callback.

use solana_account_info::AccountInfo;
use solana_pubkey::Pubkey;

use crate::{CallbackAccount, InterfaceError, Request, ID};

/// Seed prefix of a request's callback authority: `["callback", request]`.
pub const SEED_CALLBACK: &[u8] = b"callback";

/// The PDA that signs `request`'s callback call.
pub fn callback_authority(request: &Pubkey) -> Pubkey {
    Pubkey::find_program_address(&[SEED_CALLBACK, request.as_ref()], &ID).0
}

/// In a callback instruction of `program_id`: the request, once proven to be one whose callback
/// the escrow is delivering to this program. Refused unless `authority` is the request's
/// callback authority and signed (`NotFromEscrow`), the request reads as [`Request::load`]
/// requires, it names `program_id` as its callback program (`CallbackMismatch`) and it has
/// ended (`NotReady`).
pub fn verify_callback(
    program_id: &Pubkey,
    request: &AccountInfo,
    authority: &AccountInfo,
) -> Result<Request, InterfaceError> {
    if !authority.is_signer || *authority.key != callback_authority(request.key) {
        return Err(InterfaceError::NotFromEscrow);
    }
    let state = Request::load(request)?;
    if state.callback.as_ref().map(|callback| callback.program) != Some(*program_id) {
        return Err(InterfaceError::CallbackMismatch);
    }
    if !state.status.is_terminal() {
        return Err(InterfaceError::NotReady(state.status));
    }
    Ok(state)
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
