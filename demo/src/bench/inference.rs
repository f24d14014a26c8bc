//! The inference benchmark: for each model, raw ONNX Runtime (one session, `run` in a loop),
//! the oracle's inference stage (`ModelRuntime`, the batching worker) under 1 to 256 concurrent
//! requests, and the onnxruntime Python package, in interleaved rounds.

use std::{
    path::{Path, PathBuf},
    process::Command,
    sync::Arc,
    time::{Duration, Instant},
};

use anyhow::Context;
use inference_oracle::inference::{
    describe_model, sha256_file, BatchConfig, ExecutionProvider, ModelRuntime, RawModel,
};
use serde::Serialize;

use super::{median, quantile, Load};

/// A model of the benchmark.
#[derive(Clone, Debug)]
pub struct BenchModel {
    /// Short name.
    pub name: &'static str,
    /// The file.
    pub path: PathBuf,
    /// One request's input shape (batch 1).
    pub shape: Vec<i64>,
}

/// The three models: the tiny 4-feature scorer, the main job's heavy MLP, a small CNN.
pub fn models(root: &Path) -> Vec<BenchModel> {
    let model = |name, file: &str, shape: Vec<i64>| BenchModel {
        name,
        path: root.join("models").join(file),
        shape,
    };
    vec![
        model("tiny (risk_v1, 4 features)", "risk_v1.onnx", vec![1, 4]),
        model(
            "heavy (position_risk_mlp, 2.1M params)",
            "position_risk_mlp.onnx",
            vec![1, 7],
        ),
        model(
            "cnn (cnn_small, 28x28)",
            "cnn_small.onnx",
            vec![1, 1, 28, 28],
        ),
    ]
}

/// Throughput and latency of one measurement.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Sample {
    /// Inferences per second.
    pub per_s: f64,
    /// Median latency of one inference, µs.
    pub p50_us: f64,
    /// 99th percentile, µs.
    pub p99_us: f64,
}

/// Medians over the rounds for one model.
#[derive(Clone, Debug, Serialize)]
pub struct ModelResult {
    /// The model.
    pub model: String,
    /// Raw ONNX Runtime from Rust, one request per run.
    pub raw: Sample,
    /// Raw ONNX Runtime from Rust, `max_batch` requests per run (latency: of the run).
    pub raw_batched: Sample,
    /// The inference stage, by concurrency.
    pub stage: Vec<(usize, Sample)>,
    /// The onnxruntime Python package (absent when it could not run).
    pub python: Option<Sample>,
    /// Best stage throughput / raw throughput (one request per run).
    pub stage_over_raw: f64,
    /// Best stage throughput / raw throughput with `max_batch` requests per run.
    pub stage_over_raw_batched: f64,
    /// Stage median latency at concurrency 1 minus raw median latency, µs.
    pub lone_overhead_us: f64,
}

/// The whole inference benchmark.
#[derive(Clone, Debug, Serialize)]
pub struct InferenceReport {
    /// The provider that ran the models.
    pub provider: String,
    /// Rounds (medians are over them).
    pub rounds: usize,
    /// Seconds per measurement.
    pub seconds: f64,
    /// The stage's batching settings.
    pub max_batch: usize,
    /// Milliseconds the stage waits for more requests once one is queued.
    pub max_wait_ms: f64,
    /// Per model.
    pub models: Vec<ModelResult>,
    /// The machine's load before each round.
    pub load: Vec<Load>,
}

fn sample(latencies: &mut [f64], elapsed: f64) -> Sample {
    latencies.sort_by(f64::total_cmp);
    Sample {
        per_s: latencies.len() as f64 / elapsed,
        p50_us: quantile(latencies, 0.50),
        p99_us: quantile(latencies, 0.99),
    }
}

fn input(shape: &[i64]) -> Vec<f32> {
    vec![0.5; shape.iter().product::<i64>() as usize]
}

/// Raw ORT: `run` in a loop on this thread for `seconds`, `rows` requests per run (1, and
/// one batch of the stage's largest size: the best a single session does at saturation).
/// Counts inferences (rows) per second; each row's latency is its run's.
fn raw(
    model: &BenchModel,
    ep: ExecutionProvider,
    rows: usize,
    seconds: f64,
) -> anyhow::Result<Sample> {
    let mut raw = RawModel::load(&model.path, ep)?;
    let mut shape = model.shape.clone();
    shape[0] = rows as i64;
    let data = input(&shape);
    raw.run_f32(&data, &shape)?; // warm-up
    let mut latencies = Vec::new();
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    while Instant::now() < deadline {
        let t = Instant::now();
        raw.run_f32(&data, &shape)?;
        let us = t.elapsed().as_secs_f64() * 1e6;
        latencies.extend(std::iter::repeat_n(us, rows));
    }
    Ok(sample(&mut latencies, started.elapsed().as_secs_f64()))
}

