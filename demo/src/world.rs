//! The demo's world: an embedded localnet with the protocol, the trained model registered four
//! ways, staked oracles serving it in this process, and the lending protocol's vaults.

use std::{path::PathBuf, sync::Arc};

use anchor_lang::prelude::Pubkey;
use anyhow::Context;
use futures_util::future::try_join_all;
use inference_escrow_client::{
    ix::{self, TokenPayment},
    pda, CompareRule, ConfigParams, RegisterModelArgs, VerificationPolicy,
};
use inference_localnet::{
    default_params, setup, InitConfig, Localnet, LocalnetConfig, MintSpec, TokenProgram,
};
use inference_oracle::{
    config::{OracleConfig, ServedModel},
    inference::{describe_model, sha256_file, ExecutionProvider},
};
use risk_consumer::client as consumer;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_keypair::{write_keypair_file, Keypair};
use solana_signer::Signer;
use tokio::sync::watch;

use crate::Options;

/// Lamports per SOL.
pub const SOL: u64 = 1_000_000_000;
/// Price of one score in SOL models: 0.001 SOL.
pub const PRICE_LAMPORTS: u64 = 1_000_000;
/// Price of one score in the stablecoin model: 0.025 (6 decimals).
pub const PRICE_USDC: u64 = 25_000;
/// Decimals of the demo stablecoin.
pub const USDC_DECIMALS: u8 = 6;
/// The model owner's royalty.
pub const ROYALTY_BPS: u16 = 1_000;
/// The protocol's fee.
pub const PROTOCOL_FEE_BPS: u16 = 250;
/// A score above this flags a position for liquidation review.
pub const RISK_THRESHOLD: f32 = 0.5;
/// Slots a result can be challenged for.
pub const CHALLENGE_WINDOW: u64 = 12;
/// Time-to-live of every request, in slots.
pub const REQUEST_TTL: u64 = 150;
/// Time-to-live of the requests of the retired model (nobody serves it), in slots: the
/// protocol's minimum.
pub const SHORT_TTL: u64 = 40;
/// Stake of each oracle.
pub const ORACLE_STAKE: u64 = 5 * SOL;
/// SOL lending markets (vaults) scoring on the single-oracle model: a vault's requests are
/// numbered, so each market sends its own one after another.
pub const MARKETS: usize = 6;

/// `models/NAME` in the repository.
pub fn model_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("models")
        .join(name)
}

/// How a model registration is served and paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelKind {
    /// One oracle per request, paid in SOL.
    Single,
    /// Several oracles per request whose outputs must agree, paid in SOL.
    Quorum,
    /// One oracle per request, paid in the stablecoin.
    Stablecoin,
    /// Registered, but no oracle serves it any more: its requests expire.
    Retired,
}

/// A registration of the trained model.
#[derive(Clone, Copy, Debug)]
pub struct RegisteredModel {
    /// Its Model account.
    pub account: Pubkey,
    /// How it is served and paid.
    pub kind: ModelKind,
    /// Its verification policy.
    pub policy: VerificationPolicy,
}

/// A vault of the lending protocol (risk_consumer) and who controls it.
pub struct Market {
    /// Its authority (the lending protocol's key for this market).
    pub authority: Keypair,
    /// The Vault account.
    pub vault: Pubkey,
    /// The vault's wallet, which pays for every score.
    pub wallet: Pubkey,
    /// The model that scores its positions.
    pub model: RegisteredModel,
}

/// An oracle service running in this process.
pub struct RunningOracle {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl RunningOracle {
    /// Whether the service has returned (it failed to start, or stopped on an error).
    pub fn exited(&self) -> bool {
        self.task.is_finished()
    }

