#!/usr/bin/env bash
# Runs the TypeScript Anchor suite (tests/ts) against a fresh embedded localnet, the way
# `anchor test --skip-build --skip-deploy --skip-local-validator` would against any validator.
# Installs the npm packages from the committed package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
# The suite, the migration and the committed TypeScript types must type-check together.
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit --esModuleInterop --resolveJsonModule --strict --skipLibCheck --module commonjs --target es2020 --types node migrations/deploy.ts
cargo build --locked --quiet -p inference-localnet --bin localnet
localnet_bin="${CARGO_TARGET_DIR:-target}/debug/localnet"

work="$(mktemp -d)"
node -e "const {Keypair}=require('@solana/web3.js');require('fs').writeFileSync('$work/wallet.json',JSON.stringify(Array.from(Keypair.generate().secretKey)))"

source scripts/localnet-lib.sh
port="$(free_ports 18999 2)"
"$localnet_bin" --rpc-port "$port" --ws-port "$((port + 1))" --slot-time-ms 50 \
  --fund "$work/wallet.json=1000" --ready-file "$work/ready.json" --log-format json \
  > "$work/localnet.out" 2> "$work/localnet.err" &
localnet_pid=$!
trap 'kill -TERM $localnet_pid 2>/dev/null || true; wait $localnet_pid 2>/dev/null || true; rm -rf "$work"' EXIT
wait_ready "$localnet_pid" "$work/ready.json" "$work/localnet.err"

ANCHOR_PROVIDER_URL="http://127.0.0.1:$port" ANCHOR_WALLET="$work/wallet.json" \
  npx ts-mocha -p ./tsconfig.json -t 1000000 'tests/ts/**/*.ts'
