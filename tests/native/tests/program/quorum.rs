//! Quorum requests: seats, signed commitments, reveals, the on-chain comparison under each rule,
//! payout among the agreeing seats, slashes of disagreeing and silent seats, refunds without
//! consensus. Every refusal asserts its exact error.

use inference_escrow::{
    errors::EscrowError,
    math::{equal_share, FeeSplit},
};
use inference_escrow_client::{
    ix, pda, seats, CompareRule, DataRef, RequestStatus, SeatState, VerificationPolicy,
};
use inference_escrow_tests::{quorum::*, *};
use solana_signer::Signer;

fn split() -> FeeSplit {
    FeeSplit::compute(PRICE, PROTOCOL_FEE_BPS, ROYALTY_BPS).unwrap()
}

fn majority(n: u8) -> u8 {
    n / 2 + 1
}

/// Runs one honest round of every seat count from 2 to 7 (a model each) to settlement, and
/// checks the agreed output, the equal split of the oracle share, the released bonds and that
/// no lamport appeared or vanished.
#[tokio::test]
async fn every_seat_count_settles_among_its_agreeing_oracles() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    for n in 2..=7u8 {
        let model = w
            .register(10 + n, policy(n, majority(n), CompareRule::Exact), 1)
            .await
            .unwrap();
        let nonce = n as u64;
        let request = w.request_for(&model, nonce).await;
        let total = w.total_lamports(&request).await;
        let seats: Vec<usize> = (0..n as usize).collect();
        let outputs = vec![score(0.5); n as usize];
        let before: Vec<_> = {
            let mut v = Vec::new();
            for &i in &seats {
                v.push(w.oracle_state(i).await);
            }
            v
        };
        w.run_round(&request, &seats, &outputs).await;
        let state = w.state(&request).await;
        assert_eq!(state.seats.len(), n as usize);
        assert!(state.seats.iter().all(|s| s.state == SeatState::Revealed));

        w.finalize(&request).await.unwrap();
        let state = w.state(&request).await;
        assert!(
            matches!(state.status, RequestStatus::Fulfilled { oracle, .. } if oracle == w.oracles[0].pda())
        );
        assert_eq!(state.output, Some(DataRef::Inline(score(0.5))));
        assert_eq!(state.agreed.count_ones(), n as u32);

        w.env.warp(31).await;
        w.settle(&request).await.unwrap();
        assert!(matches!(
            w.state(&request).await.status,
            RequestStatus::Settled { .. }
        ));
        for (rank, &i) in seats.iter().enumerate() {
            let after = w.oracle_state(i).await;
            assert_eq!(
                after.fees_owed - before[rank].fees_owed,
                equal_share(split().oracle, n as usize, rank),
                "seat {rank} of {n}"
            );
            assert_eq!((after.bonded, after.open_requests), (0, 0));
            assert_eq!(after.stake, STAKE);
        }
        assert_eq!(w.total_lamports(&request).await, total, "n = {n}");
    }
}

#[tokio::test]
async fn one_replica_is_a_single_oracle_request_and_seats_are_refused() {
    let mut w = sol_world().await;
    let request = w.request(1).await;
    let state = w.env.account(&request).await;
    let ix = seats::claim_seat(&w.oracle.key(), &request, &state, None);
    let authority = w.oracle.authority.insecure_clone();
    assert_escrow_error(
        w.env.send(&[ix], &[&authority]).await,
        EscrowError::NotAQuorumRequest,
    );
    // The same request is served by one oracle, as in v1.
    w.env.claim(&w.oracle, &request).await.unwrap();
}

#[tokio::test]
async fn error_claim_request_on_a_quorum_request() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    assert_escrow_error(
        w.env.claim(&w.oracles[0], &request).await,
        EscrowError::QuorumRequest,
    );
}

#[tokio::test]
async fn error_seats_full_and_already_seated() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    for i in 0..3 {
        w.seat(i, &request).await.unwrap();
    }
    assert_escrow_error(w.seat(0, &request).await, EscrowError::AlreadySeated);
    assert_escrow_error(w.seat(3, &request).await, EscrowError::SeatsFull);
    let oracle = w.oracle_state(0).await;
    assert_eq!((oracle.bonded, oracle.open_requests), (BOND, 1));
}

