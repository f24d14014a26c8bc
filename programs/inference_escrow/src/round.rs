//! One round of seats: a quorum request's own round, or a dispute's re-execution round.
//!
//! Rules, the same for both:
//! - a seat is taken by a distinct oracle, which locks a claim bond of its stake;
//! - a seat commits, by the commit deadline, to `sha256(sha256(output) || salt || oracle)`,
//!   signed by its attestation key (so no seat can copy another's commitment, and no output is
//!   visible before every seat is bound);
//! - reveals open once every seat has committed (or failed), or when the commit deadline has
//!   passed, and close at the reveal deadline; a reveal that does not hash to its commitment is
//!   refused;
//! - a seat that cannot run the input may fail (signed) before committing: its bond is released;
//! - the round ends when no seat can still act; its outcome is [`compare::tally`] of the revealed
//!   outputs. Agreeing seats are paid; disagreeing seats and no-shows (claimed or committed,
//!   never revealed) lose their bonds.

use anchor_lang::prelude::*;

use crate::{
    attestation::sha256,
    compare::{self, Consensus},
    errors::EscrowError,
    math,
    state::{Config, Oracle, Seat, SeatState, VerificationPolicy},
};

/// The commitment a seat signs: `sha256(sha256(output) || salt || oracle)`.
pub fn commitment(output: &[u8], salt: &[u8; 32], oracle: &Pubkey) -> [u8; 32] {
    let mut preimage = [0u8; 96];
    preimage[..32].copy_from_slice(&sha256(output));
    preimage[32..64].copy_from_slice(salt);
    preimage[64..].copy_from_slice(oracle.as_ref());
    sha256(&preimage)
}

/// Where a round is at a given slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Seats may be taken, commit or fail.
    Committing,
    /// Committed seats may reveal.
    Revealing,
    /// No seat can act any more: the round can be finalized.
    Ended,
}

/// A round's seats with its rule and windows, borrowed from a request or a dispute.
pub struct Round<'a> {
    /// The account the round's signatures name (the request, or the dispute).
    pub key: Pubkey,
    /// The seats, in the order they were taken.
    pub seats: &'a mut Vec<Seat>,
    /// Seats, quorum and compare rule.
    pub policy: VerificationPolicy,
    /// Last slot at which a seat may be taken, commit or fail.
    pub commit_deadline_slot: u64,
    /// Last slot at which a committed seat may reveal.
    pub reveal_deadline_slot: u64,
    /// Most bytes a reveal may have (the caller checks the exact shape).
    pub reveal_len: u32,
}

impl Round<'_> {
    /// Where the round is at `slot`.
    pub fn phase(&self, slot: u64) -> Phase {
        if slot > self.reveal_deadline_slot {
            return Phase::Ended;
        }
        let all_bound = self.seats.len() == self.policy.replicas as usize
            && self
                .seats
                .iter()
                .all(|seat| seat.state != SeatState::Claimed);
        if slot <= self.commit_deadline_slot && !all_bound {
            return Phase::Committing;
        }
        if self
            .seats
            .iter()
            .any(|seat| seat.state == SeatState::Committed)
        {
            Phase::Revealing
        } else {
            Phase::Ended
        }
    }

    /// The index of `oracle`'s seat.
    pub fn seat_index(&self, oracle: &Pubkey) -> Result<usize> {
        self.seats
            .iter()
            .position(|seat| seat.oracle == *oracle)
            .ok_or_else(|| error!(EscrowError::NotSeated))
    }

    /// Seats `oracle` with `bond` locked (the caller locks it in the Oracle account). Returns
    /// the seat's index.
    pub fn take_seat(&mut self, oracle: Pubkey, bond: u64, slot: u64) -> Result<usize> {
        require!(
            self.phase(slot) == Phase::Committing,
            EscrowError::CommitWindowClosed
        );
        require!(
            self.seats.iter().all(|seat| seat.oracle != oracle),
            EscrowError::AlreadySeated
        );
        require!(
            self.seats.len() < self.policy.replicas as usize,
            EscrowError::SeatsFull
        );
        self.seats.push(Seat {
            oracle,
            bond,
            state: SeatState::Claimed,
            commitment: [0; 32],
            execution_id: [0; 32],
            output: Vec::new(),
        });
        Ok(self.seats.len() - 1)
    }

    /// Checks that `oracle`'s seat may commit or fail now; returns its index.
    pub fn claimed_seat(&self, oracle: &Pubkey, slot: u64) -> Result<usize> {
        let index = self.seat_index(oracle)?;
        require!(
            self.seats[index].state == SeatState::Claimed,
            EscrowError::AlreadyCommitted
        );
        require!(
            slot <= self.commit_deadline_slot,
            EscrowError::CommitWindowClosed
        );
        Ok(index)
    }

    /// Records seat `index`'s (signed) commitment.
    pub fn commit(&mut self, index: usize, commitment: [u8; 32], execution_id: [u8; 32]) {
        let seat = &mut self.seats[index];
        seat.state = SeatState::Committed;
        seat.commitment = commitment;
        seat.execution_id = execution_id;
    }

    /// Reveals `oracle`'s output: the seat must have committed, the round be revealing, and
    /// `output` with `salt` hash to the commitment. Returns the seat's index.
    pub fn reveal(
        &mut self,
        oracle: &Pubkey,
        output: Vec<u8>,
        salt: &[u8; 32],
        slot: u64,
    ) -> Result<usize> {
        let index = self.seat_index(oracle)?;
        require!(
            self.seats[index].state == SeatState::Committed,
            EscrowError::NotCommitted
        );
        match self.phase(slot) {
            Phase::Committing => return err!(EscrowError::RevealNotOpen),
            Phase::Ended => return err!(EscrowError::RevealWindowClosed),
            Phase::Revealing => {}
        }
        require!(
            output.len() <= self.reveal_len as usize,
            EscrowError::OutputTooLong
        );
        require!(
            commitment(&output, salt, oracle) == self.seats[index].commitment,
            EscrowError::RevealMismatch
        );
        let seat = &mut self.seats[index];
        seat.state = SeatState::Revealed;
        seat.output = output;
        Ok(index)
    }

    /// The consensus of the revealed outputs, if `quorum` of them agree.
    pub fn tally(&self, row_len: usize) -> Option<Consensus> {
        let outputs: Vec<Option<&[u8]>> = self
            .seats
            .iter()
            .map(|seat| (seat.state == SeatState::Revealed).then_some(seat.output.as_slice()))
            .collect();
        compare::tally(&self.policy, row_len, &outputs)
    }
}

