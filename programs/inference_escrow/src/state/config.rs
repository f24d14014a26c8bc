use anchor_lang::prelude::*;

use crate::{
    constants::{
        BPS_DENOMINATOR, MAX_ARBITRATION_TIMEOUT_SLOTS, MAX_CHALLENGE_WINDOW_SLOTS,
        MAX_CLAIM_TIMEOUT_SLOTS, MAX_DISPUTE_WINDOW_SLOTS, MAX_INLINE_INPUT_CAP,
        MAX_INLINE_OUTPUT_CAP, MAX_MIN_FULFIL_SLOTS, MAX_REPLICAS, MAX_REQUEST_TTL_CAP_SLOTS,
        MAX_REVEAL_WINDOW_SLOTS, MAX_UNBONDING_SLOTS,
    },
    errors::EscrowError,
};

/// Protocol parameters, set once by `initialize_config` and changed by the admin. Also holds,
/// as lamports above its rent, the slashed claim bonds owed to the treasury.
#[account]
#[derive(InitSpace, Debug)]
pub struct Config {
    /// Account layout version ([`crate::constants::ACCOUNT_VERSION`]).
    pub version: u8,
    /// Config authority and challenge arbiter.
    pub admin: Pubkey,
    /// Wallet that receives protocol fees and slashed bonds (its token accounts, for SPL fees).
    pub treasury: Pubkey,
    /// Protocol fee taken from each settled price, in basis points.
    pub protocol_fee_bps: u16,
    /// Lamports an oracle must have staked to claim requests.
    pub min_oracle_stake: u64,
    /// Smallest claim bond, in lamports: a claim locks `max(min_claim_bond, price *
    /// claim_bond_bps / 10_000)` of the claimer's stake until the request ends.
    pub min_claim_bond: u64,
    /// Claim bond as a share of the request's price, in basis points.
    pub claim_bond_bps: u16,
    /// A claim older than this many slots may be taken over by another oracle.
    pub claim_timeout_slots: u64,
    /// Slots after fulfilment during which the requester may challenge the result.
    pub challenge_window_slots: u64,
    /// Slots between `begin_unbonding` and the earliest `withdraw_stake`.
    pub unbonding_slots: u64,
    /// Slots the arbiter has to resolve a challenge; after them anyone may end the request
    /// with a full refund and no slash.
    pub arbitration_timeout_slots: u64,
    /// A claim is refused when fewer slots than this remain before the request's deadline.
    pub min_fulfil_slots: u64,
    /// Quorum requests and dispute rounds: slots after the commit deadline during which
    /// committed seats may still reveal.
    pub reveal_window_slots: u64,
    /// Lamports a challenger posts to open a re-execution round (paid to the re-executing
    /// oracles when the result is confirmed, returned otherwise).
    pub challenge_bond: u64,
    /// Seats of a dispute's re-execution round (its quorum is a majority of them).
    pub dispute_replicas: u8,
    /// Slots a dispute round's seats have to claim and commit, from the challenge.
    pub dispute_window_slots: u64,
    /// Shortest time-to-live a requester may give a request, in slots.
    pub min_request_ttl_slots: u64,
    /// Longest time-to-live a requester may give a request, in slots.
    pub max_request_ttl_slots: u64,
    /// Longest inline request input, in bytes.
    pub max_input_len: u32,
    /// Longest inline result output, in bytes; larger outputs are posted by URI.
    pub max_output_len: u32,
    /// Lamports of slashed claim bonds held in this account for the treasury.
    pub slashed_owed: u64,
    /// While set, no request can be created or claimed and no oracle registers; results,
    /// settlement, refunds and payouts still run.
    pub paused: bool,
    /// Bump of this PDA.
    pub bump: u8,
}

