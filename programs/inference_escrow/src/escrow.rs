//! Moving money: escrow into owed balances, bonds into the treasury's balance, owed balances
//! out to their payees.
//!
//! Rule: settling, failing, expiring and resolving a request move funds only between accounts
//! this program controls (the request and its vault, the model and its fee vault, the oracle,
//! the config). What each party is owed is recorded there and pushed to the party by a
//! `collect_*` instruction (anyone may send it; the money goes only to the recorded payee). A
//! payee that cannot accept its money (no token account, below rent, frozen) delays only its
//! own payout; no counterparty's account can stop a request from ending.
//!
//! SOL escrow is lamports held by the Request PDA above its rent. SPL escrow is a token account
//! at `["vault", request]` whose authority is the Request PDA; settled SPL shares move to the
//! model's fee vault `["fee_vault", model]` (authority: the Model PDA). Both token programs
//! are used through the token interface with `transfer_checked`.

use anchor_lang::prelude::*;
use anchor_spl::token_interface::{
    close_account, transfer_checked, CloseAccount, Mint, TokenAccount, TokenInterface,
    TransferChecked,
};

use crate::{
    constants::{SEED_FEE_VAULT, SEED_VAULT},
    errors::EscrowError,
    math::{self, FeeSplit},
    state::{Config, Earnings, Model, Oracle, Request},
};

/// Checks that `account` is a token account of `mint` owned by `owner` and not frozen.
pub fn check_payee_token(
    account: &InterfaceAccount<TokenAccount>,
    mint: &Pubkey,
    owner: &Pubkey,
) -> Result<()> {
    require_keys_eq!(account.mint, *mint, EscrowError::WrongMint);
    require_keys_eq!(account.owner, *owner, EscrowError::WrongTokenAccountOwner);
    require!(!account.is_frozen(), EscrowError::TokenAccountFrozen);
    Ok(())
}

/// The optional token accounts an instruction was given: mint, token account, token program.
type MaybeTokenAccounts<'a, 'info> = (
    Option<&'a InterfaceAccount<'info, Mint>>,
    Option<&'a InterfaceAccount<'info, TokenAccount>>,
    Option<&'a Interface<'info, TokenInterface>>,
);

/// The token accounts of a program-owned vault, all present and consistent: the mint is
/// `expected_mint`, the mint and the vault belong to the token program passed, and the vault
/// sits at the PDA of `seeds` (bump included; `wrong_address` otherwise).
#[allow(clippy::type_complexity)]
fn check_vault<'a, 'info>(
    expected_mint: Pubkey,
    (mint, vault, token_program): MaybeTokenAccounts<'a, 'info>,
    seeds: &[&[u8]],
    wrong_address: EscrowError,
) -> Result<(
    &'a InterfaceAccount<'info, Mint>,
    &'a InterfaceAccount<'info, TokenAccount>,
    &'a Interface<'info, TokenInterface>,
)> {
    let (Some(mint), Some(vault), Some(token_program)) = (mint, vault, token_program) else {
        return err!(EscrowError::TokenAccountsMissing);
    };
    require_keys_eq!(mint.key(), expected_mint, EscrowError::WrongMint);
    for owner in [mint.to_account_info().owner, vault.to_account_info().owner] {
        require_keys_eq!(*owner, token_program.key(), EscrowError::WrongTokenProgram);
    }
    let expected =
        Pubkey::create_program_address(seeds, &crate::ID).map_err(|_| error!(wrong_address))?;
    require_keys_eq!(vault.key(), expected, wrong_address);
    Ok((mint, vault, token_program))
}

/// The token-side accounts of an SPL-escrowed request, checked against the request.
pub struct TokenEscrow<'a, 'info> {
    /// The request's payment mint.
    pub mint: &'a InterfaceAccount<'info, Mint>,
    /// The request's vault.
    pub vault: &'a InterfaceAccount<'info, TokenAccount>,
    /// The token program that owns the mint.
    pub token_program: &'a Interface<'info, TokenInterface>,
}

