//! Starting and stopping the validator.

use std::{
    net::TcpListener,
    thread::JoinHandle,
    time::{Duration, Instant},
};

use anchor_lang::prelude::Pubkey;
use anyhow::{anyhow, bail, Context};
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_keypair::Keypair;
use surfpool_core::surfnet::svm::{SurfnetSvm, SurfnetSvmConfig};
use surfpool_types::{
    types::{BlockProductionMode, RpcConfig, SimnetConfig},
    SimnetCommand, SimnetEvent, SurfpoolConfig,
};

use crate::{config::LocalnetConfig, native, setup};

/// How long the validator may take to come up.
const READY_TIMEOUT: Duration = Duration::from_secs(60);
/// How long the servers may take to release their ports once stopped.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// A running localnet. Dropping it stops the validator and waits for its thread.
pub struct Localnet {
    /// JSON-RPC endpoint, `http://127.0.0.1:PORT`.
    pub rpc_url: String,
    /// Websocket (pubsub) endpoint, `ws://127.0.0.1:PORT`.
    pub ws_url: String,
    /// Test mints created at start, in the order of `LocalnetConfig::mints`.
    pub mints: Vec<Pubkey>,
    /// Mint authority of the test mints (also the payer of the start-up setup).
    pub faucet: Keypair,
    commands: Sender<SimnetCommand>,
    thread: Option<JoinHandle<()>>,
    ports: [u16; 2],
}

impl Localnet {
    /// A nonblocking RPC client at confirmed commitment.
    pub fn rpc(&self) -> RpcClient {
        RpcClient::new_with_commitment(
            self.rpc_url.clone(),
            solana_client::rpc_config::CommitmentConfig::confirmed(),
        )
    }

