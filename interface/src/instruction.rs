//! Instruction builders for what a consumer sends: `create_request` (SOL-priced models) and
//! `close_request`. Each fills in the escrow's derived accounts.

use solana_instruction::{AccountMeta, Instruction};
use solana_pubkey::{pubkey, Pubkey};

use crate::{decode::Writer, request_address, Callback, CONFIG, EVENT_AUTHORITY, ID};

/// The system program.
pub const SYSTEM_PROGRAM: Pubkey = pubkey!("11111111111111111111111111111111");
/// Anchor's discriminator of `create_request`.
pub const CREATE_REQUEST: [u8; 8] = [219, 191, 93, 237, 18, 44, 42, 84];
/// Anchor's discriminator of `close_request`.
pub const CLOSE_REQUEST: [u8; 8] = [170, 46, 165, 120, 223, 102, 115, 2];

/// A request's input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// The bytes (a little-endian tensor matching the model's input schema; at most the
    /// config's `max_input_len`, 768 at most).
    Inline(Vec<u8>),
    /// Where the oracle fetches the bytes, and their SHA-256.
    Uri { uri: String, sha256: [u8; 32] },
}

/// What `create_request` takes (the escrow's `CreateRequestArgs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateRequest {
    /// Chosen by the requester; part of the request's address.
    pub nonce: u64,
    /// The model input.
    pub input: Input,
    /// Slots until the deadline (within the config's bounds).
    pub ttl_slots: u64,
    /// A consumer instruction to call once the request has ended.
    pub callback: Option<Callback>,
    /// The most the requester pays (the model's owner may raise the price at any time).
    pub max_price: u64,
    /// Who besides the requester may challenge the result.
    pub challenger: Option<Pubkey>,
}

impl CreateRequest {
    /// The instruction data: discriminator, then the Borsh encoding of the arguments.
    pub fn data(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.put(&CREATE_REQUEST).u64(self.nonce);
        match &self.input {
            Input::Inline(bytes) => w.u8(0).bytes(bytes),
            Input::Uri { uri, sha256 } => w.u8(1).bytes(uri.as_bytes()).put(sha256),
        };
        w.u64(self.ttl_slots);
        match &self.callback {
            None => w.u8(0),
            Some(callback) => {
                w.u8(1)
                    .put(callback.program.as_ref())
                    .put(&callback.discriminator);
                w.u32(callback.accounts.len() as u32);
                for account in &callback.accounts {
                    w.put(account.pubkey.as_ref()).u8(account.writable as u8);
                }
                &mut w
            }
        };
        w.u64(self.max_price)
            .option_pubkey(self.challenger.as_ref());
        w.bytes
    }
}

/// `create_request`: `requester` (a signer without data: a wallet, or a program's data-less
/// PDA) pays `model`'s price and the request's rent; the request is
/// [`request_address`]`(requester, args.nonce)`. SOL-priced models only.
pub fn create_request(requester: &Pubkey, model: &Pubkey, args: &CreateRequest) -> Instruction {
    let (request, _) = request_address(requester, args.nonce);
    Instruction {
        program_id: ID,
        accounts: vec![
            AccountMeta::new(*requester, true),
            AccountMeta::new_readonly(CONFIG, false),
            AccountMeta::new_readonly(*model, false),
            AccountMeta::new(request, false),
            AccountMeta::new_readonly(SYSTEM_PROGRAM, false),
            AccountMeta::new_readonly(EVENT_AUTHORITY, false),
            AccountMeta::new_readonly(ID, false),
        ],
        data: args.data(),
    }
}

/// `close_request` of a SOL request that has ended: its rent, and the price when it ended in
/// a refund, go back to `requester`.
pub fn close_request(requester: &Pubkey, request: &Pubkey) -> Instruction {
    // Anchor passes an absent optional account as the program id: a SOL request has no mint,
    // vault, token account or token program.
    let absent = AccountMeta::new_readonly(ID, false);
    Instruction {
        program_id: ID,
        accounts: vec![
            AccountMeta::new(*requester, true),
            AccountMeta::new(*request, false),
            absent.clone(),
            absent.clone(),
            absent.clone(),
            absent,
            AccountMeta::new_readonly(EVENT_AUTHORITY, false),
            AccountMeta::new_readonly(ID, false),
        ],
        data: CLOSE_REQUEST.to_vec(),
    }
}
