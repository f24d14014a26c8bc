use anchor_lang::prelude::*;

use crate::{
    constants::SEED_CONFIG,
    errors::EscrowError,
    events::ConfigUpdated,
    state::{Config, ConfigParams},
};

/// Changes to the config; `None` leaves a field as it is.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct UpdateConfigArgs {
    /// Hands the admin (and arbiter) role to another key.
    pub new_admin: Option<Pubkey>,
    pub treasury: Option<Pubkey>,
    pub protocol_fee_bps: Option<u16>,
    pub min_oracle_stake: Option<u64>,
    pub min_claim_bond: Option<u64>,
    pub claim_bond_bps: Option<u16>,
    pub claim_timeout_slots: Option<u64>,
    pub challenge_window_slots: Option<u64>,
    pub unbonding_slots: Option<u64>,
    pub arbitration_timeout_slots: Option<u64>,
    pub min_fulfil_slots: Option<u64>,
    pub reveal_window_slots: Option<u64>,
    pub challenge_bond: Option<u64>,
    pub dispute_replicas: Option<u8>,
    pub dispute_window_slots: Option<u64>,
    pub min_request_ttl_slots: Option<u64>,
    pub max_request_ttl_slots: Option<u64>,
    pub max_input_len: Option<u32>,
    pub max_output_len: Option<u32>,
}

impl UpdateConfigArgs {
    /// The parameters after applying these changes to `current`.
    pub fn merged(&self, current: ConfigParams) -> ConfigParams {
        ConfigParams {
            treasury: self.treasury.unwrap_or(current.treasury),
            protocol_fee_bps: self.protocol_fee_bps.unwrap_or(current.protocol_fee_bps),
            min_oracle_stake: self.min_oracle_stake.unwrap_or(current.min_oracle_stake),
            min_claim_bond: self.min_claim_bond.unwrap_or(current.min_claim_bond),
            claim_bond_bps: self.claim_bond_bps.unwrap_or(current.claim_bond_bps),
            claim_timeout_slots: self
                .claim_timeout_slots
                .unwrap_or(current.claim_timeout_slots),
            challenge_window_slots: self
                .challenge_window_slots
                .unwrap_or(current.challenge_window_slots),
            unbonding_slots: self.unbonding_slots.unwrap_or(current.unbonding_slots),
            arbitration_timeout_slots: self
                .arbitration_timeout_slots
                .unwrap_or(current.arbitration_timeout_slots),
            min_fulfil_slots: self.min_fulfil_slots.unwrap_or(current.min_fulfil_slots),
            reveal_window_slots: self
                .reveal_window_slots
                .unwrap_or(current.reveal_window_slots),
            challenge_bond: self.challenge_bond.unwrap_or(current.challenge_bond),
            dispute_replicas: self.dispute_replicas.unwrap_or(current.dispute_replicas),
            dispute_window_slots: self
                .dispute_window_slots
                .unwrap_or(current.dispute_window_slots),
            min_request_ttl_slots: self
                .min_request_ttl_slots
                .unwrap_or(current.min_request_ttl_slots),
            max_request_ttl_slots: self
                .max_request_ttl_slots
                .unwrap_or(current.max_request_ttl_slots),
            max_input_len: self.max_input_len.unwrap_or(current.max_input_len),
            max_output_len: self.max_output_len.unwrap_or(current.max_output_len),
        }
    }
}

#[event_cpi]
#[derive(Accounts)]
pub struct UpdateConfig<'info> {
    pub admin: Signer<'info>,
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump, has_one = admin @ EscrowError::NotAdmin)]
    pub config: Box<Account<'info, Config>>,
}

impl UpdateConfig<'_> {
    pub fn validate(&self, args: &UpdateConfigArgs) -> Result<()> {
        args.merged(self.config.params()).validate()
    }

    pub fn handler(ctx: Context<Self>, args: UpdateConfigArgs) -> Result<()> {
        let config = &mut ctx.accounts.config;
        let params = args.merged(config.params());
        config.apply(&params);
        if let Some(new_admin) = args.new_admin {
            config.admin = new_admin;
        }
        config.invariant(&config.to_account_info())?;
        emit_cpi!(ConfigUpdated {
            admin: config.admin,
            paused: config.paused,
        });
        Ok(())
    }
}