#[tokio::test]
async fn error_seat_too_late_and_commit_after_the_deadline() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.seat(0, &request).await.unwrap();
    w.env.warp(TTL - MIN_FULFIL_SLOTS + 1).await;
    assert_escrow_error(w.seat(1, &request).await, EscrowError::TooLateToClaim);
    w.env.warp(MIN_FULFIL_SLOTS).await;
    assert_escrow_error(
        w.commit(0, &request, &score(0.5)).await,
        EscrowError::CommitWindowClosed,
    );
}

#[tokio::test]
async fn error_commit_twice_reveal_without_commit_and_not_seated() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.seat(0, &request).await.unwrap();
    w.seat(1, &request).await.unwrap();
    assert_escrow_error(
        w.commit(4, &request, &score(0.5)).await,
        EscrowError::NotSeated,
    );
    w.commit(0, &request, &score(0.5)).await.unwrap();
    assert_escrow_error(
        w.commit(0, &request, &score(0.6)).await,
        EscrowError::AlreadyCommitted,
    );
    assert_escrow_error(
        w.reveal(1, &request, &score(0.5)).await,
        EscrowError::NotCommitted,
    );
}

#[tokio::test]
async fn reveals_open_when_every_seat_committed_or_the_commit_window_closed() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    for i in 0..2 {
        w.seat(i, &request).await.unwrap();
        w.commit(i, &request, &score(0.5)).await.unwrap();
    }
    // A seat is still free: no output may be visible yet.
    assert_escrow_error(
        w.reveal(0, &request, &score(0.5)).await,
        EscrowError::RevealNotOpen,
    );
    assert_escrow_error(w.finalize(&request).await, EscrowError::RoundStillOpen);
    w.env.warp(TTL + 1).await;
    w.reveal(0, &request, &score(0.5)).await.unwrap();
    w.reveal(1, &request, &score(0.5)).await.unwrap();
    w.finalize(&request).await.unwrap();
    assert!(matches!(
        w.state(&request).await.status,
        RequestStatus::Fulfilled { .. }
    ));
}

