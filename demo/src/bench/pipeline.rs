//! The end-to-end benchmark: the `oracle` binary as its own process, serving the tiny model on
//! the embedded localnet, under 1 to 256 concurrent requesters that each create a request, wait
//! for its result and create the next. Per level: results and settlements per second, request
//! to result latency in ms and slots, the oracle's RPC calls and transactions per result (from
//! its /metrics), where its time went, and its CPU and memory (from /proc).

use std::{
    collections::{BTreeMap, HashMap},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anchor_lang::prelude::Pubkey;
use anyhow::Context;
use futures_util::future::{join_all, try_join_all};
use inference_escrow_client::{
    decode, ix, pda, ConfigParams, CreateRequestArgs, Payload, RegisterModelArgs, Request,
    RequestStatus, VerificationPolicy,
};
use inference_localnet::{default_params, setup, InitConfig, Localnet, LocalnetConfig};
use inference_oracle::{
    config::{OracleConfig, ServedModel},
    inference::{describe_model, sha256_file, ExecutionProvider},
};
use serde::Serialize;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_keypair::{write_keypair_file, Keypair};
use solana_signer::Signer;
use tokio::sync::oneshot;

use super::{quantile, Load};

const SOL: u64 = 1_000_000_000;
const PRICE: u64 = 100_000;
/// Short enough that settlement happens within a level.
const CHALLENGE_WINDOW: u64 = 8;

/// Options of the pipeline benchmark.
#[derive(Clone, Debug)]
pub struct PipelineOptions {
    /// Repository root (for the model file).
    pub root: PathBuf,
    /// The `oracle` binary.
    pub oracle_bin: PathBuf,
    /// ONNX Runtime's library, for the oracle process.
    pub onnxruntime: PathBuf,
    /// Concurrent requesters, one level each.
    pub levels: Vec<usize>,
    /// Seconds of load per level.
    pub seconds: f64,
    /// Milliseconds per slot.
    pub slot_ms: u64,
    /// The oracle's execution provider.
    pub ep: ExecutionProvider,
    /// Keys, configuration and logs.
    pub dir: PathBuf,
}

/// One level's figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Level {
    /// Concurrent requesters.
    pub requesters: usize,
    /// Requests without a result within 30 s.
    pub missing: usize,
    /// Results (fulfilled requests) seen per second.
    pub fulfilled_per_s: f64,
    /// Requests that reached Settled per second, during the level.
    pub settled_per_s: f64,
    /// Request sent to result seen by the requester, ms: p50, p95, p99.
    pub latency_ms: [f64; 3],
    /// Slots from the request's slot to its result's: p50, p95, p99.
    pub latency_slots: [f64; 3],
    /// The oracle's RPC calls per result, all methods.
    pub rpc_calls_per_result: f64,
    /// The same by method.
    pub rpc_calls_by_method: BTreeMap<String, f64>,
    /// Transactions the oracle sent per result.
    pub transactions_per_result: f64,
    /// Mean seconds of the oracle's model runs.
    pub inference_mean_ms: f64,
    /// Claims the oracle did not make, by reason (free stake, balance, ...), in the level.
    pub claims_skipped: BTreeMap<String, f64>,
    /// Mean seconds from send to confirmation of the oracle's transactions, by kind.
    pub confirm_mean_ms: BTreeMap<String, f64>,
    /// The oracle process's CPU use over the level, in cores.
    pub oracle_cpu_cores: f64,
    /// Its resident memory at the end of the level, MiB.
    pub oracle_rss_mib: f64,
    /// The machine's load at the start of the level.
    pub load: Load,
}

/// The pipeline benchmark's report.
#[derive(Clone, Debug, Serialize)]
pub struct PipelineReport {
    /// Milliseconds per slot.
    pub slot_ms: u64,
    /// Seconds per level.
    pub seconds: f64,
    /// The levels.
    pub levels: Vec<Level>,
    /// A sweep's cost after the levels.
    pub sweep: SweepCost,
}

/// The oracle process; killed when dropped.
struct OracleProcess {
    child: Child,
    metrics: String,
}

impl Drop for OracleProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl OracleProcess {
    /// Counters and sums of its /metrics, by series (name with labels).
    async fn scrape(&self) -> anyhow::Result<BTreeMap<String, f64>> {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut stream = tokio::net::TcpStream::connect(&self.metrics).await?;
        stream
            .write_all(
                format!(
                    "GET /metrics HTTP/1.1\r\nhost: {}\r\nconnection: close\r\n\r\n",
                    self.metrics
                )
                .as_bytes(),
            )
            .await?;
        let mut text = String::new();
        stream.read_to_string(&mut text).await?;
        Ok(text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(|line| {
                let (series, value) = line.rsplit_once(' ')?;
                Some((series.to_owned(), value.parse().ok()?))
            })
            .collect())
    }

