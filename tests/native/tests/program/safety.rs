//! Protocol v2, part 1: nobody can be robbed or locked. One test per attack an independent
//! review showed on v1 (each failed on v1's behaviour) and per rule of part 1, asserting the
//! exact error and that nothing moved, or, for the allowed paths, balances to the unit.

use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, AccountDeserialize,
    AccountSerialize, Space,
};
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use inference_escrow::events::RequestSettled;
use inference_escrow_client::{
    cost::RequestCost,
    ix::{self, TokenPayment},
    pda, ClaimRequestArgs, Config, CreateRequestArgs, Earnings, EscrowError, Model, Oracle,
    Request, RequestStatus, UpdateModelArgs,
};
use inference_escrow_tests::*;
use inference_escrow_tests::{sol_world as world, SolWorld as World};
use solana_keypair::Keypair;
use solana_signer::Signer;
use spl_token_2022::extension::ExtensionType;

// ---- rule 1: no fault, no slash ---------------------------------------------------------------

/// v1: a request with a one-slot ttl, claimed in its last slot, could not be fulfilled and
/// slashed its claimer. Now the ttl has a floor and a claim needs `min_fulfil_slots` left.
#[tokio::test]
async fn error_claim_too_close_to_the_deadline() {
    let w = &mut world().await;
    let one_slot = CreateRequestArgs {
        ttl_slots: 1,
        ..request_args(1)
    };
    let ix = ix::create_request(&w.requester.pubkey(), &w.model, one_slot);
    assert_escrow_error(
        w.env.send(&[ix], &[&w.requester]).await,
        EscrowError::InvalidTtl,
    );

    let first = w.request(2).await;
    let second = w.request(3).await;
    let warp_to = |deadline: u64, remaining: u64| deadline - remaining;
    // Claimable while exactly MIN_FULFIL_SLOTS remain ...
    let deadline = w.env.account::<Request>(&first).await.deadline_slot;
    let slot = w.env.slot().await;
    w.env.warp(warp_to(deadline, MIN_FULFIL_SLOTS) - slot).await;
    w.env.claim(&w.oracle, &first).await.unwrap();
    // ... and not once fewer do.
    let deadline = w.env.account::<Request>(&second).await.deadline_slot;
    let slot = w.env.slot().await;
    w.env
        .warp(
            (warp_to(deadline, MIN_FULFIL_SLOTS - 1))
                .saturating_sub(slot)
                .max(1),
        )
        .await;
    let before = w.oracle_state().await;
    assert_escrow_error(
        w.env.claim(&w.oracle, &second).await,
        EscrowError::TooLateToClaim,
    );
    assert_eq!(
        w.env.account::<Request>(&second).await.status,
        RequestStatus::Open
    );
    let after = w.oracle_state().await;
    assert_eq!(
        (after.bonded, after.open_requests),
        (before.bonded, before.open_requests),
        "nothing was locked"
    );
    // The first is fulfilled in the slots it had; the second simply expires, nobody slashed.
    w.env.fulfill(&w.oracle, &first, output(0.5)).await.unwrap();
    w.env.warp(MIN_FULFIL_SLOTS + 1).await;
    w.env.expire(&second).await.unwrap();
    assert_eq!(w.oracle_state().await.slashes, 0);
}

/// v1: the requester closed the request and re-created it at the same address, for another
/// model, while the oracle's claim was in flight; the oracle claimed a request it never decided
/// on. Now the claim names the terms it decided on.
#[tokio::test]
async fn error_claim_of_a_request_recreated_at_the_same_address() {
    let w = &mut world().await;
    let request = w.request(1).await;
    let seen: Request = w.env.account(&request).await;
    let in_flight = ix::claim_request(&w.oracle.key(), &request, &seen);

    // Cancelled and re-created at the same (requester, nonce) for another model.
    let keys = w.env.request_keys(&request).await;
    w.env
        .send(&[ix::cancel_request(&keys)], &[&w.requester])
        .await
        .unwrap();
    let other_owner = w.env.wallet(SOL).await;
    let other_model = w.env.register_model(&other_owner, 2, None).await;
    w.env.create_request(&w.requester, &other_model, 1).await;
    assert_escrow_error(
        w.env.send(&[in_flight], &[&w.oracle.authority]).await,
        EscrowError::ClaimTermsMismatch,
    );
    let now: Request = w.env.account(&request).await;
    assert_eq!(now.status, RequestStatus::Open, "nothing moved");
    assert_eq!(w.oracle_state().await.bonded, 0);

    // Each term is bound on its own: the input, the price, the deadline.
    let terms = ClaimRequestArgs::of(&now);
    for wrong in [
        ClaimRequestArgs {
            input_hash: [7; 32],
            ..terms
        },
        ClaimRequestArgs {
            price: terms.price + 1,
            ..terms
        },
        ClaimRequestArgs {
            deadline_slot: terms.deadline_slot + 1,
            ..terms
        },
        ClaimRequestArgs {
            model: w.model,
            ..terms
        },
    ] {
        let ix = ix::claim_request_with_terms(&w.oracle.key(), &request, &now, wrong);
        assert_escrow_error(
            w.env.send(&[ix], &[&w.oracle.authority]).await,
            EscrowError::ClaimTermsMismatch,
        );
    }
    w.env.claim(&w.oracle, &request).await.unwrap();
}

