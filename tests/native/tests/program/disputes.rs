//! Disputes decided by re-execution: a challenge posts a bond and opens a round served by
//! oracles that did not produce the result; the round confirms or overturns the result, or,
//! without quorum, hands it to the arbiter as a last resort.

use anchor_lang::prelude::Pubkey;
use inference_escrow::{
    errors::EscrowError,
    math::{equal_share, FeeSplit},
};
use inference_escrow_client::{
    ix, pda, seats, CompareRule, Dispute, DisputeStatus, Oracle, Payload, Request, RequestStatus,
    VerificationPolicy,
};
use inference_escrow_tests::{quorum::*, *};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// A world whose model 2 is single-oracle (scores within 1e-3 agree) and a request of it that
/// oracle 0 fulfilled with `score` and the requester challenged. Returns the request.
async fn challenged_single(w: &mut QuorumWorld, score_value: f32) -> Pubkey {
    let model = w
        .register(
            2,
            VerificationPolicy {
                replicas: 1,
                quorum: 1,
                compare: tolerance(1e-3, 0.0),
            },
            1,
        )
        .await
        .unwrap();
    let request = w.request_for(&model, 1).await;
    w.env.claim(&w.oracles[0], &request).await.unwrap();
    w.env
        .fulfill(&w.oracles[0], &request, Payload::Inline(score(score_value)))
        .await
        .unwrap();
    let requester = w.requester.insecure_clone();
    let ix = ix::challenge_request(&requester.pubkey(), &request);
    w.env.send(&[ix], &[&requester]).await.unwrap();
    request
}

/// Oracles `seats` re-execute `request` in its dispute, reporting `outputs`.
async fn reexecute(w: &mut QuorumWorld, request: &Pubkey, seats: &[usize], outputs: &[Vec<u8>]) {
    let dispute = Some(pda::dispute(request));
    for &i in seats {
        w.seat_in(i, request, dispute).await.unwrap();
    }
    for (&i, output) in seats.iter().zip(outputs) {
        w.commit_in(i, request, dispute, output).await.unwrap();
    }
    for (&i, output) in seats.iter().zip(outputs) {
        w.reveal_with(i, request, dispute, output, salt(i))
            .await
            .unwrap();
    }
}

fn split() -> FeeSplit {
    FeeSplit::compute(PRICE, PROTOCOL_FEE_BPS, ROYALTY_BPS).unwrap()
}

/// Lamports of every account money moves between here, dispute included.
async fn total(w: &mut QuorumWorld, request: &Pubkey) -> u64 {
    w.total_lamports(request).await + w.env.lamports(&pda::dispute(request)).await
}

