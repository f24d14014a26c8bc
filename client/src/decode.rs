//! Decoding program accounts from raw account data (as `getAccountInfo` returns it).

use anchor_lang::{AccountDeserialize, Discriminator};

/// Why account data could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The data does not start with the discriminator of the expected account type.
    WrongDiscriminator,
    /// The discriminator matched but the body did not deserialize.
    Malformed(String),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::WrongDiscriminator => {
                f.write_str("account data has another type's discriminator")
            }
            DecodeError::Malformed(why) => write!(f, "account data is malformed: {why}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes an account of type `T` (`Config`, `Model`, `Oracle`, `Request`), checking its
/// discriminator first.
pub fn account<T: AccountDeserialize + Discriminator>(data: &[u8]) -> Result<T, DecodeError> {
    if !data.starts_with(T::DISCRIMINATOR) {
        return Err(DecodeError::WrongDiscriminator);
    }
    T::try_deserialize(&mut &data[..]).map_err(|err| DecodeError::Malformed(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::AccountSerialize;
    use inference_escrow::state::{Oracle, OracleStatus, Request};

    fn sample_oracle() -> Oracle {
        Oracle {
            version: 2,
            authority: anchor_lang::prelude::Pubkey::new_unique(),
            attestation_key: anchor_lang::prelude::Pubkey::new_unique(),
            stake: 5,
            bonded: 1,
            fees_owed: 0,
            status: OracleStatus::Unbonding { until_slot: 9 },
            open_requests: 1,
            total_staked: 5,
            total_withdrawn: 0,
            total_slashed: 0,
            total_fees_collected: 0,
            fulfilled: 2,
            failed: 0,
            no_shows: 0,
            slashes: 0,
            bump: 254,
        }
    }

    #[test]
    fn round_trips_an_account() {
        let oracle = sample_oracle();
        let mut data = Vec::new();
        oracle.try_serialize(&mut data).unwrap();
        let back: Oracle = account(&data).unwrap();
        assert_eq!(back.status, OracleStatus::Unbonding { until_slot: 9 });
        assert_eq!(back.authority, oracle.authority);
    }

    #[test]
    fn rejects_another_account_type() {
        let mut data = Vec::new();
        sample_oracle().try_serialize(&mut data).unwrap();
        assert_eq!(
            account::<Request>(&data).unwrap_err(),
            DecodeError::WrongDiscriminator
        );
    }
}
