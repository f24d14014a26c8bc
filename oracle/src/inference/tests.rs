//! Tests against the real ONNX Runtime library (`ORT_DYLIB_PATH`, else the repository's `.venv`)
//! and the models in `models/`.

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use inference_escrow_client::{DType, TensorSchema};

use super::{
    describe_model, init_onnx_runtime, sha256_file, tensor, BatchConfig, ExecutionProvider,
    InferenceError, ModelRuntime,
};

const RISK_V1: ([f32; 4], f32) = ([0.8, -1.2, 0.5, 2.0], -0.3);
const RISK_V2: ([f32; 4], f32) = ([1.0, 1.0, -1.0, 0.5], 0.1);

fn library() -> PathBuf {
    match std::env::var_os("ORT_DYLIB_PATH") {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "../.venv/lib/python3.11/site-packages/onnxruntime/capi/libonnxruntime.so.1.31.1",
        ),
    }
}

fn setup() {
    init_onnx_runtime(Some(&library())).expect("ONNX Runtime loads (set ORT_DYLIB_PATH)");
}

fn model(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../models")
        .join(format!("{name}.onnx"))
}

fn schema(dtype: DType, shape: &[i32]) -> TensorSchema {
    TensorSchema {
        dtype,
        shape: shape.to_vec(),
    }
}

fn features() -> TensorSchema {
    schema(DType::F32, &[-1, 4])
}

fn score() -> TensorSchema {
    schema(DType::F32, &[-1, 1])
}

fn load(name: &str, batch: BatchConfig) -> ModelRuntime {
    setup();
    let path = model(name);
    let sha = sha256_file(&path).unwrap();
    ModelRuntime::load(
        &path,
        sha,
        &features(),
        &score(),
        ExecutionProvider::Cpu,
        batch,
    )
    .unwrap()
}

