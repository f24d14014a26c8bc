//! One builder per program instruction. Each derives the PDAs, the event-CPI accounts and, for
//! SPL payments, the vault and the payees' associated token accounts, so a caller passes only
//! the keys it knows.

use anchor_lang::{
    prelude::Pubkey,
    solana_program::instruction::{AccountMeta, Instruction},
    system_program, InstructionData, ToAccountMetas,
};
use inference_escrow::{
    accounts as acc, instruction as data,
    instructions::{
        ClaimRequestArgs, CreateRequestArgs, FailRequestArgs, FulfillRequestArgs,
        RegisterModelArgs, UpdateConfigArgs, UpdateModelArgs,
    },
    payload::Payload,
    state::{ConfigParams, Request, RequestStatus},
};
use solana_signer::Signer;

use crate::{attestation, pda};

/// The instructions sysvar, read by `fulfill_request` and `fail_request`.
pub const INSTRUCTIONS_SYSVAR: Pubkey =
    Pubkey::from_str_const("Sysvar1nstructions1111111111111111111111111");

pub(crate) fn build(accounts: impl ToAccountMetas, args: impl InstructionData) -> Instruction {
    Instruction {
        program_id: inference_escrow::ID,
        accounts: accounts.to_account_metas(None),
        data: args.data(),
    }
}

/// The SPL side of a token-paid model or request.
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

/// The keys a request's instructions need beyond the request itself, read from its account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestKeys {
    /// The request account.
    pub request: Pubkey,
    /// Its requester (refunds go here).
    pub requester: Pubkey,
    /// Its model account.
    pub model: Pubkey,
    /// The SPL payment, for token-paid requests.
    pub token: Option<TokenPayment>,
}

impl RequestKeys {
    /// Keys of `request`; `token_program` is the owner of the request's mint (ignored for SOL).
    pub fn new(request_key: Pubkey, request: &Request, token_program: Pubkey) -> Self {
        Self {
            request: request_key,
            requester: request.requester,
            model: request.model,
            token: request.mint.map(|mint| TokenPayment {
                mint,
                token_program,
            }),
        }
    }

    pub(crate) fn mint(&self) -> Option<Pubkey> {
        self.token.map(|t| t.mint)
    }

    pub(crate) fn vault(&self) -> Option<Pubkey> {
        self.token.map(|_| pda::vault(&self.request))
    }

    pub(crate) fn fee_vault(&self) -> Option<Pubkey> {
        self.token.map(|_| pda::fee_vault(&self.model))
    }

    fn earnings(&self, oracle: &Pubkey) -> Option<Pubkey> {
        self.token.map(|_| pda::earnings(&self.model, oracle))
    }

