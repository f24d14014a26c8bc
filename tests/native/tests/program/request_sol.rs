//! The request lifecycle paid in SOL: every instruction's happy path with balances to the
//! lamport, and every rejection path with its exact error.

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{
    ix, pda, seats, Config, CreateRequestArgs, DType, DataRef, Dispute, DisputeStatus, EscrowError,
    Model, Oracle, Payload, Request, RequestStatus, TensorSchema, UpdateConfigArgs,
};
use inference_escrow_tests::*;
use inference_escrow_tests::{sol_world as world, SolWorld as World};
use solana_keypair::Keypair;
use solana_signer::Signer;

fn split(price: u64) -> (u64, u64, u64) {
    let protocol = price * PROTOCOL_FEE_BPS as u64 / 10_000;
    let royalty = price * ROYALTY_BPS as u64 / 10_000;
    (protocol, royalty, price - protocol - royalty)
}

// ---- create_request --------------------------------------------------------------------------

#[tokio::test]
async fn create_request_escrows_price_and_rent() {
    let w = &mut world().await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.request(7).await;
    let held = w.env.lamports(&request).await;
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before - held);
    let state: Request = w.env.account(&request).await;
    let rent = w.env.rent_exempt(Request::space(4 + 1 + 16, 4, 1)).await;
    assert_eq!(
        held,
        rent + PRICE,
        "the request holds its rent plus the price"
    );
    assert_eq!(state.status, RequestStatus::Open);
    assert_eq!((state.price, state.escrow, state.nonce), (PRICE, PRICE, 7));
    assert_eq!(state.requester, w.requester.pubkey());
    assert_eq!(state.model, w.model);
    assert_eq!(
        state.input,
        DataRef::Inline(f32_bytes(&[0.5, 1.5, -2.0, 3.25]))
    );
    assert_eq!(state.input_hash, input().sha256());
    assert_eq!(state.deadline_slot, state.created_slot + TTL);
    assert_eq!(
        state.output_capacity, 4,
        "a static [1,1] f32 output needs four bytes, and the request reserves exactly those"
    );
    assert_eq!(
        (state.version, state.bond),
        (inference_escrow::constants::ACCOUNT_VERSION, 0)
    );
}

#[tokio::test]
async fn create_request_by_uri() {
    let w = &mut world().await;
    let args = CreateRequestArgs {
        input: Payload::Uri {
            uri: "ipfs://input-1".to_owned(),
            sha256: [9; 32],
        },
        ..request_args(1)
    };
    w.create(args).await.unwrap();
    let state: Request = w.env.account(&pda::request(&w.requester.pubkey(), 1)).await;
    assert_eq!(state.input, DataRef::Uri("ipfs://input-1".to_owned()));
    assert_eq!(state.input_hash, [9; 32]);
}

#[tokio::test]
async fn error_create_request_bad_input() {
    let w = &mut world().await;
    let too_long = CreateRequestArgs {
        input: Payload::Inline(vec![0; 513]),
        ..request_args(1)
    };
    assert_escrow_error(w.create(too_long).await, EscrowError::InputTooLong);
    let wrong_shape = CreateRequestArgs {
        input: Payload::Inline(f32_bytes(&[1.0, 2.0, 3.0])),
        ..request_args(1)
    };
    assert_escrow_error(
        w.create(wrong_shape).await,
        EscrowError::InputSchemaMismatch,
    );
    let ragged = CreateRequestArgs {
        input: Payload::Inline(vec![0; 15]),
        ..request_args(1)
    };
    assert_escrow_error(w.create(ragged).await, EscrowError::InputSchemaMismatch);
    let empty = CreateRequestArgs {
        input: Payload::Inline(vec![]),
        ..request_args(1)
    };
    assert_escrow_error(w.create(empty).await, EscrowError::EmptyInput);
    let bad_uri = CreateRequestArgs {
        input: Payload::Uri {
            uri: String::new(),
            sha256: [0; 32],
        },
        ..request_args(1)
    };
    assert_escrow_error(w.create(bad_uri).await, EscrowError::InvalidUri);
    let no_ttl = CreateRequestArgs {
        ttl_slots: 0,
        ..request_args(1)
    };
    assert_escrow_error(w.create(no_ttl).await, EscrowError::InvalidTtl);
    let short_ttl = CreateRequestArgs {
        ttl_slots: MIN_TTL - 1,
        ..request_args(1)
    };
    assert_escrow_error(w.create(short_ttl).await, EscrowError::InvalidTtl);
    let long_ttl = CreateRequestArgs {
        ttl_slots: 1_001,
        ..request_args(1)
    };
    assert_escrow_error(w.create(long_ttl).await, EscrowError::InvalidTtl);
    assert!(
        !w.env.exists(&pda::request(&w.requester.pubkey(), 1)).await,
        "nothing was escrowed"
    );
}