    /// User + system CPU seconds and resident MiB, from /proc.
    fn usage(&self) -> (f64, f64) {
        let pid = self.child.id();
        let ticks = 100.0; // USER_HZ on Linux
        let cpu = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .ok()
            .and_then(|stat| {
                let after = stat.rsplit_once(')')?.1;
                let fields: Vec<&str> = after.split_whitespace().collect();
                let user: f64 = fields.get(11)?.parse().ok()?;
                let system: f64 = fields.get(12)?.parse().ok()?;
                Some((user + system) / ticks)
            })
            .unwrap_or(0.0);
        let rss = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|status| {
                let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
                let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
                Some(kib / 1024.0)
            })
            .unwrap_or(0.0);
        (cpu, rss)
    }
}

fn sum_of(metrics: &BTreeMap<String, f64>, prefix: &str) -> f64 {
    metrics
        .iter()
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(_, v)| v)
        .sum()
}

/// `series{kind="X"}` → X, for the series of `name`.
fn by_kind(metrics: &BTreeMap<String, f64>, name: &str) -> BTreeMap<String, f64> {
    metrics
        .iter()
        .filter_map(|(k, v)| {
            let rest = k.strip_prefix(name)?.strip_prefix("{kind=\"")?;
            Some((rest.split('"').next()?.to_owned(), *v))
        })
        .collect()
}

fn delta(after: &BTreeMap<String, f64>, before: &BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    after
        .iter()
        .map(|(k, v)| (k.clone(), v - before.get(k).copied().unwrap_or(0.0)))
        .collect()
}

/// A free TCP port on loopback.
fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The world of the pipeline: a localnet with the tiny model registered and one oracle.
struct Pipeline {
    localnet: Localnet,
    rpc: Arc<RpcClient>,
    model: Pubkey,
    bank: Keypair,
}

impl Pipeline {
    async fn start(options: &PipelineOptions) -> anyhow::Result<(Self, Keypair)> {
        let admin = Keypair::new();
        let owner = Keypair::new();
        let operator = Keypair::new();
        let bank = Keypair::new();
        let treasury = Keypair::new().pubkey();
        let params = ConfigParams {
            challenge_window_slots: CHALLENGE_WINDOW,
            ..default_params(treasury)
        };
        let config = LocalnetConfig {
            slot_time_ms: options.slot_ms,
            fund: vec![
                (owner.pubkey(), 10 * SOL),
                (operator.pubkey(), 100 * SOL),
                (bank.pubkey(), 1_000 * SOL),
                (treasury, SOL),
            ],
            initialize: Some(InitConfig { admin, params }),
            ..LocalnetConfig::default()
        };
        let localnet = inference_localnet::start(config).await?;
        let rpc = Arc::new(localnet.rpc());
        let path = options.root.join("models/risk_v1.onnx");
        let (input_schema, output_schema) = describe_model(&path)?;
        let args = RegisterModelArgs {
            model_id: [7; 32],
            onnx_sha256: sha256_file(&path)?,
            max_output_len: 4,
            input_schema,
            output_schema,
            price: PRICE,
            royalty_bps: 1_000,
            uri: "file://models/risk_v1.onnx".to_owned(),
            policy: VerificationPolicy::SINGLE,
        };
        setup::send(
            &rpc,
            &[ix::register_model(&owner.pubkey(), args, None)],
            &owner,
            &[],
        )
        .await?;
        Ok((
            Self {
                localnet,
                rpc,
                model: pda::model(&owner.pubkey(), &[7; 32]),
                bank,
            },
            operator,
        ))
    }

