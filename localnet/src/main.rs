//! `localnet`: an offline local validator with `inference_escrow` on loopback.
//!
//! Prints the endpoints, then a line `ready` once wallets are funded, mints created and the
//! config initialized; with `--ready-file` it also writes them as JSON. Stops cleanly on
//! ctrl-c or SIGTERM.

use std::{path::PathBuf, str::FromStr};

use anchor_lang::prelude::Pubkey;
use anyhow::{anyhow, bail, Context};
use clap::Parser;
use inference_escrow_client::ConfigParams;
use inference_localnet::{
    default_params, InitConfig, LocalnetConfig, MintSpec, TokenProgram, DEFAULT_RPC_PORT,
    DEFAULT_WS_PORT,
};
use solana_keypair::{read_keypair_file, Keypair};
use solana_signer::Signer;

const LAMPORTS_PER_SOL: u64 = 1_000_000_000;

/// An offline Solana local validator (surfpool, embedded) with inference_escrow registered.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// JSON-RPC port on 127.0.0.1 (0 picks a free one). 8999 leaves solana-test-validator's 8899 free.
    #[arg(long, env = "LOCALNET_RPC_PORT", default_value_t = DEFAULT_RPC_PORT)]
    rpc_port: u16,
    /// Websocket (pubsub) port on 127.0.0.1 (0 picks a free one).
    #[arg(long, env = "LOCALNET_WS_PORT", default_value_t = DEFAULT_WS_PORT)]
    ws_port: u16,
    /// Milliseconds per slot.
    #[arg(long, default_value_t = 400)]
    slot_time_ms: u64,
    /// A wallet to fund: a base58 pubkey or a keypair JSON file, optionally `=SOL` (default 100). Repeatable.
    #[arg(long = "fund", value_name = "WALLET[=SOL]")]
    fund: Vec<String>,
    /// An SPL test mint to create: `spl` or `token-2022`, optionally `:DECIMALS` (default 6). Repeatable.
    #[arg(long = "mint", value_name = "PROGRAM[:DECIMALS]")]
    mints: Vec<String>,
    /// Base units of every test mint given to each funded wallet.
    #[arg(long, default_value_t = 1_000_000_000_000)]
    mint_amount: u64,
    /// Keypair file of the mint authority and setup payer (generated when absent).
    #[arg(long, value_name = "KEYPAIR")]
    faucet: Option<PathBuf>,
    /// Run `initialize_config` at start.
    #[arg(long)]
    init_config: bool,
    /// Keypair file of the config admin (and arbiter); the faucet when absent.
    #[arg(long, value_name = "KEYPAIR", requires = "init_config")]
    admin: Option<PathBuf>,
    /// Treasury that receives protocol fees; the admin when absent.
    #[arg(long, value_name = "PUBKEY", requires = "init_config")]
    treasury: Option<String>,
    /// Protocol fee in basis points [default: 250].
    #[arg(long)]
    protocol_fee_bps: Option<u16>,
    /// Minimum oracle stake, in lamports [default: 1 SOL].
    #[arg(long)]
    min_oracle_stake: Option<u64>,
    /// Smallest claim bond, in lamports: a claim locks `max(this, price * claim_bond_bps /
    /// 10_000)` of the claimer's stake, and a fault slashes it to the treasury [default: 0.05 SOL].
    #[arg(long)]
    min_claim_bond: Option<u64>,
    /// Claim bond as a share of the request's price, in basis points [default: 10000].
    #[arg(long)]
    claim_bond_bps: Option<u16>,
    /// Slots after which a claim may be taken over [default: 150].
    #[arg(long)]
    claim_timeout_slots: Option<u64>,
    /// Slots after fulfilment during which the requester may challenge [default: 150].
    #[arg(long)]
    challenge_window_slots: Option<u64>,
    /// Slots between begin_unbonding and withdraw_stake [default: 1000].
    #[arg(long)]
    unbonding_slots: Option<u64>,
    /// Slots the arbiter has to resolve a challenge before anyone may refund it [default: 1500].
    #[arg(long)]
    arbitration_timeout_slots: Option<u64>,
    /// A claim needs at least this many slots left before the request's deadline [default: 20].
    #[arg(long)]
    min_fulfil_slots: Option<u64>,
    /// Slots committed seats have to reveal after a round's commit deadline [default: 150].
    #[arg(long)]
    reveal_window_slots: Option<u64>,
    /// Lamports a challenger posts to open a re-execution round [default: 0.1 SOL].
    #[arg(long)]
    challenge_bond: Option<u64>,
    /// Seats of a dispute's re-execution round [default: 3].
    #[arg(long)]
    dispute_replicas: Option<u8>,
    /// Slots a dispute round has to fill and commit its seats [default: 300].
    #[arg(long)]
    dispute_window_slots: Option<u64>,
    /// Shortest request time-to-live, in slots [default: 40].
    #[arg(long)]
    min_request_ttl_slots: Option<u64>,
    /// Longest request time-to-live, in slots [default: 9000].
    #[arg(long)]
    max_request_ttl_slots: Option<u64>,
    /// Longest inline request input, in bytes (at most 768) [default: 768].
    #[arg(long)]
    max_input_len: Option<u32>,
    /// Longest inline result output, in bytes (at most 384; larger outputs go by URI)
    /// [default: 384].
    #[arg(long)]
    max_output_len: Option<u32>,
    /// Write the endpoints, program id and mints as JSON here once ready (removed on exit).
    #[arg(long, value_name = "PATH")]
    ready_file: Option<PathBuf>,
    /// Log format on stderr: `auto` (JSON when stderr is not a terminal), `text` or `json`.
    #[arg(long, env = "LOCALNET_LOG_FORMAT", default_value = "auto")]
    log_format: String,
}

