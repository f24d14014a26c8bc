use anchor_lang::prelude::*;

use super::{Seat, VerificationPolicy};
use crate::errors::EscrowError;

/// Where a dispute stands.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DisputeStatus {
    /// The re-execution round is running.
    Open,
    /// The round agreed with the challenged result: the result stands, the challenger's bond
    /// paid the agreeing re-executors.
    Rejected { slot: u64 },
    /// The round disagreed with the challenged result: the requester is refunded, the
    /// challenged oracles' bonds paid the agreeing re-executors, the challenger's bond is
    /// returned.
    Upheld { slot: u64 },
    /// The round found no quorum: the arbiter decides (`resolve_challenge`) within
    /// `arbitration_timeout_slots`, else the request is refunded and nobody is slashed.
    NoQuorum { slot: u64 },
    /// After a round without quorum, the arbiter decided: wrong, refunded and the bond returned;
    /// right, the result stands and the bond paid its producers.
    Decided { oracle_was_wrong: bool, slot: u64 },
    /// After a round without quorum, the arbiter did not decide in time: the request was
    /// refunded, nobody slashed for the result.
    TimedOut { slot: u64 },
}

impl DisputeStatus {
    /// Whether the dispute is over: the account may be closed, returning what it holds to the
    /// challenger.
    pub fn is_decided(&self) -> bool {
        !matches!(self, DisputeStatus::Open | DisputeStatus::NoQuorum { .. })
    }

    /// Borsh size of the largest variant.
    pub const MAX_LEN: usize = 1 + 1 + 8;
}

/// A challenge of a fulfilled request, decided by re-executing it: a round of seats held by
/// oracles that did not produce the challenged result, compared by the request's rule. At
/// `["dispute", request]`; the challenger pays its rent and its bond (lamports held here above
/// rent) and gets both back on close, less the bond when the result was confirmed.
#[account]
#[derive(Debug)]
pub struct Dispute {
    /// Account layout version ([`crate::constants::ACCOUNT_VERSION`]).
    pub version: u8,
    /// The challenged request.
    pub request: Pubkey,
    /// Who challenged: paid the bond and rent, gets them back on close (less the bond when the
    /// result was confirmed).
    pub challenger: Pubkey,
    /// Lamports held here for the challenger: its bond (zero once paid to re-executors or to a
    /// right result's producers), plus a wrong result's slashed bonds after the arbiter's
    /// decision. Paid to the challenger on close.
    pub bond: u64,
    /// Slot of the challenge.
    pub opened_slot: u64,
    /// Last slot at which a seat may be claimed or commit.
    pub commit_deadline_slot: u64,
    /// Last slot at which a committed seat may reveal.
    pub reveal_deadline_slot: u64,
    /// The round's rule: the config's `dispute_replicas`, a majority quorum, the request's
    /// compare rule (`Exact` on the output hash when the result was posted by URI).
    pub policy: VerificationPolicy,
    /// Bytes each seat reveals at most: the request's inline output capacity, or 32 (an output
    /// hash) for a result posted by URI.
    pub reveal_len: u32,
    /// Where the dispute stands.
    pub status: DisputeStatus,
    /// The re-execution seats, in the order they were claimed.
    pub seats: Vec<Seat>,
    /// Once the round reached a quorum: bit `i` set when seat `i` agrees.
    pub agreed: u8,
    /// Bump of this PDA.
    pub bump: u8,
}

impl Dispute {
    /// Account size of a dispute with `replicas` seats revealing at most `reveal_len` bytes.
    pub fn space(replicas: u8, reveal_len: u32) -> usize {
        8 + 1
            + 32
            + 32
            + 8
            + 8
            + 8
            + 8
            + VerificationPolicy::INIT_SPACE
            + 4
            + DisputeStatus::MAX_LEN
            + 4
            + replicas as usize * Seat::space(reveal_len)
            + 1
            + 1
    }

    /// The bond is held while the round runs and no longer once it paid re-executors or the
    /// result's producers; seats
    /// stay within the round's size, and none is bonded once the round is decided; the account
    /// holds its rent plus the bond.
    pub fn invariant(&self, info: &AccountInfo) -> Result<()> {
        let decided = self.status != DisputeStatus::Open;
        let bond_ok = match self.status {
            DisputeStatus::Rejected { .. }
            | DisputeStatus::Decided {
                oracle_was_wrong: false,
                ..
            } => self.bond == 0,
            _ => true,
        };
        require!(
            bond_ok
                && self.seats.len() <= self.policy.replicas as usize
                && (!decided || self.seats.iter().all(|seat| !seat.is_bonded())),
            EscrowError::InvariantViolated
        );
        crate::math::require_backed(info, self.bond)
    }
}
