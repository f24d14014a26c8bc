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

/// Windows short enough for a test run (slots are 50 ms on the project's localnet), long enough
/// to stay open across a few transactions on a loaded machine, short enough to wait out.
export const CHALLENGE_WINDOW = 40;
export const UNBONDING = 20;
export const ARBITRATION_TIMEOUT = 40;
export const CLAIM_TIMEOUT = 200;
/// A claim needs this many slots left before the deadline.
export const MIN_FULFIL = 10;
export const MIN_REQUEST_TTL = 20;
export const MAX_REQUEST_TTL = 10_000;
/// A request that can still be claimed (for SHORT_TTL - MIN_FULFIL = 50 slots, 2.5 s) and
/// expires within a few seconds.
export const SHORT_TTL = 60;
export const PRICE = 1_000_003;
export const ROYALTY_BPS = 1_000;
export const PROTOCOL_FEE_BPS = 250;
export const MIN_ORACLE_STAKE = LAMPORTS_PER_SOL;
/// A claim locks max(MIN_CLAIM_BOND, price * CLAIM_BOND_BPS / 10_000) lamports of stake.
export const MIN_CLAIM_BOND = 50_000_000;
export const CLAIM_BOND_BPS = 5_000;
export const MAX_INPUT_LEN = 512;
export const MAX_OUTPUT_LEN = 256;
/// Quorum requests: committed seats may reveal this many slots after the deadline.
export const REVEAL_WINDOW = 40;
/// Disputes: the challenger's bond, the re-execution round's seats and its commit window.
export const CHALLENGE_BOND = 100_000_000;
export const DISPUTE_REPLICAS = 3;
export const DISPUTE_WINDOW = 60;
/// A model served by one oracle per request (v1's request).
export const SINGLE = { replicas: 1, quorum: 1, compare: { exact: {} } };
export const ONNX_SHA256 = Array.from(createHash("sha256").update("risk_v1.onnx").digest());

export const sha256 = (bytes: Buffer | Uint8Array | string): Buffer => createHash("sha256").update(bytes).digest();
/// What ran the model, as the oracle signs it: SHA-256 of `runtime/version/provider`.
export const EXECUTION_ID = Array.from(sha256("onnxruntime/1.31.1/cpu"));
export const f32 = (values: number[]): Buffer => {
  const buffer = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer;
};
export const inline = (bytes: Buffer) => ({ inline: { 0: bytes } });
export const byUri = (uri: string, bytes: Buffer) => ({ uri: { uri, sha256: Array.from(sha256(bytes)) } });

/// The claim bond of a request of `price`.
export const claimBond = (price: number) => Math.max(MIN_CLAIM_BOND, Math.floor((price * CLAIM_BOND_BPS) / 10_000));

export const pda = (...seeds: (Buffer | Uint8Array)[]) => PublicKey.findProgramAddressSync(seeds, program.programId)[0];
export const configPda = () => pda(Buffer.from("config"));
export const modelPda = (owner: PublicKey, id: number[]) => pda(Buffer.from("model"), owner.toBuffer(), Buffer.from(id));
export const oraclePda = (authority: PublicKey) => pda(Buffer.from("oracle"), authority.toBuffer());
export const requestPda = (requester: PublicKey, nonce: number) =>
  pda(Buffer.from("request"), requester.toBuffer(), new BN(nonce).toArrayLike(Buffer, "le", 8));
export const vaultPda = (request: PublicKey) => pda(Buffer.from("vault"), request.toBuffer());
export const feeVaultPda = (model: PublicKey) => pda(Buffer.from("fee_vault"), model.toBuffer());
export const earningsPda = (model: PublicKey, oracle: PublicKey) => pda(Buffer.from("earnings"), model.toBuffer(), oracle.toBuffer());
export const disputePda = (request: PublicKey) => pda(Buffer.from("dispute"), request.toBuffer());

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
  await sleepUntilSlot(start + slots);
}

/// Waits until the cluster (at "confirmed") is past `slot`.
export async function sleepUntilSlot(slot: number) {
  while ((await connection.getSlot()) <= slot) await new Promise((r) => setTimeout(r, 50));
}

/// Lamports held by `address` (0 when it does not exist).
export const balance = (address: PublicKey) => connection.getBalance(address);