impl<'a, 'info> TokenEscrow<'a, 'info> {
    /// Returns the token accounts of an SPL request (all required), or `None` for a SOL request
    /// (none allowed).
    pub fn load(
        request_key: &Pubkey,
        request: &Request,
        mint: Option<&'a InterfaceAccount<'info, Mint>>,
        vault: Option<&'a InterfaceAccount<'info, TokenAccount>>,
        token_program: Option<&'a Interface<'info, TokenInterface>>,
    ) -> Result<Option<Self>> {
        let Some(expected_mint) = request.mint else {
            require!(
                mint.is_none() && vault.is_none() && token_program.is_none(),
                EscrowError::UnexpectedTokenAccounts
            );
            return Ok(None);
        };
        let (mint, vault, token_program) = check_vault(
            expected_mint,
            (mint, vault, token_program),
            &[SEED_VAULT, request_key.as_ref(), &[request.vault_bump]],
            EscrowError::InvalidVault,
        )?;
        Ok(Some(Self {
            mint,
            vault,
            token_program,
        }))
    }

    /// Whether the vault is frozen (its tokens cannot move until the mint's freeze authority
    /// thaws it).
    pub fn is_frozen(&self) -> bool {
        self.vault.is_frozen()
    }

    /// Transfers `amount` from the vault to `to`, signed by the request.
    fn transfer(
        &self,
        request: &Account<'info, Request>,
        to: &AccountInfo<'info>,
        amount: u64,
    ) -> Result<()> {
        request.with_signer_seeds(|seeds| {
            transfer_checked(
                CpiContext::new_with_signer(
                    self.token_program.key(),
                    TransferChecked {
                        from: self.vault.to_account_info(),
                        mint: self.mint.to_account_info(),
                        to: to.clone(),
                        authority: request.to_account_info(),
                    },
                    seeds,
                ),
                amount,
                self.mint.decimals,
            )
        })
    }

    /// Pays the requester what the request owes it (`request.escrow`) plus anything sent to the
    /// vault by others, into `requester_token`, then closes the vault, returning its rent to
    /// `rent_to`. Returns the escrow paid.
    pub fn refund_and_close(
        &self,
        request: &mut Account<'info, Request>,
        requester_token: Option<&InterfaceAccount<'info, TokenAccount>>,
        rent_to: &AccountInfo<'info>,
    ) -> Result<u64> {
        require!(!self.is_frozen(), EscrowError::TokenAccountFrozen);
        let refund = request.escrow;
        request.escrow = 0;
        let balance = crate::mint::token_amount(&self.vault.to_account_info())?;
        if balance > 0 {
            let to = requester_token.ok_or(EscrowError::TokenAccountsMissing)?;
            check_payee_token(to, &self.mint.key(), &request.requester)?;
            self.transfer(request, &to.to_account_info(), balance)?;
        }
        request.with_signer_seeds(|seeds| {
            close_account(CpiContext::new_with_signer(
                self.token_program.key(),
                CloseAccount {
                    account: self.vault.to_account_info(),
                    destination: rent_to.clone(),
                    authority: request.to_account_info(),
                },
                seeds,
            ))
        })?;
        Ok(refund)
    }
}

/// An SPL model's fee vault, checked against the model.
pub struct FeeVault<'a, 'info> {
    /// The model's payment mint.
    pub mint: &'a InterfaceAccount<'info, Mint>,
    /// The vault `["fee_vault", model]`.
    pub vault: &'a InterfaceAccount<'info, TokenAccount>,
    /// The token program that owns the mint.
    pub token_program: &'a Interface<'info, TokenInterface>,
}

impl<'a, 'info> FeeVault<'a, 'info> {
    /// The fee vault of the SPL model `model` (all accounts required).
    pub fn load(
        model_key: &Pubkey,
        model: &Model,
        mint: Option<&'a InterfaceAccount<'info, Mint>>,
        vault: Option<&'a InterfaceAccount<'info, TokenAccount>>,
        token_program: Option<&'a Interface<'info, TokenInterface>>,
    ) -> Result<Self> {
        let expected_mint = model.mint.ok_or(EscrowError::UnexpectedTokenAccounts)?;
        let (mint, vault, token_program) = check_vault(
            expected_mint,
            (mint, vault, token_program),
            &[SEED_FEE_VAULT, model_key.as_ref(), &[model.fee_vault_bump]],
            EscrowError::InvalidFeeVault,
        )?;
        Ok(Self {
            mint,
            vault,
            token_program,
        })
    }

