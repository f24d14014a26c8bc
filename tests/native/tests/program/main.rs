//! Native integration tests of `inference_escrow` in a `solana-program-test` bank, one module
//! per actor flow. One test binary keeps the (large) link to a single step.

// Helpers shared by tests panic on failure, as the tests themselves do.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attacks;
mod config;
mod disputes;
mod events;
mod lifecycle;
mod model;
mod oracle;
mod quorum;
mod quorum_property;
mod request_sol;
mod request_spl;
mod safety;
