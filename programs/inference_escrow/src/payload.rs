//! Input and output data as instruction arguments.

use anchor_lang::prelude::*;

use crate::{
    attestation::sha256,
    state::{validate_uri, DataRef},
};

/// Data passed to the program: inline bytes (hashed on-chain) or a URI with the SHA-256 of the
/// bytes it serves.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub enum Payload {
    /// The bytes themselves.
    Inline(Vec<u8>),
    /// Where the bytes are, and their SHA-256.
    Uri { uri: String, sha256: [u8; 32] },
}

impl Payload {
    /// What the account stores for this payload.
    pub fn data_ref(&self) -> DataRef {
        match self {
            Payload::Inline(bytes) => DataRef::Inline(bytes.clone()),
            Payload::Uri { uri, .. } => DataRef::Uri(uri.clone()),
        }
    }

    /// Borsh size of [`Payload::data_ref`], without building it.
    pub fn stored_len(&self) -> usize {
        1 + 4
            + match self {
                Payload::Inline(bytes) => bytes.len(),
                Payload::Uri { uri, .. } => uri.len(),
            }
    }

    /// SHA-256 of the bytes: computed for inline data, as declared for a URI.
    pub fn sha256(&self) -> [u8; 32] {
        match self {
            Payload::Inline(bytes) => sha256(bytes),
            Payload::Uri { sha256, .. } => *sha256,
        }
    }

    /// Checks the URI form; inline data is checked against a schema by the caller.
    pub fn validate_uri(&self) -> Result<()> {
        match self {
            Payload::Inline(_) => Ok(()),
            Payload::Uri { uri, .. } => validate_uri(uri),
        }
    }
}
