//! The result message an oracle signs, and the Ed25519 precompile instruction that carries the
//! signature into the transaction (placed immediately before `fulfill_request` / `fail_request`).

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};
use inference_escrow::{attestation::sha256, constants::RESULT_MESSAGE_LEN, state::Request};
use solana_signer::Signer;

pub use inference_escrow::attestation::{result_message, ResultStatus};

/// The facts a result attests: everything in the signed message but the program id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResultClaim {
    /// The request account.
    pub request: Pubkey,
    /// SHA-256 of the model's ONNX file, as registered in the Model account.
    pub onnx_sha256: [u8; 32],
    /// SHA-256 of the request input, as recorded in the Request account.
    pub input_hash: [u8; 32],
    /// SHA-256 of the output (fulfilled) or of the failure reason (failed).
    pub output_hash: [u8; 32],
    /// Fulfilled or failed.
    pub status: ResultStatus,
}

impl ResultClaim {
    /// A fulfilment of `request` with an output whose SHA-256 is `output_hash`.
    pub fn fulfilled(
        request_key: Pubkey,
        request: &Request,
        onnx_sha256: [u8; 32],
        output_hash: [u8; 32],
    ) -> Self {
        Self {
            request: request_key,
            onnx_sha256,
            input_hash: request.input_hash,
            output_hash,
            status: ResultStatus::Fulfilled,
        }
    }

    /// A signed failure of `request` for `reason` (its SHA-256 is what gets signed).
    pub fn failed(
        request_key: Pubkey,
        request: &Request,
        onnx_sha256: [u8; 32],
        reason: &str,
    ) -> Self {
        Self {
            request: request_key,
            onnx_sha256,
            input_hash: request.input_hash,
            output_hash: sha256(reason.as_bytes()),
            status: ResultStatus::Failed,
        }
    }

    /// The exact bytes signed for this claim under the deployed program id.
    pub fn message(&self) -> [u8; RESULT_MESSAGE_LEN] {
        result_message(
            &inference_escrow::ID,
            &self.request,
            &self.onnx_sha256,
            &self.input_hash,
            &self.output_hash,
            self.status,
        )
    }

    /// Signs the message with `attestation_key` and wraps it in an Ed25519 precompile
    /// instruction whose signature, key and message all live in its own data.
    pub fn sign(&self, attestation_key: &dyn Signer) -> Instruction {
        ed25519_instruction(attestation_key, &self.message())
    }
}

/// An Ed25519 precompile instruction verifying `attestation_key`'s signature of `message`.
pub fn ed25519_instruction(attestation_key: &dyn Signer, message: &[u8]) -> Instruction {
    let signature: [u8; 64] = attestation_key.sign_message(message).into();
    let pubkey = attestation_key.pubkey().to_bytes();
    solana_ed25519_program::new_ed25519_instruction_with_signature(message, &signature, &pubkey)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::{Signature, Verifier, VerifyingKey};
    use solana_keypair::Keypair;

    fn claim() -> ResultClaim {
        ResultClaim {
            request: Pubkey::new_from_array([7; 32]),
            onnx_sha256: [1; 32],
            input_hash: [2; 32],
            output_hash: [3; 32],
            status: ResultStatus::Fulfilled,
        }
    }

    #[test]
    fn message_layout_is_domain_then_fields_then_status() {
        let message = claim().message();
        assert_eq!(message.len(), 8 + 5 * 32 + 1);
        assert_eq!(&message[..8], b"IESCROW1");
        assert_eq!(&message[8..40], inference_escrow::ID.as_ref());
        assert_eq!(&message[40..72], &[7; 32]);
        assert_eq!(&message[72..104], &[1; 32]);
        assert_eq!(&message[104..136], &[2; 32]);
        assert_eq!(&message[136..168], &[3; 32]);
        assert_eq!(message[168], 1);
        let failed = ResultClaim {
            status: ResultStatus::Failed,
            ..claim()
        };
        assert_eq!(failed.message()[168], 2);
    }

    #[test]
    fn precompile_instruction_carries_a_valid_inline_signature() {
        let key = Keypair::new();
        let message = claim().message();
        let ix = claim().sign(&key);
        assert_eq!(
            ix.program_id,
            Pubkey::from_str_const("Ed25519SigVerify111111111111111111111111111")
        );
        let data = &ix.data;
        assert_eq!(data[0], 1, "one signature");
        let u16_at = |at: usize| u16::from_le_bytes([data[at], data[at + 1]]) as usize;
        for index_at in [4, 8, 14] {
            assert_eq!(u16_at(index_at), u16::MAX as usize, "data must be inline");
        }
        let (sig_at, key_at, msg_at, msg_len) = (u16_at(2), u16_at(6), u16_at(10), u16_at(12));
        assert_eq!(&data[msg_at..msg_at + msg_len], &message[..]);
        let verifying =
            VerifyingKey::from_bytes(data[key_at..key_at + 32].try_into().unwrap()).unwrap();
        let signature = Signature::from_slice(&data[sig_at..sig_at + 64]).unwrap();
        verifying.verify(&message, &signature).unwrap();
        assert_eq!(&data[key_at..key_at + 32], key.pubkey().as_ref());
    }
}
