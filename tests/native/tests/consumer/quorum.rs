//! The consumer buys a 3-of-5 score by CPI, and its keeper, named as the requests' challenger,
//! disputes a result: the vault's wallet (a PDA) cannot post a challenge bond itself.

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{
    ix, pda, seats, Dispute, DisputeStatus, EscrowError, Model, Oracle, Request, RequestStatus,
    VerificationPolicy,
};
use inference_escrow_tests::{quorum::*, *};
use risk_consumer::{errors::RiskError, state::PositionStatus};
use solana_signer::Signer;

use crate::harness::*;

/// Oracle `oracle` takes a seat in `request`'s round (or `dispute`'s), commits to `score`
/// with the salt `[7; 32]`.
async fn seat_and_commit(
    w: &mut World,
    oracle: &TestOracle,
    request: &Pubkey,
    dispute: Option<Pubkey>,
    score_value: f32,
) {
    let state: Request = w.account(request).await;
    let claim = seats::claim_seat(&oracle.key(), request, &state, dispute);
    w.send(&[claim], &[&oracle.authority]).await.unwrap();
    let state: Request = w.account(request).await;
    let model: Model = w.account(&state.model).await;
    let commitment = seats::commitment(&score(score_value), &[7; 32], &oracle.pda());
    let commit = seats::commit_signed(
        &oracle.key(),
        &oracle.attestation,
        request,
        &state,
        dispute,
        model.onnx_sha256,
        commitment,
        execution_id(),
    );
    w.send(&commit, &[&oracle.authority]).await.unwrap();
}

async fn reveal(
    w: &mut World,
    oracle: &TestOracle,
    request: &Pubkey,
    dispute: Option<Pubkey>,
    score_value: f32,
) {
    let model = w.account::<Request>(request).await.model;
    let ix = seats::reveal_seat(
        &oracle.key(),
        request,
        &model,
        dispute,
        score(score_value),
        [7; 32],
    );
    w.send(&[ix], &[&oracle.authority]).await.unwrap();
}

/// A 3-of-5 model, eight oracles, and a vault requiring three agreeing oracles whose keeper
/// may challenge.
async fn quorum_vault(
    w: &mut World,
) -> (Pubkey, Vec<TestOracle>, TestVault, solana_keypair::Keypair) {
    let args = quorum_model_args(
        9,
        VerificationPolicy {
            replicas: 5,
            quorum: 3,
            compare: tolerance(1e-5, 0.0),
        },
        1,
    );
    let model = w.register_model(args).await;
    let mut oracles = Vec::new();
    for _ in 0..8 {
        oracles.push(w.register_oracle().await);
    }
    let authority = w.wallet(SOL).await;
    let keeper = w.wallet(SOL).await;
    let init = cix::init_vault_with(
        &authority.pubkey(),
        &model,
        THRESHOLD,
        MAX_PRICE,
        keeper.pubkey(),
        3,
    );
    w.send(&[init], &[&authority]).await.unwrap();
    let vault = vault_pda(&authority.pubkey());
    let wallet = wallet_pda(&vault);
    w.fund(&wallet, SOL).await;
    let v = TestVault {
        authority,
        vault,
        wallet,
        model,
    };
    (model, oracles, v, keeper)
}

#[tokio::test]
async fn a_3_of_5_score_by_cpi_is_disputed_by_the_vaults_keeper() {
    let w = &mut World::start().await;
    let (model, oracles, v, keeper) = quorum_vault(w).await;
    let (_, position) = w.open_position_in(&v.vault, FEATURES).await;
    let request = w.request_score_in(&v.vault, &model, &position).await;
    let state: Request = w.account(&request).await;
    assert_eq!(
        state.challenger,
        Some(keeper.pubkey()),
        "the keeper is named"
    );
    assert_eq!(state.policy.quorum, 3);

    // Five seats: four score 0.8, one (dishonest) 0.1.
    let scores = [0.8, 0.8, 0.1, 0.8, 0.8];
    for (oracle, s) in oracles.iter().zip(scores) {
        seat_and_commit(w, oracle, &request, None, s).await;
    }
    for (oracle, s) in oracles.iter().zip(scores) {
        reveal(w, oracle, &request, None, s).await;
    }
    let state: Request = w.account(&request).await;
    w.send(&[seats::finalize_quorum(&request, &state)], &[])
        .await
        .unwrap();
    let state: Request = w.account(&request).await;
    assert!(matches!(state.status, RequestStatus::Fulfilled { .. }));
    assert_eq!(state.agreed, 0b11011);

    // The vault applies the agreed score (0.8 > 0.5: flagged).
    w.send(&[cix::apply_score(&v.vault, &position, &request)], &[])
        .await
        .unwrap();
    assert!(matches!(
        w.status(&position).await,
        PositionStatus::Flagged { score } if score == 0.8
    ));

    // A stranger may not challenge; the keeper may, and three other oracles re-execute.
    let stranger = w.wallet(SOL).await;
    let ix = ix::challenge_request(&stranger.pubkey(), &request);
    assert_escrow_error(
        w.send(&[ix], &[&stranger]).await,
        EscrowError::NotChallenger,
    );
    let keeper_before = w.lamports(&keeper.pubkey()).await;
    let ix = ix::challenge_request(&keeper.pubkey(), &request);
    w.send(&[ix], &[&keeper]).await.unwrap();
    let dispute = pda::dispute(&request);
    for oracle in &oracles[5..] {
        seat_and_commit(w, oracle, &request, Some(dispute), 0.8).await;
    }
    for oracle in &oracles[5..] {
        reveal(w, oracle, &request, Some(dispute), 0.8).await;
    }
    let state: Request = w.account(&request).await;
    let decided: Dispute = w.account(&dispute).await;
    w.send(&[seats::finalize_dispute(&request, &state, &decided)], &[])
        .await
        .unwrap();
    let decided: Dispute = w.account(&dispute).await;
    assert!(matches!(decided.status, DisputeStatus::Rejected { .. }));

    // Confirmed: it settles at once; the dishonest seat's bond and the keeper's bond pay.
    let keys = w.env.request_keys(&request).await;
    let state: Request = w.account(&request).await;
    w.send(&[seats::settle_quorum(&keys, &state)], &[])
        .await
        .unwrap();
    let cheat: Oracle = w.account(&oracles[2].pda()).await;
    assert_eq!(cheat.stake, STAKE - BOND);
    for oracle in &oracles[5..] {
        let reexecutor: Oracle = w.account(&oracle.pda()).await;
        assert!(reexecutor.fees_owed >= CHALLENGE_BOND / 3);
    }
    let rent = w.lamports(&dispute).await;
    w.send(&[seats::close_dispute(&request, &keeper.pubkey())], &[])
        .await
        .unwrap();
    assert_eq!(
        w.lamports(&keeper.pubkey()).await,
        keeper_before - CHALLENGE_BOND,
        "the keeper paid the bond for a confirmed result and got the rent back ({rent})"
    );
}

#[tokio::test]
async fn error_init_vault_on_a_model_asking_fewer_oracles_than_required() {
    let w = &mut World::start().await;
    let single = w.model;
    for min_quorum in [0, 2] {
        let authority = w.wallet(SOL).await;
        let ix = cix::init_vault_with(
            &authority.pubkey(),
            &single,
            THRESHOLD,
            MAX_PRICE,
            authority.pubkey(),
            min_quorum,
        );
        assert_risk_error(w.send(&[ix], &[&authority]).await, RiskError::QuorumTooLow);
    }
}