/// How a seat's round ended for it.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatOutcome {
    /// Its output is part of the consensus: paid, bond released.
    Agreed,
    /// Revealed an output outside the consensus: bond slashed.
    Disagreed,
    /// Claimed or committed and never revealed: bond slashed.
    NoShow,
    /// Failed before committing, or revealed in a round without consensus: bond released.
    Released,
}

/// What seat `index` is owed or loses as its round ends; `agreed` is the consensus's member
/// mask, `None` without consensus.
pub fn seat_outcome(seat: &Seat, agreed: Option<u8>, index: usize) -> SeatOutcome {
    match (seat.state, agreed) {
        (SeatState::Claimed | SeatState::Committed, _) => SeatOutcome::NoShow,
        (SeatState::Failed, _) | (SeatState::Revealed, None) => SeatOutcome::Released,
        (SeatState::Revealed, Some(mask)) if index < 8 && mask & (1 << index) != 0 => {
            SeatOutcome::Agreed
        }
        (SeatState::Revealed, Some(_)) => SeatOutcome::Disagreed,
    }
}

/// The Oracle accounts of a round's seats that still hold a bond, loaded from an instruction's
/// remaining accounts: one per bonded seat, in seat order, writable, each the seat's oracle;
/// `None` for a seat whose obligation already ended (its oracle may have withdrawn and closed
/// its account since, which must not block the round). Returns them by seat, and how many
/// remaining accounts they took.
#[allow(clippy::type_complexity)]
pub fn load_seat_oracles<'info>(
    remaining: &'info [AccountInfo<'info>],
    seats: &[Seat],
) -> Result<(Vec<Option<Account<'info, Oracle>>>, usize)> {
    let mut next = remaining.iter();
    let mut taken = 0;
    let mut oracles = Vec::with_capacity(seats.len());
    for seat in seats {
        if !seat.is_bonded() {
            oracles.push(None);
            continue;
        }
        let info = next.next().ok_or(EscrowError::SeatAccountsMismatch)?;
        require!(
            info.key() == seat.oracle && info.is_writable,
            EscrowError::SeatAccountsMismatch
        );
        oracles.push(Some(Account::<Oracle>::try_from(info)?));
        taken += 1;
    }
    Ok((oracles, taken))
}

/// Checks each loaded oracle's invariant and writes it back.
pub fn store_oracles(oracles: &[Option<Account<Oracle>>]) -> Result<()> {
    for oracle in oracles.iter().flatten() {
        oracle.invariant(&oracle.to_account_info())?;
        anchor_lang::AccountsExit::exit(oracle, &crate::ID)?;
    }
    Ok(())
}

