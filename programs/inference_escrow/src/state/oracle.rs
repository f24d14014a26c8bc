use anchor_lang::prelude::*;

use crate::errors::EscrowError;

/// Lifecycle of an oracle's stake.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OracleStatus {
    /// May claim requests.
    Active,
    /// No new claims; stake withdrawable from `until_slot` once no claimed request is open.
    Unbonding { until_slot: u64 },
    /// Stake withdrawn; written just before `withdraw_stake` closes the account, after which
    /// the authority may register again.
    Exited,
}

/// A staked oracle operator. Stake and the SOL fees owed to it live in this account above its
/// rent.
#[account]
#[derive(InitSpace, Debug)]
pub struct Oracle {
    /// Account layout version ([`crate::constants::ACCOUNT_VERSION`]).
    pub version: u8,
    /// Operator wallet: signs claims and fulfilments, receives the oracle's fees and its stake back.
    pub authority: Pubkey,
    /// Ed25519 key that signs result messages.
    pub attestation_key: Pubkey,
    /// Lamports currently staked, bonded or not.
    pub stake: u64,
    /// Part of `stake` locked as claim bonds by the requests it holds; a slash takes a bond.
    pub bonded: u64,
    /// Lamports of SOL requests' oracle shares owed to the authority, not yet collected.
    pub fees_owed: u64,
    /// Lifecycle status.
    pub status: OracleStatus,
    /// Requests this oracle holds (claimed, fulfilled or challenged) whose obligation has not
    /// ended; withdrawal waits for zero so that every bond can still be slashed.
    pub open_requests: u32,
    /// Lamports ever staked (registration and `add_stake`).
    pub total_staked: u64,
    /// Lamports of stake withdrawn by the authority.
    pub total_withdrawn: u64,
    /// Lamports of stake slashed (claim bonds taken).
    pub total_slashed: u64,
    /// Lamports of fees collected by the authority.
    pub total_fees_collected: u64,
    /// Requests fulfilled.
    pub fulfilled: u64,
    /// Requests failed with a signed failure.
    pub failed: u64,
    /// Claims that timed out (taken over) or reached the deadline unfulfilled.
    pub no_shows: u64,
    /// Bonds slashed.
    pub slashes: u64,
    /// Bump of this PDA.
    pub bump: u8,
}

impl Oracle {
    /// Stake not locked by claim bonds.
    pub fn free_stake(&self) -> u64 {
        self.stake.saturating_sub(self.bonded)
    }

    /// Holds one more request and locks `bond` of the stake for it.
    pub fn take_claim(&mut self, bond: u64) -> Result<()> {
        require!(
            self.free_stake() >= bond,
            EscrowError::InsufficientFreeStake
        );
        self.bonded = crate::math::add(self.bonded, bond)?;
        self.open_requests = self
            .open_requests
            .checked_add(1)
            .ok_or(EscrowError::MathOverflow)?;
        Ok(())
    }

    /// Holds one request fewer and unlocks its `bond`: the request ended without this
    /// oracle's fault (settled, failed, taken over, refunded without a slash).
    pub fn release_claim(&mut self, bond: u64) -> Result<()> {
        self.bonded = crate::math::sub(self.bonded, bond)?;
        self.open_requests = self
            .open_requests
            .checked_sub(1)
            .ok_or(EscrowError::MathOverflow)?;
        Ok(())
    }

    /// Stake, bond and fee accounting balances: staked = current + withdrawn + slashed, bonds
    /// within the stake and only while requests are held, and the account holds at least rent
    /// plus stake plus fees owed.
    pub fn invariant(&self, info: &AccountInfo) -> Result<()> {
        let accounted =
            (self.stake as u128) + (self.total_withdrawn as u128) + (self.total_slashed as u128);
        require!(
            accounted == self.total_staked as u128
                && self.bonded <= self.stake
                && (self.open_requests > 0 || self.bonded == 0),
            EscrowError::InvariantViolated
        );
        let held = crate::math::add(self.stake, self.fees_owed)?;
        crate::math::require_backed(info, held)
    }
}
