// @inference-escrow/sdk: request verifiable ONNX inference on Solana from TypeScript.
export * from "./client";
export * from "./confirm";
export * from "./errors";
export * from "./tensor";
import type { Idl } from "@anchor-lang/core";
import idl from "./idl/inference_escrow.json";
export type { InferenceEscrow } from "./idl/inference_escrow";
/**
 * The program's IDL, as `target/idl/inference_escrow.json` holds it (snake_case, as Anchor
 * writes it); `new Program<InferenceEscrow>(IDL as InferenceEscrow, provider)` types it.
 */
export const IDL: Idl = idl as Idl;
