//! Test harness: `inference_escrow` compiled for the host and registered as a builtin in a
//! `solana-program-test` bank (the real runtime, system program, SPL Token, Token-2022 and ATA
//! programs), plus helpers that build every instruction through `inference-escrow-client`.
//!
//! Every transaction is paid by the bank's own payer, never by a protocol party, so the
//! lamport balances of requesters, oracles, owners and the treasury move only by what the
//! program moves (and by rent the party itself pays for accounts it creates).

// A test harness: a failed setup step should panic with its reason, as a test would.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod bridge;
pub mod env;
pub mod errors;
pub mod fixtures;
pub mod quorum;
pub mod world;

pub use env::Env;
pub use errors::{assert_anchor_error, assert_escrow_error};
pub use fixtures::*;
pub use world::{sol_world, SolWorld};

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};

/// Replaces every account meta `from` with `to` (keeping its signer and writable flags), to
/// hand the program an account other than the one the client derived.
pub fn swap_account(mut ix: Instruction, from: &Pubkey, to: &Pubkey) -> Instruction {
    let mut found = false;
    for meta in ix.accounts.iter_mut().filter(|meta| meta.pubkey == *from) {
        meta.pubkey = *to;
        found = true;
    }
    assert!(found, "{from} is not an account of the instruction");
    ix
}

/// Decodes `data` (an event payload from [`Env::send_with_events`]) as event `T`, or `None`
/// when it is another event.
pub fn decode_event<T: anchor_lang::Event>(data: &[u8]) -> Option<T> {
    let body = data.strip_prefix(T::DISCRIMINATOR)?;
    T::deserialize(&mut &body[..]).ok()
}