    /// Graceful stop: the shutdown signal, then wait for the service to return.
    pub async fn stop(self) -> anyhow::Result<()> {
        let _ = self.stop.send(true);
        self.task.await?
    }
}

/// Everything the scenario runs against.
pub struct World {
    /// The embedded validator.
    pub localnet: Localnet,
    /// A client at confirmed commitment.
    pub rpc: Arc<RpcClient>,
    /// The protocol's treasury.
    pub treasury: Pubkey,
    /// The model owner.
    pub owner: Keypair,
    /// Oracle operators (their wallets).
    pub operators: Vec<Keypair>,
    /// The lending protocol's keeper: pays for its transactions, funds borrowers' rent and is
    /// the named challenger of every vault.
    pub keeper: Keypair,
    /// A trading desk that calls the escrow directly and pays in the stablecoin.
    pub desk: Keypair,
    /// The stablecoin (an SPL Token mint).
    pub usdc: TokenPayment,
    /// Single-oracle SOL markets.
    pub markets: Vec<Market>,
    /// The quorum market, when there are at least two oracles.
    pub quorum_market: Option<Market>,
    /// The market still on the retired model.
    pub retired_market: Market,
    /// The stablecoin registration, used by the desk.
    pub stablecoin_model: RegisteredModel,
    /// The protocol parameters.
    pub params: ConfigParams,
    /// Keys, oracle configurations and salts.
    pub dir: PathBuf,
}

fn model_id(name: &str) -> [u8; 32] {
    let mut id = [0u8; 32];
    id[..name.len()].copy_from_slice(name.as_bytes());
    id
}

/// The quorum policy for `oracles` oracles: up to three seats, a majority agreeing within
/// 1e-5 (CPU and CUDA builds differ by about that).
fn quorum_policy(oracles: usize) -> VerificationPolicy {
    let replicas = oracles.min(3) as u8;
    VerificationPolicy {
        replicas,
        quorum: replicas / 2 + 1,
        compare: CompareRule::Tolerance {
            abs_bits: 1e-5f32.to_bits(),
            rel_bits: 1e-5f32.to_bits(),
        },
    }
}

impl World {
    /// Starts the localnet and sets everything up; `funding` is what each market's wallet
    /// receives.
    pub async fn start(options: &Options, funding: u64) -> anyhow::Result<Self> {
        let admin = Keypair::new();
        let treasury = Keypair::new().pubkey();
        let owner = Keypair::new();
        let keeper = Keypair::new();
        let desk = Keypair::new();
        let operators: Vec<Keypair> = (0..options.oracles).map(|_| Keypair::new()).collect();
        let authorities: Vec<Keypair> = (0..MARKETS + 2).map(|_| Keypair::new()).collect();
        let mut fund = vec![
            (owner.pubkey(), 10 * SOL),
            (treasury, SOL),
            (keeper.pubkey(), 100 * SOL),
            (desk.pubkey(), 10 * SOL),
        ];
        fund.extend(
            operators
                .iter()
                .map(|k| (k.pubkey(), ORACLE_STAKE + 5 * SOL)),
        );
        fund.extend(authorities.iter().map(|k| (k.pubkey(), funding + SOL)));
        let dispute_replicas = options.oracles.saturating_sub(1).clamp(1, 3) as u8;
        let params = ConfigParams {
            protocol_fee_bps: PROTOCOL_FEE_BPS,
            challenge_window_slots: CHALLENGE_WINDOW,
            claim_timeout_slots: 60,
            reveal_window_slots: 40,
            dispute_replicas,
            dispute_window_slots: 60,
            arbitration_timeout_slots: 200,
            ..default_params(treasury)
        };
        let config = LocalnetConfig {
            slot_time_ms: options.slot_ms,
            fund,
            mints: vec![MintSpec {
                program: TokenProgram::Spl,
                decimals: USDC_DECIMALS,
                amount_per_wallet: 1_000 * 10u64.pow(u32::from(USDC_DECIMALS)),
            }],
            initialize: Some(InitConfig {
                admin: admin.insecure_clone(),
                params: params.clone(),
            }),
            ..LocalnetConfig::default()
        };
        let localnet = inference_localnet::start(config)
            .await
            .context("starting the localnet")?;
        let rpc = Arc::new(localnet.rpc());
        let usdc = TokenPayment {
            mint: localnet.mints[0],
            token_program: anchor_spl::token::ID,
        };

        let path = model_path("position_risk.onnx");
        let mut registrations = vec![
            (
                "position-risk",
                ModelKind::Single,
                VerificationPolicy::SINGLE,
            ),
            (
                "position-risk-usdc",
                ModelKind::Stablecoin,
                VerificationPolicy::SINGLE,
            ),
            (
                "position-risk-v0",
                ModelKind::Retired,
                VerificationPolicy::SINGLE,
            ),
        ];
        if options.oracles >= 2 {
            registrations.push((
                "position-risk-quorum",
                ModelKind::Quorum,
                quorum_policy(options.oracles),
            ));
        }
        let mut models = Vec::new();
        for (name, kind, policy) in registrations {
            let args = registration(&path, name, kind, policy)?;
            let token = (kind == ModelKind::Stablecoin).then_some(usdc);
            setup::send(
                &rpc,
                &[ix::register_model(&owner.pubkey(), args, token)],
                &owner,
                &[],
            )
            .await
            .with_context(|| format!("registering {name}"))?;
            models.push(RegisteredModel {
                account: pda::model(&owner.pubkey(), &model_id(name)),
                kind,
                policy,
            });
        }
        let find = |kind| models.iter().copied().find(|m| m.kind == kind);
        let single = find(ModelKind::Single).context("single model")?;

        try_join_all(operators.iter().map(|operator| {
            let rpc = rpc.clone();
            async move {
                let attestation = Keypair::new();
                let register =
                    ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), ORACLE_STAKE);
                setup::send(&rpc, &[register], operator, &[&attestation]).await?;
                anyhow::Ok(attestation)
            }
        }))
        .await
        .context("registering the oracles")
        .map(|attestations| write_keys(options, &operators, &attestations))??;

