//! [`ModelRuntime`]: one model's session on a dedicated worker thread, with dynamic batching.

use std::{
    path::Path,
    sync::{
        atomic::{AtomicBool, Ordering},
        mpsc::{self, RecvTimeoutError},
        Arc,
    },
    time::{Duration, Instant},
};

use inference_escrow_client::{program::constants::DYNAMIC_DIM, TensorSchema};
use ort::session::Session;
use tokio::sync::oneshot;

use super::{
    error::{hex, InferenceError},
    runtime::{build_session, io_outlets, read_model, ExecutionProvider},
    tensor::{self, TensorData},
};

/// Dynamic batching limits.
#[derive(Clone, Copy, Debug, serde::Serialize, serde::Deserialize)]
pub struct BatchConfig {
    /// Most requests run together in one model run (1 turns batching off).
    pub max_batch: usize,
    /// Longest wait for more requests once the first one of a batch is queued; zero runs what
    /// is queued at once (requests that arrive meanwhile form the next batch).
    pub max_wait: Duration,
}

impl Default for BatchConfig {
    fn default() -> Self {
        // No wait: under load the queue fills while a run runs, so batches grow by themselves;
        // a wait would only delay a lone request.
        Self {
            max_batch: 16,
            max_wait: Duration::ZERO,
        }
    }
}

/// The result of one request's inference.
#[derive(Clone, Debug)]
pub struct Inference {
    /// The output tensor, little-endian, of the output schema's dtype and shape.
    pub output: Vec<u8>,
    /// How many requests ran in the same model run (1 when not batched).
    pub batch_size: usize,
    /// Wall-clock seconds of the model run that produced it (queueing excluded).
    pub seconds: f64,
}

/// What the worker and every handle share.
#[derive(Debug)]
struct Info {
    input_name: String,
    output_name: String,
    input: TensorSchema,
    output: TensorSchema,
    provider: &'static str,
    /// Whether requests are concatenated along dimension 0 (turned off for good if the model
    /// ever returns a different number of rows than it was given).
    batching: AtomicBool,
    batch: BatchConfig,
}

/// One request, validated and decoded, waiting for the worker.
struct Job {
    data: TensorData,
    shape: Vec<i64>,
    queued: Instant,
    reply: oneshot::Sender<Result<Inference, InferenceError>>,
}

/// One model's ONNX Runtime session, owned by a dedicated worker thread. Cheap to clone; the
/// worker stops when the last clone is dropped.
#[derive(Clone, Debug)]
pub struct ModelRuntime {
    jobs: mpsc::Sender<Job>,
    info: Arc<Info>,
}

impl ModelRuntime {
    /// Checks the file's SHA-256 against `expected_sha256` ([`InferenceError::HashMismatch`]
    /// otherwise), builds the session with the requested provider, checks the model's input and
    /// first output against the on-chain schemas ([`InferenceError::SchemaMismatch`]), and starts
    /// the worker thread. The session is built from the very bytes that were hashed.
    pub fn load(
        path: &Path,
        expected_sha256: [u8; 32],
        input: &TensorSchema,
        output: &TensorSchema,
        provider: ExecutionProvider,
        batch: BatchConfig,
    ) -> Result<Self, InferenceError> {
        let bytes = read_model(path)?;
        let actual: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&bytes).into();
        if actual != expected_sha256 {
            return Err(InferenceError::HashMismatch {
                path: path.to_path_buf(),
                expected: hex(&expected_sha256),
                actual: hex(&actual),
            });
        }
        let (session, used) = build_session(&bytes, provider)?;
        let (input_outlet, output_outlet) = io_outlets(&session)?;
        let (input_name, output_name) = (
            input_outlet.name().to_owned(),
            output_outlet.name().to_owned(),
        );
        let model_input = tensor::outlet_schema(input_outlet, "input")?;
        let model_output = tensor::outlet_schema(output_outlet, "output")?;
        tensor::check_input(&input_name, &model_input, input)?;
        tensor::check_output(&output_name, &model_output, output)?;

        let batch = BatchConfig {
            max_batch: batch.max_batch.max(1),
            ..batch
        };
        let first_dynamic = |schema: &TensorSchema| schema.shape.first() == Some(&DYNAMIC_DIM);
        let batching = batch.max_batch > 1
            && first_dynamic(input)
            && first_dynamic(output)
            && first_dynamic(&model_input)
            && first_dynamic(&model_output);
        let info = Arc::new(Info {
            input_name,
            output_name,
            input: input.clone(),
            output: output.clone(),
            provider: used,
            batching: AtomicBool::new(batching),
            batch,
        });

