use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    challenge::{end_challenged, end_holder, load_challenged},
    constants::{SEED_CONFIG, SEED_DISPUTE, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    events::{
        ChallengeResolved, DisputeDecided, DisputeOutcome, OracleStakeChanged, RefundReason,
        RequestRefunded, StakeChange,
    },
    instructions::crank::{settle, SingleSettlement},
    math,
    round::{agreeing, credit_lamports, load_seat_oracles, store_oracles},
    state::{Config, Dispute, DisputeStatus, Earnings, Model, Oracle, Request, RequestStatus},
};

/// The arbiter's last resort: only after a re-execution round found no quorum, and within
/// `arbitration_timeout_slots` of that. Remaining accounts for a quorum request: its seats'
/// Oracle accounts, in seat order, writable (a single-oracle request passes `oracle`).
#[event_cpi]
#[derive(Accounts)]
pub struct ResolveChallenge<'info> {
    /// The config admin, acting as arbiter.
    pub admin: Signer<'info>,
    /// Receives slashed bonds for the treasury.
    #[account(mut, seeds = [SEED_CONFIG], bump = config.bump, has_one = admin @ EscrowError::NotAdmin)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    /// The request's dispute, whose round found no quorum.
    #[account(mut, seeds = [SEED_DISPUTE, request.key().as_ref()], bump = dispute.bump)]
    pub dispute: Box<Account<'info, Dispute>>,
    #[account(mut, address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    /// Single-oracle requests: the holder. Omitted for quorum requests.
    #[account(mut, seeds = [SEED_ORACLE, oracle.authority.as_ref()], bump = oracle.bump)]
    pub oracle: Option<Box<Account<'info, Oracle>>>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL single-oracle requests: the model's fee vault (when the oracle was right).
    #[account(mut)]
    pub fee_vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL single-oracle requests: the oracle's earnings for the model (when it was right).
    #[account(mut)]
    pub earnings: Option<Box<Account<'info, Earnings>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

