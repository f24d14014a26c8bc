//! `oracle`: the operator's command line.
//!
//! - `oracle run`: the service (discover, claim, infer, sign, fulfil, settle).
//! - `oracle register --stake SOL`: registers the operator wallet as an oracle with its attestation key.
//! - `oracle model register --file model.onnx ...`: registers a model from its ONNX file.
//! - `oracle request --model ACCOUNT --input input.json`: a dApp-side request, waiting for the result.
//! - `oracle status`: the oracle account and its requests.
//! - `oracle collect`: the oracle's owed fees (SOL, and SPL earnings of its models) into its wallet.
//! - `oracle keygen --out FILE`: a new keypair file.

use std::{path::PathBuf, str::FromStr, time::Duration};

use anchor_lang::prelude::Pubkey;
use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand};
use inference_escrow_client::{
    cost::RequestCost, ix, pda, seats, CreateRequestArgs, DType, Model, Oracle, Payload,
    RegisterModelArgs, Request, RequestStatus,
};
use inference_oracle::{
    app,
    config::{OracleConfig, ServedModel},
    inference::{describe_model, sha256_file, ExecutionProvider},
};
use solana_signer::Signer;
use tokio::sync::watch;

const LAMPORTS_PER_SOL: u64 = 1_000_000_000;

#[derive(Parser, Debug)]
#[command(version, about = "Oracle operator service for inference_escrow")]
struct Cli {
    #[command(flatten)]
    common: Common,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand shares; each overrides the config file.
#[derive(Args, Debug)]
struct Common {
    /// TOML configuration file (see oracle.example.toml).
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
    /// Keypair file of the operator (or, for `request`, the requester) wallet.
    #[arg(long, env = "ORACLE_PAYER", global = true)]
    payer: Option<PathBuf>,
    /// Keypair file of the attestation key.
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
        /// Stake, in SOL.
        #[arg(long)]
        stake: f64,
    },
    /// Model owner commands.
    #[command(subcommand)]
    Model(ModelCommand),
    /// Create a request (as the payer) and wait for its result.
    Request(RequestArgs),
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
    /// Show the oracle account and the requests of its models.
    Status,
    /// Collect the fees owed to the oracle: SOL fees, and SPL earnings of the served models
    /// (into the wallet's associated token accounts).
    Collect,
    /// Write a new keypair file (for operators without the Solana CLI).
    Keygen {
        /// Where to write it; an existing file is never overwritten.
        #[arg(long)]
        out: PathBuf,
    },
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
    /// Address of /metrics and /health.
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
    Register {
        /// The ONNX file.
        #[arg(long)]
        file: PathBuf,
        /// A name for the model; its SHA-256 is the model id in the account's address.
        #[arg(long)]
        name: String,
        /// Price per inference, in lamports or base units of the mint.
        #[arg(long)]
        price: u64,
        /// SPL payment mint; SOL when absent.
        #[arg(long)]
        mint: Option<String>,
        /// Owner royalty in basis points.
        #[arg(long, default_value_t = 1_000)]
        royalty_bps: u16,
        /// Largest output in bytes, for a model whose output shape is dynamic beyond its first
        /// (batch) dimension; requests reserve this much space (larger than the inline limit
        /// means outputs go by URI). By default one item of the batch: what one request gets.
        #[arg(long)]
        max_output_bytes: Option<u32>,
        /// Where the ONNX file can be fetched.
        #[arg(long)]
        uri: String,
        /// Oracles that run each request (1: one oracle; 2 to 7: a quorum request whose
        /// outputs are compared on-chain).
        #[arg(long, default_value_t = 1)]
        replicas: u8,
        /// Agreeing outputs needed; the smallest majority of --replicas by default.
        #[arg(long)]
        quorum: Option<u8>,
        /// When two outputs agree: exact, argmax, tolerance:ABS,REL or median:ABS,REL.
        #[arg(long, default_value = "exact")]
        compare: String,
    },
}

