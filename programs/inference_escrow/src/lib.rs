//! # inference_escrow
//!
//! Escrows payment (SOL or an SPL token) for one run of a registered ONNX model. A staked oracle
//! claims the request, runs the model and posts the output with an ed25519 attestation that the
//! program checks through the Ed25519 precompile. The payment is held through a challenge
//! window, then split between oracle, model owner and protocol, or refunded. No result, no pay.
//!
//! The protocol (accounts, state machine, fee rules, signed message) is `docs/protocol.md`.

use anchor_lang::prelude::*;

pub mod attestation;
pub mod constants;
pub mod errors;
pub mod escrow;
pub mod events;
pub mod instructions;
pub mod math;
pub mod payload;
pub mod state;

use instructions::*;
pub use payload::Payload;
use state::ConfigParams;

declare_id!("DLAiAMdF71aeEK7bkgpkuTDgcYs4XjibPHZ5yuMBRbc4");

#[program]
pub mod inference_escrow {
    use super::*;

    // ---- admin -------------------------------------------------------------------------------

    /// Creates the protocol config once. The signer becomes admin and arbiter.
    /// Fails with `InvalidBps`, `ZeroSlotWindow` or `InlineLimitTooLarge` on unsound parameters.
    #[access_control(ctx.accounts.validate(&params))]
    pub fn initialize_config(ctx: Context<InitializeConfig>, params: ConfigParams) -> Result<()> {
        InitializeConfig::handler(ctx, params)
    }