#[tokio::test]
async fn challenge_upheld_by_reexecution_refunds_and_slashes_the_oracle() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = challenged_single(&mut w, 0.75).await;
    let before = total(&mut w, &request).await;
    // The oracle that produced the result cannot re-execute it.
    assert_escrow_error(
        w.seat_in(0, &request, Some(pda::dispute(&request))).await,
        EscrowError::ChallengedOracle,
    );
    // Re-executors agree on 0.5 (within 1e-3 of each other), far from 0.75.
    reexecute(
        &mut w,
        &request,
        &[1, 2, 3],
        &[score(0.5), score(0.5004), score(0.4998)],
    )
    .await;
    // The re-executors, then the holder: missing or out of order, refused.
    let state: Request = w.env.account(&request).await;
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    let full = seats::finalize_dispute(&request, &state, &dispute);
    let mut missing = full.clone();
    missing.accounts.pop();
    assert_escrow_error(
        w.env.send(&[missing], &[]).await,
        EscrowError::SeatAccountsMismatch,
    );
    let mut reordered = full.clone();
    let n = reordered.accounts.len();
    reordered.accounts.swap(n - 2, n - 3);
    assert_escrow_error(
        w.env.send(&[reordered], &[]).await,
        EscrowError::SeatAccountsMismatch,
    );
    w.env.finalize_dispute(&request).await.unwrap();
    let state: Request = w.env.account(&request).await;
    assert!(matches!(state.status, RequestStatus::Refunded { .. }));
    assert_eq!(state.escrow, PRICE);
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert!(matches!(dispute.status, DisputeStatus::Upheld { .. }));
    assert_eq!(
        dispute.bond, CHALLENGE_BOND,
        "returned to the challenger on close"
    );
    let wrong: Oracle = w.oracle_state(0).await;
    assert_eq!(
        (wrong.stake, wrong.bonded, wrong.slashes),
        (STAKE - BOND, 0, 1)
    );
    for (rank, i) in [1, 2, 3].into_iter().enumerate() {
        let o = w.oracle_state(i).await;
        assert_eq!((o.stake, o.bonded, o.open_requests), (STAKE, 0, 0));
        assert_eq!(o.fees_owed, equal_share(BOND, 3, rank));
    }
    assert_eq!(total(&mut w, &request).await, before);
    assert_escrow_error(
        w.env.finalize_dispute(&request).await,
        EscrowError::RequestNotChallenged,
    );
    // The challenger gets bond and rent back; the requester its escrow.
    let requester = w.requester.insecure_clone();
    let wallet = w.env.lamports(&requester.pubkey()).await;
    let held = w.env.lamports(&pda::dispute(&request)).await;
    w.env
        .send(&[seats::close_dispute(&request, &requester.pubkey())], &[])
        .await
        .unwrap();
    assert_eq!(w.env.lamports(&requester.pubkey()).await, wallet + held);
    w.env.close(&requester, &request).await.unwrap();
}

#[tokio::test]
async fn challenge_rejected_pays_the_reexecutors_and_settles_at_once() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = challenged_single(&mut w, 0.75).await;
    let before = total(&mut w, &request).await;
    // Two re-executors confirm 0.75 (within tolerance), one disagrees and is slashed.
    reexecute(
        &mut w,
        &request,
        &[1, 2, 3],
        &[score(0.7505), score(0.25), score(0.75)],
    )
    .await;
    w.env.finalize_dispute(&request).await.unwrap();
    let state: Request = w.env.account(&request).await;
    assert!(matches!(state.status, RequestStatus::Fulfilled { .. }));
    assert!(state.disputed);
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert!(matches!(dispute.status, DisputeStatus::Rejected { .. }));
    assert_eq!((dispute.bond, dispute.agreed), (0, 0b101));
    let paid = CHALLENGE_BOND + BOND;
    assert_eq!(w.oracle_state(1).await.fees_owed, equal_share(paid, 2, 0));
    assert_eq!(w.oracle_state(3).await.fees_owed, equal_share(paid, 2, 1));
    assert_eq!(w.oracle_state(2).await.stake, STAKE - BOND);
    assert_eq!(total(&mut w, &request).await, before);
    // Confirmed once: no second challenge, and it settles without waiting out the window.
    let requester = w.requester.insecure_clone();
    let again = ix::challenge_request(&requester.pubkey(), &request);
    assert_escrow_error(
        w.env.send(&[again], &[&requester]).await,
        EscrowError::AlreadyDisputed,
    );
    let authority = w.oracles[0].key();
    w.env.settle(&request, &authority).await.unwrap();
    let oracle = w.oracle_state(0).await;
    assert_eq!(
        (oracle.fees_owed, oracle.stake, oracle.bonded),
        (split().oracle, STAKE, 0)
    );
    // Closing the dispute returns only its rent.
    let wallet = w.env.lamports(&requester.pubkey()).await;
    let rent = w.env.lamports(&pda::dispute(&request)).await;
    assert_eq!(rent, w.env.rent_exempt(Dispute::space(3, 4)).await);
    w.env
        .send(&[seats::close_dispute(&request, &requester.pubkey())], &[])
        .await
        .unwrap();
    assert_eq!(w.env.lamports(&requester.pubkey()).await, wallet + rent);
}

