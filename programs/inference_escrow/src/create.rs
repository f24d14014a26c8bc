//! Creating program accounts at addresses anyone may have funded first.
//!
//! Anchor 1.2's `init` creates an account that already holds lamports with the system
//! program's `CreateAccountAllowPrefund`, which the runtimes this project supports (the
//! `solana-program-test` bank and the localnet) refuse. A PDA's address is known in advance,
//! so anyone could send it a lamport and block its creation for good. Every account this
//! program creates goes through [`create_pda`] instead, which uses only `create_account`,
//! `transfer`, `allocate` and `assign`: instructions every runtime has.

use anchor_lang::{
    prelude::*,
    system_program::{
        allocate, assign, create_account, transfer, Allocate, Assign, CreateAccount, Transfer,
    },
    AccountSerialize,
};

use crate::errors::EscrowError;

/// Creates the PDA `target` (signed for by `signer_seeds`) with `space` bytes owned by `owner`,
/// `payer` paying its rent. A target that already holds lamports (pre-funded by anyone) is
/// topped up to rent exemption, allocated and assigned; one that already has data or another
/// owner is refused with [`EscrowError::AccountAlreadyExists`].
pub fn create_pda<'info>(
    payer: &AccountInfo<'info>,
    target: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
    space: usize,
    owner: &Pubkey,
    signer_seeds: &[&[u8]],
) -> Result<()> {
    require!(
        target.owner == &anchor_lang::system_program::ID && target.data_is_empty(),
        EscrowError::AccountAlreadyExists
    );
    let rent = Rent::get()?.minimum_balance(space);
    let signer = &[signer_seeds];
    let current = target.lamports();
    if current == 0 {
        return create_account(
            CpiContext::new_with_signer(
                system_program.key(),
                CreateAccount {
                    from: payer.clone(),
                    to: target.clone(),
                },
                signer,
            ),
            rent,
            space as u64,
            owner,
        );
    }
    let top_up = rent.saturating_sub(current);
    if top_up > 0 {
        transfer(
            CpiContext::new(
                system_program.key(),
                Transfer {
                    from: payer.clone(),
                    to: target.clone(),
                },
            ),
            top_up,
        )?;
    }
    allocate(
        CpiContext::new_with_signer(
            system_program.key(),
            Allocate {
                account_to_allocate: target.clone(),
            },
            signer,
        ),
        space as u64,
    )?;
    assign(
        CpiContext::new_with_signer(
            system_program.key(),
            Assign {
                account_to_assign: target.clone(),
            },
            signer,
        ),
        owner,
    )
}

/// Writes `value` (discriminator and body) into the freshly created `info`.
pub fn write_account<T: AccountSerialize>(info: &AccountInfo, value: &T) -> Result<()> {
    let mut data = info.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    value.try_serialize(&mut writer)
}
