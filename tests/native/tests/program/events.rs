//! Events: each state change emits its event (by self-CPI) with the keys and amounts it moved.

use inference_escrow::events::*;
use inference_escrow_client::{ix, pda, seats, Dispute, Request, UpdateConfigArgs};
use inference_escrow_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

/// The only event in `events`, decoded as `T`.
#[track_caller]
fn only<T: anchor_lang::Event>(events: &[Vec<u8>]) -> T {
    assert_eq!(events.len(), 1, "expected one event, got {}", events.len());
    decode_event(&events[0]).expect("event of the expected type")
}

#[tokio::test]
async fn every_state_change_emits_its_event() {
    let env = &mut Env::bare().await;
    let admin = env.admin.insecure_clone();
    let params = config_params(env.treasury.pubkey());
    let events = env
        .send_with_events(&[ix::initialize_config(&admin.pubkey(), params)], &[&admin])
        .await
        .unwrap();
    let e: ConfigInitialized = only(&events);
    assert_eq!(
        (e.admin, e.treasury),
        (admin.pubkey(), env.treasury.pubkey())
    );

    let args = UpdateConfigArgs {
        protocol_fee_bps: Some(PROTOCOL_FEE_BPS),
        ..Default::default()
    };
    let events = env
        .send_with_events(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    let _: ConfigUpdated = only(&events);
    let events = env
        .send_with_events(&[ix::set_paused(&admin.pubkey(), false)], &[&admin])
        .await
        .unwrap();
    assert!(!only::<ConfigUpdated>(&events).paused);

    let owner = env.wallet(SOL).await;
    let events = env
        .send_with_events(
            &[ix::register_model(&owner.pubkey(), model_args(1), None)],
            &[&owner],
        )
        .await
        .unwrap();
    let e: ModelRegistered = only(&events);
    let model = pda::model(&owner.pubkey(), &[1; 32]);
    assert_eq!(
        (e.model, e.owner, e.price, e.royalty_bps),
        (model, owner.pubkey(), PRICE, ROYALTY_BPS)
    );

    let operator = env.wallet(5 * SOL).await;
    let attestation = Keypair::new();
    let register = ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), STAKE);
    let events = env
        .send_with_events(&[register], &[&operator, &attestation])
        .await
        .unwrap();
    let e: OracleRegistered = only(&events);
    assert_eq!(
        (e.authority, e.attestation_key, e.stake),
        (operator.pubkey(), attestation.pubkey(), STAKE)
    );
    let oracle = TestOracle {
        authority: operator,
        attestation,
    };
    let events = env
        .send_with_events(&[ix::add_stake(&oracle.key(), 10)], &[&oracle.authority])
        .await
        .unwrap();
    let e: OracleStakeChanged = only(&events);
    assert_eq!(
        (e.change, e.amount, e.stake),
        (StakeChange::Added, 10, STAKE + 10)
    );

    let requester = env.wallet(5 * SOL).await;
    let events = env
        .send_with_events(
            &[ix::create_request(
                &requester.pubkey(),
                &model,
                request_args(1),
            )],
            &[&requester],
        )
        .await
        .unwrap();
    let e: RequestCreated = only(&events);
    let request = pda::request(&requester.pubkey(), 1);
    assert_eq!(
        (e.request, e.requester, e.model, e.price),
        (request, requester.pubkey(), model, PRICE)
    );
    assert_eq!(e.input_hash, input().sha256());

    let state = env.account(&request).await;
    let events = env
        .send_with_events(
            &[ix::claim_request(&oracle.key(), &request, &state)],
            &[&oracle.authority],
        )
        .await
        .unwrap();
    let e: RequestClaimed = only(&events);
    assert_eq!(
        (e.request, e.oracle, e.previous_oracle, e.bond),
        (request, oracle.pda(), None, BOND)
    );

    let state = env.account(&request).await;
    let fulfil = ix::fulfill_signed(
        &oracle.key(),
        &oracle.attestation,
        &request,
        &state,
        model_args(1).onnx_sha256,
        output(0.5),
        execution_id(),
    );
    let events = env
        .send_with_events(&fulfil, &[&oracle.authority])
        .await
        .unwrap();
    let e: RequestFulfilled = only(&events);
    assert_eq!(
        (e.output_hash, e.execution_id),
        (output(0.5).sha256(), execution_id())
    );

    env.warp(31).await;
    let keys = env.request_keys(&request).await;
    let events = env
        .send_with_events(&[ix::settle_request(&keys, &oracle.key())], &[])
        .await
        .unwrap();
    let e: RequestSettled = only(&events);
    assert_eq!(
        (e.protocol_fee, e.royalty, e.oracle_amount, e.deferred),
        (25_000, 100_000, 875_003, false)
    );

    let events = env
        .send_with_events(&[ix::close_request(&keys)], &[&requester])
        .await
        .unwrap();
    let e: RequestClosed = only(&events);
    assert_eq!((e.request, e.refunded), (request, 0));

    // Collections, each by anyone, to its payee.
    let treasury = env.treasury.pubkey();
    for (ix, kind, payee, amount) in [
        (
            ix::collect_royalty(&model, &owner.pubkey(), None),
            PayoutKind::Royalty,
            owner.pubkey(),
            100_000,
        ),
        (
            ix::collect_protocol_fees(&model, &treasury, None),
            PayoutKind::ProtocolFee,
            treasury,
            25_000,
        ),
    ] {
        let events = env.send_with_events(&[ix], &[]).await.unwrap();
        let e: PayoutCollected = only(&events);
        assert_eq!(
            (e.account, e.kind, e.payee, e.mint, e.amount),
            (model, kind, payee, None, amount)
        );
    }

    // A no-show: refund owed, then its bond slashed to the treasury.
    let request = env.create_request(&requester, &model, 2).await;
    env.claim(&oracle, &request).await.unwrap();
    env.warp(TTL + 1).await;
    let events = env
        .send_with_events(&[ix::expire_request(&request, Some(oracle.pda()))], &[])
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    let refunded: RequestRefunded = decode_event(&events[0]).unwrap();
    assert_eq!(
        (refunded.reason, refunded.refund),
        (RefundReason::Expired, PRICE)
    );
    let slashed: OracleStakeChanged = decode_event(&events[1]).unwrap();
    assert_eq!(slashed.change, StakeChange::SlashedNoShow);
    assert_eq!(
        (slashed.amount, refunded.slashed, slashed.stake),
        (BOND, BOND, STAKE + 10 - BOND)
    );
    let keys = env.request_keys(&request).await;
    let events = env
        .send_with_events(&[ix::close_request(&keys)], &[&requester])
        .await
        .unwrap();
    assert_eq!(only::<RequestClosed>(&events).refunded, PRICE);
    let events = env
        .send_with_events(&[ix::collect_slashes(&treasury)], &[])
        .await
        .unwrap();
    let e: PayoutCollected = only(&events);
    assert_eq!(
        (e.kind, e.payee, e.amount),
        (PayoutKind::Slashes, treasury, BOND)
    );

    // A cancelled request.
    let request = env.create_request(&requester, &model, 3).await;
    let keys = env.request_keys(&request).await;
    let events = env
        .send_with_events(&[ix::cancel_request(&keys)], &[&requester])
        .await
        .unwrap();
    assert_eq!(only::<RequestCancelled>(&events).refunded, PRICE);

    // A failure.
    let request = env.create_request(&requester, &model, 4).await;
    env.claim(&oracle, &request).await.unwrap();
    let state = env.account(&request).await;
    let fail = ix::fail_signed(
        &oracle.key(),
        &oracle.attestation,
        &request,
        &state,
        model_args(1).onnx_sha256,
        "nan",
        execution_id(),
    );
    let events = env
        .send_with_events(&fail, &[&oracle.authority])
        .await
        .unwrap();
    let e: RequestFailed = only(&events);
    assert_eq!(
        (e.reason.as_str(), e.refund, e.execution_id),
        ("nan", PRICE, execution_id())
    );

    // A challenge upheld: the decision, the refund, the slash.
    let request = env.create_request(&requester, &model, 5).await;
    env.claim(&oracle, &request).await.unwrap();
    env.fulfill(&oracle, &request, output(0.9)).await.unwrap();
    let events = env
        .send_with_events(
            &[ix::challenge_request(&requester.pubkey(), &request)],
            &[&requester],
        )
        .await
        .unwrap();
    assert_eq!(only::<RequestChallenged>(&events).oracle, oracle.pda());
    env.warp(DISPUTE_WINDOW + 1).await;
    let state: Request = env.account(&request).await;
    let dispute: Dispute = env.account(&pda::dispute(&request)).await;
    let events = env
        .send_with_events(&[seats::finalize_dispute(&request, &state, &dispute)], &[])
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    let e: RoundFinalized = decode_event(&events[0]).unwrap();
    assert_eq!(
        (e.consensus, e.revealed, e.dispute),
        (false, 0, Some(pda::dispute(&request)))
    );
    let e: DisputeDecided = decode_event(&events[1]).unwrap();
    assert_eq!(
        (e.outcome, e.bond_returned),
        (DisputeOutcome::NoQuorum, CHALLENGE_BOND)
    );
    let keys = env.request_keys(&request).await;
    let events = env
        .send_with_events(
            &[ix::resolve_challenge(
                &admin.pubkey(),
                &keys,
                &oracle.key(),
                true,
            )],
            &[&admin],
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 4);
    assert!(
        decode_event::<ChallengeResolved>(&events[0])
            .unwrap()
            .oracle_was_wrong
    );
    let e: DisputeDecided = decode_event(&events[1]).unwrap();
    assert_eq!(
        (e.outcome, e.slashed),
        (DisputeOutcome::ArbiterOverturned, BOND)
    );
    assert_eq!(
        decode_event::<RequestRefunded>(&events[2]).unwrap().reason,
        RefundReason::ChallengeUpheld
    );
    let e: OracleStakeChanged = decode_event(&events[3]).unwrap();
    assert_eq!(
        (e.change, e.amount),
        (StakeChange::SlashedWrongResult, BOND)
    );

    // A challenge the arbiter leaves unresolved: refunded, no slash.
    let request = env.create_request(&requester, &model, 6).await;
    env.claim(&oracle, &request).await.unwrap();
    env.fulfill(&oracle, &request, output(0.9)).await.unwrap();
    env.send(
        &[ix::challenge_request(&requester.pubkey(), &request)],
        &[&requester],
    )
    .await
    .unwrap();
    env.warp(DISPUTE_WINDOW + 1).await;
    env.finalize_dispute(&request).await.unwrap();
    env.warp(ARBITRATION_TIMEOUT + 1).await;
    let state: Request = env.account(&request).await;
    let dispute: Dispute = env.account(&pda::dispute(&request)).await;
    let events = env
        .send_with_events(&[seats::finalize_dispute(&request, &state, &dispute)], &[])
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    let e: DisputeDecided = decode_event(&events[0]).unwrap();
    assert_eq!(
        (e.outcome, e.slashed, e.refund),
        (DisputeOutcome::TimedOut, 0, PRICE)
    );
    let e: RequestRefunded = decode_event(&events[1]).unwrap();
    assert_eq!(
        (e.reason, e.refund, e.slashed),
        (RefundReason::ArbitrationTimedOut, PRICE, 0)
    );

    // Model update, unbonding, withdrawal.
    let update = ix::update_model(&owner.pubkey(), &model, Default::default());
    let events = env.send_with_events(&[update], &[&owner]).await.unwrap();
    assert_eq!(only::<ModelUpdated>(&events).model, model);
    let events = env
        .send_with_events(&[ix::begin_unbonding(&oracle.key())], &[&oracle.authority])
        .await
        .unwrap();
    let _: OracleUnbondingBegan = only(&events);
    env.warp(51).await;
    // The oracle's fees from the settled request are still owed: they leave with the stake.
    let events = env
        .send_with_events(&[ix::withdraw_stake(&oracle.key())], &[&oracle.authority])
        .await
        .unwrap();
    assert_eq!(events.len(), 2);
    let e: OracleStakeChanged = decode_event(&events[0]).unwrap();
    assert_eq!(
        (e.change, e.amount, e.stake),
        (StakeChange::Withdrawn, STAKE + 10 - 2 * BOND, 0)
    );
    let e: PayoutCollected = decode_event(&events[1]).unwrap();
    assert_eq!(
        (e.kind, e.payee, e.amount),
        (PayoutKind::OracleFees, oracle.key(), 875_003)
    );
}