/// v1: the requester emptied its wallet so that the small SOL refund of a signed failure fell
/// below rent, making `fail_request` impossible and the oracle a no-show. Now a failure moves
/// nothing: the refund waits in the request.
#[tokio::test]
async fn failure_cannot_be_blocked_by_an_empty_requester_wallet() {
    let w = &mut world().await;
    let request = w.claimed(1).await;
    let everything = w.env.lamports(&w.requester.pubkey()).await;
    let drain = solana_system_interface::instruction::transfer(
        &w.requester.pubkey(),
        &Keypair::new().pubkey(),
        everything,
    );
    w.env.send(&[drain], &[&w.requester]).await.unwrap();
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, 0);

    w.env.fail(&w.oracle, &request, "cannot run").await.unwrap();
    let oracle = w.oracle_state().await;
    assert_eq!((oracle.stake, oracle.bonded, oracle.slashes), (STAKE, 0, 0));
    let held = w.env.lamports(&request).await;
    w.env.close(&w.requester, &request).await.unwrap();
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        held,
        "the empty wallet receives the refund and the rent"
    );
}

/// v1: the requester closed its token account so the SPL refund of a signed failure failed.
#[tokio::test]
async fn failure_cannot_be_blocked_by_a_closed_requester_token_account() {
    let s = &mut spl_world(spl_token::ID).await;
    let request = s.request(1).await;
    s.w.env.claim(&s.w.oracle, &request).await.unwrap();
    // The requester empties and closes its token account.
    let requester = s.w.requester.insecure_clone();
    let account = s.token.account_of(&requester.pubkey());
    let balance = s.w.env.token_balance(&account).await;
    let sink =
        s.w.env
            .token_account(&Keypair::new().pubkey(), s.token)
            .await;
    let ixs = [
        spl_token_2022::instruction::transfer_checked(
            &s.token.token_program,
            &account,
            &s.token.mint,
            &sink,
            &requester.pubkey(),
            &[],
            balance,
            6,
        )
        .unwrap(),
        spl_token_2022::instruction::close_account(
            &s.token.token_program,
            &account,
            &requester.pubkey(),
            &requester.pubkey(),
            &[],
        )
        .unwrap(),
    ];
    s.w.env.send(&ixs, &[&requester]).await.unwrap();
    assert!(!s.w.env.exists(&account).await);

    s.w.env
        .fail(&s.w.oracle, &request, "cannot run")
        .await
        .unwrap();
    assert_eq!(s.w.oracle_state().await.bonded, 0);
    // The requester collects once it has a token account again.
    s.w.env.token_account(&requester.pubkey(), s.token).await;
    s.w.env.close(&requester, &request).await.unwrap();
    assert_eq!(s.w.env.token_balance(&account).await, PRICE);
}

/// v1 escrowed the model's price as it stood when the request landed: an owner could raise it
/// in front of a requester's transaction. The requester now names the most it pays.
#[tokio::test]
async fn error_request_above_the_price_the_requester_agreed_to() {
    let w = &mut world().await;
    let owner = w.owner.insecure_clone();
    let raise = UpdateModelArgs {
        price: Some(PRICE * 100),
        ..Default::default()
    };
    w.env
        .send(
            &[ix::update_model(&owner.pubkey(), &w.model, raise)],
            &[&owner],
        )
        .await
        .unwrap();
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let ix = ix::create_request(&w.requester.pubkey(), &w.model, request_args(1));
    assert_escrow_error(
        w.env.send(&[ix], &[&w.requester]).await,
        EscrowError::PriceAboveMax,
    );
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before);
    assert!(!w.env.exists(&pda::request(&w.requester.pubkey(), 1)).await);
    // At the new price, named by the requester, it goes through.
    let agreed = CreateRequestArgs {
        max_price: PRICE * 100,
        challenger: None,
        ..request_args(1)
    };
    let ix = ix::create_request(&w.requester.pubkey(), &w.model, agreed);
    w.env.send(&[ix], &[&w.requester]).await.unwrap();
}

// ---- rule 2: no profit from someone else's slash --------------------------------------------