#[tokio::test]
async fn a_round_without_quorum_goes_to_the_arbiter() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = challenged_single(&mut w, 0.75).await;
    let dispute = Some(pda::dispute(&request));
    // Three different answers; the third seat commits and never reveals.
    for i in 1..=3 {
        w.seat_in(i, &request, dispute).await.unwrap();
    }
    w.commit_in(1, &request, dispute, &score(0.1))
        .await
        .unwrap();
    w.commit_in(2, &request, dispute, &score(0.9))
        .await
        .unwrap();
    w.commit_in(3, &request, dispute, &score(0.5))
        .await
        .unwrap();
    w.reveal_with(1, &request, dispute, &score(0.1), salt(1))
        .await
        .unwrap();
    w.reveal_with(2, &request, dispute, &score(0.9), salt(2))
        .await
        .unwrap();
    assert_escrow_error(
        w.env.finalize_dispute(&request).await,
        EscrowError::RoundStillOpen,
    );
    w.env.warp(DISPUTE_WINDOW + REVEAL_WINDOW + 1).await;
    w.env.finalize_dispute(&request).await.unwrap();
    let state: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert!(matches!(state.status, DisputeStatus::NoQuorum { .. }));
    assert_eq!(
        w.oracle_state(3).await.stake,
        STAKE - BOND,
        "the silent seat"
    );
    assert_eq!(w.oracle_state(1).await.stake, STAKE);
    // Last resort: the arbiter, who finds the oracle wrong.
    let keys = w.env.request_keys(&request).await;
    let admin = w.env.admin.insecure_clone();
    let stranger = Keypair::new();
    let ix = ix::resolve_challenge(&stranger.pubkey(), &keys, &w.oracles[0].key(), true);
    assert_escrow_error(w.env.send(&[ix], &[&stranger]).await, EscrowError::NotAdmin);
    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracles[0].key(), true);
    w.env.send(&[ix], &[&admin]).await.unwrap();
    assert!(matches!(
        w.env.account::<Request>(&request).await.status,
        RequestStatus::Refunded { .. }
    ));
    assert_eq!(w.oracle_state(0).await.stake, STAKE - BOND);
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert_eq!(
        dispute.bond,
        CHALLENGE_BOND + BOND,
        "its bond back, and the wrong oracle's bond: the treasury gets nothing"
    );
}

#[tokio::test]
async fn error_dispute_seats_full_already_seated_and_reveal_mismatch() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = challenged_single(&mut w, 0.75).await;
    let dispute = Some(pda::dispute(&request));
    for i in 1..=3 {
        w.seat_in(i, &request, dispute).await.unwrap();
    }
    assert_escrow_error(
        w.seat_in(1, &request, dispute).await,
        EscrowError::AlreadySeated,
    );
    assert_escrow_error(
        w.seat_in(4, &request, dispute).await,
        EscrowError::SeatsFull,
    );
    for i in 1..=3 {
        w.commit_in(i, &request, dispute, &score(0.5))
            .await
            .unwrap();
    }
    assert_escrow_error(
        w.reveal_with(1, &request, dispute, &score(0.75), salt(1))
            .await,
        EscrowError::RevealMismatch,
    );
    // A dispute seat's signature names the dispute: one made for the request does not verify.
    assert_escrow_error(
        w.commit_raw(1, &request, None, [0; 32]).await,
        EscrowError::NotAQuorumRequest,
    );
}

