//! Native integration tests of `inference_escrow` in a `solana-program-test` bank, one module
//! per actor flow. One test binary keeps the (large) link to a single step.

mod config;
mod model;
mod oracle;
mod request_sol;
mod attacks;
mod request_spl;
mod lifecycle;
