//! `bench`: the project's benchmark (`bash scripts/bench.sh`). See BENCHMARKS.md.

use std::{path::PathBuf, process::ExitCode, time::Duration};

use clap::Parser;
use inference_demo::bench::inference::{self, InferenceOptions};
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
    /// Print the results as JSON on stdout.
    #[arg(long)]
    json: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
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
    match inference::run(&options, |what| {
        if !quiet {
            eprintln!("  {what}");
        }
    })
    .await
    {
        Ok(report) => {
            if cli.json {
                match serde_json::to_string_pretty(&report) {
                    Ok(json) => println!("{json}"),
                    Err(err) => eprintln!("error: {err}"),
                }
            } else {
                println!("{report}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
