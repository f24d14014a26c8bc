//! Every way `apply_score` refuses a request, each with its exact error. The requests are real
//! ones made through the escrow wherever the escrow can produce them; where it cannot (a
//! Challenged request needs the wallet PDA's signature, and the escrow always hashes inline
//! outputs itself), a real request is rewritten in the bank to what a faulty escrow would hold.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use inference_escrow_client::{DType, Payload, RequestStatus, TensorSchema};
use inference_escrow_tests::*;
use risk_consumer::{errors::RiskError, state::PositionStatus};

use crate::harness::*;

#[tokio::test]
async fn error_apply_score_position_not_pending() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let (_, other) = w.open_position(FEATURES).await;
    let request = w.request_score(&other).await;
    w.fulfill(&request, output(0.3)).await;
    // Unscored: nothing to apply.
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::PositionNotPending,
    );
    // Applied once: not again.
    w.apply_score(&other, &request).await.unwrap();
    assert_risk_error(
        w.apply_score(&other, &request).await,
        RiskError::PositionNotPending,
    );
}

#[tokio::test]
async fn error_apply_score_not_a_request() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    w.request_score(&position).await;
    // Owned by another program (here: our own position account).
    assert_anchor_error(
        w.apply_score(&position, &position).await,
        AnchorErrorCode::AccountOwnedByWrongProgram,
    );
    // Owned by inference_escrow, but a Model, not a Request.
    let model = w.model;
    assert_anchor_error(
        w.apply_score(&position, &model).await,
        AnchorErrorCode::AccountDiscriminatorMismatch,
    );
}

#[tokio::test]
async fn error_apply_score_request_for_another_model() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    w.request_score(&position).await;
    let other_model = w.register_model(model_args(7)).await;
    let foreign = w.wallet_request(&other_model).await;
    w.fulfill(&foreign, output(0.1)).await;
    assert_risk_error(
        w.apply_score(&position, &foreign).await,
        RiskError::WrongModel,
    );
}

#[tokio::test]
async fn error_apply_score_request_of_another_requester() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    w.request_score(&position).await;
    // Same model, same features, a good score: but someone else paid for it.
    let model = w.model;
    let foreign = w.wallet_request(&model).await;
    w.fulfill(&foreign, output(0.1)).await;
    assert_risk_error(
        w.apply_score(&position, &foreign).await,
        RiskError::ForeignRequest,
    );
}

#[tokio::test]
async fn error_apply_score_another_request_of_the_vault() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let (_, other) = w.open_position(FEATURES).await;
    let own = w.request_score(&position).await;
    let others = w.request_score(&other).await;
    w.fulfill(&others, output(0.1)).await;
    // Our model, our wallet, fulfilled: but scored the other position's features.
    assert_risk_error(
        w.apply_score(&position, &others).await,
        RiskError::NotPendingRequest,
    );
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Pending { request: own }
    );
}

#[tokio::test]
async fn error_apply_score_not_yet_fulfilled() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    // Open.
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::ScoreNotReady,
    );
    // Claimed.
    w.claim(&request).await;
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::ScoreNotReady,
    );
    // Challenged (only the requester, our wallet PDA, could challenge: rewritten in the bank).
    w.tamper_request(&request, |r| {
        let RequestStatus::Claimed { oracle, slot } = r.status else {
            panic!("claimed expected")
        };
        r.status = RequestStatus::Challenged {
            oracle,
            fulfilled_slot: slot,
            slot,
        };
        r.output = Some(inference_escrow_client::DataRef::Inline(
            0.1f32.to_le_bytes().to_vec(),
        ));
        r.output_hash = inference_escrow::attestation::sha256(&0.1f32.to_le_bytes());
    })
    .await;
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::ScoreNotReady,
    );
}

#[tokio::test]
async fn error_apply_score_output_not_four_bytes() {
    let w = &mut World::start().await;
    // A model whose output is a dynamic f32 vector: one score fits it, but so do two.
    let mut args = model_args(5);
    args.output_schema = TensorSchema {
        dtype: DType::F32,
        shape: vec![-1],
    };
    args.max_output_len = 8;
    let model = w.register_model(args).await;
    let vault = w.new_vault(&model, THRESHOLD).await;
    w.fund(&vault.wallet, SOL).await;
    w.v = vault;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fulfill(&request, Payload::Inline(f32_bytes(&[0.1, 0.2])))
        .await;
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::InvalidScoreOutput,
    );
}

#[tokio::test]
async fn error_apply_score_output_by_uri() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    // The escrow refuses a URI for an output that fits inline (the score is four bytes), so
    // the request is rewritten in the bank to check the consumer's own guard.
    w.fulfill(&request, output(0.1)).await;
    w.tamper_request(&request, |r| {
        r.output = Some(inference_escrow_client::DataRef::Uri(
            "ipfs://score".to_owned(),
        ));
    })
    .await;
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::InvalidScoreOutput,
    );
}

#[tokio::test]
async fn error_apply_score_output_hash_mismatch() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fulfill(&request, output(0.9)).await;
    // A score that is not the one the oracle signed (the escrow itself never stores such a
    // thing: it hashes inline outputs; rewritten in the bank).
    w.tamper_request(&request, |r| {
        r.output = Some(inference_escrow_client::DataRef::Inline(
            0.1f32.to_le_bytes().to_vec(),
        ));
    })
    .await;
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::OutputHashMismatch,
    );
}

#[tokio::test]
async fn error_apply_score_on_a_request_of_another_layout_version() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fulfill(&request, output(0.9)).await;
    // The interface crate reads only the layout it knows: a request of the previous one
    // (version 2, before callbacks) is refused, never misread.
    w.tamper_request(&request, |r| r.version = 2).await;
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::UnreadableEscrowAccount,
    );
}