#[tokio::test]
async fn error_reveal_that_does_not_match_its_commitment() {
    let mut w = quorum_world(policy(2, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    for i in 0..2 {
        w.seat(i, &request).await.unwrap();
        w.commit(i, &request, &score(0.5)).await.unwrap();
    }
    assert_escrow_error(
        w.reveal(0, &request, &score(0.25)).await,
        EscrowError::RevealMismatch,
    );
    assert_escrow_error(
        w.reveal_with(0, &request, None, &score(0.5), [9; 32]).await,
        EscrowError::RevealMismatch,
    );
    // Another oracle's salt: the commitment binds the oracle too.
    assert_escrow_error(
        w.reveal_with(0, &request, None, &score(0.5), salt(1)).await,
        EscrowError::RevealMismatch,
    );
    w.reveal(0, &request, &score(0.5)).await.unwrap();
}

#[tokio::test]
async fn error_reveal_with_an_output_outside_the_schema() {
    let mut w = quorum_world(policy(2, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    let long = f32_bytes(&[0.5, 0.5]);
    for i in 0..2 {
        w.seat(i, &request).await.unwrap();
        w.commit(i, &request, &long).await.unwrap();
    }
    assert_escrow_error(
        w.reveal(0, &request, &long).await,
        EscrowError::OutputSchemaMismatch,
    );
}

/// An oracle copies another's signed commitment: it cannot reveal it (the commitment binds the
/// oracle that made it), so it is a no-show and loses its bond to the honest seats.
#[tokio::test]
async fn a_copied_commitment_cannot_be_revealed_and_is_slashed() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    let total = w.total_lamports(&request).await;
    for i in 0..3 {
        w.seat(i, &request).await.unwrap();
    }
    w.commit(0, &request, &score(0.5)).await.unwrap();
    w.commit(1, &request, &score(0.5)).await.unwrap();
    let copied = w.state(&request).await.seats[0].commitment;
    w.commit_raw(2, &request, None, copied).await.unwrap();
    w.reveal(0, &request, &score(0.5)).await.unwrap();
    assert_escrow_error(
        w.reveal_with(2, &request, None, &score(0.5), salt(0)).await,
        EscrowError::RevealMismatch,
    );
    w.reveal(1, &request, &score(0.5)).await.unwrap();
    assert_escrow_error(w.finalize(&request).await, EscrowError::RoundStillOpen);
    w.env.warp(TTL + REVEAL_WINDOW + 1).await;
    assert_escrow_error(
        w.reveal_with(2, &request, None, &score(0.5), salt(2)).await,
        EscrowError::RevealWindowClosed,
    );
    w.finalize(&request).await.unwrap();
    w.env.warp(31).await;
    w.settle(&request).await.unwrap();
    let copier = w.oracle_state(2).await;
    assert_eq!(copier.stake, STAKE - BOND);
    assert_eq!((copier.slashes, copier.no_shows, copier.bonded), (1, 1, 0));
    for i in 0..2 {
        let honest = w.oracle_state(i).await;
        assert_eq!(
            honest.fees_owed,
            equal_share(split().oracle, 2, i) + equal_share(BOND, 2, i)
        );
        assert_eq!(honest.stake, STAKE);
    }
    assert_eq!(w.total_lamports(&request).await, total);
}

/// Commit without reveal: a no-show, slashed at settlement; the revealing majority settles.
#[tokio::test]
async fn commit_without_reveal_is_slashed_to_the_agreeing_seats() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    for i in 0..3 {
        w.seat(i, &request).await.unwrap();
        w.commit(i, &request, &score(0.5)).await.unwrap();
    }
    w.reveal(0, &request, &score(0.5)).await.unwrap();
    w.reveal(2, &request, &score(0.5)).await.unwrap();
    w.env.warp(TTL + REVEAL_WINDOW + 1).await;
    w.finalize(&request).await.unwrap();
    let state = w.state(&request).await;
    assert_eq!(state.agreed, 0b101);
    // Bonds stay locked through the challenge window.
    assert_eq!(w.oracle_state(1).await.bonded, BOND);
    assert_escrow_error(w.settle(&request).await, EscrowError::ChallengeWindowOpen);
    w.env.warp(31).await;
    let keys = w.env.request_keys(&request).await;
    let settle = seats::settle_quorum(&keys, &state);
    let events = w.env.send_with_events(&[settle], &[]).await.unwrap();
    let settled: Vec<_> = events
        .iter()
        .filter_map(|e| decode_event::<inference_escrow::events::SeatSettled>(e))
        .collect();
    assert_eq!(settled.len(), 3);
    assert_eq!(
        settled[1].outcome,
        inference_escrow::round::SeatOutcome::NoShow
    );
    assert_eq!(settled[1].slashed, BOND);
    assert_eq!(settled[0].slash_share + settled[2].slash_share, BOND);
    assert_eq!(w.oracle_state(1).await.stake, STAKE - BOND);
    assert_escrow_error(w.settle(&request).await, EscrowError::RequestAlreadySettled);
}

/// Without `quorum` agreeing outputs the requester is refunded in full; revealing seats are
/// released, silent ones slashed to the treasury.
#[tokio::test]
async fn no_consensus_refunds_in_full_and_slashes_only_no_shows() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    let requester_before =
        w.env.lamports(&w.requester.pubkey()).await + w.env.lamports(&request).await;
    let slashed_before = w
        .env
        .account::<inference_escrow_client::Config>(&pda::config())
        .await
        .slashed_owed;
    for i in 0..3 {
        w.seat(i, &request).await.unwrap();
    }
    w.commit(0, &request, &score(0.25)).await.unwrap();
    w.commit(1, &request, &score(0.75)).await.unwrap();
    w.env.warp(TTL + 1).await;
    w.reveal(0, &request, &score(0.25)).await.unwrap();
    w.reveal(1, &request, &score(0.75)).await.unwrap();
    // Seat 2 never committed; seats 0 and 1 disagree.
    w.finalize(&request).await.unwrap();
    let state = w.state(&request).await;
    assert!(matches!(state.status, RequestStatus::Expired { .. }));
    assert_eq!(state.escrow, PRICE);
    for i in 0..2 {
        let o = w.oracle_state(i).await;
        assert_eq!(
            (o.stake, o.bonded, o.open_requests, o.slashes),
            (STAKE, 0, 0, 0)
        );
    }
    let silent = w.oracle_state(2).await;
    assert_eq!((silent.stake, silent.no_shows), (STAKE - BOND, 1));
    let config = w
        .env
        .account::<inference_escrow_client::Config>(&pda::config())
        .await;
    assert_eq!(config.slashed_owed - slashed_before, BOND);
    assert_escrow_error(w.finalize(&request).await, EscrowError::RoundClosed);
    let requester = w.requester.insecure_clone();
    w.env.close(&requester, &request).await.unwrap();
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        requester_before
    );
}