/// v1 paid a share of the oracle's whole stake to the requester on a no-show, so provoking
/// one was profitable. Now only the request's bond is taken, and it goes to the treasury.
#[tokio::test]
async fn a_slash_takes_the_bond_and_pays_the_treasury_not_the_requester() {
    let w = &mut world().await;
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.claimed(1).await;
    let second = w.claimed(2).await;
    w.env
        .fulfill(&w.oracle, &second, output(0.5))
        .await
        .unwrap();
    w.env.warp(TTL + 1).await;
    w.env.expire(&request).await.unwrap();
    let oracle = w.oracle_state().await;
    assert_eq!(
        (oracle.stake, oracle.bonded, oracle.total_slashed),
        (STAKE - BOND, BOND, BOND),
        "one bond taken; the bond of the fulfilled request stays locked, untouched"
    );
    w.env.close(&w.requester, &request).await.unwrap();
    let held = w.env.lamports(&second).await;
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        before - held,
        "the requester got exactly its first request's escrow and rent back"
    );
    let config: Config = w.env.account(&pda::config()).await;
    assert_eq!(config.slashed_owed, BOND);
}

// ---- rule 3: ending an obligation never depends on a counterparty's account ----------------

/// v1: a model owner whose wallet was empty could not receive a royalty below rent, so the
/// request never settled and the oracle's stake stayed locked. Now settlement credits the
/// royalty; the owner collects once its wallet can hold it.
#[tokio::test]
async fn payee_below_rent_delays_only_its_own_payout() {
    let w = &mut world().await;
    let everything = w.env.lamports(&w.owner.pubkey()).await;
    let drain = solana_system_interface::instruction::transfer(
        &w.owner.pubkey(),
        &Keypair::new().pubkey(),
        everything,
    );
    w.env.send(&[drain], &[&w.owner]).await.unwrap();
    let request = w.fulfilled(1).await;
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    w.env.close(&w.requester, &request).await.unwrap();

    let royalty = PRICE * ROYALTY_BPS as u64 / 10_000;
    let owner = w.owner.pubkey();
    let collect = ix::collect_royalty(&w.model, &owner, None);
    assert_escrow_error(
        w.env.send(std::slice::from_ref(&collect), &[]).await,
        EscrowError::PayeeCannotReceive,
    );
    assert_eq!(w.env.account::<Model>(&w.model).await.royalty_owed, royalty);
    // The oracle's own fees and stake are not held up.
    w.env
        .send(&[ix::collect_oracle_fees(&w.oracle.key())], &[])
        .await
        .unwrap();
    let authority = w.oracle.authority.insecure_clone();
    w.env
        .send(&[ix::begin_unbonding(&authority.pubkey())], &[&authority])
        .await
        .unwrap();
    w.env.warp(51).await;
    w.env
        .send(&[ix::withdraw_stake(&authority.pubkey())], &[&authority])
        .await
        .unwrap();
    // Funded, the owner collects.
    w.env.fund(&owner, SOL).await;
    w.env.send(&[collect], &[]).await.unwrap();
    assert_eq!(w.env.lamports(&owner).await, SOL + royalty);
}

#[tokio::test]
async fn error_collect_to_a_payee_other_than_the_recorded_one() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    let thief = w.env.wallet(SOL).await.pubkey();
    let treasury = w.env.treasury.pubkey();
    for ix in [
        ix::collect_royalty(&w.model, &thief, None),
        ix::collect_protocol_fees(&w.model, &thief, None),
        swap_account(
            ix::collect_oracle_fees(&w.oracle.key()),
            &w.oracle.key(),
            &thief,
        ),
        ix::collect_slashes(&thief),
    ] {
        assert_escrow_error(w.env.send(&[ix], &[]).await, EscrowError::AccountMismatch);
    }
    assert_eq!(w.env.lamports(&thief).await, SOL);
    assert_escrow_error(
        w.env.send(&[ix::collect_slashes(&treasury)], &[]).await,
        EscrowError::NothingOwed,
    );
}

/// v1: `royalties_earned` overflowing blocked every settlement of the model. It is a
/// statistic now and saturates; owed balances are bounded by the tokens that exist.
#[tokio::test]
async fn an_overflowing_statistic_does_not_block_settlement() {
    let w = &mut world().await;
    let request = w.fulfilled(1).await;
    let mut account = w
        .env
        .ctx
        .banks_client
        .get_account(w.model)
        .await
        .unwrap()
        .unwrap();
    let mut model = Model::try_deserialize(&mut &account.data[..]).unwrap();
    model.royalties_earned = u64::MAX - 1;
    model.requests_settled = u64::MAX;
    let mut data = Vec::new();
    model.try_serialize(&mut data).unwrap();
    account.data[..data.len()].copy_from_slice(&data);
    w.env.ctx.set_account(&w.model, &account.into());

    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    let model: Model = w.env.account(&w.model).await;
    assert_eq!(
        (model.royalties_earned, model.requests_settled),
        (u64::MAX, u64::MAX)
    );
    assert_eq!(model.royalty_owed, PRICE * ROYALTY_BPS as u64 / 10_000);
}

