//! Prometheus metrics and the health endpoint, served on loopback.
//!
//! `GET /metrics` is the Prometheus text format; `GET /health` answers `200 ok` while the
//! service loop runs and the oracle can claim, and `503` with the reason otherwise (starting,
//! wallet below its balance floor, not an active oracle, shutting down, stopped).

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use prometheus_client::{
    encoding::{text::encode, EncodeLabelSet},
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{exponential_buckets, Histogram},
    },
    registry::Registry,
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
    sync::watch,
};

/// A metric label: the model account.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ModelLabel {
    /// Model account, base58.
    pub model: String,
}

/// A metric label: the model and the execution provider that really runs it.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ProviderLabel {
    /// Model account, base58.
    pub model: String,
    /// `cpu` or `cuda`.
    pub provider: String,
}

/// A metric label: an instruction or an error kind.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct KindLabel {
    /// What it was.
    pub kind: String,
}

/// A metric label: a model and how one of this oracle's seats ended.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct SeatLabel {
    /// Model account, base58.
    pub model: String,
    /// `quorum` (a request's own round) or `dispute` (a re-execution round).
    pub round: String,
    /// `agreed`, `disagreed`, `no_show` or `failed`.
    pub outcome: String,
}

/// Every metric the oracle exports.
#[derive(Clone)]
pub struct Metrics {
    /// Requests for served models seen (by websocket or sweep), per model.
    pub requests_seen: Family<ModelLabel, Counter>,
    /// Requests this oracle claimed.
    pub requests_claimed: Family<ModelLabel, Counter>,
    /// Requests this oracle fulfilled.
    pub requests_fulfilled: Family<ModelLabel, Counter>,
    /// Requests this oracle failed with a signed failure.
    pub requests_failed: Family<ModelLabel, Counter>,
    /// Requests this oracle settled.
    pub requests_settled: Family<ModelLabel, Counter>,
    /// Seconds per inference, as the batch that carried the request took.
    pub inference_seconds: Family<ModelLabel, Histogram>,
    /// Requests per model run.
    pub batch_size: Family<ModelLabel, Histogram>,
    /// Seconds from first send to confirmation, per instruction.
    pub transaction_seconds: Family<KindLabel, Histogram>,
    /// Settlements carried per transaction that landed with several.
    pub settlements_per_transaction: Histogram,
    /// Errors, by kind.
    pub errors: Family<KindLabel, Counter>,
    /// 1 for the execution provider each model really runs on.
    pub execution_provider: Family<ProviderLabel, Gauge>,
    /// 1 while the service loop runs.
    pub up: Gauge,
    /// 1 while the oracle takes new claims; 0 when it stopped (balance floor, not active,
    /// shutting down).
    pub claiming: Gauge,
    /// Lamports in the operator wallet (which pays for every transaction).
    pub wallet_lamports: Gauge,
    /// Lamports staked in the oracle account, and the part locked as claim bonds.
    pub stake_lamports: Gauge,
    /// Lamports of the stake locked as claim bonds by held requests.
    pub bonded_lamports: Gauge,
    /// Lamports of SOL fees owed to the oracle, not yet collected.
    pub fees_owed_lamports: Gauge,
    /// Claims not made, by reason (`balance`, `free_stake`, `deadline`, `draining`, `output_by_uri`).
    pub claims_skipped: Family<KindLabel, Counter>,
    /// Inputs that could not be loaded, by category (`too_large`, `timeout`, `host`, ...).
    pub input_failures: Family<KindLabel, Counter>,
    /// Seats this oracle held in rounds that ended, by how they ended for it.
    pub seats: Family<SeatLabel, Counter>,
    /// Lamports of this oracle's stake slashed (claim bonds lost), as it observed them.
    pub slashed_lamports: Counter,
    /// Seats committed but not revealable (the salt store lost the entry).
    pub salts_lost: Counter,
}

