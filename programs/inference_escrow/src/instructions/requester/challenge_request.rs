use anchor_lang::{
    prelude::*,
    system_program::{transfer, Transfer},
};

use crate::{
    constants::{ACCOUNT_VERSION, SEED_CONFIG, SEED_DISPUTE, SEED_REQUEST},
    create::{create_pda, write_account},
    errors::EscrowError,
    events::RequestChallenged,
    math,
    state::{
        CompareRule, Config, DataRef, Dispute, DisputeStatus, Request, RequestStatus,
        VerificationPolicy,
    },
};

/// Bytes a dispute seat reveals for a result posted by URI: the output's SHA-256.
const HASH_LEN: u32 = 32;

#[event_cpi]
#[derive(Accounts)]
pub struct ChallengeRequest<'info> {
    /// The requester or the request's named challenger; posts the challenge bond and pays the
    /// dispute's rent (both returned on close unless the result is confirmed, when the bond
    /// pays the re-executors).
    #[account(mut)]
    pub challenger: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// The dispute `["dispute", request]`, created here.
    /// CHECK: the seeds pin the address; `create_pda` refuses an existing account.
    #[account(mut, seeds = [SEED_DISPUTE, request.key().as_ref()], bump)]
    pub dispute: UncheckedAccount<'info>,
    pub system_program: Program<'info, System>,
}

impl ChallengeRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        let request = &self.request;
        let challenger = self.challenger.key();
        require!(
            challenger == request.requester || Some(challenger) == request.challenger,
            EscrowError::NotChallenger
        );
        let RequestStatus::Fulfilled {
            slot: fulfilled_at, ..
        } = request.status
        else {
            return err!(EscrowError::RequestNotFulfilled);
        };
        require!(!request.disputed, EscrowError::AlreadyDisputed);
        let window_end = math::add(fulfilled_at, request.challenge_window_slots)?;
        require!(
            Clock::get()?.slot <= window_end,
            EscrowError::ChallengeWindowClosed
        );
        Ok(())
    }

    /// Opens the re-execution round: `dispute_replicas` seats, a majority quorum, the request's
    /// compare rule on inline outputs (exact output hashes for a result posted by URI), seats
    /// to be filled and committed within `dispute_window_slots`.
    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let config = &accounts.config;
        let request_key = accounts.request.key();
        let (compare, reveal_len) = match accounts.request.output {
            Some(DataRef::Inline(_)) => (
                accounts.request.policy.compare,
                accounts.request.output_capacity,
            ),
            _ => (CompareRule::Exact, HASH_LEN),
        };
        let replicas = config.dispute_replicas;
        let commit_deadline_slot = math::add(slot, config.dispute_window_slots)?;
        let dispute = Dispute {
            version: ACCOUNT_VERSION,
            request: request_key,
            challenger: accounts.challenger.key(),
            bond: config.challenge_bond,
            opened_slot: slot,
            commit_deadline_slot,
            reveal_deadline_slot: math::add(commit_deadline_slot, config.reveal_window_slots)?,
            policy: VerificationPolicy {
                replicas,
                quorum: replicas / 2 + 1,
                compare,
            },
            reveal_len,
            status: DisputeStatus::Open,
            seats: Vec::new(),
            agreed: 0,
            bump: ctx.bumps.dispute,
        };
        let info = accounts.dispute.to_account_info();
        let payer = accounts.challenger.to_account_info();
        let system_program = accounts.system_program.to_account_info();
        create_pda(
            &payer,
            &info,
            &system_program,
            Dispute::space(replicas, reveal_len),
            ctx.program_id,
            &[SEED_DISPUTE, request_key.as_ref(), &[ctx.bumps.dispute]],
        )?;
        transfer(
            CpiContext::new(
                system_program.key(),
                Transfer {
                    from: payer,
                    to: info.clone(),
                },
            ),
            dispute.bond,
        )?;
        write_account(&info, &dispute)?;
        dispute.invariant(&info)?;

        let request = &mut accounts.request;
        let RequestStatus::Fulfilled {
            oracle,
            slot: fulfilled_slot,
        } = request.status
        else {
            return err!(EscrowError::RequestNotFulfilled);
        };
        request.status = RequestStatus::Challenged {
            oracle,
            fulfilled_slot,
            slot,
        };
        request.invariant(&request.to_account_info())?;
        let requester = request.requester;
        let dispute_key = info.key();
        emit_cpi!(RequestChallenged {
            request: request_key,
            requester,
            oracle,
            challenger: dispute.challenger,
            dispute: dispute_key,
            bond: dispute.bond,
            commit_deadline_slot,
        });
        Ok(())
    }
}