/// Runs a 3-seat round whose outputs are `outputs` and returns the agreement mask (or `None`
/// when the request was refunded), checking that a consensus output is the one expected.
async fn round_of_three(
    compare: CompareRule,
    elements: i32,
    outputs: [Vec<u8>; 3],
    expected_output: Option<Vec<u8>>,
) -> Option<u8> {
    let mut w = quorum_world(policy(3, 2, compare), elements).await;
    let request = w.request(1).await;
    w.run_round(&request, &[0, 1, 2], &outputs).await;
    w.finalize(&request).await.unwrap();
    let state = w.state(&request).await;
    match state.status {
        RequestStatus::Fulfilled { .. } => {
            if let Some(expected) = expected_output {
                assert_eq!(state.output, Some(DataRef::Inline(expected)));
            }
            w.env.warp(31).await;
            w.settle(&request).await.unwrap();
            for i in 0..3 {
                let o = w.oracle_state(i).await;
                let agreed = state.agreed & (1 << i) != 0;
                assert_eq!(o.stake, if agreed { STAKE } else { STAKE - BOND });
            }
            Some(state.agreed)
        }
        RequestStatus::Expired { .. } => None,
        other => panic!("unexpected status {other:?}"),
    }
}

fn next_up(x: f32) -> f32 {
    f32::from_bits(x.to_bits() + 1)
}

/// `Tolerance { abs: 0.25 }`, anchored on the median (1.0 here): 1.25 is exactly 0.25 from it
/// (inside, nobody slashed); the next f32 above 1.25 is outside, so that seat is slashed.
#[tokio::test]
async fn tolerance_just_inside_agrees_and_just_outside_is_slashed() {
    let inside = round_of_three(
        tolerance(0.25, 0.0),
        1,
        [score(1.0), score(1.0), score(1.25)],
        Some(score(1.0)),
    )
    .await;
    assert_eq!(inside, Some(0b111));
    let outside = round_of_three(
        tolerance(0.25, 0.0),
        1,
        [score(1.0), score(1.0), score(next_up(1.25))],
        Some(score(1.0)),
    )
    .await;
    assert_eq!(outside, Some(0b011));
}

/// `Tolerance { rel: 0.5 }`: 1.0 is within half of max(|1|, |2|) of the median 2.0; the f32 just
/// below 1.0 is not.
#[tokio::test]
async fn relative_tolerance_is_measured_against_the_larger_value() {
    let below_one = f32::from_bits(1.0f32.to_bits() - 1);
    let inside = round_of_three(
        tolerance(0.0, 0.5),
        2,
        [
            f32_bytes(&[2.0, 0.0]),
            f32_bytes(&[2.0, 0.0]),
            f32_bytes(&[1.0, 0.0]),
        ],
        Some(f32_bytes(&[2.0, 0.0])),
    )
    .await;
    assert_eq!(inside, Some(0b111));
    let outside = round_of_three(
        tolerance(0.0, 0.5),
        2,
        [
            f32_bytes(&[2.0, 0.0]),
            f32_bytes(&[2.0, 0.0]),
            f32_bytes(&[below_one, 0.0]),
        ],
        Some(f32_bytes(&[2.0, 0.0])),
    )
    .await;
    assert_eq!(outside, Some(0b011));
}

/// The first seat cannot steer a tolerance round: placed at the far edge of the tolerance from
/// the honest outputs, it only joins them (the anchor is their median), and an honest seat on
/// another runtime is not outvoted.
#[tokio::test]
async fn the_first_seat_cannot_get_honest_seats_slashed_under_tolerance() {
    let agreed = round_of_three(
        tolerance(1e-3, 0.0),
        1,
        [score(0.5013), score(0.5004), score(0.5000)],
        // The result is the output closest to the median, not the first seat's.
        Some(score(0.5004)),
    )
    .await;
    assert_eq!(agreed, Some(0b111), "nobody slashed");
}

/// `Argmax` over rows of 3: the first two pick the same class with different scores and agree;
/// the third picks another class and is slashed.
#[tokio::test]
async fn argmax_agrees_on_the_class_not_the_scores() {
    let agreed = round_of_three(
        CompareRule::Argmax,
        3,
        [
            f32_bytes(&[0.1, 0.7, 0.2]),
            f32_bytes(&[0.3, 0.4, 0.3]),
            f32_bytes(&[0.4, 0.3, 0.3]),
        ],
        Some(f32_bytes(&[0.1, 0.7, 0.2])),
    )
    .await;
    assert_eq!(agreed, Some(0b011));
}

