//! The result message an oracle signs, and the Ed25519 precompile instruction that carries the
//! signature into the transaction (placed immediately before `fulfill_request` / `fail_request`).

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};
use inference_escrow::{attestation::sha256, constants::RESULT_MESSAGE_LEN, state::Request};
use solana_signer::Signer;

pub use inference_escrow::attestation::{ResultAttestation, ResultStatus};

/// The execution id an oracle signs: SHA-256 of `descriptor`, which names the runtime, its
/// version and the execution provider, e.g. `onnxruntime/1.31.1/cpu`.
pub fn execution_id(descriptor: &str) -> [u8; 32] {
    sha256(descriptor.as_bytes())
}

/// A fulfilment of `request` (held by `oracle`, the Oracle account) with an output whose
/// SHA-256 is `output_hash`.
pub fn fulfilled(
    oracle: Pubkey,
    request_key: Pubkey,
    request: &Request,
    onnx_sha256: [u8; 32],
    output_hash: [u8; 32],
    execution_id: [u8; 32],
) -> ResultAttestation {
    ResultAttestation {
        oracle,
        request: request_key,
        onnx_sha256,
        input_hash: request.input_hash,
        output_hash,
        execution_id,
        status: ResultStatus::Fulfilled,
    }
}

/// A signed failure of `request` for `reason` (its SHA-256 is what gets signed).
pub fn failed(
    oracle: Pubkey,
    request_key: Pubkey,
    request: &Request,
    onnx_sha256: [u8; 32],
    reason: &str,
    execution_id: [u8; 32],
) -> ResultAttestation {
    ResultAttestation {
        oracle,
        request: request_key,
        onnx_sha256,
        input_hash: request.input_hash,
        output_hash: sha256(reason.as_bytes()),
        execution_id,
        status: ResultStatus::Failed,
    }
}

/// The exact bytes signed for `attestation` under the deployed program id.
pub fn message(attestation: &ResultAttestation) -> [u8; RESULT_MESSAGE_LEN] {
    attestation.message(&inference_escrow::ID)
}

/// Signs `attestation`'s message with `attestation_key` and wraps it in an Ed25519 precompile
/// instruction whose signature, key and message all live in its own data.
pub fn sign(attestation: &ResultAttestation, attestation_key: &dyn Signer) -> Instruction {
    ed25519_instruction(attestation_key, &message(attestation))
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

    fn attestation() -> ResultAttestation {
        ResultAttestation {
            oracle: Pubkey::new_from_array([6; 32]),
            request: Pubkey::new_from_array([7; 32]),
            onnx_sha256: [1; 32],
            input_hash: [2; 32],
            output_hash: [3; 32],
            execution_id: [4; 32],
            status: ResultStatus::Fulfilled,
        }
    }

    #[test]
    fn message_layout_is_domain_then_fields_then_status() {
        let message = message(&attestation());
        assert_eq!(message.len(), 8 + 7 * 32 + 1);
        assert_eq!(&message[..8], b"IESCROW2");
        assert_eq!(&message[8..40], inference_escrow::ID.as_ref());
        assert_eq!(&message[40..72], &[6; 32], "the oracle account");
        assert_eq!(&message[72..104], &[7; 32], "the request");
        assert_eq!(&message[104..136], &[1; 32]);
        assert_eq!(&message[136..168], &[2; 32]);
        assert_eq!(&message[168..200], &[3; 32]);
        assert_eq!(&message[200..232], &[4; 32], "the execution id");
        assert_eq!(message[232], 1);
        let failed = ResultAttestation {
            status: ResultStatus::Failed,
            ..attestation()
        };
        assert_eq!(super::message(&failed)[232], 2);
    }

    #[test]
    fn execution_id_is_the_hash_of_its_descriptor() {
        assert_eq!(
            execution_id("onnxruntime/1.31.1/cpu"),
            sha256(b"onnxruntime/1.31.1/cpu")
        );
        assert_ne!(
            execution_id("onnxruntime/1.31.1/cpu"),
            execution_id("onnxruntime/1.31.1/cuda")
        );
    }

    #[test]
    fn precompile_instruction_carries_a_valid_inline_signature() {
        let key = Keypair::new();
        let message = message(&attestation());
        let ix = sign(&attestation(), &key);
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