// ---- rule 4: hostile mints are refused at registration ------------------------------------

/// A Token-2022 mint with one extension, initialized by `init`.
async fn mint_with(
    env: &mut Env,
    extension: ExtensionType,
    init: impl FnOnce(&Pubkey) -> Vec<Instruction>,
) -> TokenPayment {
    env.create_mint_2022_like(spl_token_2022::ID, &[extension], init, None)
        .await
}

#[tokio::test]
async fn error_hostile_token_2022_mints_are_refused() {
    use spl_token_2022::extension::{default_account_state, pausable, transfer_fee, transfer_hook};
    let env = &mut Env::start().await;
    let owner = env.wallet(5 * SOL).await;
    let authority = Keypair::new().pubkey();
    let program = spl_token_2022::ID;
    let cases: Vec<(TokenPayment, EscrowError)> = vec![
        (
            // A fee of zero today can be raised after requests escrowed.
            mint_with(env, ExtensionType::TransferFeeConfig, |mint| {
                vec![transfer_fee::instruction::initialize_transfer_fee_config(
                    &program,
                    mint,
                    Some(&authority),
                    Some(&authority),
                    0,
                    0,
                )
                .unwrap()]
            })
            .await,
            EscrowError::MintHasTransferFee,
        ),
        (
            // A mint whose supply reaches zero could be closed and re-created at the same
            // address with other extensions, or under the other token program.
            mint_with(env, ExtensionType::MintCloseAuthority, |mint| {
                vec![
                    spl_token_2022::instruction::initialize_mint_close_authority(
                        &program,
                        mint,
                        Some(&authority),
                    )
                    .unwrap(),
                ]
            })
            .await,
            EscrowError::MintHasCloseAuthority,
        ),
        (
            mint_with(env, ExtensionType::PermanentDelegate, |mint| {
                vec![spl_token_2022::instruction::initialize_permanent_delegate(
                    &program, mint, &authority,
                )
                .unwrap()]
            })
            .await,
            EscrowError::MintHasPermanentDelegate,
        ),
        (
            mint_with(env, ExtensionType::TransferHook, |mint| {
                vec![
                    transfer_hook::instruction::initialize(&program, mint, Some(authority), None)
                        .unwrap(),
                ]
            })
            .await,
            EscrowError::MintHasTransferHook,
        ),
        (
            mint_with(env, ExtensionType::Pausable, |mint| {
                vec![pausable::instruction::initialize(&program, mint, &authority).unwrap()]
            })
            .await,
            EscrowError::MintIsPausable,
        ),
        (
            mint_with(env, ExtensionType::NonTransferable, |mint| {
                vec![
                    spl_token_2022::instruction::initialize_non_transferable_mint(&program, mint)
                        .unwrap(),
                ]
            })
            .await,
            EscrowError::MintIsNonTransferable,
        ),
        (
            mint_with(env, ExtensionType::DefaultAccountState, |mint| {
                vec![
                    default_account_state::instruction::initialize_default_account_state(
                        &program,
                        mint,
                        &spl_token_2022::state::AccountState::Initialized,
                    )
                    .unwrap(),
                ]
            })
            .await,
            EscrowError::MintHasDefaultAccountState,
        ),
        (
            mint_with(env, ExtensionType::ConfidentialTransferMint, |mint| {
                vec![
                    spl_token_2022::extension::confidential_transfer::instruction::initialize_mint(
                        &program,
                        mint,
                        Some(authority),
                        true,
                        None,
                    )
                    .unwrap(),
                ]
            })
            .await,
            EscrowError::MintHasConfidentialTransfers,
        ),
    ];
    for (id, (token, expected)) in cases.into_iter().enumerate() {
        let ix = ix::register_model(&owner.pubkey(), model_args(id as u8 + 1), Some(token));
        assert_escrow_error(env.send(&[ix], &[&owner]).await, expected);
        let model = pda::model(&owner.pubkey(), &[id as u8 + 1; 32]);
        assert!(!env.exists(&model).await && !env.exists(&pda::fee_vault(&model)).await);
    }
}

