//! # risk_consumer
//!
//! An example dApp that buys inference from `inference_escrow` by CPI: a lending vault whose
//! borrowers' positions are scored for risk by an ONNX model that oracles run off-chain. Copy it
//! as the starting point for your own consumer program.
//!
//! ```text
//!  borrower          keeper (anyone)                      oracle (off-chain)
//!  open_position ──► request_score ── CPI create_request ──► claim, run, fulfil (signed)
//!  update_position   │  wallet PDA signs as requester,          │
//!                    │  pays price + request rent               ▼
//!                    └► Pending{request}   apply_score ◄── Request: Fulfilled / Settled
//!                                          │  checks it is *our* request, reads one f32
//!                                          ▼
//!                              Healthy{score} or Flagged{score}
//!  authority: reclaim_request ── CPI close_request ──► request rent back to the wallet
//! ```
//!
//! Three things every consumer has to get right, marked where they happen:
//! 1. **Paying from a PDA.** inference_escrow's requester pays with a system transfer, and the
//!    `from` of a system transfer must be a system-owned account without data. So the vault pays
//!    from a separate data-less PDA, its wallet `["wallet", vault]`, and signs for it with its
//!    seeds (`request_score`, `reclaim_request`).
//! 2. **Passing the escrow's event-CPI accounts.** Every inference_escrow instruction is
//!    `#[event_cpi]`: its account list ends with its event authority (`["__event_authority"]`
//!    under the escrow) and the escrow program itself.
//! 3. **Trusting a result only after proving where it came from** (`apply_score`): the Request
//!    must be owned by inference_escrow, be for our model, be paid by our wallet, be the one we
//!    are waiting for, be fulfilled, and hold exactly the bytes its output hash commits to.

use anchor_lang::prelude::*;

#[cfg(not(target_os = "solana"))]
pub mod client;
pub mod constants;
pub mod create;
pub mod errors;
pub mod escrow;
pub mod events;
pub mod instructions;
pub mod state;

use instructions::*;

declare_id!("CcdfVZSdvHr8JWCEe24gaZh7ocVBV9f7Cdgsb9CK5Hbe");

#[program]
pub mod risk_consumer {
    use super::*;

    /// Creates the signer's vault, scored by `model` (an inference_escrow Model taking one row of
    /// 1 to 16 f32 features and returning one f32, priced in SOL: else `UnsuitableModel`). A score above
    /// `risk_threshold` (finite, else `InvalidThreshold`) flags a position. The vault pays at
    /// most `max_price` lamports per score, whatever the model's owner later sets. Fund the
    /// vault's wallet `["wallet", vault]` with a plain SOL transfer before requesting scores.
    /// Every request names `challenger` (a keeper key) as the one who may dispute its result;
    /// the model must have at least `min_quorum` oracles agree on each score (`QuorumTooLow`).
    // `validate` runs first inside the handler: it hands over the escrow accounts it read.
    pub fn init_vault(
        ctx: Context<InitVault>,
        risk_threshold: f32,
        max_price: u64,
        challenger: Pubkey,
        min_quorum: u8,
    ) -> Result<()> {
        InitVault::handler(ctx, risk_threshold, max_price, challenger, min_quorum)
    }

    /// A borrower opens its position in a vault with its `features` (as many as the vault's
    /// model reads, all finite, else `InvalidFeatures`) and pays its rent. Starts unscored.
    #[access_control(ctx.accounts.validate(&features))]
    pub fn open_position(ctx: Context<OpenPosition>, features: Vec<f32>) -> Result<()> {
        OpenPosition::handler(ctx, features)
    }

    /// The borrower replaces its `features`; the position is unscored again (a pending request
    /// is abandoned).
    #[access_control(ctx.accounts.validate(&features))]
    pub fn update_position(ctx: Context<UpdatePosition>, features: Vec<f32>) -> Result<()> {
        UpdatePosition::handler(ctx, features)
    }

    /// Anyone (a keeper): asks inference_escrow to score a position that is not already waiting
    /// (`PositionPending`). The vault's wallet pays the model price and the request rent
    /// (`WalletUnderfunded` if it cannot). The request is `["request", wallet, next_nonce]`
    /// under inference_escrow and must be claimed and fulfilled within `ttl_slots`.
    // `validate` runs first inside the handler: it hands over the escrow accounts it read.
    pub fn request_score(ctx: Context<RequestScore>, args: RequestScoreArgs) -> Result<()> {
        RequestScore::handler(ctx, args)
    }

    /// Anyone: reads the result of the request the position waits for and marks the position
    /// healthy or flagged. A request that ended without a result (failed, expired, refunded)
    /// releases the position to unscored instead.
    // `validate` runs first inside the handler: it hands over the escrow accounts it read.
    pub fn apply_score(ctx: Context<ApplyScore>) -> Result<()> {
        ApplyScore::handler(ctx)
    }

    /// inference_escrow only (its callback authority signs): the callback of every request
    /// `request_score` makes, called by any crank once the request has ended. Scores the
    /// position waiting for it as `apply_score` does (Settled results only), or releases it
    /// when the request ended without a result; a position that no longer waits for the
    /// request is left alone.
    pub fn on_score(ctx: Context<OnScore>) -> Result<()> {
        OnScore::handler(ctx)
    }

    /// Vault authority: closes a terminal request of the vault's wallet whose callback has been
    /// delivered (`CallbackPending`), returning its rent to the wallet.
    #[access_control(ctx.accounts.validate())]
    pub fn reclaim_request(ctx: Context<ReclaimRequest>) -> Result<()> {
        ReclaimRequest::handler(ctx)
    }
}
