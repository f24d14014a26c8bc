//! One bank with inference_escrow and risk_consumer, an escrow config, a SOL model, a staked
//! oracle and a funded vault; instruction builders for the consumer; escrow-side helpers built
//! with `inference-escrow-client`.

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction, AccountSerialize};
use inference_escrow_client::{
    decode, ix, pda, CreateRequestArgs, Model, Payload, RegisterModelArgs, Request,
};
use inference_escrow_tests::{bridge::program_test_with_consumer, *};
use risk_consumer::{
    errors::RiskError,
    state::{Position, PositionStatus, Vault},
};
use solana_instruction::error::InstructionError;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

/// Risk threshold of the default vault: a score above it flags the position.
pub const THRESHOLD: f32 = 0.5;
/// Lamports the default vault's wallet starts with.
pub const WALLET_FUNDS: u64 = SOL;
/// The most a test vault pays per score: the default model price.
pub const MAX_PRICE: u64 = PRICE;
/// Default features: loan-to-value, health buffer, volatility, leverage.
pub const FEATURES: [f32; 4] = [0.8, 0.1, 0.35, 3.0];

pub type TxResult = Result<(), TransactionError>;

/// Size of a request `request_score` makes: 16 input bytes inline, one f32 out, and its
/// `on_score` callback naming five accounts.
pub fn score_request_space() -> usize {
    Request::space(5 + 16, 4, 1) + inference_escrow_client::Callback::space(5)
}

// ---- addresses and consumer instructions (risk_consumer::client) ---------------------------

pub use risk_consumer::client::{position_pda, vault_pda, wallet_pda};

pub mod cix {
    use super::*;
    pub use risk_consumer::client::ix::{
        apply_score, open_position, reclaim_request, request_score, update_position,
    };

    /// `init_vault` whose challenger is its authority, with no quorum required.
    pub fn init_vault(
        authority: &Pubkey,
        model: &Pubkey,
        risk_threshold: f32,
        max_price: u64,
    ) -> Instruction {
        init_vault_with(authority, model, risk_threshold, max_price, *authority, 1)
    }

    /// `init_vault` naming `challenger` and requiring `min_quorum` agreeing oracles.
    pub use risk_consumer::client::ix::init_vault as init_vault_with;
}

// ---- errors --------------------------------------------------------------------------------

fn custom_code(result: &TxResult) -> Option<u32> {
    match result {
        Err(TransactionError::InstructionError(_, InstructionError::Custom(code))) => Some(*code),
        _ => None,
    }
}

/// Asserts that the transaction failed with exactly the consumer's error `expected`.
#[track_caller]
pub fn assert_risk_error(result: TxResult, expected: RiskError) {
    let code = u32::from(expected);
    assert_eq!(
        custom_code(&result),
        Some(code),
        "expected {expected:?} ({code}), got {result:?}"
    );
}

// ---- the world -----------------------------------------------------------------------------

/// A vault and who controls it.
pub struct TestVault {
    pub authority: Keypair,
    pub vault: Pubkey,
    pub wallet: Pubkey,
    pub model: Pubkey,
}

/// A bank with both programs, an escrow config, the default model (four f32 in, one f32 out),
/// a staked oracle and a vault on that model whose wallet holds [`WALLET_FUNDS`].
pub struct World {
    /// The bank, its payer, the escrow config's admin and treasury, and the generic helpers
    /// (sending, balances, accounts, slots), reached through `Deref`.
    pub env: Env,
    pub model_owner: Keypair,
    pub model: Pubkey,
    pub oracle: TestOracle,
    pub v: TestVault,
}

impl std::ops::Deref for World {
    type Target = Env;

    fn deref(&self) -> &Env {
        &self.env
    }
}

impl std::ops::DerefMut for World {
    fn deref_mut(&mut self) -> &mut Env {
        &mut self.env
    }
}

impl World {
    pub async fn start() -> Self {
        let env = Env::start_with(program_test_with_consumer()).await;
        let mut w = Self {
            env,
            model_owner: Keypair::new(),
            model: Pubkey::default(),
            oracle: TestOracle {
                authority: Keypair::new(),
                attestation: Keypair::new(),
            },
            v: TestVault {
                authority: Keypair::new(),
                vault: Pubkey::default(),
                wallet: Pubkey::default(),
                model: Pubkey::default(),
            },
        };
        w.model_owner = w.wallet(SOL).await;
        w.model = w.register_model(model_args(1)).await;
        w.oracle = w.register_oracle().await;
        let model = w.model;
        w.v = w.new_vault(&model, THRESHOLD).await;
        let wallet = w.v.wallet;
        w.fund(&wallet, WALLET_FUNDS).await;
        w
    }