/// An extension outside the allow-list (here an account-only one, written into a mint by hand:
/// Token-2022 itself cannot make such a mint today) is refused rather than trusted, so an
/// extension added to Token-2022 later is refused until reviewed.
#[tokio::test]
async fn error_mint_with_an_extension_outside_the_allow_list() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let token = env.create_mint(spl_token_2022::ID, 6).await;
    let mut account = env
        .ctx
        .banks_client
        .get_account(token.mint)
        .await
        .unwrap()
        .unwrap();
    // The base mint (82 bytes), padding to 165, the account type (mint), one TLV entry.
    account.data.resize(165 + 1 + 4, 0);
    account.data[165] = 1;
    let immutable_owner = ExtensionType::ImmutableOwner as u16;
    account.data[166..168].copy_from_slice(&immutable_owner.to_le_bytes());
    account.lamports = env.rent_exempt(account.data.len()).await;
    env.ctx.set_account(&token.mint, &account.into());
    let ix = ix::register_model(&owner.pubkey(), model_args(1), Some(token));
    assert_escrow_error(
        env.send(&[ix], &[&owner]).await,
        EscrowError::MintExtensionNotAllowed,
    );
}

#[tokio::test]
async fn descriptive_token_2022_extensions_are_accepted() {
    use spl_token_2022::extension::metadata_pointer;
    let env = &mut Env::start().await;
    let owner = env.wallet(5 * SOL).await;
    let program = spl_token_2022::ID;
    let authority = owner.pubkey();
    let token = env
        .create_mint_2022_like(
            program,
            &[
                ExtensionType::MetadataPointer,
                ExtensionType::InterestBearingConfig,
            ],
            |mint| {
                vec![
                    metadata_pointer::instruction::initialize(
                        &program,
                        mint,
                        Some(authority),
                        None,
                    )
                    .unwrap(),
                    spl_token_2022::extension::interest_bearing_mint::instruction::initialize(
                        &program,
                        mint,
                        Some(authority),
                        0,
                    )
                    .unwrap(),
                ]
            },
            None,
        )
        .await;
    let model = env.register_model(&owner, 1, Some(token)).await;
    let requester = env.wallet(SOL).await;
    env.mint_to(&requester.pubkey(), token, PRICE).await;
    let ix = ix::create_request_token(&requester.pubkey(), &model, token, request_args(1));
    env.send(&[ix], &[&requester]).await.unwrap();
    let vault = pda::vault(&pda::request(&requester.pubkey(), 1));
    assert_eq!(env.token_balance(&vault).await, PRICE);
}

/// An SPL world whose mint has a freeze authority (the bank's payer), as USDC does.
struct SplWorld {
    w: World,
    token: TokenPayment,
    model: Pubkey,
}

async fn spl_world(token_program: Pubkey) -> SplWorld {
    let mut w = world().await;
    let token = w.env.create_freezable_mint(token_program).await;
    let owner = w.owner.insecure_clone();
    let model = w.env.register_model(&owner, 9, Some(token)).await;
    w.env
        .mint_to(&w.requester.pubkey(), token, 10 * PRICE)
        .await;
    SplWorld { w, token, model }
}

impl SplWorld {
    async fn request(&mut self, nonce: u64) -> Pubkey {
        let ix = ix::create_request_token(
            &self.w.requester.pubkey(),
            &self.model,
            self.token,
            request_args(nonce),
        );
        let requester = self.w.requester.insecure_clone();
        self.w.env.send(&[ix], &[&requester]).await.unwrap();
        pda::request(&requester.pubkey(), nonce)
    }

    async fn fulfilled(&mut self, nonce: u64) -> Pubkey {
        let request = self.request(nonce).await;
        self.w.env.claim(&self.w.oracle, &request).await.unwrap();
        self.w
            .env
            .fulfill(&self.w.oracle, &request, output(0.5))
            .await
            .unwrap();
        request
    }
}