/// The stage: `concurrency` tasks each calling `infer` in a loop for `seconds`.
async fn stage(
    runtime: &ModelRuntime,
    model: &BenchModel,
    concurrency: usize,
    seconds: f64,
) -> anyhow::Result<Sample> {
    let bytes: Vec<u8> = input(&model.shape)
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    runtime.infer(bytes.clone()).await?; // warm-up
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let runtime = runtime.clone();
            let bytes = bytes.clone();
            tokio::spawn(async move {
                let mut latencies = Vec::new();
                while Instant::now() < deadline {
                    let t = Instant::now();
                    runtime.infer(bytes.clone()).await?;
                    latencies.push(t.elapsed().as_secs_f64() * 1e6);
                }
                anyhow::Ok(latencies)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    for task in tasks {
        latencies.extend(task.await??);
    }
    Ok(sample(&mut latencies, started.elapsed().as_secs_f64()))
}

/// The Python package, through `scripts/bench_onnxruntime.py` and `python`.
fn python(
    root: &Path,
    python: &Path,
    model: &BenchModel,
    ep: ExecutionProvider,
    seconds: f64,
) -> anyhow::Result<Sample> {
    let shape: Vec<String> = model.shape.iter().map(i64::to_string).collect();
    let output = Command::new(python)
        .arg(root.join("scripts/bench_onnxruntime.py"))
        .arg("--model")
        .arg(&model.path)
        .arg("--shape")
        .arg(shape.join(","))
        .arg("--seconds")
        .arg(seconds.to_string())
        .arg("--ep")
        .arg(if ep == ExecutionProvider::Cuda {
            "cuda"
        } else {
            "cpu"
        })
        .output()
        .with_context(|| format!("running {}", python.display()))?;
    anyhow::ensure!(
        output.status.success(),
        "bench_onnxruntime.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout)?;
    let get = |key: &str| json[key].as_f64().context("a number");
    Ok(Sample {
        per_s: get("runs_per_s")?,
        p50_us: get("p50_us")?,
        p99_us: get("p99_us")?,
    })
}

/// Options of the inference benchmark.
#[derive(Clone, Debug)]
pub struct InferenceOptions {
    /// Repository root.
    pub root: PathBuf,
    /// Python with onnxruntime (None: skip it).
    pub python: Option<PathBuf>,
    /// Execution provider.
    pub ep: ExecutionProvider,
    /// Interleaved rounds.
    pub rounds: usize,
    /// Seconds per measurement.
    pub seconds: f64,
    /// Stage concurrencies.
    pub concurrency: Vec<usize>,
    /// The stage's batching.
    pub batch: BatchConfig,
}

/// Runs the inference benchmark: every round measures every model raw, through the stage at
/// each concurrency, and in Python, in that order; the results are the medians over rounds.
pub async fn run(
    options: &InferenceOptions,
    mut progress: impl FnMut(&str),
) -> anyhow::Result<InferenceReport> {
    let models = models(&options.root);
    let mut runtimes = Vec::new();
    let mut provider = "cpu";
    for model in &models {
        let (input, output) = describe_model(&model.path)?;
        let runtime = ModelRuntime::load(
            &model.path,
            sha256_file(&model.path)?,
            &input,
            &output,
            options.ep,
            options.batch,
        )?;
        provider = runtime.provider();
        runtimes.push(Arc::new(runtime));
    }
    // raw[m][round], stage[m][c][round], python[m][round]
    let mut raws = vec![Vec::new(); models.len()];
    let mut batched = vec![Vec::new(); models.len()];
    let mut stages = vec![vec![Vec::new(); options.concurrency.len()]; models.len()];
    let mut pythons = vec![Vec::new(); models.len()];
    let mut load = Vec::new();
    for round in 0..options.rounds {
        load.push(Load::now());
        for (m, model) in models.iter().enumerate() {
            progress(&format!(
                "round {}/{}: {}",
                round + 1,
                options.rounds,
                model.name
            ));
            let (model_c, ep, seconds) = (model.clone(), options.ep, options.seconds);
            raws[m]
                .push(tokio::task::spawn_blocking(move || raw(&model_c, ep, 1, seconds)).await??);
            let (model_c, rows) = (model.clone(), options.batch.max_batch.max(1));
            batched[m].push(
                tokio::task::spawn_blocking(move || raw(&model_c, ep, rows, seconds)).await??,
            );
            for (c, &concurrency) in options.concurrency.iter().enumerate() {
                stages[m][c].push(stage(&runtimes[m], model, concurrency, options.seconds).await?);
            }
            if let Some(python_path) = &options.python {
                match python(
                    &options.root,
                    python_path,
                    model,
                    options.ep,
                    options.seconds,
                ) {
                    Ok(sample) => pythons[m].push(sample),
                    Err(err) => progress(&format!("python skipped: {err:#}")),
                }
            }
        }
    }
    let med = |samples: &[Sample]| Sample {
        per_s: median(samples.iter().map(|s| s.per_s).collect()),
        p50_us: median(samples.iter().map(|s| s.p50_us).collect()),
        p99_us: median(samples.iter().map(|s| s.p99_us).collect()),
    };
    let results = models
        .iter()
        .enumerate()
        .map(|(m, model)| {
            let raw = med(&raws[m]);
            let raw_batched = med(&batched[m]);
            let stage: Vec<(usize, Sample)> = options
                .concurrency
                .iter()
                .enumerate()
                .map(|(c, &n)| (n, med(&stages[m][c])))
                .collect();
            let best = stage.iter().map(|(_, s)| s.per_s).fold(0.0, f64::max);
            let lone = stage
                .iter()
                .find(|(n, _)| *n == 1)
                .map_or(0.0, |(_, s)| s.p50_us - raw.p50_us);
            ModelResult {
                model: model.name.to_owned(),
                raw,
                stage,
                python: (!pythons[m].is_empty()).then(|| med(&pythons[m])),
                stage_over_raw: if raw.per_s > 0.0 {
                    best / raw.per_s
                } else {
                    0.0
                },
                stage_over_raw_batched: if raw_batched.per_s > 0.0 {
                    best / raw_batched.per_s
                } else {
                    0.0
                },
                raw_batched,
                lone_overhead_us: lone,
            }
        })
        .collect();
    Ok(InferenceReport {
        provider: provider.to_owned(),
        rounds: options.rounds,
        seconds: options.seconds,
        max_batch: options.batch.max_batch,
        max_wait_ms: options.batch.max_wait.as_secs_f64() * 1e3,
        models: results,
        load,
    })
}

impl std::fmt::Display for InferenceReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "inference ({}; medians of {} rounds of {:.1} s; stage max_batch {}, max_wait {:.1} ms)",
            self.provider, self.rounds, self.seconds, self.max_batch, self.max_wait_ms
        )?;
        for model in &self.models {
            writeln!(f, "  {}", model.model)?;
            writeln!(
                f,
                "    raw ORT (Rust)     {:>10.0} inf/s   p50 {:>8.1} µs   p99 {:>8.1} µs",
                model.raw.per_s, model.raw.p50_us, model.raw.p99_us
            )?;
            writeln!(
                f,
                "    raw ORT, batch {:<3} {:>10.0} inf/s   (one run: p50 {:>8.1} µs)",
                self.max_batch, model.raw_batched.per_s, model.raw_batched.p50_us
            )?;
            for (n, s) in &model.stage {
                writeln!(
                    f,
                    "    stage, {:>3} conc.  {:>10.0} inf/s   p50 {:>8.1} µs   p99 {:>8.1} µs   {:>5.2}x raw",
                    n,
                    s.per_s,
                    s.p50_us,
                    s.p99_us,
                    s.per_s / model.raw.per_s.max(1e-9)
                )?;
            }
            if let Some(p) = &model.python {
                writeln!(
                    f,
                    "    onnxruntime (Py)   {:>10.0} inf/s   p50 {:>8.1} µs   p99 {:>8.1} µs   {:>5.2}x raw",
                    p.per_s,
                    p.p50_us,
                    p.p99_us,
                    p.per_s / model.raw.per_s.max(1e-9)
                )?;
            }
            writeln!(
                f,
                "    best stage / raw: {:.2} (one request per run), {:.2} (batches of {}); a lone request costs {:.1} µs over raw",
                model.stage_over_raw, model.stage_over_raw_batched, self.max_batch, model.lone_overhead_us
            )?;
        }
        let loads: Vec<String> = self
            .load
            .iter()
            .map(|l| format!("{:.2}", l.load1))
            .collect();
        write!(
            f,
            "  load average before each round: {} ({} CPUs)",
            loads.join(", "),
            self.load.first().map_or(0, |l| l.cpus)
        )
    }
}
