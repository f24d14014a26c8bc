//! [`QuorumWorld`]: a model served by several oracles, and helpers for every step of a round.

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{
    ix, pda, seats, CompareRule, DType, Model, Oracle, RegisterModelArgs, Request, TensorSchema,
    VerificationPolicy,
};
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

use crate::{env::Env, fixtures::*};

/// A policy of `replicas` seats, `quorum` of which must agree under `compare`.
pub fn policy(replicas: u8, quorum: u8, compare: CompareRule) -> VerificationPolicy {
    VerificationPolicy {
        replicas,
        quorum,
        compare,
    }
}

/// `Tolerance` with `abs` and `rel` as f32.
pub fn tolerance(abs: f32, rel: f32) -> CompareRule {
    CompareRule::Tolerance {
        abs_bits: abs.to_bits(),
        rel_bits: rel.to_bits(),
    }
}

/// `Median` with `abs` and `rel` as f32.
pub fn median(abs: f32, rel: f32) -> CompareRule {
    CompareRule::Median {
        abs_bits: abs.to_bits(),
        rel_bits: rel.to_bits(),
    }
}

/// The default model with `policy` and a static f32 output of `outputs` elements.
pub fn quorum_model_args(
    model_id: u8,
    policy: VerificationPolicy,
    outputs: i32,
) -> RegisterModelArgs {
    RegisterModelArgs {
        output_schema: TensorSchema {
            dtype: DType::F32,
            shape: vec![1, outputs],
        },
        policy,
        ..model_args(model_id)
    }
}

/// The salt seat `seat` commits with in these tests (distinct per seat and output).
pub fn salt(seat: usize) -> [u8; 32] {
    [seat as u8 + 1; 32]
}

/// A config, a SOL model under a verification policy, seven oracles and a requester.
pub struct QuorumWorld {
    pub env: Env,
    /// Owner of `model`.
    pub owner: Keypair,
    /// The quorum model.
    pub model: Pubkey,
    /// Oracles staked with [`STAKE`]; seat tests use them in order.
    pub oracles: Vec<TestOracle>,
    /// A wallet holding 10 SOL.
    pub requester: Keypair,
}

/// A fresh [`QuorumWorld`] whose model has `policy` and `outputs` f32 outputs.
pub async fn quorum_world(policy: VerificationPolicy, outputs: i32) -> QuorumWorld {
    let mut env = Env::start().await;
    let owner = env.wallet(SOL).await;
    let args = quorum_model_args(1, policy, outputs);
    let model = pda::model(&owner.pubkey(), &args.model_id);
    env.send(
        &[ix::register_model(&owner.pubkey(), args, None)],
        &[&owner],
    )
    .await
    .expect("register quorum model");
    let mut oracles = Vec::new();
    for _ in 0..7 {
        oracles.push(env.register_oracle(STAKE).await);
    }
    let requester = env.wallet(10 * SOL).await;
    QuorumWorld {
        env,
        owner,
        model,
        oracles,
        requester,
    }
}

impl QuorumWorld {
    /// An open request of the requester for the quorum model, with the default input.
    pub async fn request(&mut self, nonce: u64) -> Pubkey {
        let model = self.model;
        self.request_for(&model, nonce).await
    }

    /// An open request of the requester for `model`, with the default input.
    pub async fn request_for(&mut self, model: &Pubkey, nonce: u64) -> Pubkey {
        let ix = ix::create_request(&self.requester.pubkey(), model, request_args(nonce));
        let requester = self.requester.insecure_clone();
        self.env.send(&[ix], &[&requester]).await.expect("create");
        pda::request(&self.requester.pubkey(), nonce)
    }

    /// Registers another model of the owner (id `model_id`) under `policy`, `outputs` f32 out.
    pub async fn register(
        &mut self,
        model_id: u8,
        policy: VerificationPolicy,
        outputs: i32,
    ) -> Result<Pubkey, TransactionError> {
        let args = quorum_model_args(model_id, policy, outputs);
        let key = pda::model(&self.owner.pubkey(), &args.model_id);
        let owner = self.owner.insecure_clone();
        self.env
            .send(
                &[ix::register_model(&owner.pubkey(), args, None)],
                &[&owner],
            )
            .await?;
        Ok(key)
    }

    /// The request's state.
    pub async fn state(&mut self, request: &Pubkey) -> Request {
        self.env.account(request).await
    }

    /// Oracle `i`'s account.
    pub async fn oracle_state(&mut self, i: usize) -> Oracle {
        let key = self.oracles[i].pda();
        self.env.account(&key).await
    }

    /// Oracle `i` takes a seat in `request`'s round (or `dispute`'s).
    pub async fn seat_in(
        &mut self,
        i: usize,
        request: &Pubkey,
        dispute: Option<Pubkey>,
    ) -> Result<(), TransactionError> {
        let state = self.state(request).await;
        let oracle = &self.oracles[i];
        let ix = seats::claim_seat(&oracle.key(), request, &state, dispute);
        let authority = oracle.authority.insecure_clone();
        self.env.send(&[ix], &[&authority]).await
    }

