//! Oracles: register with stake, add stake, unbond, withdraw.

use anchor_lang::solana_program::instruction::AccountMeta;
use inference_escrow_client::{ix, pda, EscrowError, Oracle, OracleStatus};
use inference_escrow_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn register_oracle_happy_path() {
    let env = &mut Env::start().await;
    let authority = env.wallet(5 * SOL).await;
    let attestation = Keypair::new();
    let ix = ix::register_oracle(&authority.pubkey(), &attestation.pubkey(), STAKE);
    env.send(&[ix], &[&authority, &attestation]).await.unwrap();
    let key = pda::oracle(&authority.pubkey());
    let oracle: Oracle = env.account(&key).await;
    assert_eq!(oracle.authority, authority.pubkey());
    assert_eq!(oracle.attestation_key, attestation.pubkey());
    assert_eq!((oracle.stake, oracle.total_staked), (STAKE, STAKE));
    assert_eq!(oracle.status, OracleStatus::Active);
    let held = env.lamports(&key).await;
    let rent = held - STAKE;
    assert_eq!(
        rent,
        env.rent_exempt(8 + <Oracle as anchor_lang::Space>::INIT_SPACE)
            .await
    );
    assert_eq!(
        env.lamports(&authority.pubkey()).await,
        5 * SOL - STAKE - rent
    );
}

#[tokio::test]
async fn error_register_oracle_below_min_stake() {
    let env = &mut Env::start().await;
    let authority = env.wallet(5 * SOL).await;
    let attestation = Keypair::new();
    let ix = ix::register_oracle(&authority.pubkey(), &attestation.pubkey(), SOL - 1);
    let result = env.send(&[ix], &[&authority, &attestation]).await;
    assert_escrow_error(result, EscrowError::StakeTooLow);
}

#[tokio::test]
async fn error_register_oracle_with_zero_stake() {
    // The smallest config allows a stake of one bond, never zero (min_claim_bond > 0).
    let env = &mut Env::start().await;
    let authority = env.wallet(SOL).await;
    let attestation = Keypair::new();
    let ix = ix::register_oracle(&authority.pubkey(), &attestation.pubkey(), 0);
    let result = env.send(&[ix], &[&authority, &attestation]).await;
    assert_escrow_error(result, EscrowError::StakeTooLow);
    assert!(!env.exists(&pda::oracle(&authority.pubkey())).await);
}

#[tokio::test]
async fn error_register_oracle_without_attestation_key_signature() {
    let env = &mut Env::start().await;
    let authority = env.wallet(5 * SOL).await;
    let attestation = Keypair::new();
    let mut ix = ix::register_oracle(&authority.pubkey(), &attestation.pubkey(), STAKE);
    // Claim someone else's attestation key without proving possession of it.
    for meta in ix
        .accounts
        .iter_mut()
        .filter(|m| m.pubkey == attestation.pubkey())
    {
        *meta = AccountMeta::new_readonly(attestation.pubkey(), false);
    }
    let result = env.send(&[ix], &[&authority]).await;
    assert_anchor_error(result, anchor_lang::error::ErrorCode::AccountNotSigner);
}

#[tokio::test]
async fn add_stake_happy_path() {
    let env = &mut Env::start().await;
    let oracle = env.register_oracle(STAKE).await;
    env.fund(&oracle.key(), SOL).await;
    let before = env.lamports(&oracle.pda()).await;
    env.send(&[ix::add_stake(&oracle.key(), 300)], &[&oracle.authority])
        .await
        .unwrap();
    let state: Oracle = env.account(&oracle.pda()).await;
    assert_eq!(
        (state.stake, state.total_staked),
        (STAKE + 300, STAKE + 300)
    );
    assert_eq!(env.lamports(&oracle.pda()).await, before + 300);
}

#[tokio::test]
async fn error_add_stake_zero_and_wrong_signer() {
    let env = &mut Env::start().await;
    let oracle = env.register_oracle(STAKE).await;
    let result = env
        .send(&[ix::add_stake(&oracle.key(), 0)], &[&oracle.authority])
        .await;
    assert_escrow_error(result, EscrowError::ZeroAmount);

    let intruder = env.wallet(SOL).await;
    let ix = swap_account(
        ix::add_stake(&intruder.pubkey(), 5),
        &pda::oracle(&intruder.pubkey()),
        &oracle.pda(),
    );
    let result = env.send(&[ix], &[&intruder]).await;
    assert_escrow_error(result, EscrowError::NotOracleAuthority);
}

