//! The interface's constants and layouts against the escrow's own types: a change to the
//! program that this crate does not follow fails here.

#![allow(clippy::unwrap_used)]

use anchor_lang::Discriminator;
use inference_escrow::{constants, instruction as escrow_ix, state as escrow};
use inference_escrow_interface as iface;

fn find(seeds: &[&[u8]]) -> iface::Pubkey {
    iface::Pubkey::find_program_address(seeds, &iface::ID).0
}

#[test]
fn addresses_and_discriminators_are_the_escrows() {
    assert_eq!(iface::ID.to_bytes(), inference_escrow::ID.to_bytes());
    assert_eq!(iface::ACCOUNT_VERSION, constants::ACCOUNT_VERSION);
    assert_eq!(iface::CONFIG, find(&[constants::SEED_CONFIG]), "CONFIG");
    assert_eq!(
        iface::EVENT_AUTHORITY,
        find(&[b"__event_authority"]),
        "EVENT_AUTHORITY"
    );
    let request = iface::Pubkey::new_from_array([9; 32]);
    assert_eq!(
        iface::callback_authority(&request),
        find(&[constants::SEED_CALLBACK, request.as_ref()]),
        "callback_authority"
    );
    assert_eq!(
        iface::state::REQUEST_DISCRIMINATOR,
        escrow::Request::DISCRIMINATOR
    );
    assert_eq!(
        iface::state::MODEL_DISCRIMINATOR,
        escrow::Model::DISCRIMINATOR
    );
    assert_eq!(
        iface::instruction::CREATE_REQUEST,
        escrow_ix::CreateRequest::DISCRIMINATOR
    );
    assert_eq!(
        iface::instruction::CLOSE_REQUEST,
        escrow_ix::CloseRequest::DISCRIMINATOR
    );
    assert_eq!(
        iface::anchor_instruction_discriminator("create_request"),
        escrow_ix::CreateRequest::DISCRIMINATOR
    );
}

use anchor_lang::{prelude::Pubkey, AccountSerialize, InstructionData};
use escrow::{
    Callback, CallbackAccount, CompareRule, DataRef, RequestStatus, Seat, SeatState,
    VerificationPolicy,
};
use proptest::prelude::*;

fn key(seed: u8) -> Pubkey {
    Pubkey::new_from_array([seed; 32])
}

fn status(tag: u8, oracle: Pubkey, slot: u64) -> RequestStatus {
    match tag % 8 {
        0 => RequestStatus::Open,
        1 => RequestStatus::Claimed { oracle, slot },
        2 => RequestStatus::Fulfilled { oracle, slot },
        3 => RequestStatus::Challenged {
            oracle,
            fulfilled_slot: slot / 2,
            slot,
        },
        4 => RequestStatus::Settled { oracle, slot },
        5 => RequestStatus::Failed { oracle, slot },
        6 => RequestStatus::Expired { slot },
        _ => RequestStatus::Refunded { oracle, slot },
    }
}

/// An escrow Request with every optional part present or not, as `seed` says.
fn escrow_request(seed: u64, output: Vec<u8>, callback_accounts: usize) -> escrow::Request {
    let on = |bit: u64| seed & (1 << bit) != 0;
    escrow::Request {
        version: constants::ACCOUNT_VERSION,
        requester: key(1),
        model: key(2),
        nonce: seed,
        status: status(seed as u8, key(3), seed.rotate_left(7)),
        price: seed ^ 0xdead,
        protocol_fee_bps: 250,
        royalty_bps: 1_000,
        challenge_window_slots: 150,
        mint: on(8).then(|| key(4)),
        escrow: seed ^ 0xbeef,
        bond: 7,
        created_slot: 11,
        deadline_slot: 12,
        input_hash: [5; 32],
        input: if on(9) {
            DataRef::Uri("https://x/in.bin".into())
        } else {
            DataRef::Inline(vec![1, 2, 3])
        },
        output_hash: [6; 32],
        output: if on(10) {
            Some(DataRef::Inline(output.clone()))
        } else if on(11) {
            Some(DataRef::Uri("ipfs://out".into()))
        } else {
            None
        },
        execution_id: [7; 32],
        output_capacity: 4,
        callback: on(12).then(|| Callback {
            program: key(8),
            discriminator: [9; 8],
            accounts: (0..callback_accounts)
                .map(|i| CallbackAccount {
                    pubkey: key(20 + i as u8),
                    writable: i % 2 == 0,
                })
                .collect(),
        }),
        callback_delivered: on(13),
        bump: 254,
        vault_bump: 253,
        policy: VerificationPolicy {
            replicas: 3,
            quorum: 2,
            compare: if on(14) {
                CompareRule::Median {
                    abs_bits: 1,
                    rel_bits: 2,
                }
            } else {
                CompareRule::Argmax
            },
        },
        reveal_deadline_slot: 99,
        seats: (0..(seed % 3) as usize)
            .map(|i| Seat {
                oracle: key(40 + i as u8),
                bond: i as u64,
                state: [
                    SeatState::Claimed,
                    SeatState::Committed,
                    SeatState::Revealed,
                ][i],
                commitment: [i as u8; 32],
                execution_id: [2; 32],
                output: output.clone(),
            })
            .collect(),
        agreed: 0b101,
        disputed: on(15),
        challenger: on(16).then(|| key(50)),
    }
}