/// `Median { abs: 0.25 }`: the result is the elementwise median (1.25); 1.0 is exactly 0.25
/// from it (inside), the f32 just above 1.5 is outside and slashed.
#[tokio::test]
async fn median_settles_at_the_median_and_slashes_outliers() {
    let agreed = round_of_three(
        median(0.25, 0.0),
        1,
        [score(1.0), score(1.25), score(next_up(1.5))],
        Some(score(1.25)),
    )
    .await;
    assert_eq!(agreed, Some(0b011));
}

/// `Exact`: one bit of difference disagrees.
#[tokio::test]
async fn exact_refuses_a_one_bit_difference() {
    let agreed = round_of_three(
        CompareRule::Exact,
        1,
        [score(0.5), score(0.5), score(next_up(0.5))],
        Some(score(0.5)),
    )
    .await;
    assert_eq!(agreed, Some(0b011));
}

/// A NaN never agrees, even with itself: two NaN seats and one number have no consensus.
#[tokio::test]
async fn nan_outputs_never_agree() {
    let agreed = round_of_three(
        tolerance(1.0, 0.0),
        1,
        [score(f32::NAN), score(f32::NAN), score(0.5)],
        None,
    )
    .await;
    assert_eq!(agreed, None);
}

/// A seat that cannot run the input fails (signed) before committing: released, not slashed;
/// after committing it cannot.
#[tokio::test]
async fn a_failed_seat_is_released_and_cannot_fail_after_committing() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    for i in 0..3 {
        w.seat(i, &request).await.unwrap();
    }
    w.fail_seat(2, &request, None).await.unwrap();
    let failed = w.oracle_state(2).await;
    assert_eq!(
        (failed.bonded, failed.open_requests, failed.failed),
        (0, 0, 1)
    );
    w.commit(0, &request, &score(0.5)).await.unwrap();
    assert_escrow_error(
        w.fail_seat(0, &request, None).await,
        EscrowError::AlreadyCommitted,
    );
    w.commit(1, &request, &score(0.5)).await.unwrap();
    // Every seat committed or failed: reveals open before the deadline.
    w.reveal(0, &request, &score(0.5)).await.unwrap();
    w.reveal(1, &request, &score(0.5)).await.unwrap();
    w.finalize(&request).await.unwrap();
    w.env.warp(31).await;
    w.settle(&request).await.unwrap();
    let failed = w.oracle_state(2).await;
    assert_eq!((failed.stake, failed.fees_owed), (STAKE, 0));
    assert_eq!(w.state(&request).await.seats[2].state, SeatState::Failed);
}

#[tokio::test]
async fn error_cancel_and_expire_while_seats_are_held() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.seat(0, &request).await.unwrap();
    let keys = w.env.request_keys(&request).await;
    let requester = w.requester.insecure_clone();
    assert_escrow_error(
        w.env
            .send(&[ix::cancel_request(&keys)], &[&requester])
            .await,
        EscrowError::SeatsHeld,
    );
    w.env.warp(TTL + REVEAL_WINDOW + 1).await;
    assert_escrow_error(w.env.expire(&request).await, EscrowError::SeatsHeld);
    // The round ends through finalize_quorum: the silent seat is slashed, the requester refunded.
    w.finalize(&request).await.unwrap();
    assert!(matches!(
        w.state(&request).await.status,
        RequestStatus::Expired { .. }
    ));
    assert_eq!(w.oracle_state(0).await.stake, STAKE - BOND);
}

#[tokio::test]
async fn an_unseated_quorum_request_expires_like_any_other() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.env.warp(TTL + 1).await;
    w.env.expire(&request).await.unwrap();
    assert!(matches!(
        w.state(&request).await.status,
        RequestStatus::Expired { .. }
    ));
}

#[tokio::test]
async fn error_finalize_or_settle_with_the_wrong_seat_accounts() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    for i in 0..3 {
        w.seat(i, &request).await.unwrap();
    }
    w.env.warp(TTL + 1).await;
    let state = w.state(&request).await;
    // Seat oracles out of order.
    let mut finalize = seats::finalize_quorum(&request, &state);
    let n = finalize.accounts.len();
    finalize.accounts.swap(n - 1, n - 2);
    assert_escrow_error(
        w.env.send(&[finalize], &[]).await,
        EscrowError::SeatAccountsMismatch,
    );
    // One missing.
    let mut finalize = seats::finalize_quorum(&request, &state);
    finalize.accounts.pop();
    assert_escrow_error(
        w.env.send(&[finalize], &[]).await,
        EscrowError::SeatAccountsMismatch,
    );
    // Read-only.
    let mut finalize = seats::finalize_quorum(&request, &state);
    finalize.accounts.last_mut().unwrap().is_writable = false;
    assert_escrow_error(
        w.env.send(&[finalize], &[]).await,
        EscrowError::SeatAccountsMismatch,
    );
}