#[derive(Args, Debug)]
struct RequestArgs {
    /// The Model account.
    #[arg(long)]
    model: String,
    /// Input file: a JSON array of numbers (packed per the model's input dtype) or raw bytes.
    #[arg(long)]
    input: PathBuf,
    /// Request nonce; the current time in milliseconds when absent.
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

fn init_tracing(format: &str) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new("warn,inference_oracle=info,oracle=info")
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

async fn register(config: OracleConfig, stake_sol: f64) -> anyhow::Result<()> {
    anyhow::ensure!(
        stake_sol.is_finite() && stake_sol > 0.0,
        "--stake must be a positive number of SOL"
    );
    let payer = app::read_keypair(&config.payer_keypair)?;
    let attestation = app::read_keypair(&config.attestation_keypair)?;
    let chain = app::chain(&config);
    let stake = (stake_sol * LAMPORTS_PER_SOL as f64).round() as u64;
    let ix = ix::register_oracle(&payer.pubkey(), &attestation.pubkey(), stake);
    chain.send(&[ix], &payer, &[&attestation]).await?;
    println!(
        "oracle {} registered: authority {}, attestation key {}, stake {stake} lamports",
        pda::oracle(&payer.pubkey()),
        payer.pubkey(),
        attestation.pubkey()
    );
    Ok(())
}

async fn register_model(config: OracleConfig, command: ModelCommand) -> anyhow::Result<()> {
    let ModelCommand::Register {
        file,
        name,
        price,
        mint,
        royalty_bps,
        max_output_bytes,
        uri,
        replicas,
        quorum,
        compare,
    } = command;
    let policy = inference_oracle::policy::policy(replicas, quorum, &compare)?;
    let owner = app::read_keypair(&config.payer_keypair)?;
    let onnx_sha256 = sha256_file(&file)?;
    let (input_schema, output_schema) = describe_model(&file)?;
    let model_id = inference_escrow::attestation::sha256(name.as_bytes());
    let mint = mint
        .map(|m| Pubkey::from_str(&m))
        .transpose()
        .context("--mint")?;
    let max_output_len = match (output_schema.static_byte_len(), max_output_bytes) {
        (Some(_), _) => 0,
        (None, Some(bytes)) => bytes,
        (None, None) => match output_schema.single_item_byte_len() {
            Some(item) => u32::try_from(item).context("the model's output is too large")?,
            None => bail!(
                "the model's output shape {:?} is dynamic beyond its batch dimension: pass \
                 --max-output-bytes (its largest output)",
                output_schema.shape
            ),
        },
    };
    let args = RegisterModelArgs {
        model_id,
        onnx_sha256,
        input_schema: input_schema.clone(),
        output_schema: output_schema.clone(),
        max_output_len,
        price,
        royalty_bps,
        uri,
        policy,
    };
    let chain = app::chain(&config);
    let token = match mint {
        None => None,
        Some(mint) => Some(ix::TokenPayment {
            mint,
            token_program: chain.owner_of(&mint).await?,
        }),
    };
    chain
        .send(
            &[ix::register_model(&owner.pubkey(), args, token)],
            &owner,
            &[],
        )
        .await?;
    println!(
        "model {} registered",
        pda::model(&owner.pubkey(), &model_id)
    );
    println!(
        "  input  {:?} {:?}\n  output {:?} {:?}",
        input_schema.dtype, input_schema.shape, output_schema.dtype, output_schema.shape
    );
    Ok(())
}

/// Packs a JSON array of numbers as the little-endian tensor `dtype` describes.
fn pack(values: &[serde_json::Value], dtype: DType) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    for value in values {
        let number = value
            .as_f64()
            .with_context(|| format!("{value} is not a number"))?;
        match dtype {
            DType::F32 => bytes.extend_from_slice(&(number as f32).to_le_bytes()),
            DType::F64 => bytes.extend_from_slice(&number.to_le_bytes()),
            DType::I32 => bytes.extend_from_slice(&(number as i32).to_le_bytes()),
            DType::I64 => bytes.extend_from_slice(&(number as i64).to_le_bytes()),
            DType::U8 | DType::Bool => bytes.push(number as u8),
            other => bail!("packing JSON into {other:?} is not supported; pass raw bytes"),
        }
    }
    Ok(bytes)
}