fn bytes_of(request: &escrow::Request) -> Vec<u8> {
    let mut data = Vec::new();
    request.try_serialize(&mut data).unwrap();
    data
}

proptest! {
    #[test]
    fn requests_decode_as_the_escrow_encodes_them(
        seed in any::<u64>(),
        output in proptest::collection::vec(any::<u8>(), 0..40),
        callback_accounts in 0usize..=8,
    ) {
        let original = escrow_request(seed, output, callback_accounts);
        let decoded = iface::Request::decode(&iface::ID, &bytes_of(&original)).unwrap();
        // Debug output names every field of both: equal text means equal layouts, field by field.
        let text = |s: String| s.replace("Request {", "").replace("Callback {", "");
        prop_assert_eq!(text(format!("{decoded:?}")), text(format!("{original:?}")));
    }

    #[test]
    fn create_request_data_is_the_escrows(
        nonce in any::<u64>(),
        input in proptest::collection::vec(any::<u8>(), 1..64),
        by_uri in any::<bool>(),
        ttl_slots in any::<u64>(),
        max_price in any::<u64>(),
        challenger in any::<bool>(),
        callback_accounts in proptest::option::of(0usize..=8),
    ) {
        let callback = |n: usize| Callback {
            program: key(8),
            discriminator: [3; 8],
            accounts: (0..n).map(|i| CallbackAccount { pubkey: key(i as u8), writable: i % 3 == 0 }).collect(),
        };
        let ours = iface::instruction::CreateRequest {
            nonce,
            input: if by_uri { iface::instruction::Input::Uri { uri: "https://x".into(), sha256: [4; 32] } } else { iface::instruction::Input::Inline(input.clone()) },
            ttl_slots,
            callback: callback_accounts.map(|n| iface::Callback {
                program: key(8),
                discriminator: [3; 8],
                accounts: (0..n).map(|i| iface::CallbackAccount { pubkey: key(i as u8), writable: i % 3 == 0 }).collect(),
            }),
            max_price,
            challenger: challenger.then(|| key(9)),
        };
        let theirs = escrow_ix::CreateRequest {
            args: inference_escrow::instructions::CreateRequestArgs {
                nonce,
                input: if by_uri { inference_escrow::payload::Payload::Uri { uri: "https://x".into(), sha256: [4; 32] } } else { inference_escrow::payload::Payload::Inline(input) },
                ttl_slots,
                callback: callback_accounts.map(callback),
                max_price,
                challenger: challenger.then(|| key(9)),
            },
        };
        prop_assert_eq!(ours.data(), theirs.data());
    }

    #[test]
    fn truncated_or_garbled_accounts_are_refused_not_misread(
        seed in any::<u64>(),
        cut in 9usize..400,
        flip in 9usize..400,
    ) {
        let data = bytes_of(&escrow_request(seed, vec![1, 2, 3, 4], 3));
        if cut < data.len() {
            prop_assert_eq!(iface::Request::decode(&iface::ID, &data[..cut]), Err(iface::InterfaceError::Malformed));
        }
        let mut garbled = data.clone();
        if flip < garbled.len() {
            garbled[flip] = garbled[flip].wrapping_add(1);
            // Never a panic; either a (different) request or a refusal.
            let _ = iface::Request::decode(&iface::ID, &garbled);
        }
    }
}

