//! The end-to-end demo as a program of its own: a lending protocol buys position-risk scores at
//! scale from `inference_escrow` on an embedded localnet, served by staked oracles running the
//! model trained in `models/` with ONNX Runtime.
//!
//! ```text
//!  World::start   localnet + config + the model registered 4 ways (SOL, USDC, quorum, retired)
//!                 + staked oracles (in-process services) + the lending protocol's vaults
//!  scenario::run  borrowers open positions; the keeper requests scores by CPI (risk_consumer),
//!                 applies them, settles, challenges one, expires the retired model's requests,
//!                 closes every request; the desk pays in USDC, some inputs malformed
//!  ledger         collect everything owed, check every balance against the outcomes
//!  report         outcomes, latency, throughput, payouts, slashes, flags vs labels, money
//! ```

pub mod bench;
pub mod dataset;
pub mod ledger;
pub mod report;
pub mod scenario;
pub mod world;

use std::{fs::File, os::fd::AsFd, path::PathBuf, time::Duration};

use anyhow::Context;
use inference_oracle::inference::ExecutionProvider;

pub use report::Report;

/// What to run.
#[derive(Clone, Debug)]
pub struct Options {
    /// Requests (borrowers) in the run.
    pub requests: usize,
    /// Oracles serving the models.
    pub oracles: usize,
    /// ONNX Runtime execution provider of the oracles.
    pub ep: ExecutionProvider,
    /// Milliseconds per slot.
    pub slot_ms: u64,
    /// ONNX Runtime's shared library (else `ORT_DYLIB_PATH`).
    pub onnxruntime: Option<PathBuf>,
    /// Keys, oracle state and salts of the run.
    pub state_dir: PathBuf,
    /// Draw a progress bar.
    pub progress: bool,
    /// Give up when requests are still open after this long.
    pub limit: Duration,
}

/// Runs the whole demo and returns its report; `Err` only when the run could not happen.
pub async fn run(options: &Options) -> anyhow::Result<Report> {
    anyhow::ensure!(options.oracles >= 1, "at least one oracle");
    anyhow::ensure!(options.requests >= 1, "at least one request");
    let borrowers = dataset::load(&world::model_path("positions.csv"))?;
    anyhow::ensure!(
        options.requests <= borrowers.len(),
        "at most {} requests (the positions in models/positions.csv)",
        borrowers.len()
    );
    let borrowers = &borrowers[..options.requests];
    // Each market's wallet pays price and rent for at most all requests.
    let funding = options.requests as u64 * (world::PRICE_LAMPORTS + 10_000_000) + world::SOL;
    let world = world::World::start(options, funding).await?;
    let models = world.models();
    let oracles = world.spawn_oracles(options, &models);
    let before = ledger::snapshot(&world).await?;
    // An oracle that cannot start (no ONNX Runtime, say) ends the run at once, not after every
    // request has expired.
    let oracle_exited = async {
        while !oracles.iter().any(world::RunningOracle::exited) {
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    };
    let run = tokio::select! {
        run = scenario::run(&world, borrowers, options.progress, options.limit) => Some(run),
        () = oracle_exited => None,
    };
    let mut stopped = Ok(());
    for oracle in oracles {
        let result = oracle.stop().await.context("an oracle stopped on an error");
        stopped = stopped.and(result);
    }
    let run = match run {
        Some(run) => run?,
        None => {
            stopped?;
            anyhow::bail!("an oracle stopped before the run ended");
        }
    };
    stopped?;
    let books = ledger::settle_books(&world, &run, &before).await?;
    Ok(Report::new(&run, books, borrowers, options))
}

/// A handle on the process's stdout for the report; unless `keep`, stdout itself (fd 1) then
/// points at /dev/null: the programs hosted natively by the localnet print their `msg!` lines
/// there.
pub fn report_output(keep: bool) -> std::io::Result<File> {
    let out = File::from(std::io::stdout().as_fd().try_clone_to_owned()?);
    if !keep {
        let null = File::options().write(true).open("/dev/null")?;
        rustix::stdio::dup2_stdout(&null)?;
    }
    Ok(out)
}
