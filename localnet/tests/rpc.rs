//! The program on an embedded localnet, driven only through JSON-RPC and websocket clients.

// Helpers panic on failure, as the tests themselves do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use anchor_lang::prelude::Pubkey;
use futures_util::StreamExt;
use inference_escrow_client::{
    decode, ix, pda, ConfigParams, CreateRequestArgs, DType, Model, Oracle, Payload,
    RegisterModelArgs, Request, RequestStatus, TensorSchema, VerificationPolicy,
};
use inference_localnet::{
    default_params, setup, InitConfig, Localnet, LocalnetConfig, MintSpec, TokenProgram,
};
use solana_client::{
    nonblocking::{pubsub_client::PubsubClient, rpc_client::RpcClient},
    rpc_config::{RpcAccountInfoConfig, RpcProgramAccountsConfig},
    rpc_filter::{Memcmp, RpcFilterType},
};
use solana_instruction::error::InstructionError;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

const SOL: u64 = 1_000_000_000;
const PRICE: u64 = 5_000_000;

/// A localnet with fast slots, an initialized config and `wallets` funded with 10 SOL each.
async fn localnet(wallets: &[&Keypair], mints: Vec<MintSpec>) -> (Localnet, Keypair) {
    static QUIET: std::sync::Once = std::sync::Once::new();
    // The runtime logs every instruction at debug level unless RUST_LOG says otherwise.
    QUIET.call_once(|| {
        if std::env::var_os("RUST_LOG").is_none() {
            std::env::set_var("RUST_LOG", "error");
        }
    });
    let admin = Keypair::new();
    let config = LocalnetConfig {
        slot_time_ms: 40,
        fund: wallets.iter().map(|w| (w.pubkey(), 10 * SOL)).collect(),
        mints,
        initialize: Some(InitConfig {
            params: ConfigParams {
                claim_timeout_slots: 50,
                challenge_window_slots: 50,
                unbonding_slots: 100,
                ..default_params(admin.pubkey())
            },
            admin: admin.insecure_clone(),
        }),
        ..LocalnetConfig::default()
    };
    (
        inference_localnet::start(config)
            .await
            .expect("localnet starts"),
        admin,
    )
}

fn model_args(id: u8) -> RegisterModelArgs {
    RegisterModelArgs {
        model_id: [id; 32],
        onnx_sha256: [7; 32],
        input_schema: TensorSchema {
            dtype: DType::F32,
            shape: vec![1, 4],
        },
        output_schema: TensorSchema {
            dtype: DType::F32,
            shape: vec![1, 1],
        },
        max_output_len: 0,
        price: PRICE,
        royalty_bps: 1_000,
        uri: "file://models/risk.onnx".to_owned(),
        policy: VerificationPolicy::SINGLE,
    }
}

fn features(values: [f32; 4]) -> Payload {
    Payload::Inline(values.iter().flat_map(|v| v.to_le_bytes()).collect())
}

fn request_args(nonce: u64) -> CreateRequestArgs {
    CreateRequestArgs {
        nonce,
        input: features([0.1, 0.2, 0.3, 0.4]),
        ttl_slots: 2_000,
        callback: None,
        max_price: PRICE,
        challenger: None,
    }
}

async fn send(
    rpc: &RpcClient,
    ixs: &[anchor_lang::solana_program::instruction::Instruction],
    payer: &Keypair,
    signers: &[&Keypair],
) {
    setup::send(rpc, ixs, payer, signers)
        .await
        .expect("transaction confirms");
}

async fn account<T: anchor_lang::AccountDeserialize + anchor_lang::Discriminator>(
    rpc: &RpcClient,
    key: &Pubkey,
) -> T {
    let data = rpc.get_account_data(key).await.expect("account exists");
    decode::account(&data).expect("decodes")
}

/// What the tests' oracle signs as its execution id.
const EXECUTION_ID: [u8; 32] = [5; 32];

/// `operator` claims `request` with the terms it reads now.
async fn claim(rpc: &RpcClient, operator: &Keypair, request: &Pubkey) {
    let state: Request = account(rpc, request).await;
    send(
        rpc,
        &[ix::claim_request(&operator.pubkey(), request, &state)],
        operator,
        &[],
    )
    .await;
}