#[tokio::test]
async fn unbonding_and_withdrawal() {
    let env = &mut Env::start().await;
    let oracle = env.register_oracle(STAKE).await;
    let result = env
        .send(&[ix::withdraw_stake(&oracle.key())], &[&oracle.authority])
        .await;
    assert_escrow_error(result, EscrowError::OracleNotUnbonding);

    env.send(&[ix::begin_unbonding(&oracle.key())], &[&oracle.authority])
        .await
        .unwrap();
    let slot = env.slot().await;
    let state: Oracle = env.account(&oracle.pda()).await;
    assert_eq!(
        state.status,
        OracleStatus::Unbonding {
            until_slot: slot + 50
        }
    );

    let result = env
        .send(&[ix::begin_unbonding(&oracle.key())], &[&oracle.authority])
        .await;
    assert_escrow_error(result, EscrowError::OracleNotActive);
    let result = env
        .send(&[ix::add_stake(&oracle.key(), 5)], &[&oracle.authority])
        .await;
    assert_escrow_error(result, EscrowError::OracleNotActive);
    let result = env
        .send(&[ix::withdraw_stake(&oracle.key())], &[&oracle.authority])
        .await;
    assert_escrow_error(result, EscrowError::StillUnbonding);

    env.warp(50).await;
    let wallet_before = env.lamports(&oracle.key()).await;
    let account_before = env.lamports(&oracle.pda()).await;
    env.send(&[ix::withdraw_stake(&oracle.key())], &[&oracle.authority])
        .await
        .unwrap();
    // The stake and the account's rent both return; the account is closed.
    assert_eq!(
        env.lamports(&oracle.key()).await,
        wallet_before + account_before
    );
    assert!(!env.exists(&oracle.pda()).await);

    // The authority may register again.
    let attestation = Keypair::new();
    let ix = ix::register_oracle(&oracle.key(), &attestation.pubkey(), STAKE);
    env.send(&[ix], &[&oracle.authority, &attestation])
        .await
        .unwrap();
    assert_eq!(
        env.account::<Oracle>(&oracle.pda()).await.status,
        OracleStatus::Active
    );
}

#[tokio::test]
async fn error_withdraw_with_unfinished_claim_and_claim_while_unbonding() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, None).await;
    let oracle = env.register_oracle(STAKE).await;
    let requester = env.wallet(SOL).await;
    let claimed = env.create_request(&requester, &model, 1).await;
    let other = env.create_request(&requester, &model, 2).await;
    env.claim(&oracle, &claimed).await.unwrap();
    env.send(&[ix::begin_unbonding(&oracle.key())], &[&oracle.authority])
        .await
        .unwrap();

    assert_escrow_error(
        env.claim(&oracle, &other).await,
        EscrowError::OracleNotActive,
    );
    env.warp(51).await;
    let result = env
        .send(&[ix::withdraw_stake(&oracle.key())], &[&oracle.authority])
        .await;
    assert_escrow_error(result, EscrowError::OracleHasOpenRequests);

    // An unbonding oracle still finishes what it claimed; then it may leave, with its stake
    // and the fees it is owed.
    env.fulfill(&oracle, &claimed, output(0.1)).await.unwrap();
    env.warp(31).await;
    env.settle(&claimed, &oracle.key()).await.unwrap();
    let state: Oracle = env.account(&oracle.pda()).await;
    assert_eq!((state.bonded, state.open_requests), (0, 0));
    let fees = state.fees_owed;
    assert!(fees > 0);
    let wallet_before = env.lamports(&oracle.key()).await;
    let account = env.lamports(&oracle.pda()).await;
    env.send(&[ix::withdraw_stake(&oracle.key())], &[&oracle.authority])
        .await
        .unwrap();
    assert_eq!(env.lamports(&oracle.key()).await, wallet_before + account);
    assert!(account >= STAKE + fees);
}

#[tokio::test]
async fn error_unbonding_wrong_signer() {
    let env = &mut Env::start().await;
    let oracle = env.register_oracle(STAKE).await;
    let intruder = env.wallet(SOL).await;
    for build in [ix::begin_unbonding, ix::withdraw_stake] {
        let ix = swap_account(
            build(&intruder.pubkey()),
            &pda::oracle(&intruder.pubkey()),
            &oracle.pda(),
        );
        assert_escrow_error(
            env.send(&[ix], &[&intruder]).await,
            EscrowError::NotOracleAuthority,
        );
    }
}
