// @inference-escrow/sdk: request verifiable ONNX inference on Solana from TypeScript.
export * from "./client";
export * from "./confirm";
export * from "./errors";
export * from "./tensor";
export { default as IDL } from "./idl/inference_escrow.json";
export type { InferenceEscrow } from "./idl/inference_escrow";
