//! What can go wrong loading or running a model, split into request faults (signed failure and
//! refund) and operator-side faults (leave the request for a retry or another oracle).

use std::path::PathBuf;

use inference_escrow_client::program::constants::MAX_FAIL_REASON_LEN;

/// How to get ONNX Runtime's shared library, for [`InferenceError::RuntimeUnavailable`] messages.
pub(crate) const RUNTIME_HELP: &str =
    "in this repository, `source scripts/onnxruntime.sh` installs it and sets ORT_DYLIB_PATH \
     (in every shell); elsewhere, `pip install onnxruntime==1.31.1` (or onnxruntime-gpu==1.31.1 \
     for CUDA) and point ORT_DYLIB_PATH or the config's `onnxruntime_library` at \
     <site-packages>/onnxruntime/capi/libonnxruntime.so.1.31.1";

const BAD_INPUT_PREFIX: &str = "bad input: ";
const MODEL_FAILED_PREFIX: &str = "model failed: ";

/// Loading or running a model failed.
#[derive(Debug, thiserror::Error)]
pub enum InferenceError {
    /// The ONNX Runtime library could not be loaded (or lacks the execution provider asked for).
    #[error("ONNX Runtime unavailable: {0}")]
    RuntimeUnavailable(String),
    /// The model file's SHA-256 differs from the one registered on chain: it must not be served.
    #[error(
        "model file {} has SHA-256 {actual} but the model registered on chain has {expected}: \
         refusing to serve a file that is not the registered one",
        path.display()
    )]
    HashMismatch {
        /// The model file.
        path: PathBuf,
        /// The SHA-256 registered on chain, hex.
        expected: String,
        /// The file's SHA-256, hex.
        actual: String,
    },
    /// The file's inputs/outputs do not match the on-chain schemas, or ONNX Runtime cannot load it.
    #[error("model does not match its on-chain schemas: {0}")]
    SchemaMismatch(String),
    /// The request's input cannot be run. `to_string()` is at most 128 bytes: it is the reason of
    /// the signed failure.
    #[error("bad input: {0}")]
    BadInput(String),
    /// The model raised an error on this input. `to_string()` is at most 128 bytes.
    #[error("model failed: {0}")]
    ModelFailed(String),
    /// Reading the model file failed.
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// The model's worker thread has gone away.
    #[error("the model's worker thread has stopped")]
    WorkerStopped,
}

impl InferenceError {
    /// True when the request itself cannot be run ([`BadInput`](Self::BadInput),
    /// [`ModelFailed`](Self::ModelFailed)): fail it with a signed failure and a refund. False for
    /// operator-side faults: the request must be left for a retry or another oracle.
    pub fn is_request_fault(&self) -> bool {
        matches!(self, Self::BadInput(_) | Self::ModelFailed(_))
    }

    /// A [`BadInput`](Self::BadInput) whose `to_string()` fits a failure reason.
    pub(crate) fn bad_input(reason: impl AsRef<str>) -> Self {
        Self::BadInput(truncate(
            reason.as_ref(),
            MAX_FAIL_REASON_LEN - BAD_INPUT_PREFIX.len(),
        ))
    }

    /// A [`ModelFailed`](Self::ModelFailed) whose `to_string()` fits a failure reason.
    pub(crate) fn model_failed(reason: impl AsRef<str>) -> Self {
        // ONNX Runtime's messages are long ("Non-zero status code returned while running Gather
        // node. Name:'gather' Status Message: indices element out of data bounds, ..."): keep the
        // status message's first line, the part that says what went wrong.
        let reason = reason.as_ref();
        let reason = reason
            .split_once("Status Message: ")
            .map_or(reason, |(_, status)| status);
        let first_line = reason.lines().next().unwrap_or(reason).trim();
        Self::ModelFailed(truncate(
            first_line,
            MAX_FAIL_REASON_LEN - MODEL_FAILED_PREFIX.len(),
        ))
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
pub(crate) fn truncate(text: &str, max: usize) -> String {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

/// Lower-case hex of a byte string.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}
