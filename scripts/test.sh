#!/usr/bin/env bash
# Runs the whole test suite: unit tests, the client's tests, the native integration tests of the
# program in a real Solana runtime (solana-program-test), the embedded localnet's RPC tests, and
# the oracle's tests with real ONNX Runtime, the IDL staleness check, the TypeScript Anchor
# suite, and the TypeScript SDK's tests with the integration guide's snippets. Needs Rust
# 1.95+, Python 3 with pip and Node.js 20+ with npm; every crate comes from
# crates.io through the committed Cargo.lock, ONNX Runtime from PyPI, npm packages through the
# committed package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo not found; install Rust 1.95 or newer (rustup) and run again" >&2
  exit 1
fi

# ONNX Runtime's shared library comes from the official Python wheel (the oracle loads it at run
# time; nothing is downloaded from anywhere but the package index). Installed once into .venv.
source scripts/onnxruntime.sh

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

set +e
# --no-fail-fast: every test binary runs, so the summary counts every failure.
cargo test --workspace --all-targets --locked --no-fail-fast 2>&1 | tee "$log"
rust_status=${PIPESTATUS[0]}
# The TypeScript Anchor suite, against a fresh embedded localnet.
bash scripts/ts-test.sh 2>&1 | tee -a "$log"
ts_status=${PIPESTATUS[0]}
# The TypeScript SDK and the integration guide's snippets, against a localnet with a real oracle.
bash scripts/sdk-test.sh 2>&1 | tee -a "$log"
sdk_status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run: every Rust test binary prints its own "test result" line,
# mocha its "N passing" / "N failing".
awk '/^test result:/ { passed += $4; failed += $6 }
     /^ +[0-9]+ passing/ { passed += $1 }
     /^ +[0-9]+ failing/ { failed += $1 }
     END { printf "summary: %d passed, %d failed\n", passed, failed }' "$log"
[ "$rust_status" -eq 0 ] && [ "$ts_status" -eq 0 ] && [ "$sdk_status" -eq 0 ]
