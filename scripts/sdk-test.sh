#!/usr/bin/env bash
# Runs the TypeScript SDK's tests (sdk/ts/test) and the docs' TypeScript snippets
# (docs/integration.md) against a fresh embedded localnet on which a model is registered and a
# real oracle (`oracle run`, ONNX Runtime on the CPU) serves it: what a dApp developer has after
# the README's walkthrough. Installs the npm packages from the committed package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
source scripts/onnxruntime.sh
cargo build --locked --quiet -p inference-localnet --bin localnet -p inference-oracle --bin oracle
bin="${CARGO_TARGET_DIR:-$repo/target}/debug"
# The package as a dApp installs it: built from its sources (and the committed IDL).
npm run --silent build -w sdk/ts

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
for k in me operator attestation; do "$bin/oracle" keygen --out "$work/$k.json" >/dev/null; done

# RPC, websocket and the oracle's metrics.
source scripts/localnet-lib.sh
port="$(free_ports 19999 3)"
# 50 ms slots, a 100-slot challenge window (5 s) and a 60-slot dispute round (3 s): results
# settle, and disputes end, within the test run.
"$bin/localnet" --rpc-port "$port" --ws-port "$((port + 1))" --slot-time-ms 50 \
  --init-config --admin "$work/me.json" --challenge-window-slots 100 --dispute-window-slots 60 \
  --fund "$work/me.json" --fund "$work/operator.json" --mint spl \
  --ready-file "$work/ready.json" --log-format json > "$work/localnet.out" 2> "$work/localnet.err" &
pids+=($!)
wait_ready "${pids[0]}" "$work/ready.json" "$work/localnet.err"
rpc="http://127.0.0.1:$port"
oracle=("$bin/oracle" --rpc-url "$rpc" --ws-url "ws://127.0.0.1:$((port + 1))")

model="$("${oracle[@]}" --payer "$work/me.json" model register --file models/risk_v1.onnx --name risk-v1 \
  --price 1000000 --uri "file://$repo/models/risk_v1.onnx" | sed -n 's/^model \([1-9A-HJ-NP-Za-km-z]*\) registered.*/\1/p')"
[ -n "$model" ] || { echo "error: model registration printed no model" >&2; exit 1; }
# Models nobody serves here: requests on them stay open (timeouts, cancel, SPL, quorum rounds).
register() {
  "${oracle[@]}" --payer "$work/me.json" model register --file models/risk_v1.onnx \
    --uri "file://$repo/models/risk_v1.onnx" "$@" | sed -n 's/^model \([1-9A-HJ-NP-Za-km-z]*\) registered.*/\1/p'
}
mint="$(node -e "console.log(require('$work/ready.json').mints[0])")"
unserved="$(register --name unserved --price 1000000)"
spl_model="$(register --name risk-spl --price 2500000 --mint "$mint")"
quorum_model="$(register --name risk-quorum --price 1000000 --replicas 3 --quorum 2)"
"${oracle[@]}" --payer "$work/operator.json" --attestation-key "$work/attestation.json" register --stake 2 >/dev/null
"${oracle[@]}" --payer "$work/operator.json" --attestation-key "$work/attestation.json" run \
  --model "$model=$repo/models/risk_v1.onnx" --state-dir "$work/oracle-state" --metrics-addr "127.0.0.1:$((port + 2))" \
  > "$work/oracle.out" 2> "$work/oracle.err" &
pids+=($!)

export ANCHOR_PROVIDER_URL="$rpc" ANCHOR_WALLET="$work/me.json" INFERENCE_MODEL="$model" \
  INFERENCE_UNSERVED_MODEL="$unserved" INFERENCE_SPL_MODEL="$spl_model" INFERENCE_QUORUM_MODEL="$quorum_model" \
  INFERENCE_READY_FILE="$work/ready.json" INFERENCE_ORACLE_AUTHORITY="$(node -e "
    const {Keypair}=require('@solana/web3.js');
    console.log(Keypair.fromSecretKey(Uint8Array.from(require('$work/operator.json'))).publicKey.toBase58())")"
status=0
npx ts-mocha -p sdk/ts/test/tsconfig.json -t 1000000 'sdk/ts/test/**/*.test.ts' || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- oracle log (last 40 lines) ---" >&2; tail -40 "$work/oracle.err" >&2
fi
exit "$status"
