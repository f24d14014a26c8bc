#!/usr/bin/env bash
# The end-to-end demo: an embedded localnet, the protocol, staked oracles running the trained
# position-risk model with ONNX Runtime, and a lending protocol buying a few hundred risk scores
# by CPI; ends with a report checked against the chain (non-zero exit if anything is off).
# Needs Rust 1.95+ and Python 3 with pip. Flags go to the demo: --requests N, --oracles N,
# --ep cuda, --json, --help.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/onnxruntime.sh >&2
exec cargo run --locked --quiet -p inference-demo --bin demo -- "$@"
