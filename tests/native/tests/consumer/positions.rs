//! `init_vault`, `open_position`, `update_position` and `request_score`: their rejections, and
//! what changing a position does to its score.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use inference_escrow_client::{DType, EscrowError, TensorSchema};
use inference_escrow_tests::*;
use risk_consumer::{
    errors::RiskError,
    state::{Position, PositionStatus},
};
use solana_signer::Signer;

use crate::harness::*;

#[tokio::test]
async fn error_init_vault_bad_threshold_or_unsuitable_model() {
    let w = &mut World::start().await;
    let authority = w.wallet(SOL).await;
    let model = w.model;
    for threshold in [f32::INFINITY, f32::NEG_INFINITY] {
        let ix = cix::init_vault(&authority.pubkey(), &model, threshold, MAX_PRICE);
        assert_risk_error(
            w.send(&[ix], &[&authority]).await,
            RiskError::InvalidThreshold,
        );
    }

    // 17 features in (more than a position holds), a dynamic feature axis, two rows per input,
    // two scores out, or integer scores: not a model this vault can use.
    let mut wide_in = model_args(2);
    wide_in.input_schema.shape = vec![1, 17];
    let mut dynamic_in = model_args(5);
    dynamic_in.input_schema.shape = vec![1, -1];
    let mut two_rows_in = model_args(6);
    two_rows_in.input_schema.shape = vec![2, 4];
    let mut two_out = model_args(3);
    two_out.output_schema.shape = vec![1, 2];
    let mut int_out = model_args(4);
    int_out.output_schema = TensorSchema {
        dtype: DType::I32,
        shape: vec![1],
    };
    for args in [wide_in, dynamic_in, two_rows_in, two_out, int_out] {
        let unsuitable = w.register_model(args).await;
        let ix = cix::init_vault(&authority.pubkey(), &unsuitable, THRESHOLD, MAX_PRICE);
        assert_risk_error(
            w.send(&[ix], &[&authority]).await,
            RiskError::UnsuitableModel,
        );
    }

    // Something that is not an inference_escrow Model at all.
    let ix = cix::init_vault(
        &authority.pubkey(),
        &w.v.vault.clone(),
        THRESHOLD,
        MAX_PRICE,
    );
    assert_anchor_error(
        w.send(&[ix], &[&authority]).await,
        AnchorErrorCode::AccountOwnedByWrongProgram,
    );
}

#[tokio::test]
async fn open_and_update_position() {
    let w = &mut World::start().await;
    let (borrower, position) = w.open_position(FEATURES).await;
    let state: Position = w.account(&position).await;
    assert_eq!(
        (state.vault, state.borrower, state.features, state.status),
        (
            w.v.vault,
            borrower.pubkey(),
            FEATURES.to_vec(),
            PositionStatus::Unscored
        )
    );

    // Scored, then the borrower changes its features: the score no longer applies.
    let request = w.request_score(&position).await;
    w.fulfill(&request, output(0.25)).await;
    w.apply_score(&position, &request).await.unwrap();
    let new_features = [0.9, 0.05, 0.6, 5.0];
    let vault = w.v.vault;
    w.send(
        &[cix::update_position(
            &borrower.pubkey(),
            &vault,
            &new_features,
        )],
        &[&borrower],
    )
    .await
    .unwrap();
    let state: Position = w.account(&position).await;
    assert_eq!(
        (state.features, state.status),
        (new_features.to_vec(), PositionStatus::Unscored)
    );
}

#[tokio::test]
async fn error_positions_with_non_finite_features() {
    let w = &mut World::start().await;
    let vault = w.v.vault;
    let borrower = w.wallet(SOL).await;
    let bad = [0.5, f32::INFINITY, 0.1, 1.0];
    assert_risk_error(
        w.send(
            &[cix::open_position(&borrower.pubkey(), &vault, &bad)],
            &[&borrower],
        )
        .await,
        RiskError::InvalidFeatures,
    );
    let (borrower, _) = w.open_position(FEATURES).await;
    assert_risk_error(
        w.send(
            &[cix::update_position(&borrower.pubkey(), &vault, &bad)],
            &[&borrower],
        )
        .await,
        RiskError::InvalidFeatures,
    );
}