/// Every tunable parameter of [`Config`].
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct ConfigParams {
    /// See [`Config::treasury`].
    pub treasury: Pubkey,
    /// See [`Config::protocol_fee_bps`]. Range 0..=10,000.
    pub protocol_fee_bps: u16,
    /// See [`Config::min_oracle_stake`]. At least `min_claim_bond`.
    pub min_oracle_stake: u64,
    /// See [`Config::min_claim_bond`]. Positive, at most `min_oracle_stake`.
    pub min_claim_bond: u64,
    /// See [`Config::claim_bond_bps`]. Range 0..=10,000.
    pub claim_bond_bps: u16,
    /// See [`Config::claim_timeout_slots`]. Range 1..=216,000.
    pub claim_timeout_slots: u64,
    /// See [`Config::challenge_window_slots`]. Range 0..=1,512,000.
    pub challenge_window_slots: u64,
    /// See [`Config::unbonding_slots`]. Range 0..=6,480,000.
    pub unbonding_slots: u64,
    /// See [`Config::arbitration_timeout_slots`]. Range 1..=1,512,000.
    pub arbitration_timeout_slots: u64,
    /// See [`Config::min_fulfil_slots`]. Range 1..=216,000.
    pub min_fulfil_slots: u64,
    /// See [`Config::reveal_window_slots`]. Range 1..=216,000.
    pub reveal_window_slots: u64,
    /// See [`Config::challenge_bond`]. Positive.
    pub challenge_bond: u64,
    /// See [`Config::dispute_replicas`]. Range 1..=7.
    pub dispute_replicas: u8,
    /// See [`Config::dispute_window_slots`]. Range 1..=432,000, above `min_fulfil_slots`.
    pub dispute_window_slots: u64,
    /// See [`Config::min_request_ttl_slots`]. Above `min_fulfil_slots`.
    pub min_request_ttl_slots: u64,
    /// See [`Config::max_request_ttl_slots`]. From `min_request_ttl_slots` to 1,512,000.
    pub max_request_ttl_slots: u64,
    /// See [`Config::max_input_len`]. Range 0..=768.
    pub max_input_len: u32,
    /// See [`Config::max_output_len`]. Range 0..=384.
    pub max_output_len: u32,
}

/// `value` within `min..=max`, else [`EscrowError::WindowOutOfRange`].
fn in_range(value: u64, min: u64, max: u64) -> Result<()> {
    require!((min..=max).contains(&value), EscrowError::WindowOutOfRange);
    Ok(())
}

impl ConfigParams {
    /// Rejects values outside their documented ranges, so that no parameter can make a
    /// request unable to end or a claim impossible.
    pub fn validate(&self) -> Result<()> {
        for bps in [self.protocol_fee_bps, self.claim_bond_bps] {
            require!(bps <= BPS_DENOMINATOR, EscrowError::InvalidBps);
        }
        require!(
            self.claim_timeout_slots > 0
                && self.max_request_ttl_slots > 0
                && self.min_fulfil_slots > 0
                && self.reveal_window_slots > 0
                && self.dispute_window_slots > 0
                && self.arbitration_timeout_slots > 0,
            EscrowError::ZeroSlotWindow
        );
        in_range(self.claim_timeout_slots, 1, MAX_CLAIM_TIMEOUT_SLOTS)?;
        in_range(self.challenge_window_slots, 0, MAX_CHALLENGE_WINDOW_SLOTS)?;
        in_range(self.unbonding_slots, 0, MAX_UNBONDING_SLOTS)?;
        in_range(
            self.arbitration_timeout_slots,
            1,
            MAX_ARBITRATION_TIMEOUT_SLOTS,
        )?;
        in_range(self.min_fulfil_slots, 1, MAX_MIN_FULFIL_SLOTS)?;
        in_range(self.reveal_window_slots, 1, MAX_REVEAL_WINDOW_SLOTS)?;
        in_range(self.dispute_window_slots, 1, MAX_DISPUTE_WINDOW_SLOTS)?;
        require!(self.challenge_bond > 0, EscrowError::ChallengeBondZero);
        require!(
            self.dispute_window_slots > self.min_fulfil_slots,
            EscrowError::DisputeWindowTooShort
        );
        require!(
            (1..=MAX_REPLICAS).contains(&self.dispute_replicas),
            EscrowError::InvalidReplicas
        );
        in_range(self.max_request_ttl_slots, 1, MAX_REQUEST_TTL_CAP_SLOTS)?;
        require!(
            self.min_fulfil_slots < self.min_request_ttl_slots
                && self.min_request_ttl_slots <= self.max_request_ttl_slots,
            EscrowError::TtlBoundsInvalid
        );
        require!(self.min_claim_bond > 0, EscrowError::ClaimBondZero);
        require!(
            self.min_claim_bond <= self.min_oracle_stake,
            EscrowError::ClaimBondAboveMinStake
        );
        require!(
            self.max_input_len <= MAX_INLINE_INPUT_CAP
                && self.max_output_len <= MAX_INLINE_OUTPUT_CAP,
            EscrowError::InlineLimitTooLarge
        );
        Ok(())
    }
}

