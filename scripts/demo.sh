#!/usr/bin/env bash
# The end-to-end demo: an embedded localnet, the program, a real oracle with ONNX Runtime, and a
# lending protocol paying per risk score. Needs Rust 1.95+ and Python 3 with pip.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/onnxruntime.sh
exec cargo run --locked --quiet -p inference-oracle --example demo
