use anchor_lang::prelude::*;

use super::TensorSchema;
use crate::{
    constants::{BPS_DENOMINATOR, MAX_URI_LEN},
    errors::EscrowError,
};

/// A registered ONNX model: what it computes, what it costs, who earns its royalty.
#[account]
#[derive(InitSpace, Debug)]
pub struct Model {
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
    /// Requests settled (paid) for this model. Nothing about the model is written when a request
    /// is created, so requests never contend for the model account.
    pub requests_settled: u64,
    /// Royalties earned by the owner across settled requests, in the model's payment unit.
    pub royalties_earned: u64,
    /// Bump of this PDA.
    pub bump: u8,
}

impl Model {
    /// Bytes a new request reserves for an inline output: the exact size of a static output
    /// schema, else the config limit (larger outputs must be posted by URI).
    pub fn output_capacity(&self, max_output_len: u32) -> u32 {
        match self.output_schema.static_byte_len() {
            Some(len) => (len.min(max_output_len as usize)) as u32,
            None => max_output_len,
        }
    }

    /// Field bounds hold.
    pub fn invariant(&self) -> Result<()> {
        let ok = self.royalty_bps <= BPS_DENOMINATOR
            && self.price > 0
            && !self.uri.is_empty()
            && self.uri.len() <= MAX_URI_LEN
            && self.input_schema.validate().is_ok()
            && self.output_schema.validate().is_ok();
        require!(ok, EscrowError::InvariantViolated);
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