#[tokio::test]
async fn error_settle_request_or_challenge_on_a_quorum_request() {
    let mut w = quorum_world(policy(2, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.run_round(&request, &[0, 1], &[score(0.5), score(0.5)])
        .await;
    w.finalize(&request).await.unwrap();
    w.env.warp(31).await;
    let authority = w.oracles[0].key();
    assert_escrow_error(
        w.env.settle(&request, &authority).await,
        EscrowError::QuorumRequest,
    );
    assert_escrow_error(
        w.commit(0, &request, &score(0.5)).await,
        EscrowError::RoundClosed,
    );
    w.settle(&request).await.unwrap();
}

#[tokio::test]
async fn error_policies_that_cannot_run_are_refused_at_registration() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let cases = [
        (
            policy(0, 0, CompareRule::Exact),
            EscrowError::InvalidReplicas,
        ),
        (
            policy(8, 5, CompareRule::Exact),
            EscrowError::InvalidReplicas,
        ),
        (policy(4, 2, CompareRule::Exact), EscrowError::InvalidQuorum),
        (policy(3, 4, CompareRule::Exact), EscrowError::InvalidQuorum),
        (
            policy(3, 2, tolerance(f32::NAN, 0.0)),
            EscrowError::InvalidTolerance,
        ),
        (
            policy(3, 2, tolerance(0.0, -1.0)),
            EscrowError::InvalidTolerance,
        ),
        (
            policy(3, 2, median(f32::INFINITY, 0.0)),
            EscrowError::InvalidTolerance,
        ),
    ];
    for (id, (policy, error)) in cases.into_iter().enumerate() {
        assert_escrow_error(
            w.register(50 + id as u8, policy, 1).await.map(|_| ()),
            error,
        );
    }
    // Numeric rules need f32 outputs; Argmax a static last axis; a quorum, inline outputs.
    let owner = w.owner.insecure_clone();
    let mut args = quorum_model_args(60, policy(3, 2, CompareRule::Argmax), 1);
    args.output_schema.dtype = inference_escrow_client::DType::I64;
    args.output_schema.shape = vec![1, 2];
    assert_escrow_error(
        w.env
            .send(
                &[ix::register_model(&owner.pubkey(), args, None)],
                &[&owner],
            )
            .await,
        EscrowError::CompareNeedsF32Output,
    );
    let mut args = quorum_model_args(61, policy(3, 2, CompareRule::Argmax), 1);
    args.output_schema.shape = vec![1, -1];
    args.max_output_len = 8;
    assert_escrow_error(
        w.env
            .send(
                &[ix::register_model(&owner.pubkey(), args, None)],
                &[&owner],
            )
            .await,
        EscrowError::ArgmaxNeedsStaticLastAxis,
    );
    let args = quorum_model_args(62, policy(3, 2, CompareRule::Exact), 1_000);
    assert_escrow_error(
        w.env
            .send(
                &[ix::register_model(&owner.pubkey(), args, None)],
                &[&owner],
            )
            .await,
        EscrowError::QuorumNeedsInlineOutput,
    );
    // Any dtype compares exactly; one replica with any rule is a single-oracle model.
    let mut args = quorum_model_args(63, policy(3, 2, CompareRule::Exact), 1);
    args.output_schema.dtype = inference_escrow_client::DType::I64;
    w.env
        .send(
            &[ix::register_model(&owner.pubkey(), args, None)],
            &[&owner],
        )
        .await
        .unwrap();
    w.register(
        64,
        VerificationPolicy {
            replicas: 1,
            quorum: 1,
            compare: tolerance(0.1, 0.0),
        },
        1,
    )
    .await
    .unwrap();
}

/// The admin lowered the inline output limit below the quorum model's output: new requests are
/// refused (its outputs could not be compared), none is lost.
#[tokio::test]
async fn error_quorum_request_when_the_inline_limit_no_longer_holds_its_output() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 4).await;
    let admin = w.env.admin.insecure_clone();
    let args = inference_escrow_client::UpdateConfigArgs {
        max_output_len: Some(8),
        ..Default::default()
    };
    w.env
        .send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    let requester = w.requester.insecure_clone();
    let ix = ix::create_request(&requester.pubkey(), &w.model, request_args(1));
    assert_escrow_error(
        w.env.send(&[ix], &[&requester]).await,
        EscrowError::QuorumNeedsInlineOutput,
    );
}