/// v1: a mint's freeze authority freezing the request's vault blocked settlement for good, and
/// with it the oracle's withdrawal. Now a frozen vault delays that request's token payout and
/// nothing else.
#[tokio::test]
async fn frozen_vault_delays_only_that_requests_token_payout() {
    let s = &mut spl_world(spl_token::ID).await;
    let request = s.fulfilled(1).await;
    let vault = pda::vault(&request);
    s.w.env.set_frozen(&vault, s.token, true).await;
    s.w.env.warp(31).await;
    let keys = s.w.env.request_keys(&request).await;
    let events =
        s.w.env
            .send_with_events(&[ix::settle_request(&keys, &s.w.oracle.key())], &[])
            .await
            .unwrap();
    let settled: RequestSettled = decode_event(&events[0]).unwrap();
    assert!(settled.deferred);
    let oracle = s.w.oracle_state().await;
    assert_eq!(
        (oracle.bonded, oracle.open_requests),
        (0, 0),
        "the oracle is free"
    );
    let state: Request = s.w.env.account(&request).await;
    assert!(matches!(state.status, RequestStatus::Settled { .. }));
    assert_eq!(state.escrow, PRICE, "the tokens wait in the frozen vault");
    let model: Model = s.w.env.account(&s.model).await;
    assert_eq!((model.royalty_owed, model.oracle_fees_owed), (0, 0));

    let requester = s.w.requester.insecure_clone();
    assert_escrow_error(
        s.w.env.close(&requester, &request).await,
        EscrowError::PayoutPending,
    );
    let release = ix::release_payout(&keys, &s.w.oracle.pda()).unwrap();
    assert_escrow_error(
        s.w.env.send(std::slice::from_ref(&release), &[]).await,
        EscrowError::TokenAccountFrozen,
    );
    // Other requests of the model are unaffected.
    let other = s.fulfilled(2).await;
    s.w.env.warp(31).await;
    s.w.env.settle(&other, &s.w.oracle.key()).await.unwrap();
    s.w.env.close(&requester, &other).await.unwrap();

    // The oracle leaves meanwhile: nothing it held waits on the frozen vault.
    let authority = s.w.oracle.authority.insecure_clone();
    s.w.env
        .send(&[ix::begin_unbonding(&authority.pubkey())], &[&authority])
        .await
        .unwrap();
    s.w.env.warp(51).await;
    s.w.env
        .send(&[ix::withdraw_stake(&authority.pubkey())], &[&authority])
        .await
        .unwrap();
    assert!(!s.w.env.exists(&s.w.oracle.pda()).await);

    // Thawed, anyone releases the payout (the Oracle account is gone; its earnings are not);
    // then the requester closes.
    s.w.env.set_frozen(&vault, s.token, false).await;
    s.w.env
        .send(std::slice::from_ref(&release), &[])
        .await
        .unwrap();
    let (protocol, royalty) = (
        PRICE * PROTOCOL_FEE_BPS as u64 / 10_000,
        PRICE * ROYALTY_BPS as u64 / 10_000,
    );
    let model: Model = s.w.env.account(&s.model).await;
    assert_eq!(
        (model.royalty_owed, model.protocol_fee_owed),
        (2 * royalty, 2 * protocol)
    );
    let earnings: Earnings =
        s.w.env
            .account(&pda::earnings(&s.model, &s.w.oracle.pda()))
            .await;
    assert_eq!(earnings.owed, 2 * (PRICE - protocol - royalty));
    assert_eq!(
        s.w.env.token_balance(&pda::fee_vault(&s.model)).await,
        2 * PRICE
    );
    assert_escrow_error(
        s.w.env.send(&[release], &[]).await,
        EscrowError::PayoutNotPending,
    );
    s.w.env.close(&requester, &request).await.unwrap();
}

#[tokio::test]
async fn frozen_fee_vault_defers_settlement_and_delays_collection() {
    let s = &mut spl_world(spl_token::ID).await;
    let request = s.fulfilled(1).await;
    let fee_vault = pda::fee_vault(&s.model);
    s.w.env.set_frozen(&fee_vault, s.token, true).await;
    s.w.env.warp(31).await;
    s.w.env.settle(&request, &s.w.oracle.key()).await.unwrap();
    assert_eq!(s.w.oracle_state().await.bonded, 0);
    assert_eq!(s.w.env.token_balance(&pda::vault(&request)).await, PRICE);
    s.w.env.set_frozen(&fee_vault, s.token, false).await;
    let keys = s.w.env.request_keys(&request).await;
    s.w.env
        .send(
            &[ix::release_payout(&keys, &s.w.oracle.pda()).unwrap()],
            &[],
        )
        .await
        .unwrap();
    // Frozen again: collections wait, with a clear error; nothing moves.
    s.w.env.set_frozen(&fee_vault, s.token, true).await;
    let owner = s.w.owner.pubkey();
    s.w.env.token_account(&owner, s.token).await;
    assert_escrow_error(
        s.w.env
            .send(&[ix::collect_royalty(&s.model, &owner, Some(s.token))], &[])
            .await,
        EscrowError::TokenAccountFrozen,
    );
    assert_eq!(s.w.env.token_balance(&fee_vault).await, PRICE);
}

#[tokio::test]
async fn frozen_vault_of_an_open_request_delays_its_refund_only() {
    let s = &mut spl_world(spl_token::ID).await;
    let request = s.request(1).await;
    let vault = pda::vault(&request);
    s.w.env.set_frozen(&vault, s.token, true).await;
    let keys = s.w.env.request_keys(&request).await;
    let requester = s.w.requester.insecure_clone();
    assert_escrow_error(
        s.w.env
            .send(&[ix::cancel_request(&keys)], &[&requester])
            .await,
        EscrowError::TokenAccountFrozen,
    );
    // The request can still be served, or expire, normally.
    s.w.env.claim(&s.w.oracle, &request).await.unwrap();
    s.w.env
        .fail(&s.w.oracle, &request, "cannot run")
        .await
        .unwrap();
    assert_eq!(s.w.oracle_state().await.bonded, 0);
    s.w.env.set_frozen(&vault, s.token, false).await;
    s.w.env.close(&requester, &request).await.unwrap();
    assert_eq!(
        s.w.env
            .token_balance(&s.token.account_of(&requester.pubkey()))
            .await,
        10 * PRICE
    );
}

