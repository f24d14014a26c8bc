// Sending a transaction and learning its fate without ever reporting a transaction that landed
// as failed: a signature is "expired" only once the cluster's block height has passed the
// blockhash's last valid height and the signature is still unknown.
import { Commitment, Connection, Signer, Transaction, TransactionInstruction, PublicKey } from "@solana/web3.js";
import { utils } from "@anchor-lang/core";
import { programError, TransactionExpiredError, TransactionOutcomeUnknownError } from "./errors";

/** Signs transactions for the fee payer: a wallet adapter, or Anchor's `Wallet`. */
export interface WalletLike {
  publicKey: PublicKey;
  signTransaction<T extends Transaction>(tx: T): Promise<T>;
}

/** How sending waits for the outcome. */
export interface SendOptions {
  /** Commitment at which a transaction counts as landed (default "confirmed"). */
  commitment?: Commitment;
  /** Milliseconds between status polls (default 400). */
  pollMs?: number;
  /** Milliseconds between re-sends of the same signed transaction while valid (default 2000). */
  resendMs?: number;
  /** Give up asking after this many milliseconds (default 300000): `TransactionOutcomeUnknownError`. */
  maxWaitMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Signs `instructions` (the wallet pays), sends, and waits until the transaction lands at the
 * commitment, re-sending the same bytes while its blockhash is valid. Returns the signature of a
 * transaction that landed and succeeded. Throws `InferenceEscrowError` for a program refusal (at
 * simulation, or in a transaction that landed with an error), and `TransactionExpiredError` only
 * when the blockhash has expired and the cluster has no record of the signature.
 */
export async function sendAndConfirm(
  connection: Connection,
  wallet: WalletLike,
  instructions: TransactionInstruction[],
  signers: Signer[] = [],
  options: SendOptions = {},
): Promise<string> {
  const commitment = options.commitment ?? "confirmed";
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash(commitment);
  const tx = new Transaction({ feePayer: wallet.publicKey, blockhash, lastValidBlockHeight }).add(...instructions);
  if (signers.length > 0) tx.partialSign(...signers);
  const signed = await wallet.signTransaction(tx);
  const raw = signed.serialize();
  const signature = utils.bytes.bs58.encode(signed.signature!);
  try {
    // The first send simulates: a refusal comes back with the program's logs and costs nothing.
    await connection.sendRawTransaction(raw, { preflightCommitment: commitment, maxRetries: 0 });
  } catch (err) {
    const refused = programError(err);
    // A refusal at simulation never lands. Anything else (the endpoint timed out, the
    // connection dropped) may have reached the cluster: find out below.
    if (refused.name === "InferenceEscrowError" || refused.name === "TransactionFailedError") throw refused;
  }
  return confirmSignature(connection, signature, lastValidBlockHeight, { ...options, commitment }, raw);
}

/**
 * Waits for `signature` to land (re-sending `raw` while valid, when given). Resolves when it landed
 * without error; throws the program's error when it landed with one; throws
 * `TransactionExpiredError` only when the cluster's block height has passed
 * `lastValidBlockHeight` and a status answer from a slot at or after the one where that was
 * seen does not know the signature. An RPC error is never taken for "unknown": it is asked again.
 * Throws `TransactionOutcomeUnknownError` if no such answer comes within `maxWaitMs`.
 */
export async function confirmSignature(
  connection: Connection,
  signature: string,
  lastValidBlockHeight: number,
  options: SendOptions = {},
  raw?: Buffer | Uint8Array,
): Promise<string> {
  const commitment = options.commitment ?? "confirmed";
  const pollMs = options.pollMs ?? 400;
  const resendMs = options.resendMs ?? 2000;
  const giveUpAt = Date.now() + (options.maxWaitMs ?? 300_000);
  let lastSend = Date.now();
  // The slot at which the blockhash was seen expired: a later "unknown" must be at least as new.
  let expiredAt: number | undefined;
  while (Date.now() < giveUpAt) {
    const status = await signatureStatus(connection, signature, expiredAt !== undefined);
    if (status) {
      const landed = status.value && reached(status.value.confirmationStatus, commitment);
      if (landed) return settleStatus(connection, signature, status.value!.err, commitment);
      if (expiredAt !== undefined && status.slot >= expiredAt && !status.value) {
        throw new TransactionExpiredError(signature);
      }
    }
    if (expiredAt === undefined) {
      const epoch = await connection.getEpochInfo(commitment).catch(() => undefined);
      if (epoch && epoch.blockHeight !== undefined && epoch.blockHeight > lastValidBlockHeight) {
        expiredAt = epoch.absoluteSlot;
        continue; // look once more, searching history, before saying it never landed
      }
    }
    if (raw && expiredAt === undefined && Date.now() - lastSend >= resendMs) {
      lastSend = Date.now();
      await connection.sendRawTransaction(raw, { skipPreflight: true, maxRetries: 0 }).catch(() => undefined);
    }
    await sleep(pollMs);
  }
  throw new TransactionOutcomeUnknownError(signature);
}

const rank: Record<string, number> = { processed: 0, confirmed: 1, finalized: 2 };

function reached(status: string | null | undefined, commitment: Commitment): boolean {
  return (rank[status ?? "processed"] ?? 0) >= (rank[commitment as string] ?? 1);
}

/** The signature's status and the slot of the answer; `undefined` when the RPC call failed. */
async function signatureStatus(connection: Connection, signature: string, history: boolean) {
  try {
    const { context, value } = await connection.getSignatureStatuses([signature], { searchTransactionHistory: history });
    return { slot: context.slot, value: value[0] };
  } catch {
    return undefined;
  }
}
async function settleStatus(connection: Connection, signature: string, err: unknown, commitment: Commitment) {
  if (!err) return signature;
  const tx = await connection
    .getTransaction(signature, { commitment: commitment === "processed" ? "confirmed" : (commitment as "confirmed"), maxSupportedTransactionVersion: 0 })
    .catch(() => null);
  throw programError(err, tx?.meta?.logMessages ?? [], true, signature);
}