    /// Pays `amount` from the fee vault to `to`, a token account `owner` holds, signed by the
    /// model.
    pub fn pay(
        &self,
        model: &Account<'info, Model>,
        to: &InterfaceAccount<'info, TokenAccount>,
        owner: &Pubkey,
        amount: u64,
    ) -> Result<()> {
        require!(!self.vault.is_frozen(), EscrowError::TokenAccountFrozen);
        check_payee_token(to, &self.mint.key(), owner)?;
        model.with_signer_seeds(|seeds| {
            transfer_checked(
                CpiContext::new_with_signer(
                    self.token_program.key(),
                    TransferChecked {
                        from: self.vault.to_account_info(),
                        mint: self.mint.to_account_info(),
                        to: to.to_account_info(),
                        authority: model.to_account_info(),
                    },
                    seeds,
                ),
                amount,
                self.mint.decimals,
            )
        })
    }
}

/// The SPL side of paying out a settled request: its vault and the model's fee vault.
pub struct SplPayout<'a, 'info> {
    /// The request's escrow.
    pub escrow: TokenEscrow<'a, 'info>,
    /// Where the shares go.
    pub fee_vault: FeeVault<'a, 'info>,
}

/// An oracle that earns part of the oracle share of a payout: the single oracle of a request,
/// or each agreeing seat of a quorum request.
pub struct Earner<'a, 'info> {
    /// The Oracle account (PDA) that earns.
    pub oracle_key: Pubkey,
    /// SOL requests: its account, credited with its share (`fees_owed`).
    pub oracle: Option<&'a mut Account<'info, Oracle>>,
    /// SPL requests: its earnings for the model, credited with its share in tokens.
    pub earnings: Option<&'a mut Account<'info, Earnings>>,
}

/// How a settlement paid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payout {
    /// The three shares.
    pub split: FeeSplit,
    /// A frozen SPL vault kept the tokens in the request's vault; `release_payout` moves them
    /// once it is thawed.
    pub deferred: bool,
}

/// Credits the request's escrow to the owed balances by its snapshotted fee rates: the royalty
/// and protocol fee to the model; the oracle share to the `earners` in equal parts (the first
/// gets the remainder of the division), to each one's Oracle account (SOL) or its earnings in
/// the model's fee vault (SPL). Only program-controlled accounts are touched. An SPL payout
/// whose vault or fee vault is frozen is deferred (`deferred`), leaving the escrow in place.
pub fn pay_out<'info>(
    request: &mut Account<'info, Request>,
    model: &mut Account<'info, Model>,
    earners: &mut [Earner<'_, 'info>],
    spl: Option<SplPayout<'_, 'info>>,
) -> Result<Payout> {
    let split = FeeSplit::compute(
        request.escrow,
        request.protocol_fee_bps,
        request.royalty_bps,
    )?;
    require!(!earners.is_empty(), EscrowError::AccountMismatch);
    let count = earners.len();
    let share = |rank: usize| math::equal_share(split.oracle, count, rank);
    match spl {
        None => {
            let to_model = math::add(split.royalty, split.protocol)?;
            request.to_account_info().sub_lamports(request.escrow)?;
            model.to_account_info().add_lamports(to_model)?;
            for (i, earner) in earners.iter_mut().enumerate() {
                let oracle = earner
                    .oracle
                    .as_deref_mut()
                    .ok_or(EscrowError::AccountMismatch)?;
                require_keys_eq!(
                    oracle.key(),
                    earner.oracle_key,
                    EscrowError::AccountMismatch
                );
                oracle.to_account_info().add_lamports(share(i))?;
                oracle.fees_owed = math::add(oracle.fees_owed, share(i))?;
            }
        }
        Some(spl) => {
            if spl.escrow.is_frozen() || spl.fee_vault.vault.is_frozen() {
                return Ok(Payout {
                    split,
                    deferred: true,
                });
            }
            for earner in earners.iter() {
                let earnings = earner
                    .earnings
                    .as_deref()
                    .ok_or(EscrowError::TokenAccountsMissing)?;
                earnings.check(&request.model, &earner.oracle_key)?;
            }
            spl.escrow.transfer(
                request,
                &spl.fee_vault.vault.to_account_info(),
                request.escrow,
            )?;
            for (i, earner) in earners.iter_mut().enumerate() {
                if let Some(earnings) = earner.earnings.as_deref_mut() {
                    earnings.owed = math::add(earnings.owed, share(i))?;
                }
            }
            model.oracle_fees_owed = math::add(model.oracle_fees_owed, split.oracle)?;
        }
    }
    model.royalty_owed = math::add(model.royalty_owed, split.royalty)?;
    model.protocol_fee_owed = math::add(model.protocol_fee_owed, split.protocol)?;
    request.escrow = 0;
    Ok(Payout {
        split,
        deferred: false,
    })
}

