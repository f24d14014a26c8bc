use anchor_lang::prelude::*;

use super::{TensorSchema, VerificationPolicy};
use crate::{
    constants::{BPS_DENOMINATOR, MAX_URI_LEN},
    errors::EscrowError,
};

/// A registered ONNX model: what it computes, what it costs, who earns its royalty, and the
/// royalty and protocol fees owed from its settled requests.
///
/// Owed amounts are in the model's payment unit. For a SOL model they are lamports held in this
/// account above its rent; for an SPL model, tokens held in its fee vault `["fee_vault", model]`
/// (which also holds the oracles' shares, `oracle_fees_owed`, itemized in their
/// [`super::Earnings`] accounts).
#[account]
#[derive(InitSpace, Debug)]
pub struct Model {
    /// Account layout version ([`crate::constants::ACCOUNT_VERSION`]).
    pub version: u8,
    /// Registrant; the only signer allowed to update it, and the royalty payee.
    pub owner: Pubkey,
    /// Owner-chosen identifier, part of the PDA seeds.
    pub model_id: [u8; 32],
    /// SHA-256 of the ONNX file; oracles refuse to serve a file that hashes otherwise.
    pub onnx_sha256: [u8; 32],
    /// Schema the request input must match.
    pub input_schema: TensorSchema,
    /// Schema the result output must match.
    pub output_schema: TensorSchema,
    /// Largest output in bytes: exact for a static output schema, declared at registration for
    /// a dynamic one. Requests reserve this much inline space when it fits the config's inline
    /// limit, and only URI space otherwise.
    pub max_output_len: u32,
    /// How many oracles run each request, and when their outputs agree (fixed at registration).
    pub policy: VerificationPolicy,
    /// Price of one inference, in lamports or in base units of `mint`.
    pub price: u64,
    /// Payment mint; `None` means SOL.
    pub mint: Option<Pubkey>,
    /// Share of each settled price paid to the owner, in basis points.
    pub royalty_bps: u16,
    /// Where the ONNX file can be fetched.
    #[max_len(MAX_URI_LEN)]
    pub uri: String,
    /// Only active models accept new requests.
    pub active: bool,
    /// Royalty owed to the owner, not yet collected.
    pub royalty_owed: u64,
    /// Protocol fees owed to the treasury, not yet collected.
    pub protocol_fee_owed: u64,
    /// SPL models: oracles' shares held in the fee vault, not yet collected (the sum of their
    /// `Earnings::owed`). Always zero for SOL models, whose oracle shares sit in the oracles'
    /// own accounts.
    pub oracle_fees_owed: u64,
    /// Requests settled (paid) for this model. Nothing about the model is written when a request
    /// is created, so requests never contend for the model account.
    pub requests_settled: u64,
    /// Royalties earned across settled requests (a statistic; saturates rather than fail).
    pub royalties_earned: u64,
    /// Bump of this PDA.
    pub bump: u8,
    /// Bump of the fee vault PDA; zero for SOL models.
    pub fee_vault_bump: u8,
}

impl Model {
    /// Signer seeds of this model PDA (the fee vault's authority).
    pub fn with_signer_seeds<T>(&self, f: impl FnOnce(&[&[&[u8]]]) -> T) -> T {
        let bump = [self.bump];
        let seeds: &[&[u8]] = &[
            crate::constants::SEED_MODEL,
            self.owner.as_ref(),
            &self.model_id,
            &bump,
        ];
        f(&[seeds])
    }

    /// Bytes a new request reserves for an inline output under an inline limit of
    /// `max_inline`: the model's `max_output_len` when it fits, else zero (outputs by URI).
    pub fn output_capacity(&self, max_inline: u32) -> u32 {
        if self.max_output_len <= max_inline {
            self.max_output_len
        } else {
            0
        }
    }

    /// The SOL (or token) owed from this account: royalty, protocol fee and oracle shares.
    pub fn total_owed(&self) -> Result<u64> {
        let sum = (self.royalty_owed as u128)
            + (self.protocol_fee_owed as u128)
            + (self.oracle_fees_owed as u128);
        u64::try_from(sum).map_err(|_| error!(EscrowError::MathOverflow))
    }

    /// Field bounds hold; a SOL model's account holds its rent plus what it owes.
    pub fn invariant(&self, info: &AccountInfo) -> Result<()> {
        let ok = self.royalty_bps <= BPS_DENOMINATOR
            && self.price > 0
            && !self.uri.is_empty()
            && self.uri.len() <= MAX_URI_LEN
            && self.input_schema.validate().is_ok()
            && self.output_schema.validate().is_ok()
            && self.max_output_len > 0
            && (self.mint.is_some() || self.oracle_fees_owed == 0);
        require!(ok, EscrowError::InvariantViolated);
        if self.mint.is_none() {
            crate::math::require_backed(info, self.total_owed()?)?;
        }
        Ok(())
    }
}

/// Rejects an empty URI or one longer than [`MAX_URI_LEN`].
pub fn validate_uri(uri: &str) -> Result<()> {
    require!(
        !uri.is_empty() && uri.len() <= MAX_URI_LEN,
        EscrowError::InvalidUri
    );
    Ok(())
}
