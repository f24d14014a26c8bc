//! `oracle`: the operator's (and a requester's) command line. `oracle --help` lists every
//! command; each prints what it did and the transaction's signature, and a refusal by the
//! program prints the error's name and message.
//!
//! - operator: `register`, `run`, `stake add|unbond|withdraw`, `collect`, `status`
//! - model owner: `model register|show`, `collect` (royalties)
//! - requester: `request create|show|wait|cancel|expire|settle|close`, `challenge`
//! - tools: `config example`, `keygen`

use std::{path::PathBuf, str::FromStr};

use anchor_lang::prelude::Pubkey;
use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use inference_oracle::{
    app,
    cli::{self, address, Ctx},
    config::{OracleConfig, ServedModel},
    inference::ExecutionProvider,
};
use solana_signer::Signer;
use tokio::sync::watch;

#[derive(Parser, Debug)]
#[command(
    version,
    about = "Oracle operator service and command line for inference_escrow"
)]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand shares; each overrides the config file.
#[derive(Args, Debug)]
struct Common {
    /// TOML configuration file (`oracle config example` prints one).
    #[arg(long, short, env = "ORACLE_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// JSON-RPC endpoint; repeat for failover.
    #[arg(
        long = "rpc-url",
        env = "ORACLE_RPC_URL",
        value_delimiter = ',',
        global = true
    )]
    rpc_urls: Vec<String>,
    /// Websocket endpoint; repeat for failover.
    #[arg(
        long = "ws-url",
        env = "ORACLE_WS_URL",
        value_delimiter = ',',
        global = true
    )]
    ws_urls: Vec<String>,
    /// Keypair file of the wallet that signs and pays: the operator, the model owner or the
    /// requester.
    #[arg(long, env = "ORACLE_PAYER", global = true)]
    payer: Option<PathBuf>,
    /// Keypair file of the attestation key (`register`, `run`).
    #[arg(long, env = "ORACLE_ATTESTATION_KEY", global = true)]
    attestation_key: Option<PathBuf>,
    /// ONNX Runtime shared library (else ORT_DYLIB_PATH).
    #[arg(long, env = "ORACLE_ONNXRUNTIME_LIBRARY", global = true)]
    onnxruntime_library: Option<PathBuf>,
    /// Log format on stderr: auto (JSON when not a terminal), text or json.
    #[arg(long, env = "ORACLE_LOG_FORMAT", default_value = "auto", global = true)]
    log_format: String,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the oracle service until ctrl-c or SIGTERM.
    Run(RunArgs),
    /// Register the payer wallet as an oracle, staking SOL; the attestation key co-signs.
    Register {
        /// Stake, in SOL (at least the protocol's minimum).
        #[arg(long)]
        stake: f64,
    },
    /// The oracle's stake: add to it, begin unbonding, withdraw it.
    #[command(subcommand)]
    Stake(StakeCommand),
    /// Collect what is owed to the payer: its oracle's SOL fees, its SPL earnings and the
    /// royalties of its models (the models named with --model and in the config file).
    Collect {
        /// A model to collect SPL earnings or royalties of; repeatable.
        #[arg(long = "model")]
        models: Vec<String>,
    },
    /// Show the payer's oracle account, and the requests of each model (those named with
    /// --model and those in the config file).
    Status {
        /// A model to show requests of; repeatable.
        #[arg(long = "model")]
        models: Vec<String>,
    },
    /// Model owner commands.
    #[command(subcommand)]
    Model(ModelCommand),
    /// Requester commands: create a request and wait for its result, show, cancel, expire,
    /// settle, close.
    #[command(subcommand)]
    Request(RequestCommand),
    /// Challenge a fulfilled request (as its requester or named challenger), posting the
    /// challenge bond, and wait for the re-execution round's decision.
    Challenge {
        /// The Request account.
        #[arg(long)]
        request: String,
        /// Seconds to wait for the decision (0: do not wait).
        #[arg(long, default_value_t = 300)]
        wait_secs: u64,
    },
    /// Configuration file helpers.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Write a new keypair file (for operators without the Solana CLI).
    Keygen {
        /// Where to write it; an existing file is never overwritten.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
enum StakeCommand {
    /// Add SOL to the oracle's stake.
    Add {
        /// Amount, in SOL.
        #[arg(long)]
        sol: f64,
    },
    /// Stop taking claims and start the unbonding period (the protocol's `unbonding_slots`).
    Unbond,
    /// Withdraw the whole stake and the SOL fees owed, closing the oracle account, once the
    /// unbonding period is over and no claimed request is open.
    Withdraw {
        /// Wait until it can be withdrawn instead of refusing.
        #[arg(long)]
        wait: bool,
    },
}

#[derive(Subcommand, Debug)]
enum ConfigCommand {
    /// Print an example configuration file, every field documented with its default.
    Example,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// A served model, `MODEL_ACCOUNT=PATH_TO_ONNX`; repeatable (adds to the config file's).
    #[arg(long = "model", env = "ORACLE_MODELS", value_delimiter = ',')]
    models: Vec<String>,
    /// Execution provider: auto, cpu or cuda.
    #[arg(long, env = "ORACLE_EXECUTION_PROVIDER")]
    execution_provider: Option<ExecutionProvider>,
    /// Requests worked on at once.
    #[arg(long, env = "ORACLE_CONCURRENCY")]
    concurrency: Option<usize>,
    /// Address of /metrics, /health and /ready.
    #[arg(long, env = "ORACLE_METRICS_ADDR")]
    metrics_addr: Option<std::net::SocketAddr>,
    /// Compute-unit price, micro-lamports.
    #[arg(long, env = "ORACLE_PRIORITY_FEE")]
    priority_fee: Option<u64>,
    /// Where commitments not yet revealed are kept (one directory per oracle; keep it).
    #[arg(long, env = "ORACLE_STATE_DIR")]
    state_dir: Option<PathBuf>,
    /// Test rigs only: serve model files whose hash differs from their account (a dishonest
    /// oracle, to be outvoted and slashed). Never in production.
    #[arg(long)]
    insecure_serve_mismatched_files: bool,
}

#[derive(Subcommand, Debug)]
enum ModelCommand {
    /// Register a model from its ONNX file: hash and I/O schema are read from the file.
    Register(cli::model::RegisterOptions),
    /// Show a model account and its requests by status.
    Show {
        /// The Model account.
        model: String,
    },
}

#[derive(Subcommand, Debug)]
enum RequestCommand {
    /// Create a request (as the payer), escrowing the price, and wait for its result.
    Create(CreateArgs),
    /// Show a request: its status, result or failure reason, and what can be done next.
    Show {
        /// The Request account.
        request: String,
    },
    /// Wait for a request's result.
    Wait {
        /// The Request account.
        request: String,
        /// Seconds to wait.
        #[arg(long, default_value_t = 120)]
        wait_secs: u64,
    },
    /// Take back an open request that no oracle holds (as its requester): price and rent.
    Cancel {
        /// The Request account.
        request: String,
    },
    /// End a request past its deadline (anyone may); a claimer that did not answer is slashed.
    Expire {
        /// The Request account.
        request: String,
    },
    /// Pay out a fulfilled request after its challenge window (anyone may; its oracle does).
    Settle {
        /// The Request account.
        request: String,
    },
    /// Call an ended request's callback (anyone may; its oracle does after settling).
    Callback {
        /// The Request account.
        request: String,
    },
    /// Close an ended request (as its requester): its rent, and the price if refunded.
    Close {
        /// The Request account.
        request: String,
    },
}

#[derive(Args, Debug)]
#[group(required = true, multiple = false, id = "input_file")]
struct InputArgs {
    /// Input file: a JSON array of numbers (nested arrays are flattened), packed per the
    /// model's input dtype; anything else is refused.
    #[arg(long, group = "input_file")]
    input: Option<PathBuf>,
    /// Input file of raw little-endian tensor bytes, sent as they are.
    #[arg(long, group = "input_file")]
    input_bytes: Option<PathBuf>,
}

#[derive(Args, Debug)]
struct CreateArgs {
    /// The Model account.
    #[arg(long)]
    model: String,
    #[command(flatten)]
    input: InputArgs,
    /// Send the input by URI instead of inline: the bytes of --input / --input-bytes are what
    /// this URI must serve (https://..., or file:///absolute/path for an oracle that allows
    /// it); their SHA-256 is committed, and oracles refuse anything else.
    #[arg(long)]
    input_uri: Option<String>,
    /// Request nonce (the request's address derives from it); the current time in
    /// milliseconds when absent.
    #[arg(long)]
    nonce: Option<u64>,
    /// Slots until the deadline.
    #[arg(long, default_value_t = 300)]
    ttl_slots: u64,
    /// How long to wait for the result, in seconds (0: do not wait).
    #[arg(long, default_value_t = 120)]
    wait_secs: u64,
    /// The most you agree to pay (lamports or base units of the mint); by default the price read
    /// now, so a price raised before the request lands refuses it instead of charging more.
    #[arg(long)]
    max_price: Option<u64>,
}

/// Logs on stderr, filtered by `RUST_LOG`; by default INFO for the service and WARN for the
/// one-shot commands (whose stdout says what they did).
fn init_tracing(format: &str, service: bool) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let default = if service {
        "warn,inference_oracle=info,oracle=info"
    } else {
        "warn"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
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
    installed.map_err(|err| anyhow::anyhow!("installing the logger: {err}"))
}

/// The config file (or the defaults) with the shared flags applied.
fn load_config(common: &Common) -> anyhow::Result<OracleConfig> {
    let mut config = match &common.config {
        Some(path) => OracleConfig::from_file(path)?,
        None => OracleConfig::default(),
    };
    if !common.rpc_urls.is_empty() {
        config.rpc_urls = common.rpc_urls.clone();
    }
    if !common.ws_urls.is_empty() {
        config.ws_urls = common.ws_urls.clone();
    }
    if let Some(payer) = &common.payer {
        config.payer_keypair = payer.clone();
    }
    if let Some(key) = &common.attestation_key {
        config.attestation_keypair = key.clone();
    }
    if let Some(library) = &common.onnxruntime_library {
        config.onnxruntime_library = Some(library.clone());
    }
    Ok(config)
}

fn parse_served(spec: &str) -> anyhow::Result<ServedModel> {
    let (account, path) = spec
        .split_once('=')
        .with_context(|| format!("--model {spec:?}: expected ACCOUNT=PATH"))?;
    Ok(ServedModel {
        account: Pubkey::from_str(account).with_context(|| format!("model account {account:?}"))?,
        path: path.into(),
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

async fn run(mut config: OracleConfig, args: RunArgs) -> anyhow::Result<()> {
    for spec in &args.models {
        config.models.push(parse_served(spec)?);
    }
    if let Some(provider) = args.execution_provider {
        config.execution_provider = provider;
    }
    if let Some(concurrency) = args.concurrency {
        config.concurrency = concurrency;
    }
    if let Some(addr) = args.metrics_addr {
        config.metrics_addr = addr;
    }
    if let Some(fee) = args.priority_fee {
        config.priority_fee_micro_lamports = fee;
    }
    if let Some(dir) = args.state_dir {
        config.state_dir = dir;
    }
    config.insecure_serve_mismatched_files |= args.insecure_serve_mismatched_files;
    let (stop, stopped) = watch::channel(false);
    tokio::spawn(async move {
        match shutdown_signal().await {
            Ok(signal) => tracing::info!(signal, "shutting down"),
            Err(err) => tracing::error!(%err, "signal handling failed; shutting down"),
        }
        let _ = stop.send(true);
    });
    app::serve(config, stopped).await
}

/// The served models of `config` plus those named on the command line.
fn models_of(config: &OracleConfig, named: &[String]) -> anyhow::Result<Vec<Pubkey>> {
    let mut models: Vec<Pubkey> = config.models.iter().map(|m| m.account).collect();
    for name in named {
        let key = address(name, "--model")?;
        if !models.contains(&key) {
            models.push(key);
        }
    }
    Ok(models)
}

async fn request(ctx: &Ctx, command: RequestCommand) -> anyhow::Result<()> {
    use cli::requester;
    match command {
        RequestCommand::Create(args) => {
            let input = match (&args.input.input, &args.input.input_bytes) {
                (Some(path), _) => requester::InputSource::Json(path),
                (None, Some(path)) => requester::InputSource::Bytes(path),
                (None, None) => bail!("pass --input FILE.json or --input-bytes FILE"),
            };
            let nonce = args.nonce.unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_millis() as u64)
                    .unwrap_or(0)
            });
            requester::create(
                ctx,
                requester::CreateOptions {
                    model: address(&args.model, "--model")?,
                    input,
                    input_uri: args.input_uri,
                    nonce,
                    ttl_slots: args.ttl_slots,
                    max_price: args.max_price,
                    wait_secs: args.wait_secs,
                },
            )
            .await
        }
        RequestCommand::Show { request } => {
            requester::show(ctx, &address(&request, "REQUEST")?).await
        }
        RequestCommand::Wait { request, wait_secs } => {
            requester::wait(ctx, &address(&request, "REQUEST")?, wait_secs).await
        }
        RequestCommand::Cancel { request } => {
            requester::cancel(ctx, &address(&request, "REQUEST")?).await
        }
        RequestCommand::Expire { request } => {
            requester::expire(ctx, &address(&request, "REQUEST")?).await
        }
        RequestCommand::Settle { request } => {
            requester::settle(ctx, &address(&request, "REQUEST")?).await
        }
        RequestCommand::Callback { request } => {
            requester::callback(ctx, &address(&request, "REQUEST")?).await
        }
        RequestCommand::Close { request } => {
            requester::close(ctx, &address(&request, "REQUEST")?).await
        }
    }
}

async fn model(ctx: &Ctx, command: ModelCommand) -> anyhow::Result<()> {
    match command {
        ModelCommand::Register(options) => cli::model::register(ctx, options).await,
        ModelCommand::Show { model } => cli::model::show(ctx, &address(&model, "MODEL")?).await,
    }
}

fn keygen(out: &std::path::Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        !out.exists(),
        "{} exists; refusing to overwrite a keypair",
        out.display()
    );
    let keypair = solana_keypair::Keypair::new();
    solana_keypair::write_keypair_file(&keypair, out)
        .map_err(|err| anyhow::anyhow!("writing {}: {err}", out.display()))?;
    println!("{} written to {}", keypair.pubkey(), out.display());
    Ok(())
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
    init_tracing(
        &cli.common.log_format,
        matches!(cli.command, Command::Run(_)),
    )?;
    match cli.command {
        Command::Config(ConfigCommand::Example) => {
            print!("{}", inference_oracle::config::EXAMPLE);
            return Ok(());
        }
        Command::Keygen { out } => return keygen(&out),
        _ => {}
    }
    let config = load_config(&cli.common)?;
    if let Command::Run(args) = cli.command {
        return run(config, args).await;
    }
    let ctx = Ctx::new(config);
    match cli.command {
        Command::Register { stake } => cli::operator::register(&ctx, stake).await,
        Command::Stake(StakeCommand::Add { sol }) => cli::operator::add_stake(&ctx, sol).await,
        Command::Stake(StakeCommand::Unbond) => cli::operator::unbond(&ctx).await,
        Command::Stake(StakeCommand::Withdraw { wait }) => {
            cli::operator::withdraw(&ctx, wait).await
        }
        Command::Collect { models } => {
            let models = models_of(&ctx.config, &models)?;
            cli::operator::collect(&ctx, &models).await
        }
        Command::Status { models } => {
            let models = models_of(&ctx.config, &models)?;
            cli::operator::status(&ctx, &models).await
        }
        Command::Model(command) => model(&ctx, command).await,
        Command::Request(command) => request(&ctx, command).await,
        Command::Challenge { request, wait_secs } => {
            cli::requester::challenge(&ctx, &address(&request, "--request")?, wait_secs).await
        }
        Command::Run(_) | Command::Config(_) | Command::Keygen { .. } => Ok(()),
    }
}