        let (jobs, queue) = mpsc::channel();
        let worker = Worker {
            session,
            info: Arc::clone(&info),
        };
        let name = format!(
            "onnx-{}",
            path.file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default()
        );
        std::thread::Builder::new()
            .name(truncate_thread_name(&name))
            .spawn(move || worker.run(queue))?;

        tracing::info!(
            model = %path.display(),
            provider = used,
            requested = ?provider,
            input = %format!("{} {}", info.input_name, tensor::describe(&info.input)),
            output = %format!("{} {}", info.output_name, tensor::describe(&info.output)),
            batching,
            max_batch = batch.max_batch,
            max_wait_ms = batch.max_wait.as_secs_f64() * 1e3,
            "model loaded; execution provider: {used}"
        );
        Ok(Self { jobs, info })
    }

    /// Runs one request: `input` is the request's inline tensor bytes (little-endian, dtype and
    /// shape per the input schema; a dynamic dimension is inferred from the length). Returns the
    /// output tensor's little-endian bytes. A bad input is refused here, before it can join a batch.
    pub async fn infer(&self, input: Vec<u8>) -> Result<Inference, InferenceError> {
        let shape = tensor::infer_shape(&self.info.input, input.len())?;
        let data = TensorData::decode(self.info.input.dtype, &input)?;
        let (reply, result) = oneshot::channel();
        self.jobs
            .send(Job {
                data,
                shape,
                queued: Instant::now(),
                reply,
            })
            .map_err(|_| InferenceError::WorkerStopped)?;
        result.await.map_err(|_| InferenceError::WorkerStopped)?
    }

    /// The execution provider that actually runs this model: "cpu" or "cuda".
    pub fn provider(&self) -> &'static str {
        self.info.provider
    }

    /// Names of the model's input and output (for logs).
    pub fn io_names(&self) -> (&str, &str) {
        (&self.info.input_name, &self.info.output_name)
    }

    /// Whether concurrent requests are batched along dimension 0.
    pub fn batching(&self) -> bool {
        self.info.batching.load(Ordering::Relaxed)
    }
}

/// Linux thread names are at most 15 bytes.
fn truncate_thread_name(name: &str) -> String {
    super::error::truncate(name, 15)
}

/// How long the worker polls an empty queue before it sleeps: a caller that sends its next
/// request right after its reply (a lone client in a loop, a batch's callers coming back)
/// finds the worker awake, without a thread wake-up on either side.
const POLL_BEFORE_SLEEP: Duration = Duration::from_micros(50);

/// The next job, polling briefly before blocking; `None` once every handle is dropped.
fn next_job(queue: &mpsc::Receiver<Job>) -> Option<Job> {
    let polling = Instant::now();
    loop {
        match queue.try_recv() {
            Ok(job) => return Some(job),
            Err(mpsc::TryRecvError::Disconnected) => return None,
            Err(mpsc::TryRecvError::Empty) if polling.elapsed() < POLL_BEFORE_SLEEP => {
                std::hint::spin_loop();
            }
            Err(mpsc::TryRecvError::Empty) => return queue.recv().ok(),
        }
    }
}

/// The worker thread's state: it alone touches the session.
struct Worker {
    session: Session,
    info: Arc<Info>,
}