#[tokio::test]
async fn error_create_request_fees_above_price() {
    let w = &mut world().await;
    let admin = w.env.admin.insecure_clone();
    let args = UpdateConfigArgs {
        protocol_fee_bps: Some(9_500),
        ..Default::default()
    };
    w.env
        .send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    assert_escrow_error(
        w.create(request_args(1)).await,
        EscrowError::FeeSplitTooHigh,
    );
}

#[tokio::test]
async fn error_create_request_nonce_reused() {
    let w = &mut world().await;
    w.request(1).await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    assert!(w.create(request_args(1)).await.is_err());
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        before,
        "nothing was taken"
    );
}

// ---- cancel_request --------------------------------------------------------------------------

#[tokio::test]
async fn cancel_request_refunds_price_and_rent() {
    let w = &mut world().await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.request(1).await;
    let keys = w.env.request_keys(&request).await;
    w.env
        .send(&[ix::cancel_request(&keys)], &[&w.requester])
        .await
        .unwrap();
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before);
    assert!(!w.env.exists(&request).await);
}

#[tokio::test]
async fn error_cancel_request_after_claim_and_by_stranger() {
    let w = &mut world().await;
    let request = w.claimed(1).await;
    let keys = w.env.request_keys(&request).await;
    let result = w
        .env
        .send(&[ix::cancel_request(&keys)], &[&w.requester])
        .await;
    assert_escrow_error(result, EscrowError::RequestNotOpen);

    let open = w.request(2).await;
    let stranger = w.env.wallet(SOL).await;
    let keys = ix::RequestKeys {
        requester: stranger.pubkey(),
        ..w.env.request_keys(&open).await
    };
    let result = w.env.send(&[ix::cancel_request(&keys)], &[&stranger]).await;
    assert_escrow_error(result, EscrowError::NotRequester);
}

// ---- claim_request ---------------------------------------------------------------------------

#[tokio::test]
async fn claim_request_happy_path() {
    let w = &mut world().await;
    let request = w.claimed(1).await;
    let slot = w.env.slot().await;
    assert_eq!(
        w.status(&request).await,
        RequestStatus::Claimed {
            oracle: w.oracle.pda(),
            slot
        }
    );
    assert_eq!(
        w.env.account::<Oracle>(&w.oracle.pda()).await.open_requests,
        1
    );
}

#[tokio::test]
async fn claim_takeover_after_timeout() {
    let w = &mut world().await;
    let request = w.claimed(1).await;
    let second = w.env.register_oracle(STAKE).await;
    assert_escrow_error(
        w.env.claim(&second, &request).await,
        EscrowError::ClaimStillActive,
    );

    w.env.warp(21).await;
    let state: Request = w.env.account(&request).await;
    // The previous claimer must be named so its books are kept.
    let ix = claim_naming(&second.key(), &request, &state, None);
    assert_escrow_error(
        w.env.send(&[ix], &[&second.authority]).await,
        EscrowError::AccountMismatch,
    );
    let third = w.env.register_oracle(STAKE).await;
    let ix = claim_naming(&second.key(), &request, &state, Some(third.pda()));
    assert_escrow_error(
        w.env.send(&[ix], &[&second.authority]).await,
        EscrowError::AccountMismatch,
    );
    // Naming itself as the previous claimer passes one writable account twice.
    let ix = claim_naming(&second.key(), &request, &state, Some(second.pda()));
    assert_anchor_error(
        w.env.send(&[ix], &[&second.authority]).await,
        anchor_lang::error::ErrorCode::ConstraintDuplicateMutableAccount,
    );

    w.env.claim(&second, &request).await.unwrap();
    let first: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (
            first.no_shows,
            first.open_requests,
            first.bonded,
            first.stake
        ),
        (1, 0, 0, STAKE),
        "a timed-out claimer loses its claim and no stake: its bond is released"
    );
    let taker: Oracle = w.env.account(&second.pda()).await;
    assert_eq!((taker.open_requests, taker.bonded), (1, BOND));
    assert_eq!(w.env.account::<Request>(&request).await.bond, BOND);
    assert!(
        matches!(w.status(&request).await, RequestStatus::Claimed { oracle, .. } if oracle == second.pda())
    );
    // The first claimer can no longer post a result.
    assert_escrow_error(
        w.env.fulfill(&w.oracle, &request, output(1.0)).await,
        EscrowError::NotClaimingOracle,
    );
}

/// `claim_request` of `request` naming `previous` as the previous claimer, whatever it is.
fn claim_naming(
    authority: &Pubkey,
    request: &Pubkey,
    state: &Request,
    previous: Option<Pubkey>,
) -> solana_instruction::Instruction {
    let mut ix = ix::claim_request(authority, request, state);
    ix.accounts[4].pubkey = previous.unwrap_or(inference_escrow::ID);
    ix.accounts[4].is_writable = previous.is_some();
    ix
}

#[tokio::test]
async fn error_claim_open_request_with_previous_oracle() {
    let w = &mut world().await;
    let request = w.request(1).await;
    let other = w.env.register_oracle(STAKE).await;
    let state: Request = w.env.account(&request).await;
    let ix = claim_naming(&w.oracle.key(), &request, &state, Some(other.pda()));
    assert_escrow_error(
        w.env.send(&[ix], &[&w.oracle.authority]).await,
        EscrowError::AccountMismatch,
    );
}

