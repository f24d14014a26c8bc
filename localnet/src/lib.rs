//! An embedded, offline Solana local validator with `inference_escrow` registered natively.
//!
//! The Solana SBF toolchain cannot be installed on this project's machines, so the program
//! cannot be deployed as a `.so` to `solana-test-validator`. Instead, surfpool (the local
//! validator Anchor 1.x uses for `anchor test`, built on LiteSVM) runs in-process with the
//! program compiled for the host and registered as a builtin. Clients see an ordinary cluster:
//! JSON-RPC and websocket subscriptions on loopback. The programs' `msg!` lines (Anchor's error
//! names among them) land in simulation results and transaction logs, as on a validator
//! (`native.rs`, with the host log hook of `vendor/solana-msg`).
//!
//! ```text
//!  start(config)
//!    ├─ SurfnetSvm (LiteSVM: system, SPL Token, Token-2022, ATA, Ed25519 precompile)
//!    │    └─ inference_escrow as a native builtin  (native.rs)
//!    ├─ surfpool runloop on its own thread: JSON-RPC http://127.0.0.1:RPC, pubsub ws://127.0.0.1:WS
//!    └─ over RPC: fund wallets, create SPL test mints, initialize_config  (setup.rs)
//!  Localnet handle ── rpc_url / ws_url / mints ── stop() or drop: terminate and join
//! ```

pub mod config;
pub mod native;
pub mod node;
pub mod setup;

pub use config::{
    default_params, InitConfig, LocalnetConfig, MintSpec, TokenProgram, DEFAULT_RPC_PORT,
    DEFAULT_WS_PORT,
};
pub use node::{start, Localnet};
