//! The request lifecycle paid in an SPL token, under both SPL Token and Token-2022: escrow in
//! a vault owned by the request, payouts and refunds with `transfer_checked`, to the token unit.

use anchor_lang::{prelude::Pubkey, solana_program::instruction::AccountMeta};
use anchor_spl::{token::spl_token, token_2022::spl_token_2022};
use inference_escrow_client::{
    ix::{self, RequestKeys, TokenPayment},
    pda, Config, Earnings, EscrowError, Model, Oracle, Request, RequestStatus,
};
use inference_escrow_tests::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

const FUNDS: u64 = 10 * PRICE;

/// A config, an SPL-paid model, one oracle, a requester holding tokens, and every payee's
/// token account (payees need one only to collect, never for a request to end).
struct World {
    env: Env,
    token: TokenPayment,
    owner: Keypair,
    model: Pubkey,
    oracle: TestOracle,
    requester: Keypair,
}

async fn world(token_program: Pubkey) -> World {
    let mut env = Env::start().await;
    let token = env.create_mint(token_program, 6).await;
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, Some(token)).await;
    let oracle = env.register_oracle(STAKE).await;
    let requester = env.wallet(5 * SOL).await;
    env.mint_to(&requester.pubkey(), token, FUNDS).await;
    for payee in [owner.pubkey(), oracle.key(), env.treasury.pubkey()] {
        env.token_account(&payee, token).await;
    }
    World {
        env,
        token,
        owner,
        model,
        oracle,
        requester,
    }
}

impl World {
    async fn request(&mut self, nonce: u64) -> Pubkey {
        let ix = ix::create_request_token(
            &self.requester.pubkey(),
            &self.model,
            self.token,
            request_args(nonce),
        );
        let requester = self.requester.insecure_clone();
        self.env
            .send(&[ix], &[&requester])
            .await
            .expect("create_request_token");
        pda::request(&self.requester.pubkey(), nonce)
    }

    async fn fulfilled(&mut self, nonce: u64) -> Pubkey {
        let request = self.request(nonce).await;
        self.env.claim(&self.oracle, &request).await.unwrap();
        self.env
            .fulfill(&self.oracle, &request, output(0.5))
            .await
            .unwrap();
        request
    }

    async fn tokens(&mut self, owner: &Pubkey) -> u64 {
        let account = self.token.account_of(owner);
        self.env.token_balance(&account).await
    }

    /// Collects every owed balance of the model (royalty, protocol fees, the oracle's earnings)
    /// into the payees' token accounts.
    async fn collect_all(&mut self) {
        let treasury = self.env.treasury.pubkey();
        let ixs = [
            ix::collect_royalty(&self.model, &self.owner.pubkey(), Some(self.token)),
            ix::collect_protocol_fees(&self.model, &treasury, Some(self.token)),
            ix::collect_earnings(&self.model, &self.oracle.key(), self.token),
        ];
        for ix in ixs {
            self.env.send(&[ix], &[]).await.unwrap();
        }
    }

    /// Token balances of requester, oracle, model owner and treasury.
    async fn balances(&mut self) -> [u64; 4] {
        let treasury = self.env.treasury.pubkey();
        [
            self.tokens(&self.requester.pubkey()).await,
            self.tokens(&self.oracle.key()).await,
            self.tokens(&self.owner.pubkey()).await,
            self.tokens(&treasury).await,
        ]
    }
}

fn split(price: u64) -> (u64, u64, u64) {
    let protocol = price * PROTOCOL_FEE_BPS as u64 / 10_000;
    let royalty = price * ROYALTY_BPS as u64 / 10_000;
    (protocol, royalty, price - protocol - royalty)
}

/// Runs `$body` once under SPL Token and once under Token-2022.
macro_rules! both_token_programs {
    ($name:ident, |$w:ident| $body:block) => {
        mod $name {
            use super::*;
            async fn run($w: &mut World) $body
            #[tokio::test]
            async fn spl_token() {
                run(&mut world(spl_token::ID).await).await;
            }
            #[tokio::test]
            async fn token_2022() {
                run(&mut world(spl_token_2022::ID).await).await;
            }
        }
    };
}