impl ResolveChallenge<'_> {
    pub fn validate(&self) -> Result<()> {
        let holder = match self.request.status {
            RequestStatus::Challenged { oracle, .. } => oracle,
            RequestStatus::Settled { .. } => return err!(EscrowError::RequestAlreadySettled),
            _ => return err!(EscrowError::RequestNotChallenged),
        };
        let DisputeStatus::NoQuorum { slot: since } = self.dispute.status else {
            return err!(EscrowError::ArbiterNotNeeded);
        };
        let ends = math::add(since, self.config.arbitration_timeout_slots)?;
        require!(Clock::get()?.slot <= ends, EscrowError::ArbitrationTimedOut);
        let given = self.oracle.as_ref().map(|oracle| oracle.key());
        let expected = (!self.request.policy.is_quorum()).then_some(holder);
        require!(given == expected, EscrowError::AccountMismatch);
        Ok(())
    }

    /// `oracle_was_wrong`: the result's producers (the holder, or the agreeing seats) and any
    /// silent seats lose their bonds to the challenger (held in the dispute with its bond, paid
    /// on close), and the escrow is owed back to the requester. Otherwise the result stands: a
    /// single-oracle request settles now, a quorum request through `settle_quorum`, and the
    /// challenge bond compensates the producers. Neither decision pays the treasury, which the
    /// admin controls.
    pub fn handler<'info>(
        ctx: Context<'info, ResolveChallenge<'info>>,
        oracle_was_wrong: bool,
    ) -> Result<()> {
        let slot = Clock::get()?.slot;
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let dispute_key = accounts.dispute.key();
        let RequestStatus::Challenged {
            oracle: holder,
            fulfilled_slot,
            ..
        } = accounts.request.status
        else {
            return err!(EscrowError::RequestNotChallenged);
        };
        accounts.dispute.status = DisputeStatus::Decided {
            oracle_was_wrong,
            slot,
        };

        if !oracle_was_wrong {
            // The result was right: the challenger's bond compensates its producers (the
            // holder, or the agreeing seats) for the delay, not the treasury the arbiter runs.
            let bond = accounts.dispute.bond;
            accounts.dispute.bond = 0;
            accounts.dispute.to_account_info().sub_lamports(bond)?;
            accounts
                .dispute
                .invariant(&accounts.dispute.to_account_info())?;
            match accounts.oracle.as_deref_mut() {
                Some(oracle) => credit_lamports(bond, &mut [oracle], &mut accounts.config)?,
                None => {
                    let agreed = accounts.request.agreed;
                    let (mut seats, _) =
                        load_seat_oracles(ctx.remaining_accounts, &accounts.request.seats)?;
                    credit_lamports(
                        bond,
                        &mut agreeing(&mut seats, agreed),
                        &mut accounts.config,
                    )?;
                    store_oracles(&seats)?;
                }
            }
            let settled = match accounts.oracle.as_deref_mut() {
                Some(oracle) => Some(settle(SingleSettlement {
                    request: &mut accounts.request,
                    model: &mut accounts.model,
                    oracle,
                    mint: accounts.mint.as_deref(),
                    vault: accounts.vault.as_deref(),
                    fee_vault: accounts.fee_vault.as_deref(),
                    earnings: accounts.earnings.as_deref_mut(),
                    token_program: accounts.token_program.as_ref(),
                })?),
                None => {
                    let request = &mut accounts.request;
                    request.status = RequestStatus::Fulfilled {
                        oracle: holder,
                        slot: fulfilled_slot,
                    };
                    request.disputed = true;
                    request.invariant(&request.to_account_info())?;
                    None
                }
            };
            emit_cpi!(ChallengeResolved {
                request: request_key,
                oracle: holder,
                oracle_was_wrong,
                refund: 0,
                slashed: 0,
            });
            emit_cpi!(DisputeDecided {
                request: request_key,
                dispute: dispute_key,
                outcome: DisputeOutcome::ArbiterConfirmed,
                refund: 0,
                slashed: 0,
                paid_to_reexecutors: 0,
                paid_to_producers: bond,
                bond_returned: 0,
            });
            if let Some(settled) = settled {
                emit_cpi!(settled);
            }
            return Ok(());
        }

        let slashed = match accounts.oracle.as_deref_mut() {
            Some(oracle) => end_holder(&mut accounts.request, oracle, true)?,
            None => {
                let mut seats = load_challenged(ctx.remaining_accounts, &accounts.request)?;
                let slashed = end_challenged(&mut accounts.request, &mut seats, true)?;
                store_oracles(&seats)?;
                slashed
            }
        };
        // The slashed bonds go to the challenger, who caught the wrong result and paid for the
        // round: never to the treasury the arbiter controls.
        let dispute = &mut accounts.dispute;
        dispute.to_account_info().add_lamports(slashed)?;
        dispute.bond = crate::math::add(dispute.bond, slashed)?;
        dispute.invariant(&dispute.to_account_info())?;
        let bond_returned = dispute.bond;
        let request = &mut accounts.request;
        request.status = RequestStatus::Refunded {
            oracle: holder,
            slot,
        };
        let refund = request.escrow;
        request.invariant(&request.to_account_info())?;
        if let Some(oracle) = &accounts.oracle {
            oracle.invariant(&oracle.to_account_info())?;
        }
        accounts
            .config
            .invariant(&accounts.config.to_account_info())?;
        let requester = accounts.request.requester;
        let holder_stake = accounts.oracle.as_ref().map(|oracle| oracle.stake);
        emit_cpi!(ChallengeResolved {
            request: request_key,
            oracle: holder,
            oracle_was_wrong,
            refund,
            slashed,
        });
        emit_cpi!(DisputeDecided {
            request: request_key,
            dispute: dispute_key,
            outcome: DisputeOutcome::ArbiterOverturned,
            refund,
            slashed,
            paid_to_reexecutors: 0,
            paid_to_producers: 0,
            bond_returned,
        });
        emit_cpi!(RequestRefunded {
            request: request_key,
            requester,
            reason: RefundReason::ChallengeUpheld,
            refund,
            slashed,
        });
        if let Some(stake) = holder_stake.filter(|_| slashed > 0) {
            emit_cpi!(OracleStakeChanged {
                oracle: holder,
                change: StakeChange::SlashedWrongResult,
                amount: slashed,
                stake,
            });
        }
        Ok(())
    }
}
