//! Running ONNX models with ONNX Runtime (`ort`), one session per model on its own worker thread,
//! with dynamic batching of concurrent requests.
//!
//! ```text
//!  infer(bytes) ─► validate + decode ─► channel ─► worker thread (owns the Session)
//!  infer(bytes) ─►   (BadInput here,       │         take what is queued, ≤ max_batch
//!  infer(bytes) ─►    never batched)       │         concat rows ─► Session::run ─► split rows
//!        ▲                                 │                                          │
//!        └────────────── oneshot reply (output bytes, batch size, seconds) ◄──────────┘
//! ```
//!
//! - [`init_onnx_runtime`] loads the shared library once per process (the `load-dynamic` build of
//!   `ort`: nothing is linked at build time).
//! - [`ModelRuntime::load`] refuses a file whose SHA-256 is not the registered one
//!   ([`InferenceError::HashMismatch`]) or whose I/O does not fit the on-chain schemas
//!   ([`InferenceError::SchemaMismatch`]), and logs which execution provider really runs it.
//! - [`ModelRuntime::infer`] takes a request's inline tensor bytes and returns the output's bytes.
//!   [`InferenceError::is_request_fault`] tells a failure to sign (bad input, model error) from an
//!   operator-side fault (leave the request for a retry or another oracle).
//! - [`describe_model`] reads a file's I/O schemas for `oracle model register`.

mod error;
mod raw;
mod runtime;
mod session;
mod tensor;

#[cfg(test)]
mod tests;

pub use self::{
    error::InferenceError,
    raw::RawModel,
    runtime::{
        describe_model, init_onnx_runtime, onnx_runtime_version, sha256_file, ExecutionProvider,
    },
    session::{BatchConfig, Inference, ModelRuntime},
};
