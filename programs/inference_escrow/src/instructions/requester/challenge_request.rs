use anchor_lang::prelude::*;

use crate::{
    constants::SEED_REQUEST,
    errors::EscrowError,
    events::RequestChallenged,
    math,
    state::{Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ChallengeRequest<'info> {
    pub requester: Signer<'info>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
        has_one = requester @ EscrowError::NotRequester,
    )]
    pub request: Box<Account<'info, Request>>,
}

impl ChallengeRequest<'_> {
    pub fn validate(&self) -> Result<()> {
        let RequestStatus::Fulfilled {
            slot: fulfilled_at, ..
        } = self.request.status
        else {
            return err!(EscrowError::RequestNotFulfilled);
        };
        let window_end = math::add(fulfilled_at, self.request.challenge_window_slots)?;
        require!(
            Clock::get()?.slot <= window_end,
            EscrowError::ChallengeWindowClosed
        );
        require!(!self.request.policy.is_quorum(), EscrowError::QuorumRequest);
        Ok(())
    }

    pub fn handler(ctx: Context<Self>) -> Result<()> {
        let request = &mut ctx.accounts.request;
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
            slot: Clock::get()?.slot,
        };
        request.invariant(&request.to_account_info())?;
        emit_cpi!(RequestChallenged {
            request: request.key(),
            requester: request.requester,
            oracle,
        });
        Ok(())
    }
}