#[tokio::test]
async fn error_claim_after_deadline() {
    let w = &mut world().await;
    let request = w.request(1).await;
    w.env.warp(TTL + 1).await;
    assert_escrow_error(
        w.env.claim(&w.oracle, &request).await,
        EscrowError::DeadlinePassed,
    );
}

#[tokio::test]
async fn claim_locks_a_bond_sized_by_the_request() {
    let w = &mut world().await;
    let request = w.claimed(1).await;
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (oracle.stake, oracle.bonded, oracle.open_requests),
        (STAKE, BOND, 1)
    );
    assert_eq!(w.env.account::<Request>(&request).await.bond, BOND);

    // A bond of `price * claim_bond_bps / 10_000` above the minimum is taken as it is.
    let admin = w.env.admin.insecure_clone();
    let args = UpdateConfigArgs {
        min_claim_bond: Some(1),
        claim_bond_bps: Some(5_000),
        ..Default::default()
    };
    w.env
        .send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    let second = w.claimed(2).await;
    assert_eq!(w.env.account::<Request>(&second).await.bond, PRICE / 2);
    assert_eq!(
        w.env.account::<Oracle>(&w.oracle.pda()).await.bonded,
        BOND + PRICE / 2,
        "the first request keeps the bond it locked"
    );
}

#[tokio::test]
async fn error_claim_without_free_stake_for_the_bond() {
    let w = &mut world().await;
    let admin = w.env.admin.insecure_clone();
    let args = UpdateConfigArgs {
        min_claim_bond: Some(SOL),
        ..Default::default()
    };
    w.env
        .send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    // A stake of 2 SOL covers two bonds of 1 SOL, not three.
    w.claimed(1).await;
    w.claimed(2).await;
    let third = w.request(3).await;
    assert_escrow_error(
        w.env.claim(&w.oracle, &third).await,
        EscrowError::InsufficientFreeStake,
    );
    assert_eq!(w.status(&third).await, RequestStatus::Open);
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!((oracle.bonded, oracle.open_requests), (2 * SOL, 2));
}

#[tokio::test]
async fn error_claim_by_unstaked_oracle() {
    let w = &mut world().await;
    let request = w.request(1).await;
    let admin = w.env.admin.insecure_clone();
    let args = UpdateConfigArgs {
        min_oracle_stake: Some(STAKE + 1),
        ..Default::default()
    };
    w.env
        .send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    assert_escrow_error(
        w.env.claim(&w.oracle, &request).await,
        EscrowError::StakeTooLow,
    );
}

#[tokio::test]
async fn error_claim_by_unregistered_wallet_or_impersonator() {
    let w = &mut world().await;
    let request = w.request(1).await;
    let state: Request = w.env.account(&request).await;
    let stranger = w.env.wallet(SOL).await;
    let ix = ix::claim_request(&stranger.pubkey(), &request, &state);
    assert_anchor_error(
        w.env.send(&[ix], &[&stranger]).await,
        anchor_lang::error::ErrorCode::AccountNotInitialized,
    );
    let ix = swap_account(
        ix::claim_request(&stranger.pubkey(), &request, &state),
        &pda::oracle(&stranger.pubkey()),
        &w.oracle.pda(),
    );
    assert_escrow_error(
        w.env.send(&[ix], &[&stranger]).await,
        EscrowError::NotOracleAuthority,
    );
}

#[tokio::test]
async fn error_claim_fulfilled_request() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    let other = w.env.register_oracle(STAKE).await;
    assert_escrow_error(
        w.env.claim(&other, &request).await,
        EscrowError::RequestNotClaimable,
    );
}

/// `claim_request`, the Ed25519 instruction and `fulfill_request` in one transaction (what the
/// oracle service sends): claim and result land together. Another oracle's claim-and-fulfil of
/// the same request is then refused whole, its stake untouched.
#[tokio::test]
async fn claim_and_fulfil_in_one_transaction() {
    let w = &mut world().await;
    let request = w.request(1).await;
    let other = w.env.register_oracle(STAKE).await;
    let claim_and_fulfil = |oracle: &TestOracle, state: &Request, model: &Model| {
        let mut ixs = vec![ix::claim_request(&oracle.key(), &request, state)];
        ixs.extend(ix::fulfill_signed(
            &oracle.key(),
            &oracle.attestation,
            &request,
            state,
            model.onnx_sha256,
            output(0.25),
            execution_id(),
        ));
        ixs
    };
    let state: Request = w.env.account(&request).await;
    let model: Model = w.env.account(&w.model).await;
    let ixs = claim_and_fulfil(&w.oracle, &state, &model);
    let authority = w.oracle.authority.insecure_clone();
    w.env.send(&ixs, &[&authority]).await.unwrap();
    let after: Request = w.env.account(&request).await;
    assert!(
        matches!(after.status, RequestStatus::Fulfilled { oracle, .. } if oracle == pda::oracle(&w.oracle.key())),
        "{:?}",
        after.status
    );
    let bond = after.bond;
    assert!(bond > 0, "the claim's bond is held until settlement");
    let ours: Oracle = w.oracle_state().await;
    assert_eq!((ours.bonded, ours.open_requests), (bond, 1));

    let late = claim_and_fulfil(&other, &state, &model);
    let other_authority = other.authority.insecure_clone();
    assert_escrow_error(
        w.env.send(&late, &[&other_authority]).await,
        EscrowError::RequestNotClaimable,
    );
    let theirs: Oracle = w.env.account(&pda::oracle(&other.key())).await;
    assert_eq!((theirs.stake, theirs.bonded), (STAKE, 0), "nothing taken");
}

