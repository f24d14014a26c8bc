//! What a localnet starts with.

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::ConfigParams;
use solana_keypair::Keypair;

/// Default JSON-RPC port: one above the 8899 of `solana-test-validator` and surfpool's CLI,
/// so both can run beside this one.
pub const DEFAULT_RPC_PORT: u16 = 8999;
/// Default websocket port (the RPC port plus one, as Solana validators do).
pub const DEFAULT_WS_PORT: u16 = 9000;
/// Default slot time, as on mainnet.
pub const DEFAULT_SLOT_TIME_MS: u64 = 400;

/// The protocol parameters `localnet --init-config` uses unless a flag says otherwise, sized for
/// 400 ms slots: a claim can be taken over after a minute, results can be challenged for a
/// minute, a claim needs 8 s left to be made, committed seats
/// have a minute to reveal, a dispute round has two minutes to commit.
pub fn default_params(treasury: Pubkey) -> ConfigParams {
    const SOL: u64 = 1_000_000_000;
    ConfigParams {
        treasury,
        protocol_fee_bps: 250,
        min_oracle_stake: SOL,
        min_claim_bond: SOL / 20,
        claim_bond_bps: 10_000,
        claim_timeout_slots: 150,
        challenge_window_slots: 150,
        unbonding_slots: 1_000,
        arbitration_timeout_slots: 1_500,
        min_fulfil_slots: 20,
        reveal_window_slots: 150,
        challenge_bond: SOL / 10,
        dispute_replicas: 3,
        dispute_window_slots: 300,
        min_request_ttl_slots: 40,
        max_request_ttl_slots: 9_000,
        max_input_len: 768,
        max_output_len: 384,
    }
}

/// Which SPL token program a test mint lives under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProgram {
    /// SPL Token.
    Spl,
    /// Token-2022.
    Token2022,
}

impl TokenProgram {
    /// The program id.
    pub fn id(self) -> Pubkey {
        match self {
            TokenProgram::Spl => anchor_spl::token::ID,
            TokenProgram::Token2022 => anchor_spl::token_2022::ID,
        }
    }
}

impl std::fmt::Display for TokenProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TokenProgram::Spl => "spl",
            TokenProgram::Token2022 => "token-2022",
        })
    }
}

/// A test mint to create at start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MintSpec {
    /// Token program that owns the mint.
    pub program: TokenProgram,
    /// Decimals of the mint.
    pub decimals: u8,
    /// Base units minted to each funded wallet's associated token account.
    pub amount_per_wallet: u64,
}

/// Runs `initialize_config` at start, signed by `admin` (which becomes admin and arbiter).
pub struct InitConfig {
    /// The config admin; funded automatically.
    pub admin: Keypair,
    /// The protocol parameters.
    pub params: ConfigParams,
}

/// Everything a localnet starts with. `Default` binds free ports and does no setup.
pub struct LocalnetConfig {
    /// JSON-RPC port on 127.0.0.1; 0 picks a free one.
    pub rpc_port: u16,
    /// Websocket (pubsub) port on 127.0.0.1; 0 picks a free one.
    pub ws_port: u16,
    /// Milliseconds per slot.
    pub slot_time_ms: u64,
    /// Wallets to fund, with lamports each.
    pub fund: Vec<(Pubkey, u64)>,
    /// Test mints to create; each funded wallet receives `amount_per_wallet` of every mint.
    pub mints: Vec<MintSpec>,
    /// Mint authority (and fee payer of the setup); generated when `None`.
    pub faucet: Option<Keypair>,
    /// Runs `initialize_config` when set.
    pub initialize: Option<InitConfig>,
}

impl Default for LocalnetConfig {
    fn default() -> Self {
        Self {
            rpc_port: 0,
            ws_port: 0,
            slot_time_ms: DEFAULT_SLOT_TIME_MS,
            fund: Vec::new(),
            mints: Vec::new(),
            faucet: None,
            initialize: None,
        }
    }
}
