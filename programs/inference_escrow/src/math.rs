//! Money arithmetic: checked, u128 intermediates, floor division.

use anchor_lang::prelude::*;

use crate::{constants::BPS_DENOMINATOR, errors::EscrowError};

/// `amount * bps / 10_000`, rounded down.
pub fn bps_of(amount: u64, bps: u16) -> Result<u64> {
    let product = (amount as u128)
        .checked_mul(bps as u128)
        .ok_or(EscrowError::MathOverflow)?;
    let share = product
        .checked_div(BPS_DENOMINATOR as u128)
        .ok_or(EscrowError::MathOverflow)?;
    u64::try_from(share).map_err(|_| error!(EscrowError::MathOverflow))
}

/// How a settled price is divided. The three parts always add up to the price.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeeSplit {
    /// Paid to the config's treasury.
    pub protocol: u64,
    /// Paid to the model owner.
    pub royalty: u64,
    /// Paid to the oracle's authority: the rest.
    pub oracle: u64,
}

impl FeeSplit {
    /// Splits `price`; fails when the two fees together exceed the price.
    pub fn compute(price: u64, protocol_fee_bps: u16, royalty_bps: u16) -> Result<Self> {
        let protocol = bps_of(price, protocol_fee_bps)?;
        let royalty = bps_of(price, royalty_bps)?;
        let oracle = price
            .checked_sub(protocol)
            .and_then(|rest| rest.checked_sub(royalty))
            .ok_or(EscrowError::MathOverflow)?;
        Ok(Self {
            protocol,
            royalty,
            oracle,
        })
    }
}

/// Adds, mapping overflow to [`EscrowError::MathOverflow`].
/// The part of `amount` split equally among `count` payees that goes to the one at `rank`
/// (0-based): `amount / count` each, the first also getting the remainder, so the parts sum to
/// `amount` exactly. Zero when `count` is zero.
pub fn equal_share(amount: u64, count: usize, rank: usize) -> u64 {
    let count = count as u64;
    if count == 0 {
        return 0;
    }
    let each = amount / count;
    if rank == 0 {
        amount - each * (count - 1)
    } else {
        each
    }
}

pub fn add(a: u64, b: u64) -> Result<u64> {
    a.checked_add(b)
        .ok_or_else(|| error!(EscrowError::MathOverflow))
}

/// Subtracts, mapping underflow to [`EscrowError::MathOverflow`].
pub fn sub(a: u64, b: u64) -> Result<u64> {
    a.checked_sub(b)
        .ok_or_else(|| error!(EscrowError::MathOverflow))
}

/// Requires the program-owned account `info` to hold its rent-exempt minimum plus `owed`
/// lamports (what it keeps for someone else), else [`EscrowError::InvariantViolated`].
pub fn require_backed(info: &AccountInfo, owed: u64) -> Result<()> {
    let rent = Rent::get()?.minimum_balance(info.data_len());
    require!(
        (info.lamports() as u128) >= (rent as u128) + (owed as u128),
        EscrowError::InvariantViolated
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_rounds_down_and_conserves() {
        let split = FeeSplit::compute(1_000_003, 250, 1_000).unwrap();
        assert_eq!(split.protocol, 25_000);
        assert_eq!(split.royalty, 100_000);
        assert_eq!(split.oracle, 875_003);
        assert_eq!(split.protocol + split.royalty + split.oracle, 1_000_003);
    }

    #[test]
    fn split_of_max_price_does_not_overflow() {
        let split = FeeSplit::compute(u64::MAX, 10_000, 0).unwrap();
        assert_eq!(split.protocol, u64::MAX);
        assert_eq!(split.oracle, 0);
    }

    #[test]
    fn fees_above_price_are_rejected() {
        assert!(FeeSplit::compute(100, 6_000, 5_000).is_err());
    }
}
