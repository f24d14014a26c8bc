//! Builders for rounds of several oracles: a quorum request's seats and a dispute's
//! re-execution seats, and for ending disputes. Every seat instruction takes `dispute: Option<Pubkey>`: `None` for the
//! request's own round, the dispute account for its re-execution round.

use anchor_lang::{
    prelude::{AccountMeta, Pubkey},
    solana_program::instruction::Instruction,
    system_program,
};
use inference_escrow::{
    accounts as acc, instruction as data,
    instructions::{ClaimRequestArgs, CommitSeatArgs, FailRequestArgs, RevealSeatArgs},
    state::{Dispute, Request},
};
use solana_signer::Signer;

use crate::{
    attestation::{self, ResultAttestation, ResultStatus},
    ix::{build, RequestKeys, INSTRUCTIONS_SYSVAR},
    pda,
};

pub use inference_escrow::round::commitment;

/// `claim_seat` in `request`'s round (or `dispute`'s), signed by the oracle's authority; for
/// a seat in an SPL request's own round, passes the oracle's earnings account for the model.
pub fn claim_seat(
    authority: &Pubkey,
    request_key: &Pubkey,
    request: &Request,
    dispute: Option<Pubkey>,
) -> Instruction {
    let oracle = pda::oracle(authority);
    let earnings = match (dispute, request.mint) {
        (None, Some(_)) => Some(pda::earnings(&request.model, &oracle)),
        _ => None,
    };
    build(
        acc::ClaimSeat {
            authority: *authority,
            config: pda::config(),
            oracle,
            request: *request_key,
            dispute,
            earnings,
            system_program: system_program::ID,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ClaimSeat {
            terms: ClaimRequestArgs::of(request),
        },
    )
}

/// The message a seat signs to commit: status `Committed`, the commitment in the output-hash
/// field, the round's account (the dispute, or the request) as the request.
pub fn committed(
    oracle: Pubkey,
    request_key: Pubkey,
    request: &Request,
    dispute: Option<Pubkey>,
    onnx_sha256: [u8; 32],
    commitment: [u8; 32],
    execution_id: [u8; 32],
) -> ResultAttestation {
    ResultAttestation {
        oracle,
        request: dispute.unwrap_or(request_key),
        onnx_sha256,
        input_hash: request.input_hash,
        output_hash: commitment,
        execution_id,
        status: ResultStatus::Committed,
    }
}

/// The signed commitment: the Ed25519 instruction, then `commit_seat`. The commitment is
/// [`commitment`]`(output, salt, oracle)`; keep `salt` to reveal.
#[allow(clippy::too_many_arguments)]
pub fn commit_signed(
    authority: &Pubkey,
    attestation_key: &dyn Signer,
    request_key: &Pubkey,
    request: &Request,
    dispute: Option<Pubkey>,
    onnx_sha256: [u8; 32],
    commitment: [u8; 32],
    execution_id: [u8; 32],
) -> [Instruction; 2] {
    let oracle = pda::oracle(authority);
    let message = committed(
        oracle,
        *request_key,
        request,
        dispute,
        onnx_sha256,
        commitment,
        execution_id,
    );
    [
        attestation::sign(&message, attestation_key),
        build(
            acc::CommitSeat {
                authority: *authority,
                oracle,
                request: *request_key,
                dispute,
                model: request.model,
                instructions: INSTRUCTIONS_SYSVAR,
                event_authority: pda::event_authority(),
                program: inference_escrow::ID,
            },
            data::CommitSeat {
                args: CommitSeatArgs {
                    commitment,
                    execution_id,
                },
            },
        ),
    ]
}

/// `reveal_seat`: the output and salt committed to.
pub fn reveal_seat(
    authority: &Pubkey,
    request_key: &Pubkey,
    model: &Pubkey,
    dispute: Option<Pubkey>,
    output: Vec<u8>,
    salt: [u8; 32],
) -> Instruction {
    build(
        acc::RevealSeat {
            authority: *authority,
            oracle: pda::oracle(authority),
            request: *request_key,
            dispute,
            model: *model,
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::RevealSeat {
            args: RevealSeatArgs { output, salt },
        },
    )
}

/// The signed seat failure: the Ed25519 instruction over the failure message naming the
/// round's account, then `fail_seat`.
#[allow(clippy::too_many_arguments)]
pub fn fail_seat_signed(
    authority: &Pubkey,
    attestation_key: &dyn Signer,
    request_key: &Pubkey,
    request: &Request,
    dispute: Option<Pubkey>,
    onnx_sha256: [u8; 32],
    reason: &str,
    execution_id: [u8; 32],
) -> [Instruction; 2] {
    let oracle = pda::oracle(authority);
    let message = attestation::failed(
        oracle,
        dispute.unwrap_or(*request_key),
        request,
        onnx_sha256,
        reason,
        execution_id,
    );
    [
        attestation::sign(&message, attestation_key),
        build(
            acc::FailSeat {
                authority: *authority,
                oracle,
                request: *request_key,
                dispute,
                model: request.model,
                instructions: INSTRUCTIONS_SYSVAR,
                event_authority: pda::event_authority(),
                program: inference_escrow::ID,
            },
            data::FailSeat {
                args: FailRequestArgs {
                    reason: reason.to_owned(),
                    execution_id,
                },
            },
        ),
    ]
}

/// `oracles`, writable, in order: the remaining accounts of the instructions that end a round.
pub fn seat_oracle_metas(oracles: impl IntoIterator<Item = Pubkey>) -> Vec<AccountMeta> {
    oracles
        .into_iter()
        .map(|oracle| AccountMeta::new(oracle, false))
        .collect()
}

/// The Oracle accounts of the seats still holding a bond, in seat order: what the program
/// loads (a seat that failed holds nothing, and its oracle may have closed its account).
pub fn bonded_oracles(seats: &[inference_escrow::state::Seat]) -> Vec<Pubkey> {
    seats
        .iter()
        .filter(|seat| seat.is_bonded())
        .map(|seat| seat.oracle)
        .collect()
}

/// `finalize_quorum` of `request` (anyone).
pub fn finalize_quorum(request_key: &Pubkey, request: &Request) -> Instruction {
    let mut ix = build(
        acc::FinalizeQuorum {
            request: *request_key,
            model: request.model,
            config: pda::config(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::FinalizeQuorum {},
    );
    ix.accounts
        .extend(seat_oracle_metas(bonded_oracles(&request.seats)));
    ix
}

/// The agreeing seats' Oracle accounts of a finalized quorum request, in seat order.
pub fn agreeing_oracles(request: &Request) -> Vec<Pubkey> {
    request
        .seats
        .iter()
        .enumerate()
        .filter(|(i, _)| request.agreed & (1 << i) != 0)
        .map(|(_, seat)| seat.oracle)
        .collect()
}

/// `settle_quorum` of a fulfilled quorum request (anyone): the seats' Oracle accounts, then for
/// SPL the agreeing seats' earnings.
pub fn settle_quorum(keys: &RequestKeys, request: &Request) -> Instruction {
    let mut ix = build(
        acc::SettleQuorum {
            request: keys.request,
            model: keys.model,
            config: pda::config(),
            mint: keys.mint(),
            vault: keys.vault(),
            fee_vault: keys.fee_vault(),
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::SettleQuorum {},
    );
    ix.accounts
        .extend(seat_oracle_metas(bonded_oracles(&request.seats)));
    if keys.token.is_some() {
        ix.accounts.extend(
            agreeing_oracles(request)
                .iter()
                .map(|oracle| AccountMeta::new(pda::earnings(&keys.model, oracle), false)),
        );
    }
    ix
}

/// The Oracle accounts behind `request`'s result, as the instructions that end a challenge take
/// them: the holder of a single-oracle request, or the still-bonded seats of a quorum request.
pub fn challenged_oracles(request: &Request) -> Vec<Pubkey> {
    if request.policy.is_quorum() {
        bonded_oracles(&request.seats)
    } else {
        request.status.oracle().into_iter().collect()
    }
}

/// `finalize_dispute` of `request`'s dispute (anyone): the dispute seats' Oracle accounts, then
/// the oracles behind the challenged result.
pub fn finalize_dispute(request_key: &Pubkey, request: &Request, dispute: &Dispute) -> Instruction {
    let mut ix = build(
        acc::FinalizeDispute {
            request: *request_key,
            dispute: pda::dispute(request_key),
            model: request.model,
            config: pda::config(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::FinalizeDispute {},
    );
    ix.accounts
        .extend(seat_oracle_metas(bonded_oracles(&dispute.seats)));
    ix.accounts
        .extend(seat_oracle_metas(challenged_oracles(request)));
    ix
}

/// `close_dispute` of a decided dispute (anyone): its lamports go to `challenger`.
pub fn close_dispute(request_key: &Pubkey, challenger: &Pubkey) -> Instruction {
    build(
        acc::CloseDispute {
            challenger: *challenger,
            dispute: pda::dispute(request_key),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::CloseDispute {},
    )
}

/// `resolve_challenge` of a quorum request, signed by the admin (arbiter), after its dispute
/// round found no quorum: the seats' Oracle accounts follow as remaining accounts.
pub fn resolve_quorum_challenge(
    admin: &Pubkey,
    keys: &RequestKeys,
    request: &Request,
    oracle_was_wrong: bool,
) -> Instruction {
    let mut ix = build(
        acc::ResolveChallenge {
            admin: *admin,
            config: pda::config(),
            request: keys.request,
            dispute: pda::dispute(&keys.request),
            model: keys.model,
            oracle: None,
            mint: keys.mint(),
            vault: keys.vault(),
            fee_vault: None,
            earnings: None,
            token_program: keys.token_program(),
            event_authority: pda::event_authority(),
            program: inference_escrow::ID,
        },
        data::ResolveChallenge { oracle_was_wrong },
    );
    ix.accounts
        .extend(seat_oracle_metas(bonded_oracles(&request.seats)));
    ix
}

/// `release_payout` of a settled SPL quorum request whose payout a frozen vault deferred: the
/// first agreeing seat's earnings as `earnings`, the other agreeing seats' after it as remaining
/// accounts. `None` for a SOL request.
pub fn release_quorum_payout(keys: &RequestKeys, request: &Request) -> Option<Instruction> {
    let agreeing = agreeing_oracles(request);
    let (first, rest) = agreeing.split_first()?;
    let mut ix = crate::ix::release_payout(keys, first)?;
    ix.accounts.extend(
        rest.iter()
            .map(|oracle| AccountMeta::new(pda::earnings(&keys.model, oracle), false)),
    );
    Some(ix)
}
