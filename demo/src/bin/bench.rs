//! `bench`: the project's benchmark (`bash scripts/bench.sh`). See BENCHMARKS.md.

use std::{io::Write, path::PathBuf, process::ExitCode, time::Duration};

use clap::Parser;
use inference_demo::bench::{
    inference::{self, InferenceOptions},
    pipeline::{self, PipelineOptions},
};
use inference_oracle::inference::{init_onnx_runtime, BatchConfig, ExecutionProvider};

/// Benchmarks raw ONNX Runtime against the oracle's inference stage and the onnxruntime Python
/// package on the same model files, in interleaved rounds; prints medians and ratios.
#[derive(Parser, Debug)]
#[command(name = "bench", version)]
struct Cli {
    /// Interleaved rounds; figures are medians over them.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Seconds per measurement.
    #[arg(long, default_value_t = 1.0)]
    seconds: f64,
    /// Concurrent requests to the inference stage (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "1,8,64,256")]
    concurrency: Vec<usize>,
    /// ONNX Runtime execution provider.
    #[arg(long, value_enum, default_value_t = ExecutionProvider::Cpu)]
    ep: ExecutionProvider,
    /// The stage's largest batch.
    #[arg(long, default_value_t = BatchConfig::default().max_batch)]
    max_batch: usize,
    /// Milliseconds the stage waits for more requests once one is queued.
    #[arg(long, default_value_t = BatchConfig::default().max_wait.as_secs_f64() * 1e3)]
    max_wait_ms: f64,
    /// Python with the onnxruntime package (default: .venv/bin/python; "none" skips it).
    #[arg(long)]
    python: Option<String>,
    /// Concurrent requesters of the pipeline benchmark, one level each.
    #[arg(long, value_delimiter = ',', default_value = "1,8,64,256")]
    requesters: Vec<usize>,
    /// Seconds of load per pipeline level.
    #[arg(long, default_value_t = 15.0)]
    pipeline_seconds: f64,
    /// Milliseconds per slot of the localnet (400 as on mainnet).
    #[arg(long, default_value_t = 400)]
    slot_ms: u64,
    /// The `oracle` binary (default: the one beside this executable).
    #[arg(long)]
    oracle_bin: Option<PathBuf>,
    /// Skip the inference benchmark.
    #[arg(long)]
    skip_inference: bool,
    /// Skip the pipeline benchmark.
    #[arg(long)]
    skip_pipeline: bool,
    /// Print the results as JSON on stdout.
    #[arg(long)]
    json: bool,
}

/// Both parts' results.
#[derive(serde::Serialize)]
struct Report {
    inference: Option<inference::InferenceReport>,
    pipeline: Option<pipeline::PipelineReport>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if std::env::var_os("RUST_LOG").is_none() {
        // The embedded validator logs every transaction at debug level otherwise.
        std::env::set_var("RUST_LOG", "error");
    }
    let mut out = match inference_demo::report_output(false) {
        Ok(out) => out,
        Err(err) => {
            eprintln!("error: setting up stdout: {err}");
            return ExitCode::from(2);
        }
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    if let Err(err) = init_onnx_runtime(None) {
        eprintln!("error: {err}");
        return ExitCode::from(2);
    }
    let python = match cli.python.as_deref() {
        Some("none") => None,
        Some(path) => Some(PathBuf::from(path)),
        None => Some(root.join(".venv/bin/python")),
    };
    let options = InferenceOptions {
        root,
        python,
        ep: cli.ep,
        rounds: cli.rounds.max(1),
        seconds: cli.seconds,
        concurrency: cli.concurrency.clone(),
        batch: BatchConfig {
            max_batch: cli.max_batch,
            max_wait: Duration::from_secs_f64(cli.max_wait_ms / 1e3),
        },
    };
    let quiet = cli.json;
    let progress = |what: &str| {
        if !quiet {
            eprintln!("  {what}");
        }
    };
    let mut report = Report {
        inference: None,
        pipeline: None,
    };
    if !cli.skip_inference {
        match inference::run(&options, progress).await {
            Ok(result) => {
                if !quiet {
                    let _ = writeln!(out, "{result}");
                }
                report.inference = Some(result);
            }
            Err(err) => {
                eprintln!("error: {err:#}");
                return ExitCode::from(2);
            }
        }
    }
    if !cli.skip_pipeline {
        let exe = std::env::current_exe().unwrap_or_default();
        let onnxruntime = std::env::var_os("ORT_DYLIB_PATH").map(PathBuf::from);
        let Some(onnxruntime) = onnxruntime else {
            eprintln!("error: ORT_DYLIB_PATH is not set (source scripts/onnxruntime.sh)");
            return ExitCode::from(2);
        };
        let pipeline_options = PipelineOptions {
            root: options.root.clone(),
            oracle_bin: cli
                .oracle_bin
                .clone()
                .unwrap_or_else(|| pipeline::oracle_beside(&exe)),
            onnxruntime,
            levels: cli.requesters.clone(),
            seconds: cli.pipeline_seconds,
            slot_ms: cli.slot_ms,
            ep: cli.ep,
            dir: std::env::temp_dir().join(format!("inference-bench-{}", std::process::id())),
        };
        let result = pipeline::run(&pipeline_options, progress).await;
        let _ = std::fs::remove_dir_all(&pipeline_options.dir);
        match result {
            Ok(result) => {
                if !quiet {
                    let _ = writeln!(out, "{result}");
                }
                report.pipeline = Some(result);
            }
            Err(err) => {
                eprintln!("error: {err:#}");
                return ExitCode::from(2);
            }
        }
    }
    if cli.json {
        match serde_json::to_string_pretty(&report) {
            Ok(json) => {
                let _ = writeln!(out, "{json}");
            }
            Err(err) => eprintln!("error: {err}"),
        }
    }
    ExitCode::SUCCESS
}
