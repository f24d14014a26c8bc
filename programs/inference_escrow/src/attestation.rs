//! The signed result message and its verification through the Ed25519 precompile.
//!
//! The oracle signs, with its attestation key,
//! `"IESCROW2" || program_id || oracle || request || onnx_sha256 || input_hash || output_hash ||
//! execution_id || status_byte`, where `oracle` is its Oracle account: a signature made for one
//! oracle's claim cannot fulfil another's, even when two oracles share an attestation key. The
//! program never verifies a signature itself: the runtime's Ed25519 precompile does, for the
//! instruction placed just before ours. This module checks that the precompile verified exactly
//! the right key and message:
//! - the previous instruction targets the Ed25519 program and verifies exactly one signature;
//! - every `*_instruction_index` is `u16::MAX`, so the signature, key and message the precompile
//!   verified are the bytes of that same instruction (an index pointing elsewhere would let a
//!   forger make the precompile check one thing while we read another);
//! - the key equals the oracle's attestation key, and the message equals the one rebuilt here
//!   from the accounts, byte for byte.

use anchor_lang::prelude::*;
use solana_instructions_sysvar::{load_current_index_checked, load_instruction_at_checked};

use crate::{
    constants::{RESULT_DOMAIN, RESULT_MESSAGE_LEN},
    errors::EscrowError,
};

/// The outcome a result message attests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ResultStatus {
    /// The model ran and produced the output whose hash is signed.
    Fulfilled = 1,
    /// The oracle could not run the input; the signed hash is of the failure reason.
    Failed = 2,
    /// A quorum or dispute seat's commitment (the output-hash field holds the commitment).
    Committed = 3,
}

/// Everything a result message attests, but the program id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultAttestation {
    /// The Oracle account (PDA) that holds the request.
    pub oracle: Pubkey,
    /// The Request account.
    pub request: Pubkey,
    /// SHA-256 of the model's ONNX file, as registered in the Model account.
    pub onnx_sha256: [u8; 32],
    /// SHA-256 of the request input, as recorded in the Request account.
    pub input_hash: [u8; 32],
    /// SHA-256 of the output (fulfilled) or of the failure reason (failed).
    pub output_hash: [u8; 32],
    /// SHA-256 of `runtime/version/execution provider`, e.g. `onnxruntime/1.31.1/cpu`.
    pub execution_id: [u8; 32],
    /// Fulfilled or failed.
    pub status: ResultStatus,
}

impl ResultAttestation {
    /// The exact bytes an oracle signs for this result under `program_id`.
    pub fn message(&self, program_id: &Pubkey) -> [u8; RESULT_MESSAGE_LEN] {
        let mut message = [0u8; RESULT_MESSAGE_LEN];
        let parts: [&[u8]; 8] = [
            RESULT_DOMAIN,
            program_id.as_ref(),
            self.oracle.as_ref(),
            self.request.as_ref(),
            &self.onnx_sha256,
            &self.input_hash,
            &self.output_hash,
            &self.execution_id,
        ];
        let mut at = 0;
        for part in parts {
            message[at..at + part.len()].copy_from_slice(part);
            at += part.len();
        }
        message[at] = self.status as u8;
        message
    }
}

/// Layout of an Ed25519 precompile instruction's data (see `solana-ed25519-program`).
const SIGNATURE_COUNT_OFFSET: usize = 0;
const OFFSETS_START: usize = 2;
const OFFSETS_LEN: usize = 14;
const PUBKEY_LEN: usize = 32;
const SIGNATURE_LEN: usize = 64;
/// `*_instruction_index` value meaning "this instruction's own data".
const SAME_INSTRUCTION: u16 = u16::MAX;

/// Checks that the instruction just before the current one is an Ed25519 precompile instruction
/// that verified `message` under `attestation_key`, with all data inline.
pub fn verify_previous_ed25519(
    instructions_sysvar: &AccountInfo,
    attestation_key: &Pubkey,
    message: &[u8],
) -> Result<()> {
    let current = load_current_index_checked(instructions_sysvar)?;
    let previous = current
        .checked_sub(1)
        .ok_or(EscrowError::MissingEd25519Instruction)?;
    let ix = load_instruction_at_checked(previous as usize, instructions_sysvar)
        .map_err(|_| error!(EscrowError::MissingEd25519Instruction))?;
    require!(
        ix.program_id == solana_sdk_ids::ed25519_program::ID,
        EscrowError::MissingEd25519Instruction
    );
    let data = ix.data.as_slice();

    require!(
        data.len() >= OFFSETS_START + OFFSETS_LEN && data[SIGNATURE_COUNT_OFFSET] == 1,
        EscrowError::MalformedEd25519Instruction
    );
    let read_u16 = |at: usize| u16::from_le_bytes([data[at], data[at + 1]]);
    let o = OFFSETS_START;
    let signature_offset = read_u16(o) as usize;
    let signature_ix = read_u16(o + 2);
    let pubkey_offset = read_u16(o + 4) as usize;
    let pubkey_ix = read_u16(o + 6);
    let message_offset = read_u16(o + 8) as usize;
    let message_len = read_u16(o + 10) as usize;
    let message_ix = read_u16(o + 12);

    require!(
        signature_ix == SAME_INSTRUCTION
            && pubkey_ix == SAME_INSTRUCTION
            && message_ix == SAME_INSTRUCTION,
        EscrowError::Ed25519DataNotInline
    );

    let slice = |offset: usize, len: usize| -> Result<&[u8]> {
        offset
            .checked_add(len)
            .and_then(|end| data.get(offset..end))
            .ok_or_else(|| error!(EscrowError::MalformedEd25519Instruction))
    };
    slice(signature_offset, SIGNATURE_LEN)?;
    let pubkey = slice(pubkey_offset, PUBKEY_LEN)?;
    let signed_message = slice(message_offset, message_len)?;

    require!(
        pubkey == attestation_key.as_ref(),
        EscrowError::AttestationKeyMismatch
    );
    require!(
        signed_message == message,
        EscrowError::AttestationMessageMismatch
    );
    Ok(())
}

/// SHA-256 of `bytes` (the syscall on-chain).
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    solana_sha256_hasher::hash(bytes).to_bytes()
}
