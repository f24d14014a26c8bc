//! The ONNX Runtime library, execution providers, and reading model files.

use std::{
    fs::File,
    io::{self, Read},
    path::{Path, PathBuf},
    sync::{Arc, Mutex, PoisonError},
};

use inference_escrow_client::TensorSchema;
use ort::{
    environment::Environment,
    logging::LogLevel,
    session::{builder::SessionBuilder, Session},
    value::Outlet,
};
use sha2::{Digest, Sha256};

use super::{
    error::{InferenceError, RUNTIME_HELP},
    tensor::outlet_schema,
};

/// Which execution provider to ask for.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum ExecutionProvider {
    /// CUDA when this build has the `cuda` feature and the provider registers, else CPU.
    #[default]
    Auto,
    /// ONNX Runtime's CPU provider.
    Cpu,
    /// The CUDA provider; loading a model fails when it cannot be registered.
    Cuda,
}

/// The process's ONNX Runtime environment and the library it came from.
struct Loaded {
    environment: Environment,
    library: PathBuf,
}

static RUNTIME: Mutex<Option<Loaded>> = Mutex::new(None);

/// The version of the loaded ONNX Runtime library (e.g. `1.31.1`): from its build info when
/// that names a release branch, else from the library's file name (the PyPI wheels build from
/// `HEAD` and ship `libonnxruntime.so.1.31.1`); `unknown` when neither says. Call after
/// [`init_onnx_runtime`].
pub fn onnx_runtime_version() -> String {
    let library = match RUNTIME.lock() {
        Ok(runtime) => match runtime.as_ref() {
            Some(loaded) => loaded.library.clone(),
            None => return "unknown".to_owned(),
        },
        Err(_) => return "unknown".to_owned(),
    };
    version_from_build_info(ort::info())
        .or_else(|| version_from_file_name(&library))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The version in a library's file name, symbolic links followed: `libonnxruntime.so.1.31.1`
/// or `libonnxruntime.1.31.1.dylib`.
fn version_from_file_name(library: &std::path::Path) -> Option<String> {
    let real = library
        .canonicalize()
        .unwrap_or_else(|_| library.to_path_buf());
    let name = real.file_name()?.to_str()?;
    let rest = name
        .strip_prefix("libonnxruntime.so.")
        .or_else(|| name.strip_prefix("libonnxruntime.")?.strip_suffix(".dylib"))?;
    let is_version = rest.split('.').count() >= 2
        && rest
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    is_version.then(|| rest.to_owned())
}

/// The release in ONNX Runtime's build info string (`... git-branch=rel-1.31.1, ...`).
fn version_from_build_info(info: &str) -> Option<String> {
    let after = info.split("git-branch=rel-").nth(1)?;
    let version: String = after
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    (!version.is_empty()).then_some(version)
}

/// Loads ONNX Runtime from `library` (or, when None, from `ORT_DYLIB_PATH`) and creates the
/// process's environment. Idempotent: later calls return at once (a different `library` is
/// ignored with a warning, as a process can hold only one ONNX Runtime).
pub fn init_onnx_runtime(library: Option<&Path>) -> Result<(), InferenceError> {
    let mut loaded = RUNTIME.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(current) = loaded.as_ref() {
        if let Some(asked) = library.and_then(|p| std::path::absolute(p).ok()) {
            if asked != current.library {
                tracing::warn!(
                    loaded = %current.library.display(),
                    asked = %asked.display(),
                    "ONNX Runtime is already loaded from another library; keeping it"
                );
            }
        }
        return Ok(());
    }
    let library = library_path(library)?;
    let environment = ort::init_from(&library)
        .map_err(|e| InferenceError::RuntimeUnavailable(format!("{e}; {RUNTIME_HELP}")))?
        .with_name("inference-oracle")
        .with_telemetry(false)
        .with_logger(Arc::new(forward_log))
        .build()
        .map_err(|e| {
            InferenceError::RuntimeUnavailable(format!(
                "cannot create the environment from {}: {e}",
                library.display()
            ))
        })?;
    environment.set_log_level(LogLevel::Warning);
    tracing::info!(library = %library.display(), "ONNX Runtime loaded");
    *loaded = Some(Loaded {
        environment,
        library,
    });
    Ok(())
}

/// The absolute path of the library to load.
fn library_path(library: Option<&Path>) -> Result<PathBuf, InferenceError> {
    let path = match library {
        Some(path) => path.to_path_buf(),
        None => match std::env::var_os("ORT_DYLIB_PATH") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => {
                return Err(InferenceError::RuntimeUnavailable(format!(
                    "no ONNX Runtime library given (ORT_DYLIB_PATH is unset); {RUNTIME_HELP}"
                )))
            }
        },
    };
    std::path::absolute(&path).map_err(|e| {
        InferenceError::RuntimeUnavailable(format!(
            "bad library path {}: {e}; {RUNTIME_HELP}",
            path.display()
        ))
    })
}