impl Config {
    /// Writes every parameter.
    pub fn apply(&mut self, params: &ConfigParams) {
        self.treasury = params.treasury;
        self.protocol_fee_bps = params.protocol_fee_bps;
        self.min_oracle_stake = params.min_oracle_stake;
        self.min_claim_bond = params.min_claim_bond;
        self.claim_bond_bps = params.claim_bond_bps;
        self.claim_timeout_slots = params.claim_timeout_slots;
        self.challenge_window_slots = params.challenge_window_slots;
        self.unbonding_slots = params.unbonding_slots;
        self.arbitration_timeout_slots = params.arbitration_timeout_slots;
        self.min_fulfil_slots = params.min_fulfil_slots;
        self.reveal_window_slots = params.reveal_window_slots;
        self.challenge_bond = params.challenge_bond;
        self.dispute_replicas = params.dispute_replicas;
        self.dispute_window_slots = params.dispute_window_slots;
        self.min_request_ttl_slots = params.min_request_ttl_slots;
        self.max_request_ttl_slots = params.max_request_ttl_slots;
        self.max_input_len = params.max_input_len;
        self.max_output_len = params.max_output_len;
    }

    /// The current parameters.
    pub fn params(&self) -> ConfigParams {
        ConfigParams {
            treasury: self.treasury,
            protocol_fee_bps: self.protocol_fee_bps,
            min_oracle_stake: self.min_oracle_stake,
            min_claim_bond: self.min_claim_bond,
            claim_bond_bps: self.claim_bond_bps,
            claim_timeout_slots: self.claim_timeout_slots,
            challenge_window_slots: self.challenge_window_slots,
            unbonding_slots: self.unbonding_slots,
            arbitration_timeout_slots: self.arbitration_timeout_slots,
            min_fulfil_slots: self.min_fulfil_slots,
            reveal_window_slots: self.reveal_window_slots,
            challenge_bond: self.challenge_bond,
            dispute_replicas: self.dispute_replicas,
            dispute_window_slots: self.dispute_window_slots,
            min_request_ttl_slots: self.min_request_ttl_slots,
            max_request_ttl_slots: self.max_request_ttl_slots,
            max_input_len: self.max_input_len,
            max_output_len: self.max_output_len,
        }
    }

    /// The claim bond for a request of `price`: `max(min_claim_bond, price * claim_bond_bps /
    /// 10_000)` lamports (for SPL requests the price is in the mint's base units).
    pub fn claim_bond(&self, price: u64) -> Result<u64> {
        Ok(crate::math::bps_of(price, self.claim_bond_bps)?.max(self.min_claim_bond))
    }

    /// Parameters stay within their ranges, and the account holds its rent plus the slashed
    /// bonds it owes the treasury.
    pub fn invariant(&self, info: &AccountInfo) -> Result<()> {
        self.params()
            .validate()
            .map_err(|_| error!(EscrowError::InvariantViolated))?;
        crate::math::require_backed(info, self.slashed_owed)
    }
}
