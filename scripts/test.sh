#!/usr/bin/env bash
# Runs the whole test suite: unit tests, the client's tests, and the native integration tests of
# the program in a real Solana runtime (solana-program-test). Needs only a Rust toolchain
# (1.95+); every crate comes from crates.io through the committed Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo >/dev/null 2>&1; then
  echo "error: cargo not found; install Rust 1.95 or newer (rustup) and run again" >&2
  exit 1
fi

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

set +e
cargo test --workspace --all-targets --locked 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run: every test binary prints its own "test result" line.
awk '/^test result:/ { passed += $4; failed += $6 }
     END { printf "summary: %d passed, %d failed\n", passed, failed }' "$log"
exit "$status"