/// A seat that failed holds nothing: its oracle may unbond and close its account, and the round
/// still finalizes and settles without it (the program loads only bonded seats' oracles).
#[tokio::test]
async fn a_failed_seat_whose_oracle_left_does_not_block_the_round() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    for i in 0..3 {
        w.seat(i, &request).await.unwrap();
    }
    w.fail_seat(2, &request, None).await.unwrap();
    let gone = w.oracles[2].authority.insecure_clone();
    w.env
        .send(&[ix::begin_unbonding(&gone.pubkey())], &[&gone])
        .await
        .unwrap();
    w.env.warp(51).await;
    w.env
        .send(&[ix::withdraw_stake(&gone.pubkey())], &[&gone])
        .await
        .unwrap();
    assert!(!w.env.exists(&w.oracles[2].pda()).await);
    // Every seat is bound (two to commit, one failed): the others commit, reveal, finalize and
    // settle; the departed oracle's account is neither needed nor touched.
    w.commit(0, &request, &score(0.5)).await.unwrap();
    w.commit(1, &request, &score(0.5)).await.unwrap();
    w.reveal(0, &request, &score(0.5)).await.unwrap();
    w.reveal(1, &request, &score(0.5)).await.unwrap();
    w.finalize(&request).await.unwrap();
    w.env.warp(31).await;
    w.settle(&request).await.unwrap();
    assert!(matches!(
        w.state(&request).await.status,
        RequestStatus::Settled { .. }
    ));
}

/// A requester is not kept from cancelling by seats that failed (claim-and-fail costs nothing);
/// a bonded seat does keep it.
#[tokio::test]
async fn cancel_is_allowed_once_every_seat_has_failed() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.seat(0, &request).await.unwrap();
    w.fail_seat(0, &request, None).await.unwrap();
    let keys = w.env.request_keys(&request).await;
    let requester = w.requester.insecure_clone();
    w.env
        .send(&[ix::cancel_request(&keys)], &[&requester])
        .await
        .unwrap();
    assert!(!w.env.exists(&request).await);
}

#[tokio::test]
async fn error_non_exact_rules_need_outputs_that_fit_inline() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    // 100 f32: above the config's inline limit, results would go by URI.
    let single_tolerance = VerificationPolicy {
        replicas: 1,
        quorum: 1,
        compare: tolerance(0.1, 0.0),
    };
    let owner = w.owner.insecure_clone();
    let mut args = quorum_model_args(70, single_tolerance, 1_000);
    args.max_output_len = 0;
    assert_escrow_error(
        w.env
            .send(
                &[ix::register_model(&owner.pubkey(), args, None)],
                &[&owner],
            )
            .await,
        EscrowError::CompareNeedsInlineOutput,
    );
    // Below the hard cap but above the config's limit: registered, refused at request time.
    let model = w.register(71, single_tolerance, 90).await.unwrap();
    let requester = w.requester.insecure_clone();
    let ix = ix::create_request(&requester.pubkey(), &model, request_args(9));
    assert_escrow_error(
        w.env.send(&[ix], &[&requester]).await,
        EscrowError::CompareNeedsInlineOutput,
    );
    // Exact compares hashes, so a single-oracle Exact model may post by URI.
    w.register(72, VerificationPolicy::SINGLE, 90)
        .await
        .unwrap();
}