/// A 3-seat quorum request whose majority colluded on a wrong output: the requester challenges,
/// three other oracles re-execute, the colluders lose their bonds to them, the honest minority
/// is released, the requester is refunded.
#[tokio::test]
async fn a_colluding_majority_is_overturned_by_reexecution() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.run_round(&request, &[0, 1, 2], &[score(0.9), score(0.9), score(0.5)])
        .await;
    w.finalize(&request).await.unwrap();
    assert_eq!(w.state(&request).await.agreed, 0b011);
    let requester = w.requester.insecure_clone();
    let before = total(&mut w, &request).await;
    let ix = ix::challenge_request(&requester.pubkey(), &request);
    w.env.send(&[ix], &[&requester]).await.unwrap();
    let posted = w.env.lamports(&pda::dispute(&request)).await;
    assert_escrow_error(
        w.seat_in(2, &request, Some(pda::dispute(&request))).await,
        EscrowError::ChallengedOracle,
    );
    reexecute(
        &mut w,
        &request,
        &[3, 4, 5],
        &[score(0.5), score(0.5), score(0.5)],
    )
    .await;
    w.env.finalize_dispute(&request).await.unwrap();
    let state = w.state(&request).await;
    assert!(matches!(state.status, RequestStatus::Refunded { .. }));
    assert!(state.seats.iter().all(|seat| seat.bond == 0));
    for i in [0, 1] {
        assert_eq!(w.oracle_state(i).await.stake, STAKE - BOND, "colluder {i}");
    }
    let honest = w.oracle_state(2).await;
    assert_eq!(
        (honest.stake, honest.bonded, honest.open_requests),
        (STAKE, 0, 0)
    );
    for (rank, i) in [3, 4, 5].into_iter().enumerate() {
        assert_eq!(
            w.oracle_state(i).await.fees_owed,
            equal_share(2 * BOND, 3, rank)
        );
    }
    assert_eq!(total(&mut w, &request).await, before);
    assert_eq!(
        w.env.lamports(&pda::dispute(&request)).await,
        posted,
        "bond owed back"
    );
}

/// A quorum request's result confirmed by re-execution settles at once through settle_quorum.
#[tokio::test]
async fn a_confirmed_quorum_result_settles_without_waiting() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.run_round(&request, &[0, 1, 2], &[score(0.5), score(0.5), score(0.5)])
        .await;
    w.finalize(&request).await.unwrap();
    let requester = w.requester.insecure_clone();
    let ix = ix::challenge_request(&requester.pubkey(), &request);
    w.env.send(&[ix], &[&requester]).await.unwrap();
    reexecute(
        &mut w,
        &request,
        &[3, 4, 5],
        &[score(0.5), score(0.5), score(0.5)],
    )
    .await;
    w.env.finalize_dispute(&request).await.unwrap();
    w.settle(&request).await.unwrap();
    for i in 0..3 {
        assert_eq!(
            w.oracle_state(i).await.fees_owed,
            equal_share(split().oracle, 3, i)
        );
    }
    for (rank, i) in [3, 4, 5].into_iter().enumerate() {
        assert_eq!(
            w.oracle_state(i).await.fees_owed,
            equal_share(CHALLENGE_BOND, 3, rank)
        );
    }
}

/// A quorum request whose dispute found no quorum: the arbiter decides with the seats as
/// remaining accounts.
#[tokio::test]
async fn the_arbiter_decides_a_quorum_request_after_a_round_without_quorum() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let request = w.request(1).await;
    w.run_round(&request, &[0, 1, 2], &[score(0.5), score(0.5), score(0.25)])
        .await;
    w.finalize(&request).await.unwrap();
    let requester = w.requester.insecure_clone();
    let ix = ix::challenge_request(&requester.pubkey(), &request);
    w.env.send(&[ix], &[&requester]).await.unwrap();
    w.env.warp(DISPUTE_WINDOW + 1).await;
    w.env.finalize_dispute(&request).await.unwrap();
    let keys = w.env.request_keys(&request).await;
    let state = w.state(&request).await;
    let admin = w.env.admin.insecure_clone();
    // The single-oracle form (with an `oracle`) is refused for a quorum request.
    let wrong_form = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracles[0].key(), false);
    assert_escrow_error(
        w.env.send(&[wrong_form], &[&admin]).await,
        EscrowError::AccountMismatch,
    );
    let ix = seats::resolve_quorum_challenge(&admin.pubkey(), &keys, &state, false);
    w.env.send(&[ix], &[&admin]).await.unwrap();
    let state = w.state(&request).await;
    assert!(matches!(state.status, RequestStatus::Fulfilled { .. }) && state.disputed);
    // The challenger's bond went to the result's producers (the agreeing seats), not to the
    // treasury the arbiter controls.
    for i in 0..2 {
        assert_eq!(
            w.oracle_state(i).await.fees_owed,
            equal_share(CHALLENGE_BOND, 2, i)
        );
    }
    w.settle(&request).await.unwrap();
    assert_eq!(
        w.oracle_state(2).await.stake,
        STAKE - BOND,
        "the disagreeing seat"
    );
    for i in 0..2 {
        assert_eq!(
            w.oracle_state(i).await.fees_owed,
            equal_share(CHALLENGE_BOND, 2, i)
                + equal_share(split().oracle, 2, i)
                + equal_share(BOND, 2, i)
        );
    }
}