// ---- fulfill_request -------------------------------------------------------------------------

#[tokio::test]
async fn fulfill_request_stores_output() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    let state: Request = w.env.account(&request).await;
    let slot = w.env.slot().await;
    assert_eq!(
        state.status,
        RequestStatus::Fulfilled {
            oracle: w.oracle.pda(),
            slot
        }
    );
    assert_eq!(state.output, Some(DataRef::Inline(f32_bytes(&[0.75]))));
    assert_eq!(state.output_hash, output(0.75).sha256());
    assert_eq!(state.execution_id, execution_id());
    assert_eq!(
        (state.escrow, state.bond),
        (PRICE, BOND),
        "nothing is paid and the bond stays locked before the challenge window closes"
    );
    assert_eq!(w.env.account::<Oracle>(&w.oracle.pda()).await.fulfilled, 1);
}

/// A model whose static output (100 f32, 400 bytes) is larger than the config's inline limit
/// (256): its requests reserve URI space only, and outputs must be posted by URI.
async fn large_output_model(w: &mut World) -> Pubkey {
    let mut args = model_args(7);
    args.output_schema = TensorSchema {
        dtype: DType::F32,
        shape: vec![1, 100],
    };
    let key = pda::model(&w.owner.pubkey(), &args.model_id);
    let owner = w.owner.insecure_clone();
    w.env
        .send(
            &[ix::register_model(&owner.pubkey(), args, None)],
            &[&owner],
        )
        .await
        .unwrap();
    key
}

#[tokio::test]
async fn fulfill_request_by_uri() {
    let w = &mut world().await;
    let model = large_output_model(w).await;
    let request = w.env.create_request(&w.requester, &model, 1).await;
    let state: Request = w.env.account(&request).await;
    assert_eq!(state.output_capacity, 0, "outputs of this model go by URI");
    assert_eq!(
        w.env.lamports(&request).await,
        w.env.rent_exempt(Request::space(4 + 1 + 16, 0, 1)).await + PRICE,
        "the request reserves URI space, not 400 bytes"
    );
    w.env.claim(&w.oracle, &request).await.unwrap();
    assert_escrow_error(
        w.env
            .fulfill(&w.oracle, &request, Payload::Inline(vec![0; 400]))
            .await,
        EscrowError::OutputMustBeUri,
    );
    let too_long = Payload::Uri {
        uri: "u".repeat(201),
        sha256: [0; 32],
    };
    assert_escrow_error(
        w.env.fulfill(&w.oracle, &request, too_long).await,
        EscrowError::InvalidUri,
    );
    let out = Payload::Uri {
        uri: "ipfs://result-1".to_owned(),
        sha256: [4; 32],
    };
    w.env.fulfill(&w.oracle, &request, out).await.unwrap();
    let state: Request = w.env.account(&request).await;
    assert_eq!(
        state.output,
        Some(DataRef::Uri("ipfs://result-1".to_owned()))
    );
    assert_eq!(state.output_hash, [4; 32]);
}

#[tokio::test]
async fn error_fulfill_bad_output() {
    let w = &mut world().await;
    let request = w.claimed(1).await;
    let cases = [
        (
            Payload::Inline(f32_bytes(&[1.0, 2.0])),
            EscrowError::OutputTooLong,
        ),
        (
            Payload::Inline(vec![1, 2]),
            EscrowError::OutputSchemaMismatch,
        ),
        (Payload::Inline(vec![]), EscrowError::EmptyOutput),
        (
            Payload::Uri {
                uri: "ipfs://result".to_owned(),
                sha256: [0; 32],
            },
            EscrowError::OutputMustBeInline,
        ),
    ];
    for (out, expected) in cases {
        assert_escrow_error(w.env.fulfill(&w.oracle, &request, out).await, expected);
    }
}

