use anchor_lang::prelude::*;

use crate::errors::EscrowError;

/// An oracle's shares of one SPL model's settled requests, held in the model's fee vault until
/// collected. Created by the oracle's first claim of a request of that model; it outlives the
/// Oracle account, so fees can be collected after the stake is withdrawn.
#[account]
#[derive(InitSpace, Debug)]
pub struct Earnings {
    /// Account layout version ([`crate::constants::ACCOUNT_VERSION`]).
    pub version: u8,
    /// The SPL model whose fee vault holds the tokens.
    pub model: Pubkey,
    /// The Oracle account that earned them.
    pub oracle: Pubkey,
    /// Its authority: the tokens are paid to a token account this wallet owns.
    pub authority: Pubkey,
    /// Tokens owed, not yet collected.
    pub owed: u64,
    /// Tokens collected so far (a statistic; saturates rather than fail).
    pub collected: u64,
    /// Bump of this PDA.
    pub bump: u8,
}

impl Earnings {
    /// Checks that this is `oracle`'s account for `model`.
    pub fn check(&self, model: &Pubkey, oracle: &Pubkey) -> Result<()> {
        require!(
            self.model == *model && self.oracle == *oracle,
            EscrowError::InvalidEarningsAccount
        );
        Ok(())
    }
}