#[test]
fn foreign_wrong_type_and_other_version_accounts_are_refused() {
    let data = bytes_of(&escrow_request(0, vec![], 0));
    assert_eq!(
        iface::Request::decode(&key(77), &data),
        Err(iface::InterfaceError::NotEscrowAccount)
    );
    assert_eq!(
        iface::Model::decode(&iface::ID, &data),
        Err(iface::InterfaceError::WrongAccountType)
    );
    // The previous layout (2: before callbacks) and any later one are refused, not misread.
    for version in [2, constants::ACCOUNT_VERSION + 1] {
        let mut other = data.clone();
        other[8] = version;
        assert_eq!(
            iface::Request::decode(&iface::ID, &other),
            Err(iface::InterfaceError::UnsupportedVersion(version))
        );
    }
    assert_eq!(
        iface::Request::decode(&iface::ID, &data[..5]),
        Err(iface::InterfaceError::WrongAccountType)
    );
}

#[test]
fn models_decode_as_the_escrow_encodes_them() {
    let model = escrow::Model {
        version: constants::ACCOUNT_VERSION,
        owner: key(1),
        model_id: [2; 32],
        onnx_sha256: [3; 32],
        input_schema: escrow::TensorSchema {
            dtype: escrow::DType::F32,
            shape: vec![1, -1, 4],
        },
        output_schema: escrow::TensorSchema {
            dtype: escrow::DType::I64,
            shape: vec![1],
        },
        max_output_len: 8,
        policy: VerificationPolicy {
            replicas: 5,
            quorum: 3,
            compare: CompareRule::Tolerance {
                abs_bits: 1,
                rel_bits: 9,
            },
        },
        price: 1_000_000,
        mint: Some(key(4)),
        royalty_bps: 500,
        uri: "file:///m.onnx".into(),
        active: true,
        royalty_owed: 1,
        protocol_fee_owed: 2,
        oracle_fees_owed: 3,
        requests_settled: 4,
        royalties_earned: 5,
        bump: 6,
        fee_vault_bump: 7,
    };
    let mut data = Vec::new();
    model.try_serialize(&mut data).unwrap();
    let decoded = iface::Model::decode(&iface::ID, &data).unwrap();
    assert_eq!(decoded.owner, model.owner);
    assert_eq!(
        (decoded.model_id, decoded.onnx_sha256),
        (model.model_id, model.onnx_sha256)
    );
    assert_eq!(decoded.input_schema.dtype, iface::DType::F32);
    assert_eq!(decoded.input_schema.shape, vec![1, -1, 4]);
    assert_eq!(decoded.output_schema.dtype, iface::DType::I64);
    assert_eq!(decoded.max_output_len, 8);
    assert_eq!(
        decoded.policy,
        iface::VerificationPolicy {
            replicas: 5,
            quorum: 3,
            compare: iface::CompareRule::Tolerance {
                abs_bits: 1,
                rel_bits: 9
            }
        }
    );
    assert_eq!(
        (decoded.price, decoded.mint, decoded.royalty_bps),
        (1_000_000, Some(key(4)), 500)
    );
    assert_eq!(
        (decoded.uri.as_str(), decoded.active),
        ("file:///m.onnx", true)
    );
}

#[test]
fn the_checked_reader_believes_a_result_only_when_every_check_holds() {
    use iface::{Accept, InterfaceError as E};
    let score = 0.75f32.to_le_bytes().to_vec();
    let mut request = escrow_request(0, score.clone(), 0);
    request.output = Some(DataRef::Inline(score.clone()));
    request.output_hash = inference_escrow::attestation::sha256(&score);
    let read = |r: &escrow::Request| iface::Request::decode(&iface::ID, &bytes_of(r)).unwrap();
    let (model, me) = (key(2), key(1));

    request.status = RequestStatus::Settled {
        oracle: key(3),
        slot: 9,
    };
    assert_eq!(
        read(&request).result_f32::<1>(&model, &me, Accept::Settled),
        Ok([0.75])
    );
    assert_eq!(
        read(&request).result_f32::<2>(&model, &me, Accept::Settled),
        Err(E::OutputLength {
            expected: 8,
            found: 4
        })
    );
    assert_eq!(
        read(&request).result(&key(9), &me, Accept::Settled),
        Err(E::WrongModel)
    );
    assert_eq!(
        read(&request).result(&model, &key(9), Accept::Settled),
        Err(E::WrongRequester)
    );

    request.status = RequestStatus::Fulfilled {
        oracle: key(3),
        slot: 9,
    };
    assert_eq!(
        read(&request).result_f32::<1>(&model, &me, Accept::FulfilledOrSettled),
        Ok([0.75])
    );
    assert_eq!(
        read(&request).result(&model, &me, Accept::Settled),
        Err(E::NotReady(iface::RequestStatus::Fulfilled {
            oracle: key(3),
            slot: 9
        }))
    );
    request.status = RequestStatus::Open;
    assert_eq!(
        read(&request).result(&model, &me, Accept::FulfilledOrSettled),
        Err(E::NotReady(iface::RequestStatus::Open))
    );
    request.status = RequestStatus::Expired { slot: 4 };
    assert_eq!(
        read(&request).result(&model, &me, Accept::FulfilledOrSettled),
        Err(E::NoResult(iface::RequestStatus::Expired { slot: 4 }))
    );

    request.status = RequestStatus::Settled {
        oracle: key(3),
        slot: 9,
    };
    request.output_hash = [0; 32];
    assert_eq!(
        read(&request).result(&model, &me, Accept::Settled),
        Err(E::OutputHashMismatch)
    );
    request.output = Some(DataRef::Uri("https://x/out".into()));
    assert_eq!(
        read(&request).result(&model, &me, Accept::Settled),
        Err(E::OutputByUri)
    );
}