#[tokio::test]
async fn error_fulfill_wrong_oracle_unclaimed_and_late() {
    let w = &mut world().await;
    let open = w.request(1).await;
    assert_escrow_error(
        w.env.fulfill(&w.oracle, &open, output(1.0)).await,
        EscrowError::RequestNotClaimed,
    );

    let request = w.claimed(2).await;
    let other = w.env.register_oracle(STAKE).await;
    assert_escrow_error(
        w.env.fulfill(&other, &request, output(1.0)).await,
        EscrowError::NotClaimingOracle,
    );

    w.env.warp(TTL + 1).await;
    assert_escrow_error(
        w.env.fulfill(&w.oracle, &request, output(1.0)).await,
        EscrowError::DeadlinePassed,
    );

    let done = w.env.create_request(&w.requester, &w.model, 3).await;
    w.env.claim(&w.oracle, &done).await.unwrap();
    w.env.fulfill(&w.oracle, &done, output(1.0)).await.unwrap();
    assert_escrow_error(
        w.env.fulfill(&w.oracle, &done, output(2.0)).await,
        EscrowError::RequestNotClaimed,
    );
}

// ---- fail_request ----------------------------------------------------------------------------

#[tokio::test]
async fn fail_request_refunds_in_full() {
    let w = &mut world().await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.claimed(1).await;
    let rent = w.env.lamports(&request).await - PRICE;
    let oracle_before = w.env.lamports(&w.oracle.key()).await;
    w.env
        .fail(&w.oracle, &request, "input has NaN")
        .await
        .unwrap();
    assert_eq!(
        w.env.lamports(&w.oracle.key()).await,
        oracle_before,
        "no result, no pay"
    );
    let state: Request = w.env.account(&request).await;
    assert!(
        matches!(state.status, RequestStatus::Failed { oracle, .. } if oracle == w.oracle.pda())
    );
    assert_eq!(
        (state.escrow, state.bond),
        (PRICE, 0),
        "the refund waits in the request for its requester; the bond is released"
    );
    assert_eq!(
        state.output_hash,
        inference_escrow::attestation::sha256(b"input has NaN")
    );
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (
            oracle.failed,
            oracle.open_requests,
            oracle.bonded,
            oracle.stake
        ),
        (1, 0, 0, STAKE)
    );
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        before - PRICE - rent
    );
    w.env.close(&w.requester, &request).await.unwrap();
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        before,
        "closing pays the refund and the rent: the requester is whole"
    );
}

#[tokio::test]
async fn error_fail_request_rejections() {
    let w = &mut world().await;
    let open = w.request(1).await;
    assert_escrow_error(
        w.env.fail(&w.oracle, &open, "x").await,
        EscrowError::RequestNotClaimed,
    );
    let request = w.claimed(2).await;
    let other = w.env.register_oracle(STAKE).await;
    assert_escrow_error(
        w.env.fail(&other, &request, "x").await,
        EscrowError::NotClaimingOracle,
    );
    let long = "r".repeat(129);
    assert_escrow_error(
        w.env.fail(&w.oracle, &request, &long).await,
        EscrowError::FailReasonTooLong,
    );
    w.env.warp(TTL + 1).await;
    assert_escrow_error(
        w.env.fail(&w.oracle, &request, "x").await,
        EscrowError::DeadlinePassed,
    );
}

// ---- challenge_request and resolve_challenge -----------------------------------------------

#[tokio::test]
async fn challenge_request_happy_path() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = {
        let ix = ix::challenge_request(&w.requester.pubkey(), &request);
        w.env.send(&[ix], &[&w.requester]).await.unwrap();
        request
    };
    assert!(
        matches!(w.status(&request).await, RequestStatus::Challenged { oracle, .. } if oracle == w.oracle.pda())
    );
    // The challenger posted the bond and the dispute's rent.
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    let held = w.env.lamports(&pda::dispute(&request)).await;
    assert_eq!(dispute.bond, CHALLENGE_BOND);
    assert_eq!(dispute.status, DisputeStatus::Open);
    assert_eq!(dispute.challenger, w.requester.pubkey());
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before - held);
    // A challenged request waits for its re-execution round.
    assert_escrow_error(
        w.env.settle(&request, &w.oracle.key()).await,
        EscrowError::RequestNotFulfilled,
    );
    assert_escrow_error(w.env.expire(&request).await, EscrowError::DisputeInProgress);
    assert_escrow_error(
        w.env.finalize_dispute(&request).await,
        EscrowError::RoundStillOpen,
    );
    let keys = w.env.request_keys(&request).await;
    let admin = w.env.admin.insecure_clone();
    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracle.key(), true);
    assert_escrow_error(
        w.env.send(&[ix], &[&admin]).await,
        EscrowError::ArbiterNotNeeded,
    );
    let close = seats::close_dispute(&request, &w.requester.pubkey());
    assert_escrow_error(
        w.env.send(&[close], &[]).await,
        EscrowError::DisputeNotDecided,
    );
}

