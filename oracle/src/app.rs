//! Assembling the service from its configuration: keys, ONNX Runtime, models, metrics, loop.

use std::{path::Path, sync::Arc, time::Duration};

use anyhow::Context;
use inference_escrow_client::Model;
use prometheus_client::registry::Registry;
use solana_keypair::{read_keypair_file, Keypair};
use tokio::sync::watch;

use crate::{
    chain::{Chain, RetryPolicy},
    config::OracleConfig,
    inference::{init_onnx_runtime, onnx_runtime_version, InferenceError, ModelRuntime},
    metrics::{self, Health, Metrics},
    salts::SaltStore,
    service::{Oracle, Policy, Served},
};

/// What an oracle signs as the execution id of a model run by `provider` (`cpu`, `cuda`):
/// SHA-256 of `onnxruntime/<version of the loaded library>/<provider>`.
pub fn execution_descriptor(provider: &str) -> String {
    format!("onnxruntime/{}/{provider}", onnx_runtime_version())
}

/// Reads a keypair file with a message that names it.
pub fn read_keypair(path: &Path) -> anyhow::Result<Keypair> {
    read_keypair_file(path)
        .map_err(|err| anyhow::anyhow!("reading keypair {}: {err}", path.display()))
}

/// The chain as `config` describes it.
pub fn chain(config: &OracleConfig) -> Chain {
    let policy = RetryPolicy {
        send_attempts: config.send_attempts,
        confirm_timeout: Duration::from_secs(config.confirm_timeout_secs),
        ..RetryPolicy::default()
    };
    Chain::new(&config.rpc_urls, config.priority_fee_micro_lamports, policy)
}

/// Loads every served model whose file matches its Model account. A file whose SHA-256
/// differs is refused loudly (an error log and the `model_hash_mismatch` error metric).
pub async fn load_models(
    chain: &Chain,
    config: &OracleConfig,
    metrics: &Metrics,
) -> anyhow::Result<Vec<Served>> {
    anyhow::ensure!(
        !config.models.is_empty(),
        "no model to serve: pass --model MODEL_ACCOUNT=PATH_TO_ONNX, or list [[models]] in the \
         config file (`oracle config example` shows one)"
    );
    let mut served = Vec::new();
    for entry in &config.models {
        let model: Model = chain
            .account(&entry.account)
            .await?
            .with_context(|| format!("model account {} does not exist", entry.account))?;
        // Test rigs only: serve the file as it is, whatever the account says (a dishonest
        // oracle, to be outvoted and slashed).
        let expected = if config.insecure_serve_mismatched_files {
            tracing::warn!(model = %entry.account, path = %entry.path.display(), "INSECURE: serving this file whatever its hash: results may be wrong and slashed");
            crate::inference::sha256_file(&entry.path)?
        } else {
            model.onnx_sha256
        };
        match ModelRuntime::load(
            &entry.path,
            expected,
            &model.input_schema,
            &model.output_schema,
            config.execution_provider,
            config.batch.into(),
        ) {
            Ok(runtime) => {
                let descriptor = execution_descriptor(runtime.provider());
                tracing::info!(model = %entry.account, path = %entry.path.display(), execution = %descriptor, "serving model");
                served.push(Served {
                    account: entry.account,
                    model,
                    execution_id: inference_escrow_client::attestation::execution_id(&descriptor),
                    runtime,
                });
            }
            Err(err @ InferenceError::HashMismatch { .. }) => {
                metrics.error("model_hash_mismatch");
                tracing::error!(model = %entry.account, %err, "REFUSING to serve this model: its file is not the registered one");
            }
            Err(err) => {
                metrics.error("model_load");
                tracing::error!(model = %entry.account, %err, "cannot serve this model");
            }
        }
    }
    anyhow::ensure!(
        !served.is_empty(),
        "none of the {} configured models can be served (each one's error is logged above)",
        config.models.len()
    );
    Ok(served)
}

/// Runs the oracle until `shutdown` turns true.
pub async fn serve(config: OracleConfig, shutdown: watch::Receiver<bool>) -> anyhow::Result<()> {
    config.validate()?;
    init_onnx_runtime(config.onnxruntime_library.as_deref())?;
    let authority = read_keypair(&config.payer_keypair)?;
    let attestation = read_keypair(&config.attestation_keypair)?;
    let chain = Arc::new(chain(&config));
    let mut registry = Registry::default();
    let metrics = Metrics::new(&mut registry);
    registry.sub_registry_with_prefix("oracle").register(
        "rpc_calls",
        "RPC calls made, by method",
        chain.rpc_calls(),
    );
    metrics
        .build_info
        .get_or_create(&metrics::BuildLabel {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            onnxruntime: onnx_runtime_version(),
        })
        .set(1);
    let models = load_models(&chain, &config, &metrics).await?;

    let (silence, landing) = (chain.clone(), chain.clone());
    let health = Arc::new(Health::new(
        Box::new(move || silence.since_last_answer()),
        Duration::from_secs(config.rpc_silence_unhealthy_secs),
        Box::new(move || landing.landing_trouble()),
        metrics.health.clone(),
    ));
    // Served through the drain that follows a shutdown signal (an on-call engineer watches
    // /ready say "shutting down" and the drain's counts); stopped once the oracle has stopped.
    let (stop_server, server_stopped) = watch::channel(false);
    let (bound, server) = metrics::serve(
        config.metrics_addr,
        Arc::new(registry),
        health.clone(),
        server_stopped,
    )
    .await?;
    tracing::info!(%bound, "metrics on /metrics, health on /health and /ready");

    let policy = Policy {
        concurrency: config.concurrency,
        claim_margin_slots: config.claim_margin_slots,
        min_balance_lamports: config.min_balance_lamports,
        collect_fees_min_lamports: config.collect_fees_min_lamports,
        input: config.input.clone(),
    };
    let oracle = Arc::new(
        Oracle::new(
            chain,
            authority,
            attestation,
            models,
            policy,
            metrics,
            health,
            SaltStore::open(&config.state_dir).with_context(|| {
                format!("opening the state directory {}", config.state_dir.display())
            })?,
        )
        .await?,
    );
    oracle
        .run(
            config.ws_urls.clone(),
            Duration::from_secs(config.sweep_interval_secs),
            Duration::from_secs(config.shutdown_grace_secs),
            shutdown,
        )
        .await;
    let _ = stop_server.send(true);
    server.abort();
    Ok(())
}