/// The rent-exempt minimum of the account at `address`, from its current size.
export async function rentOf(address: PublicKey): Promise<number> {
  const info = await connection.getAccountInfo(address);
  if (!info) throw new Error(`no account at ${address.toBase58()}`);
  return connection.getMinimumBalanceForRentExemption(info.data.length);
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

/// `owner`'s associated token account of `mint`, created (by the provider wallet) if missing.
export async function tokenAccount(owner: PublicKey, mint: PublicKey, tokenProgram: PublicKey): Promise<PublicKey> {
  const ata = getAssociatedTokenAddressSync(mint, owner, false, tokenProgram);
  await provider.sendAndConfirm(
    new Transaction().add(createAssociatedTokenAccountIdempotentInstruction(admin.publicKey, ata, owner, mint, tokenProgram)),
    [admin],
  );
  return ata;
}

/// The program that owns `mint` (SPL Token or Token-2022).
export async function tokenProgramOf(mint: PublicKey): Promise<PublicKey> {
  const info = await connection.getAccountInfo(mint);
  if (!info) throw new Error(`no mint at ${mint.toBase58()}`);
  return info.owner;
}

/// The custom error code in whatever a failed `.rpc()` threw.
function errorCode(err: any): number | undefined {
  if (typeof err?.error?.errorCode?.number === "number") return err.error.errorCode.number;
  if (typeof err?.code === "number") return err.code;
  const text = `${err} ${JSON.stringify(err?.logs ?? err?.transactionLogs ?? [])}`;
  const match = /custom program error: (0x[0-9a-fA-F]+)/.exec(text);
  return match ? parseInt(match[1], 16) : undefined;
}

/// Anchor's framework errors the suite asserts (they are not in the program's IDL).
const ANCHOR_ERRORS: Record<number, string> = { 3012: "AccountNotInitialized" };

/// Asserts that `promise` fails with the program error named `name` (as in the IDL, or one of
/// Anchor's framework errors above).
export async function expectError(promise: Promise<unknown>, name: string) {
  let failed = false;
  try {
    await promise;
  } catch (err) {
    failed = true;
    const code = errorCode(err);
    const found = (idl as any).errors.find((e: any) => e.code === code)?.name ?? (code === undefined ? undefined : ANCHOR_ERRORS[code]);
    expect(found, `expected ${name}, got ${String(err).slice(0, 300)}`).to.equal(name);
  }
  expect(failed, `expected ${name}, but the transaction succeeded`).to.equal(true);
}

/// An event the program emitted (by self-CPI) in a confirmed transaction.
export interface EmittedEvent {
  name: string;
  data: any;
}

/// The events `signature` emitted, decoded with the IDL, in order. `#[event_cpi]` events are
/// inner instructions to the program whose data is the 8-byte event-CPI tag, then the event.
export async function eventsOf(signature: string): Promise<EmittedEvent[]> {
  let tx = null;
  for (let tries = 0; !tx && tries < 50; tries++) {
    tx = await connection.getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 });
    if (!tx) await new Promise((r) => setTimeout(r, 100));
  }
  if (!tx) throw new Error(`transaction ${signature} not found`);
  const keys = tx.transaction.message.getAccountKeys({ accountKeysFromLookups: tx.meta?.loadedAddresses });
  const events: EmittedEvent[] = [];
  for (const group of tx.meta?.innerInstructions ?? []) {
    for (const ix of group.instructions) {
      if (!keys.get(ix.programIdIndex)?.equals(program.programId)) continue;
      const data = Buffer.from(anchor.utils.bytes.bs58.decode(ix.data));
      const event = program.coder.events.decode(data.subarray(8).toString("base64"));
      // The coder names events in camelCase; report them as the program (and the IDL) does.
      if (event) events.push({ name: event.name.charAt(0).toUpperCase() + event.name.slice(1), data: event.data });
    }
  }
  return events;
}

/// The one event named `name` that `signature` emitted.
export async function eventOf(signature: string, name: string): Promise<any> {
  const found = (await eventsOf(signature)).filter((e) => e.name === name);
  expect(found.map((e) => e.name), `events of ${signature}`).to.deep.equal([name]);
  return found[0].data;
}

/// The suite's config parameters.
export function suiteParams(treasury: PublicKey) {
  return {
    treasury,
    protocolFeeBps: PROTOCOL_FEE_BPS,
    minOracleStake: new BN(MIN_ORACLE_STAKE),
    minClaimBond: new BN(MIN_CLAIM_BOND),
    claimBondBps: CLAIM_BOND_BPS,
    claimTimeoutSlots: new BN(CLAIM_TIMEOUT),
    challengeWindowSlots: new BN(CHALLENGE_WINDOW),
    unbondingSlots: new BN(UNBONDING),
    arbitrationTimeoutSlots: new BN(ARBITRATION_TIMEOUT),
    minFulfilSlots: new BN(MIN_FULFIL),
    revealWindowSlots: new BN(REVEAL_WINDOW),
    challengeBond: new BN(CHALLENGE_BOND),
    disputeReplicas: DISPUTE_REPLICAS,
    disputeWindowSlots: new BN(DISPUTE_WINDOW),
    minRequestTtlSlots: new BN(MIN_REQUEST_TTL),
    maxRequestTtlSlots: new BN(MAX_REQUEST_TTL),
    maxInputLen: MAX_INPUT_LEN,
    maxOutputLen: MAX_OUTPUT_LEN,
  };
}