#[tokio::test]
async fn unresolved_challenge_ends_in_a_refund_without_slash() {
    let w = &mut world().await;
    let request = w.without_quorum(1).await;
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert!(matches!(dispute.status, DisputeStatus::NoQuorum { .. }));
    assert_escrow_error(
        w.env.finalize_dispute(&request).await,
        EscrowError::ArbitrationPending,
    );
    w.env.warp(ARBITRATION_TIMEOUT + 1).await;
    let keys = w.env.request_keys(&request).await;
    let admin = w.env.admin.insecure_clone();
    let late = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracle.key(), true);
    assert_escrow_error(
        w.env.send(&[late], &[&admin]).await,
        EscrowError::ArbitrationTimedOut,
    );
    w.env.finalize_dispute(&request).await.unwrap();
    let state: Request = w.env.account(&request).await;
    assert!(
        matches!(state.status, RequestStatus::Refunded { oracle, .. } if oracle == w.oracle.pda())
    );
    assert_eq!((state.escrow, state.bond), (PRICE, 0));
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (
            oracle.stake,
            oracle.bonded,
            oracle.open_requests,
            oracle.slashes
        ),
        (STAKE, 0, 0, 0),
        "no fault was found: the bond is released"
    );
    let config: Config = w.env.account(&pda::config()).await;
    assert_eq!(config.slashed_owed, 0);
    assert_escrow_error(w.env.expire(&request).await, EscrowError::AlreadyRefunded);
    // The challenger gets its bond and the dispute's rent back.
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let held = w.env.lamports(&pda::dispute(&request)).await;
    let close = seats::close_dispute(&request, &w.requester.pubkey());
    w.env.send(&[close], &[]).await.unwrap();
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before + held);
    assert!(!w.env.exists(&pda::dispute(&request)).await);
}

#[tokio::test]
async fn error_challenge_rejections() {
    let w = &mut world().await;
    let claimed = w.claimed(1).await;
    let ix = ix::challenge_request(&w.requester.pubkey(), &claimed);
    assert_escrow_error(
        w.env.send(&[ix], &[&w.requester]).await,
        EscrowError::RequestNotFulfilled,
    );

    let request = w.fulfilled(2).await;
    let stranger = w.env.wallet(SOL).await;
    let ix = ix::challenge_request(&stranger.pubkey(), &request);
    assert_escrow_error(
        w.env.send(&[ix], &[&stranger]).await,
        EscrowError::NotChallenger,
    );

    w.env.warp(31).await;
    let ix = ix::challenge_request(&w.requester.pubkey(), &request);
    assert_escrow_error(
        w.env.send(&[ix], &[&w.requester]).await,
        EscrowError::ChallengeWindowClosed,
    );
}

#[tokio::test]
async fn challenge_window_is_fixed_at_creation() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    let admin = w.env.admin.insecure_clone();
    let args = UpdateConfigArgs {
        challenge_window_slots: Some(1_000),
        ..Default::default()
    };
    w.env
        .send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
}

#[tokio::test]
async fn resolve_challenge_oracle_wrong_refunds_and_slashes() {
    let w = &mut world().await;
    let request = w.without_quorum(1).await;
    let requester_before = w.env.lamports(&w.requester.pubkey()).await;
    let config_before = w.env.lamports(&pda::config()).await;
    let dispute_before = w.env.lamports(&pda::dispute(&request)).await;
    let keys = w.env.request_keys(&request).await;
    let admin = w.env.admin.insecure_clone();
    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracle.key(), true);
    w.env.send(&[ix], &[&admin]).await.unwrap();
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        requester_before,
        "nothing moves to a wallet while the request ends"
    );
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (
            oracle.stake,
            oracle.total_slashed,
            oracle.slashes,
            oracle.bonded
        ),
        (STAKE - BOND, BOND, 1, 0)
    );
    assert_eq!(oracle.open_requests, 0);
    // The slash goes to the challenger (held in the dispute with its bond), never to the
    // treasury the arbiter controls.
    let config: Config = w.env.account(&pda::config()).await;
    assert_eq!(config.slashed_owed, 0);
    assert_eq!(w.env.lamports(&pda::config()).await, config_before);
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert_eq!(dispute.bond, CHALLENGE_BOND + BOND);
    assert_eq!(
        w.env.lamports(&pda::dispute(&request)).await,
        dispute_before + BOND
    );
    let state: Request = w.env.account(&request).await;
    assert!(matches!(state.status, RequestStatus::Refunded { .. }));
    assert_eq!(state.escrow, PRICE, "owed to the requester");
    let rent = w.env.lamports(&request).await - PRICE;
    w.env.close(&w.requester, &request).await.unwrap();
    let close = seats::close_dispute(&request, &w.requester.pubkey());
    w.env.send(&[close], &[]).await.unwrap();
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        requester_before + PRICE + rent + dispute_before + BOND
    );
}

#[tokio::test]
async fn resolve_challenge_oracle_right_settles() {
    let w = &mut world().await;
    let request = w.without_quorum(1).await;
    let keys = w.env.request_keys(&request).await;
    let admin = w.env.admin.insecure_clone();
    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracle.key(), false);
    w.env.send(&[ix], &[&admin]).await.unwrap();
    let (protocol, royalty, oracle_share) = split(PRICE);
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (oracle.fees_owed, oracle.bonded, oracle.stake),
        (oracle_share + CHALLENGE_BOND, 0, STAKE),
        "its share, and the challenger's bond for the delay"
    );
    let dispute: Dispute = w.env.account(&pda::dispute(&request)).await;
    assert_eq!(dispute.bond, 0);
    let model: Model = w.env.account(&w.model).await;
    assert_eq!(
        (model.royalty_owed, model.protocol_fee_owed),
        (royalty, protocol)
    );
    assert!(matches!(
        w.status(&request).await,
        RequestStatus::Settled { .. }
    ));
}