    /// Registers `operator` and starts its `oracle run` process with the default configuration.
    async fn spawn_oracle(
        &self,
        options: &PipelineOptions,
        operator: &Keypair,
    ) -> anyhow::Result<OracleProcess> {
        let attestation = Keypair::new();
        let register = ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), 50 * SOL);
        setup::send(&self.rpc, &[register], operator, &[&attestation]).await?;
        std::fs::create_dir_all(&options.dir)?;
        let payer = options.dir.join("operator.json");
        let attest = options.dir.join("attestation.json");
        write_keypair_file(operator, &payer).map_err(|e| anyhow::anyhow!("{e}"))?;
        write_keypair_file(&attestation, &attest).map_err(|e| anyhow::anyhow!("{e}"))?;
        let metrics = format!("127.0.0.1:{}", free_port()?);
        let config = OracleConfig {
            rpc_urls: vec![self.localnet.rpc_url.clone()],
            ws_urls: vec![self.localnet.ws_url.clone()],
            payer_keypair: payer,
            attestation_keypair: attest,
            models: vec![ServedModel {
                account: self.model,
                path: options.root.join("models/risk_v1.onnx"),
            }],
            onnxruntime_library: Some(options.onnxruntime.clone()),
            execution_provider: options.ep,
            metrics_addr: metrics.parse()?,
            state_dir: options.dir.join("oracle-state"),
            ..OracleConfig::default()
        };
        let path = options.dir.join("oracle.toml");
        std::fs::write(&path, toml::to_string(&config)?)?;
        let log = std::fs::File::create(options.dir.join("oracle.log"))?;
        let child = Command::new(&options.oracle_bin)
            .arg("--config")
            .arg(&path)
            .arg("run")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .with_context(|| format!("starting {}", options.oracle_bin.display()))?;
        let process = OracleProcess { child, metrics };
        // Ready once /metrics answers.
        let started = Instant::now();
        while process.scrape().await.is_err() {
            anyhow::ensure!(
                started.elapsed() < Duration::from_secs(60),
                "the oracle did not start; see {}",
                options.dir.join("oracle.log").display()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        Ok(process)
    }

    /// `n` funded requesters (20 transfers per transaction).
    async fn requesters(&self, n: usize) -> anyhow::Result<Vec<Keypair>> {
        let keys: Vec<Keypair> = (0..n).map(|_| Keypair::new()).collect();
        try_join_all(keys.chunks(20).map(|chunk| {
            let transfers: Vec<_> = chunk
                .iter()
                .map(|k| {
                    solana_system_interface::instruction::transfer(
                        &self.bank.pubkey(),
                        &k.pubkey(),
                        2 * SOL,
                    )
                })
                .collect();
            let (rpc, bank) = (self.rpc.clone(), &self.bank);
            async move { setup::send(&rpc, &transfers, bank, &[]).await }
        }))
        .await?;
        Ok(keys)
    }
}

/// Requests waiting for their result, and who to tell.
type Waiting = Arc<Mutex<HashMap<Pubkey, oneshot::Sender<u64>>>>;

