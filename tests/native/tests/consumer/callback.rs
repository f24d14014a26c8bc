//! The callback: every request `request_score` makes names `on_score`, and any crank has the
//! escrow call it (`deliver_callback`) once the request has ended. It is called at most once,
//! only with the accounts the request stored, only by the escrow, and nothing it does can hold
//! up settlement or the requester's close.

use anchor_lang::{error::ErrorCode as AnchorErrorCode, InstructionData, ToAccountMetas};
use inference_escrow_client::{
    ix, pda, Callback, CallbackAccount, CreateRequestArgs, EscrowError, Payload, Request,
};
use inference_escrow_tests::*;
use risk_consumer::{errors::RiskError, events::ScoreApplied, state::PositionStatus};
use solana_instruction::Instruction;
use solana_keypair::Keypair;
use solana_signer::Signer;

use crate::harness::*;
use anchor_lang::prelude::Pubkey;

/// A request for the default model paid by a fresh wallet, naming `callback`.
async fn request_with_callback(w: &mut World, callback: Option<Callback>) -> (Keypair, Pubkey) {
    let requester = w.wallet(SOL).await;
    let args = CreateRequestArgs {
        input: Payload::Inline(f32_bytes(&FEATURES)),
        callback,
        ..request_args(0)
    };
    let model = w.model;
    w.send(
        &[ix::create_request(&requester.pubkey(), &model, args)],
        &[&requester],
    )
    .await
    .expect("create_request");
    let request = pda::request(&requester.pubkey(), 0);
    (requester, request)
}

#[tokio::test]
async fn a_crank_delivers_the_settled_score_once() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    // Not while the request can still change.
    assert_escrow_error(w.deliver(&request).await, EscrowError::RequestNotTerminal);
    w.fulfill(&request, output(0.875)).await;
    assert_escrow_error(w.deliver(&request).await, EscrowError::RequestNotTerminal);
    w.settle(&request).await;

    let state: Request = w.account(&request).await;
    let deliver = ix::deliver_callback(&request, &state).unwrap();
    let events = w.send_with_events(&[deliver], &[]).await.unwrap();
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Flagged { score: 0.875 }
    );
    let event: ScoreApplied = decode_event(&events[0]).unwrap();
    assert_eq!(
        (event.position, event.request, event.score),
        (position, request, 0.875)
    );
    assert!(w.account::<Request>(&request).await.callback_delivered);

    assert_escrow_error(w.deliver(&request).await, EscrowError::CallbackDelivered);
    // The vault reclaims the rent as before.
    w.reclaim(&request).await.unwrap();
}

#[tokio::test]
async fn an_expired_request_releases_its_position_through_the_callback() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.warp(TTL + 1).await;
    w.expire(&request).await;
    w.deliver(&request).await.unwrap();
    assert_eq!(w.status(&position).await, PositionStatus::Unscored);
    // Released: a keeper may ask again.
    w.request_score(&position).await;
}

#[tokio::test]
async fn a_position_that_moved_on_is_left_alone_and_the_delivery_completes() {
    let w = &mut World::start().await;
    let (borrower, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    let vault = w.v.vault;
    w.send(
        &[cix::update_position(
            &borrower.pubkey(),
            &vault,
            &[0.1, 0.2, 0.3, 0.4],
        )],
        &[&borrower],
    )
    .await
    .unwrap();
    w.fulfill(&request, output(0.875)).await;
    w.settle(&request).await;
    w.deliver(&request).await.unwrap();
    assert_eq!(w.status(&position).await, PositionStatus::Unscored);
    assert!(w.account::<Request>(&request).await.callback_delivered);
}

#[tokio::test]
async fn only_the_accounts_and_program_the_request_names_are_called() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let (_, other) = w.open_position([0.1, 0.2, 0.3, 0.4]).await;
    let request = w.request_score(&position).await;
    w.fulfill(&request, output(0.875)).await;
    w.settle(&request).await;
    let state: Request = w.account(&request).await;
    let good = ix::deliver_callback(&request, &state).unwrap();
    // Accounts of deliver_callback: request, callback authority, callback program, event
    // authority, escrow program, then the callback's five.
    let position_at = 5 + 2;

    let mut swapped = good.clone();
    swapped.accounts[position_at].pubkey = other;
    let mut short = good.clone();
    short.accounts.pop();
    let mut read_only = good.clone();
    read_only.accounts[position_at].is_writable = false;
    let mut wrong_program = good.clone();
    wrong_program.accounts[2].pubkey = inference_escrow::ID;
    for (what, ix) in [
        ("swapped", swapped),
        ("short", short),
        ("read-only", read_only),
        ("program", wrong_program),
    ] {
        let result = w.send(&[ix], &[]).await;
        assert_eq!(
            custom(&result),
            Some(u32::from(EscrowError::CallbackAccountsMismatch)),
            "{what}: {result:?}"
        );
    }
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Pending { request }
    );
    assert_eq!(w.status(&other).await, PositionStatus::Unscored);
    w.send(&[good], &[]).await.unwrap();
}

#[tokio::test]
async fn a_strangers_request_naming_our_callback_cannot_score_our_position() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let ours = w.request_score(&position).await;
    // The attacker copies our request's callback (our vault, wallet and position) into a
    // request of its own on the same model, and gets a healthy score for it.
    let callback = w.account::<Request>(&ours).await.callback;
    let (_, theirs) = request_with_callback(w, callback).await;
    w.fulfill(&theirs, output(0.0)).await;
    w.settle(&theirs).await;
    assert_risk_error(w.deliver(&theirs).await, RiskError::ForeignRequest);
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Pending { request: ours }
    );
}

