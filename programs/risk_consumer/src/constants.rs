//! PDA seeds and the shape of the model this vault calls.

use anchor_lang::prelude::*;

/// Seed prefix of a [`crate::state::Vault`] PDA: `["vault", authority]`.
#[constant]
pub const SEED_VAULT: &[u8] = b"vault";
/// Seed prefix of a vault's wallet: `["wallet", vault]`. A data-less, system-owned PDA that pays
/// for inference; anyone may fund it with a plain SOL transfer.
#[constant]
pub const SEED_WALLET: &[u8] = b"wallet";
/// Seed prefix of a [`crate::state::Position`] PDA: `["position", vault, borrower]`.
#[constant]
pub const SEED_POSITION: &[u8] = b"position";

/// Most features a position may carry: the vault's model takes one row of 1 to this many f32
/// (its input's last dimension, read at `init_vault`).
pub const MAX_FEATURES: usize = 16;
/// Bytes of the model output: one little-endian f32 score.
pub const SCORE_LEN: usize = 4;