#[tokio::test]
async fn error_positions_with_another_feature_count_than_the_model_reads() {
    let w = &mut World::start().await;
    let vault = w.v.vault;
    let state: risk_consumer::state::Vault = w.account(&vault).await;
    assert_eq!(
        state.feature_count, 4,
        "risk_v1 reads rows of four features"
    );
    let borrower = w.wallet(SOL).await;
    for bad in [&FEATURES[..3], &[0.5, 0.5, 0.5, 0.5, 0.5][..], &[][..]] {
        assert_risk_error(
            w.send(
                &[cix::open_position(&borrower.pubkey(), &vault, bad)],
                &[&borrower],
            )
            .await,
            RiskError::InvalidFeatures,
        );
    }
    let (borrower, position) = w.open_position(FEATURES).await;
    assert_risk_error(
        w.send(
            &[cix::update_position(&borrower.pubkey(), &vault, &[0.1; 16])],
            &[&borrower],
        )
        .await,
        RiskError::InvalidFeatures,
    );
    let state: Position = w.account(&position).await;
    assert_eq!(state.features, FEATURES.to_vec(), "nothing changed");
}

#[tokio::test]
async fn error_update_position_of_another_borrower() {
    let w = &mut World::start().await;
    let (victim, position) = w.open_position(FEATURES).await;
    let stranger = w.wallet(SOL).await;
    let vault = w.v.vault;
    let ix = swap_account(
        cix::update_position(&stranger.pubkey(), &vault, &[0.0; 4]),
        &position_pda(&vault, &stranger.pubkey()),
        &position,
    );
    assert_anchor_error(
        w.send(&[ix], &[&stranger]).await,
        AnchorErrorCode::ConstraintSeeds,
    );
    let state: Position = w.account(&position).await;
    assert_eq!(
        (state.borrower, state.features),
        (victim.pubkey(), FEATURES.to_vec())
    );
}

#[tokio::test]
async fn update_position_abandons_a_pending_request() {
    let w = &mut World::start().await;
    let (borrower, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    let vault = w.v.vault;
    w.send(
        &[cix::update_position(&borrower.pubkey(), &vault, &[0.1; 4])],
        &[&borrower],
    )
    .await
    .unwrap();
    assert_eq!(w.status(&position).await, PositionStatus::Unscored);
    // The old request's result is for the old features: it is refused.
    w.fulfill(&request, output(0.1)).await;
    assert_risk_error(
        w.apply_score(&position, &request).await,
        RiskError::PositionNotPending,
    );
}

#[tokio::test]
async fn error_request_score_while_pending() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    assert_risk_error(
        w.try_request_score(&position).await,
        RiskError::PositionPending,
    );
    // Still pending once fulfilled: the result has to be applied first.
    w.fulfill(&request, output(0.2)).await;
    assert_risk_error(
        w.try_request_score(&position).await,
        RiskError::PositionPending,
    );
    w.apply_score(&position, &request).await.unwrap();
    w.try_request_score(&position).await.unwrap();
}

#[tokio::test]
async fn error_request_score_with_underfunded_wallet() {
    let w = &mut World::start().await;
    let model = w.model;
    let vault = w.new_vault(&model, THRESHOLD).await;
    let (_, position) = w.open_position_in(&vault.vault, FEATURES).await;
    assert_risk_error(
        w.try_request_score_in(&vault.vault, &model, &position)
            .await,
        RiskError::WalletUnderfunded,
    );

    // Price + request rent + the wallet's own rent exemption is exactly enough.
    let needed = PRICE + w.rent_exempt(score_request_space()).await + w.rent_exempt(0).await;
    w.fund(&vault.wallet, needed - 1).await;
    assert_risk_error(
        w.try_request_score_in(&vault.vault, &model, &position)
            .await,
        RiskError::WalletUnderfunded,
    );
    w.fund(&vault.wallet, 1).await;
    w.request_score_in(&vault.vault, &model, &position).await;
    assert_eq!(w.lamports(&vault.wallet).await, w.rent_exempt(0).await);
}

#[tokio::test]
async fn error_request_score_propagates_escrow_errors() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    // A TTL above the escrow's max_request_ttl_slots: the escrow refuses inside the CPI and its
    // own error code comes back unchanged.
    let vault = w.v.vault;
    let ix = cix::request_score(&vault, &w.model.clone(), &position, 0, 1_001);
    assert_escrow_error(w.send(&[ix], &[]).await, EscrowError::InvalidTtl);
    assert_eq!(w.status(&position).await, PositionStatus::Unscored);
}

#[tokio::test]
async fn error_request_score_with_another_model() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let other = w.register_model(model_args(9)).await;
    let vault = w.v.vault;
    let ix = cix::request_score(&vault, &other, &position, 0, TTL);
    assert_anchor_error(w.send(&[ix], &[]).await, AnchorErrorCode::ConstraintHasOne);
}

#[tokio::test]
async fn error_open_position_twice() {
    let w = &mut World::start().await;
    let vault = w.v.vault;
    let (borrower, _) = w.open_position(FEATURES).await;
    assert_risk_error(
        w.send(
            &[cix::open_position(&borrower.pubkey(), &vault, &FEATURES)],
            &[&borrower],
        )
        .await,
        RiskError::AccountAlreadyExists,
    );
}