    pub(crate) fn token_program(&self) -> Option<Pubkey> {
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

/// `resolve_challenge` of a single-oracle request, signed by the admin (arbiter), after its
/// dispute round found no quorum. `oracle_authority` is the authority of the challenged oracle.
/// (Quorum requests: [`crate::seats::resolve_quorum_challenge`].)
pub fn resolve_challenge(
    admin: &Pubkey,
    keys: &RequestKeys,
    oracle_authority: &Pubkey,
    oracle_was_wrong: bool,
) -> Instruction {
    let oracle = pda::oracle(oracle_authority);
    build(
        acc::ResolveChallenge {
            admin: *admin,
            config: pda::config(),
            request: keys.request,
            dispute: pda::dispute(&keys.request),
            model: keys.model,
            oracle: Some(oracle),
            mint: keys.mint(),
            vault: keys.vault(),
            fee_vault: keys.fee_vault(),
            earnings: keys.earnings(&oracle),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ResolveChallenge { oracle_was_wrong },
    )
}

// ---- model owner -------------------------------------------------------------------------------

/// `register_model`: `owner` signs and pays; `token` is the SPL payment (mint and its token
/// program; the fee vault is derived), `None` for SOL.
pub fn register_model(
    owner: &Pubkey,
    args: RegisterModelArgs,
    token: Option<TokenPayment>,
) -> Instruction {
    let model = pda::model(owner, &args.model_id);
    build(
        acc::RegisterModel {
            owner: *owner,
            model,
            mint: token.map(|t| t.mint),
            fee_vault: token.map(|_| pda::fee_vault(&model)),
            token_program: token.map(|t| t.token_program),
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

/// `claim_request` of `request` (as read at `request_key`), signed by the oracle's authority:
/// binds the request's current terms, passes the previous claimer when taking over, and (SPL)
/// the oracle's earnings account for the model.
pub fn claim_request(authority: &Pubkey, request_key: &Pubkey, request: &Request) -> Instruction {
    claim_request_with_terms(
        authority,
        request_key,
        request,
        ClaimRequestArgs::of(request),
    )
}

/// `claim_request` with explicit `terms` (what the oracle decided on, which the program checks
/// against the request as it stands).
pub fn claim_request_with_terms(
    authority: &Pubkey,
    request_key: &Pubkey,
    request: &Request,
    terms: ClaimRequestArgs,
) -> Instruction {
    let oracle = pda::oracle(authority);
    build(
        acc::ClaimRequest {
            authority: *authority,
            config: pda::config(),
            oracle,
            request: *request_key,
            previous_oracle: previous_claimer(authority, request),
            earnings: request.mint.map(|_| pda::earnings(&request.model, &oracle)),
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ClaimRequest { terms },
    )
}

/// `fulfill_request` alone; it must follow the Ed25519 instruction (see [`fulfill_signed`]).
pub fn fulfill_request(
    authority: &Pubkey,
    request: &Pubkey,
    model: &Pubkey,
    args: FulfillRequestArgs,
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
        data::FulfillRequest { args },
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
    execution_id: [u8; 32],
) -> [Instruction; 2] {
    let result = attestation::fulfilled(
        pda::oracle(authority),
        *request_key,
        request,
        onnx_sha256,
        output.sha256(),
        execution_id,
    );
    [
        attestation::sign(&result, attestation_key),
        fulfill_request(
            authority,
            request_key,
            &request.model,
            FulfillRequestArgs {
                output,
                execution_id,
            },
        ),
    ]
}

/// `fail_request` alone; it must follow the Ed25519 instruction (see [`fail_signed`]).
pub fn fail_request(
    authority: &Pubkey,
    request: &Pubkey,
    model: &Pubkey,
    args: FailRequestArgs,
) -> Instruction {
    build(
        acc::FailRequest {
            authority: *authority,
            oracle: pda::oracle(authority),
            request: *request,
            model: *model,
            instructions: INSTRUCTIONS_SYSVAR,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::FailRequest { args },
    )
}

/// The signed failure: the Ed25519 instruction over the failure message, then `fail_request`.
pub fn fail_signed(
    authority: &Pubkey,
    attestation_key: &dyn Signer,
    request_key: &Pubkey,
    request: &Request,
    onnx_sha256: [u8; 32],
    reason: &str,
    execution_id: [u8; 32],
) -> [Instruction; 2] {
    let result = attestation::failed(
        pda::oracle(authority),
        *request_key,
        request,
        onnx_sha256,
        reason,
        execution_id,
    );
    [
        attestation::sign(&result, attestation_key),
        fail_request(
            authority,
            request_key,
            &request.model,
            FailRequestArgs {
                reason: reason.to_owned(),
                execution_id,
            },
        ),
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

/// `challenge_request`, signed by the requester or the request's named challenger within the
/// challenge window; it posts the config's challenge bond and pays the dispute's rent.
pub fn challenge_request(challenger: &Pubkey, request: &Pubkey) -> Instruction {
    build(
        acc::ChallengeRequest {
            challenger: *challenger,
            config: pda::config(),
            request: *request,
            dispute: pda::dispute(request),
            system_program: system_program::ID,
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
    let oracle = pda::oracle(oracle_authority);
    build(
        acc::SettleRequest {
            request: keys.request,
            model: keys.model,
            oracle,
            mint: keys.mint(),
            vault: keys.vault(),
            fee_vault: keys.fee_vault(),
            earnings: keys.earnings(&oracle),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::SettleRequest {},
    )
}

/// `expire_request`: anyone may send it after the deadline (or, for a challenged request, after
/// the arbitration timeout). `holder` is the Oracle account (not its authority) that holds the
/// request when it is claimed or challenged.
pub fn expire_request(request: &Pubkey, holder: Option<Pubkey>) -> Instruction {
    build(
        acc::ExpireRequest {
            config: pda::config(),
            request: *request,
            oracle: holder,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ExpireRequest {},
    )
}

/// `deliver_callback` of an ended request that names a callback (`None` without one): calls
/// the consumer instruction with the accounts the request stored.
pub fn deliver_callback(request_key: &Pubkey, request: &Request) -> Option<Instruction> {
    let callback = request.callback.as_ref()?;
    let mut ix = build(
        acc::DeliverCallback {
            request: *request_key,
            callback_authority: pda::callback_authority(request_key),
            callback_program: callback.program,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::DeliverCallback {},
    );
    ix.accounts.extend(callback.accounts.iter().map(|named| {
        if named.writable {
            AccountMeta::new(named.pubkey, false)
        } else {
            AccountMeta::new_readonly(named.pubkey, false)
        }
    }));
    Some(ix)
}

/// The Oracle account [`expire_request`] needs for `request`: its holder when claimed or
/// challenged.
pub fn expiry_holder(request: &Request) -> Option<Pubkey> {
    match request.status {
        RequestStatus::Claimed { oracle, .. } | RequestStatus::Challenged { oracle, .. } => {
            Some(oracle)
        }
        _ => None,
    }
}

/// `release_payout` of a settled SPL request (`keys.token` must be set) whose payout a frozen
/// vault deferred. `oracle` is the Oracle account that settled it (`RequestStatus::Settled`);
/// it need not exist any more.
pub fn release_payout(keys: &RequestKeys, oracle: &Pubkey) -> Option<Instruction> {
    let token = keys.token?;
    Some(build(
        acc::ReleasePayout {
            request: keys.request,
            model: keys.model,
            mint: token.mint,
            vault: pda::vault(&keys.request),
            fee_vault: pda::fee_vault(&keys.model),
            earnings: pda::earnings(&keys.model, oracle),
            token_program: token.token_program,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ReleasePayout {},
    ))
}

// ---- payouts -----------------------------------------------------------------------------------

/// `collect_royalty` of `model` to its `owner` (for SPL: to the owner's associated token
/// account of `token.mint`).
pub fn collect_royalty(model: &Pubkey, owner: &Pubkey, token: Option<TokenPayment>) -> Instruction {
    build(
        acc::CollectRoyalty {
            model: *model,
            owner: *owner,
            mint: token.map(|t| t.mint),
            fee_vault: token.map(|_| pda::fee_vault(model)),
            owner_token: token.map(|t| t.account_of(owner)),
            token_program: token.map(|t| t.token_program),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CollectRoyalty {},
    )
}

/// `collect_protocol_fees` of `model` to the config's `treasury` (for SPL: to the treasury's
/// associated token account).
pub fn collect_protocol_fees(
    model: &Pubkey,
    treasury: &Pubkey,
    token: Option<TokenPayment>,
) -> Instruction {
    build(
        acc::CollectProtocolFees {
            config: pda::config(),
            model: *model,
            treasury: *treasury,
            mint: token.map(|t| t.mint),
            fee_vault: token.map(|_| pda::fee_vault(model)),
            treasury_token: token.map(|t| t.account_of(treasury)),
            token_program: token.map(|t| t.token_program),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CollectProtocolFees {},
    )
}

/// `collect_oracle_fees`: the SOL fees owed to `oracle_authority`'s oracle, paid to it.
pub fn collect_oracle_fees(oracle_authority: &Pubkey) -> Instruction {
    build(
        acc::CollectOracleFees {
            oracle: pda::oracle(oracle_authority),
            authority: *oracle_authority,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CollectOracleFees {},
    )
}

/// `collect_earnings`: `oracle_authority`'s SPL shares of `model`, paid to its associated
/// token account.
pub fn collect_earnings(
    model: &Pubkey,
    oracle_authority: &Pubkey,
    token: TokenPayment,
) -> Instruction {
    build(
        acc::CollectEarnings {
            earnings: pda::earnings(model, &pda::oracle(oracle_authority)),
            model: *model,
            mint: token.mint,
            fee_vault: pda::fee_vault(model),
            authority_token: token.account_of(oracle_authority),
            token_program: token.token_program,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CollectEarnings {},
    )
}

/// `collect_slashes`: the slashed bonds held in the config, paid to the `treasury`.
pub fn collect_slashes(treasury: &Pubkey) -> Instruction {
    build(
        acc::CollectSlashes {
            config: pda::config(),
            treasury: *treasury,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CollectSlashes {},
    )
}

#[cfg(test)]
mod tests {
    use inference_escrow::{
        attestation::{sha256, ResultAttestation, ResultStatus},
        constants::{MAX_INLINE_INPUT_CAP, MAX_INLINE_OUTPUT_CAP},
        state::{DataRef, RequestStatus},
    };
    use solana_compute_budget_interface::ComputeBudgetInstruction;
    use solana_keypair::Keypair;
    use solana_transaction::Transaction;

    use super::*;

    fn request() -> Request {
        Request {
            version: 2,
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
            bond: 0,
            created_slot: 1,
            deadline_slot: 2,
            input_hash: [3; 32],
            input: DataRef::Inline(vec![1, 2, 3, 4]),
            output_hash: [0; 32],
            output: None,
            execution_id: [0; 32],
            output_capacity: 4,
            callback: None,
            callback_delivered: false,
            bump: 255,
            vault_bump: 0,
            policy: inference_escrow::state::VerificationPolicy::SINGLE,
            reveal_deadline_slot: 3,
            seats: Vec::new(),
            agreed: 0,
            disputed: false,
            challenger: None,
        }
    }

    /// The message bytes inside an inline Ed25519 precompile instruction.
    fn signed_message(ix: &Instruction) -> &[u8] {
        let at = u16::from_le_bytes([ix.data[10], ix.data[11]]) as usize;
        let len = u16::from_le_bytes([ix.data[12], ix.data[13]]) as usize;
        &ix.data[at..at + len]
    }

    /// Wire size of a transaction: the signature count, the signatures and the message.
    fn wire_size(ixs: &[Instruction], payer: &Keypair) -> usize {
        let tx = Transaction::new_signed_with_payer(
            ixs,
            Some(&payer.pubkey()),
            &[payer],
            Default::default(),
        );
        1 + 64 * tx.signatures.len() + tx.message_data().len()
    }

    #[test]
    fn fulfilment_signs_exactly_what_the_program_rebuilds() {
        let (authority, attestation) = (Pubkey::new_unique(), Keypair::new());
        let (key, state) = (Pubkey::new_unique(), request());
        let output = Payload::Inline(vec![9, 9, 9, 9]);
        let [signature, fulfil] = fulfill_signed(
            &authority,
            &attestation,
            &key,
            &state,
            [7; 32],
            output,
            [5; 32],
        );
        let rebuilt = ResultAttestation {
            oracle: pda::oracle(&authority),
            request: key,
            onnx_sha256: [7; 32],
            input_hash: [3; 32],
            output_hash: sha256(&[9, 9, 9, 9]),
            execution_id: [5; 32],
            status: ResultStatus::Fulfilled,
        }
        .message(&inference_escrow::ID);
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
        let [signature, _] = fail_signed(
            &authority,
            &attestation,
            &key,
            &request(),
            [7; 32],
            "bad input",
            [5; 32],
        );
        let rebuilt = ResultAttestation {
            oracle: pda::oracle(&authority),
            request: key,
            onnx_sha256: [7; 32],
            input_hash: [3; 32],
            output_hash: sha256(b"bad input"),
            execution_id: [5; 32],
            status: ResultStatus::Failed,
        }
        .message(&inference_escrow::ID);
        assert_eq!(signed_message(&signature), &rebuilt[..]);
    }

    #[test]
    fn claim_binds_the_request_terms_and_passes_earnings_for_spl() {
        let authority = Pubkey::new_unique();
        let mut state = request();
        let sol = claim_request(&authority, &Pubkey::new_unique(), &state);
        let earnings_meta = &sol.accounts[5];
        assert_eq!(
            earnings_meta.pubkey,
            inference_escrow::ID,
            "no earnings for SOL"
        );
        state.mint = Some(Pubkey::new_unique());
        let spl = claim_request(&authority, &Pubkey::new_unique(), &state);
        assert_eq!(
            spl.accounts[5].pubkey,
            pda::earnings(&state.model, &pda::oracle(&authority))
        );
        let expected = data::ClaimRequest {
            terms: ClaimRequestArgs::of(&state),
        }
        .data();
        assert_eq!(spl.data, expected);
    }

    /// The inline caps are what one transaction carries: a fulfilment with the largest inline
    /// output beside its Ed25519 instruction, a compute-unit price and limit; a request with the
    /// largest inline input and a compute-unit price.
    #[test]
    fn largest_inline_payloads_fit_in_one_transaction() {
        const PACKET: usize = 1_232;
        let (authority, attestation) = (Keypair::new(), Keypair::new());
        let budget = [
            ComputeBudgetInstruction::set_compute_unit_limit(200_000),
            ComputeBudgetInstruction::set_compute_unit_price(1_000),
        ];
        let fulfil = |len: u32| {
            let mut ixs = budget.to_vec();
            ixs.extend(fulfill_signed(
                &authority.pubkey(),
                &attestation,
                &Pubkey::new_unique(),
                &request(),
                [7; 32],
                Payload::Inline(vec![1; len as usize]),
                [5; 32],
            ));
            wire_size(&ixs, &authority)
        };
        let at_cap = fulfil(MAX_INLINE_OUTPUT_CAP);
        assert!(at_cap <= PACKET, "fulfilment at the cap is {at_cap} bytes");
        assert!(
            fulfil(MAX_INLINE_OUTPUT_CAP + 64) > PACKET,
            "the output cap leaves less than 64 bytes unused"
        );

        let requester = Keypair::new();
        let create = |len: u32| {
            let args = CreateRequestArgs {
                nonce: 1,
                input: Payload::Inline(vec![1; len as usize]),
                ttl_slots: 100,
                // A callback's accounts ride in the same transaction: this one names none.
                callback: Some(inference_escrow::state::Callback {
                    program: Pubkey::new_unique(),
                    discriminator: [7; 8],
                    accounts: vec![],
                }),
                max_price: u64::MAX,
                challenger: None,
            };
            let ixs = [
                budget[1].clone(),
                create_request(&requester.pubkey(), &Pubkey::new_unique(), args),
            ];
            wire_size(&ixs, &requester)
        };
        let at_cap = create(MAX_INLINE_INPUT_CAP);
        assert!(at_cap <= PACKET, "request at the cap is {at_cap} bytes");
    }
}
