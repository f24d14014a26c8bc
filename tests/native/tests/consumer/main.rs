//! Native integration tests of the example consumer `risk_consumer`: both programs registered
//! in one `solana-program-test` bank, the consumer calling inference_escrow by CPI. One module
//! per instruction or flow; `harness` builds the bank and every instruction.

// Helpers shared by tests panic on failure, as the tests themselves do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod apply_score;
mod callback;
mod harness;
mod lifecycle;
mod positions;
mod quorum;
mod reclaim;
