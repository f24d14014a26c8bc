// Shared set-up for the TypeScript suite: the provider (ANCHOR_PROVIDER_URL / ANCHOR_WALLET, as
// `anchor test` sets them), the program from the committed IDL, and protocol helpers.
import * as anchor from "@anchor-lang/core";
import { BN, Program } from "@anchor-lang/core";
import { Ed25519Program, Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import {
  createAssociatedTokenAccountIdempotentInstruction, createInitializeMint2Instruction, createMintToInstruction,
  getAssociatedTokenAddressSync, MINT_SIZE,
} from "@solana/spl-token";
import { createHash } from "crypto";
import { expect } from "chai";
import idl from "../../target/idl/inference_escrow.json";
import type { InferenceEscrow } from "../../target/types/inference_escrow";

// `anchor test` sets ANCHOR_PROVIDER_URL and ANCHOR_WALLET; transactions are confirmed at
// "confirmed", as dApps usually do.
const env = anchor.AnchorProvider.env();
export const provider = new anchor.AnchorProvider(
  new anchor.web3.Connection(env.connection.rpcEndpoint, "confirmed"),
  env.wallet,
  { commitment: "confirmed", preflightCommitment: "confirmed" },
);
anchor.setProvider(provider);
export const program = new Program<InferenceEscrow>(idl as InferenceEscrow, provider);
export const connection = provider.connection;
export const admin = (provider.wallet as anchor.Wallet).payer;

/// Windows short enough for a test run (slots are 50 ms on the project's localnet).
// Long enough to stay open across a few transactions on a loaded machine, short enough to wait out.
export const CHALLENGE_WINDOW = 40;
export const UNBONDING = 20;
export const SHORT_TTL = 20;
export const CLAIM_TIMEOUT = 200;
export const PRICE = 1_000_003;
export const ROYALTY_BPS = 1_000;
export const PROTOCOL_FEE_BPS = 250;
export const ONNX_SHA256 = Array.from(createHash("sha256").update("risk_v1.onnx").digest());

export const sha256 = (bytes: Buffer | Uint8Array): Buffer => createHash("sha256").update(bytes).digest();
export const f32 = (values: number[]): Buffer => {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer;
};
export const inline = (bytes: Buffer) => ({ inline: { 0: bytes } });

export const pda = (...seeds: (Buffer | Uint8Array)[]) => PublicKey.findProgramAddressSync(seeds, program.programId)[0];
export const configPda = () => pda(Buffer.from("config"));
export const modelPda = (owner: PublicKey, id: number[]) => pda(Buffer.from("model"), owner.toBuffer(), Buffer.from(id));
export const oraclePda = (authority: PublicKey) => pda(Buffer.from("oracle"), authority.toBuffer());
export const requestPda = (requester: PublicKey, nonce: number) =>
  pda(Buffer.from("request"), requester.toBuffer(), new BN(nonce).toArrayLike(Buffer, "le", 8));
export const vaultPda = (request: PublicKey) => pda(Buffer.from("vault"), request.toBuffer());

/// Resolves once the websocket delivers a slot notification: confirmations ride on it.
export async function websocketReady(timeoutMs = 20_000) {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no websocket slot notification")), timeoutMs);
    const id = connection.onSlotChange(() => {
      clearTimeout(timer);
      connection.removeSlotChangeListener(id).finally(resolve);
    });
  });
}

export async function sleepSlots(slots: number) {
  const start = await connection.getSlot();
  while ((await connection.getSlot()) < start + slots) await new Promise((r) => setTimeout(r, 50));
}

/// A new wallet holding `sol` SOL.
export async function funded(sol = 10): Promise<Keypair> {
  const wallet = Keypair.generate();
  const tx = new Transaction().add(
    SystemProgram.transfer({ fromPubkey: admin.publicKey, toPubkey: wallet.publicKey, lamports: sol * LAMPORTS_PER_SOL }),
  );
  await provider.sendAndConfirm(tx, [admin]);
  return wallet;
}

/// A mint under `tokenProgram` with the provider wallet as authority, and `amount` base units in
/// `owner`'s associated token account. (Sent through the provider, which fetches a fresh blockhash
/// at its own commitment.)
export async function mintFor(owner: PublicKey, amount: number, tokenProgram: PublicKey): Promise<PublicKey> {
  const mint = Keypair.generate();
  const rent = await connection.getMinimumBalanceForRentExemption(MINT_SIZE);
  const ata = getAssociatedTokenAddressSync(mint.publicKey, owner, false, tokenProgram);
  const tx = new Transaction().add(
    SystemProgram.createAccount({ fromPubkey: admin.publicKey, newAccountPubkey: mint.publicKey, lamports: rent, space: MINT_SIZE, programId: tokenProgram }),
    createInitializeMint2Instruction(mint.publicKey, 6, admin.publicKey, null, tokenProgram),
    createAssociatedTokenAccountIdempotentInstruction(admin.publicKey, ata, owner, mint.publicKey, tokenProgram),
    createMintToInstruction(mint.publicKey, ata, admin.publicKey, amount, [], tokenProgram),
  );
  await provider.sendAndConfirm(tx, [admin, mint]);
  return mint.publicKey;
}

