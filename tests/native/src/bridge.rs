//! The native entry bridge between Anchor's generated entry point and `processor!`.

use anchor_lang::solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey,
};
use solana_program_test::{processor, ProgramTest};

/// Anchor's `entry` wants `&'info [AccountInfo<'info>]`; `processor!` hands out a slice whose
/// two lifetimes differ. The accounts outlive the call, so re-borrowing the slice with the
/// longer lifetime is sound (the known workaround for running Anchor programs natively).
#[allow(unsafe_code)]
fn entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: only the lifetime parameter changes; the layout is identical and the accounts
    // live for the whole instruction, longer than this call.
    let accounts: &[AccountInfo] = unsafe { std::mem::transmute(accounts) };
    inference_escrow::entry(program_id, accounts, data)
}

/// A `ProgramTest` with `inference_escrow` registered natively (never looking for a `.so`).
#[allow(unsafe_code)] // `processor!` expands to the runtime's unsafe builtin adapter.
pub fn program_test() -> ProgramTest {
    quiet_runtime_logs();
    let mut program_test = ProgramTest::default();
    program_test.prefer_bpf(false);
    program_test.add_program("inference_escrow", inference_escrow::ID, processor!(entry));
    program_test
}

/// The same bridge for the example consumer program `risk_consumer`.
#[allow(unsafe_code)]
fn consumer_entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: only the lifetime parameter changes; the layout is identical and the accounts
    // live for the whole instruction, longer than this call.
    let accounts: &[AccountInfo] = unsafe { std::mem::transmute(accounts) };
    risk_consumer::entry(program_id, accounts, data)
}

/// A `ProgramTest` with both `inference_escrow` and the example consumer `risk_consumer`
/// registered natively, so the consumer's CPIs into the escrow run in one bank.
#[allow(unsafe_code)] // `processor!` expands to the runtime's unsafe builtin adapter.
pub fn program_test_with_consumer() -> ProgramTest {
    let mut program_test = program_test();
    program_test.add_program(
        "risk_consumer",
        risk_consumer::ID,
        processor!(consumer_entry),
    );
    program_test
}

/// The runtime logs every instruction at debug level; keep test output readable unless the
/// caller asked for logs with `RUST_LOG`.
fn quiet_runtime_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        if std::env::var_os("RUST_LOG").is_none() {
            std::env::set_var("RUST_LOG", "error");
        }
    });
}
