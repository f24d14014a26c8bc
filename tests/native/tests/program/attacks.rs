//! Attacks on the result attestation: every way to post a result that the attestation key did
//! not sign for exactly this oracle, request, model, input, output, execution id and status.

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};
use inference_escrow::constants::RESULT_MESSAGE_LEN;
use inference_escrow_client::{
    attestation::{self, ed25519_instruction, ResultAttestation, ResultStatus},
    ix, pda, CreateRequestArgs, EscrowError, FailRequestArgs, FulfillRequestArgs, Model, Payload,
    Request, RequestStatus,
};
use inference_escrow_tests::*;
use solana_instruction::error::InstructionError;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

/// Signing and reading an attestation the way an oracle (or an attacker) would.
trait Sign {
    /// The Ed25519 instruction of `key`'s signature over the message.
    fn sign(&self, key: &dyn solana_signer::Signer) -> Instruction;
    /// The message bytes under the deployed program id.
    fn msg(&self) -> [u8; RESULT_MESSAGE_LEN];
}

impl Sign for ResultAttestation {
    fn sign(&self, key: &dyn solana_signer::Signer) -> Instruction {
        attestation::sign(self, key)
    }
    fn msg(&self) -> [u8; RESULT_MESSAGE_LEN] {
        attestation::message(self)
    }
}

/// A model, an oracle holding claims on two requests with different inputs.
struct Scene {
    env: Env,
    model: Pubkey,
    oracle: TestOracle,
    first: Pubkey,
    second: Pubkey,
    onnx_sha256: [u8; 32],
}

async fn scene() -> Scene {
    let mut env = Env::start().await;
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, None).await;
    let oracle = env.register_oracle(STAKE).await;
    let requester = env.wallet(5 * SOL).await;
    let first = env.create_request(&requester, &model, 1).await;
    let args = CreateRequestArgs {
        input: Payload::Inline(f32_bytes(&[9.0, 8.0, 7.0, 6.0])),
        ..request_args(2)
    };
    env.send(
        &[ix::create_request(&requester.pubkey(), &model, args)],
        &[&requester],
    )
    .await
    .unwrap();
    let second = pda::request(&requester.pubkey(), 2);
    env.claim(&oracle, &first).await.unwrap();
    env.claim(&oracle, &second).await.unwrap();
    let onnx_sha256 = env.account::<Model>(&model).await.onnx_sha256;
    Scene {
        env,
        model,
        oracle,
        first,
        second,
        onnx_sha256,
    }
}

impl Scene {
    /// The honest fulfilment attestation for `request` with `out`.
    async fn claim_for(&mut self, request: &Pubkey, out: &Payload) -> ResultAttestation {
        let state: Request = self.env.account(request).await;
        attestation::fulfilled(
            self.oracle.pda(),
            *request,
            &state,
            self.onnx_sha256,
            out.sha256(),
            execution_id(),
        )
    }

    fn fulfil_ix(&self, request: &Pubkey, out: Payload) -> Instruction {
        ix::fulfill_request(
            &self.oracle.key(),
            request,
            &self.model,
            FulfillRequestArgs {
                output: out,
                execution_id: execution_id(),
            },
        )
    }

    /// Sends `instructions` signed by the oracle's authority; returns the outcome and checks
    /// that a refused result left `request` claimed.
    async fn send(
        &mut self,
        instructions: &[Instruction],
        request: &Pubkey,
    ) -> Result<(), TransactionError> {
        let authority = self.oracle.authority.insecure_clone();
        let result = self.env.send(instructions, &[&authority]).await;
        if result.is_err() {
            let state: Request = self.env.account(request).await;
            assert!(
                matches!(state.status, RequestStatus::Claimed { .. }),
                "a refused result changes nothing"
            );
            assert_eq!(state.output, None);
        }
        result
    }

    /// Sends `[signature, fulfil(request, out)]` and asserts it was refused with `expected`.
    async fn refused(
        &mut self,
        signature: Instruction,
        request: Pubkey,
        out: Payload,
        expected: EscrowError,
    ) {
        let fulfil = self.fulfil_ix(&request, out);
        let result = self.send(&[signature, fulfil], &request).await;
        assert_escrow_error(result, expected);
    }
}

#[tokio::test]
async fn honest_signature_is_accepted() {
    let s = &mut scene().await;
    let out = output(0.3);
    let signature = s
        .claim_for(&s.first.clone(), &out)
        .await
        .sign(&s.oracle.attestation);
    let fulfil = s.fulfil_ix(&s.first, out);
    s.send(&[signature, fulfil], &s.first.clone())
        .await
        .unwrap();
}

