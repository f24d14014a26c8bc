//! One builder per program instruction. Each derives the PDAs, the event-CPI accounts and, for
//! SPL payments, the vault and the payees' associated token accounts, so a caller passes only
//! the keys it knows.

use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, system_program, InstructionData,
    ToAccountMetas,
};
use inference_escrow::{
    accounts as acc, instruction as data,
    instructions::{CreateRequestArgs, RegisterModelArgs, UpdateConfigArgs, UpdateModelArgs},
    payload::Payload,
    state::{ConfigParams, Request, RequestStatus},
};
use solana_signer::Signer;

use crate::{attestation::ResultClaim, pda};

/// The instructions sysvar, read by `fulfill_request` and `fail_request`.
pub const INSTRUCTIONS_SYSVAR: Pubkey =
    Pubkey::from_str_const("Sysvar1nstructions1111111111111111111111111");

fn build(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    Instruction {
        program_id: inference_escrow::ID,
        accounts: accounts.to_account_metas(None),
        data: args.data(),
    }
}

/// The SPL side of a token-paid request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TokenPayment {
    /// The model's payment mint.
    pub mint: Pubkey,
    /// The program that owns the mint: SPL Token or Token-2022.
    pub token_program: Pubkey,
}

impl TokenPayment {
    /// `owner`'s associated token account of this mint.
    pub fn account_of(&self, owner: &Pubkey) -> Pubkey {
        pda::token_account(owner, &self.mint, &self.token_program)
    }
}

/// The keys a request's refund and payout instructions need, read from its accounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestKeys {
    /// The request account.
    pub request: Pubkey,
    /// Its requester (refunds go here).
    pub requester: Pubkey,
    /// Its model account.
    pub model: Pubkey,
    /// The model's owner (royalty payee).
    pub model_owner: Pubkey,
    /// The config's treasury (protocol fee payee).
    pub treasury: Pubkey,
    /// The SPL payment, for token-paid requests.
    pub token: Option<TokenPayment>,
}

impl RequestKeys {
    /// Keys of `request`; `token_program` is the owner of the request's mint (ignored for SOL).
    pub fn new(
        request_key: Pubkey,
        request: &Request,
        model_owner: Pubkey,
        treasury: Pubkey,
        token_program: Pubkey,
    ) -> Self {
        Self {
            request: request_key,
            requester: request.requester,
            model: request.model,
            model_owner,
            treasury,
            token: request.mint.map(|mint| TokenPayment {
                mint,
                token_program,
            }),
        }
    }

    fn mint(&self) -> Option<Pubkey> {
        self.token.map(|t| t.mint)
    }

    fn vault(&self) -> Option<Pubkey> {
        self.token.map(|_| pda::vault(&self.request))
    }

    fn token_program(&self) -> Option<Pubkey> {
        self.token.map(|t| t.token_program)
    }

    fn token_account_of(&self, owner: &Pubkey) -> Option<Pubkey> {
        self.token.map(|t| t.account_of(owner))
    }
}

// ---- admin -------------------------------------------------------------------------------------

