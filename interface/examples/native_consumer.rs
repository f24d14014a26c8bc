//! A consumer program without Anchor: the callback instruction of a program written against the
//! Solana component crates alone. It believes a score only when the escrow is delivering this
//! request's callback to it, for its model, paid by its wallet, settled.
//!
//! Accounts: `[request, callback authority (signer), wallet]`, as the request's callback names
//! them (`Callback { accounts: [wallet] }`).

use inference_escrow_interface::{verify_callback, Accept, InterfaceError, Pubkey};
use solana_account_info::AccountInfo;
use solana_program_error::{ProgramError, ProgramResult};

/// The one model this consumer accepts.
const MODEL: Pubkey = Pubkey::new_from_array([7; 32]);

/// The callback's handler (the program's entrypoint would route its discriminator here).
pub fn on_result(program_id: &Pubkey, accounts: &[AccountInfo]) -> ProgramResult {
    let [request, authority, wallet] = accounts else {
        return Err(ProgramError::NotEnoughAccountKeys);
    };
    let state = verify_callback(program_id, request, authority)?;
    match state.result_f32::<1>(&MODEL, wallet.key, Accept::Settled) {
        Ok([score]) => solana_msg::msg!("score {}", score),
        // Ended without a result: the price waits in the request for its requester.
        Err(InterfaceError::NoResult(_)) => solana_msg::msg!("no score"),
        Err(refusal) => return Err(refusal.into()),
    }
    Ok(())
}

fn main() {
    // Built as an example so that `cargo test` compiles it; there is nothing to run.
    let _ = on_result;
}
