use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};

use crate::{
    constants::{SEED_CONFIG, SEED_ORACLE},
    errors::EscrowError,
    events::OracleRegistered,
    state::{Config, Oracle, OracleStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct RegisterOracle<'info> {
    /// Operator wallet; pays the account rent and the stake.
    #[account(mut)]
    pub authority: Signer<'info>,
    /// The ed25519 key that will sign results. It signs this registration to prove possession,
    /// so nobody can register another oracle's key and replay its signatures.
    pub attestation_key: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        init,
        payer = authority,
        space = 8 + Oracle::INIT_SPACE,
        seeds = [SEED_ORACLE, authority.key().as_ref()],
        bump,
    )]
    pub oracle: Box<Account<'info, Oracle>>,
    pub system_program: Program<'info, System>,
}

impl RegisterOracle<'_> {
    pub fn validate(&self, stake: u64) -> Result<()> {
        require!(!self.config.paused, EscrowError::ProtocolPaused);
        require!(
            stake >= self.config.min_oracle_stake,
            EscrowError::StakeTooLow
        );
        require!(stake > 0, EscrowError::ZeroAmount);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, stake: u64) -> Result<()> {
        transfer(
            CpiContext::new(
                ctx.accounts.system_program.key(),
                Transfer {
                    from: ctx.accounts.authority.to_account_info(),
                    to: ctx.accounts.oracle.to_account_info(),
                },
            ),
            stake,
        )?;
        let oracle = &mut ctx.accounts.oracle;
        oracle.authority = ctx.accounts.authority.key();
        oracle.attestation_key = ctx.accounts.attestation_key.key();
        oracle.stake = stake;
        oracle.status = OracleStatus::Active;
        oracle.open_requests = 0;
        oracle.total_staked = stake;
        oracle.total_withdrawn = 0;
        oracle.total_slashed = 0;
        oracle.fulfilled = 0;
        oracle.failed = 0;
        oracle.no_shows = 0;
        oracle.slashes = 0;
        oracle.bump = ctx.bumps.oracle;
        oracle.invariant(&oracle.to_account_info())?;
        emit_cpi!(OracleRegistered {
            oracle: oracle.key(),
            authority: oracle.authority,
            attestation_key: oracle.attestation_key,
            stake,
        });
        Ok(())
    }
}
