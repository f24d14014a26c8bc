use anchor_lang::prelude::*;
use anchor_spl::token_interface::{Mint, TokenAccount, TokenInterface};

use crate::{
    constants::{SEED_CONFIG, SEED_ORACLE, SEED_REQUEST},
    errors::EscrowError,
    escrow::{pay_split, refund, slash, Payee, SplitPayees, TokenEscrow},
    events::{ChallengeResolved, OracleStakeChanged, RefundReason, RequestRefunded, StakeChange},
    instructions::crank::{record_settlement, settled_event},
    math::FeeSplit,
    state::{Config, Model, Oracle, Request, RequestStatus},
};

#[event_cpi]
#[derive(Accounts)]
pub struct ResolveChallenge<'info> {
    /// The config admin, acting as arbiter.
    pub admin: Signer<'info>,
    #[account(seeds = [SEED_CONFIG], bump = config.bump, has_one = admin @ EscrowError::NotAdmin)]
    pub config: Box<Account<'info, Config>>,
    #[account(
        mut,
        seeds = [SEED_REQUEST, request.requester.as_ref(), &request.nonce.to_le_bytes()],
        bump = request.bump,
    )]
    pub request: Box<Account<'info, Request>>,
    #[account(mut, address = request.model @ EscrowError::AccountMismatch)]
    pub model: Box<Account<'info, Model>>,
    #[account(mut, seeds = [SEED_ORACLE, oracle.authority.as_ref()], bump = oracle.bump)]
    pub oracle: Box<Account<'info, Oracle>>,
    /// CHECK: receives the refund and the slash; must be the request's requester.
    #[account(mut, address = request.requester @ EscrowError::AccountMismatch)]
    pub requester: UncheckedAccount<'info>,
    /// CHECK: receives the oracle's share; must be the oracle's authority.
    #[account(mut, address = oracle.authority @ EscrowError::AccountMismatch)]
    pub oracle_authority: UncheckedAccount<'info>,
    /// CHECK: receives the royalty; must be the model's owner.
    #[account(mut, address = model.owner @ EscrowError::AccountMismatch)]
    pub model_owner: UncheckedAccount<'info>,
    /// CHECK: receives the protocol fee; must be the config's treasury.
    #[account(mut, address = config.treasury @ EscrowError::AccountMismatch)]
    pub treasury: UncheckedAccount<'info>,
    /// SPL requests: the payment mint.
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// SPL requests: the request's vault.
    #[account(mut)]
    pub vault: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the requester's token account (refund when the oracle was wrong).
    #[account(mut, dup)]
    pub requester_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the oracle authority's token account (when the oracle was right).
    #[account(mut, dup)]
    pub oracle_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the model owner's token account (when the oracle was right).
    #[account(mut, dup)]
    pub owner_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// SPL requests: the treasury's token account (when the oracle was right).
    #[account(mut, dup)]
    pub treasury_token: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

/// What the arbiter's decision did with the escrow.
enum Outcome {
    /// Refunded to the requester, who also received `slashed` of the oracle's stake (now `stake`).
    Refunded {
        refunded: u64,
        slashed: u64,
        stake: u64,
    },
    /// Paid out as a settlement.
    Settled(FeeSplit),
}

impl ResolveChallenge<'_> {
    pub fn validate(&self) -> Result<()> {
        let oracle = match self.request.status {
            RequestStatus::Challenged { oracle, .. } => oracle,
            RequestStatus::Settled { .. } => return err!(EscrowError::RequestAlreadySettled),
            _ => return err!(EscrowError::RequestNotChallenged),
        };
        require_keys_eq!(oracle, self.oracle.key(), EscrowError::AccountMismatch);
        Ok(())
    }

    /// `oracle_was_wrong`: refund and slash, or pay out as a normal settlement.
    pub fn handler(ctx: Context<Self>, oracle_was_wrong: bool) -> Result<()> {
        let accounts = &mut *ctx.accounts;
        let request_key = accounts.request.key();
        let oracle_key = accounts.oracle.key();
        let token = TokenEscrow::load(
            &request_key,
            &accounts.request,
            accounts.mint.as_deref(),
            accounts.vault.as_deref(),
            accounts.token_program.as_ref(),
        )?;
        let requester_info = accounts.requester.to_account_info();
        let outcome = if oracle_was_wrong {
            let refunded = refund(
                &mut accounts.request,
                token.as_ref(),
                &Payee {
                    wallet: &requester_info,
                    token_account: accounts.requester_token.as_deref(),
                },
            )?;
            let oracle = &mut accounts.oracle;
            let slashed = slash(
                oracle,
                accounts.config.wrong_result_slash_bps,
                &requester_info,
            )?;
            oracle.release_claim()?;
            let stake = oracle.stake;
            accounts.request.status = RequestStatus::Refunded {
                oracle: oracle_key,
                slot: Clock::get()?.slot,
            };
            Outcome::Refunded {
                refunded,
                slashed,
                stake,
            }
        } else {
            let oracle_info = accounts.oracle_authority.to_account_info();
            let owner_info = accounts.model_owner.to_account_info();
            let treasury_info = accounts.treasury.to_account_info();
            let payees = SplitPayees {
                oracle: Payee {
                    wallet: &oracle_info,
                    token_account: accounts.oracle_token.as_deref(),
                },
                model_owner: Payee {
                    wallet: &owner_info,
                    token_account: accounts.owner_token.as_deref(),
                },
                treasury: Payee {
                    wallet: &treasury_info,
                    token_account: accounts.treasury_token.as_deref(),
                },
            };
            let split = pay_split(&mut accounts.request, token.as_ref(), &payees)?;
            record_settlement(
                &mut accounts.request,
                &mut accounts.model,
                &mut accounts.oracle,
                oracle_key,
                &split,
            )?;
            Outcome::Settled(split)
        };
        accounts
            .request
            .invariant(&accounts.request.to_account_info())?;
        accounts
            .oracle
            .invariant(&accounts.oracle.to_account_info())?;
        accounts.model.invariant()?;
        let requester = accounts.request.requester;

        // The decision, then the money it moved.
        let (refunded, slashed) = match outcome {
            Outcome::Refunded {
                refunded, slashed, ..
            } => (refunded, slashed),
            Outcome::Settled(_) => (0, 0),
        };
        emit_cpi!(ChallengeResolved {
            request: request_key,
            oracle: oracle_key,
            oracle_was_wrong,
            refunded,
            slashed,
        });
        match outcome {
            Outcome::Settled(split) => emit_cpi!(settled_event(request_key, oracle_key, &split)),
            Outcome::Refunded {
                refunded,
                slashed,
                stake,
            } => {
                emit_cpi!(RequestRefunded {
                    request: request_key,
                    requester,
                    reason: RefundReason::ChallengeUpheld,
                    refunded,
                    slashed,
                });
                if slashed > 0 {
                    emit_cpi!(OracleStakeChanged {
                        oracle: oracle_key,
                        change: StakeChange::SlashedWrongResult,
                        amount: slashed,
                        stake,
                    });
                }
            }
        }
        Ok(())
    }
}