#[tokio::test]
async fn error_resolve_challenge_rejections() {
    let w = &mut world().await;
    let admin = w.env.admin.insecure_clone();
    let fulfilled = w.fulfilled(1).await;
    let keys = w.env.request_keys(&fulfilled).await;
    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracle.key(), true);
    // No challenge, no dispute account: nothing for the arbiter to decide.
    assert_anchor_error(
        w.env.send(&[ix], &[&admin]).await,
        anchor_lang::error::ErrorCode::AccountNotInitialized,
    );

    let request = w.without_quorum(2).await;
    let keys = w.env.request_keys(&request).await;
    let intruder = w.env.wallet(SOL).await;
    let ix = ix::resolve_challenge(&intruder.pubkey(), &keys, &w.oracle.key(), true);
    assert_escrow_error(w.env.send(&[ix], &[&intruder]).await, EscrowError::NotAdmin);

    let other = w.env.register_oracle(STAKE).await;
    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &other.key(), true);
    assert_escrow_error(
        w.env.send(&[ix], &[&admin]).await,
        EscrowError::AccountMismatch,
    );

    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracle.key(), false);
    w.env.send(&[ix], &[&admin]).await.unwrap();
    let ix = ix::resolve_challenge(&admin.pubkey(), &keys, &w.oracle.key(), true);
    assert_escrow_error(
        w.env.send(&[ix], &[&admin]).await,
        EscrowError::RequestAlreadySettled,
    );
}

// ---- settle_request --------------------------------------------------------------------------

#[tokio::test]
async fn settle_request_splits_the_price() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    let owner = w.owner.pubkey();
    let treasury = w.env.treasury.pubkey();
    let wallets = [w.oracle.key(), owner, treasury];
    let mut before = Vec::new();
    for key in wallets {
        before.push(w.env.lamports(&key).await);
    }
    let accounts_before = (
        w.env.lamports(&request).await,
        w.env.lamports(&w.model).await,
        w.env.lamports(&w.oracle.pda()).await,
    );
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    let (protocol, royalty, oracle_share) = split(PRICE);
    assert_eq!(
        (protocol, royalty, oracle_share),
        (25_000, 100_000, 875_003)
    );
    for (key, was) in wallets.iter().zip(&before) {
        assert_eq!(
            w.env.lamports(key).await,
            *was,
            "settlement pays no wallet: every share is owed"
        );
    }
    assert_eq!(
        (
            w.env.lamports(&request).await,
            w.env.lamports(&w.model).await,
            w.env.lamports(&w.oracle.pda()).await,
        ),
        (
            accounts_before.0 - PRICE,
            accounts_before.1 + royalty + protocol,
            accounts_before.2 + oracle_share,
        ),
        "the escrow moved from the request to the model and the oracle"
    );
    let state: Request = w.env.account(&request).await;
    assert!(
        matches!(state.status, RequestStatus::Settled { oracle, .. } if oracle == w.oracle.pda())
    );
    assert_eq!((state.escrow, state.bond), (0, 0));
    assert_eq!(
        state.output,
        Some(DataRef::Inline(f32_bytes(&[0.75]))),
        "the result stays readable"
    );
    let model: Model = w.env.account(&w.model).await;
    assert_eq!(
        (model.requests_settled, model.royalties_earned),
        (1, royalty)
    );
    assert_eq!(
        (model.royalty_owed, model.protocol_fee_owed),
        (royalty, protocol)
    );
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (oracle.open_requests, oracle.bonded, oracle.fees_owed),
        (0, 0, oracle_share)
    );

    // Each payee collects its own (anyone may push it; it goes only to the payee).
    w.env
        .send(&[ix::collect_oracle_fees(&w.oracle.key())], &[])
        .await
        .unwrap();
    w.env
        .send(&[ix::collect_royalty(&w.model, &owner, None)], &[])
        .await
        .unwrap();
    w.env
        .send(&[ix::collect_protocol_fees(&w.model, &treasury, None)], &[])
        .await
        .unwrap();
    for ((key, was), share) in wallets
        .iter()
        .zip(&before)
        .zip([oracle_share, royalty, protocol])
    {
        assert_eq!(w.env.lamports(key).await, was + share);
    }
    assert_eq!(
        w.env.lamports(&w.model).await,
        accounts_before.1,
        "only the rent stays"
    );
    assert_eq!(
        w.env.lamports(&w.oracle.pda()).await,
        accounts_before.2,
        "only rent and stake stay"
    );
}

