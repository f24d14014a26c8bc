use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};

use crate::{
    constants::{ACCOUNT_VERSION, SEED_CONFIG, SEED_ORACLE},
    create::{create_pda, write_account},
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
    /// The oracle account, created here (also when someone funded its address first).
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(mut, seeds = [SEED_ORACLE, authority.key().as_ref()], bump)]
    pub oracle: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl RegisterOracle<'_> {
    pub fn validate(&self, stake: u64) -> Result<()> {
        require!(!self.config.paused, EscrowError::ProtocolPaused);
        // min_oracle_stake ≥ min_claim_bond > 0, so a stake that passes is positive.
        require!(
            stake >= self.config.min_oracle_stake,
            EscrowError::StakeTooLow
        );
        Ok(())
    }

    pub fn handler(ctx: Context<Self>, stake: u64) -> Result<()> {
        let authority = ctx.accounts.authority.key();
        let bump = ctx.bumps.oracle;
        let info = ctx.accounts.oracle.to_account_info();
        create_pda(
            &ctx.accounts.authority.to_account_info(),
            &info,
            &ctx.accounts.system_program.to_account_info(),
            8 + Oracle::INIT_SPACE,
            ctx.program_id,
            &[SEED_ORACLE, authority.as_ref(), &[bump]],
        )?;
        transfer(
            CpiContext::new(
                ctx.accounts.system_program.key(),
                Transfer {
                    from: ctx.accounts.authority.to_account_info(),
                    to: info.clone(),
                },
            ),
            stake,
        )?;
        let oracle = Oracle {
            version: ACCOUNT_VERSION,
            authority,
            attestation_key: ctx.accounts.attestation_key.key(),
            stake,
            bonded: 0,
            fees_owed: 0,
            status: OracleStatus::Active,
            open_requests: 0,
            total_staked: stake,
            total_withdrawn: 0,
            total_slashed: 0,
            total_fees_collected: 0,
            fulfilled: 0,
            failed: 0,
            no_shows: 0,
            slashes: 0,
            bump,
        };
        write_account(&info, &oracle)?;
        oracle.invariant(&info)?;
        emit_cpi!(OracleRegistered {
            oracle: info.key(),
            authority,
            attestation_key: oracle.attestation_key,
            stake,
        });
        Ok(())
    }
}