/// The process's environment, loading the library from `ORT_DYLIB_PATH` when nothing loaded it yet.
fn environment() -> Result<Environment, InferenceError> {
    if let Some(loaded) = RUNTIME
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
    {
        return Ok(loaded.environment.clone());
    }
    init_onnx_runtime(None)?;
    RUNTIME
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .as_ref()
        .map(|loaded| loaded.environment.clone())
        .ok_or_else(|| {
            InferenceError::RuntimeUnavailable(format!(
                "ONNX Runtime is not loaded; {RUNTIME_HELP}"
            ))
        })
}

/// ONNX Runtime's own log lines, as `tracing` events with target `onnxruntime`.
fn forward_log(level: LogLevel, category: &str, _id: &str, location: &str, message: &str) {
    match level {
        LogLevel::Verbose => {
            tracing::trace!(target: "onnxruntime", category, location, "{message}")
        }
        LogLevel::Info => tracing::debug!(target: "onnxruntime", category, location, "{message}"),
        LogLevel::Warning => tracing::warn!(target: "onnxruntime", category, location, "{message}"),
        LogLevel::Error | LogLevel::Fatal => {
            tracing::error!(target: "onnxruntime", category, location, "{message}")
        }
    }
}

/// Builds a session from a model's bytes with `provider`; returns it with the provider that
/// really runs it ("cpu" or "cuda").
pub(crate) fn build_session(
    model: &[u8],
    provider: ExecutionProvider,
) -> Result<(Session, &'static str), InferenceError> {
    let environment = environment()?;
    let builder = Session::builder(&environment).map_err(|e| {
        InferenceError::RuntimeUnavailable(format!("cannot create a session builder: {e}"))
    })?;
    let (builder, used) = match provider {
        ExecutionProvider::Cpu => (builder, "cpu"),
        ExecutionProvider::Cuda => match with_cuda(builder) {
            (builder, None) => (builder, "cuda"),
            (_, Some(why)) => {
                return Err(InferenceError::RuntimeUnavailable(format!(
                    "the CUDA execution provider was asked for but cannot be used: {why}"
                )))
            }
        },
        ExecutionProvider::Auto => match with_cuda(builder) {
            (builder, None) => (builder, "cuda"),
            (builder, Some(why)) => {
                tracing::info!(%why, "CUDA execution provider unavailable; using the CPU");
                (builder, "cpu")
            }
        },
    };
    // ONNX Runtime's intra-op threads spin while a run's parallel sections need them, and stop
    // when the run returns: spinning on between runs took the cores the requesting tasks need
    // (on 2 cores, 17% less throughput at saturation on the heavy model) and burns CPU while
    // the oracle is idle.
    let mut builder = builder
        .with_config_entry("session.force_spinning_stop", "1")
        .map_err(|e| {
            InferenceError::RuntimeUnavailable(format!("cannot set the session options: {e}"))
        })?;
    let session = builder.commit_from_memory(model).map_err(|e| {
        InferenceError::SchemaMismatch(format!("ONNX Runtime cannot load the model: {e}"))
    })?;
    Ok((session, used))
}

/// Registers the CUDA provider; returns the builder, and why not when it does not register.
#[cfg(feature = "cuda")]
fn with_cuda(builder: SessionBuilder) -> (SessionBuilder, Option<String>) {
    match builder.with_execution_providers([ort::ep::CUDA::default().build().error_on_failure()]) {
        Ok(builder) => (builder, None),
        Err(e) => {
            let why = format!(
                "{e} (it needs onnxruntime-gpu==1.31.1's library and the CUDA 13 / cuDNN 9 libraries on the loader path)"
            );
            (e.recover(), Some(why))
        }
    }
}

