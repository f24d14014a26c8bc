//! Models: register (SOL and SPL), update, price snapshot, inactive models.

use anchor_spl::token::spl_token;
use inference_escrow_client::{
    ix, pda, DType, EscrowError, Model, Request, TensorSchema, UpdateModelArgs,
};
use inference_escrow_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

#[tokio::test]
async fn register_model_happy_path_sol_and_spl() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let before = env.lamports(&owner.pubkey()).await;
    let key = env.register_model(&owner, 1, None).await;
    let model: Model = env.account(&key).await;
    let args = model_args(1);
    assert_eq!(model.owner, owner.pubkey());
    assert_eq!(model.onnx_sha256, args.onnx_sha256);
    assert_eq!(model.input_schema, args.input_schema);
    assert_eq!(model.price, PRICE);
    assert_eq!(model.mint, None);
    assert_eq!(model.royalty_bps, ROYALTY_BPS);
    assert!(model.active);
    let rent = env.lamports(&key).await;
    assert_eq!(
        env.lamports(&owner.pubkey()).await,
        before - rent,
        "the owner paid the rent only"
    );

    assert_eq!(
        model.max_output_len, 4,
        "a static [1,1] f32 output is four bytes"
    );
    assert_eq!(model.version, inference_escrow::constants::ACCOUNT_VERSION);

    let token = env.create_mint(spl_token::ID, 6).await;
    let before = env.lamports(&owner.pubkey()).await;
    let spl = env.register_model(&owner, 2, Some(token)).await;
    let state: Model = env.account(&spl).await;
    assert_eq!(state.mint, Some(token.mint));
    let fee_vault = pda::fee_vault(&spl);
    assert_eq!(env.owner_of(&fee_vault).await, spl_token::ID);
    assert_eq!(env.token_balance(&fee_vault).await, 0);
    let rent = env.lamports(&spl).await + env.lamports(&fee_vault).await;
    assert_eq!(
        env.lamports(&owner.pubkey()).await,
        before - rent,
        "the owner paid the rent of the model and its fee vault"
    );
}

#[tokio::test]
async fn dynamic_output_schema_declares_its_largest_output() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let mut args = model_args(1);
    args.output_schema = TensorSchema {
        dtype: DType::F32,
        shape: vec![-1, 3],
    };
    args.max_output_len = 12 * 8;
    env.send(
        &[ix::register_model(&owner.pubkey(), args, None)],
        &[&owner],
    )
    .await
    .unwrap();
    let model: Model = env.account(&pda::model(&owner.pubkey(), &[1; 32])).await;
    assert_eq!(model.max_output_len, 96);
}

#[tokio::test]
async fn error_register_model_invalid_arguments() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let schema = |shape: Vec<i32>| TensorSchema {
        dtype: DType::F32,
        shape,
    };
    let mut cases = Vec::new();
    let mut a = model_args(1);
    a.input_schema = schema(vec![]);
    cases.push((a, EscrowError::InvalidSchema));
    let mut a = model_args(1);
    a.output_schema = schema(vec![1, 0]);
    cases.push((a, EscrowError::InvalidSchema));
    let mut a = model_args(1);
    a.input_schema = schema(vec![1; 9]);
    cases.push((a, EscrowError::InvalidSchema));
    let mut a = model_args(1);
    a.input_schema = schema(vec![-2, 4]);
    cases.push((a, EscrowError::InvalidSchema));
    let mut a = model_args(1);
    a.uri = String::new();
    cases.push((a, EscrowError::InvalidUri));
    let mut a = model_args(1);
    a.uri = "x".repeat(201);
    cases.push((a, EscrowError::InvalidUri));
    let mut a = model_args(1);
    a.price = 0;
    cases.push((a, EscrowError::ZeroPrice));
    let mut a = model_args(1);
    a.royalty_bps = 10_001;
    cases.push((a, EscrowError::InvalidBps));
    let mut a = model_args(1);
    a.max_output_len = 8; // the static output is 4 bytes
    cases.push((a, EscrowError::InvalidOutputLimit));
    let mut a = model_args(1);
    a.output_schema = schema(vec![-1, 3]);
    a.max_output_len = 0; // a dynamic output needs a declared maximum
    cases.push((a, EscrowError::InvalidOutputLimit));
    let mut a = model_args(1);
    a.output_schema = schema(vec![-1, 3]);
    a.max_output_len = 16; // not a whole number of [*, 3] f32 rows
    cases.push((a, EscrowError::InvalidOutputLimit));
    for (args, expected) in cases {
        let result = env
            .send(
                &[ix::register_model(&owner.pubkey(), args, None)],
                &[&owner],
            )
            .await;
        assert_escrow_error(result, expected);
    }
    assert!(!env.exists(&pda::model(&owner.pubkey(), &[1; 32])).await);
}

