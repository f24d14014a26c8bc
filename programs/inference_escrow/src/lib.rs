//! # inference_escrow
//!
//! Escrows payment (SOL or an SPL token) for one run of a registered ONNX model. A staked oracle
//! claims the request, locking a claim bond of its stake, runs the model and posts the output
//! with an ed25519 attestation that the program checks through the Ed25519 precompile. The
//! payment is held through a challenge window, then credited to what the oracle, the model owner
//! and the protocol are owed (each collects its own), or owed back to the requester. No result,
//! no pay; no fault, no slash.
//!
//! The protocol (accounts, state machine, fee rules, signed message) is `docs/protocol.md`.

use anchor_lang::prelude::*;

pub mod attestation;
pub mod challenge;
pub mod compare;
pub mod constants;
pub mod create;
pub mod errors;
pub mod escrow;
pub mod events;
pub mod instructions;
pub mod math;
pub mod mint;
pub mod payload;
pub mod round;
pub mod state;

use instructions::*;
pub use payload::Payload;
use state::ConfigParams;

declare_id!("2NPc4UYjhywLWdejfbGoXsrnX7mYDf5g21Yz1mTDq5tQ");

#[program]
pub mod inference_escrow {
    use super::*;

    // ---- admin -------------------------------------------------------------------------------

    /// Creates the protocol config once. The signer becomes admin and arbiter. Every parameter
    /// is checked against its documented range (`InvalidBps`, `ZeroSlotWindow`,
    /// `WindowOutOfRange`, `TtlBoundsInvalid`, `ClaimBondAboveMinStake`, `InlineLimitTooLarge`).
    #[access_control(ctx.accounts.validate(&params))]
    pub fn initialize_config(ctx: Context<InitializeConfig>, params: ConfigParams) -> Result<()> {
        InitializeConfig::handler(ctx, params)
    }

