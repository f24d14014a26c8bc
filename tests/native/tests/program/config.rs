//! Config: initialize, update, pause.

use inference_escrow::constants::{
    MAX_ARBITRATION_TIMEOUT_SLOTS, MAX_CHALLENGE_WINDOW_SLOTS, MAX_CLAIM_TIMEOUT_SLOTS,
    MAX_DISPUTE_WINDOW_SLOTS, MAX_INLINE_INPUT_CAP, MAX_INLINE_OUTPUT_CAP, MAX_MIN_FULFIL_SLOTS,
    MAX_REQUEST_TTL_CAP_SLOTS, MAX_REVEAL_WINDOW_SLOTS, MAX_UNBONDING_SLOTS,
};
use inference_escrow_client::{ix, pda, Config, ConfigParams, EscrowError, UpdateConfigArgs};
use inference_escrow_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn initialize_config_happy_path() {
    let env = &mut Env::start().await;
    let config: Config = env.account(&pda::config()).await;
    assert_eq!(config.admin, env.admin.pubkey());
    assert_eq!(config.treasury, env.treasury.pubkey());
    assert_eq!(config.protocol_fee_bps, PROTOCOL_FEE_BPS);
    assert_eq!(config.min_oracle_stake, SOL);
    assert!(!config.paused);
    let (_, bump) =
        anchor_lang::prelude::Pubkey::find_program_address(&[b"config"], &inference_escrow::ID);
    assert_eq!(config.bump, bump);
}

#[tokio::test]
async fn error_initialize_config_twice() {
    let env = &mut Env::start().await;
    let mut params = config_params(env.treasury.pubkey());
    params.protocol_fee_bps = 9_999;
    let intruder = Keypair::new();
    env.fund(&intruder.pubkey(), SOL).await;
    let result = env
        .send(
            &[ix::initialize_config(&intruder.pubkey(), params)],
            &[&intruder],
        )
        .await;
    assert_escrow_error(result, EscrowError::AccountAlreadyExists);
    let config: Config = env.account(&pda::config()).await;
    assert_eq!(config.admin, env.admin.pubkey());
    assert_eq!(config.protocol_fee_bps, PROTOCOL_FEE_BPS);
}

#[tokio::test]
async fn error_initialize_config_unsound_parameters() {
    let env = &mut Env::bare().await;
    let base = config_params(env.treasury.pubkey());
    for (edit, expected) in unsound_edits() {
        let result = env.initialize_config(edit(base.clone())).await;
        assert_escrow_error(result, expected);
    }
    assert!(!env.exists(&pda::config()).await, "no config was created");
}

type Edit = fn(ConfigParams) -> ConfigParams;