/// Ends the holder's obligation without fault: unlocks the request's bond.
pub fn release_bond(request: &mut Request, oracle: &mut Oracle) -> Result<()> {
    oracle.release_claim(request.bond)?;
    request.bond = 0;
    Ok(())
}

/// Ends the holder's obligation by its fault: its bond on this request is slashed into the
/// config, owed to the treasury. Returns the amount.
pub fn slash_bond<'info>(
    request: &mut Request,
    oracle: &mut Account<'info, Oracle>,
    config: &mut Account<'info, Config>,
) -> Result<u64> {
    let amount = request.bond;
    oracle.release_claim(amount)?;
    request.bond = 0;
    if amount == 0 {
        return Ok(0);
    }
    oracle.stake = math::sub(oracle.stake, amount)?;
    oracle.total_slashed = math::add(oracle.total_slashed, amount)?;
    oracle.slashes = oracle.slashes.saturating_add(1);
    oracle.to_account_info().sub_lamports(amount)?;
    config.to_account_info().add_lamports(amount)?;
    config.slashed_owed = math::add(config.slashed_owed, amount)?;
    Ok(amount)
}

/// Pays `amount` lamports held by the program-owned `from` to `payee`, refusing with
/// [`EscrowError::PayeeCannotReceive`] when the payee would stay below rent exemption (a system
/// wallet with too few lamports to exist).
pub fn pay_lamports(from: &AccountInfo, payee: &AccountInfo, amount: u64) -> Result<()> {
    let rent = Rent::get()?.minimum_balance(payee.data_len());
    require!(
        (payee.lamports() as u128) + (amount as u128) >= rent as u128,
        EscrowError::PayeeCannotReceive
    );
    from.sub_lamports(amount)?;
    payee.add_lamports(amount)?;
    Ok(())
}

/// Pays `amount` owed by `model` to `payee`: lamports from the model account for a SOL model
/// (no token accounts allowed), tokens from its fee vault to `payee_token` (a token account
/// `payee` owns) for an SPL model.
pub fn pay_from_model<'info>(
    model: &Account<'info, Model>,
    payee: &AccountInfo<'info>,
    mint: Option<&InterfaceAccount<'info, Mint>>,
    fee_vault: Option<&InterfaceAccount<'info, TokenAccount>>,
    payee_token: Option<&InterfaceAccount<'info, TokenAccount>>,
    token_program: Option<&Interface<'info, TokenInterface>>,
    amount: u64,
) -> Result<()> {
    if model.mint.is_none() {
        require!(
            mint.is_none()
                && fee_vault.is_none()
                && payee_token.is_none()
                && token_program.is_none(),
            EscrowError::UnexpectedTokenAccounts
        );
        return pay_lamports(&model.to_account_info(), payee, amount);
    }
    let vault = FeeVault::load(&model.key(), model, mint, fee_vault, token_program)?;
    let to = payee_token.ok_or(EscrowError::TokenAccountsMissing)?;
    vault.pay(model, to, payee.key, amount)
}
