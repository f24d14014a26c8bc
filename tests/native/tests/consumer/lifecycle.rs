//! The happy path end to end: a vault buys a score by CPI, an oracle fulfils it, the vault
//! applies it, the escrow settles, the vault reclaims the rent. Balances to the lamport.

use inference_escrow_client::{DataRef, Payload, Request, RequestStatus};
use inference_escrow_tests::*;
use risk_consumer::{
    errors::RiskError,
    events::{ScoreApplied, ScoreDropped, ScoreRequested},
    state::{PositionStatus, Vault},
};
use solana_signer::Signer;

use crate::harness::*;

#[test]
fn keypair_matches_program_id() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../keys/risk_consumer-keypair.json"
    );
    let bytes: Vec<u8> = std::fs::read_to_string(path)
        .unwrap()
        .trim_matches(|c| c == '[' || c == ']' || char::is_whitespace(c))
        .split(',')
        .map(|n| n.trim().parse().unwrap())
        .collect();
    // `try_from` checks that the public half belongs to the secret half.
    let keypair = solana_keypair::Keypair::try_from(bytes.as_slice()).unwrap();
    assert_eq!(keypair.pubkey(), risk_consumer::ID);
}

#[tokio::test]
async fn init_vault_records_model_threshold_and_bumps() {
    let w = &mut World::start().await;
    let (vault_key, wallet) = (w.v.vault, w.v.wallet);
    let vault: Vault = w.account(&vault_key).await;
    assert_eq!(vault.authority, w.v.authority.pubkey());
    assert_eq!(vault.model, w.model);
    assert_eq!(vault.risk_threshold, THRESHOLD);
    assert_eq!(vault.next_nonce, 0);
    assert_eq!(
        wallet_pda(&w.v.vault),
        anchor_lang::prelude::Pubkey::create_program_address(
            &[b"wallet", w.v.vault.as_ref(), &[vault.wallet_bump]],
            &risk_consumer::ID
        )
        .unwrap()
    );
    // The wallet is a plain system account: no data, owned by the system program.
    assert_eq!(w.owner_of(&wallet).await, anchor_lang::system_program::ID);
    assert_eq!(w.lamports(&wallet).await, WALLET_FUNDS);
}

#[tokio::test]
async fn request_score_creates_escrow_request_by_cpi() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let wallet = w.v.wallet;
    let before = w.lamports(&wallet).await;

    let vault = w.v.vault;
    let ix = cix::request_score(&vault, &w.model, &position, 0, TTL);
    let events = w.send_with_events(&[ix], &[]).await.unwrap();
    let request = inference_escrow_client::pda::request(&wallet, 0);

    // inference_escrow owns the new request; our wallet PDA is its requester.
    assert_eq!(w.owner_of(&request).await, inference_escrow::ID);
    let state: Request = w.account(&request).await;
    assert_eq!(state.requester, wallet);
    assert_eq!(state.model, w.model);
    assert_eq!(state.nonce, 0);
    assert_eq!(state.status, RequestStatus::Open);
    assert_eq!(state.input, DataRef::Inline(f32_bytes(&FEATURES)));
    // Its callback: on_score with the vault, wallet, position (written) and the consumer's
    // event-CPI accounts, not yet delivered.
    let callback = state.callback.clone().expect("a callback");
    assert_eq!(callback.program, risk_consumer::ID);
    assert_eq!(
        callback.discriminator,
        <risk_consumer::instruction::OnScore as anchor_lang::Discriminator>::DISCRIMINATOR
    );
    let named: Vec<_> = callback
        .accounts
        .iter()
        .map(|a| (a.pubkey, a.writable))
        .collect();
    assert_eq!(
        named,
        [
            (vault, false),
            (wallet, false),
            (position, true),
            (risk_consumer::client::consumer_event_authority(), false),
            (risk_consumer::ID, false)
        ]
    );
    assert!(!state.callback_delivered);
    assert_eq!(state.price, PRICE);

    // The wallet paid exactly the price and the request's rent.
    let held = w.lamports(&request).await;
    let rent = w.rent_exempt(score_request_space()).await;
    assert_eq!(held, PRICE + rent);
    assert_eq!(w.lamports(&wallet).await, before - held);

    assert_eq!(
        w.status(&position).await,
        PositionStatus::Pending { request }
    );
    assert_eq!(w.account::<Vault>(&vault).await.next_nonce, 1);
    let [event] = events.as_slice() else {
        panic!("one event expected, got {events:?}")
    };
    let event: ScoreRequested = decode_event(event).unwrap();
    assert_eq!(
        (event.vault, event.position, event.request, event.nonce),
        (vault, position, request, 0)
    );
}