#[tokio::test]
async fn update_model_happy_path() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let key = env.register_model(&owner, 1, None).await;
    let args = UpdateModelArgs {
        price: Some(42),
        uri: Some("ipfs://risk-v2".to_owned()),
        active: Some(false),
    };
    env.send(&[ix::update_model(&owner.pubkey(), &key, args)], &[&owner])
        .await
        .unwrap();
    let model: Model = env.account(&key).await;
    assert_eq!(
        (model.price, model.uri.as_str(), model.active),
        (42, "ipfs://risk-v2", false)
    );
}

#[tokio::test]
async fn error_update_model_wrong_signer_and_bad_values() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let key = env.register_model(&owner, 1, None).await;
    let intruder = Keypair::new();
    let args = UpdateModelArgs {
        price: Some(1),
        ..Default::default()
    };
    let result = env
        .send(
            &[ix::update_model(&intruder.pubkey(), &key, args)],
            &[&intruder],
        )
        .await;
    assert_escrow_error(result, EscrowError::NotModelOwner);

    let zero = UpdateModelArgs {
        price: Some(0),
        ..Default::default()
    };
    let result = env
        .send(&[ix::update_model(&owner.pubkey(), &key, zero)], &[&owner])
        .await;
    assert_escrow_error(result, EscrowError::ZeroPrice);
    let long = UpdateModelArgs {
        uri: Some("u".repeat(201)),
        ..Default::default()
    };
    let result = env
        .send(&[ix::update_model(&owner.pubkey(), &key, long)], &[&owner])
        .await;
    assert_escrow_error(result, EscrowError::InvalidUri);
    assert_eq!(env.account::<Model>(&key).await.price, PRICE);
}

#[tokio::test]
async fn price_change_does_not_touch_open_requests() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, None).await;
    let oracle = env.register_oracle(STAKE).await;
    let requester = env.wallet(SOL).await;
    let request = env.create_request(&requester, &model, 1).await;
    let args = UpdateModelArgs {
        price: Some(PRICE * 10),
        ..Default::default()
    };
    env.send(
        &[ix::update_model(&owner.pubkey(), &model, args)],
        &[&owner],
    )
    .await
    .unwrap();
    assert_eq!(env.account::<Request>(&request).await.price, PRICE);

    env.claim(&oracle, &request).await.unwrap();
    env.fulfill(&oracle, &request, output(1.0)).await.unwrap();
    env.warp(31).await;
    env.settle(&request, &oracle.key()).await.unwrap();
    let royalty = PRICE * ROYALTY_BPS as u64 / 10_000;
    assert_eq!(env.account::<Model>(&model).await.royalty_owed, royalty);
    let owner_before = env.lamports(&owner.pubkey()).await;
    env.send(&[ix::collect_royalty(&model, &owner.pubkey(), None)], &[])
        .await
        .unwrap();
    assert_eq!(env.lamports(&owner.pubkey()).await, owner_before + royalty);
}

#[tokio::test]
async fn error_register_model_token_accounts() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let token = env.create_mint(spl_token::ID, 6).await;
    let register = |id: u8| ix::register_model(&owner.pubkey(), model_args(id), Some(token));
    // SPL without its fee vault and token program.
    let mut ix = register(1);
    ix.accounts[3].pubkey = inference_escrow::ID;
    ix.accounts[3].is_writable = false;
    assert_escrow_error(
        env.send(&[ix], &[&owner]).await,
        EscrowError::TokenAccountsMissing,
    );
    // A fee vault at another address.
    let elsewhere = pda::fee_vault(&pda::model(&owner.pubkey(), &[9; 32]));
    let ix = swap_account(
        register(1),
        &pda::fee_vault(&pda::model(&owner.pubkey(), &[1; 32])),
        &elsewhere,
    );
    assert_escrow_error(
        env.send(&[ix], &[&owner]).await,
        EscrowError::InvalidFeeVault,
    );
    // The other token program than the mint's.
    let ix = swap_account(register(1), &spl_token::ID, &anchor_spl::token_2022::ID);
    assert_escrow_error(
        env.send(&[ix], &[&owner]).await,
        EscrowError::WrongTokenProgram,
    );
    // A SOL model given a token program.
    let mut ix = ix::register_model(&owner.pubkey(), model_args(2), None);
    ix.accounts[4].pubkey = spl_token::ID;
    assert_escrow_error(
        env.send(&[ix], &[&owner]).await,
        EscrowError::UnexpectedTokenAccounts,
    );
    assert!(!env.exists(&pda::model(&owner.pubkey(), &[1; 32])).await);
    assert!(!env.exists(&pda::model(&owner.pubkey(), &[2; 32])).await);
}

#[tokio::test]
async fn error_create_request_on_inactive_model() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, None).await;
    let off = UpdateModelArgs {
        active: Some(false),
        ..Default::default()
    };
    env.send(&[ix::update_model(&owner.pubkey(), &model, off)], &[&owner])
        .await
        .unwrap();
    let requester = env.wallet(SOL).await;
    let result = env
        .send(
            &[ix::create_request(
                &requester.pubkey(),
                &model,
                request_args(1),
            )],
            &[&requester],
        )
        .await;
    assert_escrow_error(result, EscrowError::ModelInactive);
}
