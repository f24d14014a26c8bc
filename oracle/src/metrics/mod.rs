//! Prometheus metrics (every name below is exported as `oracle_<name>`, counters with
//! `_total`), and the `/health` and `/ready` endpoints ([`http`]), served on loopback.
//! `docs/operations.md` says what each means and how to alert on it.

mod http;

pub use http::{serve, Health, HealthGauges, LandingTrouble, RpcSilence, RPC_SILENCE, STALL_AFTER};
use prometheus_client::{
    encoding::EncodeLabelSet,
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{exponential_buckets, Histogram},
    },
    registry::Registry,
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
    /// `agreed`, `disagreed`, `no_show`, `no_consensus` or `failed`.
    pub outcome: String,
}

/// The labels of `build_info`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct BuildLabel {
    /// The oracle's version.
    pub version: String,
    /// The ONNX Runtime library loaded.
    pub onnxruntime: String,
}

/// Every metric the oracle exports.
#[derive(Clone)]
pub struct Metrics {
    /// Requests for served models this oracle started work on, per model: each request once,
    /// however often the websocket and the sweeps show it again.
    pub requests_seen: Family<ModelLabel, Counter>,
    /// Slots from a request's creation to the slot its result (or signed failure) from this
    /// oracle landed in.
    pub request_to_result_slots: Family<ModelLabel, Histogram>,
    /// Seconds from this oracle first seeing a request to its result landing.
    pub seen_to_result_seconds: Family<ModelLabel, Histogram>,
    /// Requests being worked on now (claims, model runs, rounds).
    pub in_flight: Gauge,
    /// Requests fulfilled (or challenged) by this oracle waiting to be settled.
    pub pending_settlements: Gauge,
    /// Open requests skipped for want of free stake, waiting for bonds to come back.
    pub waiting_for_stake: Gauge,
    /// The slot the RPC endpoint in use reported at the last sweep.
    pub slot: Gauge,
    /// Slots the RPC endpoint in use is behind the newest slot the oracle has seen (from
    /// websocket notifications and every endpoint it asked).
    pub slot_lag: Gauge,
    /// 1 while the websocket subscription is connected.
    pub websocket_connected: Gauge,
    /// 1, labelled with the version and the ONNX Runtime loaded.
    pub build_info: Family<BuildLabel, Gauge>,
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
    /// Lamports staked in the oracle account.
    pub stake_lamports: Gauge,
    /// Lamports of the stake not locked as bonds, as the chain last said.
    pub free_stake_lamports: Gauge,
    /// `healthy`, `ready` and `rpc_silence_seconds`: set at every scrape from what `/health`
    /// and `/ready` would answer.
    pub health: HealthGauges,
    /// Lamports of the stake locked as claim bonds by held requests.
    pub bonded_lamports: Gauge,
    /// Lamports of SOL fees owed to the oracle, not yet collected.
    pub fees_owed_lamports: Gauge,
    /// Claims not made, once per request and reason (`balance`, `free_stake`, `draining`,
    /// `output_by_uri`, `claimed_by_another`).
    pub claims_skipped: Family<KindLabel, Counter>,
    /// Callbacks of settled requests this oracle tried to deliver, by outcome (`delivered`,
    /// `refused`: the consumer or the escrow refused it, `unanswered`).
    pub callbacks: Family<KindLabel, Counter>,
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
            request_to_result_slots: Family::new_with_constructor(|| {
                Histogram::new(exponential_buckets(1.0, 2.0, 12))
            }),
            seen_to_result_seconds: Family::new_with_constructor(|| {
                Histogram::new(exponential_buckets(0.05, 2.0, 14))
            }),
            in_flight: Gauge::default(),
            pending_settlements: Gauge::default(),
            waiting_for_stake: Gauge::default(),
            slot: Gauge::default(),
            slot_lag: Gauge::default(),
            websocket_connected: Gauge::default(),
            build_info: Family::default(),
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
            callbacks: Family::default(),
            execution_provider: Family::default(),
            up: Gauge::default(),
            claiming: Gauge::default(),
            wallet_lamports: Gauge::default(),
            stake_lamports: Gauge::default(),
            free_stake_lamports: Gauge::default(),
            health: HealthGauges::default(),
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
            "Requests for served models this oracle started work on (each once)",
            metrics.requests_seen.clone(),
        );
        r.register(
            "request_to_result_slots",
            "Slots from a request's creation to this oracle's result landing",
            metrics.request_to_result_slots.clone(),
        );
        r.register(
            "seen_to_result_seconds",
            "Seconds from this oracle first seeing a request to its result landing",
            metrics.seen_to_result_seconds.clone(),
        );
        r.register(
            "in_flight",
            "Requests being worked on now",
            metrics.in_flight.clone(),
        );
        r.register(
            "pending_settlements",
            "Requests of this oracle waiting to be settled",
            metrics.pending_settlements.clone(),
        );
        r.register(
            "waiting_for_stake",
            "Open requests skipped for want of free stake",
            metrics.waiting_for_stake.clone(),
        );
        r.register(
            "slot",
            "The slot the RPC endpoint in use reported at the last sweep",
            metrics.slot.clone(),
        );
        r.register(
            "slot_lag",
            "Slots the RPC endpoint in use is behind the newest slot seen",
            metrics.slot_lag.clone(),
        );
        r.register(
            "websocket_connected",
            "1 while the websocket subscription is connected",
            metrics.websocket_connected.clone(),
        );
        r.register(
            "build_info",
            "1, labelled with the oracle's version and ONNX Runtime",
            metrics.build_info.clone(),
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
            "free_stake_lamports",
            "Lamports of stake not locked as bonds",
            metrics.free_stake_lamports.clone(),
        );
        r.register(
            "healthy",
            "1 while /health answers 200",
            metrics.health.healthy.clone(),
        );
        r.register(
            "ready",
            "1 while /ready answers 200",
            metrics.health.ready.clone(),
        );
        r.register(
            "rpc_silence_seconds",
            "Seconds since an RPC endpoint last answered",
            metrics.health.rpc_silence_seconds.clone(),
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
            "callbacks",
            "Callbacks of settled requests delivered or refused, by outcome",
            metrics.callbacks.clone(),
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
            "Seats held in ended rounds, by outcome (agreed, disagreed, no_show, no_consensus, failed)",
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

    /// Counts one callback delivery ending with `outcome`.
    pub fn callback(&self, outcome: &str) {
        self.callbacks
            .get_or_create(&KindLabel {
                kind: outcome.to_owned(),
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// Every metric family the oracle registers, as exported (`oracle_...`): the names
    /// `Metrics::new` registers (read from this file, so that a family with no sample yet
    /// counts too), and the one `app::serve` registers beside the chain it counts.
    fn exported() -> BTreeSet<String> {
        let source = include_str!("mod.rs");
        let mut names: BTreeSet<String> = source
            .split("r.register(")
            .skip(1)
            .filter_map(|call| call.split('"').nth(1))
            .filter(|name| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
            .map(|name| format!("oracle_{name}"))
            .collect();
        names.insert("oracle_rpc_calls".to_owned());
        assert!(names.len() > 30, "{names:?}");
        names
    }

    #[test]
    fn the_operations_docs_name_only_metrics_that_exist() {
        let names = exported();
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
        for file in [
            "operations.md",
            "prometheus-alerts.yml",
            "grafana-dashboard.json",
        ] {
            let text = std::fs::read_to_string(docs.join(file)).unwrap();
            let mut mentioned = 0;
            for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                if !word.starts_with("oracle_") || word.len() <= "oracle_".len() {
                    continue;
                }
                mentioned += 1;
                let family = ["_total", "_bucket", "_sum", "_count"]
                    .iter()
                    .find_map(|suffix| word.strip_suffix(suffix))
                    .unwrap_or(word);
                assert!(
                    names.contains(family) || names.contains(word),
                    "{file} names {word}, which the oracle does not export (it exports {names:?})"
                );
            }
            assert!(mentioned > 10, "{file} names the metrics");
        }
    }

    #[test]
    fn the_operations_docs_describe_every_metric() {
        let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/operations.md");
        let text = std::fs::read_to_string(docs).unwrap();
        for name in exported() {
            let shown = if text.contains(&format!("`{name}`")) {
                true
            } else {
                ["_total", "_bucket"]
                    .iter()
                    .any(|suffix| text.contains(&format!("`{name}{suffix}`")))
            };
            assert!(shown, "docs/operations.md does not describe {name}");
        }
    }
}
