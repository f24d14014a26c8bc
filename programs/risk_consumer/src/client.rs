//! Off-chain helpers: the program's addresses and one builder per instruction, for keepers,
//! tests and the demo. Not compiled into the on-chain program.

use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, system_program, InstructionData,
    ToAccountMetas,
};

use crate::{
    accounts as acc,
    constants::{SEED_POSITION, SEED_VAULT, SEED_WALLET},
    instruction as data,
    instructions::RequestScoreArgs,
};

fn find(seeds: &[&[u8]]) -> Pubkey {
    Pubkey::find_program_address(seeds, &crate::ID).0
}

/// A vault: `["vault", authority]`.
pub fn vault_pda(authority: &Pubkey) -> Pubkey {
    find(&[SEED_VAULT, authority.as_ref()])
}

/// A vault's wallet, the requester of its inference requests: `["wallet", vault]`.
pub fn wallet_pda(vault: &Pubkey) -> Pubkey {
    find(&[SEED_WALLET, vault.as_ref()])
}

/// A borrower's position in a vault: `["position", vault, borrower]`.
pub fn position_pda(vault: &Pubkey, borrower: &Pubkey) -> Pubkey {
    find(&[SEED_POSITION, vault.as_ref(), borrower.as_ref()])
}

/// The consumer's own event authority (its `#[event_cpi]` accounts).
pub fn consumer_event_authority() -> Pubkey {
    find(&[b"__event_authority"])
}

/// The inference_escrow request a vault's wallet creates with `nonce`.
pub fn escrow_request(wallet: &Pubkey, nonce: u64) -> Pubkey {
    inference_escrow_interface::request_address(wallet, nonce).0
}

fn build(accounts: impl ToAccountMetas, data: impl InstructionData) -> Instruction {
    Instruction {
        program_id: crate::ID,
        accounts: accounts.to_account_metas(None),
        data: data.data(),
    }
}

/// One builder per instruction, with the accounts in the order the program expects.
pub mod ix {
    use super::*;

    /// `init_vault` naming `challenger` and requiring `min_quorum` agreeing oracles.
    pub fn init_vault(
        authority: &Pubkey,
        model: &Pubkey,
        risk_threshold: f32,
        max_price: u64,
        challenger: Pubkey,
        min_quorum: u8,
    ) -> Instruction {
        let vault = vault_pda(authority);
        build(
            acc::InitVault {
                authority: *authority,
                vault,
                model: *model,
                wallet: wallet_pda(&vault),
                system_program: system_program::ID,
            },
            data::InitVault {
                risk_threshold,
                max_price,
                challenger,
                min_quorum,
            },
        )
    }

    /// `open_position` of `borrower` in `vault`.
    pub fn open_position(borrower: &Pubkey, vault: &Pubkey, features: &[f32]) -> Instruction {
        build(
            acc::OpenPosition {
                borrower: *borrower,
                vault: *vault,
                position: position_pda(vault, borrower),
                system_program: system_program::ID,
            },
            data::OpenPosition {
                features: features.to_vec(),
            },
        )
    }

    /// `update_position` of `borrower` in `vault`.
    pub fn update_position(borrower: &Pubkey, vault: &Pubkey, features: &[f32]) -> Instruction {
        build(
            acc::UpdatePosition {
                borrower: *borrower,
                vault: *vault,
                position: position_pda(vault, borrower),
            },
            data::UpdatePosition {
                features: features.to_vec(),
            },
        )
    }

    /// `request_score` for `position`, creating the request of `nonce` (the vault's next one).
    pub fn request_score(
        vault: &Pubkey,
        model: &Pubkey,
        position: &Pubkey,
        nonce: u64,
        ttl_slots: u64,
    ) -> Instruction {
        let wallet = wallet_pda(vault);
        build(
            acc::RequestScore {
                vault: *vault,
                position: *position,
                wallet,
                escrow_config: inference_escrow_interface::CONFIG,
                model: *model,
                request: escrow_request(&wallet, nonce),
                escrow_event_authority: inference_escrow_interface::EVENT_AUTHORITY,
                escrow_program: inference_escrow_interface::ID,
                system_program: system_program::ID,
                event_authority: consumer_event_authority(),
                program: crate::ID,
            },
            data::RequestScore {
                args: RequestScoreArgs { ttl_slots },
            },
        )
    }

    /// `apply_score`: reads `request`'s result into `position`.
    pub fn apply_score(vault: &Pubkey, position: &Pubkey, request: &Pubkey) -> Instruction {
        build(
            acc::ApplyScore {
                vault: *vault,
                wallet: wallet_pda(vault),
                position: *position,
                request: *request,
                event_authority: consumer_event_authority(),
                program: crate::ID,
            },
            data::ApplyScore {},
        )
    }

    /// `reclaim_request`: closes a terminal request of the vault's wallet.
    pub fn reclaim_request(authority: &Pubkey, vault: &Pubkey, request: &Pubkey) -> Instruction {
        build(
            acc::ReclaimRequest {
                authority: *authority,
                vault: *vault,
                wallet: wallet_pda(vault),
                request: *request,
                escrow_event_authority: inference_escrow_interface::EVENT_AUTHORITY,
                escrow_program: inference_escrow_interface::ID,
            },
            data::ReclaimRequest {},
        )
    }
}
