//! The oracle operator's service for `inference_escrow`: it discovers requests for the models it
//! serves, claims them, runs the model with ONNX Runtime, signs the result with its attestation
//! key, fulfils, and settles its own requests after the challenge window.
//!
//! - [`cli`]: the command line's actions (register, stake, collect, requests, models).
//! - [`config`]: the operator's configuration (TOML, environment, flags).
//! - [`chain`]: RPC endpoints with failover, reads, and sending with retries.
//! - [`inference`]: ONNX Runtime sessions on worker threads, with dynamic batching.
//! - [`input`]: a request's input, inline or fetched from its URI and checked against its hash.
//! - [`service`]: the discovery / work / settlement loop.
//! - [`metrics`]: Prometheus metrics, `/health` and `/ready`.
//! - [`program_error`]: program errors by name and message, from the IDL.
//! - [`app`]: assembling all of it from a configuration.

pub mod app;
pub mod chain;
pub mod cli;
pub mod config;
pub mod inference;
pub mod input;
pub mod metrics;
pub mod policy;
pub mod program_error;
pub mod salts;
pub mod service;