    /// Oracle `i` takes a seat in `request`'s own round.
    pub async fn seat(&mut self, i: usize, request: &Pubkey) -> Result<(), TransactionError> {
        self.seat_in(i, request, None).await
    }

    /// Oracle `i` commits to `output` with [`salt`]`(i)`.
    pub async fn commit_in(
        &mut self,
        i: usize,
        request: &Pubkey,
        dispute: Option<Pubkey>,
        output: &[u8],
    ) -> Result<(), TransactionError> {
        let oracle_key = self.oracles[i].pda();
        let commitment = seats::commitment(output, &salt(i), &oracle_key);
        self.commit_raw(i, request, dispute, commitment).await
    }

    /// Oracle `i` commits to `output` in `request`'s own round.
    pub async fn commit(
        &mut self,
        i: usize,
        request: &Pubkey,
        output: &[u8],
    ) -> Result<(), TransactionError> {
        self.commit_in(i, request, None, output).await
    }

    /// Oracle `i` signs and sends `commitment` as it is.
    pub async fn commit_raw(
        &mut self,
        i: usize,
        request: &Pubkey,
        dispute: Option<Pubkey>,
        commitment: [u8; 32],
    ) -> Result<(), TransactionError> {
        let state = self.state(request).await;
        let model: Model = self.env.account(&state.model).await;
        let oracle = &self.oracles[i];
        let ixs = seats::commit_signed(
            &oracle.key(),
            &oracle.attestation,
            request,
            &state,
            dispute,
            model.onnx_sha256,
            commitment,
            execution_id(),
        );
        let authority = oracle.authority.insecure_clone();
        self.env.send(&ixs, &[&authority]).await
    }

    /// Oracle `i` reveals `output` with `salt`.
    pub async fn reveal_with(
        &mut self,
        i: usize,
        request: &Pubkey,
        dispute: Option<Pubkey>,
        output: &[u8],
        salt: [u8; 32],
    ) -> Result<(), TransactionError> {
        let model = self.state(request).await.model;
        let oracle = &self.oracles[i];
        let ix = seats::reveal_seat(
            &oracle.key(),
            request,
            &model,
            dispute,
            output.to_vec(),
            salt,
        );
        let authority = oracle.authority.insecure_clone();
        self.env.send(&[ix], &[&authority]).await
    }

    /// Oracle `i` reveals `output` with its own salt, in `request`'s own round.
    pub async fn reveal(
        &mut self,
        i: usize,
        request: &Pubkey,
        output: &[u8],
    ) -> Result<(), TransactionError> {
        self.reveal_with(i, request, None, output, salt(i)).await
    }

    /// Oracle `i` reports a signed failure of its seat.
    pub async fn fail_seat(
        &mut self,
        i: usize,
        request: &Pubkey,
        dispute: Option<Pubkey>,
    ) -> Result<(), TransactionError> {
        let state = self.state(request).await;
        let model: Model = self.env.account(&state.model).await;
        let oracle = &self.oracles[i];
        let ixs = seats::fail_seat_signed(
            &oracle.key(),
            &oracle.attestation,
            request,
            &state,
            dispute,
            model.onnx_sha256,
            "input unreachable",
            execution_id(),
        );
        let authority = oracle.authority.insecure_clone();
        self.env.send(&ixs, &[&authority]).await
    }

    /// Oracles `seats` take seats, commit to `outputs[k]` and, once all committed, reveal.
    pub async fn run_round(&mut self, request: &Pubkey, seats: &[usize], outputs: &[Vec<u8>]) {
        for &i in seats {
            self.seat(i, request).await.expect("seat");
        }
        for (&i, output) in seats.iter().zip(outputs) {
            self.commit(i, request, output).await.expect("commit");
        }
        for (&i, output) in seats.iter().zip(outputs) {
            self.reveal(i, request, output).await.expect("reveal");
        }
    }

    /// Sends `finalize_quorum` (anyone may).
    pub async fn finalize(&mut self, request: &Pubkey) -> Result<(), TransactionError> {
        let state = self.state(request).await;
        self.env
            .send(&[seats::finalize_quorum(request, &state)], &[])
            .await
    }

    /// Sends `settle_quorum` (anyone may).
    pub async fn settle(&mut self, request: &Pubkey) -> Result<(), TransactionError> {
        let state = self.state(request).await;
        let keys = self.env.request_keys(request).await;
        self.env
            .send(&[seats::settle_quorum(&keys, &state)], &[])
            .await
    }

    /// Lamports held by every account money can move between in these tests: the request, its
    /// model, the config, the oracles, the requester.
    pub async fn total_lamports(&mut self, request: &Pubkey) -> u64 {
        let model = self.state(request).await.model;
        let mut keys = vec![*request, model, pda::config(), self.requester.pubkey()];
        keys.extend(self.oracles.iter().map(|o| o.pda()));
        let mut total = 0;
        for key in keys {
            total += self.env.lamports(&key).await;
        }
        total
    }
}

/// One f32 output, as bytes.
pub fn score(value: f32) -> Vec<u8> {
    f32_bytes(&[value])
}
