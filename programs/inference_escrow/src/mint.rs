//! Payment mints: which ones the program accepts, and creating the token accounts it owns.
//!
//! A model's mint is screened when the model is registered and again whenever a request
//! escrows tokens. Token-2022 extensions that let someone other than the program take, fee,
//! hook, pause or freeze-by-default the escrow are refused, each with its own error, and so is a
//! close authority: a mint whose supply reached zero could be closed and re-created at the same
//! address with other extensions, or under the other token program, whose token accounts the
//! model's fee vault could then not receive from. Extensions that only describe the mint
//! (metadata, groups, display scaling) are accepted; any other, unknown one is refused. A freeze
//! authority is accepted (USDC has one): a frozen account delays only the payouts that move
//! through it.

use anchor_lang::prelude::*;
use anchor_spl::{
    token::spl_token,
    token_2022::spl_token_2022::{
        self,
        extension::{BaseStateWithExtensions, ExtensionType, StateWithExtensions},
    },
    token_interface::{initialize_account3, InitializeAccount3},
};

use crate::{create::create_pda, errors::EscrowError};

/// Refuses a mint that is not an SPL Token or Token-2022 mint, or whose Token-2022 extensions
/// could take, fee, hook, pause or freeze the escrow.
pub fn screen(mint: &AccountInfo) -> Result<()> {
    if mint.owner == &spl_token::ID {
        return Ok(());
    }
    require_keys_eq!(
        *mint.owner,
        spl_token_2022::ID,
        EscrowError::WrongTokenProgram
    );
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<spl_token_2022::state::Mint>::unpack(&data)
        .map_err(|_| error!(EscrowError::WrongMint))?;
    let extensions = state
        .get_extension_types()
        .map_err(|_| error!(EscrowError::WrongMint))?;
    for extension in extensions {
        refuse_extension(extension)?;
    }
    Ok(())
}

/// The error for a mint extension the program refuses, or `Ok` for one it accepts.
fn refuse_extension(extension: ExtensionType) -> Result<()> {
    use ExtensionType as E;
    match extension {
        E::Uninitialized
        | E::InterestBearingConfig
        | E::MetadataPointer
        | E::TokenMetadata
        | E::GroupPointer
        | E::TokenGroup
        | E::GroupMemberPointer
        | E::TokenGroupMember
        | E::ScaledUiAmount => Ok(()),
        E::MintCloseAuthority => err!(EscrowError::MintHasCloseAuthority),
        E::TransferFeeConfig => err!(EscrowError::MintHasTransferFee),
        E::PermanentDelegate => err!(EscrowError::MintHasPermanentDelegate),
        E::TransferHook => err!(EscrowError::MintHasTransferHook),
        E::Pausable => err!(EscrowError::MintIsPausable),
        E::NonTransferable => err!(EscrowError::MintIsNonTransferable),
        E::DefaultAccountState => err!(EscrowError::MintHasDefaultAccountState),
        E::ConfidentialTransferMint
        | E::ConfidentialTransferFeeConfig
        | E::ConfidentialMintBurn => {
            err!(EscrowError::MintHasConfidentialTransfers)
        }
        _ => err!(EscrowError::MintExtensionNotAllowed),
    }
}

/// Size of a token account of `mint` under its token program: the base layout for SPL Token,
/// plus the account extensions the mint's extensions require under Token-2022.
fn token_account_len(mint: &AccountInfo) -> Result<usize> {
    let required = if mint.owner == &spl_token::ID {
        Vec::new()
    } else {
        let data = mint.try_borrow_data()?;
        let state = StateWithExtensions::<spl_token_2022::state::Mint>::unpack(&data)
            .map_err(|_| error!(EscrowError::WrongMint))?;
        let mint_extensions = state
            .get_extension_types()
            .map_err(|_| error!(EscrowError::WrongMint))?;
        ExtensionType::get_required_init_account_extensions(&mint_extensions)
    };
    // With no extension this is the 165-byte base layout both token programs share.
    ExtensionType::try_calculate_account_len::<spl_token_2022::state::Account>(&required)
        .map_err(|_| error!(EscrowError::WrongMint))
}

/// Creates the token account PDA `account` (signed for by `seeds`) of `mint`, whose authority
/// is `authority`; `payer` pays its rent. Works when the address was funded in advance.
pub fn create_token_account<'info>(
    payer: &AccountInfo<'info>,
    account: &AccountInfo<'info>,
    mint: &AccountInfo<'info>,
    authority: &AccountInfo<'info>,
    token_program: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    seeds: &[&[u8]],
) -> Result<()> {
    let space = token_account_len(mint)?;
    create_pda(
        payer,
        account,
        system_program,
        space,
        token_program.key,
        seeds,
    )?;
    initialize_account3(CpiContext::new(
        token_program.key(),
        InitializeAccount3 {
            account: account.clone(),
            mint: mint.clone(),
            authority: authority.clone(),
        },
    ))
}

/// The balance of a token account as the token program last wrote it (a deserialized copy goes
/// stale after a transfer in the same instruction).
pub fn token_amount(account: &AccountInfo) -> Result<u64> {
    // SPL Token and Token-2022 accounts share the base layout: mint, owner, then the amount.
    const AMOUNT_OFFSET: usize = 64;
    let data = account.try_borrow_data()?;
    let bytes = data
        .get(AMOUNT_OFFSET..AMOUNT_OFFSET + 8)
        .ok_or(EscrowError::InvalidVault)?;
    let mut amount = [0u8; 8];
    amount.copy_from_slice(bytes);
    Ok(u64::from_le_bytes(amount))
}
