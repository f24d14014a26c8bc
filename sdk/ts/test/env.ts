// What scripts/sdk-test.sh set up: a localnet with the protocol, a model served by a real oracle
// (risk_v1.onnx on ONNX Runtime), models nobody serves, and a funded wallet (the config's admin
// and the models' owner).
import { Wallet } from "@anchor-lang/core";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import { readFileSync } from "fs";
import { InferenceEscrowClient } from "@inference-escrow/sdk";

const need = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the SDK tests with scripts/sdk-test.sh`);
  return value;
};

export const connection = new Connection(need("ANCHOR_PROVIDER_URL"), "confirmed");
export const payer = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(readFileSync(need("ANCHOR_WALLET"), "utf8"))));
export const client = new InferenceEscrowClient(connection, new Wallet(payer));
export const MODEL = new PublicKey(need("INFERENCE_MODEL"));
export const UNSERVED = new PublicKey(need("INFERENCE_UNSERVED_MODEL"));
export const SPL_MODEL = new PublicKey(need("INFERENCE_SPL_MODEL"));
export const QUORUM_MODEL = new PublicKey(need("INFERENCE_QUORUM_MODEL"));
export const ORACLE_AUTHORITY = new PublicKey(need("INFERENCE_ORACLE_AUTHORITY"));
/** Lamports of a transaction fee with one signature. */
export const FEE = 5_000;

/** What risk_v1.onnx computes: sigmoid(features · w + b), in f32. */
export function riskV1(features: number[]): number {
  const w = [0.8, -1.2, 0.5, 2.0];
  const z = features.reduce((sum, x, i) => Math.fround(sum + Math.fround(Math.fround(x) * w[i])), 0) - 0.3;
  return 1 / (1 + Math.exp(-z));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