    // ---- transactions ----------------------------------------------------------------------

    /// Sends like [`World::send`] and returns the consumer's events (payloads of its self-CPI
    /// event instructions), read from a simulation just before processing.
    pub async fn send_with_events(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
    ) -> Result<Vec<Vec<u8>>, TransactionError> {
        self.env
            .send_with_events_of(risk_consumer::ID, instructions, signers)
            .await
    }

    // ---- bank ------------------------------------------------------------------------------

    /// Rewrites the escrow Request at `key` in place with `edit` applied, as a buggy or
    /// malicious escrow could: the account keeps its owner, size and lamports.
    pub async fn tamper_request(&mut self, key: &Pubkey, edit: impl FnOnce(&mut Request)) {
        let mut account = self
            .ctx
            .banks_client
            .get_account(*key)
            .await
            .expect("account")
            .expect("exists");
        let mut request: Request = decode::account(&account.data).expect("decode");
        edit(&mut request);
        let mut bytes = Vec::new();
        request.try_serialize(&mut bytes).expect("serialize");
        account.data.fill(0);
        account.data[..bytes.len()].copy_from_slice(&bytes);
        self.ctx.set_account(key, &account.into());
    }

    // ---- inference_escrow side -------------------------------------------------------------

    /// Registers `args` as a SOL-priced model of the model owner.
    pub async fn register_model(&mut self, args: RegisterModelArgs) -> Pubkey {
        let owner = self.model_owner.insecure_clone();
        let key = pda::model(&owner.pubkey(), &args.model_id);
        self.send(
            &[ix::register_model(&owner.pubkey(), args, None)],
            &[&owner],
        )
        .await
        .expect("register_model");
        key
    }

    /// A funded operator registered as an oracle with [`STAKE`].
    pub async fn register_oracle(&mut self) -> TestOracle {
        let oracle = TestOracle {
            authority: self.wallet(STAKE + SOL).await,
            attestation: Keypair::new(),
        };
        let ix = ix::register_oracle(&oracle.key(), &oracle.attestation.pubkey(), STAKE);
        self.send(&[ix], &[&oracle.authority, &oracle.attestation])
            .await
            .expect("register_oracle");
        oracle
    }

    /// A request paid directly by a plain wallet (not by any vault) for `model`.
    pub async fn wallet_request(&mut self, model: &Pubkey) -> Pubkey {
        let requester = self.wallet(SOL).await;
        let args = CreateRequestArgs {
            input: Payload::Inline(f32_bytes(&FEATURES)),
            ..request_args(0)
        };
        self.send(
            &[ix::create_request(&requester.pubkey(), model, args)],
            &[&requester],
        )
        .await
        .expect("create_request");
        pda::request(&requester.pubkey(), 0)
    }

    /// The default oracle claims `request`.
    pub async fn claim(&mut self, request: &Pubkey) {
        let state: Request = self.account(request).await;
        let ix = ix::claim_request(&self.oracle.key(), request, &state);
        let authority = self.oracle.authority.insecure_clone();
        self.send(&[ix], &[&authority]).await.expect("claim");
    }

    /// The default oracle claims `request` and fulfils it with `output`, signed.
    pub async fn fulfill(&mut self, request: &Pubkey, output: Payload) {
        self.claim(request).await;
        let state: Request = self.account(request).await;
        let model: Model = self.account(&state.model).await;
        let authority = self.oracle.authority.insecure_clone();
        let ixs = ix::fulfill_signed(
            &authority.pubkey(),
            &self.oracle.attestation,
            request,
            &state,
            model.onnx_sha256,
            output,
            execution_id(),
        );
        self.send(&ixs, &[&authority]).await.expect("fulfill");
    }

    /// The default oracle claims `request` and reports a signed failure.
    pub async fn fail(&mut self, request: &Pubkey) {
        self.claim(request).await;
        let state: Request = self.account(request).await;
        let model: Model = self.account(&state.model).await;
        let authority = self.oracle.authority.insecure_clone();
        let ixs = ix::fail_signed(
            &authority.pubkey(),
            &self.oracle.attestation,
            request,
            &state,
            model.onnx_sha256,
            "input out of range",
            execution_id(),
        );
        self.send(&ixs, &[&authority]).await.expect("fail");
    }