#[tokio::test]
async fn error_missing_ed25519_instruction() {
    let s = &mut scene().await;
    // Preceded only by the compute-budget instruction.
    let fulfil = s.fulfil_ix(&s.first, output(0.3));
    let result = s
        .send(std::slice::from_ref(&fulfil), &s.first.clone())
        .await;
    assert_escrow_error(result, EscrowError::MissingEd25519Instruction);
    // First in the transaction: there is no previous instruction at all.
    let authority = s.oracle.authority.insecure_clone();
    let result = s.env.send_exact(&[fulfil], &[&authority]).await;
    assert_escrow_error(result, EscrowError::MissingEd25519Instruction);
}

#[tokio::test]
async fn error_ed25519_instruction_not_immediately_before() {
    let s = &mut scene().await;
    let out = output(0.3);
    let signature = s
        .claim_for(&s.first.clone(), &out)
        .await
        .sign(&s.oracle.attestation);
    let between =
        solana_compute_budget_interface::ComputeBudgetInstruction::set_compute_unit_price(1);
    let fulfil = s.fulfil_ix(&s.first, out);
    let result = s
        .send(&[signature, between, fulfil], &s.first.clone())
        .await;
    assert_escrow_error(result, EscrowError::MissingEd25519Instruction);
}

#[tokio::test]
async fn error_wrong_attestation_key() {
    let s = &mut scene().await;
    let out = output(0.3);
    let claim = s.claim_for(&s.first.clone(), &out).await;
    // The operator's wallet key, another oracle's attestation key, a fresh key.
    let other = s.env.register_oracle(STAKE).await;
    for key in [
        s.oracle.authority.insecure_clone(),
        other.attestation,
        Keypair::new(),
    ] {
        s.refused(
            claim.sign(&key),
            s.first,
            out.clone(),
            EscrowError::AttestationKeyMismatch,
        )
        .await;
    }
}

#[tokio::test]
async fn error_signature_replayed_on_another_request() {
    let s = &mut scene().await;
    let out = output(0.3);
    let signature = s
        .claim_for(&s.first.clone(), &out)
        .await
        .sign(&s.oracle.attestation);
    s.refused(
        signature,
        s.second,
        out,
        EscrowError::AttestationMessageMismatch,
    )
    .await;
}

#[tokio::test]
async fn error_signature_for_another_output() {
    let s = &mut scene().await;
    let signature = s
        .claim_for(&s.first.clone(), &output(0.3))
        .await
        .sign(&s.oracle.attestation);
    s.refused(
        signature,
        s.first,
        output(0.9),
        EscrowError::AttestationMessageMismatch,
    )
    .await;
}

#[tokio::test]
async fn error_signature_for_another_model_or_input() {
    let s = &mut scene().await;
    let out = output(0.3);
    let honest = s.claim_for(&s.first.clone(), &out).await;
    let other_model = ResultAttestation {
        onnx_sha256: [0xCD; 32],
        ..honest
    };
    s.refused(
        other_model.sign(&s.oracle.attestation),
        s.first,
        out.clone(),
        EscrowError::AttestationMessageMismatch,
    )
    .await;
    let second_input = s.env.account::<Request>(&s.second.clone()).await.input_hash;
    let other_input = ResultAttestation {
        input_hash: second_input,
        ..honest
    };
    s.refused(
        other_input.sign(&s.oracle.attestation),
        s.first,
        out,
        EscrowError::AttestationMessageMismatch,
    )
    .await;
}

#[tokio::test]
async fn error_signature_for_another_execution_id() {
    let s = &mut scene().await;
    let out = output(0.3);
    let other_runtime = ResultAttestation {
        execution_id: attestation::execution_id("onnxruntime/1.31.1/cuda"),
        ..s.claim_for(&s.first.clone(), &out).await
    };
    s.refused(
        other_runtime.sign(&s.oracle.attestation),
        s.first,
        out,
        EscrowError::AttestationMessageMismatch,
    )
    .await;
}