both_token_programs!(create_request_token_escrows_in_vault, |w| {
    let request = w.request(1).await;
    let vault = pda::vault(&request);
    assert_eq!(w.tokens(&w.requester.pubkey()).await, FUNDS - PRICE);
    assert_eq!(w.env.token_balance(&vault).await, PRICE);
    assert_eq!(w.env.owner_of(&vault).await, w.token.token_program);
    let state: Request = w.env.account(&request).await;
    assert_eq!(state.mint, Some(w.token.mint));
    assert_eq!((state.escrow, state.status), (PRICE, RequestStatus::Open));
    // The SOL side holds only rent.
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
    assert_eq!(w.env.lamports(&request).await, w.env.rent_exempt(len).await);
});

both_token_programs!(settle_request_token_split, |w| {
    let request = w.fulfilled(1).await;
    let earnings = pda::earnings(&w.model, &w.oracle.pda());
    assert!(w.env.exists(&earnings).await, "the first claim opened it");
    let before = w.balances().await;
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    let (protocol, royalty, oracle_share) = split(PRICE);
    assert_eq!(w.balances().await, before, "settlement pays no wallet");
    let fee_vault = pda::fee_vault(&w.model);
    assert_eq!(w.env.token_balance(&pda::vault(&request)).await, 0);
    assert_eq!(w.env.token_balance(&fee_vault).await, PRICE);
    let model: Model = w.env.account(&w.model).await;
    assert_eq!(
        (
            model.royalty_owed,
            model.protocol_fee_owed,
            model.oracle_fees_owed
        ),
        (royalty, protocol, oracle_share)
    );
    assert_eq!(
        w.env.account::<Earnings>(&earnings).await.owed,
        oracle_share
    );
    assert_eq!(w.env.account::<Oracle>(&w.oracle.pda()).await.bonded, 0);

    w.collect_all().await;
    assert_eq!(
        w.balances().await,
        [
            before[0],
            before[1] + oracle_share,
            before[2] + royalty,
            before[3] + protocol
        ]
    );
    assert_eq!(w.env.token_balance(&fee_vault).await, 0);
    let model: Model = w.env.account(&w.model).await;
    assert_eq!(
        (
            model.royalty_owed,
            model.protocol_fee_owed,
            model.oracle_fees_owed
        ),
        (0, 0, 0)
    );
    let earnings: Earnings = w.env.account(&earnings).await;
    assert_eq!((earnings.owed, earnings.collected), (0, oracle_share));
    assert_escrow_error(
        w.env
            .send(
                &[ix::collect_royalty(
                    &w.model,
                    &w.owner.pubkey(),
                    Some(w.token),
                )],
                &[],
            )
            .await,
        EscrowError::NothingOwed,
    );
});

both_token_programs!(cancel_request_token_refunds_and_closes_vault, |w| {
    let lamports_before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.request(1).await;
    let keys = w.env.request_keys(&request).await;
    let requester = w.requester.insecure_clone();
    w.env
        .send(&[ix::cancel_request(&keys)], &[&requester])
        .await
        .unwrap();
    assert_eq!(w.tokens(&w.requester.pubkey()).await, FUNDS);
    assert!(!w.env.exists(&request).await);
    assert!(!w.env.exists(&pda::vault(&request)).await);
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        lamports_before,
        "both rents returned"
    );
});

both_token_programs!(fail_request_token_refunds, |w| {
    let lamports_before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.request(1).await;
    w.env.claim(&w.oracle, &request).await.unwrap();
    w.env.fail(&w.oracle, &request, "shape").await.unwrap();
    assert_eq!(w.env.token_balance(&pda::vault(&request)).await, PRICE);
    let requester = w.requester.insecure_clone();
    w.env.close(&requester, &request).await.unwrap();
    assert_eq!(w.tokens(&w.requester.pubkey()).await, FUNDS);
    assert_eq!(w.tokens(&w.oracle.key()).await, 0);
    assert_eq!(w.env.lamports(&w.requester.pubkey()).await, lamports_before);
});