    /// Waits out the challenge window and settles `request` (fulfilled by the default oracle).
    pub async fn settle(&mut self, request: &Pubkey) {
        self.warp(config_params(Pubkey::default()).challenge_window_slots + 1)
            .await;
        let keys = self.request_keys(request).await;
        let oracle = self.oracle.key();
        self.send(&[ix::settle_request(&keys, &oracle)], &[])
            .await
            .expect("settle");
    }

    /// Anyone (a fresh crank) delivers `request`'s callback.
    pub async fn deliver(&mut self, request: &Pubkey) -> TxResult {
        let state: Request = self.account(request).await;
        let ix = ix::deliver_callback(request, &state).expect("the request names a callback");
        self.send(&[ix], &[]).await
    }

    /// Expires the (open) `request` after its deadline.
    pub async fn expire(&mut self, request: &Pubkey) {
        self.send(&[ix::expire_request(request, None)], &[])
            .await
            .expect("expire");
    }

    async fn request_keys(&mut self, request: &Pubkey) -> ix::RequestKeys {
        let state: Request = self.account(request).await;
        ix::RequestKeys::new(*request, &state, Pubkey::default())
    }

    // ---- risk_consumer side ----------------------------------------------------------------

    /// A new authority's vault on `model` (its wallet unfunded).
    pub async fn new_vault(&mut self, model: &Pubkey, risk_threshold: f32) -> TestVault {
        let authority = self.wallet(SOL).await;
        self.send(
            &[cix::init_vault(
                &authority.pubkey(),
                model,
                risk_threshold,
                MAX_PRICE,
            )],
            &[&authority],
        )
        .await
        .expect("init_vault");
        let vault = vault_pda(&authority.pubkey());
        TestVault {
            authority,
            vault,
            wallet: wallet_pda(&vault),
            model: *model,
        }
    }

    /// A new borrower's position in the default vault; returns the borrower and the position.
    pub async fn open_position(&mut self, features: [f32; 4]) -> (Keypair, Pubkey) {
        let vault = self.v.vault;
        self.open_position_in(&vault, features).await
    }

    pub async fn open_position_in(
        &mut self,
        vault: &Pubkey,
        features: [f32; 4],
    ) -> (Keypair, Pubkey) {
        let borrower = self.wallet(SOL).await;
        self.send(
            &[cix::open_position(&borrower.pubkey(), vault, &features)],
            &[&borrower],
        )
        .await
        .expect("open_position");
        let position = position_pda(vault, &borrower.pubkey());
        (borrower, position)
    }

    /// Sends `request_score` for `position` of the default vault.
    pub async fn try_request_score(&mut self, position: &Pubkey) -> TxResult {
        let vault = self.v.vault;
        let model = self.v.model;
        self.try_request_score_in(&vault, &model, position).await
    }

    pub async fn try_request_score_in(
        &mut self,
        vault: &Pubkey,
        model: &Pubkey,
        position: &Pubkey,
    ) -> TxResult {
        let nonce = self.account::<Vault>(vault).await.next_nonce;
        let ix = cix::request_score(vault, model, position, nonce, TTL);
        self.send(&[ix], &[]).await
    }

    /// `request_score` for `position` of the default vault; returns the new request.
    pub async fn request_score(&mut self, position: &Pubkey) -> Pubkey {
        let vault = self.v.vault;
        let model = self.v.model;
        self.request_score_in(&vault, &model, position).await
    }

    pub async fn request_score_in(
        &mut self,
        vault: &Pubkey,
        model: &Pubkey,
        position: &Pubkey,
    ) -> Pubkey {
        let nonce = self.account::<Vault>(vault).await.next_nonce;
        self.try_request_score_in(vault, model, position)
            .await
            .expect("request_score");
        pda::request(&wallet_pda(vault), nonce)
    }

    /// Sends `apply_score` on the default vault.
    pub async fn apply_score(&mut self, position: &Pubkey, request: &Pubkey) -> TxResult {
        let vault = self.v.vault;
        self.send(&[cix::apply_score(&vault, position, request)], &[])
            .await
    }

    /// Sends `reclaim_request` signed by the default vault's authority.
    pub async fn reclaim(&mut self, request: &Pubkey) -> TxResult {
        let authority = self.v.authority.insecure_clone();
        let ix = cix::reclaim_request(&authority.pubkey(), &self.v.vault, request);
        self.send(&[ix], &[&authority]).await
    }

    pub async fn status(&mut self, position: &Pubkey) -> PositionStatus {
        self.account::<Position>(position).await.status
    }
}