/// A request made for someone else (a program, a vault) names a challenger: it may challenge;
/// a stranger may not.
#[tokio::test]
async fn a_named_challenger_may_dispute() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    let model = w.register(2, VerificationPolicy::SINGLE, 1).await.unwrap();
    let keeper = w.env.wallet(SOL).await;
    let args = inference_escrow_client::CreateRequestArgs {
        challenger: Some(keeper.pubkey()),
        ..request_args(1)
    };
    let requester = w.requester.insecure_clone();
    w.env
        .send(
            &[ix::create_request(&requester.pubkey(), &model, args)],
            &[&requester],
        )
        .await
        .unwrap();
    let request = pda::request(&requester.pubkey(), 1);
    w.env.claim(&w.oracles[0], &request).await.unwrap();
    w.env
        .fulfill(&w.oracles[0], &request, Payload::Inline(score(0.75)))
        .await
        .unwrap();
    let stranger = w.env.wallet(SOL).await;
    let ix = ix::challenge_request(&stranger.pubkey(), &request);
    assert_escrow_error(
        w.env.send(&[ix], &[&stranger]).await,
        EscrowError::NotChallenger,
    );
    let ix = ix::challenge_request(&keeper.pubkey(), &request);
    w.env.send(&[ix], &[&keeper]).await.unwrap();
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert_eq!(dispute.challenger, keeper.pubkey());
}

/// A result posted by URI is re-executed on its output hash: seats reveal 32-byte hashes,
/// compared exactly.
#[tokio::test]
async fn a_result_by_uri_is_disputed_on_its_hash() {
    let mut w = quorum_world(policy(3, 2, CompareRule::Exact), 1).await;
    // 100 f32 outputs: 400 bytes, above the config's inline limit, so results go by URI.
    let model = w
        .register(2, VerificationPolicy::SINGLE, 100)
        .await
        .unwrap();
    let request = w.request_for(&model, 1).await;
    let claimed_hash = [7u8; 32];
    w.env.claim(&w.oracles[0], &request).await.unwrap();
    let output = Payload::Uri {
        uri: "https://results.example/1".to_owned(),
        sha256: claimed_hash,
    };
    w.env
        .fulfill(&w.oracles[0], &request, output)
        .await
        .unwrap();
    let requester = w.requester.insecure_clone();
    let ix = ix::challenge_request(&requester.pubkey(), &request);
    w.env.send(&[ix], &[&requester]).await.unwrap();
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert_eq!(
        (dispute.reveal_len, dispute.policy.compare),
        (32, CompareRule::Exact)
    );
    let d = Some(pda::dispute(&request));
    for i in 1..=3 {
        w.seat_in(i, &request, d).await.unwrap();
    }
    w.commit_in(1, &request, d, &claimed_hash).await.unwrap();
    w.commit_in(2, &request, d, &claimed_hash).await.unwrap();
    w.commit_in(3, &request, d, &score(0.5)).await.unwrap();
    // A 4-byte reveal is not an output hash.
    assert_escrow_error(
        w.reveal_with(3, &request, d, &score(0.5), salt(3)).await,
        EscrowError::OutputSchemaMismatch,
    );
    w.reveal_with(1, &request, d, &claimed_hash, salt(1))
        .await
        .unwrap();
    w.reveal_with(2, &request, d, &claimed_hash, salt(2))
        .await
        .unwrap();
    w.env.warp(DISPUTE_WINDOW + REVEAL_WINDOW + 1).await;
    w.env.finalize_dispute(&request).await.unwrap();
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert!(matches!(dispute.status, DisputeStatus::Rejected { .. }));
    assert_eq!(w.oracle_state(3).await.stake, STAKE - BOND, "silent seat");
}