#[tokio::test]
async fn apply_score_flags_above_threshold_and_clears_at_or_below() {
    let w = &mut World::start().await;
    let (_, risky) = w.open_position(FEATURES).await;
    let (_, safe) = w.open_position([0.3, 0.6, 0.1, 1.0]).await;
    let risky_request = w.request_score(&risky).await;
    let safe_request = w.request_score(&safe).await;
    assert_eq!(
        w.account::<Request>(&safe_request).await.nonce,
        1,
        "each request takes the vault's next nonce"
    );

    w.fulfill(&risky_request, output(0.875)).await;
    // Exactly at the threshold is healthy: only a score above it flags.
    w.fulfill(&safe_request, output(THRESHOLD)).await;

    let vault = w.v.vault;
    let ix = cix::apply_score(&vault, &risky, &risky_request);
    let events = w.send_with_events(&[ix], &[]).await.unwrap();
    assert_eq!(
        w.status(&risky).await,
        PositionStatus::Flagged { score: 0.875 }
    );
    let event: ScoreApplied = decode_event(&events[0]).unwrap();
    assert_eq!(
        (event.position, event.request, event.score, event.flagged),
        (risky, risky_request, 0.875, true)
    );

    w.apply_score(&safe, &safe_request).await.unwrap();
    assert_eq!(
        w.status(&safe).await,
        PositionStatus::Healthy { score: THRESHOLD }
    );
}

#[tokio::test]
async fn apply_score_counts_nan_as_the_worst_score() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fulfill(&request, Payload::Inline(f32::NAN.to_le_bytes().to_vec()))
        .await;
    w.apply_score(&position, &request).await.unwrap();
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Flagged {
            score: f32::INFINITY
        }
    );
}

#[tokio::test]
async fn full_lifecycle_settle_and_reclaim_returns_rent_to_wallet() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let wallet = w.v.wallet;
    let request = w.request_score(&position).await;
    w.fulfill(&request, output(0.125)).await;
    w.apply_score(&position, &request).await.unwrap();
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Healthy { score: 0.125 }
    );

    // A settled request stays readable until reclaimed; the score was applied already.
    w.settle(&request).await;
    assert!(matches!(
        w.account::<Request>(&request).await.status,
        RequestStatus::Settled { .. }
    ));
    // Not before its callback has been delivered (a no-op here: the score was applied); anyone
    // may deliver it, and then the authority reclaims.
    assert_risk_error(w.reclaim(&request).await, RiskError::CallbackPending);
    w.deliver(&request).await.unwrap();
    let rent = w.lamports(&request).await;
    let before = w.lamports(&wallet).await;
    w.reclaim(&request).await.unwrap();
    assert!(!w.exists(&request).await, "the request is closed");
    assert_eq!(w.lamports(&wallet).await, before + rent);
    assert_eq!(
        w.lamports(&wallet).await,
        WALLET_FUNDS - PRICE,
        "one inference cost the wallet exactly the price"
    );

    // The position may be scored again.
    let again = w.request_score(&position).await;
    assert_eq!(w.account::<Request>(&again).await.nonce, 1);
}

#[tokio::test]
async fn apply_score_after_settlement() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fulfill(&request, output(0.75)).await;
    w.settle(&request).await;
    w.apply_score(&position, &request).await.unwrap();
    assert_eq!(
        w.status(&position).await,
        PositionStatus::Flagged { score: 0.75 }
    );
}

