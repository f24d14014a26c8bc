//! Raw ONNX Runtime: one session, one `Session::run` per call and nothing else. The baseline the
//! inference stage ([`super::ModelRuntime`]) is benchmarked against, built with the very same
//! session options.

use std::path::Path;

use ort::{session::Session, value::Tensor};

use super::{
    error::InferenceError,
    runtime::{build_session, io_outlets, read_model, ExecutionProvider},
};

/// A model's session driven directly.
pub struct RawModel {
    session: Session,
    input: String,
    output: String,
    provider: &'static str,
}

impl RawModel {
    /// Loads `path` as the oracle does (same environment and options), without the hash check.
    pub fn load(path: &Path, provider: ExecutionProvider) -> Result<Self, InferenceError> {
        let (session, provider) = build_session(&read_model(path)?, provider)?;
        let (input, output) = io_outlets(&session)?;
        let (input, output) = (input.name().to_owned(), output.name().to_owned());
        Ok(Self {
            session,
            input,
            output,
            provider,
        })
    }

    /// The execution provider that runs it.
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// One run on an f32 input of `shape`; returns the number of f32 in the output.
    pub fn run_f32(&mut self, data: &[f32], shape: &[i64]) -> Result<usize, InferenceError> {
        let fail = |e: ort::Error| InferenceError::model_failed(e.to_string());
        let value = Tensor::from_array((shape.to_vec(), data.to_vec())).map_err(fail)?;
        let outputs = self
            .session
            .run(vec![(self.input.as_str(), value.into_dyn())])
            .map_err(fail)?;
        let output = outputs.get(&self.output).ok_or_else(|| {
            InferenceError::model_failed(format!("no output named `{}`", self.output))
        })?;
        let (_, values) = output.try_extract_tensor::<f32>().map_err(fail)?;
        Ok(values.len())
    }
}
