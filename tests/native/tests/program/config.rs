//! Config: initialize, update, pause.

use inference_escrow_client::{ix, pda, Config, EscrowError, UpdateConfigArgs};
use inference_escrow_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

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
    // The account exists, so Anchor's `init` (a system-program allocate) refuses it.
    assert!(
        matches!(result, Err(TransactionError::InstructionError(1, _))),
        "got {result:?}"
    );
    let config: Config = env.account(&pda::config()).await;
    assert_eq!(config.admin, env.admin.pubkey());
    assert_eq!(config.protocol_fee_bps, PROTOCOL_FEE_BPS);
}

#[tokio::test]
async fn error_initialize_config_unsound_parameters() {
    let env = &mut Env::bare().await;
    let base = config_params(env.treasury.pubkey());
    let cases = [
        (ConfigParamsEdit::FeeBps(10_001), EscrowError::InvalidBps),
        (ConfigParamsEdit::NoShowBps(10_001), EscrowError::InvalidBps),
        (
            ConfigParamsEdit::WrongResultBps(20_000),
            EscrowError::InvalidBps,
        ),
        (
            ConfigParamsEdit::ClaimTimeout(0),
            EscrowError::ZeroSlotWindow,
        ),
        (ConfigParamsEdit::MaxTtl(0), EscrowError::ZeroSlotWindow),
        (
            ConfigParamsEdit::MaxInput(1_025),
            EscrowError::InlineLimitTooLarge,
        ),
        (
            ConfigParamsEdit::MaxOutput(4_096),
            EscrowError::InlineLimitTooLarge,
        ),
    ];
    for (edit, expected) in cases {
        let result = env.initialize_config(edit.apply(base.clone())).await;
        assert_escrow_error(result, expected);
    }
    assert!(!env.exists(&pda::config()).await, "no config was created");
}

/// One field of `ConfigParams` set to a given value.
enum ConfigParamsEdit {
    FeeBps(u16),
    NoShowBps(u16),
    WrongResultBps(u16),
    ClaimTimeout(u64),
    MaxTtl(u64),
    MaxInput(u32),
    MaxOutput(u32),
}

impl ConfigParamsEdit {
    fn apply(
        self,
        mut p: inference_escrow_client::ConfigParams,
    ) -> inference_escrow_client::ConfigParams {
        match self {
            Self::FeeBps(v) => p.protocol_fee_bps = v,
            Self::NoShowBps(v) => p.no_show_slash_bps = v,
            Self::WrongResultBps(v) => p.wrong_result_slash_bps = v,
            Self::ClaimTimeout(v) => p.claim_timeout_slots = v,
            Self::MaxTtl(v) => p.max_request_ttl_slots = v,
            Self::MaxInput(v) => p.max_input_len = v,
            Self::MaxOutput(v) => p.max_output_len = v,
        }
        p
    }
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
                max_output_len: Some(2_000),
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

    // Settlement and refunds keep working so no funds are stuck.
    env.warp(31).await;
    env.settle(&fulfilled, &oracle.key()).await.unwrap();
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
