//! A localnet with the protocol, a model, oracle operators and requesters, and the oracle
//! service run in-process from its configuration.

#![allow(dead_code)]

use std::{
    path::PathBuf,
    sync::{
        atomic::{AtomicBool, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{
    decode, ix, pda, ConfigParams, CreateRequestArgs, DataRef, Payload, RegisterModelArgs, Request,
    RequestStatus, VerificationPolicy,
};
use inference_localnet::{default_params, setup, InitConfig, Localnet, LocalnetConfig};
use inference_oracle::{
    config::{OracleConfig, ServedModel},
    inference::{describe_model, sha256_file},
};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_keypair::{write_keypair_file, Keypair};
use solana_signer::Signer;
use tokio::{
    io::AsyncWriteExt,
    net::{TcpListener, TcpStream},
    sync::watch,
};

pub const SOL: u64 = 1_000_000_000;
pub const PRICE: u64 = 2_000_003;
pub const PROTOCOL_FEE_BPS: u64 = 250;
pub const ROYALTY_BPS: u64 = 1_000;
pub const FEE_PER_SIGNATURE: u64 = 5_000;
/// Short windows so settlement happens within a test.
pub const CHALLENGE_WINDOW: u64 = 8;

pub fn split(price: u64) -> (u64, u64, u64) {
    let protocol = price * PROTOCOL_FEE_BPS / 10_000;
    let royalty = price * ROYALTY_BPS / 10_000;
    (protocol, royalty, price - protocol - royalty)
}

/// The largest output of a model whose only dynamic dimension is the batch: one item.
pub fn one_item(schema: &inference_escrow_client::TensorSchema) -> u32 {
    schema.single_item_byte_len().expect("one item") as u32
}

/// The registration of `models/FILE` as model id `[id; 32]` under `policy`, at [`PRICE`].
pub fn model_args(file: &str, id: u8, policy: VerificationPolicy) -> RegisterModelArgs {
    let path = model_path(file);
    let (input_schema, output_schema) = describe_model(&path).expect("describe the model");
    RegisterModelArgs {
        model_id: [id; 32],
        onnx_sha256: sha256_file(&path).expect("hash the model"),
        max_output_len: one_item(&output_schema),
        input_schema,
        output_schema,
        price: PRICE,
        royalty_bps: ROYALTY_BPS as u16,
        uri: format!("file://models/{file}"),
        policy,
    }
}

/// `models/NAME` in the repository.
pub fn model_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("models")
        .join(name)
}

/// The ONNX Runtime library: ORT_DYLIB_PATH, else the project's venv (scripts/test.sh makes it).
pub fn onnxruntime_library() -> PathBuf {
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH") {
        return PathBuf::from(path);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../.venv/lib/python3.11/site-packages/onnxruntime/capi/libonnxruntime.so.1.31.1")
}

/// What `risk_v1.onnx` computes: sigmoid(features · w + b).
pub fn risk_v1(features: [f32; 4]) -> f32 {
    let w = [0.8f32, -1.2, 0.5, 2.0];
    let z: f32 = features.iter().zip(w).map(|(x, w)| x * w).sum::<f32>() - 0.3;
    1.0 / (1.0 + (-z).exp())
}

#[track_caller]
pub fn assert_close(actual: &[f32], expected: f32, what: &str) {
    assert_eq!(actual.len(), 1, "{what}: one score");
    assert!(
        (actual[0] - expected).abs() <= 1e-6,
        "{what}: {} vs {expected}",
        actual[0]
    );
}

pub fn output_scores(request: &Request) -> Vec<f32> {
    match &request.output {
        Some(DataRef::Inline(bytes)) => bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
        other => panic!("no inline output: {other:?}"),
    }
}

pub fn is_settled(request: &Request) -> bool {
    matches!(request.status, RequestStatus::Settled { .. })
}

/// An oracle service running in this process.
pub struct RunningOracle {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl RunningOracle {
    /// Graceful stop: the shutdown signal, then wait for the service to return.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        self.task.await?
    }

    /// Waits for the service to return on its own.
    pub async fn join(self) -> anyhow::Result<()> {
        self.task.await?
    }

    /// An abrupt stop, as a killed process: the task is dropped wherever it is.
    pub fn kill(self) {
        self.task.abort();
    }
}

/// The world the oracle tests run in.
pub struct Stack {
    pub localnet: Localnet,
    pub rpc: RpcClient,
    pub admin: Keypair,
    pub treasury: Pubkey,
    pub owner: Keypair,
    pub model: Pubkey,
    pub operators: Vec<Keypair>,
    pub attestations: Vec<Keypair>,
    pub requesters: Vec<Keypair>,
    pub treasury_start: u64,
    pub owner_start: u64,
    dir: PathBuf,
}

impl Stack {
    /// A localnet with the config, risk_v1 registered, two registered oracle operators and
    /// three funded requesters.
    pub async fn start() -> Self {
        Self::start_with(2).await
    }

    /// Like [`Stack::start`], with `oracles` registered oracle operators.
    pub async fn start_with(oracles: usize) -> Self {
        Self::start_configured(oracles, |_| {}).await
    }

    /// Like [`Stack::start_with`], the protocol parameters edited by `edit`.
    pub async fn start_configured(oracles: usize, edit: impl FnOnce(&mut ConfigParams)) -> Self {
        static QUIET: std::sync::Once = std::sync::Once::new();
        QUIET.call_once(|| {
            if std::env::var_os("RUST_LOG").is_none() {
                std::env::set_var("RUST_LOG", "error");
            }
        });
        let admin = Keypair::new();
        let treasury = Keypair::new().pubkey();
        let owner = Keypair::new();
        let operators: Vec<Keypair> = (0..oracles).map(|_| Keypair::new()).collect();
        let attestations: Vec<Keypair> = (0..oracles).map(|_| Keypair::new()).collect();
        let requesters = vec![Keypair::new(), Keypair::new(), Keypair::new()];
        let mut fund: Vec<(Pubkey, u64)> = vec![(owner.pubkey(), 10 * SOL), (treasury, SOL)];
        fund.extend(
            operators
                .iter()
                .chain(&requesters)
                .map(|k| (k.pubkey(), 20 * SOL)),
        );
        let mut params = ConfigParams {
            protocol_fee_bps: PROTOCOL_FEE_BPS as u16,
            claim_timeout_slots: 60,
            challenge_window_slots: CHALLENGE_WINDOW,
            unbonding_slots: 100,
            ..default_params(treasury)
        };
        edit(&mut params);
        let config = LocalnetConfig {
            slot_time_ms: 40,
            fund,
            initialize: Some(InitConfig {
                admin: admin.insecure_clone(),
                params,
            }),
            ..LocalnetConfig::default()
        };
        let localnet = inference_localnet::start(config).await.expect("localnet");
        let rpc = localnet.rpc();

        let args = model_args("risk_v1.onnx", 1, VerificationPolicy::SINGLE);
        setup::send(
            &rpc,
            &[ix::register_model(&owner.pubkey(), args, None)],
            &owner,
            &[],
        )
        .await
        .expect("register model");
        for (operator, attestation) in operators.iter().zip(&attestations) {
            let register = ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), 2 * SOL);
            setup::send(&rpc, &[register], operator, &[attestation])
                .await
                .expect("register oracle");
        }
        let dir = std::env::temp_dir().join(format!(
            "oracle-e2e-{}-{}",
            std::process::id(),
            Keypair::new().pubkey()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let treasury_start = rpc.get_balance(&treasury).await.expect("balance");
        let owner_start = rpc.get_balance(&owner.pubkey()).await.expect("balance");
        let model = pda::model(&owner.pubkey(), &[1; 32]);
        Self {
            localnet,
            rpc,
            admin,
            treasury,
            owner,
            model,
            operators,
            attestations,
            requesters,
            treasury_start,
            owner_start,
            dir,
        }
    }

    /// The oracle configuration of `operator` serving `models`.
    pub fn oracle_config(&self, operator: &Keypair, models: &[(Pubkey, PathBuf)]) -> OracleConfig {
        let index = self
            .operators
            .iter()
            .position(|k| k.pubkey() == operator.pubkey())
            .expect("a known operator");
        let payer = self.dir.join(format!("operator-{index}.json"));
        let attestation = self.dir.join(format!("attestation-{index}.json"));
        write_keypair_file(operator, &payer).expect("write keypair");
        write_keypair_file(&self.attestations[index], &attestation).expect("write keypair");
        OracleConfig {
            rpc_urls: vec![self.localnet.rpc_url.clone()],
            ws_urls: vec![self.localnet.ws_url.clone()],
            payer_keypair: payer,
            attestation_keypair: attestation,
            models: models
                .iter()
                .map(|(account, path)| ServedModel {
                    account: *account,
                    path: path.clone(),
                })
                .collect(),
            onnxruntime_library: Some(onnxruntime_library()),
            concurrency: 4,
            sweep_interval_secs: 1,
            confirm_timeout_secs: 5,
            priority_fee_micro_lamports: 0,
            metrics_addr: "127.0.0.1:0".parse().expect("address"),
            state_dir: self.dir.join(format!("state-{index}")),
            ..OracleConfig::default()
        }
    }

    /// Registers risk_v1 again (model id `id`) under `policy`; returns its account.
    pub async fn register_policy_model(&self, id: u8, policy: VerificationPolicy) -> Pubkey {
        let args = model_args("risk_v1.onnx", id, policy);
        setup::send(
            &self.rpc,
            &[ix::register_model(&self.owner.pubkey(), args, None)],
            &self.owner,
            &[],
        )
        .await
        .expect("register model");
        pda::model(&self.owner.pubkey(), &[id; 32])
    }

    /// The directory of this stack's keypairs, configurations and logs.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// The log of process `name`.
    pub fn process_log(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.join(format!("{name}.log"))).unwrap_or_default()
    }

    pub fn spawn_oracle(&self, operator: &Keypair, models: &[(Pubkey, PathBuf)]) -> RunningOracle {
        self.spawn_oracle_with(operator, models, |_| {})
    }

    pub fn spawn_oracle_with(
        &self,
        operator: &Keypair,
        models: &[(Pubkey, PathBuf)],
        edit: impl FnOnce(&mut OracleConfig),
    ) -> RunningOracle {
        let mut config = self.oracle_config(operator, models);
        edit(&mut config);
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(inference_oracle::app::serve(config, stopped));
        RunningOracle { stop, task }
    }

    /// Creates a SOL request with four f32 features; returns its key.
    pub async fn create_request(
        &self,
        requester: &Keypair,
        nonce: u64,
        features: [f32; 4],
    ) -> Pubkey {
        self.create_request_with_ttl(requester, nonce, features, 3_000)
            .await
    }

    /// Creates a SOL request with four f32 features and a time-to-live of `ttl_slots`.
    pub async fn create_request_with_ttl(
        &self,
        requester: &Keypair,
        nonce: u64,
        features: [f32; 4],
        ttl_slots: u64,
    ) -> Pubkey {
        let input = Payload::Inline(features.iter().flat_map(|v| v.to_le_bytes()).collect());
        let args = CreateRequestArgs {
            nonce,
            input,
            ttl_slots,
            callback: None,
            max_price: PRICE,
            challenger: None,
        };
        setup::send(
            &self.rpc,
            &[ix::create_request(&requester.pubkey(), &self.model, args)],
            requester,
            &[],
        )
        .await
        .expect("create request");
        pda::request(&requester.pubkey(), nonce)
    }

    /// Creates a SOL request whose input is at `uri`, declared to hash to `sha256`.
    pub async fn create_uri_request(
        &self,
        requester: &Keypair,
        nonce: u64,
        uri: String,
        sha256: [u8; 32],
    ) -> Pubkey {
        let args = CreateRequestArgs {
            nonce,
            input: Payload::Uri { uri, sha256 },
            ttl_slots: 3_000,
            callback: None,
            max_price: PRICE,
            challenger: None,
        };
        setup::send(
            &self.rpc,
            &[ix::create_request(&requester.pubkey(), &self.model, args)],
            requester,
            &[],
        )
        .await
        .expect("create request");
        pda::request(&requester.pubkey(), nonce)
    }

    /// Claims `request` as `operator` (outside the service).
    pub async fn claim_as(&self, operator: &Keypair, request: &Pubkey) {
        let state: Request = self.account(request).await;
        setup::send(
            &self.rpc,
            &[ix::claim_request(&operator.pubkey(), request, &state)],
            operator,
            &[],
        )
        .await
        .expect("claim");
    }

    /// Fulfils `request` as `operator` with `score` (outside the service).
    pub async fn fulfil_as(&self, operator: &Keypair, request: &Pubkey, score: f32) {
        let index = self
            .operators
            .iter()
            .position(|k| k.pubkey() == operator.pubkey())
            .expect("a known operator");
        let state: Request = self.account(request).await;
        let onnx = sha256_file(&model_path("risk_v1.onnx")).expect("hash");
        let fulfil = ix::fulfill_signed(
            &operator.pubkey(),
            &self.attestations[index],
            request,
            &state,
            onnx,
            Payload::Inline(score.to_le_bytes().to_vec()),
            inference_escrow_client::attestation::execution_id("onnxruntime/1.31.1/cpu"),
        );
        setup::send(&self.rpc, &fulfil, operator, &[])
            .await
            .expect("fulfil");
    }

    /// Registers `risk_v2.onnx` as a second SOL model of the owner; returns its account.
    pub async fn register_second_model(&self) -> Pubkey {
        let args = model_args("risk_v2.onnx", 2, VerificationPolicy::SINGLE);
        setup::send(
            &self.rpc,
            &[ix::register_model(&self.owner.pubkey(), args, None)],
            &self.owner,
            &[],
        )
        .await
        .expect("register the second model");
        pda::model(&self.owner.pubkey(), &[2; 32])
    }

    /// Collects the model's royalty and protocol fees into the owner's and treasury's wallets
    /// (the owner sends both).
    pub async fn collect_model_fees(&self) {
        for collect in [
            ix::collect_royalty(&self.model, &self.owner.pubkey(), None),
            ix::collect_protocol_fees(&self.model, &self.treasury, None),
        ] {
            setup::send(&self.rpc, &[collect], &self.owner, &[])
                .await
                .expect("collect");
        }
    }

    /// Collects `operator`'s SOL fees into its wallet (it sends the transaction).
    pub async fn collect_oracle_fees(&self, operator: &Keypair) {
        setup::send(
            &self.rpc,
            &[ix::collect_oracle_fees(&operator.pubkey())],
            operator,
            &[],
        )
        .await
        .expect("collect oracle fees");
    }

    /// Closes `request` as its requester, collecting any refund.
    pub async fn close(&self, requester: &Keypair, request: &Pubkey) {
        let state: Request = self.account(request).await;
        let keys = ix::RequestKeys::new(*request, &state, anchor_spl::token::ID);
        setup::send(&self.rpc, &[ix::close_request(&keys)], requester, &[])
            .await
            .expect("close");
    }

    pub async fn account<T: anchor_lang::AccountDeserialize + anchor_lang::Discriminator>(
        &self,
        key: &Pubkey,
    ) -> T {
        decode::account(&self.rpc.get_account_data(key).await.expect("account")).expect("decode")
    }

    pub async fn balance(&self, key: &Pubkey) -> u64 {
        self.rpc.get_balance(key).await.expect("balance")
    }

    /// Waits until every request satisfies `done`; returns their states in order.
    pub async fn wait_all(
        &self,
        keys: &[Pubkey],
        done: impl Fn(&Request) -> bool,
        limit: Duration,
    ) -> Vec<Request> {
        let started = Instant::now();
        loop {
            let mut states = Vec::new();
            for key in keys {
                states.push(self.account::<Request>(key).await);
            }
            if states.iter().all(&done) {
                return states;
            }
            if started.elapsed() > limit {
                let pending: Vec<String> = keys
                    .iter()
                    .zip(&states)
                    .filter(|(_, s)| !done(s))
                    .map(|(k, s)| format!("{k}: {:?}", s.status))
                    .collect();
                panic!("not done after {limit:?}: {pending:#?}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// A TCP proxy in front of an RPC endpoint that can be cut and restored.
pub struct Proxy {
    pub url: String,
    down: Arc<AtomicBool>,
}

impl Proxy {
    pub async fn start(target_url: &str) -> Self {
        let target = target_url.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let down = Arc::new(AtomicBool::new(false));
        let flag = down.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else {
                    return;
                };
                if flag.load(Ordering::SeqCst) {
                    let _ = inbound.shutdown().await;
                    continue;
                }
                let target = target.clone();
                let flag = flag.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(&target).await else {
                        return;
                    };
                    let copy = tokio::io::copy_bidirectional(&mut inbound, &mut outbound);
                    tokio::select! {
                        _ = copy => {}
                        _ = async { while !flag.load(Ordering::SeqCst) { tokio::time::sleep(Duration::from_millis(20)).await } } => {}
                    }
                });
            }
        });
        Self { url, down }
    }

    /// Cuts (true) or restores (false) the endpoint; cutting also drops open connections.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
    }
}

/// `GET path` on `addr` over plain HTTP/1.1; the whole response, status line first.
pub async fn http_get(addr: &str, path: &str) -> String {
    use tokio::io::AsyncReadExt;
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nhost: {addr}\r\n\r\n").as_bytes())
        .await
        .expect("request");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .await
        .expect("response");
    response
}
