// @inference-escrow/sdk: request verifiable ONNX inference on Solana from TypeScript.
export * from "./client";
export * from "./confirm";
export * from "./errors";
export * from "./tensor";
import idl from "./idl/inference_escrow.json";
import type { InferenceEscrow } from "./idl/inference_escrow";
export type { InferenceEscrow };
/** The program's IDL (what `target/idl/inference_escrow.json` holds), typed. */
export const IDL = idl as InferenceEscrow;
