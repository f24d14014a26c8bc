// Errors the SDK throws, and the mapping of program error codes to the program's names and
// messages (from the IDL) and to Anchor's own (2000s to 5000s).
import { AnchorError, LangErrorCode, LangErrorMessage } from "@anchor-lang/core";
import { SendTransactionError, TransactionError } from "@solana/web3.js";
import idl from "./idl/inference_escrow.json";

const programErrors = new Map<number, { name: string; msg: string }>(
  idl.errors.map((e: { code: number; name: string; msg?: string }) => [e.code, { name: e.name, msg: e.msg ?? "" }]),
);
const anchorNames = new Map<number, string>(Object.entries(LangErrorCode).map(([name, code]) => [code as number, name]));

/** The name and message of a custom program error code, if the program or Anchor defines it. */
export function describeError(code: number): { name: string; message: string } | undefined {
  const own = programErrors.get(code);
  if (own) return { name: own.name, message: own.msg };
  const name = anchorNames.get(code);
  return name ? { name, message: LangErrorMessage.get(code) ?? "" } : undefined;
}

/**
 * The program refused a transaction: `errorName` and `programMessage` are the program's (or
 * Anchor's) error name and message (`PriceAboveMax`, "The model's price is above the most the
 * requester agreed to pay."), `code` its number. `landed` says whether the refusal happened in a
 * transaction that landed (its fee was paid; `signature` and `logs` are its) or at simulation.
 */
export class InferenceEscrowError extends Error {
  constructor(
    readonly code: number,
    readonly errorName: string,
    readonly programMessage: string,
    readonly logs: string[],
    readonly landed: boolean,
    readonly signature?: string,
    /** The program that raised it, when the logs say (the escrow, or a consumer for Anchor's own errors). */
    readonly program?: string,
  ) {
    super(`${errorName} (${code}): ${programMessage}`);
    this.name = "InferenceEscrowError";
  }
}

/**
 * The transaction's blockhash expired and the cluster never saw it land: nothing happened and it
 * is safe to send again (with a new blockhash). The SDK throws this only once it has checked.
 */
export class TransactionExpiredError extends Error {
  constructor(readonly signature: string) {
    super(`transaction ${signature} did not land before its blockhash expired; nothing happened, send it again`);
    this.name = "TransactionExpiredError";
  }
}

/** `awaitResult` gave up: the request had not reached the awaited state in time. */
export class ResultTimeoutError extends Error {
  constructor(readonly request: string, readonly lastStatus: string, timeoutMs: number) {
    super(`request ${request} is still ${lastStatus} after ${timeoutMs} ms`);
    this.name = "ResultTimeoutError";
  }
}

/**
 * The endpoint gave no usable answer about the transaction within the wait: it may have landed.
 * Do not send it again as new; ask again later with `confirmSignature`.
 */
export class TransactionOutcomeUnknownError extends Error {
  constructor(readonly signature: string) {
    super(`no answer about transaction ${signature}: it may have landed; check again before sending anew`);
    this.name = "TransactionOutcomeUnknownError";
  }
}

/** A transaction failed without a program error the SDK can name (a runtime or system error). */
export class TransactionFailedError extends Error {
  constructor(message: string, readonly logs: string[], readonly landed: boolean, readonly signature?: string) {
    super(message);
    this.name = "TransactionFailedError";
  }
}

function customCode(err: TransactionError | unknown): number | undefined {
  const instruction = (err as { InstructionError?: [number, unknown] } | null)?.InstructionError;
  const inner = instruction?.[1] as { Custom?: number } | undefined;
  return typeof inner?.Custom === "number" ? inner.Custom : undefined;
}

function codeFromLogs(logs: string[]): number | undefined {
  for (const line of logs) {
    const anchor = /Error Number: (\d+)/.exec(line);
    if (anchor) return Number(anchor[1]);
    const custom = /custom program error: 0x([0-9a-f]+)/i.exec(line);
    if (custom) return parseInt(custom[1], 16);
  }
  return undefined;
}

/**
 * The program that raised the error, from the logs: the first `Program X failed` line is the
 * innermost program (its callers' failures follow as the error unwinds through each CPI).
 */
function failingProgram(logs: string[]): string | undefined {
  for (const line of logs) {
    const failed = /^Program (\w+) failed/.exec(line);
    if (failed) return failed[1];
  }
  return undefined;
}

/** The SDK's error for a refusal: an error status of a landed transaction, or what sending threw. */
export function programError(
  cause: unknown,
  logs: string[] = [],
  landed = false,
  signature?: string,
): Error {
  if (cause instanceof AnchorError) {
    const allLogs = cause.logs ?? logs;
    return named(cause.error.errorCode.number, allLogs, landed, signature, cause.program?.toBase58())
      ?? cause;
  }
  if (cause instanceof SendTransactionError) {
    const sendLogs = cause.logs ?? logs;
    const code = codeFromLogs(sendLogs) ?? customCode(cause.transactionError);
    return named(code, sendLogs, landed, signature, failingProgram(sendLogs))
      ?? new TransactionFailedError(cause.message, sendLogs, landed, signature);
  }
  if (cause instanceof Error) return cause;
  // A transaction status error: { InstructionError: [index, { Custom: n }] } or a string.
  return named(customCode(cause) ?? codeFromLogs(logs), logs, landed, signature, failingProgram(logs))
    ?? new TransactionFailedError(`transaction failed: ${JSON.stringify(cause)}`, logs, landed, signature);
}

/**
 * The SDK's error for `code` raised by `program` (when the logs say which): the escrow's own
 * codes (6000 and up) are named only when the escrow raised them; Anchor's (below 6000) name
 * the same error in any Anchor program. A consumer program's error stays its own.
 */
function named(code: number | undefined, logs: string[], landed: boolean, signature?: string, program?: string) {
  if (code === undefined) return undefined;
  const escrow = program === undefined || program === idl.address;
  if (code >= 6000 && !escrow) {
    return new TransactionFailedError(`program ${program} failed with custom error ${code}`, logs, landed, signature);
  }
  const known = describeError(code);
  return known ? new InferenceEscrowError(code, known.name, known.message, logs, landed, signature, program) : undefined;
}