both_token_programs!(expire_claimed_token_request_refunds_and_slashes, |w| {
    let lamports_before = w.env.lamports(&w.requester.pubkey()).await;
    let request = w.request(1).await;
    w.env.claim(&w.oracle, &request).await.unwrap();
    w.env.warp(TTL + 1).await;
    w.env.expire(&request).await.unwrap();
    let requester = w.requester.insecure_clone();
    w.env.close(&requester, &request).await.unwrap();
    assert_eq!(w.tokens(&w.requester.pubkey()).await, FUNDS);
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        lamports_before,
        "the requester gets its escrow and rent back, not the slash"
    );
    let config: Config = w.env.account(&pda::config()).await;
    assert_eq!(
        config.slashed_owed, BOND,
        "the slash is owed to the treasury in SOL"
    );
});

both_token_programs!(resolve_challenge_token_both_ways, |w| {
    let admin = w.env.admin.insecure_clone();
    let requester = w.requester.insecure_clone();
    let wrong = w.fulfilled(1).await;
    let right = w.fulfilled(2).await;
    for request in [wrong, right] {
        w.env
            .send(
                &[ix::challenge_request(&requester.pubkey(), &request)],
                &[&requester],
            )
            .await
            .unwrap();
    }
    // Nobody re-executes: the arbiter decides.
    w.env.warp(DISPUTE_WINDOW + 1).await;
    for request in [wrong, right] {
        w.env.finalize_dispute(&request).await.unwrap();
    }
    let before = w.balances().await;
    let keys = w.env.request_keys(&wrong).await;
    w.env
        .send(
            &[ix::resolve_challenge(
                &admin.pubkey(),
                &keys,
                &w.oracle.key(),
                true,
            )],
            &[&admin],
        )
        .await
        .unwrap();
    w.env.close(&requester, &wrong).await.unwrap();
    assert_eq!(
        w.balances().await,
        [before[0] + PRICE, before[1], before[2], before[3]]
    );
    let keys = w.env.request_keys(&right).await;
    w.env
        .send(
            &[ix::resolve_challenge(
                &admin.pubkey(),
                &keys,
                &w.oracle.key(),
                false,
            )],
            &[&admin],
        )
        .await
        .unwrap();
    w.collect_all().await;
    let (protocol, royalty, oracle_share) = split(PRICE);
    assert_eq!(
        w.balances().await,
        [
            before[0] + PRICE,
            before[1] + oracle_share,
            before[2] + royalty,
            before[3] + protocol
        ]
    );
});

both_token_programs!(close_request_token_sweeps_and_closes_vault, |w| {
    let request = w.fulfilled(1).await;
    w.env.warp(31).await;
    w.env.settle(&request, &w.oracle.key()).await.unwrap();
    // Tokens someone sent to the vault after the payout go back to the requester on close.
    let vault = pda::vault(&request);
    let payer = w.env.ctx.payer.pubkey();
    let mint_ix = spl_token_2022::instruction::mint_to(
        &w.token.token_program,
        &w.token.mint,
        &vault,
        &payer,
        &[],
        5,
    )
    .unwrap();
    w.env.send(&[mint_ix], &[]).await.unwrap();
    let tokens_before = w.tokens(&w.requester.pubkey()).await;
    let rents = w.env.lamports(&request).await + w.env.lamports(&vault).await;
    let lamports_before = w.env.lamports(&w.requester.pubkey()).await;
    let keys = w.env.request_keys(&request).await;
    let requester = w.requester.insecure_clone();
    w.env
        .send(&[ix::close_request(&keys)], &[&requester])
        .await
        .unwrap();
    assert_eq!(w.tokens(&w.requester.pubkey()).await, tokens_before + 5);
    assert_eq!(
        w.env.lamports(&w.requester.pubkey()).await,
        lamports_before + rents
    );
    assert!(!w.env.exists(&vault).await && !w.env.exists(&request).await);
});