    /// Stops the validator and waits until its thread has exited and its ports are free.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let Some(thread) = self.thread.take() else {
            return;
        };
        let _ = self.commands.send(SimnetCommand::Terminate(None));
        if thread.join().is_err() {
            tracing::error!("the localnet thread panicked while stopping");
        }
        // surfpool closes its servers on a thread of their own: stopped means the ports are free.
        let deadline = Instant::now() + STOP_TIMEOUT;
        for port in self.ports {
            while TcpListener::bind(("127.0.0.1", port)).is_err() {
                if Instant::now() > deadline {
                    tracing::warn!(
                        port,
                        "a localnet server still holds its port after stopping"
                    );
                    break;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

impl Drop for Localnet {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Refuses a port something else already listens on, with a message that says which.
fn check_port(port: u16, what: &str) -> anyhow::Result<()> {
    TcpListener::bind(("127.0.0.1", port))
        .map(drop)
        .with_context(|| format!("{what} port {port} on 127.0.0.1 is not free; choose another"))
}

/// Starts a localnet: the validator on loopback, then the setup `config` asks for.
pub async fn start(config: LocalnetConfig) -> anyhow::Result<Localnet> {
    native::install_syscall_stubs().await;
    // A port picked free can be taken by another process before the validator binds it (tests
    // start localnets in parallel): with picked ports, try again with new ones.
    let picked = config.rpc_port == 0 && config.ws_port == 0;
    let mut attempt = 1;
    let mut localnet = loop {
        match launch(&config).await {
            Ok(localnet) => break localnet,
            Err(err) if picked && attempt < 4 => {
                tracing::warn!(%err, attempt, "the localnet did not start; trying other ports");
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    };
    setup::run(&mut localnet, config).await?;
    Ok(localnet)
}

/// Starts the validator on the configured (or picked) ports and waits until it is ready.
async fn launch(config: &LocalnetConfig) -> anyhow::Result<Localnet> {
    let rpc_port = match config.rpc_port {
        0 => free_port()?,
        port => port,
    };
    // Two free ports picked one after the other can be the same one (the first was released
    // before the second was picked): pick again until they differ.
    let mut ws_port = match config.ws_port {
        0 => free_port()?,
        port => port,
    };
    for _ in 0..16 {
        if config.ws_port != 0 || ws_port != rpc_port {
            break;
        }
        ws_port = free_port()?;
    }
    if rpc_port == ws_port {
        bail!("the RPC and websocket ports must differ (both {rpc_port})");
    }
    check_port(rpc_port, "RPC")?;
    check_port(ws_port, "websocket")?;

    let svm_config = SurfnetSvmConfig {
        surfnet_id: format!("localnet-{rpc_port}"),
        slot_time: config.slot_time_ms,
        instruction_profiling_enabled: false,
        ..SurfnetSvmConfig::default()
    };
    let (mut svm, events, geyser_events) =
        SurfnetSvm::new(svm_config).map_err(|err| anyhow!("creating the SVM: {err}"))?;
    for (program_id, builtin) in native::builtins() {
        svm.inner.svm.add_builtin(program_id, builtin);
    }

    let surfpool_config = SurfpoolConfig {
        simnets: vec![SimnetConfig {
            // Offline: never reach a remote cluster for missing accounts.
            offline_mode: true,
            remote_rpc_url: None,
            slot_time: config.slot_time_ms,
            block_production_mode: BlockProductionMode::Clock,
            instruction_profiling_enabled: false,
            ..SimnetConfig::default()
        }],
        rpc: RpcConfig {
            bind_host: "127.0.0.1".to_owned(),
            bind_port: rpc_port,
            ws_port,
            ..RpcConfig::default()
        },
        ..SurfpoolConfig::default()
    };

    let (commands, commands_rx) = crossbeam_channel::unbounded();
    let runloop_commands = commands.clone();
    let thread = std::thread::Builder::new()
        .name(format!("localnet-{rpc_port}"))
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
            {
                Ok(runtime) => runtime,
                Err(err) => {
                    tracing::error!(%err, "cannot build the localnet runtime");
                    return;
                }
            };
            let result = runtime.block_on(surfpool_core::start_local_surfnet(
                svm,
                surfpool_config,
                runloop_commands,
                commands_rx,
                geyser_events,
            ));
            if let Err(err) = result {
                tracing::error!(%err, "the localnet stopped with an error");
            }
        })
        .context("spawning the localnet thread")?;

    let localnet = Localnet {
        rpc_url: format!("http://127.0.0.1:{rpc_port}"),
        ws_url: format!("ws://127.0.0.1:{ws_port}"),
        mints: Vec::new(),
        faucet: Keypair::new(),
        commands,
        thread: Some(thread),
        ports: [rpc_port, ws_port],
    };
    wait_ready(&events).await?;
    forward_events(events);
    Ok(localnet)
}

/// Waits for the validator's `Ready` event, failing on `Aborted` or after [`READY_TIMEOUT`].
async fn wait_ready(events: &Receiver<SimnetEvent>) -> anyhow::Result<()> {
    let events = events.clone();
    tokio::task::spawn_blocking(move || {
        let deadline = Instant::now() + READY_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match events.recv_timeout(left) {
                Ok(SimnetEvent::Ready(_)) => return Ok(()),
                Ok(SimnetEvent::Aborted(why)) => bail!("the localnet aborted: {why}"),
                Ok(SimnetEvent::ErrorLog(_, why)) => tracing::error!(%why, "localnet"),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    bail!("the localnet was not ready within {READY_TIMEOUT:?}")
                }
                Err(RecvTimeoutError::Disconnected) => {
                    bail!("the localnet stopped before it was ready")
                }
            }
        }
    })
    .await
    .context("waiting for the localnet")?
}

/// Drains the validator's events into the log for as long as it runs.
fn forward_events(events: Receiver<SimnetEvent>) {
    let spawned = std::thread::Builder::new().name("localnet-events".to_owned()).spawn(move || {
        for event in events {
            match event {
                // A refused transaction is the sender's business (its client gets the error).
                SimnetEvent::ErrorLog(_, message)
                    if message.starts_with("Transaction simulation failed")
                        || message.starts_with("Failed to process transaction") =>
                {
                    tracing::debug!(target: "localnet", "{message}");
                }
                SimnetEvent::ErrorLog(_, message) => tracing::error!(target: "localnet", "{message}"),
                SimnetEvent::WarnLog(_, message) => tracing::warn!(target: "localnet", "{message}"),
                SimnetEvent::InfoLog(_, message) => tracing::debug!(target: "localnet", "{message}"),
                SimnetEvent::TransactionProcessed(_, meta, err) => {
                    tracing::debug!(target: "localnet", signature = %meta.signature, error = ?err, "transaction processed");
                }
                SimnetEvent::Aborted(why) => tracing::error!(target: "localnet", %why, "aborted"),
                SimnetEvent::Shutdown => tracing::debug!(target: "localnet", "server shut down"),
                _ => {}
            }
        }
    });
    if let Err(err) = spawned {
        tracing::warn!(%err, "cannot spawn the localnet event logger; events are dropped");
    }
}
