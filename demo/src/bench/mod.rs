//! `bench`: the project's benchmark. Inference first (raw ONNX Runtime from Rust, the oracle's
//! inference stage under concurrency, the onnxruntime Python package, on the same files and
//! thread settings), in interleaved rounds whose medians are reported with the machine's load;
//! then the pipeline end to end on the embedded localnet, with the `oracle` binary as a process.

pub mod inference;
pub mod pipeline;

use serde::Serialize;

/// The 1-minute load average and the number of CPUs, read from /proc (0 where unavailable).
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Load {
    /// 1-minute load average.
    pub load1: f64,
    /// Online CPUs.
    pub cpus: usize,
}

impl Load {
    /// The machine's load now.
    pub fn now() -> Self {
        let load1 = std::fs::read_to_string("/proc/loadavg")
            .ok()
            .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
            .unwrap_or(0.0);
        let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
        Self { load1, cpus }
    }
}

/// The median of `values` (0 when empty).
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// The `q` quantile (nearest rank) of sorted `values`.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}