#[tokio::test]
async fn on_score_is_refused_unless_the_escrow_calls_it() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fulfill(&request, output(0.0)).await;
    w.settle(&request).await;
    let impostor = w.wallet(SOL).await;
    let vault = w.v.vault;
    // `authority` in the callback authority's place, signing or not.
    let on_score = |authority: Pubkey, signs: bool| {
        let accounts = risk_consumer::accounts::OnScore {
            request,
            callback_authority: authority,
            vault,
            wallet: wallet_pda(&vault),
            position,
            event_authority: risk_consumer::client::consumer_event_authority(),
            program: risk_consumer::ID,
        };
        let mut metas = accounts.to_account_metas(None);
        metas[1].is_signer = signs;
        Instruction {
            program_id: risk_consumer::ID,
            accounts: metas,
            data: risk_consumer::instruction::OnScore {}.data(),
        }
    };
    // A key of the caller's own, signing; the request's real authority, which only the escrow
    // can sign for, passed unsigned.
    let result = w
        .send(&[on_score(impostor.pubkey(), true)], &[&impostor])
        .await;
    assert_risk_error(result, RiskError::NotFromEscrow);
    let real = pda::callback_authority(&request);
    let result = w.send(&[on_score(real, false)], &[]).await;
    assert_risk_error(result, RiskError::NotFromEscrow);
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Pending { request }
    );
}

#[tokio::test]
async fn a_failing_callback_never_holds_up_settlement_or_close() {
    let w = &mut World::start().await;
    // A callback into an instruction risk_consumer does not have.
    let broken = Callback {
        program: risk_consumer::ID,
        discriminator: [0; 8],
        accounts: vec![CallbackAccount {
            pubkey: Pubkey::new_unique(),
            writable: false,
        }],
    };
    let (requester, request) = request_with_callback(w, Some(broken)).await;
    w.fulfill(&request, output(0.5)).await;
    w.settle(&request).await;
    let state: Request = w.account(&request).await;
    let mut deliver = ix::deliver_callback(&request, &state).unwrap();
    assert_anchor_error(
        w.send(&[deliver.clone()], &[]).await,
        AnchorErrorCode::InstructionFallbackNotFound,
    );
    assert!(!w.account::<Request>(&request).await.callback_delivered);
    // The requester closes; the callback is gone with the request.
    let keys = ix::RequestKeys::new(request, &state, Pubkey::default());
    w.send(&[ix::close_request(&keys)], &[&requester])
        .await
        .unwrap();
    assert!(!w.exists(&request).await);
    deliver.accounts.truncate(5);
    assert!(w.send(&[deliver], &[]).await.is_err());
}

#[tokio::test]
async fn callbacks_are_refused_into_the_escrow_naming_the_request_or_its_authority_beyond_eight_accounts_or_on_requests_without_one(
) {
    let w = &mut World::start().await;
    let requester = w.wallet(SOL).await;
    let model = w.model;
    let create = |nonce: u64, callback: Callback| {
        ix::create_request(
            &requester.pubkey(),
            &model,
            CreateRequestArgs {
                callback: Some(callback),
                ..request_args(nonce)
            },
        )
    };
    let named = |n: usize| {
        vec![
            CallbackAccount {
                pubkey: Pubkey::new_unique(),
                writable: true
            };
            n
        ]
    };
    let into_escrow = Callback {
        program: inference_escrow::ID,
        discriminator: [1; 8],
        accounts: vec![],
    };
    assert_escrow_error(
        w.send(&[create(0, into_escrow)], &[&requester]).await,
        EscrowError::InvalidCallback,
    );
    let nine = Callback {
        program: risk_consumer::ID,
        discriminator: [1; 8],
        accounts: named(9),
    };
    assert_escrow_error(
        w.send(&[create(0, nine)], &[&requester]).await,
        EscrowError::CallbackTooLarge,
    );
    // Naming the request itself or its callback authority (which would reach the consumer as a
    // writable signer).
    let request = pda::request(&requester.pubkey(), 0);
    for reserved in [request, pda::callback_authority(&request)] {
        let naming = Callback {
            program: risk_consumer::ID,
            discriminator: [1; 8],
            accounts: vec![CallbackAccount {
                pubkey: reserved,
                writable: true,
            }],
        };
        assert_escrow_error(
            w.send(&[create(0, naming)], &[&requester]).await,
            EscrowError::InvalidCallback,
        );
    }
    let eight = Callback {
        program: risk_consumer::ID,
        discriminator: [1; 8],
        accounts: named(8),
    };
    w.send(&[create(0, eight)], &[&requester]).await.unwrap();

    // A request without a callback: delivering one is refused before anything else.
    let plain = w.wallet_request(&model).await;
    let mut state: Request = w.account(&plain).await;
    state.callback = Some(Callback {
        program: risk_consumer::ID,
        discriminator: [0; 8],
        accounts: vec![],
    });
    let deliver = ix::deliver_callback(&plain, &state).unwrap();
    assert_escrow_error(w.send(&[deliver], &[]).await, EscrowError::NoCallback);
}

fn custom(result: &TxResult) -> Option<u32> {
    match result {
        Err(solana_transaction_error::TransactionError::InstructionError(
            _,
            solana_instruction::error::InstructionError::Custom(code),
        )) => Some(*code),
        _ => None,
    }
}