both_token_programs!(
    payee_without_token_account_delays_only_its_own_payout,
    |w| {
        // A model owner with no token account of the mint: v1 could not settle this request.
        let owner = w.owner.pubkey();
        let owner_account = w.token.account_of(&owner);
        let close_owner_account = spl_token_2022::instruction::close_account(
            &w.token.token_program,
            &owner_account,
            &owner,
            &owner,
            &[],
        )
        .unwrap();
        let owner_keypair = w.owner.insecure_clone();
        w.env
            .send(&[close_owner_account], &[&owner_keypair])
            .await
            .unwrap();
        assert!(!w.env.exists(&owner_account).await);

        let request = w.fulfilled(1).await;
        w.env.warp(31).await;
        w.env.settle(&request, &w.oracle.key()).await.unwrap();
        let before = w.balances().await;
        let treasury = w.env.treasury.pubkey();
        w.env
            .send(
                &[ix::collect_protocol_fees(
                    &w.model,
                    &treasury,
                    Some(w.token),
                )],
                &[],
            )
            .await
            .unwrap();
        w.env
            .send(
                &[ix::collect_earnings(&w.model, &w.oracle.key(), w.token)],
                &[],
            )
            .await
            .unwrap();
        let requester = w.requester.insecure_clone();
        w.env.close(&requester, &request).await.unwrap();
        let (protocol, royalty, oracle_share) = split(PRICE);
        let after = w.balances().await;
        assert_eq!(
            (after[1], after[3]),
            (before[1] + oracle_share, before[3] + protocol),
            "everyone else is paid"
        );
        // The owner's own payout waits for its token account, and nothing else does.
        let result = w
            .env
            .send(&[ix::collect_royalty(&w.model, &owner, Some(w.token))], &[])
            .await;
        assert!(result.is_err(), "no token account to pay into");
        assert_eq!(w.env.account::<Model>(&w.model).await.royalty_owed, royalty);
        w.env.token_account(&owner, w.token).await;
        w.env
            .send(&[ix::collect_royalty(&w.model, &owner, Some(w.token))], &[])
            .await
            .unwrap();
        assert_eq!(w.tokens(&owner).await, royalty);
        // The oracle can leave: nothing it held waits on a payee.
        let oracle = w.oracle.authority.insecure_clone();
        w.env
            .send(&[ix::begin_unbonding(&oracle.pubkey())], &[&oracle])
            .await
            .unwrap();
        w.env.warp(51).await;
        w.env
            .send(&[ix::withdraw_stake(&oracle.pubkey())], &[&oracle])
            .await
            .unwrap();
    }
);

both_token_programs!(error_token_accounts_missing_or_foreign, |w| {
    let request = w.fulfilled(1).await;
    // Another oracle of the same model, with its own earnings account.
    let other_oracle = w.env.register_oracle(STAKE).await;
    let other_request = w.request(2).await;
    w.env.claim(&other_oracle, &other_request).await.unwrap();
    w.env.warp(31).await;
    let keys = w.env.request_keys(&request).await;
    let sol_keys = RequestKeys {
        token: None,
        ..keys
    };
    let result = w
        .env
        .send(&[ix::settle_request(&sol_keys, &w.oracle.key())], &[])
        .await;
    assert_escrow_error(result, EscrowError::TokenAccountsMissing);

    // Another request's vault.
    let ix = swap_account(
        ix::settle_request(&keys, &w.oracle.key()),
        &pda::vault(&request),
        &pda::vault(&other_request),
    );
    assert_escrow_error(w.env.send(&[ix], &[]).await, EscrowError::InvalidVault);

    // A fee vault that is not the model's (here: the request's own vault).
    let ix = swap_account(
        ix::settle_request(&keys, &w.oracle.key()),
        &pda::fee_vault(&w.model),
        &pda::vault(&other_request),
    );
    assert_escrow_error(w.env.send(&[ix], &[]).await, EscrowError::InvalidFeeVault);

    // A fee vault under the other token program than the mint's.
    let other_program = if w.token.token_program == spl_token::ID {
        spl_token_2022::ID
    } else {
        spl_token::ID
    };
    let foreign_mint = w.env.create_mint(other_program, 6).await;
    let foreign = w.env.token_account(&w.owner.pubkey(), foreign_mint).await;
    let ix = swap_account(
        ix::settle_request(&keys, &w.oracle.key()),
        &pda::fee_vault(&w.model),
        &foreign,
    );
    assert_escrow_error(w.env.send(&[ix], &[]).await, EscrowError::WrongTokenProgram);

    // Another oracle's earnings: the share would be credited to the wrong oracle.
    let ix = swap_account(
        ix::settle_request(&keys, &w.oracle.key()),
        &pda::earnings(&w.model, &w.oracle.pda()),
        &pda::earnings(&w.model, &other_oracle.pda()),
    );
    assert_escrow_error(
        w.env.send(&[ix], &[]).await,
        EscrowError::InvalidEarningsAccount,
    );

    // The other token program with this mint.
    let ix = swap_account(
        ix::settle_request(&keys, &w.oracle.key()),
        &w.token.token_program,
        &other_program,
    );
    assert_escrow_error(w.env.send(&[ix], &[]).await, EscrowError::WrongTokenProgram);

    w.env.settle(&request, &w.oracle.key()).await.unwrap();

    // Collections go only to a token account of the recorded payee.
    let thief = w.env.wallet(SOL).await;
    let thief_account = w.env.token_account(&thief.pubkey(), w.token).await;
    let treasury = w.env.treasury.pubkey();
    let ix = swap_account(
        ix::collect_protocol_fees(&w.model, &treasury, Some(w.token)),
        &w.token.account_of(&treasury),
        &thief_account,
    );
    assert_escrow_error(
        w.env.send(&[ix], &[]).await,
        EscrowError::WrongTokenAccountOwner,
    );
    let ix = swap_account(
        ix::collect_earnings(&w.model, &w.oracle.key(), w.token),
        &w.token.account_of(&w.oracle.key()),
        &thief_account,
    );
    assert_escrow_error(
        w.env.send(&[ix], &[]).await,
        EscrowError::WrongTokenAccountOwner,
    );
    assert_eq!(w.env.token_balance(&thief_account).await, 0);
});

