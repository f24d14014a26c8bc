//! Default protocol parameters, models and inputs the tests start from.

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{
    ConfigParams, CreateRequestArgs, DType, Payload, RegisterModelArgs, TensorSchema,
    VerificationPolicy,
};
use solana_keypair::Keypair;
use solana_signer::Signer;

/// Lamports in one SOL.
pub const SOL: u64 = 1_000_000_000;
/// Protocol fee of the default config: 2.5%.
pub const PROTOCOL_FEE_BPS: u16 = 250;
/// Royalty of the default model: 10%.
pub const ROYALTY_BPS: u16 = 1_000;
/// Price of the default model, in lamports or token base units.
pub const PRICE: u64 = 1_000_003;
/// Stake every default oracle registers with.
pub const STAKE: u64 = 2 * SOL;
/// Default request time-to-live, in slots.
pub const TTL: u64 = 100;
/// Smallest claim bond of the default config.
pub const MIN_CLAIM_BOND: u64 = SOL / 10;
/// Claim bond of the default config as a share of the price: the whole price.
pub const CLAIM_BOND_BPS: u16 = 10_000;
/// Claim bond of a default-priced request: `max(MIN_CLAIM_BOND, PRICE)`.
pub const BOND: u64 = MIN_CLAIM_BOND;
/// Slots a claim must leave before the deadline under the default config.
pub const MIN_FULFIL_SLOTS: u64 = 5;
/// Shortest request time-to-live under the default config.
pub const MIN_TTL: u64 = 10;
/// Slots the arbiter has to resolve a challenge under the default config.
pub const ARBITRATION_TIMEOUT: u64 = 40;

/// Slots committed seats have to reveal after the commit deadline under the default config.
pub const REVEAL_WINDOW: u64 = 20;
/// Lamports a challenger posts under the default config.
pub const CHALLENGE_BOND: u64 = SOL / 5;
/// Slots a dispute round has to fill and commit its seats under the default config.
pub const DISPUTE_WINDOW: u64 = 30;

/// The execution id the tests' oracles sign.
pub fn execution_id() -> [u8; 32] {
    inference_escrow_client::attestation::execution_id("onnxruntime/1.31.1/cpu")
}

/// Config parameters the tests use unless a test says otherwise.
pub fn config_params(treasury: Pubkey) -> ConfigParams {
    ConfigParams {
        treasury,
        protocol_fee_bps: PROTOCOL_FEE_BPS,
        min_oracle_stake: SOL,
        min_claim_bond: MIN_CLAIM_BOND,
        claim_bond_bps: CLAIM_BOND_BPS,
        claim_timeout_slots: 20,
        challenge_window_slots: 30,
        unbonding_slots: 50,
        arbitration_timeout_slots: ARBITRATION_TIMEOUT,
        min_fulfil_slots: MIN_FULFIL_SLOTS,
        reveal_window_slots: REVEAL_WINDOW,
        challenge_bond: CHALLENGE_BOND,
        dispute_replicas: 3,
        dispute_window_slots: DISPUTE_WINDOW,
        min_request_ttl_slots: MIN_TTL,
        max_request_ttl_slots: 1_000,
        max_input_len: 512,
        max_output_len: 256,
    }
}

/// A risk-scoring model: four f32 features in, one f32 score out.
pub fn model_args(model_id: u8) -> RegisterModelArgs {
    RegisterModelArgs {
        model_id: [model_id; 32],
        onnx_sha256: [0xAB; 32],
        input_schema: TensorSchema {
            dtype: DType::F32,
            shape: vec![1, 4],
        },
        output_schema: TensorSchema {
            dtype: DType::F32,
            shape: vec![1, 1],
        },
        max_output_len: 0,
        price: PRICE,
        royalty_bps: ROYALTY_BPS,
        uri: "https://models.example/risk-v1.onnx".to_owned(),
        policy: VerificationPolicy::SINGLE,
    }
}

/// Packs f32 values little-endian, as the program expects inline tensors.
pub fn f32_bytes(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// A valid input for [`model_args`]: four features.
pub fn input() -> Payload {
    Payload::Inline(f32_bytes(&[0.5, 1.5, -2.0, 3.25]))
}

/// A valid output for [`model_args`]: one score.
pub fn output(score: f32) -> Payload {
    Payload::Inline(f32_bytes(&[score]))
}

/// Request arguments with the default input and TTL.
pub fn request_args(nonce: u64) -> CreateRequestArgs {
    CreateRequestArgs {
        nonce,
        input: input(),
        ttl_slots: TTL,
        callback: None,
        max_price: PRICE,
        challenger: None,
    }
}

/// An oracle operator: its wallet and its result-signing key.
pub struct TestOracle {
    /// Operator wallet; signs claims, receives the oracle's share.
    pub authority: Keypair,
    /// Ed25519 key that signs results.
    pub attestation: Keypair,
}

impl TestOracle {
    /// The oracle account.
    pub fn pda(&self) -> Pubkey {
        inference_escrow_client::pda::oracle(&self.authority.pubkey())
    }

    /// The operator wallet's address.
    pub fn key(&self) -> Pubkey {
        self.authority.pubkey()
    }
}