#[tokio::test]
async fn error_settle_inside_window_twice_and_unfulfilled() {
    let w = &mut world().await;
    let claimed = w.claimed(1).await;
    assert_escrow_error(
        w.env.settle(&claimed, &w.oracle.key()).await,
        EscrowError::RequestNotFulfilled,
    );
    let request = w.fulfilled(2).await;
    w.env.warp(30).await;
    assert_escrow_error(
        w.env.settle(&request, &w.oracle.key()).await,
        EscrowError::ChallengeWindowOpen,
    );
    w.env.warp(1).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    assert_escrow_error(
        w.env.settle(&request, &w.oracle.key()).await,
        EscrowError::RequestAlreadySettled,
    );
}

#[tokio::test]
async fn error_settle_with_wrong_accounts() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    w.env.warp(31).await;
    let keys = w.env.request_keys(&request).await;
    let other = w.env.register_oracle(STAKE).await;
    let result = w
        .env
        .send(&[ix::settle_request(&keys, &other.key())], &[])
        .await;
    assert_escrow_error(result, EscrowError::AccountMismatch);
    // A SOL request takes no token accounts.
    let mint = Keypair::new().pubkey();
    let token = ix::TokenPayment {
        mint,
        token_program: anchor_spl::token::ID,
    };
    let spl_keys = ix::RequestKeys {
        token: Some(token),
        ..keys
    };
    let result = w
        .env
        .send(&[ix::settle_request(&spl_keys, &w.oracle.key())], &[])
        .await;
    assert!(
        result.is_err(),
        "token accounts on a SOL request are refused"
    );
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
}

// ---- expire_request --------------------------------------------------------------------------

#[tokio::test]
async fn expire_open_request_refunds() {
    let w = &mut world().await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.request(1).await;
    assert_escrow_error(
        w.env.expire(&request).await,
        EscrowError::DeadlineNotReached,
    );
    w.env.warp(TTL + 1).await;
    w.env.expire(&request).await.unwrap();
    let state: Request = w.env.account(&request).await;
    assert!(matches!(state.status, RequestStatus::Expired { .. }));
    assert_eq!(state.escrow, PRICE, "owed to the requester until it closes");
    assert_escrow_error(w.env.expire(&request).await, EscrowError::AlreadyRefunded);
    w.env.close(&w.requester, &request).await.unwrap();
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before);
}

#[tokio::test]
async fn expire_claimed_request_slashes_the_no_show() {
    let w = &mut world().await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.claimed(1).await;
    w.env.warp(TTL + 1).await;
    let result = w.env.send(&[ix::expire_request(&request, None)], &[]).await;
    assert_escrow_error(result, EscrowError::AccountMismatch);
    w.env.expire(&request).await.unwrap();
    let oracle: Oracle = w.env.account(&w.oracle.pda()).await;
    assert_eq!(
        (
            oracle.stake,
            oracle.bonded,
            oracle.no_shows,
            oracle.open_requests
        ),
        (STAKE - BOND, 0, 1, 0),
        "the no-show loses its bond, not a share of its whole stake"
    );
    let config: Config = w.env.account(&pda::config()).await;
    assert_eq!(config.slashed_owed, BOND);
    w.env.close(&w.requester, &request).await.unwrap();
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        before,
        "the requester is made whole, and no more"
    );
    let treasury = w.env.treasury.pubkey();
    let treasury_before = w.env.lamports(&treasury).await;
    w.env
        .send(&[ix::collect_slashes(&treasury)], &[])
        .await
        .unwrap();
    assert_eq!(w.env.lamports(&treasury).await, treasury_before + BOND);
}

#[tokio::test]
async fn error_refund_after_fulfil() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    w.env.warp(TTL + 1).await;
    assert_escrow_error(
        w.env.expire(&request).await,
        EscrowError::ResultAlreadyPosted,
    );
    let keys = w.env.request_keys(&request).await;
    let result = w
        .env
        .send(&[ix::cancel_request(&keys)], &[&w.requester])
        .await;
    assert_escrow_error(result, EscrowError::RequestNotOpen);
    let failed = w.claimed(2).await;
    w.env.fail(&w.oracle, &failed, "bad").await.unwrap();
    w.env.warp(TTL + 1).await;
    assert_escrow_error(w.env.expire(&failed).await, EscrowError::AlreadyRefunded);
}

// ---- close_request ---------------------------------------------------------------------------

#[tokio::test]
async fn close_request_returns_rent() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    let rent = w.env.lamports(&request).await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let keys = w.env.request_keys(&request).await;
    w.env
        .send(&[ix::close_request(&keys)], &[&w.requester])
        .await
        .unwrap();
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before + rent);
    assert!(!w.env.exists(&request).await);
}

#[tokio::test]
async fn error_close_before_terminal_and_by_stranger() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    let keys = w.env.request_keys(&request).await;
    let result = w
        .env
        .send(&[ix::close_request(&keys)], &[&w.requester])
        .await;
    assert_escrow_error(result, EscrowError::RequestNotTerminal);
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    let stranger = w.env.wallet(SOL).await;
    let keys = ix::RequestKeys {
        requester: stranger.pubkey(),
        ..keys
    };
    let result = w.env.send(&[ix::close_request(&keys)], &[&stranger]).await;
    assert_escrow_error(result, EscrowError::NotRequester);
}