    /// Admin only: changes any parameter (within its range) and may hand over the admin role.
    /// Open requests keep the fee rates, challenge window, output space and bond they started with.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn update_config(ctx: Context<UpdateConfig>, args: UpdateConfigArgs) -> Result<()> {
        UpdateConfig::handler(ctx, args)
    }

    /// Admin only: pauses or unpauses. While paused no request is created or claimed and no
    /// oracle registers; results, settlement, refunds and payouts keep working.
    pub fn set_paused(ctx: Context<SetPaused>, paused: bool) -> Result<()> {
        SetPaused::handler(ctx, paused)
    }

    /// Admin (arbiter) only, as a last resort: after a dispute's re-execution round found no
    /// quorum (`ArbiterNotNeeded` otherwise) and within `arbitration_timeout_slots` of that
    /// (`ArbitrationTimedOut`). `oracle_was_wrong` slashes the result's producers to the
    /// challenger (with its bond, paid on `close_dispute`) and owes the escrow back to the
    /// requester; otherwise the result stands (a single-oracle request settles now) and the
    /// challenge bond compensates its producers. Neither decision pays the treasury.
    #[access_control(ctx.accounts.validate())]
    pub fn resolve_challenge<'info>(
        ctx: Context<'info, ResolveChallenge<'info>>,
        oracle_was_wrong: bool,
    ) -> Result<()> {
        ResolveChallenge::handler(ctx, oracle_was_wrong)
    }

    // ---- model owner -------------------------------------------------------------------------

    /// Registers a model at `["model", owner, model_id]`: ONNX file hash, I/O schemas, largest
    /// output, price, payment mint (pass `mint`, `fee_vault` and `token_program` for SPL, omit
    /// them for SOL), royalty and URI. An SPL mint is screened (hostile Token-2022 extensions
    /// are refused) and the model's fee vault is created. Starts active.
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

    /// Oracle authority, after unbonding and once every request it held has ended: withdraws
    /// the whole stake and any SOL fees owed, and closes the oracle account, returning its rent.
    #[access_control(ctx.accounts.validate())]
    pub fn withdraw_stake(ctx: Context<WithdrawStake>) -> Result<()> {
        WithdrawStake::handler(ctx)
    }

    /// Active oracle with enough stake: claims an open request, or takes over a claim older
    /// than `claim_timeout_slots` (pass the previous claimer as `previous_oracle`; its bond is
    /// released and its no-show count goes up). `terms` must match the request as it stands;
    /// at least `min_fulfil_slots` must remain before the deadline; the claim locks a bond of
    /// `max(min_claim_bond, price * claim_bond_bps / 10_000)` lamports of free stake. SPL
    /// requests pass the oracle's `earnings` account for the model (created on first use).
    #[access_control(ctx.accounts.validate(&terms))]
    pub fn claim_request(ctx: Context<ClaimRequest>, terms: ClaimRequestArgs) -> Result<()> {
        ClaimRequest::handler(ctx, terms)
    }

    /// Claiming oracle, by the deadline: posts the output (inline when the request reserved
    /// inline space, else by URI). The instruction just before this one must be an Ed25519
    /// precompile instruction signing the result message (status 1) with the oracle's
    /// attestation key, all data inline.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn fulfill_request(ctx: Context<FulfillRequest>, args: FulfillRequestArgs) -> Result<()> {
        FulfillRequest::handler(ctx, args)
    }

    /// Claiming oracle, by the deadline: reports that the input cannot be run, with a signed
    /// failure (status 2, output hash = SHA-256 of `reason`). Its bond is released; the escrow
    /// is owed back to the requester; nobody is paid. After the deadline only `expire_request`
    /// (with its slash) applies.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn fail_request(ctx: Context<FailRequest>, args: FailRequestArgs) -> Result<()> {
        FailRequest::handler(ctx, args)
    }

    // ---- seats (quorum requests and dispute rounds) -------------------------------------------

    /// Active oracle with enough free stake: takes a seat in a quorum request's round, or in a
    /// dispute's re-execution round (pass `dispute`; oracles that produced the challenged result
    /// are refused with `ChallengedOracle`). Locks a claim bond; at least `min_fulfil_slots`
    /// must remain before the round's commit deadline. Refusals: `NotAQuorumRequest`,
    /// `RoundClosed`, `AlreadySeated`, `SeatsFull`, `CommitWindowClosed`, `TooLateToClaim`.
    #[access_control(ctx.accounts.validate(&terms))]
    pub fn claim_seat(ctx: Context<ClaimSeat>, terms: ClaimRequestArgs) -> Result<()> {
        ClaimSeat::handler(ctx, terms)
    }

    /// Seated oracle, by the commit deadline: commits to its output. The instruction just before
    /// must be an Ed25519 instruction signing the result message with status 3 (`Committed`),
    /// the commitment as the output hash and the round's account (dispute or request).
    pub fn commit_seat(ctx: Context<CommitSeat>, args: CommitSeatArgs) -> Result<()> {
        CommitSeat::handler(ctx, args)
    }

    /// Seated oracle that committed, once reveals are open (every seat committed, or the commit
    /// deadline passed) and until the reveal deadline: reveals its output and salt
    /// (`RevealNotOpen`, `RevealWindowClosed`, `RevealMismatch`, `OutputSchemaMismatch`).
    #[access_control(ctx.accounts.validate(&args))]
    pub fn reveal_seat(ctx: Context<RevealSeat>, args: RevealSeatArgs) -> Result<()> {
        RevealSeat::handler(ctx, args)
    }

    /// Seated oracle that has not committed, by the commit deadline: reports (signed, status 2)
    /// that it cannot run the input. Its bond is released; it takes no part in the outcome.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn fail_seat(ctx: Context<FailSeat>, args: FailRequestArgs) -> Result<()> {
        FailSeat::handler(ctx, args)
    }

    /// Anyone, once no seat of a quorum request can act: with `quorum` agreeing outputs the
    /// request is Fulfilled with the agreed output; without, it is refunded and no-shows are
    /// slashed to the treasury. Remaining accounts: the seats' Oracle accounts, in seat order.
    pub fn finalize_quorum<'info>(ctx: Context<'info, FinalizeQuorum<'info>>) -> Result<()> {
        FinalizeQuorum::handler(ctx)
    }

    /// Anyone, after a fulfilled quorum request's challenge window: pays the agreeing seats
    /// equally, releases their bonds and gives them the bonds of disagreeing and silent seats.
    /// Remaining accounts: the seats' Oracle accounts, then (SPL) the agreeing seats' earnings.
    #[access_control(ctx.accounts.validate())]
    pub fn settle_quorum<'info>(ctx: Context<'info, SettleQuorum<'info>>) -> Result<()> {
        SettleQuorum::handler(ctx)
    }

    /// Anyone, once a dispute's round has ended: confirms the result (the challenge bond pays
    /// the agreeing re-executors; the request settles at once), overturns it (its producers'
    /// bonds pay the agreeing re-executors; the requester is refunded; the bond is returned),
    /// or records a round without quorum (the arbiter decides). After a round without quorum
    /// and `arbitration_timeout_slots`, refunds the request without slashing the result's
    /// producers. Remaining accounts: the dispute seats' Oracle accounts, then the result's
    /// (the holder, or every seat of a quorum request), in order.
    pub fn finalize_dispute<'info>(ctx: Context<'info, FinalizeDispute<'info>>) -> Result<()> {
        FinalizeDispute::handler(ctx)
    }

    /// Anyone, once a dispute is decided: closes it, returning its rent and any challenge bond
    /// it still holds to the challenger.
    #[access_control(ctx.accounts.validate())]
    pub fn close_dispute(ctx: Context<CloseDispute>) -> Result<()> {
        CloseDispute::handler(ctx)
    }

    // ---- requester ---------------------------------------------------------------------------

    /// Creates a request paid in SOL: escrows the model's current price in the request account.
    #[access_control(ctx.accounts.validate(&args))]
    pub fn create_request(ctx: Context<CreateRequest>, args: CreateRequestArgs) -> Result<()> {
        CreateRequest::handler(ctx, args)
    }

    /// Creates a request paid in the model's SPL mint (SPL Token or Token-2022, screened again):
    /// escrows the price in a vault owned by the request.
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

    /// Requester or the request's named challenger, within the challenge window after
    /// fulfilment, once: posts `challenge_bond` lamports and opens a re-execution round at
    /// `["dispute", request]` (`dispute_replicas` seats for oracles that did not produce the
    /// result, compared by the model's rule). `finalize_dispute` decides it; the arbiter only
    /// after a round without quorum.
    #[access_control(ctx.accounts.validate())]
    pub fn challenge_request(ctx: Context<ChallengeRequest>) -> Result<()> {
        ChallengeRequest::handler(ctx)
    }

    /// Requester, in a terminal state: collects any refund owed and closes the request (and
    /// its vault), returning the rent.
    #[access_control(ctx.accounts.validate())]
    pub fn close_request(ctx: Context<CloseRequest>) -> Result<()> {
        CloseRequest::handler(ctx)
    }

    // ---- crank (anyone) ----------------------------------------------------------------------

    /// Anyone, after the challenge window of a fulfilled request: releases the oracle's bond and
    /// credits the protocol fee, the royalty and the oracle's share to their owed balances. The
    /// account stays so the result can be read.
    #[access_control(ctx.accounts.validate())]
    pub fn settle_request(ctx: Context<SettleRequest>) -> Result<()> {
        SettleRequest::handler(ctx)
    }

    /// Anyone: ends an open or claimed request after its deadline (a claimer's bond is slashed
    /// to the treasury; pass it as `oracle`). The escrow is owed back to the requester. A
    /// challenged request ends through `finalize_dispute` (`DisputeInProgress`), a quorum
    /// request with bonded seats through `finalize_quorum` (`SeatsHeld`).
    #[access_control(ctx.accounts.validate())]
    pub fn expire_request(ctx: Context<ExpireRequest>) -> Result<()> {
        ExpireRequest::handler(ctx)
    }

    /// Anyone: moves the tokens of a settled SPL request whose payout a frozen vault deferred
    /// to the model's fee vault, once thawed, and credits the owed balances. For a quorum
    /// request, the other agreeing seats' earnings follow as remaining accounts.
    #[access_control(ctx.accounts.validate())]
    pub fn release_payout<'info>(ctx: Context<'info, ReleasePayout<'info>>) -> Result<()> {
        ReleasePayout::handler(ctx)
    }

    /// Anyone, once a request has ended (settled, failed, expired or refunded): calls the
    /// consumer instruction its callback names, once, with the request, the escrow's callback
    /// authority `["callback", request]` signing, and the callback's accounts (as remaining accounts,
    /// in order). A failing consumer fails only this instruction; the request's outcome and
    /// payouts never depend on it.
    #[access_control(ctx.accounts.validate())]
    pub fn deliver_callback<'info>(ctx: Context<'info, DeliverCallback<'info>>) -> Result<()> {
        DeliverCallback::handler(ctx)
    }

    // ---- payouts (anyone; paid only to the recorded payee) -----------------------------------

    /// Pays a model's royalty owed to its owner (SOL, or tokens to the owner's token account).
    #[access_control(ctx.accounts.validate())]
    pub fn collect_royalty(ctx: Context<CollectRoyalty>) -> Result<()> {
        CollectRoyalty::handler(ctx)
    }

    /// Pays a model's protocol fees owed to the config's treasury.
    #[access_control(ctx.accounts.validate())]
    pub fn collect_protocol_fees(ctx: Context<CollectProtocolFees>) -> Result<()> {
        CollectProtocolFees::handler(ctx)
    }

    /// Pays an oracle's SOL fees owed to its authority.
    #[access_control(ctx.accounts.validate())]
    pub fn collect_oracle_fees(ctx: Context<CollectOracleFees>) -> Result<()> {
        CollectOracleFees::handler(ctx)
    }

    /// Pays an oracle's SPL shares of one model to a token account of its authority.
    #[access_control(ctx.accounts.validate())]
    pub fn collect_earnings(ctx: Context<CollectEarnings>) -> Result<()> {
        CollectEarnings::handler(ctx)
    }

    /// Pays the slashed claim bonds held in the config to the treasury.
    #[access_control(ctx.accounts.validate())]
    pub fn collect_slashes(ctx: Context<CollectSlashes>) -> Result<()> {
        CollectSlashes::handler(ctx)
    }
}
