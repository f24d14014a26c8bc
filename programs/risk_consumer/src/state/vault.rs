use anchor_lang::prelude::*;

use crate::{constants::SEED_WALLET, errors::RiskError};

/// A lending vault: which model scores its borrowers and where the line between healthy and
/// flagged is. Its wallet (`["wallet", vault]`) pays for every inference.
#[account]
#[derive(InitSpace, Debug)]
pub struct Vault {
    /// Creator of the vault, part of its seeds; the only signer that may reclaim request rent.
    pub authority: Pubkey,
    /// The inference_escrow Model account that scores positions (checked at `init_vault`).
    pub model: Pubkey,
    /// A score above this flags the position; at or below it the position is healthy.
    pub risk_threshold: f32,
    /// The most the vault pays for one score: the model's owner may raise its price at any
    /// time, and the escrow refuses a request whose price is above this (`PriceAboveMax`).
    pub max_price: u64,
    /// Who may dispute the vault's scores: every request names it as the challenger (the
    /// wallet, a PDA, cannot sign a challenge with a bond by itself). A keeper key that watches
    /// results and challenges wrong ones within the challenge window.
    pub challenger: Pubkey,
    /// Fewest oracles that must agree on a score (the model's `policy.quorum`, checked at
    /// `init_vault`): 1 accepts a single-oracle model.
    pub min_quorum: u8,
    /// Features of every position: the model's input is one row of this many f32.
    pub feature_count: u8,
    /// Nonce of the next inference request; the request PDA is
    /// `["request", wallet, next_nonce (u64 le)]` under inference_escrow.
    pub next_nonce: u64,
    /// Bump of this PDA.
    pub bump: u8,
    /// Bump of the wallet PDA `["wallet", vault]`.
    pub wallet_bump: u8,
}

impl Vault {
    /// Signer seeds of the vault's wallet, for CPIs in which the wallet is the requester.
    pub fn with_wallet_seeds<T>(&self, vault: &Pubkey, f: impl FnOnce(&[&[&[u8]]]) -> T) -> T {
        let bump = [self.wallet_bump];
        let seeds: &[&[u8]] = &[SEED_WALLET, vault.as_ref(), &bump];
        f(&[seeds])
    }

    /// The threshold is a real number (Borsh already refuses NaN; this also refuses infinities).
    pub fn invariant(&self) -> Result<()> {
        require!(
            self.risk_threshold.is_finite(),
            RiskError::InvariantViolated
        );
        Ok(())
    }
}