fn init_tracing(format: &str) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("warn,localnet=info,inference_localnet=info,tarpc=error")
    });
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let json = match format {
        "json" => true,
        "text" => false,
        "auto" => !std::io::stderr().is_terminal(),
        other => bail!("unknown log format {other:?}: use auto, text or json"),
    };
    let installed = if json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
    installed.map_err(|err| anyhow!("installing the logger: {err}"))
}

fn read_keypair(path: &PathBuf) -> anyhow::Result<Keypair> {
    read_keypair_file(path).map_err(|err| anyhow!("reading keypair {}: {err}", path.display()))
}

/// `WALLET[=SOL]`: a pubkey or keypair file, and SOL (default 100).
fn parse_fund(spec: &str) -> anyhow::Result<(Pubkey, u64)> {
    let (wallet, sol) = match spec.rsplit_once('=') {
        Some((wallet, sol)) => (
            wallet,
            sol.parse::<f64>()
                .with_context(|| format!("SOL amount in {spec:?}"))?,
        ),
        None => (spec, 100.0),
    };
    if !(sol.is_finite() && sol > 0.0) {
        bail!("the SOL amount in {spec:?} must be positive");
    }
    let pubkey = match Pubkey::from_str(wallet) {
        Ok(pubkey) => pubkey,
        Err(_) => read_keypair(&PathBuf::from(wallet))
            .with_context(|| format!("{wallet:?} is neither a pubkey nor a keypair file"))?
            .pubkey(),
    };
    Ok((pubkey, (sol * LAMPORTS_PER_SOL as f64).round() as u64))
}

/// `spl|token-2022[:DECIMALS]`.
fn parse_mint(spec: &str, amount_per_wallet: u64) -> anyhow::Result<MintSpec> {
    let (program, decimals) = match spec.split_once(':') {
        Some((program, decimals)) => (
            program,
            decimals
                .parse()
                .with_context(|| format!("decimals in {spec:?}"))?,
        ),
        None => (spec, 6),
    };
    let program = match program {
        "spl" | "spl-token" => TokenProgram::Spl,
        "token-2022" | "token2022" => TokenProgram::Token2022,
        other => bail!("unknown token program {other:?}: use spl or token-2022"),
    };
    Ok(MintSpec {
        program,
        decimals,
        amount_per_wallet,
    })
}