/// One parameter out of its documented range at a time, with the error it must get. Each
/// window's upper bound is tested one past it, and `challenge_window_slots` near `u64::MAX`
/// (which in v1 made every request unable to settle) too.
fn unsound_edits() -> Vec<(Edit, EscrowError)> {
    vec![
        (
            |p| ConfigParams {
                protocol_fee_bps: 10_001,
                ..p
            },
            EscrowError::InvalidBps,
        ),
        (
            |p| ConfigParams {
                claim_bond_bps: 10_001,
                ..p
            },
            EscrowError::InvalidBps,
        ),
        (
            |p| ConfigParams {
                claim_timeout_slots: 0,
                ..p
            },
            EscrowError::ZeroSlotWindow,
        ),
        (
            |p| ConfigParams {
                max_request_ttl_slots: 0,
                ..p
            },
            EscrowError::ZeroSlotWindow,
        ),
        (
            |p| ConfigParams {
                min_fulfil_slots: 0,
                ..p
            },
            EscrowError::ZeroSlotWindow,
        ),
        (
            |p| ConfigParams {
                arbitration_timeout_slots: 0,
                ..p
            },
            EscrowError::ZeroSlotWindow,
        ),
        (
            |p| ConfigParams {
                claim_timeout_slots: MAX_CLAIM_TIMEOUT_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                challenge_window_slots: MAX_CHALLENGE_WINDOW_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                challenge_window_slots: u64::MAX - 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                unbonding_slots: MAX_UNBONDING_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                arbitration_timeout_slots: MAX_ARBITRATION_TIMEOUT_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                min_fulfil_slots: MAX_MIN_FULFIL_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                max_request_ttl_slots: MAX_REQUEST_TTL_CAP_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                min_request_ttl_slots: p.min_fulfil_slots,
                ..p
            },
            EscrowError::TtlBoundsInvalid,
        ),
        (
            |p| ConfigParams {
                min_request_ttl_slots: p.max_request_ttl_slots + 1,
                ..p
            },
            EscrowError::TtlBoundsInvalid,
        ),
        (
            |p| ConfigParams {
                min_claim_bond: p.min_oracle_stake + 1,
                ..p
            },
            EscrowError::ClaimBondAboveMinStake,
        ),
        (
            |p| ConfigParams {
                max_input_len: MAX_INLINE_INPUT_CAP + 1,
                ..p
            },
            EscrowError::InlineLimitTooLarge,
        ),
        (
            |p| ConfigParams {
                max_output_len: MAX_INLINE_OUTPUT_CAP + 1,
                ..p
            },
            EscrowError::InlineLimitTooLarge,
        ),
        (
            |p| ConfigParams {
                reveal_window_slots: 0,
                ..p
            },
            EscrowError::ZeroSlotWindow,
        ),
        (
            |p| ConfigParams {
                reveal_window_slots: MAX_REVEAL_WINDOW_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                dispute_window_slots: MAX_DISPUTE_WINDOW_SLOTS + 1,
                ..p
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            |p| ConfigParams {
                dispute_window_slots: p.min_fulfil_slots,
                ..p
            },
            EscrowError::DisputeWindowTooShort,
        ),
        (
            |p| ConfigParams {
                challenge_bond: 0,
                ..p
            },
            EscrowError::ChallengeBondZero,
        ),
        (
            |p| ConfigParams {
                dispute_replicas: 0,
                ..p
            },
            EscrowError::InvalidReplicas,
        ),
        (
            |p| ConfigParams {
                dispute_replicas: 8,
                ..p
            },
            EscrowError::InvalidReplicas,
        ),
    ]
}

#[tokio::test]
async fn parameters_at_their_bounds_are_accepted() {
    let env = &mut Env::bare().await;
    let params = ConfigParams {
        claim_timeout_slots: MAX_CLAIM_TIMEOUT_SLOTS,
        challenge_window_slots: MAX_CHALLENGE_WINDOW_SLOTS,
        unbonding_slots: MAX_UNBONDING_SLOTS,
        arbitration_timeout_slots: MAX_ARBITRATION_TIMEOUT_SLOTS,
        min_fulfil_slots: MAX_MIN_FULFIL_SLOTS,
        min_request_ttl_slots: MAX_MIN_FULFIL_SLOTS + 1,
        reveal_window_slots: MAX_REVEAL_WINDOW_SLOTS,
        dispute_window_slots: MAX_DISPUTE_WINDOW_SLOTS,
        dispute_replicas: 7,
        max_request_ttl_slots: MAX_REQUEST_TTL_CAP_SLOTS,
        min_claim_bond: SOL,
        max_input_len: MAX_INLINE_INPUT_CAP,
        max_output_len: MAX_INLINE_OUTPUT_CAP,
        protocol_fee_bps: 10_000,
        claim_bond_bps: 10_000,
        ..config_params(env.treasury.pubkey())
    };
    env.initialize_config(params.clone()).await.unwrap();
    let config: Config = env.account(&pda::config()).await;
    assert_eq!(config.params(), params);
}

#[tokio::test]
async fn update_config_happy_path_and_admin_handover() {
    let env = &mut Env::start().await;
    let admin = env.admin.insecure_clone();
    let new_admin = Keypair::new();
    let args = UpdateConfigArgs {
        protocol_fee_bps: Some(500),
        challenge_window_slots: Some(7),
        new_admin: Some(new_admin.pubkey()),
        ..Default::default()
    };
    env.send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
        .await
        .unwrap();
    let config: Config = env.account(&pda::config()).await;
    assert_eq!(config.protocol_fee_bps, 500);
    assert_eq!(config.challenge_window_slots, 7);
    assert_eq!(config.claim_timeout_slots, 20, "untouched fields stay");
    assert_eq!(config.admin, new_admin.pubkey());

    // The old admin has lost the role.
    let result = env
        .send(&[ix::set_paused(&admin.pubkey(), true)], &[&admin])
        .await;
    assert_escrow_error(result, EscrowError::NotAdmin);
    env.send(&[ix::set_paused(&new_admin.pubkey(), true)], &[&new_admin])
        .await
        .unwrap();
}

#[tokio::test]
async fn error_update_config_wrong_signer() {
    let env = &mut Env::start().await;
    let intruder = Keypair::new();
    let args = UpdateConfigArgs {
        protocol_fee_bps: Some(9_000),
        ..Default::default()
    };
    let result = env
        .send(&[ix::update_config(&intruder.pubkey(), args)], &[&intruder])
        .await;
    assert_escrow_error(result, EscrowError::NotAdmin);
}

#[tokio::test]
async fn error_update_config_unsound_value() {
    let env = &mut Env::start().await;
    let admin = env.admin.insecure_clone();
    let before: Config = env.account(&pda::config()).await;
    let cases = [
        (
            UpdateConfigArgs {
                protocol_fee_bps: Some(10_001),
                ..Default::default()
            },
            EscrowError::InvalidBps,
        ),
        (
            UpdateConfigArgs {
                claim_timeout_slots: Some(0),
                ..Default::default()
            },
            EscrowError::ZeroSlotWindow,
        ),
        (
            UpdateConfigArgs {
                challenge_window_slots: Some(u64::MAX - 1),
                ..Default::default()
            },
            EscrowError::WindowOutOfRange,
        ),
        (
            UpdateConfigArgs {
                min_fulfil_slots: Some(MIN_TTL),
                ..Default::default()
            },
            EscrowError::TtlBoundsInvalid,
        ),
        (
            UpdateConfigArgs {
                min_oracle_stake: Some(MIN_CLAIM_BOND - 1),
                ..Default::default()
            },
            EscrowError::ClaimBondAboveMinStake,
        ),
        (
            UpdateConfigArgs {
                max_output_len: Some(MAX_INLINE_OUTPUT_CAP + 1),
                ..Default::default()
            },
            EscrowError::InlineLimitTooLarge,
        ),
    ];
    for (args, expected) in cases {
        let result = env
            .send(&[ix::update_config(&admin.pubkey(), args)], &[&admin])
            .await;
        assert_escrow_error(result, expected);
    }
    let after: Config = env.account(&pda::config()).await;
    assert_eq!(after.params(), before.params(), "nothing changed");
}

#[tokio::test]
async fn pause_blocks_new_work_but_not_payouts() {
    let env = &mut Env::start().await;
    let admin = env.admin.insecure_clone();
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, None).await;
    let oracle = env.register_oracle(STAKE).await;
    let requester = env.wallet(SOL).await;
    let fulfilled = env.create_request(&requester, &model, 1).await;
    let open = env.create_request(&requester, &model, 2).await;
    env.claim(&oracle, &fulfilled).await.unwrap();
    env.fulfill(&oracle, &fulfilled, output(0.5)).await.unwrap();

    env.send(&[ix::set_paused(&admin.pubkey(), true)], &[&admin])
        .await
        .unwrap();
    assert!(env.account::<Config>(&pda::config()).await.paused);

    let create = ix::create_request(&requester.pubkey(), &model, request_args(3));
    assert_escrow_error(
        env.send(&[create], &[&requester]).await,
        EscrowError::ProtocolPaused,
    );
    assert_escrow_error(env.claim(&oracle, &open).await, EscrowError::ProtocolPaused);
    let newcomer = env.wallet(3 * SOL).await;
    let attestation = Keypair::new();
    let register = ix::register_oracle(&newcomer.pubkey(), &attestation.pubkey(), STAKE);
    assert_escrow_error(
        env.send(&[register], &[&newcomer, &attestation]).await,
        EscrowError::ProtocolPaused,
    );

    // Settlement, refunds and payouts keep working so no funds are stuck.
    env.warp(31).await;
    env.settle(&fulfilled, &oracle.key()).await.unwrap();
    env.send(&[ix::collect_oracle_fees(&oracle.key())], &[])
        .await
        .unwrap();
    env.send(&[ix::collect_royalty(&model, &owner.pubkey(), None)], &[])
        .await
        .unwrap();
    let keys = env.request_keys(&open).await;
    env.send(&[ix::cancel_request(&keys)], &[&requester])
        .await
        .unwrap();

    env.send(&[ix::set_paused(&admin.pubkey(), false)], &[&admin])
        .await
        .unwrap();
    env.create_request(&requester, &model, 3).await;
}

#[tokio::test]
async fn error_set_paused_wrong_signer() {
    let env = &mut Env::start().await;
    let intruder = Keypair::new();
    let result = env
        .send(&[ix::set_paused(&intruder.pubkey(), true)], &[&intruder])
        .await;
    assert_escrow_error(result, EscrowError::NotAdmin);
}
