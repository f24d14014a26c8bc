use anchor_lang::prelude::*;

use crate::{
    constants::{MAX_CALLBACK_ACCOUNTS, SEED_CALLBACK},
    errors::EscrowError,
};

/// One account a callback passes to its consumer instruction.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CallbackAccount {
    /// The account's address.
    pub pubkey: Pubkey,
    /// Whether the consumer may write it (it must be writable in `deliver_callback` too).
    pub writable: bool,
}

/// A consumer instruction to call once the request has ended (`deliver_callback`, sent by
/// anyone: a crank, the oracle, the consumer's keeper). The call gets the request, the request's
/// callback authority `["callback", request]` as a signer (proof that the escrow delivers this
/// request's callback), then
/// `accounts` in order; its instruction data is `discriminator` alone. Settlement never waits
/// for it and nothing it does can undo the request's outcome.
#[derive(AnchorSerialize, AnchorDeserialize, Clone, Debug, PartialEq, Eq)]
pub struct Callback {
    /// Program to call; not inference_escrow itself.
    pub program: Pubkey,
    /// Its instruction data: an Anchor instruction's 8-byte discriminator.
    pub discriminator: [u8; 8],
    /// Accounts passed after the request and the callback authority (at most
    /// `MAX_CALLBACK_ACCOUNTS`).
    pub accounts: Vec<CallbackAccount>,
}

impl Callback {
    /// Borsh size of a callback naming `accounts` accounts.
    pub const fn space(accounts: usize) -> usize {
        32 + 8 + 4 + accounts * (32 + 1)
    }

    /// Refuses a callback into this program, or one naming `request` itself or its callback
    /// authority among its accounts (`InvalidCallback`: the consumer would get the authority
    /// writable, or the request twice), or more than `MAX_CALLBACK_ACCOUNTS` accounts
    /// (`CallbackTooLarge`).
    pub fn validate(&self, request: &Pubkey) -> Result<()> {
        require_keys_neq!(self.program, crate::ID, EscrowError::InvalidCallback);
        require!(
            self.accounts.len() <= MAX_CALLBACK_ACCOUNTS as usize,
            EscrowError::CallbackTooLarge
        );
        let authority = Self::authority(request);
        let names_reserved = self
            .accounts
            .iter()
            .any(|account| account.pubkey == *request || account.pubkey == authority);
        require!(!names_reserved, EscrowError::InvalidCallback);
        Ok(())
    }

    /// The PDA that signs `request`'s callback call: `["callback", request]`.
    pub fn authority(request: &Pubkey) -> Pubkey {
        Pubkey::find_program_address(&[SEED_CALLBACK, request.as_ref()], &crate::ID).0
    }
}