/// Two oracles registered with one attestation key (one operator running two, or a key that
/// leaked): the signed message names the oracle, so one's signature cannot fulfil the other's
/// claim. v1 accepted it.
#[tokio::test]
async fn error_shared_attestation_key_cannot_post_for_the_other_oracle() {
    let s = &mut scene().await;
    let twin = TestOracle {
        authority: s.env.wallet(STAKE + SOL).await,
        attestation: s.oracle.attestation.insecure_clone(),
    };
    let register = ix::register_oracle(&twin.key(), &twin.attestation.pubkey(), STAKE);
    s.env
        .send(&[register], &[&twin.authority, &twin.attestation])
        .await
        .unwrap();
    let owner_requester = s.env.wallet(SOL).await;
    let theirs = s.env.create_request(&owner_requester, &s.model, 1).await;
    s.env.claim(&twin, &theirs).await.unwrap();

    // An attestation of the twin's request in the first oracle's name (the shared key can sign
    // it).
    let out = output(0.3);
    let state: Request = s.env.account(&theirs).await;
    let mine = attestation::fulfilled(
        s.oracle.pda(),
        theirs,
        &state,
        s.onnx_sha256,
        out.sha256(),
        execution_id(),
    );
    // Sent by the twin (the claimer) with the first oracle's attestation: refused, since
    // the message names the first oracle.
    let fulfil = ix::fulfill_request(
        &twin.key(),
        &theirs,
        &s.model,
        FulfillRequestArgs {
            output: out.clone(),
            execution_id: execution_id(),
        },
    );
    let result = s
        .env
        .send(
            &[mine.sign(&s.oracle.attestation), fulfil],
            &[&twin.authority],
        )
        .await;
    assert_escrow_error(result, EscrowError::AttestationMessageMismatch);
    // The twin's own attestation works.
    s.env.fulfill(&twin, &theirs, out).await.unwrap();
}

#[tokio::test]
async fn error_signature_under_another_program_id() {
    let s = &mut scene().await;
    let out = output(0.3);
    let honest = s.claim_for(&s.first.clone(), &out).await;
    let mut message = honest.msg();
    message[8..40].copy_from_slice(Pubkey::new_unique().as_ref());
    let signature = ed25519_instruction(&s.oracle.attestation, &message);
    s.refused(
        signature,
        s.first,
        out,
        EscrowError::AttestationMessageMismatch,
    )
    .await;
}

#[tokio::test]
async fn error_truncated_or_extended_message() {
    let s = &mut scene().await;
    let out = output(0.3);
    let message = s.claim_for(&s.first.clone(), &out).await.msg();
    let short = ed25519_instruction(&s.oracle.attestation, &message[..message.len() - 1]);
    s.refused(
        short,
        s.first,
        out.clone(),
        EscrowError::AttestationMessageMismatch,
    )
    .await;
    let mut long = message.to_vec();
    long.push(0);
    let long = ed25519_instruction(&s.oracle.attestation, &long);
    s.refused(long, s.first, out, EscrowError::AttestationMessageMismatch)
        .await;
}

#[tokio::test]
async fn error_failure_signature_used_to_fulfil_and_back() {
    let s = &mut scene().await;
    let state: Request = s.env.account(&s.first.clone()).await;
    // A failure attestation whose "reason" hashes to the output the attacker posts.
    let out = output(0.3);
    let as_failure = ResultAttestation {
        status: ResultStatus::Failed,
        ..s.claim_for(&s.first.clone(), &out).await
    };
    s.refused(
        as_failure.sign(&s.oracle.attestation),
        s.first,
        out,
        EscrowError::AttestationMessageMismatch,
    )
    .await;

    // A fulfilment attestation used to fail (and so refund) the request.
    let reason = "cannot run";
    let as_fulfilment = ResultAttestation {
        status: ResultStatus::Fulfilled,
        ..attestation::failed(
            s.oracle.pda(),
            s.first,
            &state,
            s.onnx_sha256,
            reason,
            execution_id(),
        )
    };
    let fail = ix::fail_request(
        &s.oracle.key(),
        &s.first,
        &s.model,
        FailRequestArgs {
            reason: reason.to_owned(),
            execution_id: execution_id(),
        },
    );
    let result = s
        .send(
            &[as_fulfilment.sign(&s.oracle.attestation), fail],
            &s.first.clone(),
        )
        .await;
    assert_escrow_error(result, EscrowError::AttestationMessageMismatch);
}