/// An owner with a model, an oracle operator registered with 2 SOL of stake.
async fn model_and_oracle(
    rpc: &RpcClient,
    owner: &Keypair,
    operator: &Keypair,
    attestation: &Keypair,
    token: Option<ix::TokenPayment>,
) -> Pubkey {
    send(
        rpc,
        &[ix::register_model(&owner.pubkey(), model_args(1), token)],
        owner,
        &[],
    )
    .await;
    let register = ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), 2 * SOL);
    send(rpc, &[register], operator, &[attestation]).await;
    pda::model(&owner.pubkey(), &[1; 32])
}

#[tokio::test(flavor = "multi_thread")]
async fn airdrop_and_an_instruction_with_a_system_cpi() {
    let operator = Keypair::new();
    let (net, _admin) = localnet(&[&operator], vec![]).await;
    let rpc = net.rpc();
    assert_eq!(rpc.get_balance(&operator.pubkey()).await.unwrap(), 10 * SOL);

    let stranger = Pubkey::new_unique();
    setup::airdrop(&rpc, &stranger, 3 * SOL).await.unwrap();
    assert_eq!(rpc.get_balance(&stranger).await.unwrap(), 3 * SOL);

    // register_oracle moves the stake with a system-program CPI.
    let attestation = Keypair::new();
    let register = ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), 2 * SOL);
    send(&rpc, &[register], &operator, &[&attestation]).await;
    let oracle: Oracle = account(&rpc, &pda::oracle(&operator.pubkey())).await;
    assert_eq!(
        (oracle.stake, oracle.attestation_key),
        (2 * SOL, attestation.pubkey())
    );
    let held = rpc
        .get_balance(&pda::oracle(&operator.pubkey()))
        .await
        .unwrap();
    let rent = rpc
        .get_minimum_balance_for_rent_exemption(
            rpc.get_account_data(&pda::oracle(&operator.pubkey()))
                .await
                .unwrap()
                .len(),
        )
        .await
        .unwrap();
    assert_eq!(held, rent + 2 * SOL);
}

#[tokio::test(flavor = "multi_thread")]
async fn request_claim_fulfil_through_the_ed25519_precompile() {
    let (owner, operator, requester, attestation) = (
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
    );
    let (net, _admin) = localnet(&[&owner, &operator, &requester], vec![]).await;
    let rpc = net.rpc();
    let model = model_and_oracle(&rpc, &owner, &operator, &attestation, None).await;

    send(
        &rpc,
        &[ix::create_request(
            &requester.pubkey(),
            &model,
            request_args(1),
        )],
        &requester,
        &[],
    )
    .await;
    let request = pda::request(&requester.pubkey(), 1);
    claim(&rpc, &operator, &request).await;
    let state: Request = account(&rpc, &request).await;
    let output = Payload::Inline(0.42f32.to_le_bytes().to_vec());
    let fulfil = ix::fulfill_signed(
        &operator.pubkey(),
        &attestation,
        &request,
        &state,
        [7; 32],
        output.clone(),
        EXECUTION_ID,
    );
    send(&rpc, &fulfil, &operator, &[]).await;

    let state: Request = account(&rpc, &request).await;
    assert!(matches!(state.status, RequestStatus::Fulfilled { .. }));
    assert_eq!(state.output_hash, output.sha256());

    // A signature by the wrong key is refused by the program, as in any validator.
    let request2_args = request_args(2);
    send(
        &rpc,
        &[ix::create_request(
            &requester.pubkey(),
            &model,
            request2_args,
        )],
        &requester,
        &[],
    )
    .await;
    let request2 = pda::request(&requester.pubkey(), 2);
    claim(&rpc, &operator, &request2).await;
    let state2: Request = account(&rpc, &request2).await;
    let forged = ix::fulfill_signed(
        &operator.pubkey(),
        &Keypair::new(),
        &request2,
        &state2,
        [7; 32],
        output,
        EXECUTION_ID,
    );
    let err = setup::send(&rpc, &forged, &operator, &[])
        .await
        .unwrap_err();
    let code = u32::from(inference_escrow_client::EscrowError::AttestationKeyMismatch);
    let tx_error = err
        .downcast_ref::<solana_client::client_error::ClientError>()
        .and_then(|e| e.get_transaction_error());
    assert_eq!(
        tx_error,
        Some(TransactionError::InstructionError(
            1,
            InstructionError::Custom(code)
        )),
        "{err:?}"
    );
}

