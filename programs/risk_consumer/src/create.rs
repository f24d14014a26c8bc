//! Creating this program's accounts at addresses anyone may have funded first.
//!
//! Anchor 1.2's `init` creates an account that already holds lamports with the system
//! program's `CreateAccountAllowPrefund`, which some runtimes refuse; a PDA's address is known
//! in advance, so one lamport sent there would block its creation for good. [`create_pda`] uses
//! only `create_account`, `transfer`, `allocate` and `assign`. (inference_escrow does the same;
//! this example keeps its own copy so that it depends on nothing of the escrow but its
//! interface crate.)

use anchor_lang::{
    prelude::*,
    system_program::{
        allocate, assign, create_account, transfer, Allocate, Assign, CreateAccount, Transfer,
    },
    AccountSerialize,
};

use crate::errors::RiskError;

/// Creates the PDA `target` (signed for by `signer_seeds`) with `space` bytes owned by `owner`,
/// `payer` paying its rent; a pre-funded target is topped up, allocated and assigned, one with
/// data or another owner refused (`AccountAlreadyExists`).
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
        RiskError::AccountAlreadyExists
    );
    let rent = Rent::get()?.minimum_balance(space);
    let signer = &[signer_seeds];
    let program = system_program.key();
    let current = target.lamports();
    if current == 0 {
        let accounts = CreateAccount {
            from: payer.clone(),
            to: target.clone(),
        };
        let ctx = CpiContext::new_with_signer(program, accounts, signer);
        return create_account(ctx, rent, space as u64, owner);
    }
    let top_up = rent.saturating_sub(current);
    if top_up > 0 {
        let accounts = Transfer {
            from: payer.clone(),
            to: target.clone(),
        };
        transfer(CpiContext::new(program, accounts), top_up)?;
    }
    let accounts = Allocate {
        account_to_allocate: target.clone(),
    };
    allocate(
        CpiContext::new_with_signer(program, accounts, signer),
        space as u64,
    )?;
    let accounts = Assign {
        account_to_assign: target.clone(),
    };
    assign(
        CpiContext::new_with_signer(program, accounts, signer),
        owner,
    )
}

/// Writes `value` (discriminator and body) into the freshly created `info`.
pub fn write_account<T: AccountSerialize>(info: &AccountInfo, value: &T) -> Result<()> {
    let mut data = info.try_borrow_mut_data()?;
    let mut writer: &mut [u8] = &mut data;
    value.try_serialize(&mut writer)
}