/// v1: a treasury whose token account requires memos made every SPL settlement fail.
#[tokio::test]
async fn memo_required_treasury_account_delays_only_the_treasury() {
    let s = &mut spl_world(spl_token_2022::ID).await;
    let treasury = s.w.env.treasury.insecure_clone();
    let memo_account = s.w.env.memo_required_account(&treasury, s.token).await;
    let request = s.fulfilled(1).await;
    s.w.env.warp(31).await;
    s.w.env.settle(&request, &s.w.oracle.key()).await.unwrap();
    let requester = s.w.requester.insecure_clone();
    s.w.env.close(&requester, &request).await.unwrap();
    s.w.env.token_account(&s.w.oracle.key(), s.token).await;
    s.w.env
        .send(
            &[ix::collect_earnings(&s.model, &s.w.oracle.key(), s.token)],
            &[],
        )
        .await
        .unwrap();
    let collect = swap_account(
        ix::collect_protocol_fees(&s.model, &treasury.pubkey(), Some(s.token)),
        &s.token.account_of(&treasury.pubkey()),
        &memo_account,
    );
    assert!(
        s.w.env.send(&[collect], &[]).await.is_err(),
        "the token program wants a memo"
    );
    let protocol = PRICE * PROTOCOL_FEE_BPS as u64 / 10_000;
    assert_eq!(
        s.w.env.account::<Model>(&s.model).await.protocol_fee_owed,
        protocol
    );
    // Into a plain account of the treasury, it goes through.
    s.w.env.token_account(&treasury.pubkey(), s.token).await;
    s.w.env
        .send(
            &[ix::collect_protocol_fees(
                &s.model,
                &treasury.pubkey(),
                Some(s.token),
            )],
            &[],
        )
        .await
        .unwrap();
    assert_eq!(
        s.w.env
            .token_balance(&s.token.account_of(&treasury.pubkey()))
            .await,
        protocol
    );
}

// ---- rule 7: pre-funded addresses --------------------------------------------------------

/// v1 (Anchor 1.2's `init`): anyone could block every account creation at an address they
/// funded first. Every PDA the program creates is funded in advance here, and still created.
#[tokio::test]
async fn every_pda_can_be_created_at_a_prefunded_address() {
    let mut env = Env::bare().await;
    env.fund(&pda::config(), SOL / 100).await;
    let params = config_params(env.treasury.pubkey());
    env.initialize_config(params).await.unwrap();
    assert_eq!(env.owner_of(&pda::config()).await, inference_escrow::ID);

    let owner = env.wallet(SOL).await;
    let sol_model = pda::model(&owner.pubkey(), &[1; 32]);
    env.fund(&sol_model, 1_000_000).await;
    env.register_model(&owner, 1, None).await;

    let token = env.create_mint(spl_token::ID, 6).await;
    let spl_model = pda::model(&owner.pubkey(), &[2; 32]);
    env.fund(&spl_model, 1_000_000).await;
    env.fund(&pda::fee_vault(&spl_model), 1_000_000).await;
    env.register_model(&owner, 2, Some(token)).await;
    assert_eq!(
        env.owner_of(&pda::fee_vault(&spl_model)).await,
        spl_token::ID
    );

    let operator = env.wallet(STAKE + SOL).await;
    let attestation = Keypair::new();
    env.fund(&pda::oracle(&operator.pubkey()), 1_000_000).await;
    let register = ix::register_oracle(&operator.pubkey(), &attestation.pubkey(), STAKE);
    env.send(&[register], &[&operator, &attestation])
        .await
        .unwrap();
    let oracle = TestOracle {
        authority: operator,
        attestation,
    };

    let requester = env.wallet(SOL).await;
    let sol_request = pda::request(&requester.pubkey(), 1);
    env.fund(&sol_request, 1_000_000).await;
    env.create_request(&requester, &sol_model, 1).await;

    env.mint_to(&requester.pubkey(), token, PRICE).await;
    let spl_request = pda::request(&requester.pubkey(), 2);
    env.fund(&spl_request, 1_000_000).await;
    env.fund(&pda::vault(&spl_request), 1_000_000).await;
    let ix = ix::create_request_token(&requester.pubkey(), &spl_model, token, request_args(2));
    env.send(&[ix], &[&requester]).await.unwrap();
    assert_eq!(env.token_balance(&pda::vault(&spl_request)).await, PRICE);

    let earnings = pda::earnings(&spl_model, &oracle.pda());
    env.fund(&earnings, 1_000_000).await;
    env.claim(&oracle, &spl_request).await.unwrap();
    let state: Earnings = env.account(&earnings).await;
    assert_eq!((state.model, state.oracle), (spl_model, oracle.pda()));
    env.claim(&oracle, &sol_request).await.unwrap();
    env.fulfill(&oracle, &sol_request, output(0.5))
        .await
        .unwrap();
}

