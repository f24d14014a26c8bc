//! The oracles behind a challenged result, and how their obligations end once the challenge is
//! decided (by a re-execution round, by the arbiter after a round without quorum, or by the
//! arbiter's timeout).

use anchor_lang::prelude::*;

use crate::{
    errors::EscrowError,
    math,
    round::{free_bond, load_seat_oracles, seat_outcome, take_bond, SeatOutcome},
    state::{Oracle, Request},
};

/// The Oracle accounts behind `request`'s result, from an instruction's remaining accounts
/// (writable): the holder of a single-oracle request, or every still-bonded seat of a quorum
/// request, in seat order (`None` for the others).
pub fn load_challenged<'info>(
    remaining: &'info [AccountInfo<'info>],
    request: &Request,
) -> Result<Vec<Option<Account<'info, Oracle>>>> {
    if request.policy.is_quorum() {
        return Ok(load_seat_oracles(remaining, &request.seats)?.0);
    }
    let holder = request
        .status
        .oracle()
        .ok_or(EscrowError::RequestNotChallenged)?;
    let info = remaining.first().ok_or(EscrowError::SeatAccountsMismatch)?;
    require!(
        info.key() == holder && info.is_writable,
        EscrowError::SeatAccountsMismatch
    );
    Ok(vec![Some(Account::try_from(info)?)])
}

/// Ends the obligations behind `request`'s challenged result (`oracles` as
/// [`load_challenged`] gives them). When the result was `wrong`, the oracles that produced it
/// (the holder, or the agreeing seats) lose their bonds; seats that never revealed lose theirs
/// in any case (no-shows); every other bond is released. Returns the lamports taken, which the
/// caller credits.
pub fn end_challenged(
    request: &mut Request,
    oracles: &mut [Option<Account<Oracle>>],
    wrong: bool,
) -> Result<u64> {
    if !request.policy.is_quorum() {
        let oracle = oracles
            .first_mut()
            .and_then(Option::as_mut)
            .ok_or(EscrowError::SeatAccountsMismatch)?;
        return end_holder(request, oracle, wrong);
    }
    let mut taken = 0;
    let agreed = request.agreed;
    for (index, (seat, oracle)) in request.seats.iter_mut().zip(oracles.iter_mut()).enumerate() {
        let Some(oracle) = oracle else { continue };
        let produced = agreed & (1 << index) != 0;
        let no_show = seat_outcome(seat, None, index) == SeatOutcome::NoShow;
        if no_show {
            oracle.no_shows = oracle.no_shows.saturating_add(1);
        }
        if no_show || (produced && wrong) {
            taken = math::add(taken, take_bond(&mut seat.bond, oracle)?)?;
        } else {
            free_bond(&mut seat.bond, oracle)?;
        }
    }
    Ok(taken)
}

/// Ends a single-oracle request's holder's obligation: its bond is taken when the result was
/// `wrong`, released otherwise. Returns the lamports taken.
pub fn end_holder(request: &mut Request, oracle: &mut Account<Oracle>, wrong: bool) -> Result<u64> {
    if wrong {
        take_bond(&mut request.bond, oracle)
    } else {
        free_bond(&mut request.bond, oracle)?;
        Ok(0)
    }
}