/// Reads little-endian f32 values (for display).
fn unpack_f32(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

async fn request(config: OracleConfig, args: RequestArgs) -> anyhow::Result<()> {
    let requester = app::read_keypair(&config.payer_keypair)?;
    let chain = app::chain(&config);
    let model_key = Pubkey::from_str(&args.model).context("--model")?;
    let model: Model = chain.account(&model_key).await?.context("no such model")?;
    let raw =
        std::fs::read(&args.input).with_context(|| format!("reading {}", args.input.display()))?;
    let bytes = match serde_json::from_slice::<serde_json::Value>(&raw) {
        Ok(serde_json::Value::Array(values)) => pack(&values, model.input_schema.dtype)?,
        _ => raw,
    };
    let nonce = args.nonce.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0)
    });
    let input = Payload::Inline(bytes);
    let protocol: inference_escrow_client::Config = chain
        .account(&pda::config())
        .await?
        .context("the protocol config does not exist on this cluster")?;
    // The rent of a request account and of a token account, as this cluster charges it.
    let request_len = inference_escrow_client::Request::space_for(&input, &model, &protocol);
    let request_rent = chain.minimum_balance(request_len).await?;
    let vault_len = inference_escrow_client::cost::TOKEN_ACCOUNT_LEN;
    let vault_rent = chain.minimum_balance(vault_len).await?;
    let cost = RequestCost::with_rent(&input, &model, &protocol, |len| {
        if len == vault_len {
            vault_rent
        } else {
            request_rent
        }
    });
    let create_args = CreateRequestArgs {
        nonce,
        input,
        ttl_slots: args.ttl_slots,
        callback_program: None,
        max_price: args.max_price.unwrap_or(model.price),
        challenger: None,
    };
    let ix = match model.mint {
        None => ix::create_request(&requester.pubkey(), &model_key, create_args),
        Some(mint) => {
            let token_program = chain.owner_of(&mint).await?;
            ix::create_request_token(
                &requester.pubkey(),
                &model_key,
                ix::TokenPayment {
                    mint,
                    token_program,
                },
                create_args,
            )
        }
    };
    chain.send(&[ix], &requester, &[]).await?;
    let key = pda::request(&requester.pubkey(), nonce);
    println!(
        "request {key} created: price {}, {} lamports of rent locked until you close it",
        model.price, cost.rent
    );
    if args.wait_secs == 0 {
        return Ok(());
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(args.wait_secs);
    while std::time::Instant::now() < deadline {
        let state: Request = chain.account(&key).await?.context("the request vanished")?;
        match state.status {
            RequestStatus::Fulfilled { .. } | RequestStatus::Settled { .. } => {
                if let Some(inference_escrow_client::DataRef::Inline(output)) = &state.output {
                    println!(
                        "result {:?} (output hash {})",
                        unpack_f32(output),
                        hex(&state.output_hash)
                    );
                }
                if state.policy.is_quorum() {
                    println!(
                        "  agreed by {} of {} seats (quorum {}):",
                        state.agreed.count_ones(),
                        state.seats.len(),
                        state.policy.quorum
                    );
                    for (i, seat) in state.seats.iter().enumerate() {
                        let verdict = if state.agreed & (1 << i) != 0 { "agreed" } else { "outvoted" };
                        let output = unpack_f32(&seat.output);
                        println!("    oracle {} {verdict}: {output:?}", seat.oracle);
                    }
                }
                return Ok(());
            }
            RequestStatus::Failed { .. } => bail!(
                "the oracle reported a signed failure; the price is refunded when the request is closed"
            ),
            RequestStatus::Expired { .. } | RequestStatus::Refunded { .. } => bail!(
                "the request ended without a result ({:?}); the price is refunded when it is closed",
                state.status
            ),
            _ => tokio::time::sleep(Duration::from_millis(300)).await,
        }
    }
    bail!(
        "no result within {} s; the request stays open until its deadline",
        args.wait_secs
    )
}

