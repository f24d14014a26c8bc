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

/// A staked oracle operator. Stake lamports live in this account above its rent.
#[account]
#[derive(InitSpace, Debug)]
pub struct Oracle {
    /// Operator wallet: signs claims and fulfilments, receives the oracle's share and its stake back.
    pub authority: Pubkey,
    /// Ed25519 key that signs result messages.
    pub attestation_key: Pubkey,
    /// Lamports currently staked.
    pub stake: u64,
    /// Lifecycle status.
    pub status: OracleStatus,
    /// Requests this oracle claimed that are not yet settled, refunded or taken over; withdrawal
    /// waits for zero so that any slash can still be paid.
    pub open_requests: u32,
    /// Lamports ever staked (registration and `add_stake`).
    pub total_staked: u64,
    /// Lamports withdrawn by the authority.
    pub total_withdrawn: u64,
    /// Lamports slashed to requesters.
    pub total_slashed: u64,
    /// Requests fulfilled.
    pub fulfilled: u64,
    /// Requests failed with a signed failure.
    pub failed: u64,
    /// Claims that timed out (taken over) or reached the deadline unfulfilled.
    pub no_shows: u64,
    /// Slash events.
    pub slashes: u64,
    /// Bump of this PDA.
    pub bump: u8,
}

impl Oracle {
    /// Counts one more request held by this oracle (a claim or a takeover).
    pub fn take_claim(&mut self) -> Result<()> {
        self.open_requests = self
            .open_requests
            .checked_add(1)
            .ok_or(EscrowError::MathOverflow)?;
        Ok(())
    }

    /// Counts one request fewer: settled, refunded, failed, expired or taken over.
    pub fn release_claim(&mut self) -> Result<()> {
        self.open_requests = self
            .open_requests
            .checked_sub(1)
            .ok_or(EscrowError::MathOverflow)?;
        Ok(())
    }

    /// Stake accounting balances: staked = current + withdrawn + slashed, and the account holds
    /// at least rent plus stake.
    pub fn invariant(&self, info: &AccountInfo) -> Result<()> {
        let accounted =
            (self.stake as u128) + (self.total_withdrawn as u128) + (self.total_slashed as u128);
        require!(
            accounted == self.total_staked as u128,
            EscrowError::InvariantViolated
        );
        let rent = Rent::get()?.minimum_balance(info.data_len());
        require!(
            (info.lamports() as u128) >= (rent as u128) + (self.stake as u128),
            EscrowError::InvariantViolated
        );
        Ok(())
    }
}
