//! `demo`: the end-to-end demo. `bash scripts/demo.sh` runs it with ONNX Runtime installed.

use std::{io::Write, path::PathBuf, process::ExitCode, time::Duration};

use clap::Parser;
use inference_demo::{run, Options};
use inference_oracle::inference::ExecutionProvider;

/// A lending protocol buys position-risk scores from inference_escrow on an embedded localnet:
/// a few hundred borrowers scored by CPI, paid in SOL and in a stablecoin, served by staked
/// oracles running the trained model; then a report, checked against the chain.
#[derive(Parser, Debug)]
#[command(name = "demo", version)]
struct Cli {
    /// Requests (borrowers) to score, at most 2000.
    #[arg(long, default_value_t = 300)]
    requests: usize,
    /// Oracles serving the model (the quorum market and the dispute need at least 2).
    #[arg(long, default_value_t = 3)]
    oracles: usize,
    /// ONNX Runtime execution provider of the oracles.
    #[arg(long, value_enum, default_value_t = ExecutionProvider::Cpu)]
    ep: ExecutionProvider,
    /// Milliseconds per slot of the localnet (400 as on mainnet).
    #[arg(long, default_value_t = 400)]
    slot_ms: u64,
    /// Print the report as JSON on stdout (no progress bar).
    #[arg(long)]
    json: bool,
    /// Give up when requests are still open after this many seconds.
    #[arg(long, default_value_t = 600)]
    timeout_secs: u64,
    /// Let through to stdout what the natively hosted programs still print there: the keys of
    /// a failed key comparison (`Pubkey::log`). Their `msg!` lines go to the transactions' logs.
    #[arg(long)]
    program_logs: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.json && cli.program_logs {
        eprintln!("error: --program-logs writes to stdout, which --json keeps for the report");
        return ExitCode::from(2);
    }
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .try_init();
    let state_dir = std::env::temp_dir().join(format!("inference-demo-{}", std::process::id()));
    let options = Options {
        requests: cli.requests,
        oracles: cli.oracles,
        ep: cli.ep,
        slot_ms: cli.slot_ms,
        onnxruntime: std::env::var_os("ORT_DYLIB_PATH").map(PathBuf::from),
        state_dir: state_dir.clone(),
        progress: !cli.json,
        limit: Duration::from_secs(cli.timeout_secs),
    };
    let mut out = match inference_demo::report_output(cli.program_logs) {
        Ok(out) => out,
        Err(err) => {
            eprintln!("error: setting up stdout: {err}");
            return ExitCode::from(2);
        }
    };
    if !cli.json {
        let _ = writeln!(
            out,
            "demo: {} borrowers of models/positions.csv scored by models/position_risk.onnx, {} oracles ({:?})\n   starting the localnet; registering the model (SOL, USDC, quorum, retired); staking the oracles; opening the markets ...",
            cli.requests, cli.oracles, cli.ep
        );
    }
    let result = run(&options).await;
    let _ = std::fs::remove_dir_all(&state_dir);
    match result {
        Ok(report) => {
            if cli.json {
                match serde_json::to_string_pretty(&report) {
                    Ok(json) => {
                        let _ = writeln!(out, "{json}");
                    }
                    Err(err) => eprintln!("error: {err}"),
                }
            } else {
                let _ = writeln!(out, "{report}");
            }
            if report.ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