    /// Admin only: changes any parameter (and may hand over the admin role). Open requests keep
    /// the fee rates and output space they were created with.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn update_config(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
        UpdateConfig::handler(ctx, args)
    }

    /// Admin only: pauses or unpauses. While paused no request is created or claimed and no
    /// oracle registers; results, settlement and refunds keep working so no funds are stuck.
    pub fn set_paused(ctx: Context<SetPaused>, paused: bool) -> Result<()> {
        SetPaused::handler(ctx, paused)
    }

    /// Admin (arbiter) only, on a challenged request: `oracle_was_wrong` refunds the requester in
    /// full and pays it `wrong_result_slash_bps` of the oracle's stake; otherwise the request
    /// settles as `settle_request` would.
    #[access_control(ctx.accounts.validate())]
    pub fn resolve_challenge(ctx: Context<ResolveChallenge>, oracle_was_wrong: bool) -> Result<()> {
        ResolveChallenge::handler(ctx, oracle_was_wrong)
    }

    // ---- model owner -------------------------------------------------------------------------

    /// Registers a model at `["model", owner, model_id]`: ONNX file hash, I/O schemas, price,
    /// payment mint (pass `mint` for SPL, omit for SOL), royalty and URI. Starts active.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn register_model(ctx: Context<RegisterModel>, args: RegisterModelArgs) -> Result<()> {
        RegisterModel::handler(ctx, args)
    }

    /// Owner only: changes price, URI or the active flag. Existing requests keep their price.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn update_model(ctx: Context<UpdateModel>, args: UpdateModelArgs) -> Result<()> {
        UpdateModel::handler(ctx, args)
    }

    // ---- oracle ------------------------------------------------------------------------------

    /// Registers the signer as an oracle with `stake` lamports (at least `min_oracle_stake`).
    /// The attestation key co-signs to prove possession.
    #[access_control(ctx.accounts.validate(stake))]
    pub fn register_oracle(ctx: Context<RegisterOracle>, stake: u64) -> Result<()> {
        RegisterOracle::handler(ctx, stake)
    }

    /// Oracle authority, while active: adds `amount` lamports of stake.
    #[access_control(ctx.accounts.validate(amount))]
    pub fn add_stake(ctx: Context<AddStake>, amount: u64) -> Result<()> {
        AddStake::handler(ctx, amount)
    }

    /// Oracle authority, while active: stops new claims and starts the unbonding period.
    #[access_control(ctx.accounts.validate())]
    pub fn begin_unbonding(ctx: Context<BeginUnbonding>) -> Result<()> {
        BeginUnbonding::handler(ctx)
    }

    /// Oracle authority, after unbonding and with no unfinished claims: withdraws the whole stake
    /// and closes the oracle account, returning its rent. The authority may register again.
    #[access_control(ctx.accounts.validate())]
    pub fn withdraw_stake(ctx: Context<WithdrawStake>) -> Result<()> {
        WithdrawStake::handler(ctx)
    }

    /// Active oracle with enough stake, by the deadline: claims an open request, or takes over a
    /// claim older than `claim_timeout_slots` (pass the previous claimer as `previous_oracle`;
    /// its no-show count goes up).
    #[access_control(ctx.accounts.validate())]
    pub fn claim_request(ctx: Context<ClaimRequest>) -> Result<()> {
        ClaimRequest::handler(ctx)
    }

    /// Claiming oracle, by the deadline: posts the output. The instruction just before this one
    /// must be an Ed25519 precompile instruction signing the result message (status 1) with the
    /// oracle's attestation key, all data inline.
    #[access_control(ctx.accounts.validate(&output))]
    pub fn fulfill_request(ctx: Context<FulfillRequest>, output: Payload) -> Result<()> {
        FulfillRequest::handler(ctx, output)
    }

    /// Claiming oracle, by the deadline: reports that the input cannot be run, with a signed
    /// failure (status 2, output hash = SHA-256 of `reason`). The requester is refunded in full;
    /// nobody is paid. After the deadline only `expire_request` (with its no-show slash) applies.
    #[access_control(ctx.accounts.validate(&reason))]
    pub fn fail_request(ctx: Context<FailRequest>, reason: String) -> Result<()> {
        FailRequest::handler(ctx, reason)
    }

    // ---- requester ---------------------------------------------------------------------------

    /// Creates a request paid in SOL: escrows the model's current price in the request account.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn create_request(ctx: Context<CreateRequest>, args: CreateRequestArgs) -> Result<()> {
        CreateRequest::handler(ctx, args)
    }

    /// Creates a request paid in the model's SPL mint (SPL Token or Token-2022): escrows the
    /// price in a vault owned by the request.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn create_request_token(
        ctx: Context<CreateRequestToken>,
        args: CreateRequestArgs,
    ) -> Result<()> {
        CreateRequestToken::handler(ctx, args)
    }

    /// Requester, while open: refunds in full and closes the request (and its vault).
    #[access_control(ctx.accounts.validate())]
    pub fn cancel_request(ctx: Context<CancelRequest>) -> Result<()> {
        CancelRequest::handler(ctx)
    }

    /// Requester, within `challenge_window_slots` of fulfilment: disputes the result; the arbiter
    /// decides with `resolve_challenge`.
    #[access_control(ctx.accounts.validate())]
    pub fn challenge_request(ctx: Context<ChallengeRequest>) -> Result<()> {
        ChallengeRequest::handler(ctx)
    }

    /// Requester, in a terminal state: closes the request (and its vault), returning the rent.
    #[access_control(ctx.accounts.validate())]
    pub fn close_request(ctx: Context<CloseRequest>) -> Result<()> {
        CloseRequest::handler(ctx)
    }

    // ---- crank (anyone) ----------------------------------------------------------------------

    /// Anyone, after the challenge window of a fulfilled request: pays the protocol fee, the
    /// royalty and the oracle's share. The account stays so the result can be read.
    #[access_control(ctx.accounts.validate())]
    pub fn settle_request(ctx: Context<SettleRequest>) -> Result<()> {
        SettleRequest::handler(ctx)
    }

    /// Anyone, after the deadline of an open or claimed request: refunds in full; a claimer
    /// (pass it as `oracle`) loses `no_show_slash_bps` of its stake to the requester.
    #[access_control(ctx.accounts.validate())]
    pub fn expire_request(ctx: Context<ExpireRequest>) -> Result<()> {
        ExpireRequest::handler(ctx)
    }
}
