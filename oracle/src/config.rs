//! Operator configuration: a TOML file, overridden by environment variables and flags
//! (`main.rs` applies those). `oracle.example.toml` documents every field.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

use anchor_lang::prelude::Pubkey;
use serde::{Deserialize, Serialize};

use crate::{
    inference::{BatchConfig, ExecutionProvider},
    input::InputPolicy,
};

/// `oracle.example.toml`: every field, documented, with its default (`oracle config example`
/// prints it; a test checks it parses to the defaults).
pub const EXAMPLE: &str = include_str!("../oracle.example.toml");

/// One model this oracle serves.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ServedModel {
    /// The Model account (base58).
    #[serde(with = "pubkey_string")]
    pub account: Pubkey,
    /// The local ONNX file; its SHA-256 must equal the account's `onnx_sha256`.
    pub path: PathBuf,
}

/// Everything `oracle run` needs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OracleConfig {
    /// JSON-RPC endpoints, tried in order; the next one takes over when one fails.
    pub rpc_urls: Vec<String>,
    /// Websocket endpoints for the program subscription, tried in order.
    pub ws_urls: Vec<String>,
    /// Keypair file of the operator wallet (signs claims and fulfilments, pays fees, receives the oracle's share).
    pub payer_keypair: PathBuf,
    /// Keypair file of the ed25519 attestation key that signs results.
    pub attestation_keypair: PathBuf,
    /// The models served.
    pub models: Vec<ServedModel>,
    /// Path of ONNX Runtime's shared library (`libonnxruntime.so.1.31.1`); `ORT_DYLIB_PATH` when absent.
    pub onnxruntime_library: Option<PathBuf>,
    /// `auto` (CUDA when available, else CPU), `cpu` or `cuda`.
    pub execution_provider: ExecutionProvider,
    /// Requests worked on at once.
    pub concurrency: usize,
    /// Dynamic batching of concurrent requests for the same model.
    pub batch: BatchSettings,
    /// Compute-unit price of every transaction, in micro-lamports.
    pub priority_fee_micro_lamports: u64,
    /// Seconds between `getProgramAccounts` sweeps (the fallback to the websocket; also run at start).
    pub sweep_interval_secs: u64,
    /// How long to wait for a transaction's confirmation before sending it again, in seconds.
    pub confirm_timeout_secs: u64,
    /// How many times a transaction is sent (fresh blockhash each time) before giving up.
    pub send_attempts: u32,
    /// Where `/metrics` (Prometheus), `/health` and `/ready` are served; keep it on loopback.
    pub metrics_addr: SocketAddr,
    /// Seconds without an answer from any RPC endpoint after which `/health` answers 503.
    pub rpc_silence_unhealthy_secs: u64,
    /// Slots beyond the protocol's `min_fulfil_slots` a request must have left before its
    /// deadline for this oracle to claim it.
    pub claim_margin_slots: u64,
    /// Below this wallet balance (lamports) the oracle stops claiming.
    pub min_balance_lamports: u64,
    /// Seconds a shutdown may take: finish in-flight work, then fail what is still held.
    pub shutdown_grace_secs: u64,
    /// Collect the SOL fees owed to the oracle once they reach this (lamports; 0: never).
    pub collect_fees_min_lamports: u64,
    /// How inputs given by URI are fetched.
    pub input: InputPolicy,
    /// Where commitments not yet revealed are kept (quorum seats and dispute rounds); keep it
    /// on a persistent disk: a seat that loses its salt cannot reveal and is slashed.
    pub state_dir: PathBuf,
    /// For test rigs only: serve model files whose hash differs from their Model account (a
    /// dishonest oracle, which quorum rounds outvote and slash). Never set it in production.
    pub insecure_serve_mismatched_files: bool,
}

/// Dynamic batching limits, in config-file units.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BatchSettings {
    /// Most requests run in one batch.
    pub max_batch: usize,
    /// Longest wait for more requests after the first, in milliseconds; 0 (the default) runs
    /// what is queued at once, and what arrives meanwhile forms the next batch.
    pub max_wait_ms: u64,
}