/// `initialize_config`: `admin` signs and pays; it becomes admin and arbiter.
pub fn initialize_config(admin: &Pubkey, params: ConfigParams) -> Instruction {
    build(
        acc::InitializeConfig {
            admin: *admin,
            config: pda::config(),
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::InitializeConfig { params },
    )
}

/// `update_config`, signed by the admin.
pub fn update_config(admin: &Pubkey, args: UpdateConfigArgs) -> Instruction {
    build(
        acc::UpdateConfig {
            admin: *admin,
            config: pda::config(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::UpdateConfig { args },
    )
}

/// `set_paused`, signed by the admin.
pub fn set_paused(admin: &Pubkey, paused: bool) -> Instruction {
    build(
        acc::SetPaused {
            admin: *admin,
            config: pda::config(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::SetPaused { paused },
    )
}

/// `resolve_challenge`, signed by the admin (arbiter).
pub fn resolve_challenge(
    admin: &Pubkey,
    keys: &RequestKeys,
    oracle_authority: &Pubkey,
    oracle_was_wrong: bool,
) -> Instruction {
    build(
        acc::ResolveChallenge {
            admin: *admin,
            config: pda::config(),
            request: keys.request,
            model: keys.model,
            oracle: pda::oracle(oracle_authority),
            requester: keys.requester,
            oracle_authority: *oracle_authority,
            model_owner: keys.model_owner,
            treasury: keys.treasury,
            mint: keys.mint(),
            vault: keys.vault(),
            requester_token: keys.token_account_of(&keys.requester),
            oracle_token: keys.token_account_of(oracle_authority),
            owner_token: keys.token_account_of(&keys.model_owner),
            treasury_token: keys.token_account_of(&keys.treasury),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ResolveChallenge { oracle_was_wrong },
    )
}

// ---- model owner -------------------------------------------------------------------------------

/// `register_model`: `owner` signs and pays; `mint` is the SPL payment mint, `None` for SOL.
pub fn register_model(
    owner: &Pubkey,
    args: RegisterModelArgs,
    mint: Option<Pubkey>,
) -> Instruction {
    build(
        acc::RegisterModel {
            owner: *owner,
            model: pda::model(owner, &args.model_id),
            mint,
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::RegisterModel { args },
    )
}

/// `update_model`, signed by the model's owner.
pub fn update_model(owner: &Pubkey, model: &Pubkey, args: UpdateModelArgs) -> Instruction {
    build(
        acc::UpdateModel {
            owner: *owner,
            model: *model,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::UpdateModel { args },
    )
}

// ---- oracle ------------------------------------------------------------------------------------

/// `register_oracle`: `authority` signs and pays `stake`; `attestation_key` co-signs.
pub fn register_oracle(authority: &Pubkey, attestation_key: &Pubkey, stake: u64) -> Instruction {
    build(
        acc::RegisterOracle {
            authority: *authority,
            attestation_key: *attestation_key,
            config: pda::config(),
            oracle: pda::oracle(authority),
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::RegisterOracle { stake },
    )
}

/// `add_stake`, signed (and paid) by the oracle's authority.
pub fn add_stake(authority: &Pubkey, amount: u64) -> Instruction {
    build(
        acc::AddStake {
            authority: *authority,
            oracle: pda::oracle(authority),
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::AddStake { amount },
    )
}

/// `begin_unbonding`, signed by the oracle's authority.
pub fn begin_unbonding(authority: &Pubkey) -> Instruction {
    build(
        acc::BeginUnbonding {
            authority: *authority,
            config: pda::config(),
            oracle: pda::oracle(authority),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::BeginUnbonding {},
    )
}

/// `withdraw_stake`, signed by the oracle's authority, which receives the stake.
pub fn withdraw_stake(authority: &Pubkey) -> Instruction {
    build(
        acc::WithdrawStake {
            authority: *authority,
            oracle: pda::oracle(authority),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::WithdrawStake {},
    )
}

/// The oracle account to pass as `previous_oracle` when `authority` claims `request`: the
/// current claimer, unless that is `authority`'s own oracle or the request is not claimed.
pub fn previous_claimer(authority: &Pubkey, request: &Request) -> Option<Pubkey> {
    match request.status {
        RequestStatus::Claimed { oracle, .. } if oracle != pda::oracle(authority) => Some(oracle),
        _ => None,
    }
}

/// `claim_request`, signed by the oracle's authority. `previous_oracle`: see [`previous_claimer`].
pub fn claim_request(
    authority: &Pubkey,
    request: &Pubkey,
    previous_oracle: Option<Pubkey>,
) -> Instruction {
    build(
        acc::ClaimRequest {
            authority: *authority,
            config: pda::config(),
            oracle: pda::oracle(authority),
            request: *request,
            previous_oracle,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ClaimRequest {},
    )
}

/// `fulfill_request` alone; it must follow the Ed25519 instruction (see [`fulfill_signed`]).
pub fn fulfill_request(
    authority: &Pubkey,
    request: &Pubkey,
    model: &Pubkey,
    output: Payload,
) -> Instruction {
    build(
        acc::FulfillRequest {
            authority: *authority,
            oracle: pda::oracle(authority),
            request: *request,
            model: *model,
            instructions: INSTRUCTIONS_SYSVAR,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::FulfillRequest { output },
    )
}

/// The signed fulfilment: the Ed25519 instruction over the result message, then
/// `fulfill_request`. Send both, in this order, in one transaction.
pub fn fulfill_signed(
    authority: &Pubkey,
    attestation_key: &dyn Signer,
    request_key: &Pubkey,
    request: &Request,
    onnx_sha256: [u8; 32],
    output: Payload,
) -> [Instruction; 2] {
    let claim = ResultClaim::fulfilled(*request_key, request, onnx_sha256, output.sha256());
    [
        claim.sign(attestation_key),
        fulfill_request(authority, request_key, &request.model, output),
    ]
}

/// `fail_request` alone; it must follow the Ed25519 instruction (see [`fail_signed`]).
pub fn fail_request(authority: &Pubkey, keys: &RequestKeys, reason: String) -> Instruction {
    build(
        acc::FailRequest {
            authority: *authority,
            oracle: pda::oracle(authority),
            request: keys.request,
            model: keys.model,
            requester: keys.requester,
            instructions: INSTRUCTIONS_SYSVAR,
            mint: keys.mint(),
            vault: keys.vault(),
            requester_token: keys.token_account_of(&keys.requester),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::FailRequest { reason },
    )
}

/// The signed failure: the Ed25519 instruction over the failure message, then `fail_request`.
pub fn fail_signed(
    authority: &Pubkey,
    attestation_key: &dyn Signer,
    keys: &RequestKeys,
    request: &Request,
    onnx_sha256: [u8; 32],
    reason: &str,
) -> [Instruction; 2] {
    let claim = ResultClaim::failed(keys.request, request, onnx_sha256, reason);
    [
        claim.sign(attestation_key),
        fail_request(authority, keys, reason.to_owned()),
    ]
}

// ---- requester ---------------------------------------------------------------------------------

/// `create_request` (SOL): `requester` signs and pays the price and the rent.
pub fn create_request(requester: &Pubkey, model: &Pubkey, args: CreateRequestArgs) -> Instruction {
    build(
        acc::CreateRequest {
            requester: *requester,
            config: pda::config(),
            model: *model,
            request: pda::request(requester, args.nonce),
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CreateRequest { args },
    )
}

/// `create_request_token` (SPL): the price is paid from `requester`'s associated token account.
pub fn create_request_token(
    requester: &Pubkey,
    model: &Pubkey,
    token: TokenPayment,
    args: CreateRequestArgs,
) -> Instruction {
    let request = pda::request(requester, args.nonce);
    build(
        acc::CreateRequestToken {
            requester: *requester,
            config: pda::config(),
            model: *model,
            request,
            mint: token.mint,
            requester_token: token.account_of(requester),
            vault: pda::vault(&request),
            token_program: token.token_program,
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CreateRequestToken { args },
    )
}

/// `cancel_request`, signed by the requester while the request is open.
pub fn cancel_request(keys: &RequestKeys) -> Instruction {
    build(
        acc::CancelRequest {
            requester: keys.requester,
            request: keys.request,
            mint: keys.mint(),
            vault: keys.vault(),
            requester_token: keys.token_account_of(&keys.requester),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CancelRequest {},
    )
}

/// `challenge_request`, signed by the requester within the challenge window.
pub fn challenge_request(requester: &Pubkey, request: &Pubkey) -> Instruction {
    build(
        acc::ChallengeRequest {
            requester: *requester,
            request: *request,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ChallengeRequest {},
    )
}

/// `close_request`, signed by the requester once the request is terminal.
pub fn close_request(keys: &RequestKeys) -> Instruction {
    build(
        acc::CloseRequest {
            requester: keys.requester,
            request: keys.request,
            mint: keys.mint(),
            vault: keys.vault(),
            requester_token: keys.token_account_of(&keys.requester),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CloseRequest {},
    )
}

// ---- crank -------------------------------------------------------------------------------------

/// `settle_request`: anyone may send it after the challenge window. `oracle_authority` is the
/// authority of the oracle that fulfilled the request.
pub fn settle_request(keys: &RequestKeys, oracle_authority: &Pubkey) -> Instruction {
    build(
        acc::SettleRequest {
            config: pda::config(),
            request: keys.request,
            model: keys.model,
            oracle: pda::oracle(oracle_authority),
            oracle_authority: *oracle_authority,
            model_owner: keys.model_owner,
            treasury: keys.treasury,
            mint: keys.mint(),
            vault: keys.vault(),
            oracle_token: keys.token_account_of(oracle_authority),
            owner_token: keys.token_account_of(&keys.model_owner),
            treasury_token: keys.token_account_of(&keys.treasury),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::SettleRequest {},
    )
}

/// `expire_request`: anyone may send it after the deadline. `claimer` is the claiming oracle
/// account (not its authority) when the request is claimed.
pub fn expire_request(keys: &RequestKeys, claimer: Option<Pubkey>) -> Instruction {
    build(
        acc::ExpireRequest {
            config: pda::config(),
            request: keys.request,
            requester: keys.requester,
            oracle: claimer,
            mint: keys.mint(),
            vault: keys.vault(),
            requester_token: keys.token_account_of(&keys.requester),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ExpireRequest {},
    )
}

#[cfg(test)]
mod tests {
    use inference_escrow::{
        attestation::{result_message, sha256, ResultStatus},
        state::{DataRef, RequestStatus},
    };
    use solana_keypair::Keypair;

    use super::*;

    fn request() -> Request {
        Request {
            requester: Pubkey::new_unique(),
            model: Pubkey::new_unique(),
            nonce: 9,
            status: RequestStatus::Open,
            price: 10,
            protocol_fee_bps: 0,
            royalty_bps: 0,
            challenge_window_slots: 5,
            mint: None,
            escrow: 10,
            created_slot: 1,
            deadline_slot: 2,
            input_hash: [3; 32],
            input: DataRef::Inline(vec![1, 2, 3, 4]),
            output_hash: [0; 32],
            output: None,
            output_capacity: 4,
            callback_program: None,
            bump: 255,
            vault_bump: 0,
        }
    }

    /// The message bytes inside an inline Ed25519 precompile instruction.
    fn signed_message(ix: &Instruction) -> &[u8] {
        let at = u16::from_le_bytes([ix.data[10], ix.data[11]]) as usize;
        let len = u16::from_le_bytes([ix.data[12], ix.data[13]]) as usize;
        &ix.data[at..at + len]
    }

    #[test]
    fn fulfilment_signs_exactly_what_the_program_rebuilds() {
        let (authority, attestation) = (Pubkey::new_unique(), Keypair::new());
        let (key, state) = (Pubkey::new_unique(), request());
        let output = Payload::Inline(vec![9, 9, 9, 9]);
        let [signature, fulfil] =
            fulfill_signed(&authority, &attestation, &key, &state, [7; 32], output);
        let rebuilt = result_message(
            &inference_escrow::ID,
            &key,
            &[7; 32],
            &[3; 32],
            &sha256(&[9, 9, 9, 9]),
            ResultStatus::Fulfilled,
        );
        assert_eq!(signed_message(&signature), &rebuilt[..]);
        assert_eq!(
            fulfil.accounts[3].pubkey, state.model,
            "the model account is the request's"
        );
    }

    #[test]
    fn failure_signs_the_reason_hash_with_status_two() {
        let (authority, attestation) = (Pubkey::new_unique(), Keypair::new());
        let key = Pubkey::new_unique();
        let keys = RequestKeys::new(
            key,
            &request(),
            Pubkey::new_unique(),
            Pubkey::new_unique(),
            anchor_spl::token::ID,
        );
        let [signature, _] = fail_signed(
            &authority,
            &attestation,
            &keys,
            &request(),
            [7; 32],
            "bad input",
        );
        let rebuilt = result_message(
            &inference_escrow::ID,
            &key,
            &[7; 32],
            &[3; 32],
            &sha256(b"bad input"),
            ResultStatus::Failed,
        );
        assert_eq!(signed_message(&signature), &rebuilt[..]);
    }
}