impl Metrics {
    /// New metrics, registered in `registry` under the `oracle_` prefix.
    pub fn new(registry: &mut Registry) -> Self {
        let metrics = Self {
            requests_seen: Family::default(),
            requests_claimed: Family::default(),
            requests_fulfilled: Family::default(),
            requests_failed: Family::default(),
            requests_settled: Family::default(),
            inference_seconds: Family::new_with_constructor(|| {
                Histogram::new(exponential_buckets(0.000_05, 2.0, 18))
            }),
            batch_size: Family::new_with_constructor(|| {
                Histogram::new(exponential_buckets(1.0, 2.0, 8))
            }),
            transaction_seconds: Family::new_with_constructor(|| {
                Histogram::new(exponential_buckets(0.01, 2.0, 14))
            }),
            settlements_per_transaction: Histogram::new(exponential_buckets(2.0, 2.0, 4)),
            errors: Family::default(),
            execution_provider: Family::default(),
            up: Gauge::default(),
            claiming: Gauge::default(),
            wallet_lamports: Gauge::default(),
            stake_lamports: Gauge::default(),
            bonded_lamports: Gauge::default(),
            fees_owed_lamports: Gauge::default(),
            claims_skipped: Family::default(),
            input_failures: Family::default(),
            seats: Family::default(),
            slashed_lamports: Counter::default(),
            salts_lost: Counter::default(),
        };
        let r = registry.sub_registry_with_prefix("oracle");
        r.register(
            "requests_seen",
            "Requests for served models seen",
            metrics.requests_seen.clone(),
        );
        r.register(
            "requests_claimed",
            "Requests claimed",
            metrics.requests_claimed.clone(),
        );
        r.register(
            "requests_fulfilled",
            "Requests fulfilled",
            metrics.requests_fulfilled.clone(),
        );
        r.register(
            "requests_failed",
            "Requests failed with a signed failure",
            metrics.requests_failed.clone(),
        );
        r.register(
            "requests_settled",
            "Requests settled",
            metrics.requests_settled.clone(),
        );
        r.register(
            "inference_seconds",
            "Seconds per model run",
            metrics.inference_seconds.clone(),
        );
        r.register(
            "batch_size",
            "Requests per model run",
            metrics.batch_size.clone(),
        );
        r.register(
            "transaction_seconds",
            "Seconds from send to confirmation",
            metrics.transaction_seconds.clone(),
        );
        r.register(
            "settlements_per_transaction",
            "Settlements carried by each packed settlement transaction",
            metrics.settlements_per_transaction.clone(),
        );
        r.register("errors", "Errors by kind", metrics.errors.clone());
        r.register(
            "execution_provider",
            "Execution provider running each model",
            metrics.execution_provider.clone(),
        );
        r.register("up", "1 while the service loop runs", metrics.up.clone());
        r.register(
            "claiming",
            "1 while the oracle takes new claims",
            metrics.claiming.clone(),
        );
        r.register(
            "wallet_lamports",
            "Lamports in the operator wallet",
            metrics.wallet_lamports.clone(),
        );
        r.register(
            "stake_lamports",
            "Lamports staked",
            metrics.stake_lamports.clone(),
        );
        r.register(
            "bonded_lamports",
            "Lamports of stake locked as claim bonds",
            metrics.bonded_lamports.clone(),
        );
        r.register(
            "fees_owed_lamports",
            "SOL fees owed to the oracle, not yet collected",
            metrics.fees_owed_lamports.clone(),
        );
        r.register(
            "claims_skipped",
            "Claims not made, by reason",
            metrics.claims_skipped.clone(),
        );
        r.register(
            "input_failures",
            "Request inputs that could not be loaded, by category",
            metrics.input_failures.clone(),
        );
        r.register(
            "seats",
            "Seats held in ended rounds, by outcome (agreed, disagreed, no_show, failed)",
            metrics.seats.clone(),
        );
        r.register(
            "slashed_lamports",
            "Lamports of this oracle's stake slashed",
            metrics.slashed_lamports.clone(),
        );
        r.register(
            "salts_lost",
            "Commitments that could not be revealed because their salt was lost",
            metrics.salts_lost.clone(),
        );
        metrics
    }

    /// Counts one claim not made for `reason`.
    pub fn skip_claim(&self, reason: &str) {
        self.claims_skipped
            .get_or_create(&KindLabel {
                kind: reason.to_owned(),
            })
            .inc();
    }

    /// Counts one error of `kind`.
    pub fn error(&self, kind: &str) {
        self.errors
            .get_or_create(&KindLabel {
                kind: kind.to_owned(),
            })
            .inc();
    }

    /// The label of `model`.
    pub fn model(model: &anchor_lang::prelude::Pubkey) -> ModelLabel {
        ModelLabel {
            model: model.to_string(),
        }
    }
}

/// What `/health` reports: healthy, or the reason the oracle is not doing its job.
#[derive(Debug)]
pub struct Health {
    problem: Mutex<Option<String>>,
}

impl Default for Health {
    fn default() -> Self {
        Self {
            problem: Mutex::new(Some("starting".to_owned())),
        }
    }
}

impl Health {
    /// The oracle runs and takes claims.
    pub fn set_ok(&self) {
        if let Ok(mut problem) = self.problem.lock() {
            *problem = None;
        }
    }

    /// The oracle is not doing its job, for `reason`.
    pub fn set_problem(&self, reason: impl Into<String>) {
        if let Ok(mut problem) = self.problem.lock() {
            *problem = Some(reason.into());
        }
    }

    /// `None` when healthy, else the reason.
    pub fn problem(&self) -> Option<String> {
        self.problem
            .lock()
            .map(|p| p.clone())
            .unwrap_or_else(|_| Some("health state poisoned".to_owned()))
    }
}

/// Serves `/metrics` and `/health` on `addr` until `shutdown` turns true. Returns the bound
/// address (port 0 picks a free one).
pub async fn serve(
    addr: SocketAddr,
    registry: Arc<Registry>,
    healthy: Arc<Health>,
    mut shutdown: watch::Receiver<bool>,
) -> anyhow::Result<(SocketAddr, tokio::task::JoinHandle<()>)> {
    let listener = TcpListener::bind(addr)
        .await
        .map_err(|err| anyhow::anyhow!("binding the metrics address {addr}: {err}"))?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = shutdown.changed() => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    let registry = registry.clone();
                    let healthy = healthy.clone();
                    tokio::spawn(async move {
                        if let Err(err) = answer(stream, &registry, &healthy).await {
                            tracing::debug!(%err, "metrics connection");
                        }
                    });
                }
            }
        }
    });
    Ok((bound, task))
}

/// Answers one HTTP/1.1 request.
async fn answer(
    mut stream: tokio::net::TcpStream,
    registry: &Registry,
    healthy: &Health,
) -> anyhow::Result<()> {
    let mut buffer = [0u8; 1024];
    let read = stream.read(&mut buffer).await?;
    let request = String::from_utf8_lossy(&buffer[..read]);
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let (status, content_type, body) = match path {
        "/metrics" => {
            let mut body = String::new();
            encode(&mut body, registry)?;
            (
                "200 OK",
                "application/openmetrics-text; version=1.0.0; charset=utf-8",
                body,
            )
        }
        "/health" => match healthy.problem() {
            None => ("200 OK", "text/plain", "ok\n".to_owned()),
            Some(problem) => (
                "503 Service Unavailable",
                "text/plain",
                format!("{problem}\n"),
            ),
        },
        _ => (
            "404 Not Found",
            "text/plain",
            "try /metrics or /health\n".to_owned(),
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await?;
    Ok(())
}