        let mut authorities = authorities.into_iter();
        let mut next_market = |model: RegisteredModel| -> anyhow::Result<Market> {
            let authority = authorities.next().context("an authority per market")?;
            let vault = consumer::vault_pda(&authority.pubkey());
            Ok(Market {
                wallet: consumer::wallet_pda(&vault),
                vault,
                authority,
                model,
            })
        };
        let markets: Vec<Market> = (0..MARKETS)
            .map(|_| next_market(single))
            .collect::<anyhow::Result<_>>()?;
        let quorum_market = find(ModelKind::Quorum).map(&mut next_market).transpose()?;
        let retired_market = next_market(find(ModelKind::Retired).context("retired model")?)?;
        let world = Self {
            dir: options.state_dir.clone(),
            localnet,
            rpc,
            treasury,
            owner,
            operators,
            keeper,
            desk,
            usdc,
            markets,
            quorum_market,
            retired_market,
            stablecoin_model: find(ModelKind::Stablecoin).context("stablecoin model")?,
            params,
        };
        try_join_all(
            world
                .all_markets()
                .map(|market| world.open_market(market, funding)),
        )
        .await?;
        Ok(world)
    }

    /// Every market: the SOL ones, the quorum one, the retired one.
    pub fn all_markets(&self) -> impl Iterator<Item = &Market> {
        self.markets
            .iter()
            .chain(&self.quorum_market)
            .chain(std::iter::once(&self.retired_market))
    }

    /// Creates `market`'s vault (the keeper as challenger, the model's quorum as its minimum)
    /// and funds its wallet with `funding` lamports.
    async fn open_market(&self, market: &Market, funding: u64) -> anyhow::Result<()> {
        let authority = &market.authority;
        let init = consumer::ix::init_vault(
            &authority.pubkey(),
            &market.model.account,
            RISK_THRESHOLD,
            PRICE_LAMPORTS,
            self.keeper.pubkey(),
            market.model.policy.quorum,
        );
        let fund = solana_system_interface::instruction::transfer(
            &authority.pubkey(),
            &market.wallet,
            funding,
        );
        setup::send(&self.rpc, &[init, fund], authority, &[])
            .await
            .context("opening a market")
    }

    /// Starts the oracles, each serving every model but the retired one.
    pub fn spawn_oracles(
        &self,
        options: &Options,
        models: &[RegisteredModel],
    ) -> Vec<RunningOracle> {
        let path = model_path("position_risk.onnx");
        (0..self.operators.len())
            .map(|index| {
                let config = OracleConfig {
                    rpc_urls: vec![self.localnet.rpc_url.clone()],
                    ws_urls: vec![self.localnet.ws_url.clone()],
                    payer_keypair: self.dir.join(format!("operator-{index}.json")),
                    attestation_keypair: self.dir.join(format!("attestation-{index}.json")),
                    models: models
                        .iter()
                        .filter(|m| m.kind != ModelKind::Retired)
                        .map(|m| ServedModel {
                            account: m.account,
                            path: path.clone(),
                        })
                        .collect(),
                    onnxruntime_library: options.onnxruntime.clone(),
                    execution_provider: options.ep,
                    sweep_interval_secs: 2,
                    confirm_timeout_secs: 5,
                    priority_fee_micro_lamports: 0,
                    collect_fees_min_lamports: 0,
                    metrics_addr: ([127, 0, 0, 1], 0).into(),
                    state_dir: self.dir.join(format!("oracle-{index}")),
                    ..OracleConfig::default()
                };
                let (stop, stopped) = watch::channel(false);
                let task = tokio::spawn(inference_oracle::app::serve(config, stopped));
                RunningOracle { stop, task }
            })
            .collect()
    }

    /// Every registration of the model.
    pub fn models(&self) -> Vec<RegisteredModel> {
        let mut models: Vec<RegisteredModel> =
            self.all_markets().map(|market| market.model).collect();
        models.push(self.stablecoin_model);
        models.sort_by_key(|m| m.account);
        models.dedup_by_key(|m| m.account);
        models
    }
}