/// `update_config` arguments that change nothing; spread changes over it.
export function noChanges() {
  return {
    newAdmin: null, treasury: null, protocolFeeBps: null, minOracleStake: null, minClaimBond: null, claimBondBps: null,
    claimTimeoutSlots: null, challengeWindowSlots: null, unbondingSlots: null, arbitrationTimeoutSlots: null,
    minFulfilSlots: null, revealWindowSlots: null, challengeBond: null, disputeReplicas: null, disputeWindowSlots: null,
    minRequestTtlSlots: null, maxRequestTtlSlots: null, maxInputLen: null, maxOutputLen: null,
  };
}

/// Creates the config with the provider wallet as admin, or brings an existing one (of this
/// admin) to the suite's parameters.
export async function ensureConfig(treasury: PublicKey) {
  const params = suiteParams(treasury);
  const existing = await program.account.config.fetchNullable(configPda());
  if (!existing) {
    await program.methods.initializeConfig(params).accounts({ admin: admin.publicKey }).rpc();
  } else {
    await program.methods.updateConfig({ ...noChanges(), ...params }).accounts({ admin: admin.publicKey }).rpc();
    if (existing.paused) await program.methods.setPaused(false).accounts({ admin: admin.publicKey }).rpc();
  }
}

/// Model ids are unique per owner; owners are fresh wallets, so a counter is enough.
let lastModelId = 0;
export function nextModelId(): number[] {
  const id = ++lastModelId;
  return Array.from({ length: 32 }, (_, i) => (i < 4 ? (id >>> (8 * i)) & 0xff : 0));
}

/// Arguments of a risk model (four f32 in, one f32 out: 4 bytes, inline).
export function modelArgs(modelId: number[] = nextModelId(), price = PRICE) {
  return {
    modelId,
    onnxSha256: ONNX_SHA256,
    inputSchema: { dtype: { f32: {} }, shape: [1, 4] },
    outputSchema: { dtype: { f32: {} }, shape: [1, 1] },
    maxOutputLen: 0,
    price: new BN(price),
    royaltyBps: ROYALTY_BPS,
    uri: "file://models/risk_v1.onnx",
    policy: SINGLE,
  };
}
export type ModelArgs = ReturnType<typeof modelArgs>;

/// The accounts of `register_model`: a SOL model passes no token accounts; an SPL model its
/// mint, fee vault `["fee_vault", model]` and the mint's token program.
export async function registerModelAccounts(owner: PublicKey, modelId: number[], mint: PublicKey | null) {
  const model = modelPda(owner, modelId);
  return {
    owner, model, mint,
    feeVault: mint ? feeVaultPda(model) : null,
    tokenProgram: mint ? await tokenProgramOf(mint) : null,
  };
}

/// Registers a SOL (or, with `mint`, SPL) model; returns its address.
export async function registerModel(owner: Keypair, mint: PublicKey | null = null, args: Partial<ModelArgs> = {}): Promise<PublicKey> {
  const full = { ...modelArgs(), ...args };
  const accounts = await registerModelAccounts(owner.publicKey, full.modelId, mint);
  await program.methods.registerModel(full).accountsPartial(accounts).signers([owner]).rpc();
  return accounts.model;
}

export interface TestOracle {
  authority: Keypair;
  attestation: Keypair;
  /// Its Oracle account.
  oracle: PublicKey;
}

export async function registerOracle(stakeSol = 2): Promise<TestOracle> {
  const authority = await funded(stakeSol + 2);
  const attestation = Keypair.generate();
  await program.methods
    .registerOracle(new BN(stakeSol * LAMPORTS_PER_SOL))
    .accounts({ authority: authority.publicKey, attestationKey: attestation.publicKey })
    .signers([authority, attestation])
    .rpc();
  return { authority, attestation, oracle: oraclePda(authority.publicKey) };
}

/// No cap on the price a request accepts (tests that check the cap pass their own).
export const NO_PRICE_CAP = new BN("18446744073709551615");