fn escrow_model(
    input_shape: Vec<i32>,
    dtype: escrow::DType,
    max_output_len: u32,
    replicas: u8,
) -> escrow::Model {
    escrow::Model {
        version: constants::ACCOUNT_VERSION,
        owner: key(1),
        model_id: [0; 32],
        onnx_sha256: [0; 32],
        input_schema: escrow::TensorSchema {
            dtype,
            shape: input_shape,
        },
        output_schema: escrow::TensorSchema {
            dtype: escrow::DType::F32,
            shape: vec![1],
        },
        max_output_len,
        policy: VerificationPolicy {
            replicas,
            quorum: replicas / 2 + 1,
            compare: CompareRule::Exact,
        },
        price: 1,
        mint: None,
        royalty_bps: 0,
        uri: "u".into(),
        active: true,
        royalty_owed: 0,
        protocol_fee_owed: 0,
        oracle_fees_owed: 0,
        requests_settled: 0,
        royalties_earned: 0,
        bump: 0,
        fee_vault_bump: 0,
    }
}

fn decoded<T: AccountSerialize, U>(
    value: &T,
    decode: fn(&Pubkey, &[u8]) -> Result<U, iface::InterfaceError>,
) -> U {
    let mut data = Vec::new();
    value.try_serialize(&mut data).unwrap();
    decode(&iface::ID, &data).unwrap()
}

proptest! {
    #[test]
    fn request_space_and_schema_rules_are_the_escrows(
        shape in proptest::collection::vec(prop_oneof![Just(-1i32), 1i32..6], 1..4),
        dtype in 0usize..9,
        len in 0usize..200,
        max_output_len in 1u32..600,
        replicas in 1u8..=7,
        by_uri in any::<bool>(),
        callback_accounts in proptest::option::of(0usize..=8),
    ) {
        use escrow::DType::*;
        let dtype = [F32, F64, F16, I8, I16, I32, I64, U8, Bool][dtype];
        let model = escrow_model(shape, dtype, max_output_len, replicas);
        let ours = decoded(&model, iface::Model::decode);
        prop_assert_eq!(ours.input_schema.accepts_byte_len(len), model.input_schema.accepts_byte_len(len));
        prop_assert_eq!(ours.input_schema.row_len(), model.input_schema.row_len());

        let config = escrow_config();
        let our_config = decoded(&config, iface::Config::decode);
        let (input, payload) = if by_uri {
            (iface::instruction::Input::Uri { uri: "x".repeat(len), sha256: [0; 32] }, inference_escrow::payload::Payload::Uri { uri: "x".repeat(len), sha256: [0; 32] })
        } else {
            (iface::instruction::Input::Inline(vec![0; len]), inference_escrow::payload::Payload::Inline(vec![0; len]))
        };
        let callback = callback_accounts.map(|n| Callback { program: key(1), discriminator: [0; 8], accounts: vec![CallbackAccount { pubkey: key(2), writable: true }; n] });
        let our_callback = callback_accounts.map(|n| iface::Callback { program: key(1), discriminator: [0; 8], accounts: vec![iface::CallbackAccount::writable(key(2)); n] });
        prop_assert_eq!(
            iface::cost::request_space(&input, our_callback.as_ref(), &ours, &our_config),
            escrow::Request::space_for(&payload, callback.as_ref(), &model, &config)
        );
    }
}