impl Default for BatchSettings {
    fn default() -> Self {
        let defaults = BatchConfig::default();
        Self {
            max_batch: defaults.max_batch,
            max_wait_ms: defaults.max_wait.as_millis() as u64,
        }
    }
}

impl From<BatchSettings> for BatchConfig {
    fn from(settings: BatchSettings) -> Self {
        BatchConfig {
            max_batch: settings.max_batch.max(1),
            max_wait: Duration::from_millis(settings.max_wait_ms),
        }
    }
}

impl Default for OracleConfig {
    fn default() -> Self {
        Self {
            // The project's localnet defaults.
            rpc_urls: vec!["http://127.0.0.1:8999".to_owned()],
            ws_urls: vec!["ws://127.0.0.1:9000".to_owned()],
            payer_keypair: PathBuf::from("oracle-keypair.json"),
            attestation_keypair: PathBuf::from("attestation-keypair.json"),
            models: Vec::new(),
            onnxruntime_library: None,
            execution_provider: ExecutionProvider::Auto,
            // Requests worked on at once: each holds its permit for its input, its model run
            // and one transaction (claim and result together), not across slots of waiting.
            concurrency: 64,
            batch: BatchSettings::default(),
            priority_fee_micro_lamports: 1_000,
            sweep_interval_secs: 10,
            confirm_timeout_secs: 20,
            send_attempts: 4,
            metrics_addr: SocketAddr::from(([127, 0, 0, 1], 9464)),
            rpc_silence_unhealthy_secs: crate::metrics::RPC_SILENCE.as_secs(),
            // Ten slots (four seconds) beyond the protocol's floor for a claim.
            claim_margin_slots: 10,
            // 0.05 SOL: thousands of transactions at the default priority fee.
            min_balance_lamports: 50_000_000,
            shutdown_grace_secs: 30,
            collect_fees_min_lamports: 100_000_000,
            input: InputPolicy::default(),
            state_dir: PathBuf::from("oracle-state"),
            insecure_serve_mismatched_files: false,
        }
    }
}

impl OracleConfig {
    /// Reads a TOML file.
    pub fn from_file(path: &std::path::Path) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| anyhow::anyhow!("reading {}: {err}", path.display()))?;
        toml::from_str(&text).map_err(|err| anyhow::anyhow!("{}: {err}", path.display()))
    }

    /// Rejects configurations that cannot work, with the reason.
    pub fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(!self.rpc_urls.is_empty(), "at least one rpc_url is needed");
        anyhow::ensure!(self.concurrency > 0, "concurrency must be at least 1");
        anyhow::ensure!(self.send_attempts > 0, "send_attempts must be at least 1");
        anyhow::ensure!(
            self.sweep_interval_secs > 0,
            "sweep_interval_secs must be at least 1"
        );
        anyhow::ensure!(
            self.shutdown_grace_secs > 0,
            "shutdown_grace_secs must be at least 1"
        );
        Ok(())
    }
}

mod pubkey_string {
    use std::str::FromStr;

    use anchor_lang::prelude::Pubkey;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(key: &Pubkey, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&key.to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Pubkey, D::Error> {
        let text = String::deserialize(deserializer)?;
        Pubkey::from_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_parses_and_matches_the_defaults_it_documents() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("oracle.example.toml");
        let config = OracleConfig::from_file(&path).unwrap();
        config.validate().unwrap();
        let defaults = OracleConfig::default();
        assert_eq!(config.concurrency, defaults.concurrency);
        assert_eq!(config.metrics_addr, defaults.metrics_addr);
        assert_eq!(
            config.rpc_silence_unhealthy_secs,
            defaults.rpc_silence_unhealthy_secs
        );
        assert_eq!(config.claim_margin_slots, defaults.claim_margin_slots);
        assert_eq!(config.min_balance_lamports, defaults.min_balance_lamports);
        assert_eq!(config.shutdown_grace_secs, defaults.shutdown_grace_secs);
        assert_eq!(
            config.collect_fees_min_lamports,
            defaults.collect_fees_min_lamports
        );
        assert_eq!(config.input, defaults.input);
        assert_eq!(config.models.len(), 1);
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = toml::from_str::<OracleConfig>("rpc_url = \"typo\"").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
}