both_token_programs!(error_wrong_mint_on_create, |w| {
    let requester = w.requester.insecure_clone();
    // SOL entry point on an SPL model.
    let ix = ix::create_request(&requester.pubkey(), &w.model, request_args(1));
    assert_escrow_error(
        w.env.send(&[ix], &[&requester]).await,
        EscrowError::WrongMint,
    );
    // Another mint of the same token program.
    let other = w.env.create_mint(w.token.token_program, 6).await;
    w.env.mint_to(&requester.pubkey(), other, FUNDS).await;
    let ix = ix::create_request_token(&requester.pubkey(), &w.model, other, request_args(1));
    assert_escrow_error(
        w.env.send(&[ix], &[&requester]).await,
        EscrowError::WrongMint,
    );
    // The SPL entry point on a SOL model.
    let sol_model = w
        .env
        .register_model(&w.owner.insecure_clone(), 2, None)
        .await;
    let ix = ix::create_request_token(&requester.pubkey(), &sol_model, w.token, request_args(1));
    assert_escrow_error(
        w.env.send(&[ix], &[&requester]).await,
        EscrowError::WrongMint,
    );
    assert_eq!(
        w.tokens(&requester.pubkey()).await,
        FUNDS,
        "nothing was taken"
    );
});

#[tokio::test]
async fn error_token_accounts_on_a_sol_request() {
    let env = &mut Env::start().await;
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, None).await;
    let oracle = env.register_oracle(STAKE).await;
    let requester = env.wallet(SOL).await;
    let request = env.create_request(&requester, &model, 1).await;
    env.claim(&oracle, &request).await.unwrap();
    env.fulfill(&oracle, &request, output(0.5)).await.unwrap();
    env.warp(31).await;
    let token = env.create_mint(spl_token::ID, 6).await;
    let keys = env.request_keys(&request).await;
    let mut ix = ix::settle_request(&keys, &oracle.key());
    // SettleRequest accounts: request (0), model (1), oracle (2), mint (3), vault (4),
    // fee_vault (5), earnings (6), token_program (7), ...; the optional ones are unset (the
    // program id) for a SOL request.
    ix.accounts[3] = AccountMeta::new_readonly(token.mint, false);
    ix.accounts[7] = AccountMeta::new_readonly(spl_token::ID, false);
    assert_escrow_error(
        env.send(&[ix], &[]).await,
        EscrowError::UnexpectedTokenAccounts,
    );
}
