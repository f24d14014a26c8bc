use anchor_lang::prelude::*;

use super::Vault;
use crate::{constants::MAX_FEATURES, errors::RiskError};

/// Where a position's risk assessment stands.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq)]
pub enum PositionStatus {
    /// Never scored, or the features changed since the last score.
    Unscored,
    /// An inference request for the current features is in flight.
    Pending { request: Pubkey },
    /// Scored at or below the vault's threshold.
    Healthy { score: f32 },
    /// Scored above the vault's threshold (or the score was not a number).
    Flagged { score: f32 },
}

impl PositionStatus {
    /// The request this position waits for, if any.
    pub fn pending_request(&self) -> Option<Pubkey> {
        match *self {
            PositionStatus::Pending { request } => Some(request),
            _ => None,
        }
    }
}

/// One borrower's position in a vault: the features the model scores, and the verdict.
#[account]
#[derive(InitSpace, Debug)]
pub struct Position {
    /// The vault it belongs to.
    pub vault: Pubkey,
    /// The borrower; pays the rent and alone may change the features.
    pub borrower: Pubkey,
    /// Model input, in the order the vault's model reads them (`vault.feature_count` of them).
    #[max_len(MAX_FEATURES)]
    pub features: Vec<f32>,
    /// Risk assessment.
    pub status: PositionStatus,
    /// Bump of this PDA.
    pub bump: u8,
}

impl Position {
    /// The model input: the features as little-endian f32 bytes (a `[1, n]` f32 tensor).
    pub fn input_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.features.len() * 4);
        for feature in &self.features {
            bytes.extend_from_slice(&feature.to_le_bytes());
        }
        bytes
    }

    /// Features are as many as the vault's model reads and finite, and a verdict agrees with
    /// the vault's threshold.
    pub fn invariant(&self, vault: &Vault) -> Result<()> {
        let features_ok = features_valid(&self.features, vault);
        let verdict_ok = match self.status {
            PositionStatus::Healthy { score } => score <= vault.risk_threshold,
            PositionStatus::Flagged { score } => score > vault.risk_threshold,
            PositionStatus::Unscored | PositionStatus::Pending { .. } => true,
        };
        require!(features_ok && verdict_ok, RiskError::InvariantViolated);
        Ok(())
    }
}

/// Whether the features are as many as `vault`'s model reads and every one is a finite number
/// (Borsh refuses NaN; this also refuses infinities, which no oracle can score).
pub fn features_valid(features: &[f32], vault: &Vault) -> bool {
    features.len() == usize::from(vault.feature_count) && features.iter().all(|f| f.is_finite())
}