/// The judged scenario: an SPL request on the localnet whose model owner has no token account
/// of the mint settles for everyone else. The oracle and the treasury collect their shares, the
/// requester closes, and the owner's royalty waits, owed, until the owner has an account.
#[tokio::test(flavor = "multi_thread")]
async fn spl_request_settles_for_everyone_but_a_payee_without_token_account() {
    let (operator, requester, attestation) = (Keypair::new(), Keypair::new(), Keypair::new());
    let mints = vec![MintSpec {
        program: TokenProgram::Token2022,
        decimals: 6,
        amount_per_wallet: 100 * PRICE,
    }];
    let (net, admin) = localnet(&[&operator, &requester], mints).await;
    let rpc = net.rpc();
    // A model owner funded after start: it has SOL but no token account of the mint.
    let owner = Keypair::new();
    let airdrop = rpc.request_airdrop(&owner.pubkey(), SOL).await.unwrap();
    while !rpc.confirm_transaction(&airdrop).await.unwrap() {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let token = ix::TokenPayment {
        mint: net.mints[0],
        token_program: anchor_spl::token_2022::ID,
    };
    assert!(rpc
        .get_account(&token.account_of(&owner.pubkey()))
        .await
        .is_err());
    let model = model_and_oracle(&rpc, &owner, &operator, &attestation, Some(token)).await;
    let requester_account = token.account_of(&requester.pubkey());
    let balance = |account: Pubkey| {
        let rpc = &rpc;
        async move {
            rpc.get_token_account_balance(&account)
                .await
                .map(|b| b.amount.parse::<u64>().unwrap())
                .unwrap_or(0)
        }
    };
    assert_eq!(balance(requester_account).await, 100 * PRICE);

    send(
        &rpc,
        &[ix::create_request_token(
            &requester.pubkey(),
            &model,
            token,
            request_args(1),
        )],
        &requester,
        &[],
    )
    .await;
    let request = pda::request(&requester.pubkey(), 1);
    assert_eq!(balance(pda::vault(&request)).await, PRICE);
    assert_eq!(balance(requester_account).await, 99 * PRICE);
    claim(&rpc, &operator, &request).await;
    let state: Request = account(&rpc, &request).await;
    let fulfil = ix::fulfill_signed(
        &operator.pubkey(),
        &attestation,
        &request,
        &state,
        [7; 32],
        Payload::Inline(0.25f32.to_le_bytes().to_vec()),
        EXECUTION_ID,
    );
    send(&rpc, &fulfil, &operator, &[]).await;

    // Past the challenge window (50 slots of 40 ms), anyone settles.
    let keys = ix::RequestKeys::new(request, &account(&rpc, &request).await, token.token_program);
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        if setup::send(
            &rpc,
            &[ix::settle_request(&keys, &operator.pubkey())],
            &admin,
            &[],
        )
        .await
        .is_ok()
        {
            break;
        }
    }
    send(
        &rpc,
        &[ix::collect_earnings(&model, &operator.pubkey(), token)],
        &admin,
        &[],
    )
    .await;
    send(&rpc, &[ix::close_request(&keys)], &requester, &[]).await;
    // The treasury (the admin here) had no token account either: anyone may create its
    // associated account, and then its fees can be pushed to it.
    let treasury = admin.pubkey();
    let create = anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(
        &admin.pubkey(), &treasury, &token.mint, &token.token_program,
    );
    let collect = ix::collect_protocol_fees(&model, &treasury, Some(token));
    send(&rpc, &[create, collect], &admin, &[]).await;
    let protocol = PRICE * 250 / 10_000;
    let royalty = PRICE * 1_000 / 10_000;
    assert_eq!(balance(token.account_of(&treasury)).await, protocol);
    assert_eq!(
        balance(token.account_of(&operator.pubkey())).await,
        100 * PRICE + PRICE - protocol - royalty
    );
    assert_eq!(balance(requester_account).await, 99 * PRICE);
    assert!(rpc.get_account(&request).await.is_err(), "closed");
    let state: Model = account(&rpc, &model).await;
    assert_eq!(
        state.royalty_owed, royalty,
        "the owner's royalty waits, owed"
    );
    assert_eq!(balance(pda::fee_vault(&model)).await, royalty);
}