/// The custom error code in whatever a failed `.rpc()` threw.
function errorCode(err: any): number | undefined {
  if (typeof err?.error?.errorCode?.number === "number") return err.error.errorCode.number;
  if (typeof err?.code === "number") return err.code;
  const text = `${err} ${JSON.stringify(err?.logs ?? err?.transactionLogs ?? [])}`;
  const match = /custom program error: (0x[0-9a-fA-F]+)/.exec(text);
  return match ? parseInt(match[1], 16) : undefined;
}

/// Asserts that `promise` fails with the program error named `name` (as in the IDL).
export async function expectError(promise: Promise<unknown>, name: string) {
  let failed = false;
  try {
    await promise;
  } catch (err) {
    failed = true;
    const code = errorCode(err);
    const found = (idl as any).errors.find((e: any) => e.code === code)?.name;
    expect(found, `expected ${name}, got ${String(err).slice(0, 300)}`).to.equal(name);
  }
  expect(failed, `expected ${name}, but the transaction succeeded`).to.equal(true);
}

/// Creates the config with the provider wallet as admin, or brings an existing one (of this
/// admin) to the suite's parameters.
export async function ensureConfig(treasury: PublicKey) {
  const params = {
    treasury,
    protocolFeeBps: PROTOCOL_FEE_BPS,
    minOracleStake: new BN(LAMPORTS_PER_SOL),
    claimTimeoutSlots: new BN(CLAIM_TIMEOUT),
    challengeWindowSlots: new BN(CHALLENGE_WINDOW),
    unbondingSlots: new BN(UNBONDING),
    noShowSlashBps: 1_000,
    wrongResultSlashBps: 2_000,
    maxInputLen: 512,
    maxOutputLen: 256,
    maxRequestTtlSlots: new BN(10_000),
  };
  const existing = await program.account.config.fetchNullable(configPda());
  if (!existing) {
    await program.methods.initializeConfig(params).accounts({ admin: admin.publicKey }).rpc();
  } else {
    await program.methods.updateConfig({ newAdmin: null, ...params }).accounts({ admin: admin.publicKey }).rpc();
    await program.methods.setPaused(false).accounts({ admin: admin.publicKey }).rpc();
  }
}

export function modelArgs(id: number, price = PRICE) {
  return {
    modelId: Array(32).fill(id),
    onnxSha256: ONNX_SHA256,
    inputSchema: { dtype: { f32: {} }, shape: [1, 4] },
    outputSchema: { dtype: { f32: {} }, shape: [1, 1] },
    price: new BN(price),
    royaltyBps: ROYALTY_BPS,
    uri: "file://models/risk_v1.onnx",
  };
}

/// Registers a SOL (or, with `mint`, SPL) model; returns its address.
export async function registerModel(owner: Keypair, id: number, mint: PublicKey | null = null): Promise<PublicKey> {
  await program.methods.registerModel(modelArgs(id)).accountsPartial({ owner: owner.publicKey, mint }).signers([owner]).rpc();
  return modelPda(owner.publicKey, Array(32).fill(id));
}

export interface TestOracle {
  authority: Keypair;
  attestation: Keypair;
}

export async function registerOracle(stakeSol = 2): Promise<TestOracle> {
  const authority = await funded(stakeSol + 2);
  const attestation = Keypair.generate();
  await program.methods
    .registerOracle(new BN(stakeSol * LAMPORTS_PER_SOL))
    .accounts({ authority: authority.publicKey, attestationKey: attestation.publicKey })
    .signers([authority, attestation])
    .rpc();
  return { authority, attestation };
}

export async function createRequest(requester: Keypair, model: PublicKey, nonce: number, features = [0.5, 1.5, -2, 3.25], ttl = 1_000) {
  await program.methods
    .createRequest({ nonce: new BN(nonce), input: inline(f32(features)) as any, ttlSlots: new BN(ttl), callbackProgram: null })
    .accountsPartial({ requester: requester.publicKey, model })
    .signers([requester])
    .rpc();
  return requestPda(requester.publicKey, nonce);
}

export async function claim(oracle: TestOracle, request: PublicKey) {
  await program.methods
    .claimRequest()
    .accountsPartial({ authority: oracle.authority.publicKey, oracle: oraclePda(oracle.authority.publicKey), request, previousOracle: null })
    .signers([oracle.authority])
    .rpc();
}

/// The bytes an oracle signs: "IESCROW1" || program || request || onnx || input || output || status.
export function resultMessage(request: PublicKey, inputHash: number[], outputHash: Buffer, status: 1 | 2): Buffer {
  return Buffer.concat([
    Buffer.from("IESCROW1"),
    program.programId.toBuffer(),
    request.toBuffer(),
    Buffer.from(ONNX_SHA256),
    Buffer.from(inputHash),
    outputHash,
    Buffer.from([status]),
  ]);
}

/// Fulfils `request` with `output`, signed by `signer` (the attestation key unless overridden).
export async function fulfill(oracle: TestOracle, request: PublicKey, output: Buffer, signer: Keypair = oracle.attestation) {
  const state = await program.account.request.fetch(request);
  const message = resultMessage(request, state.inputHash, sha256(output), 1);
  const ed25519 = Ed25519Program.createInstructionWithPrivateKey({ privateKey: signer.secretKey, message });
  await program.methods
    .fulfillRequest(inline(output) as any)
    .accountsPartial({ authority: oracle.authority.publicKey, oracle: oraclePda(oracle.authority.publicKey), request, model: state.model })
    .preInstructions([ed25519])
    .signers([oracle.authority])
    .rpc();
}