export async function createRequest(
  requester: Keypair, model: PublicKey, nonce: number, features = [0.5, 1.5, -2, 3.25], ttl = 1_000, maxPrice = NO_PRICE_CAP,
) {
  await program.methods
    .createRequest({ nonce: new BN(nonce), input: inline(f32(features)) as any, ttlSlots: new BN(ttl), callback: null, maxPrice, challenger: null })
    .accountsPartial({ requester: requester.publicKey, model })
    .signers([requester])
    .rpc();
  return requestPda(requester.publicKey, nonce);
}

type RequestState = Awaited<ReturnType<typeof program.account.request.fetch>>;

/// The terms a claim binds: the request's model, input hash, price and deadline as read.
export const claimTerms = (state: RequestState) => ({
  model: state.model,
  inputHash: state.inputHash,
  price: state.price,
  deadlineSlot: state.deadlineSlot,
});

/// The `claim_request` call of `oracle` for `request` (as it stands now), with the terms it
/// read unless `terms` overrides them; passes the previous claimer when taking over and, for an
/// SPL request, the oracle's earnings account for the model.
export async function claimCall(oracle: TestOracle, request: PublicKey, terms: Partial<ReturnType<typeof claimTerms>> = {}) {
  const state = await program.account.request.fetch(request);
  const holder = state.status.claimed?.oracle;
  return program.methods
    .claimRequest({ ...claimTerms(state), ...terms })
    .accountsPartial({
      authority: oracle.authority.publicKey,
      oracle: oracle.oracle,
      request,
      previousOracle: holder && !holder.equals(oracle.oracle) ? holder : null,
      earnings: state.mint ? earningsPda(state.model, oracle.oracle) : null,
    })
    .signers([oracle.authority]);
}

export async function claim(oracle: TestOracle, request: PublicKey): Promise<string> {
  return (await claimCall(oracle, request)).rpc();
}

/// The bytes an oracle signs: "IESCROW2" || program || oracle || request || onnx || input ||
/// output || execution id || status (233 bytes).
export function resultMessage(
  oracle: PublicKey, request: PublicKey, inputHash: number[], outputHash: Buffer, status: 1 | 2 | 3, executionId = EXECUTION_ID,
): Buffer {
  const message = Buffer.concat([
    Buffer.from("IESCROW2"),
    program.programId.toBuffer(),
    oracle.toBuffer(),
    request.toBuffer(),
    Buffer.from(ONNX_SHA256),
    Buffer.from(inputHash),
    outputHash,
    Buffer.from(executionId),
    Buffer.from([status]),
  ]);
  expect(message.length).to.equal(233);
  return message;
}

/// The Ed25519 precompile instruction over `message`, signed by `signer`.
export const ed25519 = (signer: Keypair, message: Buffer) =>
  Ed25519Program.createInstructionWithPrivateKey({ privateKey: signer.secretKey, message });

/// Fulfils `request` with `output` (inline, or a `byUri` payload whose hash is signed), signed by
/// `signer` (the attestation key unless overridden).
export async function fulfill(
  oracle: TestOracle, request: PublicKey, output: Buffer, signer: Keypair = oracle.attestation, payload: any = inline(output),
): Promise<string> {
  const state = await program.account.request.fetch(request);
  const message = resultMessage(oracle.oracle, request, state.inputHash, sha256(output), 1);
  return program.methods
    .fulfillRequest({ output: payload, executionId: EXECUTION_ID })
    .accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle, request, model: state.model })
    .preInstructions([ed25519(signer, message)])
    .signers([oracle.authority])
    .rpc();
}

/// Reports a signed failure of `request` with `reason`.
export async function failSigned(oracle: TestOracle, request: PublicKey, reason: string): Promise<string> {
  const state = await program.account.request.fetch(request);
  const message = resultMessage(oracle.oracle, request, state.inputHash, sha256(Buffer.from(reason)), 2);
  return program.methods
    .failRequest({ reason, executionId: EXECUTION_ID })
    .accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle, request, model: state.model })
    .preInstructions([ed25519(oracle.attestation, message)])
    .signers([oracle.authority])
    .rpc();
}

// ---- rounds of seats (quorum requests and dispute re-execution) ---------------------------------

/// The commitment a seat signs: sha256(sha256(output) || salt || oracle).
export const commitment = (output: Buffer, salt: Buffer, oracle: PublicKey): Buffer =>
  sha256(Buffer.concat([sha256(output), salt, oracle.toBuffer()]));

