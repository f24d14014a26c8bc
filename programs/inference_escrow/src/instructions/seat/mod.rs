//! Seats in a round of several oracles: a quorum request's own round, or a dispute's
//! re-execution round (pass the `dispute` account). Signed by the oracle's authority.

pub mod claim_seat;
pub mod commit_seat;
pub mod fail_seat;
pub mod reveal_seat;

pub use claim_seat::*;
pub use commit_seat::*;
pub use fail_seat::*;
pub use reveal_seat::*;

use anchor_lang::prelude::*;

use crate::{
    errors::EscrowError,
    round::Round,
    state::{Dispute, DisputeStatus, Request, RequestStatus},
};

/// The round a seat instruction acts on: the dispute's when one is given, else the request's
/// own (which must be a quorum request still open).
pub fn round_of<'a>(
    request_key: Pubkey,
    request: &'a mut Request,
    dispute: Option<(Pubkey, &'a mut Dispute)>,
) -> Result<Round<'a>> {
    match dispute {
        Some((key, dispute)) => {
            require!(
                dispute.status == DisputeStatus::Open,
                EscrowError::RoundClosed
            );
            Ok(Round {
                key,
                seats: &mut dispute.seats,
                policy: dispute.policy,
                commit_deadline_slot: dispute.commit_deadline_slot,
                reveal_deadline_slot: dispute.reveal_deadline_slot,
                reveal_len: dispute.reveal_len,
            })
        }
        None => {
            require!(request.policy.is_quorum(), EscrowError::NotAQuorumRequest);
            require!(
                request.status == RequestStatus::Open,
                EscrowError::RoundClosed
            );
            Ok(Round {
                key: request_key,
                seats: &mut request.seats,
                policy: request.policy,
                commit_deadline_slot: request.deadline_slot,
                reveal_deadline_slot: request.reveal_deadline_slot,
                reveal_len: request.output_capacity,
            })
        }
    }
}