impl Worker {
    fn run(mut self, queue: mpsc::Receiver<Job>) {
        while let Some(first) = next_job(&queue) {
            let mut jobs = vec![first];
            if self.info.batching.load(Ordering::Relaxed) {
                let max_batch = self.info.batch.max_batch;
                // Whatever queued while the last run ran joins this one: under load batches
                // fill by themselves, and an idle queue adds no wait.
                while jobs.len() < max_batch {
                    match queue.try_recv() {
                        Ok(job) => jobs.push(job),
                        Err(_) => break,
                    }
                }
                // An operator may trade latency for larger batches.
                if !self.info.batch.max_wait.is_zero() {
                    let deadline = jobs[0].queued + self.info.batch.max_wait;
                    while jobs.len() < max_batch {
                        let left = deadline.saturating_duration_since(Instant::now());
                        match queue.recv_timeout(left) {
                            Ok(job) => jobs.push(job),
                            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                                break
                            }
                        }
                    }
                }
            }
            // Callers that gave up need no run.
            jobs.retain(|job| !job.reply.is_closed());
            match jobs.len() {
                0 => {}
                1 => self.run_alone(jobs),
                _ => self.run_batch(jobs),
            }
        }
        tracing::debug!(input = %self.info.input_name, "model worker stopped");
    }

    fn run_alone(&mut self, jobs: Vec<Job>) {
        for job in jobs {
            let result = self.run_one(job.data, job.shape);
            let _ = job.reply.send(result);
        }
    }

    fn run_one(&mut self, data: TensorData, shape: Vec<i64>) -> Result<Inference, InferenceError> {
        let (output_shape, output, seconds) = self.run_model(data, shape)?;
        tensor::check_output_shape(&self.info.output, &output_shape)?;
        tensor::check_output_finite(self.info.output.dtype, &output)?;
        Ok(Inference {
            output,
            batch_size: 1,
            seconds,
        })
    }

    /// Concatenates the jobs along dimension 0, runs once, and splits the output rows back. If
    /// the batched run fails, each job is run alone so that one bad input fails only itself.
    fn run_batch(&mut self, jobs: Vec<Job>) {
        let size = jobs.len();
        let rows: Vec<usize> = jobs
            .iter()
            .map(|job| job.shape.first().copied().unwrap_or(0) as usize)
            .collect();
        let total: usize = rows.iter().sum();
        let mut shape = jobs[0].shape.clone();
        shape[0] = total as i64;

        let (parts, replies): (Vec<_>, Vec<_>) = jobs
            .into_iter()
            .map(|job| ((job.shape, job.data), job.reply))
            .unzip();
        // The parts are kept so that each can still be run alone if the batch fails.
        let batched = TensorData::concat(parts.iter().map(|(_, data)| data))
            .and_then(|data| self.run_model(data, shape));
        let (output_shape, output, seconds) = match batched {
            Ok((output_shape, output, seconds))
                if output_shape.first().copied() == Some(total as i64) && total > 0 =>
            {
                (output_shape, output, seconds)
            }
            Ok((output_shape, ..)) => {
                tracing::warn!(
                    input_rows = total,
                    output_shape = ?output_shape,
                    "the model's output rows do not match its input rows; batching turned off for this model"
                );
                self.info.batching.store(false, Ordering::Relaxed);
                return self.run_parts_alone(parts, replies);
            }
            Err(e) => {
                tracing::debug!(%e, size, "batched run failed; running each request alone");
                return self.run_parts_alone(parts, replies);
            }
        };

        let row_bytes = output.len() / total;
        let mut offset = 0;
        for (reply, rows) in replies.into_iter().zip(rows) {
            let bytes = output[offset * row_bytes..(offset + rows) * row_bytes].to_vec();
            offset += rows;
            let mut shape = output_shape.clone();
            shape[0] = rows as i64;
            let result = tensor::check_output_shape(&self.info.output, &shape)
                .and_then(|()| tensor::check_output_finite(self.info.output.dtype, &bytes))
                .map(|()| Inference {
                    output: bytes,
                    batch_size: size,
                    seconds,
                });
            let _ = reply.send(result);
        }
    }

    fn run_parts_alone(
        &mut self,
        parts: Vec<(Vec<i64>, TensorData)>,
        replies: Vec<oneshot::Sender<Result<Inference, InferenceError>>>,
    ) {
        for ((shape, data), reply) in parts.into_iter().zip(replies) {
            let result = self.run_one(data, shape);
            let _ = reply.send(result);
        }
    }

    /// One `Session::run`: the output's shape, little-endian bytes, and the run's seconds.
    fn run_model(
        &mut self,
        data: TensorData,
        shape: Vec<i64>,
    ) -> Result<(Vec<i64>, Vec<u8>, f64), InferenceError> {
        let value = data
            .into_value(shape)
            .map_err(|e| InferenceError::model_failed(e.to_string()))?;
        let started = Instant::now();
        let outputs = self
            .session
            .run(vec![(self.info.input_name.as_str(), value)])
            .map_err(|e| InferenceError::model_failed(e.to_string()))?;
        let seconds = started.elapsed().as_secs_f64();
        let output = outputs.get(&self.info.output_name).ok_or_else(|| {
            InferenceError::model_failed(format!("no output named `{}`", self.info.output_name))
        })?;
        let (shape, bytes) =
            tensor::encode(self.info.output.dtype, output).map_err(InferenceError::model_failed)?;
        Ok((shape, bytes, seconds))
    }
}