/// Reads every waiting request every 20 ms in one `getMultipleAccounts` per 100 and tells each
/// requester its result's slot distance, so that the requesters' polling does not load the
/// validator the oracle runs against.
async fn watch_results(rpc: Arc<RpcClient>, waiting: Waiting, until: Instant) {
    while Instant::now() < until + Duration::from_secs(60) {
        let keys: Vec<Pubkey> = waiting
            .lock()
            .map(|w| w.keys().copied().collect())
            .unwrap_or_default();
        for chunk in keys.chunks(100) {
            let Ok(accounts) = rpc.get_multiple_accounts(chunk).await else {
                continue;
            };
            for (key, account) in chunk.iter().zip(accounts) {
                let Some(state) = account.and_then(|a| decode::account::<Request>(&a.data).ok())
                else {
                    continue;
                };
                if let RequestStatus::Fulfilled { slot, .. } | RequestStatus::Settled { slot, .. } =
                    state.status
                {
                    if let Some(tell) = waiting.lock().ok().and_then(|mut w| w.remove(key)) {
                        let _ = tell.send(slot.saturating_sub(state.created_slot));
                    }
                }
            }
        }
        if keys.is_empty() && Instant::now() > until {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// How long a requester waits for a result before counting it as missing.
const RESULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What one requester saw: per request, ms and slots to its result (`None`: no result within
/// [`RESULT_TIMEOUT`]).
async fn requester(
    rpc: Arc<RpcClient>,
    model: Pubkey,
    key: Keypair,
    until: Instant,
    waiting: Waiting,
) -> anyhow::Result<Vec<Option<(f64, u64)>>> {
    let mut seen = Vec::new();
    let mut nonce = 0u64;
    while Instant::now() < until {
        let args = CreateRequestArgs {
            nonce,
            input: Payload::Inline(
                [0.5f32, 1.0, 0.25, 0.1]
                    .iter()
                    .flat_map(|v| v.to_le_bytes())
                    .collect(),
            ),
            ttl_slots: 300,
            callback: None,
            max_price: PRICE,
            challenger: None,
        };
        let request = pda::request(&key.pubkey(), nonce);
        nonce += 1;
        let (tell, result) = oneshot::channel();
        if let Ok(mut w) = waiting.lock() {
            w.insert(request, tell);
        }
        let sent = Instant::now();
        setup::send(
            &rpc,
            &[ix::create_request(&key.pubkey(), &model, args)],
            &key,
            &[],
        )
        .await?;
        match tokio::time::timeout(RESULT_TIMEOUT, result).await {
            Ok(slots) => seen.push(Some((sent.elapsed().as_secs_f64() * 1e3, slots?))),
            // Counted as a request without a result; the requester moves on.
            Err(_) => {
                if let Ok(mut w) = waiting.lock() {
                    w.remove(&request);
                }
                seen.push(None);
            }
        }
    }
    Ok(seen)
}

/// Runs every level against one localnet and one oracle process.
pub async fn run(
    options: &PipelineOptions,
    mut progress: impl FnMut(&str),
) -> anyhow::Result<PipelineReport> {
    let (pipeline, operator) = Pipeline::start(options).await?;
    let oracle = pipeline.spawn_oracle(options, &operator).await?;
    let mut levels = Vec::new();
    for &n in &options.levels {
        progress(&format!("pipeline: {n} concurrent requesters"));
        let keys = pipeline.requesters(n).await?;
        let load = Load::now();
        let before = oracle.scrape().await?;
        let (cpu_before, _) = oracle.usage();
        let started = Instant::now();
        let until = started + Duration::from_secs_f64(options.seconds);
        let waiting: Waiting = Arc::default();
        let watcher = tokio::spawn(watch_results(pipeline.rpc.clone(), waiting.clone(), until));
        let runs = join_all(keys.into_iter().map(|key| {
            requester(
                pipeline.rpc.clone(),
                pipeline.model,
                key,
                until,
                waiting.clone(),
            )
        }))
        .await;
        watcher.abort();
        let elapsed = started.elapsed().as_secs_f64();
        let after = oracle.scrape().await?;
        let (cpu_after, rss) = oracle.usage();
        let mut results = Vec::new();
        let mut missing = 0;
        for run in runs {
            for seen in run? {
                match seen {
                    Some(result) => results.push(result),
                    None => missing += 1,
                }
            }
        }
        let changes = delta(&after, &before);
        let fulfilled = sum_of(&changes, "oracle_requests_fulfilled_total");
        let settled = sum_of(&changes, "oracle_requests_settled_total");
        let calls = by_kind(&changes, "oracle_rpc_calls_total");
        let per = |x: f64| if fulfilled > 0.0 { x / fulfilled } else { 0.0 };
        let sums = by_kind(&changes, "oracle_transaction_seconds_sum");
        let counts = by_kind(&changes, "oracle_transaction_seconds_count");
        let inference_sum = sum_of(&changes, "oracle_inference_seconds_sum");
        let inference_count = sum_of(&changes, "oracle_inference_seconds_count");
        let mut ms: Vec<f64> = results.iter().map(|r| r.0).collect();
        let mut slots: Vec<f64> = results.iter().map(|r| r.1 as f64).collect();
        ms.sort_by(f64::total_cmp);
        slots.sort_by(f64::total_cmp);
        let q = |v: &[f64]| [quantile(v, 0.50), quantile(v, 0.95), quantile(v, 0.99)];
        levels.push(Level {
            requesters: n,
            missing,
            fulfilled_per_s: results.len() as f64 / elapsed,
            settled_per_s: settled / elapsed,
            latency_ms: q(&ms),
            latency_slots: q(&slots),
            rpc_calls_per_result: per(calls.values().sum()),
            rpc_calls_by_method: calls.iter().map(|(k, v)| (k.clone(), per(*v))).collect(),
            transactions_per_result: per(calls.get("sendTransaction").copied().unwrap_or(0.0)),
            inference_mean_ms: if inference_count > 0.0 {
                inference_sum / inference_count * 1e3
            } else {
                0.0
            },
            claims_skipped: by_kind(&changes, "oracle_claims_skipped_total"),
            confirm_mean_ms: sums
                .iter()
                .filter_map(|(k, s)| {
                    let c = counts.get(k).copied().unwrap_or(0.0);
                    (c > 0.0).then(|| (k.clone(), s / c * 1e3))
                })
                .collect(),
            oracle_cpu_cores: (cpu_after - cpu_before) / elapsed,
            oracle_rss_mib: rss,
            load,
        });
        // Let the level's requests settle before the next one starts.
        tokio::time::sleep(Duration::from_millis(
            options.slot_ms * (CHALLENGE_WINDOW + 4),
        ))
        .await;
    }
    drop(oracle);
    progress("pipeline: the cost of a discovery sweep, with the levels' requests left unclosed");
    let sweep = sweep_cost(&pipeline.localnet.rpc_url, &pipeline.model).await?;
    pipeline.localnet.stop();
    Ok(PipelineReport {
        slot_ms: options.slot_ms,
        seconds: options.seconds,
        levels,
        sweep,
    })
}

/// What one sweep of a model's requests costs with the terminal requests the levels left
/// unclosed (every requester here leaves them, as a careless dApp would): all requests of the
/// model (the filter before issue 12) against the live ones only (the oracle's filter now).
#[derive(Clone, Debug, Serialize)]
pub struct SweepCost {
    /// Request accounts of the model not closed.
    pub not_closed: usize,
    /// Of those, the live ones (open, claimed, fulfilled, challenged).
    pub live: usize,
    /// Median milliseconds of `getProgramAccounts` for all of them.
    pub all_ms: f64,
    /// Median milliseconds of the live sweep (one call per live status).
    pub live_ms: f64,
}

async fn sweep_cost(rpc_url: &str, model: &Pubkey) -> anyhow::Result<SweepCost> {
    let chain = inference_oracle::chain::Chain::new(
        &[rpc_url.to_owned()],
        0,
        inference_oracle::chain::RetryPolicy::default(),
    );
    let (mut all_ms, mut live_ms) = (Vec::new(), Vec::new());
    let (mut not_closed, mut live) = (0, 0);
    for _ in 0..5 {
        let started = Instant::now();
        not_closed = chain.requests_of(model).await?.len();
        all_ms.push(started.elapsed().as_secs_f64() * 1e3);
        let started = Instant::now();
        live = chain.live_requests_of(model).await?.len();
        live_ms.push(started.elapsed().as_secs_f64() * 1e3);
    }
    all_ms.sort_by(f64::total_cmp);
    live_ms.sort_by(f64::total_cmp);
    Ok(SweepCost {
        not_closed,
        live,
        all_ms: quantile(&all_ms, 0.5),
        live_ms: quantile(&live_ms, 0.5),
    })
}

impl std::fmt::Display for PipelineReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "pipeline (one oracle process, default configuration, tiny model; {} ms slots, {:.0} s per level)",
            self.slot_ms, self.seconds
        )?;
        writeln!(
            f,
            "  requesters  results/s  settled/s   latency ms p50/p95/p99    slots p50/p95/p99   no result  RPC/result  tx/result  oracle CPU  RSS MiB  load"
        )?;
        for l in &self.levels {
            writeln!(
                f,
                "  {:>10}  {:>9.1}  {:>9.1}   {:>6.0} /{:>6.0} /{:>6.0}    {:>5.0} /{:>4.0} /{:>4.0}   {:>9}  {:>10.1}  {:>9.2}  {:>10.2}  {:>7.0}  {:.2}",
                l.requesters,
                l.fulfilled_per_s,
                l.settled_per_s,
                l.latency_ms[0],
                l.latency_ms[1],
                l.latency_ms[2],
                l.latency_slots[0],
                l.latency_slots[1],
                l.latency_slots[2],
                l.missing,
                l.rpc_calls_per_result,
                l.transactions_per_result,
                l.oracle_cpu_cores,
                l.oracle_rss_mib,
                l.load.load1
            )?;
        }
        for l in &self.levels {
            let calls: Vec<String> = l
                .rpc_calls_by_method
                .iter()
                .map(|(k, v)| format!("{k} {v:.1}"))
                .collect();
            let confirms: Vec<String> = l
                .confirm_mean_ms
                .iter()
                .map(|(k, v)| format!("{k} {v:.0} ms"))
                .collect();
            let skipped: Vec<String> = l
                .claims_skipped
                .iter()
                .map(|(k, v)| format!("{k} {v:.0}"))
                .collect();
            writeln!(
                f,
                "  {:>3} requesters: RPC per result: {}; confirmation: {}; model run {:.2} ms; claims skipped: {}",
                l.requesters,
                calls.join(", "),
                confirms.join(", "),
                l.inference_mean_ms,
                if skipped.is_empty() { "none".to_owned() } else { skipped.join(", ") }
            )?;
        }
        let sweep = &self.sweep;
        writeln!(
            f,
            "  sweep with {} requests not closed ({} live): all of the model's {:.1} ms, live only {:.1} ms",
            sweep.not_closed, sweep.live, sweep.all_ms, sweep.live_ms
        )?;
        Ok(())
    }
}

/// The `oracle` binary beside this executable (same build profile).
pub fn oracle_beside(exe: &Path) -> PathBuf {
    exe.parent()
        .map_or_else(|| PathBuf::from("oracle"), |dir| dir.join("oracle"))
}
