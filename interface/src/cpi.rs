//! The [`crate::instruction`] builders, invoked by CPI with the requester's signer seeds.

use solana_account_info::AccountInfo;
use solana_program_error::ProgramResult;

use crate::instruction::{self, CreateRequest};

/// The accounts `create_request` takes, in any order the caller has them.
pub struct CreateRequestAccounts<'a, 'info> {
    /// Pays price and rent: a system-owned account without data (a wallet PDA).
    pub requester: &'a AccountInfo<'info>,
    /// [`crate::CONFIG`].
    pub config: &'a AccountInfo<'info>,
    /// The model.
    pub model: &'a AccountInfo<'info>,
    /// [`crate::request_address`]`(requester, nonce)`, not yet created.
    pub request: &'a AccountInfo<'info>,
    /// The system program.
    pub system_program: &'a AccountInfo<'info>,
    /// [`crate::EVENT_AUTHORITY`].
    pub event_authority: &'a AccountInfo<'info>,
    /// inference_escrow itself.
    pub escrow_program: &'a AccountInfo<'info>,
}

/// Invokes `create_request`, the requester signing with `signer_seeds` (empty when it signed
/// the transaction itself).
pub fn create_request(
    accounts: CreateRequestAccounts,
    args: &CreateRequest,
    signer_seeds: &[&[&[u8]]],
) -> ProgramResult {
    let ix = instruction::create_request(accounts.requester.key, accounts.model.key, args);
    solana_invoke::invoke_signed(
        &ix,
        &[
            accounts.requester.clone(),
            accounts.config.clone(),
            accounts.model.clone(),
            accounts.request.clone(),
            accounts.system_program.clone(),
            accounts.event_authority.clone(),
            accounts.escrow_program.clone(),
        ],
        signer_seeds,
    )
}

/// The accounts `close_request` of a SOL request takes.
pub struct CloseRequestAccounts<'a, 'info> {
    /// The request's requester: receives rent and any refund.
    pub requester: &'a AccountInfo<'info>,
    /// The ended request.
    pub request: &'a AccountInfo<'info>,
    /// [`crate::EVENT_AUTHORITY`].
    pub event_authority: &'a AccountInfo<'info>,
    /// inference_escrow itself.
    pub escrow_program: &'a AccountInfo<'info>,
}

/// Invokes `close_request`, the requester signing with `signer_seeds`.
pub fn close_request(accounts: CloseRequestAccounts, signer_seeds: &[&[&[u8]]]) -> ProgramResult {
    let ix = instruction::close_request(accounts.requester.key, accounts.request.key);
    solana_invoke::invoke_signed(
        &ix,
        &[
            accounts.requester.clone(),
            accounts.request.clone(),
            accounts.event_authority.clone(),
            accounts.escrow_program.clone(),
        ],
        signer_seeds,
    )
}
