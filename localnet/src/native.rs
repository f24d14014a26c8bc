//! The programs as native builtins, and the host syscall stubs their sysvar reads and CPIs need.

use anchor_lang::solana_program::{
    account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey,
};
use solana_program_runtime::invoke_context::BuiltinFunctionWithContext;
use solana_program_test::processor;

/// Anchor's `entry` wants `&'info [AccountInfo<'info>]`; the builtin adapter hands out a slice
/// whose two lifetimes differ. The accounts outlive the call, so re-borrowing the slice with
/// the longer lifetime is sound (the known bridge for running Anchor programs natively).
#[allow(unsafe_code)]
fn entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: only the lifetime parameter changes; the layout is identical and the accounts
    // live for the whole instruction, longer than this call.
    let accounts: &[AccountInfo] = unsafe { std::mem::transmute(accounts) };
    in_program(|| inference_escrow::entry(program_id, accounts, data))
}

thread_local! {
    /// Set while a native program runs on this thread: its log lines have an invoke context
    /// (and so a transaction's log collector) to go to.
    static IN_PROGRAM: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `program` with [`IN_PROGRAM`] set (nested for CPIs between the two programs).
fn in_program(program: impl FnOnce() -> ProgramResult) -> ProgramResult {
    IN_PROGRAM.with(|depth| depth.set(depth.get() + 1));
    let result = program();
    IN_PROGRAM.with(|depth| depth.set(depth.get().saturating_sub(1)));
    result
}

/// `msg!` on the host: inside a native program, into the running transaction's logs (as
/// `Program log: ...`, the way a validator records it, so clients see Anchor's error names);
/// anywhere else, stdout as before.
///
/// One exception: Anchor logs the two keys a failed key comparison compared as `Left:`, the key,
/// `Right:`, the key, and the keys go through `Pubkey::log`, which prints to stdout on the host
/// whatever this hook does. A `Left:` line without its key would make clients that parse
/// Anchor's logs read the next line as the key (Anchor's TypeScript client fails on it), so
/// those two lines stay on stdout with their keys.
fn host_log(message: &str) {
    let in_program = IN_PROGRAM.with(std::cell::Cell::get) > 0;
    if in_program && message != "Left:" && message != "Right:" {
        solana_sysvar::program_stubs::sol_log(message);
    } else {
        println!("{message}");
    }
}

/// The example consumer's entry point, bridged the same way as [`entry`].
#[allow(unsafe_code)]
fn consumer_entry(program_id: &Pubkey, accounts: &[AccountInfo], data: &[u8]) -> ProgramResult {
    // SAFETY: as in `entry`: only the lifetime parameter changes.
    let accounts: &[AccountInfo] = unsafe { std::mem::transmute(accounts) };
    in_program(|| risk_consumer::entry(program_id, accounts, data))
}

/// The programs the localnet serves natively: `inference_escrow`, and `risk_consumer`, the
/// example dApp that calls it by CPI.
#[allow(unsafe_code)] // `processor!` expands to the runtime's unsafe builtin adapter.
pub fn builtins() -> [(Pubkey, BuiltinFunctionWithContext); 2] {
    let escrow: Option<BuiltinFunctionWithContext> = processor!(entry);
    let consumer: Option<BuiltinFunctionWithContext> = processor!(consumer_entry);
    match (escrow, consumer) {
        (Some(escrow), Some(consumer)) => [
            (inference_escrow::ID, escrow),
            (risk_consumer::ID, consumer),
        ],
        _ => unreachable!("processor! always yields a builtin"),
    }
}

/// Installs the process-wide host syscall stubs (sysvars, CPI, logging) that forward a native
/// program's syscalls to the runtime's invoke context, and routes `msg!` there too (upstream
/// solana-msg prints it to stdout on the host; see vendor/solana-msg). LiteSVM installs none;
/// starting one `solana-program-test` bank installs its stubs, once per process.
pub async fn install_syscall_stubs() {
    static INSTALLED: tokio::sync::OnceCell<()> = tokio::sync::OnceCell::const_new();
    INSTALLED
        .get_or_init(|| async {
            let mut program_test = solana_program_test::ProgramTest::default();
            program_test.prefer_bpf(false);
            drop(program_test.start().await);
            solana_msg::set_host_logger(host_log);
        })
        .await;
}