async fn challenge(config: OracleConfig, request: &str, wait_secs: u64) -> anyhow::Result<()> {
    let challenger = app::read_keypair(&config.payer_keypair)?;
    let chain = app::chain(&config);
    let key = Pubkey::from_str(request).context("--request")?;
    let protocol: inference_escrow_client::Config = chain
        .account(&pda::config())
        .await?
        .context("the protocol config does not exist on this cluster")?;
    chain
        .send(
            &[ix::challenge_request(&challenger.pubkey(), &key)],
            &challenger,
            &[],
        )
        .await?;
    let dispute_key = pda::dispute(&key);
    println!(
        "challenged {key}: dispute {dispute_key}, bond {} lamports; {} oracles that did not produce the result re-execute it",
        protocol.challenge_bond, protocol.dispute_replicas
    );
    if wait_secs == 0 {
        return Ok(());
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(wait_secs);
    while std::time::Instant::now() < deadline {
        let dispute: inference_escrow_client::Dispute = chain
            .account(&dispute_key)
            .await?
            .context("the dispute vanished")?;
        let verdict = match dispute.status {
            inference_escrow_client::DisputeStatus::Open => None,
            inference_escrow_client::DisputeStatus::Rejected { .. } => Some(
                "the result is confirmed: it stands, and your bond paid the re-executors",
            ),
            inference_escrow_client::DisputeStatus::Upheld { .. } => Some(
                "the result is overturned: its oracle is slashed, the price is owed back to you (close the request to collect it), your bond comes back with the dispute",
            ),
            inference_escrow_client::DisputeStatus::NoQuorum { .. } => Some(
                "the re-execution found no quorum: the arbiter decides, or the request is refunded after the arbitration timeout",
            ),
            inference_escrow_client::DisputeStatus::Decided { .. }
            | inference_escrow_client::DisputeStatus::TimedOut { .. } => Some("decided"),
        };
        if let Some(verdict) = verdict {
            println!("{verdict}");
            for (i, seat) in dispute.seats.iter().enumerate() {
                let agreed = if dispute.agreed & (1 << i) != 0 {
                    "agreed"
                } else {
                    "outvoted"
                };
                println!(
                    "    re-executor {} {agreed}: {:?}",
                    seat.oracle,
                    unpack_f32(&seat.output)
                );
            }
            if dispute.status.is_decided() {
                chain
                    .send(
                        &[seats::close_dispute(&key, &dispute.challenger)],
                        &challenger,
                        &[],
                    )
                    .await?;
                println!(
                    "dispute closed: its rent and any bond left returned to {}",
                    dispute.challenger
                );
            }
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    bail!("no decision within {wait_secs} s; the round continues on chain")
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

async fn status(config: OracleConfig) -> anyhow::Result<()> {
    let payer = app::read_keypair(&config.payer_keypair)?;
    let chain = app::chain(&config);
    let key = pda::oracle(&payer.pubkey());
    let Some(oracle): Option<Oracle> = chain.account(&key).await? else {
        bail!("{} is not registered as an oracle", payer.pubkey());
    };
    println!("oracle {key}");
    println!("  authority        {}", oracle.authority);
    println!("  attestation key  {}", oracle.attestation_key);
    println!("  status           {:?}", oracle.status);
    println!(
        "  stake            {} lamports ({} locked as claim bonds)",
        oracle.stake, oracle.bonded
    );
    println!("  fees owed        {} lamports", oracle.fees_owed);
    println!("  open requests    {}", oracle.open_requests);
    println!(
        "  fulfilled        {}  failed {}  no-shows {}  slashed {} lamports",
        oracle.fulfilled, oracle.failed, oracle.no_shows, oracle.total_slashed
    );
    for served in &config.models {
        let requests = chain.requests_of(&served.account).await?;
        let open = requests
            .iter()
            .filter(|(_, r)| r.status == RequestStatus::Open)
            .count();
        let mine = requests
            .iter()
            .filter(|(_, r)| r.status.oracle() == Some(key) && !r.status.is_terminal())
            .count();
        println!(
            "  model {}: {} requests, {open} open, {mine} held by this oracle",
            served.account,
            requests.len()
        );
    }
    Ok(())
}

async fn collect(config: OracleConfig) -> anyhow::Result<()> {
    let payer = app::read_keypair(&config.payer_keypair)?;
    let chain = app::chain(&config);
    let key = pda::oracle(&payer.pubkey());
    let Some(oracle): Option<Oracle> = chain.account(&key).await? else {
        bail!("{} is not registered as an oracle", payer.pubkey());
    };
    if oracle.fees_owed > 0 {
        chain
            .send(&[ix::collect_oracle_fees(&payer.pubkey())], &payer, &[])
            .await?;
        println!("collected {} lamports of fees", oracle.fees_owed);
    } else {
        println!("no SOL fees owed");
    }
    for served in &config.models {
        let model: Model = chain
            .account(&served.account)
            .await?
            .with_context(|| format!("model account {} does not exist", served.account))?;
        let Some(mint) = model.mint else { continue };
        let earnings: Option<inference_escrow_client::Earnings> =
            chain.account(&pda::earnings(&served.account, &key)).await?;
        let owed = earnings.map_or(0, |e| e.owed);
        if owed == 0 {
            println!("model {}: no earnings owed", served.account);
            continue;
        }
        let token = ix::TokenPayment {
            mint,
            token_program: chain.owner_of(&mint).await?,
        };
        let create = anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
            &payer.pubkey(), &payer.pubkey(), &mint, &token.token_program,
        );
        let collect = ix::collect_earnings(&served.account, &payer.pubkey(), token);
        chain.send(&[create, collect], &payer, &[]).await?;
        println!(
            "model {}: collected {owed} base units of {mint}",
            served.account
        );
    }
    Ok(())
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
    init_tracing(&cli.common.log_format)?;
    let config = load_config(&cli.common)?;
    match cli.command {
        Command::Run(args) => run(config, args).await,
        Command::Register { stake } => register(config, stake).await,
        Command::Model(command) => register_model(config, command).await,
        Command::Request(args) => request(config, args).await,
        Command::Challenge { request, wait_secs } => challenge(config, &request, wait_secs).await,
        Command::Status => status(config).await,
        Command::Collect => collect(config).await,
        Command::Keygen { out } => keygen(&out),
    }
}
