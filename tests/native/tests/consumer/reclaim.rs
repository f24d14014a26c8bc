//! `reclaim_request`: who may, and when.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use inference_escrow_client::EscrowError;
use inference_escrow_tests::*;
use risk_consumer::errors::RiskError;
use solana_signer::Signer;

use crate::harness::*;

#[tokio::test]
async fn error_reclaim_request_not_terminal() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    // Open, then fulfilled but not settled: inference_escrow refuses inside the CPI with its own
    // error, which comes back unchanged.
    assert_escrow_error(w.reclaim(&request).await, EscrowError::RequestNotTerminal);
    w.fulfill(&request, output(0.2)).await;
    assert_escrow_error(w.reclaim(&request).await, EscrowError::RequestNotTerminal);
    assert!(w.exists(&request).await);
}

#[tokio::test]
async fn error_reclaim_request_by_stranger() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fail(&request).await;
    let stranger = w.wallet(SOL).await;
    let vault = w.v.vault;
    let ix = cix::reclaim_request(&stranger.pubkey(), &vault, &request);
    assert_anchor_error(
        w.send(&[ix], &[&stranger]).await,
        AnchorErrorCode::ConstraintSeeds,
    );
    assert!(w.exists(&request).await);
}

#[tokio::test]
async fn error_reclaim_request_of_another_requester() {
    let w = &mut World::start().await;
    let model = w.model;
    let foreign = w.wallet_request(&model).await;
    w.fail(&foreign).await;
    assert_risk_error(w.reclaim(&foreign).await, RiskError::ForeignRequest);
}