/// Without the `cuda` feature there is no CUDA provider to register.
#[cfg(not(feature = "cuda"))]
fn with_cuda(builder: SessionBuilder) -> (SessionBuilder, Option<String>) {
    (
        builder,
        Some(
            "this oracle was built without the `cuda` feature (cargo build --features cuda)"
                .to_owned(),
        ),
    )
}

/// A session's only input and its first output. Models with several inputs are refused: a
/// request carries one tensor.
pub(crate) fn io_outlets(session: &Session) -> Result<(&Outlet, &Outlet), InferenceError> {
    let input = match session.inputs() {
        [input] => input,
        [] => {
            return Err(InferenceError::SchemaMismatch(
                "the model has no input".to_owned(),
            ))
        }
        inputs => {
            let names: Vec<&str> = inputs.iter().map(Outlet::name).collect();
            return Err(InferenceError::SchemaMismatch(format!(
                "the model has {} inputs ({}); a request carries exactly one tensor",
                names.len(),
                names.join(", ")
            )));
        }
    };
    let output = session
        .outputs()
        .first()
        .ok_or_else(|| InferenceError::SchemaMismatch("the model has no output".to_owned()))?;
    Ok((input, output))
}

/// Reads a model file whole (hashed and loaded from the same bytes).
pub(crate) fn read_model(path: &Path) -> Result<Vec<u8>, InferenceError> {
    std::fs::read(path).map_err(|e| with_path(e, path))
}

fn with_path(e: io::Error, path: &Path) -> InferenceError {
    InferenceError::Io(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

/// SHA-256 of a file.
pub fn sha256_file(path: &Path) -> Result<[u8; 32], InferenceError> {
    let mut file = File::open(path).map_err(|e| with_path(e, path))?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buffer).map_err(|e| with_path(e, path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
    }
    Ok(hasher.finalize().into())
}

/// The I/O schema of an ONNX file's input and first output, as the program stores it (dynamic
/// dimensions as -1). Used by `oracle model register`. Loads ONNX Runtime from `ORT_DYLIB_PATH`
/// when [`init_onnx_runtime`] was not called.
pub fn describe_model(path: &Path) -> Result<(TensorSchema, TensorSchema), InferenceError> {
    let (session, _) = build_session(&read_model(path)?, ExecutionProvider::Cpu)?;
    let (input, output) = io_outlets(&session)?;
    Ok((
        outlet_schema(input, "input")?,
        outlet_schema(output, "output")?,
    ))
}

#[cfg(test)]
mod version_tests {
    use super::*;

    #[test]
    fn the_version_comes_from_the_build_info_or_the_file_name() {
        assert_eq!(
            version_from_build_info("ORT Build Info: git-branch=rel-1.19.0, git-commit-id=26250ae"),
            Some("1.19.0".to_owned())
        );
        // The PyPI wheel of 1.31.1 says HEAD.
        assert_eq!(
            version_from_build_info("ORT Build Info: git-branch=HEAD, git-commit-id=6af1a93"),
            None
        );
        let path = |name: &str| std::path::PathBuf::from(format!("/nonexistent/{name}"));
        assert_eq!(
            version_from_file_name(&path("libonnxruntime.so.1.31.1")),
            Some("1.31.1".to_owned())
        );
        assert_eq!(
            version_from_file_name(&path("libonnxruntime.1.31.1.dylib")),
            Some("1.31.1".to_owned())
        );
        assert_eq!(version_from_file_name(&path("libonnxruntime.so")), None);
        assert_eq!(version_from_file_name(&path("libonnxruntime.so.1")), None);
        assert_eq!(version_from_file_name(&path("libonnxruntime.so.1.x")), None);
    }

    #[test]
    fn the_loaded_library_reports_its_release() {
        let library = std::env::var_os("ORT_DYLIB_PATH").map(std::path::PathBuf::from);
        init_onnx_runtime(library.as_deref()).expect("ONNX Runtime loads (scripts/onnxruntime.sh)");
        assert_eq!(onnx_runtime_version(), "1.31.1");
    }
}
