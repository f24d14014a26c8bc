//! Moving escrowed funds out of a request, and stake out of an oracle.
//!
//! SOL escrow is lamports held by the Request PDA above its rent; SPL escrow is a token account
//! at `["vault", request]` whose authority is the Request PDA, moved with `transfer_checked`
//! through the token interface (SPL Token and Token-2022 alike).

use anchor_lang::prelude::*;
use anchor_spl::token_interface::{
    close_account, transfer_checked, CloseAccount, Mint, TokenAccount, TokenInterface,
    TransferChecked,
};

use crate::{
    constants::SEED_VAULT,
    errors::EscrowError,
    math::{self, FeeSplit},
    state::{Oracle, Request},
};

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
        let (Some(mint), Some(vault), Some(token_program)) = (mint, vault, token_program) else {
            return err!(EscrowError::TokenAccountsMissing);
        };
        require_keys_eq!(mint.key(), expected_mint, EscrowError::WrongMint);
        require_keys_eq!(
            *mint.to_account_info().owner,
            token_program.key(),
            EscrowError::WrongTokenProgram
        );
        let expected_vault = Pubkey::create_program_address(
            &[SEED_VAULT, request_key.as_ref(), &[request.vault_bump]],
            &crate::ID,
        )
        .map_err(|_| error!(EscrowError::InvalidVault))?;
        require_keys_eq!(vault.key(), expected_vault, EscrowError::InvalidVault);
        Ok(Some(Self {
            mint,
            vault,
            token_program,
        }))
    }

    /// Checks that `account` is a token account of this mint owned by `owner`.
    pub fn check_payee(
        &self,
        account: Option<&InterfaceAccount<'info, TokenAccount>>,
        owner: &Pubkey,
    ) -> Result<()> {
        let account = account.ok_or(EscrowError::TokenAccountsMissing)?;
        require_keys_eq!(account.mint, self.mint.key(), EscrowError::WrongMint);
        require_keys_eq!(account.owner, *owner, EscrowError::WrongTokenAccountOwner);
        Ok(())
    }

    /// Transfers `amount` from the vault to `payee`'s token account, signed by the request.
    fn transfer_out(
        &self,
        request: &Account<'info, Request>,
        payee: &Payee<'_, 'info>,
        amount: u64,
    ) -> Result<()> {
        self.check_payee(payee.token_account, payee.wallet.key)?;
        let to = payee
            .token_account
            .ok_or(EscrowError::TokenAccountsMissing)?;
        request.with_signer_seeds(|seeds| {
            transfer_checked(
                CpiContext::new_with_signer(
                    self.token_program.key(),
                    TransferChecked {
                        from: self.vault.to_account_info(),
                        mint: self.mint.to_account_info(),
                        to: to.to_account_info(),
                        authority: request.to_account_info(),
                    },
                    seeds,
                ),
                amount,
                self.mint.decimals,
            )
        })
    }

    /// The vault's balance as the token program last wrote it (the deserialized copy goes stale
    /// after a transfer in the same instruction).
    fn live_vault_balance(&self) -> Result<u64> {
        // SPL Token and Token-2022 accounts share the base layout: mint, owner, then the amount.
        const AMOUNT_OFFSET: usize = 64;
        let info = self.vault.to_account_info();
        let data = info.try_borrow_data()?;
        let bytes = data
            .get(AMOUNT_OFFSET..AMOUNT_OFFSET + 8)
            .ok_or(EscrowError::InvalidVault)?;
        let mut amount = [0u8; 8];
        amount.copy_from_slice(bytes);
        Ok(u64::from_le_bytes(amount))
    }

    /// Sends anything left in the vault (tokens sent to it after the escrow was paid out) to
    /// `payee`, then closes the vault, returning its rent to `payee.wallet`.
    pub fn sweep_and_close_vault(
        &self,
        request: &Account<'info, Request>,
        payee: &Payee<'_, 'info>,
    ) -> Result<()> {
        let leftover = self.live_vault_balance()?;
        if leftover > 0 {
            self.transfer_out(request, payee, leftover)?;
        }
        request.with_signer_seeds(|seeds| {
            close_account(CpiContext::new_with_signer(
                self.token_program.key(),
                CloseAccount {
                    account: self.vault.to_account_info(),
                    destination: payee.wallet.clone(),
                    authority: request.to_account_info(),
                },
                seeds,
            ))
        })
    }
}

/// Where one share of the escrow goes: a wallet, and for SPL requests its token account.
pub struct Payee<'a, 'info> {
    /// The wallet paid in SOL requests, and the owner of `token_account` in SPL requests.
    pub wallet: &'a AccountInfo<'info>,
    /// The wallet's token account of the payment mint (SPL requests only).
    pub token_account: Option<&'a InterfaceAccount<'info, TokenAccount>>,
}

/// Pays `amount` out of the request's escrow to `payee` and lowers `request.escrow`.
pub fn release<'info>(
    request: &mut Account<'info, Request>,
    token: Option<&TokenEscrow<'_, 'info>>,
    payee: &Payee<'_, 'info>,
    amount: u64,
) -> Result<()> {
    request.escrow = math::sub(request.escrow, amount)?;
    if amount == 0 {
        return Ok(());
    }
    match token {
        None => {
            request.to_account_info().sub_lamports(amount)?;
            payee.wallet.add_lamports(amount)?;
        }
        Some(token) => token.transfer_out(request, payee, amount)?,
    }
    Ok(())
}

/// Pays the whole escrow back to the requester (`requester`); returns the amount.
pub fn refund<'info>(
    request: &mut Account<'info, Request>,
    token: Option<&TokenEscrow<'_, 'info>>,
    requester: &Payee<'_, 'info>,
) -> Result<u64> {
    let amount = request.escrow;
    release(request, token, requester, amount)?;
    Ok(amount)
}

/// Takes `bps` of the oracle's stake and pays it to `to` (lamports); returns the amount.
pub fn slash<'info>(
    oracle: &mut Account<'info, Oracle>,
    bps: u16,
    to: &AccountInfo<'info>,
) -> Result<u64> {
    let amount = math::bps_of(oracle.stake, bps)?;
    if amount == 0 {
        return Ok(0);
    }
    oracle.stake = math::sub(oracle.stake, amount)?;
    oracle.total_slashed = math::add(oracle.total_slashed, amount)?;
    oracle.slashes = math::add(oracle.slashes, 1)?;
    oracle.to_account_info().sub_lamports(amount)?;
    to.add_lamports(amount)?;
    Ok(amount)
}

/// The three payees of a settled request.
pub struct SplitPayees<'a, 'info> {
    /// The oracle's authority.
    pub oracle: Payee<'a, 'info>,
    /// The model owner (royalty).
    pub model_owner: Payee<'a, 'info>,
    /// The config treasury (protocol fee).
    pub treasury: Payee<'a, 'info>,
}

/// Pays the whole escrow out by the request's snapshotted fee rates; returns the split.
pub fn pay_split<'info>(
    request: &mut Account<'info, Request>,
    token: Option<&TokenEscrow<'_, 'info>>,
    payees: &SplitPayees<'_, 'info>,
) -> Result<FeeSplit> {
    let split = FeeSplit::compute(
        request.escrow,
        request.protocol_fee_bps,
        request.royalty_bps,
    )?;
    release(request, token, &payees.treasury, split.protocol)?;
    release(request, token, &payees.model_owner, split.royalty)?;
    release(request, token, &payees.oracle, split.oracle)?;
    Ok(split)
}