fn pack(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn unpack(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

/// sigmoid(row · w + b) in f32.
fn expected((w, b): ([f32; 4], f32), rows: &[f32]) -> Vec<f32> {
    rows.chunks_exact(4)
        .map(|row| {
            let z = row.iter().zip(w).map(|(x, w)| x * w).sum::<f32>() + b;
            1.0 / (1.0 + (-z).exp())
        })
        .collect()
}

fn assert_close(got: &[f32], want: &[f32]) {
    assert_eq!(got.len(), want.len(), "got {got:?}, want {want:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() <= 1e-6, "got {got:?}, want {want:?}");
    }
}

/// A few rows with a distinct value per `seed`.
fn rows(seed: usize, count: usize) -> Vec<f32> {
    (0..count * 4)
        .map(|i| ((seed * 7 + i * 3) % 23) as f32 / 4.0 - 2.5)
        .collect()
}

#[test]
fn describe_model_reads_the_schemas() {
    setup();
    let (input, output) = describe_model(&model("risk_v1")).unwrap();
    assert_eq!(input, features());
    assert_eq!(output, score());
    assert!(matches!(
        describe_model(Path::new("/nonexistent/model.onnx")),
        Err(InferenceError::Io(_))
    ));
}

#[test]
fn init_is_idempotent() {
    setup();
    init_onnx_runtime(Some(&library())).unwrap();
    init_onnx_runtime(None).unwrap();
}

#[tokio::test]
async fn risk_v1_scores_are_the_sigmoid() {
    let runtime = load("risk_v1", BatchConfig::default());
    assert_eq!(runtime.provider(), "cpu");
    assert_eq!(runtime.io_names(), ("features", "score"));
    assert!(runtime.batching());

    let input = [
        0.0, 0.0, 0.0, 0.0, 1.0, 0.5, -0.25, 0.1, -2.0, 3.0, 1.5, -0.7,
    ];
    let inference = runtime.infer(pack(&input)).await.unwrap();
    assert_eq!(inference.output.len(), 3 * 4);
    assert_eq!(inference.batch_size, 1);
    assert!(inference.seconds >= 0.0);
    let got = unpack(&inference.output);
    assert_close(&got, &expected(RISK_V1, &input));
    // The same values onnxruntime's Python API gives (models/make_models.py --check).
    assert_close(&got, &[0.425_557_5, 0.493_750_3, 0.002_128_958_7]);
}

#[tokio::test]
async fn two_models_served_at_once() {
    let v1 = load("risk_v1", BatchConfig::default());
    let v2 = load("risk_v2", BatchConfig::default());
    let input = rows(1, 2);
    let (a, b) = tokio::join!(v1.infer(pack(&input)), v2.infer(pack(&input)));
    let (a, b) = (unpack(&a.unwrap().output), unpack(&b.unwrap().output));
    assert_close(&a, &expected(RISK_V1, &input));
    assert_close(&b, &expected(RISK_V2, &input));
    assert_ne!(a, b);
}

#[test]
fn a_file_that_is_not_the_registered_one_is_refused() {
    setup();
    let registered = sha256_file(&model("risk_v1")).unwrap();
    let served = sha256_file(&model("risk_v2")).unwrap();
    let err = ModelRuntime::load(
        &model("risk_v2"),
        registered,
        &features(),
        &score(),
        ExecutionProvider::Cpu,
        BatchConfig::default(),
    )
    .unwrap_err();
    let InferenceError::HashMismatch {
        path,
        expected,
        actual,
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!(path, &model("risk_v2"));
    assert_eq!(expected, &super::error::hex(&registered));
    assert_eq!(actual, &super::error::hex(&served));
    assert_eq!(expected.len(), 64);
    assert!(!err.is_request_fault());
    assert!(err.to_string().contains("refusing"), "{err}");
}

#[test]
fn schemas_that_do_not_fit_the_model_are_refused() {
    setup();
    let path = model("risk_v1");
    let sha = sha256_file(&path).unwrap();
    let refused = |input: TensorSchema, output: TensorSchema| match ModelRuntime::load(
        &path,
        sha,
        &input,
        &output,
        ExecutionProvider::Cpu,
        BatchConfig::default(),
    ) {
        Err(err @ InferenceError::SchemaMismatch(_)) => {
            assert!(!err.is_request_fault());
            err.to_string()
        }
        Err(err) => panic!("expected a schema mismatch, got {err}"),
        Ok(_) => panic!("expected a schema mismatch for {input:?} -> {output:?}"),
    };
    let message = refused(schema(DType::F32, &[-1, 5]), score());
    assert!(
        message.contains("dimension 1 is 4 in the model but 5 on chain"),
        "{message}"
    );
    let message = refused(schema(DType::F64, &[-1, 4]), score());
    assert!(
        message.contains("F32 in the model but F64 on chain"),
        "{message}"
    );
    let message = refused(schema(DType::F32, &[-1, 2, 2]), score());
    assert!(message.contains("rank 2 in the model"), "{message}");
    let message = refused(features(), schema(DType::F32, &[-1, 2]));
    assert!(message.contains("output `score` dimension 1"), "{message}");
    let message = refused(schema(DType::F32, &[-1, -1]), score());
    assert!(
        message.contains("dimension 1 is 4 in the model but dynamic on chain"),
        "{message}"
    );
    let message = refused(schema(DType::F16, &[-1, 4]), score());
    assert!(message.contains("F16"), "{message}");
}

#[tokio::test]
async fn a_static_schema_the_model_accepts_is_served_without_batching() {
    setup();
    let path = model("risk_v1");
    let sha = sha256_file(&path).unwrap();
    let runtime = ModelRuntime::load(
        &path,
        sha,
        &schema(DType::F32, &[1, 4]),
        &schema(DType::F32, &[1, 1]),
        ExecutionProvider::Auto,
        BatchConfig::default(),
    )
    .unwrap();
    assert!(!runtime.batching());
    let input = rows(3, 1);
    let out = runtime.infer(pack(&input)).await.unwrap();
    assert_close(&unpack(&out.output), &expected(RISK_V1, &input));
    let err = runtime.infer(pack(&rows(3, 2))).await.unwrap_err();
    assert!(
        matches!(err, InferenceError::BadInput(ref m) if m.contains("needs exactly 16")),
        "{err}"
    );
}

#[tokio::test]
async fn bad_inputs_are_request_faults() {
    let runtime = load("risk_v1", BatchConfig::default());
    let mut nan = rows(0, 2);
    nan[5] = f32::NAN;
    let mut inf = rows(0, 1);
    inf[2] = f32::NEG_INFINITY;
    for (input, wanted) in [
        (
            vec![0u8; 15],
            "input is 15 bytes; schema F32 [-1, 4] needs a positive multiple of 16",
        ),
        (Vec::new(), "input is 0 bytes"),
        (pack(&nan), "input element 5 is NaN"),
        (pack(&inf), "input element 2 is infinite"),
    ] {
        let err = runtime.infer(input).await.unwrap_err();
        assert!(
            matches!(&err, InferenceError::BadInput(m) if m.contains(wanted)),
            "{err} (wanted {wanted})"
        );
        assert!(err.is_request_fault());
        assert!(err.to_string().len() <= 128);
    }
    // The worker is unharmed.
    let input = rows(4, 1);
    assert_close(
        &unpack(&runtime.infer(pack(&input)).await.unwrap().output),
        &expected(RISK_V1, &input),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_are_batched_and_split_back() {
    let runtime = load(
        "risk_v1",
        BatchConfig {
            max_batch: 16,
            max_wait: Duration::from_millis(50),
        },
    );
    let inputs: Vec<Vec<f32>> = (0..32).map(|i| rows(i, 1 + i % 3)).collect();
    let mut bad = rows(99, 1);
    bad[0] = f32::NAN;
    let calls = inputs.iter().map(|input| {
        let runtime = runtime.clone();
        let bytes = pack(input);
        tokio::spawn(async move { runtime.infer(bytes).await })
    });
    // A bad request sent at the same time fails alone.
    let bad_call = {
        let runtime = runtime.clone();
        tokio::spawn(async move { runtime.infer(pack(&bad)).await })
    };
    let results = futures_util::future::join_all(calls).await;
    assert!(matches!(
        bad_call.await.unwrap(),
        Err(InferenceError::BadInput(_))
    ));

    let mut largest = 0;
    for (input, result) in inputs.iter().zip(results) {
        let inference = result.unwrap().unwrap();
        assert!(inference.batch_size <= 16);
        largest = largest.max(inference.batch_size);
        assert_close(&unpack(&inference.output), &expected(RISK_V1, input));
    }
    assert!(largest > 1, "no request was batched");
}

#[test]
fn shapes_are_inferred_from_the_length() {
    assert_eq!(tensor::infer_shape(&features(), 48).unwrap(), vec![3, 4]);
    assert_eq!(
        tensor::infer_shape(&schema(DType::I64, &[2, -1, 3]), 8 * 12).unwrap(),
        vec![2, 2, 3]
    );
    assert_eq!(
        tensor::infer_shape(&schema(DType::U8, &[5]), 5).unwrap(),
        vec![5]
    );
    assert!(tensor::infer_shape(&schema(DType::I32, &[2, -1]), 12).is_err());
}

#[test]
fn bool_inputs_must_be_zero_or_one() {
    assert!(tensor::TensorData::decode(DType::Bool, &[0, 1, 1]).is_ok());
    let err = tensor::TensorData::decode(DType::Bool, &[0, 2]).unwrap_err();
    assert!(err.to_string().contains("element 1 is 2"), "{err}");
}

#[test]
fn failure_reasons_fit_on_chain() {
    let long = "é".repeat(200);
    assert!(InferenceError::bad_input(&long).to_string().len() <= 128);
    let err = InferenceError::model_failed(format!("{long}\nsecond line"));
    assert!(err.to_string().len() <= 128);
    assert!(err.is_request_fault());
    assert!(!InferenceError::WorkerStopped.is_request_fault());
    assert!(!InferenceError::RuntimeUnavailable(String::new()).is_request_fault());
}

#[tokio::test]
async fn cuda_is_used_only_when_it_registers() {
    setup();
    let path = model("risk_v1");
    let sha = sha256_file(&path).unwrap();
    // With the CPU-only library (or a build without the `cuda` feature), asking for CUDA fails
    // loudly and `auto` falls back to the CPU; with onnxruntime-gpu both run on CUDA.
    match ModelRuntime::load(
        &path,
        sha,
        &features(),
        &score(),
        ExecutionProvider::Cuda,
        BatchConfig::default(),
    ) {
        Ok(runtime) => assert_eq!(runtime.provider(), "cuda"),
        Err(err) => {
            assert!(
                matches!(err, InferenceError::RuntimeUnavailable(_)),
                "{err}"
            );
            assert!(!err.is_request_fault());
        }
    }
    let auto = ModelRuntime::load(
        &path,
        sha,
        &features(),
        &score(),
        ExecutionProvider::Auto,
        BatchConfig::default(),
    )
    .unwrap();
    assert!(["cpu", "cuda"].contains(&auto.provider()));
    let input = rows(5, 2);
    assert_close(
        &unpack(&auto.infer(pack(&input)).await.unwrap().output),
        &expected(RISK_V1, &input),
    );
}

/// `models/lookup_i64.onnx`: value = TABLE[index] with an int64 index; indices outside [-10, 9]
/// make ONNX Runtime fail the run.
async fn lookup(runtime: &ModelRuntime, indices: &[i64]) -> Result<Vec<f32>, InferenceError> {
    let bytes = indices.iter().flat_map(|i| i.to_le_bytes()).collect();
    runtime
        .infer(bytes)
        .await
        .map(|inference| unpack(&inference.output))
}

fn load_lookup(batch: BatchConfig) -> ModelRuntime {
    setup();
    let path = model("lookup_i64");
    let sha = sha256_file(&path).unwrap();
    ModelRuntime::load(
        &path,
        sha,
        &schema(DType::I64, &[-1]),
        &schema(DType::F32, &[-1]),
        ExecutionProvider::Cpu,
        batch,
    )
    .unwrap()
}

#[tokio::test]
async fn a_model_error_is_a_request_fault() {
    let runtime = load_lookup(BatchConfig::default());
    assert_eq!(
        lookup(&runtime, &[0, 3, -1]).await.unwrap(),
        vec![0.0, 1.5, 4.5]
    );
    let err = lookup(&runtime, &[2, 10]).await.unwrap_err();
    assert!(
        matches!(&err, InferenceError::ModelFailed(m) if m.contains("out of data bounds")),
        "{err}"
    );
    assert!(err.is_request_fault());
    assert!(err.to_string().len() <= 128, "{err}");
    // 12 bytes is not a whole number of int64 elements.
    assert!(matches!(
        runtime.infer(vec![0; 12]).await,
        Err(InferenceError::BadInput(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_failing_request_does_not_fail_its_batch() {
    let runtime = load_lookup(BatchConfig {
        max_batch: 8,
        max_wait: Duration::from_millis(50),
    });
    let requests: Vec<Vec<i64>> = (0..8)
        .map(|i| {
            if i == 5 {
                vec![1, 42]
            } else {
                vec![i % 10, (i + 1) % 10]
            }
        })
        .collect();
    let calls = requests.iter().cloned().map(|indices| {
        let runtime = runtime.clone();
        tokio::spawn(async move { lookup(&runtime, &indices).await })
    });
    for (indices, result) in requests
        .iter()
        .zip(futures_util::future::join_all(calls).await)
    {
        match result.unwrap() {
            Ok(values) => {
                let want: Vec<f32> = indices.iter().map(|&i| 0.5 * i as f32).collect();
                assert_eq!(values, want);
            }
            Err(err) => {
                assert_eq!(indices, &[1, 42], "{err}");
                assert!(matches!(err, InferenceError::ModelFailed(_)), "{err}");
            }
        }
    }
}
