use anchor_lang::prelude::*;

use crate::{
    constants::{BPS_DENOMINATOR, MAX_INLINE_DATA_CAP},
    errors::EscrowError,
};

/// Protocol parameters, set once by `initialize_config` and changed by the admin.
#[account]
#[derive(InitSpace, Debug)]
pub struct Config {
    /// Config authority and challenge arbiter.
    pub admin: Pubkey,
    /// Wallet that receives protocol fees (its token accounts, for SPL payments).
    pub treasury: Pubkey,
    /// Protocol fee taken from each settled price, in basis points.
    pub protocol_fee_bps: u16,
    /// Lamports an oracle must have staked to claim requests.
    pub min_oracle_stake: u64,
    /// A claim older than this many slots may be taken over by another oracle.
    pub claim_timeout_slots: u64,
    /// Slots after fulfilment during which the requester may challenge the result.
    pub challenge_window_slots: u64,
    /// Slots between `begin_unbonding` and the earliest `withdraw_stake`.
    pub unbonding_slots: u64,
    /// Share of its stake a claiming oracle loses to the requester when the deadline passes.
    pub no_show_slash_bps: u16,
    /// Share of its stake an oracle loses to the requester when a challenge is upheld.
    pub wrong_result_slash_bps: u16,
    /// Longest inline request input, in bytes.
    pub max_input_len: u32,
    /// Longest inline result output, in bytes.
    pub max_output_len: u32,
    /// Longest time-to-live a requester may give a request, in slots.
    pub max_request_ttl_slots: u64,
    /// While set, no request can be created or claimed; settlement and refunds still run.
    pub paused: bool,
    /// Bump of this PDA.
    pub bump: u8,
}

/// Every tunable parameter of [`Config`].
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct ConfigParams {
    /// See [`Config::treasury`].
    pub treasury: Pubkey,
    /// See [`Config::protocol_fee_bps`].
    pub protocol_fee_bps: u16,
    /// See [`Config::min_oracle_stake`].
    pub min_oracle_stake: u64,
    /// See [`Config::claim_timeout_slots`].
    pub claim_timeout_slots: u64,
    /// See [`Config::challenge_window_slots`].
    pub challenge_window_slots: u64,
    /// See [`Config::unbonding_slots`].
    pub unbonding_slots: u64,
    /// See [`Config::no_show_slash_bps`].
    pub no_show_slash_bps: u16,
    /// See [`Config::wrong_result_slash_bps`].
    pub wrong_result_slash_bps: u16,
    /// See [`Config::max_input_len`].
    pub max_input_len: u32,
    /// See [`Config::max_output_len`].
    pub max_output_len: u32,
    /// See [`Config::max_request_ttl_slots`].
    pub max_request_ttl_slots: u64,
}

impl ConfigParams {
    /// Rejects values no sound protocol could run with.
    pub fn validate(&self) -> Result<()> {
        for bps in [
            self.protocol_fee_bps,
            self.no_show_slash_bps,
            self.wrong_result_slash_bps,
        ] {
            require!(bps <= BPS_DENOMINATOR, EscrowError::InvalidBps);
        }
        require!(
            self.claim_timeout_slots > 0 && self.max_request_ttl_slots > 0,
            EscrowError::ZeroSlotWindow
        );
        require!(
            self.max_input_len <= MAX_INLINE_DATA_CAP && self.max_output_len <= MAX_INLINE_DATA_CAP,
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
        self.claim_timeout_slots = params.claim_timeout_slots;
        self.challenge_window_slots = params.challenge_window_slots;
        self.unbonding_slots = params.unbonding_slots;
        self.no_show_slash_bps = params.no_show_slash_bps;
        self.wrong_result_slash_bps = params.wrong_result_slash_bps;
        self.max_input_len = params.max_input_len;
        self.max_output_len = params.max_output_len;
        self.max_request_ttl_slots = params.max_request_ttl_slots;
    }

    /// The current parameters.
    pub fn params(&self) -> ConfigParams {
        ConfigParams {
            treasury: self.treasury,
            protocol_fee_bps: self.protocol_fee_bps,
            min_oracle_stake: self.min_oracle_stake,
            claim_timeout_slots: self.claim_timeout_slots,
            challenge_window_slots: self.challenge_window_slots,
            unbonding_slots: self.unbonding_slots,
            no_show_slash_bps: self.no_show_slash_bps,
            wrong_result_slash_bps: self.wrong_result_slash_bps,
            max_input_len: self.max_input_len,
            max_output_len: self.max_output_len,
            max_request_ttl_slots: self.max_request_ttl_slots,
        }
    }

    /// Parameters stay within the bounds `ConfigParams::validate` enforces.
    pub fn invariant(&self) -> Result<()> {
        self.params()
            .validate()
            .map_err(|_| error!(EscrowError::InvariantViolated))
    }
}