/// How one seat of an ended round came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeatEnd {
    /// The seat's index.
    pub seat: u8,
    /// Its Oracle account.
    pub oracle: Pubkey,
    /// Agreed, disagreed, no-show or released.
    pub outcome: SeatOutcome,
    /// Lamports of its bond taken.
    pub slashed: u64,
}

/// Ends every seat's obligation as its round ends (`agreed`: the consensus's member mask,
/// `None` without consensus): agreeing and released seats get their bonds back; disagreeing
/// seats and no-shows lose theirs (`no_shows` counted). Seats already unbonded (failed) are
/// left as they are. Returns each seat's end and the lamports taken, which the caller credits.
pub fn end_seats(
    seats: &mut [Seat],
    oracles: &mut [Option<Account<Oracle>>],
    agreed: Option<u8>,
) -> Result<(Vec<SeatEnd>, u64)> {
    let mut ends = Vec::with_capacity(seats.len());
    let mut taken = 0;
    for (index, (seat, oracle)) in seats.iter_mut().zip(oracles.iter_mut()).enumerate() {
        let outcome = seat_outcome(seat, agreed, index);
        let slashed = match (oracle, outcome) {
            (None, _) => 0,
            (Some(oracle), SeatOutcome::Agreed | SeatOutcome::Released) => {
                release_seat(seat, oracle)?;
                0
            }
            (Some(oracle), SeatOutcome::Disagreed | SeatOutcome::NoShow) => {
                if outcome == SeatOutcome::NoShow {
                    oracle.no_shows = oracle.no_shows.saturating_add(1);
                }
                slash_seat(seat, oracle)?
            }
        };
        taken = math::add(taken, slashed)?;
        ends.push(SeatEnd {
            seat: index as u8,
            oracle: seat.oracle,
            outcome,
            slashed,
        });
    }
    Ok((ends, taken))
}

/// The loaded oracles of the seats in `agreed`, in seat order (to be paid).
pub fn agreeing<'a, 'info>(
    oracles: &'a mut [Option<Account<'info, Oracle>>],
    agreed: u8,
) -> Vec<&'a mut Account<'info, Oracle>> {
    oracles
        .iter_mut()
        .enumerate()
        .filter(|(i, _)| *i < 8 && agreed & (1 << i) != 0)
        .filter_map(|(_, oracle)| oracle.as_mut())
        .collect()
}

/// Takes `bond` from `oracle`'s stake (lamports leave its account; the caller credits them)
/// and zeroes it. Returns the amount; zero for an obligation that already ended.
pub fn take_bond(bond: &mut u64, oracle: &mut Account<Oracle>) -> Result<u64> {
    let amount = *bond;
    if amount == 0 {
        return Ok(0);
    }
    oracle.release_claim(amount)?;
    *bond = 0;
    oracle.stake = math::sub(oracle.stake, amount)?;
    oracle.total_slashed = math::add(oracle.total_slashed, amount)?;
    oracle.slashes = oracle.slashes.saturating_add(1);
    oracle.to_account_info().sub_lamports(amount)?;
    Ok(amount)
}

/// Unlocks `bond` in `oracle` and zeroes it: the obligation ended without fault (nothing to do
/// for one that already ended: every claim bond is positive).
pub fn free_bond(bond: &mut u64, oracle: &mut Oracle) -> Result<()> {
    if *bond == 0 {
        return Ok(());
    }
    oracle.release_claim(*bond)?;
    *bond = 0;
    Ok(())
}

/// Takes seat `seat`'s bond (see [`take_bond`]).
pub fn slash_seat(seat: &mut Seat, oracle: &mut Account<Oracle>) -> Result<u64> {
    take_bond(&mut seat.bond, oracle)
}

/// Unlocks seat `seat`'s bond (see [`free_bond`]).
pub fn release_seat(seat: &mut Seat, oracle: &mut Oracle) -> Result<()> {
    free_bond(&mut seat.bond, oracle)
}

/// Credits `amount` lamports, already taken from program accounts, to the oracles at `to` in
/// equal parts (the first gets the remainder), as SOL fees they are owed; with nobody to pay,
/// to the config, owed to the treasury.
pub fn credit_lamports(
    amount: u64,
    to: &mut [&mut Account<Oracle>],
    config: &mut Account<Config>,
) -> Result<()> {
    if amount == 0 {
        return Ok(());
    }
    if to.is_empty() {
        config.to_account_info().add_lamports(amount)?;
        config.slashed_owed = math::add(config.slashed_owed, amount)?;
        return Ok(());
    }
    let count = to.len();
    for (rank, oracle) in to.iter_mut().enumerate() {
        let share = math::equal_share(amount, count, rank);
        oracle.to_account_info().add_lamports(share)?;
        oracle.fees_owed = math::add(oracle.fees_owed, share)?;
    }
    Ok(())
}
