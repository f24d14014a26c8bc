//! The `oracle` command line's actions, one module per role: [`operator`] (register, stake,
//! unbond, withdraw, collect, status), [`requester`] (create, show, wait, cancel, expire,
//! settle, close, challenge) and [`model`] (register, show). Each action prints what it did,
//! with the transaction's signature; a refusal names the program error (`chain::ChainError`).

pub mod model;
pub mod operator;
pub mod requester;
pub mod tensor_input;

use anchor_lang::prelude::Pubkey;
use anyhow::Context;
use inference_escrow_client::{ix::RequestKeys, pda, Config, Request};
use solana_instruction::Instruction;
use solana_keypair::Keypair;

use crate::{
    app,
    chain::{Chain, Sent},
    config::OracleConfig,
};

/// Lamports per SOL.
pub const LAMPORTS_PER_SOL: u64 = 1_000_000_000;
/// Milliseconds per slot the estimates assume (mainnet's target).
const SLOT_MS: u64 = 400;

/// What every action works with: the configuration and the chain it names.
pub struct Ctx {
    /// The configuration, flags applied.
    pub config: OracleConfig,
    /// The cluster.
    pub chain: Chain,
}

impl Ctx {
    /// The context `config` describes.
    pub fn new(config: OracleConfig) -> Self {
        let chain = app::chain(&config);
        Self { config, chain }
    }

    /// The payer wallet (`--payer`): the operator, the model owner or the requester.
    pub fn payer(&self) -> anyhow::Result<Keypair> {
        app::read_keypair(&self.config.payer_keypair)
    }

    /// The protocol config.
    pub async fn protocol(&self) -> anyhow::Result<Config> {
        self.chain
            .account(&pda::config())
            .await?
            .context("the protocol config does not exist on this cluster (wrong --rpc-url?)")
    }

    /// The request at `key`.
    pub async fn request(&self, key: &Pubkey) -> anyhow::Result<Request> {
        self.chain
            .account(key)
            .await?
            .with_context(|| format!("no request at {key} (closed, or never created)"))
    }

    /// The keys `request`'s instructions need (its mint's token program read from the chain).
    pub async fn request_keys(
        &self,
        key: Pubkey,
        request: &Request,
    ) -> anyhow::Result<RequestKeys> {
        let token_program = match request.mint {
            Some(mint) => self.chain.owner_of(&mint).await?,
            None => Pubkey::default(),
        };
        Ok(RequestKeys::new(key, request, token_program))
    }

    /// Sends `instructions` signed by `payer` (and `signers`), printing `what` was done with
    /// the signature; a refusal is the error, its program error named.
    pub async fn send(
        &self,
        what: &str,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> anyhow::Result<Sent> {
        let sent = self
            .chain
            .send_landed(instructions, payer, signers)
            .await
            .with_context(|| format!("{what} failed"))?;
        println!(
            "{what}: transaction {} (slot {})",
            sent.signature, sent.slot
        );
        Ok(sent)
    }
}

/// `lamports` as `N lamports (X SOL)`.
pub fn sol(lamports: u64) -> String {
    format!(
        "{lamports} lamports ({} SOL)",
        lamports as f64 / LAMPORTS_PER_SOL as f64
    )
}

/// Lamports of `sol` SOL, refusing what is not a positive amount.
pub fn lamports_of(sol: f64, what: &str) -> anyhow::Result<u64> {
    anyhow::ensure!(
        sol.is_finite() && sol > 0.0 && sol * (LAMPORTS_PER_SOL as f64) < u64::MAX as f64,
        "{what} must be a positive number of SOL"
    );
    let lamports = (sol * LAMPORTS_PER_SOL as f64).round() as u64;
    anyhow::ensure!(lamports > 0, "{what} {sol} is less than one lamport");
    Ok(lamports)
}

/// `slots` with the wall time they take at 400 ms a slot.
pub fn slots_eta(slots: u64) -> String {
    let secs = slots.saturating_mul(SLOT_MS) / 1000;
    if secs < 120 {
        format!("{slots} slots, about {secs} s")
    } else if secs < 7_200 {
        format!("{slots} slots, about {} min", (secs + 30) / 60)
    } else {
        format!("{slots} slots, about {:.1} h", secs as f64 / 3600.0)
    }
}

/// Parses a base58 address given as `flag`.
pub fn address(text: &str, flag: &str) -> anyhow::Result<Pubkey> {
    text.parse()
        .map_err(|_| anyhow::anyhow!("{flag} {text:?} is not a base58 address"))
}

/// Little-endian f32 values (for display).
pub fn f32s(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_waits_read_plainly() {
        assert_eq!(sol(1_500_000_000), "1500000000 lamports (1.5 SOL)");
        assert_eq!(lamports_of(0.05, "--sol").unwrap(), 50_000_000);
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e12, 1e-10] {
            assert!(lamports_of(bad, "--sol").is_err(), "{bad}");
        }
        assert_eq!(slots_eta(150), "150 slots, about 60 s");
        assert_eq!(slots_eta(1_500), "1500 slots, about 10 min");
        assert_eq!(
            slots_eta(1_000),
            "1000 slots, about 7 min",
            "rounded, not cut"
        );
        assert!(address("nope", "--request")
            .unwrap_err()
            .to_string()
            .contains("--request"));
    }
}
