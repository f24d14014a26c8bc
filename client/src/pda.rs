//! Program-derived addresses, with the seeds of `inference_escrow::constants`.

use anchor_lang::prelude::Pubkey;
use inference_escrow::constants::{
    SEED_CALLBACK, SEED_CONFIG, SEED_DISPUTE, SEED_EARNINGS, SEED_FEE_VAULT, SEED_MODEL,
    SEED_ORACLE, SEED_REQUEST, SEED_VAULT,
};

/// Seed of the event authority that `#[event_cpi]` instructions sign their self-CPI with.
const SEED_EVENT_AUTHORITY: &[u8] = b"__event_authority";

fn find(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &inference_escrow::ID).0
}

/// The singleton config: `["config"]`.
pub fn config() -> Pubkey {
    find(&[SEED_CONFIG])
}

/// A model: `["model", owner, model_id]`.
pub fn model(owner: &Pubkey, model_id: &[u8; 32]) -> Pubkey {
    find(&[SEED_MODEL, owner.as_ref(), model_id])
}

/// An oracle: `["oracle", authority]`.
pub fn oracle(authority: &Pubkey) -> Pubkey {
    find(&[SEED_ORACLE, authority.as_ref()])
}

/// The PDA that signs `request`'s callback call: `["callback", request]`.
pub fn callback_authority(request: &Pubkey) -> Pubkey {
    find(&[SEED_CALLBACK, request.as_ref()])
}

/// A request: `["request", requester, nonce (u64 le)]`.
pub fn request(requester: &Pubkey, nonce: u64) -> Pubkey {
    find(&[SEED_REQUEST, requester.as_ref(), &nonce.to_le_bytes()])
}

/// The SPL escrow vault of a request: `["vault", request]`.
pub fn vault(request: &Pubkey) -> Pubkey {
    find(&[SEED_VAULT, request.as_ref()])
}

/// The fee vault of an SPL model: `["fee_vault", model]`.
pub fn fee_vault(model: &Pubkey) -> Pubkey {
    find(&[SEED_FEE_VAULT, model.as_ref()])
}

/// An oracle's earnings for an SPL model: `["earnings", model, oracle]` (`oracle` is the Oracle
/// account, not its authority).
pub fn earnings(model: &Pubkey, oracle: &Pubkey) -> Pubkey {
    find(&[SEED_EARNINGS, model.as_ref(), oracle.as_ref()])
}

/// The authority of the program's self-CPI events.
pub fn event_authority() -> Pubkey {
    find(&[SEED_EVENT_AUTHORITY])
}

/// The associated token account of `owner` for `mint` under `token_program`.
pub fn token_account(owner: &Pubkey, mint: &Pubkey, token_program: &Pubkey) -> Pubkey {
    anchor_spl::associated_token::get_associated_token_address_with_program_id(
        owner,
        mint,
        token_program,
    )
}

/// A request's dispute: `["dispute", request]`.
pub fn dispute(request: &Pubkey) -> Pubkey {
    find(&[SEED_DISPUTE, request.as_ref()])
}
