//! The demo's scenario, smaller: every kind of request ends, the books balance against the
//! chain, and the lending protocol flags positions from real scores.

use std::{path::PathBuf, time::Duration};

use inference_demo::{run, Options};
use inference_oracle::inference::ExecutionProvider;

/// The ONNX Runtime library: ORT_DYLIB_PATH, else the project's venv (scripts/test.sh makes it).
fn onnxruntime_library() -> PathBuf {
    std::env::var_os("ORT_DYLIB_PATH")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
                "../.venv/lib/python3.11/site-packages/onnxruntime/capi/libonnxruntime.so.1.31.1",
            )
        })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_small_run_ends_every_request_and_balances_the_books() {
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
    let state_dir = std::env::temp_dir().join(format!("demo-test-{}", std::process::id()));
    let options = Options {
        requests: 30,
        oracles: 3,
        ep: ExecutionProvider::Cpu,
        slot_ms: 400,
        onnxruntime: Some(onnxruntime_library()),
        state_dir: state_dir.clone(),
        progress: false,
        limit: Duration::from_secs(300),
    };
    let report = run(&options).await.expect("the run happens");
    let _ = std::fs::remove_dir_all(&state_dir);
    println!("{report}");
    let failed: Vec<_> = report.books.checks.iter().filter(|c| !c.holds()).collect();
    assert!(failed.is_empty(), "money off: {failed:#?}");
    assert!(
        report.submit_errors.is_empty(),
        "{:?}",
        report.submit_errors
    );
    assert!(report.ok);
    let o = report.outcomes;
    assert_eq!(report.requests, 30);
    assert_eq!(o.settled + o.failed + o.expired + o.refunded, 30);
    // 8 desk requests (2 malformed), 3 on the retired model, 10 quorum, 9 single-oracle.
    assert_eq!(
        o.failed, 2,
        "the malformed inputs are failed by signed results"
    );
    assert_eq!(o.expired, 3, "the retired model's requests expire");
    assert_eq!(o.settled, 25);
    assert_eq!(report.disputes.len(), 1, "one result disputed");
    assert!(
        report.disputes[0].contains("Rejected"),
        "an honest result stands: {:?}",
        report.disputes
    );
    assert_eq!(report.books.challenge_bond_to_oracles, 100_000_000);
    assert_eq!(report.books.slashes, 0, "honest oracles are not slashed");
    let f = report.flags;
    assert_eq!(
        f.flagged + f.cleared,
        19,
        "every scored market position decided"
    );
    assert_eq!(f.unscored, 3, "expired positions are released");
    assert!(report.latency_slots.p50 >= 1.0);
    assert!(report.books.sol.oracles > 0 && report.books.usdc.oracles > 0);
}