#[tokio::test]
async fn error_creating_over_an_existing_account() {
    let w = &mut world().await;
    let owner = w.owner.insecure_clone();
    let again = ix::register_model(&owner.pubkey(), model_args(1), None);
    assert_escrow_error(
        w.env.send(&[again], &[&owner]).await,
        EscrowError::AccountAlreadyExists,
    );
    w.request(1).await;
    let again = ix::create_request(&w.requester.pubkey(), &w.model, request_args(1));
    let before = w.env.lamports(&w.requester.pubkey()).await;
    assert_escrow_error(
        w.env.send(&[again], &[&w.requester]).await,
        EscrowError::AccountAlreadyExists,
    );
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before);
}

// ---- rule 8: rent follows the output ----------------------------------------------------

/// v1 reserved 1,024 output bytes (and at least 200) whatever the model returned, locking
/// about ten times a cheap request's price in rent. Now the reservation is the model's output
/// size, and the client shows the cost before the requester pays.
#[tokio::test]
async fn rent_follows_the_output_and_is_shown_before_paying() {
    let w = &mut world().await;
    let model: Model = w.env.account(&w.model).await;
    let config: Config = w.env.account(&pda::config()).await;
    let rent = w.env.ctx.banks_client.get_rent().await.unwrap();
    let cost = RequestCost::of(&input(), &model, &config, &rent);
    let before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.request(1).await;
    assert_eq!(
        before - w.env.lamports(&w.requester.pubkey()).await,
        cost.lamports(true),
        "the requester paid exactly what the client showed"
    );
    let len = w
        .env
        .ctx
        .banks_client
        .get_account(request)
        .await
        .unwrap()
        .unwrap()
        .data
        .len();
    assert_eq!(len, cost.space);
    assert_eq!(
        len,
        Request::space(4 + 1 + 16, 4, 1),
        "four output bytes reserved for a one-score model"
    );
    assert!(
        cost.rent < rent.minimum_balance(Request::space(4 + 1 + 16, 1_024, 1)) / 2,
        "the v1 reservation cost over twice as much"
    );
    // Closing returns all of it.
    w.env.claim(&w.oracle, &request).await.unwrap();
    w.env.fail(&w.oracle, &request, "x").await.unwrap();
    w.env.close(&w.requester, &request).await.unwrap();
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, before);
}

// ---- the oracle's stake can always come back --------------------------------------------

/// Price changes, deactivation and a pause cannot keep an oracle's bond locked: everything it
/// holds can end, and then it withdraws.
#[tokio::test]
async fn an_oracle_can_always_end_its_obligations_and_withdraw() {
    let w = &mut world().await;
    let settled = w.fulfilled(1).await;
    let failed = w.claimed(2).await;
    let expired = w.claimed(3).await;
    let owner = w.owner.insecure_clone();
    let off = UpdateModelArgs {
        active: Some(false),
        price: Some(1),
        ..Default::default()
    };
    w.env
        .send(
            &[ix::update_model(&owner.pubkey(), &w.model, off)],
            &[&owner],
        )
        .await
        .unwrap();
    let admin = w.env.admin.insecure_clone();
    w.env
        .send(&[ix::set_paused(&admin.pubkey(), true)], &[&admin])
        .await
        .unwrap();
    w.env.fail(&w.oracle, &failed, "x").await.unwrap();
    let authority = w.oracle.authority.insecure_clone();
    w.env
        .send(&[ix::begin_unbonding(&authority.pubkey())], &[&authority])
        .await
        .unwrap();
    w.env.warp(TTL + 1).await;
    w.env.settle(&settled, &w.oracle.key()).await.unwrap();
    w.env.expire(&expired).await.unwrap();
    let oracle = w.oracle_state().await;
    assert_eq!((oracle.open_requests, oracle.bonded), (0, 0));
    let fees = oracle.fees_owed;
    let wallet = w.env.lamports(&authority.pubkey()).await;
    w.env
        .send(&[ix::withdraw_stake(&authority.pubkey())], &[&authority])
        .await
        .unwrap();
    let rent = w.env.rent_exempt(8 + Oracle::INIT_SPACE).await;
    assert_eq!(
        w.env.lamports(&authority.pubkey()).await,
        wallet + STAKE - BOND + fees + rent,
        "stake less the one no-show's bond, fees and rent"
    );
}
