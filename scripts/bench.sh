#!/usr/bin/env bash
# The project's benchmark (see BENCHMARKS.md): raw ONNX Runtime vs the oracle's inference stage
# vs the onnxruntime Python package, then the pipeline end to end on the embedded localnet.
# Builds the optimised `bench` and `oracle` binaries first (profile bench-opt: a few minutes
# warm, longer cold). Flags go to bench: --rounds, --seconds, --concurrency, --requesters,
# --pipeline-seconds, --ep cuda, --json, --skip-inference, --skip-pipeline, --help.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/onnxruntime.sh >&2
cargo build --locked --quiet --profile bench-opt -p inference-demo --bin bench -p inference-oracle --bin oracle
target="${CARGO_TARGET_DIR:-target}"
exec "$target/bench-opt/bench" "$@"