/// An SPL quorum request: the agreeing seats' shares go to their Earnings for the model (created
/// on their first seat), the disagreeing seat's bond (lamports) to them; a frozen vault defers
/// the token payout until `release_payout`, which takes every agreeing seat's Earnings.
#[tokio::test]
async fn an_spl_quorum_request_pays_the_agreeing_seats_earnings() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let token = w
        .env
        .create_freezable_mint(anchor_spl::token::spl_token::ID)
        .await;
    let owner = w.owner.insecure_clone();
    let args = quorum_model_args(80, policy(3, 2, CompareRule::Exact), 1);
    let model = pda::model(&owner.pubkey(), &args.model_id);
    w.env
        .send(
            &[ix::register_model(&owner.pubkey(), args, Some(token))],
            &[&owner],
        )
        .await
        .unwrap();
    let requester = w.requester.insecure_clone();
    w.env.mint_to(&requester.pubkey(), token, 10 * PRICE).await;
    let create = ix::create_request_token(&requester.pubkey(), &model, token, request_args(1));
    w.env.send(&[create], &[&requester]).await.unwrap();
    let request = pda::request(&requester.pubkey(), 1);
    w.run_round(&request, &[0, 1, 2], &[score(0.5), score(0.5), score(0.9)])
        .await;
    w.finalize(&request).await.unwrap();
    assert_eq!(w.state(&request).await.agreed, 0b011);

    let vault = pda::vault(&request);
    w.env.set_frozen(&vault, token, true).await;
    w.env.warp(31).await;
    w.settle(&request).await.unwrap();
    let state = w.state(&request).await;
    assert!(matches!(state.status, RequestStatus::Settled { .. }));
    assert_eq!(state.escrow, PRICE, "the tokens wait in the frozen vault");
    // Bonds moved at settlement regardless of the vault: the wrong seat paid the right ones.
    assert_eq!(w.oracle_state(2).await.stake, STAKE - BOND);
    for i in 0..2 {
        assert_eq!(w.oracle_state(i).await.fees_owed, equal_share(BOND, 2, i));
    }
    let keys = w.env.request_keys(&request).await;
    let release = seats::release_quorum_payout(&keys, &state).unwrap();
    assert_escrow_error(
        w.env.send(std::slice::from_ref(&release), &[]).await,
        EscrowError::TokenAccountFrozen,
    );
    w.env.set_frozen(&vault, token, false).await;
    // The agreeing seats' earnings in the wrong order: each must be its own seat's.
    let mut swapped = release.clone();
    let n = swapped.accounts.len();
    let named = swapped
        .accounts
        .iter()
        .position(|meta| meta.pubkey == pda::earnings(&model, &w.oracles[0].pda()))
        .unwrap();
    let (a, b) = (
        swapped.accounts[named].pubkey,
        swapped.accounts[n - 1].pubkey,
    );
    swapped.accounts[named].pubkey = b;
    swapped.accounts[n - 1].pubkey = a;
    assert_escrow_error(
        w.env.send(&[swapped], &[]).await,
        EscrowError::InvalidEarningsAccount,
    );
    // Only the first agreeing seat's earnings: the second's is missing.
    let mut short = release.clone();
    short.accounts.pop();
    assert_escrow_error(
        w.env.send(&[short], &[]).await,
        EscrowError::SeatAccountsMismatch,
    );
    w.env.send(&[release], &[]).await.unwrap();
    for i in 0..2 {
        let earnings: inference_escrow_client::Earnings = w
            .env
            .account(&pda::earnings(&model, &w.oracles[i].pda()))
            .await;
        assert_eq!(earnings.owed, equal_share(split().oracle, 2, i));
    }
    let outvoted: inference_escrow_client::Earnings = w
        .env
        .account(&pda::earnings(&model, &w.oracles[2].pda()))
        .await;
    assert_eq!(outvoted.owed, 0, "the outvoted seat earns nothing");
    assert_eq!(w.state(&request).await.escrow, 0);
}

#[tokio::test]
async fn error_seat_without_free_stake_for_the_bond() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    // A model priced so that its bond (the whole price) exceeds an oracle's stake.
    let mut args = quorum_model_args(81, policy(3, 2, CompareRule::Exact), 1);
    args.price = STAKE + 1;
    let owner = w.owner.insecure_clone();
    let model = pda::model(&owner.pubkey(), &args.model_id);
    w.env
        .send(
            &[ix::register_model(&owner.pubkey(), args, None)],
            &[&owner],
        )
        .await
        .unwrap();
    let requester = w.env.wallet(10 * SOL).await;
    let create = ix::create_request(
        &requester.pubkey(),
        &model,
        inference_escrow_client::CreateRequestArgs {
            max_price: STAKE + 1,
            ..request_args(1)
        },
    );
    w.env.send(&[create], &[&requester]).await.unwrap();
    let request = pda::request(&requester.pubkey(), 1);
    assert_escrow_error(
        w.seat(0, &request).await,
        EscrowError::InsufficientFreeStake,
    );
}