/// The registration of `path` as `name`.
fn registration(
    path: &std::path::Path,
    name: &str,
    kind: ModelKind,
    policy: VerificationPolicy,
) -> anyhow::Result<RegisterModelArgs> {
    let (input_schema, output_schema) =
        describe_model(path).with_context(|| format!("reading {}", path.display()))?;
    let max_output_len = output_schema
        .single_item_byte_len()
        .context("the model's output has one dynamic dimension")? as u32;
    Ok(RegisterModelArgs {
        model_id: model_id(name),
        onnx_sha256: sha256_file(path)?,
        max_output_len,
        input_schema,
        output_schema,
        price: if kind == ModelKind::Stablecoin {
            PRICE_USDC
        } else {
            PRICE_LAMPORTS
        },
        royalty_bps: ROYALTY_BPS,
        uri: "https://github.com/inference-escrow/inference-escrow/raw/main/models/position_risk.onnx"
            .to_owned(),
        policy,
    })
}

/// Writes each operator's wallet and attestation key where its oracle configuration says.
fn write_keys(
    options: &Options,
    operators: &[Keypair],
    attestations: &[Keypair],
) -> anyhow::Result<()> {
    std::fs::create_dir_all(&options.state_dir)?;
    for (index, (operator, attestation)) in operators.iter().zip(attestations).enumerate() {
        write_keypair_file(
            operator,
            options.state_dir.join(format!("operator-{index}.json")),
        )
        .map_err(|e| anyhow::anyhow!("writing a key: {e}"))?;
        write_keypair_file(
            attestation,
            options.state_dir.join(format!("attestation-{index}.json")),
        )
        .map_err(|e| anyhow::anyhow!("writing a key: {e}"))?;
    }
    Ok(())
}

/// The execution provider's name as `--ep` spells it.
pub fn ep_name(ep: ExecutionProvider) -> &'static str {
    match ep {
        ExecutionProvider::Auto => "auto",
        ExecutionProvider::Cpu => "cpu",
        ExecutionProvider::Cuda => "cuda",
    }
}