/// Oracle accounts, writable, in order: the remaining accounts of the instructions that end a
/// round.
export const writable = (oracles: PublicKey[]) => oracles.map((pubkey) => ({ pubkey, isSigner: false, isWritable: true }));
/// The Oracle accounts of the seats still holding a bond, in seat order (what the program loads).
export const bondedOracles = (seats: any[]): PublicKey[] => seats.filter((seat) => seat.bond.toNumber() > 0).map((seat) => seat.oracle);

/// Takes a seat in `request`'s round, or its dispute's when `dispute` is set.
export async function claimSeat(oracle: TestOracle, request: PublicKey, dispute: PublicKey | null = null): Promise<string> {
  const state = await program.account.request.fetch(request);
  return program.methods
    .claimSeat(claimTerms(state))
    .accountsPartial({
      authority: oracle.authority.publicKey, oracle: oracle.oracle, request, dispute,
      earnings: state.mint && !dispute ? earningsPda(state.model, oracle.oracle) : null,
    })
    .signers([oracle.authority])
    .rpc();
}

/// Commits to `output` with `salt` (signed with status 3, naming the round's account).
export async function commitSeat(
  oracle: TestOracle, request: PublicKey, output: Buffer, salt: Buffer, dispute: PublicKey | null = null,
): Promise<string> {
  const state = await program.account.request.fetch(request);
  const value = commitment(output, salt, oracle.oracle);
  const message = resultMessage(oracle.oracle, dispute ?? request, state.inputHash, value, 3);
  return program.methods
    .commitSeat({ commitment: Array.from(value), executionId: EXECUTION_ID })
    .accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle, request, dispute, model: state.model })
    .preInstructions([ed25519(oracle.attestation, message)])
    .signers([oracle.authority])
    .rpc();
}

/// Reveals `output` and `salt`.
export async function revealSeat(
  oracle: TestOracle, request: PublicKey, output: Buffer, salt: Buffer, dispute: PublicKey | null = null,
): Promise<string> {
  const state = await program.account.request.fetch(request);
  return program.methods
    .revealSeat({ output, salt: Array.from(salt) })
    .accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle, request, dispute, model: state.model })
    .signers([oracle.authority])
    .rpc();
}

/// Ends a quorum request's round (anyone).
export async function finalizeQuorum(request: PublicKey): Promise<string> {
  const state = await program.account.request.fetch(request);
  return program.methods
    .finalizeQuorum()
    .accountsPartial({ request, model: state.model })
    .remainingAccounts(writable(bondedOracles(state.seats)))
    .rpc();
}

/// Pays out a fulfilled SOL quorum request (anyone).
export async function settleQuorum(request: PublicKey): Promise<string> {
  const state = await program.account.request.fetch(request);
  return program.methods
    .settleQuorum()
    .accountsPartial({ request, model: state.model, mint: null, vault: null, feeVault: null, tokenProgram: null })
    .remainingAccounts(writable(bondedOracles(state.seats)))
    .rpc();
}

/// Challenges `request`, posting the challenge bond (signed by the requester or the named
/// challenger).
export async function challengeRequest(challenger: Keypair, request: PublicKey): Promise<string> {
  return program.methods
    .challengeRequest()
    .accountsPartial({ challenger: challenger.publicKey, request, dispute: disputePda(request) })
    .signers([challenger])
    .rpc();
}

/// Ends `request`'s dispute (anyone): the dispute seats, then the oracles behind the result.
export async function finalizeDispute(request: PublicKey): Promise<string> {
  const state = await program.account.request.fetch(request);
  const dispute = await program.account.dispute.fetch(disputePda(request));
  const challenged = state.policy.replicas > 1
    ? bondedOracles(state.seats)
    : [state.status.challenged!.oracle];
  return program.methods
    .finalizeDispute()
    .accountsPartial({ request, dispute: disputePda(request), model: state.model })
    .remainingAccounts(writable([...bondedOracles(dispute.seats), ...challenged]))
    .rpc();
}

/// Closes a decided dispute (anyone), returning what it holds to the challenger.
export async function closeDispute(request: PublicKey): Promise<string> {
  const dispute = await program.account.dispute.fetch(disputePda(request));
  return program.methods
    .closeDispute()
    .accountsPartial({ challenger: dispute.challenger, dispute: disputePda(request) })
    .rpc();
}

/// Waits out a dispute's commit window with nobody seated and records the round without
/// quorum: the arbiter may decide.
export async function disputeWithoutQuorum(request: PublicKey) {
  const dispute = await program.account.dispute.fetch(disputePda(request));
  await sleepUntilSlot(dispute.commitDeadlineSlot.toNumber());
  await finalizeDispute(request);
}