fn escrow_config() -> escrow::Config {
    escrow::Config {
        version: constants::ACCOUNT_VERSION,
        admin: key(1),
        treasury: key(2),
        protocol_fee_bps: 3,
        min_oracle_stake: 4,
        min_claim_bond: 5,
        claim_bond_bps: 6,
        claim_timeout_slots: 7,
        challenge_window_slots: 8,
        unbonding_slots: 9,
        arbitration_timeout_slots: 10,
        min_fulfil_slots: 11,
        reveal_window_slots: 12,
        challenge_bond: 13,
        dispute_replicas: 14,
        dispute_window_slots: 15,
        min_request_ttl_slots: 16,
        max_request_ttl_slots: 17,
        max_input_len: 18,
        max_output_len: 384,
        slashed_owed: 20,
        paused: true,
        bump: 21,
    }
}

#[test]
fn the_config_decodes_as_the_escrow_encodes_it() {
    let config = decoded(&escrow_config(), iface::Config::decode);
    assert_eq!((config.admin, config.treasury), (key(1), key(2)));
    assert_eq!(
        (
            config.protocol_fee_bps,
            config.min_oracle_stake,
            config.min_claim_bond,
            config.claim_bond_bps
        ),
        (3, 4, 5, 6)
    );
    assert_eq!(
        (
            config.claim_timeout_slots,
            config.challenge_window_slots,
            config.unbonding_slots,
            config.arbitration_timeout_slots
        ),
        (7, 8, 9, 10)
    );
    assert_eq!(
        (
            config.min_fulfil_slots,
            config.reveal_window_slots,
            config.challenge_bond,
            config.dispute_replicas
        ),
        (11, 12, 13, 14)
    );
    assert_eq!(
        (
            config.dispute_window_slots,
            config.min_request_ttl_slots,
            config.max_request_ttl_slots
        ),
        (15, 16, 17)
    );
    assert_eq!(
        (
            config.max_input_len,
            config.max_output_len,
            config.slashed_owed,
            config.paused
        ),
        (18, 384, 20, true)
    );
}

#[test]
fn verify_callback_believes_only_the_escrow_delivering_this_requests_callback_to_this_program() {
    use anchor_lang::prelude::AccountInfo;
    use iface::InterfaceError as E;
    let consumer = key(8);
    let request_key = key(60);
    let mut request = escrow_request(1 << 12, vec![], 2); // bit 12: a callback naming key(8)
    request.status = RequestStatus::Settled {
        oracle: key(3),
        slot: 9,
    };
    let owner = iface::ID;
    let check = |request: &escrow::Request, signer: Pubkey, signed: bool, program: Pubkey| {
        let mut data = bytes_of(request);
        let (mut a, mut b) = (0u64, 0u64);
        let mut empty: [u8; 0] = [];
        let request_info =
            AccountInfo::new(&request_key, false, false, &mut a, &mut data, &owner, false);
        let system = Pubkey::default();
        let authority_info =
            AccountInfo::new(&signer, signed, false, &mut b, &mut empty, &system, false);
        iface::verify_callback(&program, &request_info, &authority_info).map(|r| r.nonce)
    };
    let authority = iface::callback_authority(&request_key);
    assert_eq!(
        check(&request, authority, true, consumer),
        Ok(request.nonce)
    );
    // Another request's authority (forwarded by a program that received it), or not signed.
    let forwarded = iface::callback_authority(&key(61));
    assert_eq!(
        check(&request, forwarded, true, consumer),
        Err(E::NotFromEscrow)
    );
    assert_eq!(
        check(&request, authority, false, consumer),
        Err(E::NotFromEscrow)
    );
    // The request names another program as its callback, or none.
    assert_eq!(
        check(&request, authority, true, key(9)),
        Err(E::CallbackMismatch)
    );
    let mut without = request.clone();
    without.callback = None;
    assert_eq!(
        check(&without, authority, true, consumer),
        Err(E::CallbackMismatch)
    );
    // The request has not ended.
    let mut open = request.clone();
    open.status = RequestStatus::Fulfilled {
        oracle: key(3),
        slot: 9,
    };
    assert_eq!(
        check(&open, authority, true, consumer),
        Err(E::NotReady(iface::RequestStatus::Fulfilled {
            oracle: key(3),
            slot: 9
        }))
    );
}