#[tokio::test]
async fn apply_score_drops_a_failed_request_and_reclaim_refunds_everything() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.fail(&request).await;

    let vault = w.v.vault;
    let ix = cix::apply_score(&vault, &position, &request);
    let events = w.send_with_events(&[ix], &[]).await.unwrap();
    assert_eq!(w.status(&position).await, PositionStatus::Unscored);
    let event: ScoreDropped = decode_event(&events[0]).unwrap();
    assert_eq!((event.position, event.request), (position, request));

    // The refund waits in the request; reclaiming it (once its callback ran) returns the price
    // and the rent: the wallet is whole.
    w.deliver(&request).await.unwrap();
    w.reclaim(&request).await.unwrap();
    let wallet = w.v.wallet;
    assert_eq!(w.lamports(&wallet).await, WALLET_FUNDS);
    // And a keeper can ask again.
    w.request_score(&position).await;
}

#[tokio::test]
async fn apply_score_drops_an_expired_request() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let request = w.request_score(&position).await;
    w.warp(TTL + 1).await;
    w.expire(&request).await;
    w.apply_score(&position, &request).await.unwrap();
    assert_eq!(w.status(&position).await, PositionStatus::Unscored);
}

/// v1: anyone could fund the address of the vault's next request (`["request", wallet,
/// next_nonce]`, known in advance) and block every later `request_score` for good.
#[tokio::test]
async fn a_prefunded_next_request_address_does_not_block_scoring() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let wallet = w.v.wallet;
    let next = inference_escrow_client::pda::request(&wallet, 0);
    const DONATION: u64 = 10_000_000;
    w.fund(&next, DONATION).await;
    let before = w.lamports(&wallet).await;
    let request = w.request_score(&position).await;
    assert_eq!(request, next);
    let rent = w.rent_exempt(score_request_space()).await;
    assert_eq!(
        w.lamports(&wallet).await,
        before - PRICE,
        "the donation covered the rent: the wallet paid only the price"
    );
    assert!(rent < DONATION);
    assert_eq!(w.lamports(&request).await, DONATION + PRICE);
    w.fulfill(&request, output(0.1)).await;
    w.apply_score(&position, &request).await.unwrap();
    assert!(matches!(
        w.status(&position).await,
        PositionStatus::Healthy { .. }
    ));
}

/// The model's owner raises its price: a keeper's `request_score` (anyone may send it) cannot
/// make the vault pay more than its own cap.
#[tokio::test]
async fn a_price_raised_above_the_vault_cap_is_refused() {
    let w = &mut World::start().await;
    let (_, position) = w.open_position(FEATURES).await;
    let owner = w.model_owner.insecure_clone();
    let model = w.model;
    let raise = inference_escrow_client::UpdateModelArgs {
        price: Some(MAX_PRICE + 1),
        ..Default::default()
    };
    w.send(
        &[inference_escrow_client::ix::update_model(
            &owner.pubkey(),
            &model,
            raise,
        )],
        &[&owner],
    )
    .await
    .unwrap();
    let wallet = w.v.wallet;
    let before = w.lamports(&wallet).await;
    assert_escrow_error(
        w.try_request_score(&position).await,
        inference_escrow_client::EscrowError::PriceAboveMax,
    );
    assert_eq!(w.lamports(&wallet).await, before, "nothing was paid");
    assert_eq!(w.status(&position).await, PositionStatus::Unscored);
}

/// Anyone can derive a borrower's position address and a vault's address in advance: funding
/// them first must not lock the borrower or the vault's authority out.
#[tokio::test]
async fn prefunded_vault_and_position_addresses_do_not_block_them() {
    let w = &mut World::start().await;
    let authority = w.wallet(SOL).await;
    let vault = vault_pda(&authority.pubkey());
    w.fund(&vault, 2_000_000).await;
    let model = w.model;
    w.send(
        &[cix::init_vault(
            &authority.pubkey(),
            &model,
            THRESHOLD,
            MAX_PRICE,
        )],
        &[&authority],
    )
    .await
    .unwrap();
    assert_eq!(
        w.account::<Vault>(&vault).await.authority,
        authority.pubkey()
    );

    let borrower = w.wallet(SOL).await;
    let position = position_pda(&vault, &borrower.pubkey());
    w.fund(&position, 2_000_000).await;
    w.send(
        &[cix::open_position(&borrower.pubkey(), &vault, &FEATURES)],
        &[&borrower],
    )
    .await
    .unwrap();
    assert_eq!(
        w.account::<risk_consumer::state::Position>(&position)
            .await
            .status,
        PositionStatus::Unscored
    );
}