fn config_from(cli: &Cli) -> anyhow::Result<LocalnetConfig> {
    let faucet = cli.faucet.as_ref().map(read_keypair).transpose()?;
    let initialize = if cli.init_config {
        let admin = match (&cli.admin, &faucet) {
            (Some(path), _) => read_keypair(path)?,
            (None, Some(faucet)) => faucet.insecure_clone(),
            (None, None) => bail!("--init-config needs --admin KEYPAIR (or --faucet KEYPAIR) so that you keep the admin key"),
        };
        let treasury = match &cli.treasury {
            Some(treasury) => {
                Pubkey::from_str(treasury).map_err(|err| anyhow!("--treasury: {err}"))?
            }
            None => admin.pubkey(),
        };
        let defaults = default_params(treasury);
        let params = ConfigParams {
            treasury,
            protocol_fee_bps: cli.protocol_fee_bps.unwrap_or(defaults.protocol_fee_bps),
            min_oracle_stake: cli.min_oracle_stake.unwrap_or(defaults.min_oracle_stake),
            min_claim_bond: cli.min_claim_bond.unwrap_or(defaults.min_claim_bond),
            claim_bond_bps: cli.claim_bond_bps.unwrap_or(defaults.claim_bond_bps),
            claim_timeout_slots: cli
                .claim_timeout_slots
                .unwrap_or(defaults.claim_timeout_slots),
            challenge_window_slots: cli
                .challenge_window_slots
                .unwrap_or(defaults.challenge_window_slots),
            unbonding_slots: cli.unbonding_slots.unwrap_or(defaults.unbonding_slots),
            arbitration_timeout_slots: cli
                .arbitration_timeout_slots
                .unwrap_or(defaults.arbitration_timeout_slots),
            min_fulfil_slots: cli.min_fulfil_slots.unwrap_or(defaults.min_fulfil_slots),
            reveal_window_slots: cli
                .reveal_window_slots
                .unwrap_or(defaults.reveal_window_slots),
            challenge_bond: cli.challenge_bond.unwrap_or(defaults.challenge_bond),
            dispute_replicas: cli.dispute_replicas.unwrap_or(defaults.dispute_replicas),
            dispute_window_slots: cli
                .dispute_window_slots
                .unwrap_or(defaults.dispute_window_slots),
            min_request_ttl_slots: cli
                .min_request_ttl_slots
                .unwrap_or(defaults.min_request_ttl_slots),
            max_request_ttl_slots: cli
                .max_request_ttl_slots
                .unwrap_or(defaults.max_request_ttl_slots),
            max_input_len: cli.max_input_len.unwrap_or(defaults.max_input_len),
            max_output_len: cli.max_output_len.unwrap_or(defaults.max_output_len),
        };
        Some(InitConfig { admin, params })
    } else {
        None
    };
    Ok(LocalnetConfig {
        rpc_port: cli.rpc_port,
        ws_port: cli.ws_port,
        slot_time_ms: cli.slot_time_ms,
        fund: cli
            .fund
            .iter()
            .map(|spec| parse_fund(spec))
            .collect::<anyhow::Result<_>>()?,
        mints: cli
            .mints
            .iter()
            .map(|spec| parse_mint(spec, cli.mint_amount))
            .collect::<anyhow::Result<_>>()?,
        faucet,
        initialize,
    })
}

/// Resolves when ctrl-c or SIGTERM arrives.
async fn shutdown_signal() -> anyhow::Result<&'static str> {
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .context("listening for SIGTERM")?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => { result.context("listening for ctrl-c")?; Ok("ctrl-c") }
        _ = terminate.recv() => Ok("SIGTERM"),
    }
}

/// Errors end the process with their chain of causes on stderr (no backtrace) and exit code 1.
#[tokio::main]
async fn main() -> std::process::ExitCode {
    match try_main().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn try_main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    init_tracing(&cli.log_format)?;
    let config = config_from(&cli)?;
    let mint_specs = config.mints.clone();
    let admin = config.initialize.as_ref().map(|init| init.admin.pubkey());
    let funded: Vec<Pubkey> = config.fund.iter().map(|(wallet, _)| *wallet).collect();

    let localnet = inference_localnet::start(config).await?;

    println!("inference_escrow localnet");
    println!("  program    {}", inference_escrow::ID);
    println!("  rpc        {}", localnet.rpc_url);
    println!("  websocket  {}", localnet.ws_url);
    println!("  faucet     {}", localnet.faucet.pubkey());
    for wallet in &funded {
        println!("  funded     {wallet}");
    }
    for (mint, spec) in localnet.mints.iter().zip(&mint_specs) {
        println!(
            "  mint       {mint} ({}, {} decimals)",
            spec.program, spec.decimals
        );
    }
    if let Some(admin) = admin {
        println!("  config     initialized, admin {admin}");
    }
    if let Some(path) = &cli.ready_file {
        let ready = serde_json::json!({
            "rpc_url": localnet.rpc_url,
            "ws_url": localnet.ws_url,
            "program_id": inference_escrow::ID.to_string(),
            "faucet": localnet.faucet.pubkey().to_string(),
            "mints": localnet.mints.iter().map(ToString::to_string).collect::<Vec<_>>(),
        });
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, serde_json::to_vec_pretty(&ready)?)
            .with_context(|| format!("writing {}", tmp.display()))?;
        std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))?;
    }
    println!("ready");

    let signal = shutdown_signal().await?;
    tracing::info!(signal, "stopping the localnet");
    tokio::task::spawn_blocking(move || localnet.stop())
        .await
        .context("stopping the localnet")?;
    if let Some(path) = &cli.ready_file {
        let _ = std::fs::remove_file(path);
    }
    tracing::info!("localnet stopped");
    Ok(())
}