/// Builds an Ed25519 precompile instruction from explicit offsets and a data tail.
fn ed25519_with_offsets(offsets: &[[u16; 7]], tail: &[u8]) -> Instruction {
    let mut data = vec![offsets.len() as u8, 0];
    for o in offsets {
        for v in o {
            data.extend_from_slice(&v.to_le_bytes());
        }
    }
    data.extend_from_slice(tail);
    Instruction {
        program_id: Pubkey::from_str_const("Ed25519SigVerify111111111111111111111111111"),
        accounts: vec![],
        data,
    }
}

/// Where `new_ed25519_instruction_with_signature` puts the key, signature and message.
const KEY_AT: u16 = 16;
const SIG_AT: u16 = 48;
const MSG_AT: u16 = 112;

#[tokio::test]
async fn error_offsets_pointing_at_another_instruction() {
    let s = &mut scene().await;
    let out = output(0.3);
    let expected = s.claim_for(&s.first.clone(), &out).await.msg();
    // The decoy (index 1) is a genuine attestation the oracle once gave for another request.
    let decoy_claim = s.claim_for(&s.second.clone(), &out).await;
    let decoy = decoy_claim.sign(&s.oracle.attestation);
    let decoy_sig = &decoy.data[SIG_AT as usize..MSG_AT as usize];
    let key = s.oracle.attestation.pubkey().to_bytes();
    let len = expected.len() as u16;
    // Each attack (index 2) redirects part of what the precompile verifies to the decoy, so the
    // precompile passes, while its own data holds the key and the expected message where a
    // careless program would read them.
    // (signature ix, key ix, message ix, inline signature, inline message)
    type Redirect<'a> = (u16, u16, u16, &'a [u8], &'a [u8]);
    let cases: [Redirect; 4] = [
        (1, 1, 1, &[0; 64], &expected),
        (u16::MAX, u16::MAX, 1, decoy_sig, &expected),
        (1, u16::MAX, u16::MAX, &[0; 64], &decoy_claim.msg()),
        (u16::MAX, 1, u16::MAX, decoy_sig, &decoy_claim.msg()),
    ];
    for (sig_ix, key_ix, msg_ix, inline_sig, inline_msg) in cases {
        let mut tail = key.to_vec();
        tail.extend_from_slice(inline_sig);
        tail.extend_from_slice(inline_msg);
        let attack = ed25519_with_offsets(
            &[[SIG_AT, sig_ix, KEY_AT, key_ix, MSG_AT, len, msg_ix]],
            &tail,
        );
        let fulfil = s.fulfil_ix(&s.first, out.clone());
        let result = s
            .send(&[decoy.clone(), attack, fulfil], &s.first.clone())
            .await;
        assert_escrow_error(result, EscrowError::Ed25519DataNotInline);
    }
}

#[tokio::test]
async fn error_two_signatures_in_one_instruction() {
    let s = &mut scene().await;
    let out = output(0.3);
    let honest = s
        .claim_for(&s.first.clone(), &out)
        .await
        .sign(&s.oracle.attestation);
    // Two offset entries (so the data starts 14 bytes later), both verifying the honest signature.
    let shift = 14;
    let o = [
        SIG_AT + shift,
        u16::MAX,
        KEY_AT + shift,
        u16::MAX,
        MSG_AT + shift,
        RESULT_MESSAGE_LEN as u16,
        u16::MAX,
    ];
    let double = ed25519_with_offsets(&[o, o], &honest.data[KEY_AT as usize..]);
    s.refused(
        double,
        s.first,
        out,
        EscrowError::MalformedEd25519Instruction,
    )
    .await;
}

#[tokio::test]
async fn error_zero_signature_instruction() {
    let s = &mut scene().await;
    // The precompile accepts an instruction that verifies nothing; the program must not.
    let empty = ed25519_with_offsets(&[], &[]);
    s.refused(
        empty,
        s.first,
        output(0.3),
        EscrowError::MalformedEd25519Instruction,
    )
    .await;
}

#[tokio::test]
async fn error_invalid_signature_is_refused_by_the_precompile() {
    let s = &mut scene().await;
    let out = output(0.3);
    let mut forged = s
        .claim_for(&s.first.clone(), &out)
        .await
        .sign(&s.oracle.attestation);
    forged.data[SIG_AT as usize] ^= 1;
    let fulfil = s.fulfil_ix(&s.first, out);
    let result = s.send(&[forged, fulfil], &s.first.clone()).await;
    // PrecompileError::InvalidSignature, reported at the Ed25519 instruction (index 1).
    assert_eq!(
        result,
        Err(TransactionError::InstructionError(
            1,
            InstructionError::Custom(2)
        ))
    );
}