#[tokio::test(flavor = "multi_thread")]
async fn account_and_program_subscriptions_see_changes() {
    let (owner, operator, requester, attestation) = (
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
    );
    let (net, _admin) = localnet(&[&owner, &operator, &requester], vec![]).await;
    let rpc = net.rpc();
    let model = model_and_oracle(&rpc, &owner, &operator, &attestation, None).await;
    let pubsub = PubsubClient::new(&net.ws_url)
        .await
        .expect("websocket connects");

    // Program subscription: new requests for this model (memcmp on the model field).
    let filter = RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
        Request::MODEL_OFFSET,
        model.as_ref(),
    ));
    let config = base64_accounts(filter);
    let (mut program_stream, _unsub) = pubsub
        .program_subscribe(&inference_escrow::ID, Some(config))
        .await
        .expect("program subscription");

    send(
        &rpc,
        &[ix::create_request(
            &requester.pubkey(),
            &model,
            request_args(1),
        )],
        &requester,
        &[],
    )
    .await;
    let request = pda::request(&requester.pubkey(), 1);
    let seen = tokio::time::timeout(Duration::from_secs(20), program_stream.next())
        .await
        .expect("a program notification")
        .expect("stream open");
    assert_eq!(seen.value.pubkey, request.to_string());

    // Account subscription: the request's status changes when an oracle claims it.
    let account_config = RpcAccountInfoConfig {
        encoding: Some(solana_client::rpc_config::UiAccountEncoding::Base64),
        ..Default::default()
    };
    let (mut account_stream, _unsub) = pubsub
        .account_subscribe(&request, Some(account_config))
        .await
        .expect("account subscription");
    claim(&rpc, &operator, &request).await;
    let claimed = loop {
        let update = tokio::time::timeout(Duration::from_secs(20), account_stream.next())
            .await
            .expect("an account notification")
            .expect("stream open");
        let data = update.value.data.decode().expect("base64 data");
        let state: Request = decode::account(&data).unwrap();
        if matches!(state.status, RequestStatus::Claimed { .. }) {
            break state;
        }
    };
    assert!(
        matches!(claimed.status, RequestStatus::Claimed { oracle, .. } if oracle == pda::oracle(&operator.pubkey()))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn get_program_accounts_with_a_memcmp_filter() {
    let (owner, operator, requester, attestation) = (
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
    );
    let (net, _admin) = localnet(&[&owner, &operator, &requester], vec![]).await;
    let rpc = net.rpc();
    let model_a = model_and_oracle(&rpc, &owner, &operator, &attestation, None).await;
    send(
        &rpc,
        &[ix::register_model(&owner.pubkey(), model_args(2), None)],
        &owner,
        &[],
    )
    .await;
    let model_b = pda::model(&owner.pubkey(), &[2; 32]);
    for (nonce, model) in [(1, model_a), (2, model_b), (3, model_a)] {
        send(
            &rpc,
            &[ix::create_request(
                &requester.pubkey(),
                &model,
                request_args(nonce),
            )],
            &requester,
            &[],
        )
        .await;
    }
    let filter = RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
        Request::MODEL_OFFSET,
        model_a.as_ref(),
    ));
    let config = base64_accounts(filter);
    let found = rpc
        .get_program_ui_accounts_with_config(&inference_escrow::ID, config)
        .await
        .unwrap();
    let mut keys: Vec<Pubkey> = found.iter().map(|(key, _)| *key).collect();
    keys.sort();
    let mut expected = vec![
        pda::request(&requester.pubkey(), 1),
        pda::request(&requester.pubkey(), 3),
    ];
    expected.sort();
    assert_eq!(keys, expected);
    for (_, account) in found {
        let state: Request = decode::account(&account.data.decode().expect("base64 data")).unwrap();
        assert_eq!(state.model, model_a);
    }
    let model: Model = account(&rpc, &model_a).await;
    assert_eq!(model.price, PRICE);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_localnets_side_by_side() {
    let wallet = Keypair::new();
    let (first, _) = localnet(&[&wallet], vec![]).await;
    let (second, _) = localnet(&[], vec![]).await;
    assert_ne!(first.rpc_url, second.rpc_url);
    assert_ne!(first.ws_url, second.ws_url);
    assert_eq!(
        first.rpc().get_balance(&wallet.pubkey()).await.unwrap(),
        10 * SOL
    );
    assert_eq!(second.rpc().get_balance(&wallet.pubkey()).await.unwrap(), 0);
    setup::airdrop(&second.rpc(), &wallet.pubkey(), SOL)
        .await
        .unwrap();
    assert_eq!(
        second.rpc().get_balance(&wallet.pubkey()).await.unwrap(),
        SOL
    );
    assert_eq!(
        first.rpc().get_balance(&wallet.pubkey()).await.unwrap(),
        10 * SOL
    );
    let url = first.rpc_url.clone();
    first.stop();
    // Stopped means stopped: the port no longer answers.
    let stopped = RpcClient::new(url);
    assert!(stopped.get_balance(&wallet.pubkey()).await.is_err());
}

