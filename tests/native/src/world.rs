//! [`SolWorld`]: the scene most request tests start from.

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{ix, CreateRequestArgs, Oracle, Request, RequestStatus};
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

use crate::{env::Env, fixtures::*};

/// A config, a SOL model, one registered oracle and one funded requester.
pub struct SolWorld {
    pub env: Env,
    /// Owner of `model`.
    pub owner: Keypair,
    /// The default model ([`model_args`] with id 1), paid in SOL.
    pub model: Pubkey,
    /// An oracle staked with [`STAKE`].
    pub oracle: TestOracle,
    /// A wallet holding 10 SOL.
    pub requester: Keypair,
}

/// A fresh [`SolWorld`].
pub async fn sol_world() -> SolWorld {
    let mut env = Env::start().await;
    let owner = env.wallet(SOL).await;
    let model = env.register_model(&owner, 1, None).await;
    let oracle = env.register_oracle(STAKE).await;
    let requester = env.wallet(10 * SOL).await;
    SolWorld {
        env,
        owner,
        model,
        oracle,
        requester,
    }
}

impl SolWorld {
    /// An open request of the requester with the default input.
    pub async fn request(&mut self, nonce: u64) -> Pubkey {
        self.env
            .create_request(&self.requester, &self.model, nonce)
            .await
    }

    /// A request claimed by the oracle.
    pub async fn claimed(&mut self, nonce: u64) -> Pubkey {
        let request = self.request(nonce).await;
        self.env.claim(&self.oracle, &request).await.unwrap();
        request
    }

    /// A request the oracle fulfilled with the score 0.75.
    pub async fn fulfilled(&mut self, nonce: u64) -> Pubkey {
        let request = self.claimed(nonce).await;
        self.env
            .fulfill(&self.oracle, &request, output(0.75))
            .await
            .unwrap();
        request
    }

    /// A fulfilled request the requester challenged.
    pub async fn challenged(&mut self, nonce: u64) -> Pubkey {
        let request = self.fulfilled(nonce).await;
        let ix = ix::challenge_request(&self.requester.pubkey(), &request);
        self.env.send(&[ix], &[&self.requester]).await.unwrap();
        request
    }

    /// A challenged request whose re-execution round ended without quorum (nobody took a
    /// seat): the arbiter may now decide.
    pub async fn without_quorum(&mut self, nonce: u64) -> Pubkey {
        let request = self.challenged(nonce).await;
        self.env.warp(DISPUTE_WINDOW + 1).await;
        self.env.finalize_dispute(&request).await.unwrap();
        request
    }

    /// The status of `request`.
    pub async fn status(&mut self, request: &Pubkey) -> RequestStatus {
        self.env.account::<Request>(request).await.status
    }

    /// The oracle's account.
    pub async fn oracle_state(&mut self) -> Oracle {
        self.env.account(&self.oracle.pda()).await
    }

    /// Sends `create_request` with `args`, signed by the requester.
    pub async fn create(&mut self, args: CreateRequestArgs) -> Result<(), TransactionError> {
        let ix = ix::create_request(&self.requester.pubkey(), &self.model, args);
        let requester = self.requester.insecure_clone();
        self.env.send(&[ix], &[&requester]).await
    }
}
