//! Assertions on the exact error a transaction failed with.

use anchor_lang::error::ErrorCode as AnchorErrorCode;
use inference_escrow::errors::EscrowError;
use solana_instruction::error::InstructionError;
use solana_transaction_error::TransactionError;

fn custom_code(result: &Result<(), TransactionError>) -> Option<u32> {
    match result {
        Err(TransactionError::InstructionError(_, InstructionError::Custom(code))) => Some(*code),
        _ => None,
    }
}

/// Asserts that the transaction failed with exactly `expected`.
#[track_caller]
pub fn assert_escrow_error(result: Result<(), TransactionError>, expected: EscrowError) {
    let code = u32::from(expected);
    assert_eq!(
        custom_code(&result),
        Some(code),
        "expected {expected:?} ({code}), got {result:?}"
    );
}

/// Asserts that the transaction failed with exactly Anchor's framework error `expected`.
#[track_caller]
pub fn assert_anchor_error(result: Result<(), TransactionError>, expected: AnchorErrorCode) {
    let code = u32::from(expected);
    assert_eq!(
        custom_code(&result),
        Some(code),
        "expected anchor {expected:?} ({code}), got {result:?}"
    );
}