/// A program-accounts configuration with `filter`, base64-encoded.
fn base64_accounts(filter: RpcFilterType) -> RpcProgramAccountsConfig {
    RpcProgramAccountsConfig {
        filters: Some(vec![filter]),
        account_config: RpcAccountInfoConfig {
            encoding: Some(solana_client::rpc_config::UiAccountEncoding::Base64),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The program's log lines reach transaction logs and simulation results, as on a validator:
/// a refusal carries Anchor's `AnchorError ... Error Code: <Name>` line, not only the hex code.
#[tokio::test(flavor = "multi_thread")]
async fn program_logs_are_in_simulations_and_transaction_logs() {
    use solana_client::rpc_config::RpcTransactionConfig;
    let (operator, attestation, owner) = (Keypair::new(), Keypair::new(), Keypair::new());
    let (net, _admin) = localnet(&[&operator, &owner], vec![]).await;
    let rpc = net.rpc();
    model_and_oracle(&rpc, &owner, &operator, &attestation, None).await;

    // Registering twice: refused in preflight, with the program's own error line.
    let again = ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), 2 * SOL);
    let blockhash = rpc.get_latest_blockhash().await.unwrap();
    let tx = solana_transaction::Transaction::new_signed_with_payer(
        &[ix::begin_unbonding(&operator.pubkey()), again],
        Some(&operator.pubkey()),
        &[&operator, &attestation],
        blockhash,
    );
    let simulated = rpc.simulate_transaction(&tx).await.unwrap().value;
    assert!(simulated.err.is_some(), "registering twice is refused");
    let logs = simulated.logs.unwrap_or_default();
    assert!(
        logs.iter()
            .any(|line| line.starts_with("Program log: ") && line.contains("AnchorError")),
        "the refusal's AnchorError line is in the simulation's logs: {logs:#?}"
    );

    // Sent without preflight, it lands, fails, and its logs say why in the same words.
    let signature = rpc
        .send_transaction_with_config(
            &tx,
            solana_client::rpc_config::RpcSendTransactionConfig {
                skip_preflight: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut logs = Vec::new();
    for _ in 0..100 {
        let found = rpc
            .get_transaction_with_config(
                &signature,
                RpcTransactionConfig {
                    encoding: None,
                    commitment: Some(solana_client::rpc_config::CommitmentConfig::confirmed()),
                    max_supported_transaction_version: Some(0),
                },
            )
            .await;
        if let Ok(landed) = found {
            logs = landed
                .transaction
                .meta
                .and_then(|meta| Option::<Vec<String>>::from(meta.log_messages))
                .unwrap_or_default();
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        logs.iter().any(|line| line.contains("AnchorError")),
        "the landed transaction's logs carry the error line: {logs:#?}"
    );
}
