// The SDK's entry point: one object per (connection, wallet) that requests inference, awaits
// and decodes results, and sends every follow-up a requester, a payee or a crank needs.
import { AnchorProvider, BN, IdlAccounts, Program, utils } from "@anchor-lang/core";
import { getAccountLenForMint, getAssociatedTokenAddressSync, getMint } from "@solana/spl-token";
import { Commitment, Connection, PublicKey, Signer, TransactionInstruction } from "@solana/web3.js";
import { randomBytes } from "crypto";
import idl from "./idl/inference_escrow.json";
import type { InferenceEscrow } from "./idl/inference_escrow";
import { sendAndConfirm, SendOptions, WalletLike } from "./confirm";
import { ResultTimeoutError } from "./errors";
import { decodeOutput, encodeInput, Tensor } from "./tensor";

/** The program's accounts, as the IDL types them. */
export type RequestAccount = IdlAccounts<InferenceEscrow>["request"];
export type ModelAccount = IdlAccounts<InferenceEscrow>["model"];
export type ConfigAccount = IdlAccounts<InferenceEscrow>["config"];

/** A request's status, by name. */
export type Status = "open" | "claimed" | "fulfilled" | "challenged" | "settled" | "failed" | "expired" | "refunded";

/** The program id of the deployment the bundled IDL describes. */
export const PROGRAM_ID = new PublicKey(idl.address);

/** First 8 bytes of every self-CPI event instruction (Anchor's `EVENT_IX_TAG`, little-endian). */
const EVENT_IX_TAG = Buffer.from([0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d]);
const MAX_URI_LEN = 200;

/** A consumer instruction the escrow calls once a request has ended (see `deliverCallback`). */
export interface Callback {
  program: PublicKey;
  /** The instruction's 8-byte discriminator (Anchor: first 8 bytes of sha256("global:<name>")). */
  discriminator: number[];
  accounts: { pubkey: PublicKey; writable: boolean }[];
}

/** What a request locks: the price (SOL or the model's token) and the rent, which comes back on close. */
export interface RequestCost {
  /** The model's price, in lamports or the mint's base units. */
  price: BN;
  /** `null` for SOL. */
  mint: PublicKey | null;
  /** Bytes of the request account. */
  space: number;
  /** Lamports of rent locked in the request (and, for SPL, its vault) until `close`. */
  rentLamports: number;
  /** Lamports the wallet pays: rent, plus the price for a SOL model. */
  lamports: BN;
}

/** A model input: values to encode by the model's input schema, the bytes, or a URI and the SHA-256 of its bytes. */
export type Input = number[] | Float32Array | Buffer | { uri: string; sha256: Uint8Array | number[] };

export interface RequestInferenceOptions {
  model: PublicKey;
  input: Input;
  /** Slots until the deadline (default 300: about two minutes). */
  ttlSlots?: number;
  /** The most you pay (default: the price read now; the owner may raise it at any time). */
  maxPrice?: BN | number;
  /** Default: random. Part of the request's address. */
  nonce?: BN;
  /** Who besides you may challenge the result. */
  challenger?: PublicKey;
  callback?: Callback;
}

export interface RequestCreated {
  request: PublicKey;
  nonce: BN;
  signature: string;
  cost: RequestCost;
}

/** A decoded event of the program, from a transaction's inner instructions. */
export interface EscrowEvent {
  /** As Anchor's TypeScript client names events and their fields: camelCase (`requestFulfilled`). */
  name: string;
  data: Record<string, any>;
  signature: string;
}

/** What a request ended with (or its result, once fulfilled). */
export interface InferenceResult {
  request: PublicKey;
  status: Status;
  state: RequestAccount;
  /** The inline output bytes, once fulfilled (null when posted by URI, or without a result). */
  output: Buffer | null;
  /** Where the output is, when posted by URI (its SHA-256 is `outputHash`). */
  outputUri: string | null;
  outputHash: Buffer;
  /** The output decoded by the model's output schema. */
  tensor: Tensor | null;
  /** The event that posted the result or the failure (`requestFulfilled`, `requestFailed`,
   *  `roundFinalized`), with its transaction's signature; `null` when it ended otherwise. */
  event: EscrowEvent | null;
}

export interface AwaitOptions {
  /** Give up after this many milliseconds (default 120000): throws `ResultTimeoutError`. */
  timeoutMs?: number;
  /** "result" (default): fulfilled or ended; "settled": ended (settled, failed, expired or refunded). */
  until?: "result" | "settled";
}

const TERMINAL: Status[] = ["settled", "failed", "expired", "refunded"];

/** The name of a status object (`{ fulfilled: { oracle, slot } }` → "fulfilled"). */
export function statusOf(state: { status: object }): Status {
  return Object.keys(state.status)[0] as Status;
}

/** inference_escrow from TypeScript: requests, results and every follow-up. */
export class InferenceEscrowClient {
  readonly program: Program<InferenceEscrow>;

  constructor(
    readonly connection: Connection,
    readonly wallet: WalletLike,
    readonly options: SendOptions & { commitment?: Commitment } = {},
  ) {
    const provider = new AnchorProvider(connection, wallet as never, { commitment: options.commitment ?? "confirmed" });
    this.program = new Program<InferenceEscrow>(idl as InferenceEscrow, provider);
  }

  // ---- addresses ------------------------------------------------------------------------------

  private find(...seeds: (Buffer | Uint8Array)[]): PublicKey {
    return PublicKey.findProgramAddressSync(seeds, this.program.programId)[0];
  }
  configAddress(): PublicKey { return this.find(Buffer.from("config")); }
  requestAddress(requester: PublicKey, nonce: BN): PublicKey {
    return this.find(Buffer.from("request"), requester.toBuffer(), nonce.toArrayLike(Buffer, "le", 8));
  }
  oracleAddress(authority: PublicKey): PublicKey { return this.find(Buffer.from("oracle"), authority.toBuffer()); }
  vaultAddress(request: PublicKey): PublicKey { return this.find(Buffer.from("vault"), request.toBuffer()); }
  feeVaultAddress(model: PublicKey): PublicKey { return this.find(Buffer.from("fee_vault"), model.toBuffer()); }
  earningsAddress(model: PublicKey, oracle: PublicKey): PublicKey {
    return this.find(Buffer.from("earnings"), model.toBuffer(), oracle.toBuffer());
  }
  disputeAddress(request: PublicKey): PublicKey { return this.find(Buffer.from("dispute"), request.toBuffer()); }
  /** The PDA that signs `request`'s callback call. */
  callbackAuthority(request: PublicKey): PublicKey { return this.find(Buffer.from("callback"), request.toBuffer()); }

  // ---- reading --------------------------------------------------------------------------------

  fetchRequest(request: PublicKey): Promise<RequestAccount> { return this.program.account.request.fetch(request); }
  fetchModel(model: PublicKey): Promise<ModelAccount> { return this.program.account.model.fetch(model); }
  fetchConfig(): Promise<ConfigAccount> { return this.program.account.config.fetch(this.configAddress()); }

  // ---- requesting -----------------------------------------------------------------------------

  /** The bytes of the request account the program allocates (as `Request::space_for`). */
  static requestSpace(model: ModelAccount, config: ConfigAccount, input: { inlineLen?: number; uriLen?: number }, callback?: Callback): number {
    const inputStored = 1 + 4 + (input.inlineLen ?? input.uriLen ?? 0);
    const capacity = model.maxOutputLen <= config.maxOutputLen ? model.maxOutputLen : 0;
    const outputReserve = capacity > 0 ? capacity : MAX_URI_LEN;
    const seats = model.policy.replicas > 1 ? model.policy.replicas * (32 + 8 + 1 + 32 + 32 + 4 + capacity) : 0;
    const callbackLen = callback ? 32 + 8 + 4 + callback.accounts.length * 33 : 0;
    return 8 + 1 + 32 + 32 + 8 + (1 + 32 + 8 + 8) + 8 + 2 + 2 + 8 + 1 + 32 + 8 + 8 + 8 + 8
      + 32 + inputStored + 32 + 1 + 1 + 4 + outputReserve + 32 + 4
      + 1 + callbackLen + 1 + 1 + 1 + (1 + 1 + 1 + 8) + 8 + 4 + seats + 1 + 1 + 1 + 32;
  }

  private async payload(model: ModelAccount, input: Input) {
    if (!Array.isArray(input) && !(input instanceof Float32Array) && !Buffer.isBuffer(input)) {
      const sha256 = Array.from(input.sha256);
      return { arg: { uri: { uri: input.uri, sha256 } }, len: { uriLen: Buffer.byteLength(input.uri) } };
    }
    const bytes = Buffer.isBuffer(input) ? input : encodeInput(Array.from(input), model.inputSchema);
    return { arg: { inline: { 0: bytes } }, len: { inlineLen: bytes.length } };
  }

  /** What a request for `input` on `model` costs now: price, and the rent locked until close. */
  async quote(model: PublicKey, input: Input, callback?: Callback): Promise<RequestCost> {
    const [state, config] = await Promise.all([this.fetchModel(model), this.fetchConfig()]);
    return this.costOf(state, config, (await this.payload(state, input)).len, callback);
  }

  private async costOf(model: ModelAccount, config: ConfigAccount, len: { inlineLen?: number; uriLen?: number }, callback?: Callback): Promise<RequestCost> {
    const space = InferenceEscrowClient.requestSpace(model, config, len, callback);
    const rent = await this.connection.getMinimumBalanceForRentExemption(space);
    // An SPL request also locks the rent of its token vault, sized as the program sizes it: the
    // base account plus the extensions the mint requires (Token-2022).
    const vaultRent = model.mint
      ? await this.connection.getMinimumBalanceForRentExemption(await this.vaultLength(model.mint))
      : 0;
    const rentLamports = rent + vaultRent;
    return {
      price: model.price,
      mint: model.mint,
      space,
      rentLamports,
      lamports: model.mint ? new BN(rentLamports) : model.price.add(new BN(rentLamports)),
    };
  }

  /**
   * Creates a request for `model` (SOL or the model's token: the price is escrowed, the rent
   * locked until `close`) and returns its address and what it cost. Resolves once it has landed.
   */
  async requestInference(options: RequestInferenceOptions): Promise<RequestCreated> {
    const requester = this.wallet.publicKey;
    const [model, config] = await Promise.all([this.fetchModel(options.model), this.fetchConfig()]);
    const { arg, len } = await this.payload(model, options.input);
    const cost = await this.costOf(model, config, len, options.callback);
    const nonce = options.nonce ?? new BN(randomBytes(8), "le");
    const args = {
      nonce,
      input: arg as never,
      ttlSlots: new BN(options.ttlSlots ?? 300),
      callback: options.callback ?? null,
      maxPrice: new BN(options.maxPrice ?? model.price),
      challenger: options.challenger ?? null,
    };
    const request = this.requestAddress(requester, nonce);
    let instruction: TransactionInstruction;
    if (model.mint) {
      const tokenProgram = await this.tokenProgramOf(model.mint);
      instruction = await this.program.methods
        .createRequestToken(args)
        .accountsPartial({
          requester, model: options.model, request, mint: model.mint,
          requesterToken: getAssociatedTokenAddressSync(model.mint, requester, true, tokenProgram),
          vault: this.vaultAddress(request), tokenProgram,
        })
        .instruction();
    } else {
      instruction = await this.program.methods
        .createRequest(args)
        .accountsPartial({ requester, model: options.model, request })
        .instruction();
    }
    const signature = await this.send([instruction]);
    return { request, nonce, signature, cost };
  }

  // ---- results --------------------------------------------------------------------------------

  /**
   * Waits (websocket account subscription, checked once at the start) until `request` has a result
   * or has ended, and returns it decoded, with the event that posted it (read from the inner
   * instructions of its transaction: every event is emitted by self-CPI).
   */
  async awaitResult(request: PublicKey, options: AwaitOptions = {}): Promise<InferenceResult> {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const done = (status: Status) =>
      TERMINAL.includes(status) || (options.until !== "settled" && status === "fulfilled");
    const commitment = this.options.commitment ?? "confirmed";
    let last: Status | "not found" = "not found";
    let subscription: number | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const state = await new Promise<RequestAccount>((resolve, reject) => {
        let seen = false;
        const consider = (state: RequestAccount | null) => {
          if (!state) {
            // Not visible yet (an endpoint behind the one that confirmed its creation) is waited
            // for until the timeout; gone after being seen means closed.
            if (seen) reject(new Error(`request ${request.toBase58()} was closed`));
            return;
          }
          seen = true;
          last = statusOf(state);
          if (done(last)) resolve(state);
        };
        subscription = this.connection.onAccountChange(request, (info) => {
          try {
            consider(info.data.length === 0 ? null : this.program.coder.accounts.decode<RequestAccount>("request", info.data));
          } catch (err) {
            reject(err);
          }
        }, { commitment });
        this.program.account.request.fetchNullable(request, commitment).then(consider, reject);
        timer = setTimeout(() => reject(new ResultTimeoutError(request.toBase58(), last, timeoutMs)), timeoutMs);
      });
      return await this.resultOf(request, state);
    } finally {
      if (timer) clearTimeout(timer);
      if (subscription !== undefined) await this.connection.removeAccountChangeListener(subscription);
    }
  }

  private async resultOf(request: PublicKey, state: RequestAccount): Promise<InferenceResult> {
    const status = statusOf(state);
    const output = state.output?.inline ? Buffer.from(state.output.inline[0]) : null;
    const model = await this.fetchModel(state.model);
    const posted = ["requestFulfilled", "requestFailed", "roundFinalized"];
    return {
      request,
      status,
      state,
      output,
      outputUri: state.output?.uri ? state.output.uri[0] : null,
      outputHash: Buffer.from(state.outputHash),
      tensor: output ? decodeOutput(output, model.outputSchema) : null,
      event: await this.findEvent(request, (e) => posted.includes(e.name)),
    };
  }

  /**
   * The newest event of `request` that `matches`, searching its transactions newest first (up to
   * `maxTransactions`; transactions that merely mention the request cannot hide an event).
   */
  async findEvent(request: PublicKey, matches: (event: EscrowEvent) => boolean, maxTransactions = 1_000): Promise<EscrowEvent | null> {
    let before: string | undefined;
    for (let searched = 0; searched < maxTransactions;) {
      const page = await this.connection.getSignaturesForAddress(request, { limit: 100, before }, "confirmed");
      for (const { signature, err } of page) {
        if (err) continue;
        const event = (await this.events(signature)).find(
          (e) => matches(e) && (e.data.request as PublicKey | undefined)?.equals(request),
        );
        if (event) return event;
      }
      if (page.length < 100) return null;
      searched += page.length;
      before = page[page.length - 1].signature;
    }
    return null;
  }

  /** The program's events in a transaction: decoded from its self-CPI inner instructions. */
  async events(signature: string): Promise<EscrowEvent[]> {
    const tx = await this.connection.getTransaction(signature, { commitment: "confirmed", maxSupportedTransactionVersion: 0 });
    if (!tx?.meta) return [];
    const keys = tx.transaction.message.getAccountKeys({ accountKeysFromLookups: tx.meta.loadedAddresses });
    const events: EscrowEvent[] = [];
    for (const group of tx.meta.innerInstructions ?? []) {
      for (const ix of group.instructions) {
        if (!keys.get(ix.programIdIndex)?.equals(this.program.programId)) continue;
        const data = Buffer.from(utils.bytes.bs58.decode(ix.data));
        if (!data.subarray(0, 8).equals(EVENT_IX_TAG)) continue;
        const event = this.program.coder.events.decode(data.subarray(8).toString("base64"));
        if (event) events.push({ name: event.name, data: event.data, signature });
      }
    }
    return events;
  }

  // ---- after the result -----------------------------------------------------------------------

  private async vaultLength(mint: PublicKey): Promise<number> {
    const tokenProgram = await this.tokenProgramOf(mint);
    return getAccountLenForMint(await getMint(this.connection, mint, "confirmed", tokenProgram));
  }

  private async tokenProgramOf(mint: PublicKey): Promise<PublicKey> {
    const info = await this.connection.getAccountInfo(mint);
    if (!info) throw new Error(`mint ${mint.toBase58()} does not exist`);
    return info.owner;
  }

  /** The token accounts of a request's instructions (all `null` for SOL). */
  private async tokenAccounts(request: PublicKey, state: RequestAccount) {
    if (!state.mint) return { mint: null, vault: null, requesterToken: null, tokenProgram: null };
    const tokenProgram = await this.tokenProgramOf(state.mint);
    return {
      mint: state.mint,
      vault: this.vaultAddress(request),
      requesterToken: getAssociatedTokenAddressSync(state.mint, state.requester, true, tokenProgram),
      tokenProgram,
    };
  }

  /** Pays out a fulfilled single-oracle request after its challenge window (anyone; its oracle normally does). */
  async settle(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    if (state.policy.replicas > 1) return this.settleQuorum(request);
    const oracle = state.status.fulfilled?.oracle;
    if (!oracle) throw new Error(`request ${request.toBase58()} is ${statusOf(state)}, not fulfilled`);
    const tokens = await this.tokenAccounts(request, state);
    const ix = await this.program.methods.settleRequest().accountsPartial({
      request, model: state.model, oracle,
      mint: tokens.mint, vault: tokens.vault, tokenProgram: tokens.tokenProgram,
      feeVault: state.mint ? this.feeVaultAddress(state.model) : null,
      earnings: state.mint ? this.earningsAddress(state.model, oracle) : null,
    }).instruction();
    return this.send([ix]);
  }

  /** Closes an ended request you made: its rent comes back, and the price too when it was refunded. */
  async close(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    const ix = await this.program.methods.closeRequest()
      .accountsPartial({ requester: this.wallet.publicKey, request, ...(await this.tokenAccounts(request, state)) })
      .instruction();
    return this.send([ix]);
  }

  /** Takes back an open request nobody holds (you made it): price and rent. */
  async cancel(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    const ix = await this.program.methods.cancelRequest()
      .accountsPartial({ requester: this.wallet.publicKey, request, ...(await this.tokenAccounts(request, state)) })
      .instruction();
    return this.send([ix]);
  }

  /** Ends a request past its deadline (anyone); a claimer that did not answer is slashed. */
  async expire(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    const holder = state.status.claimed?.oracle ?? state.status.challenged?.oracle ?? null;
    const ix = await this.program.methods.expireRequest().accountsPartial({ request, oracle: holder }).instruction();
    return this.send([ix]);
  }

  /** Has the escrow call an ended request's callback (anyone; once). */
  async deliverCallback(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    if (!state.callback) throw new Error(`request ${request.toBase58()} names no callback`);
    const ix = await this.program.methods.deliverCallback()
      .accountsPartial({ request, callbackProgram: state.callback.program })
      .remainingAccounts(state.callback.accounts.map((a) => ({ pubkey: a.pubkey, isWritable: a.writable, isSigner: false })))
      .instruction();
    return this.send([ix]);
  }

  // ---- payees ---------------------------------------------------------------------------------

  /** Pays a model's royalty owed to its owner (SOL; anyone may send it). */
  async collectRoyalty(model: PublicKey): Promise<string> {
    const state = await this.fetchModel(model);
    const ix = await this.program.methods.collectRoyalty().accountsPartial({
      model, owner: state.owner, mint: null, feeVault: null, ownerToken: null, tokenProgram: null,
    }).instruction();
    return this.send([ix]);
  }

  /** Pays a model's protocol fees owed to the treasury (SOL; anyone may send it). */
  async collectProtocolFees(model: PublicKey): Promise<string> {
    const config = await this.fetchConfig();
    const ix = await this.program.methods.collectProtocolFees().accountsPartial({
      model, treasury: config.treasury, mint: null, feeVault: null, treasuryToken: null, tokenProgram: null,
    }).instruction();
    return this.send([ix]);
  }

  /** Pays an oracle's SOL fees owed to its authority (anyone may send it). */
  async collectOracleFees(authority: PublicKey): Promise<string> {
    const ix = await this.program.methods.collectOracleFees()
      .accountsPartial({ oracle: this.oracleAddress(authority), authority })
      .instruction();
    return this.send([ix]);
  }

  // ---- several oracles, disputes -------------------------------------------------------------

  private static writable(keys: PublicKey[]) {
    return keys.map((pubkey) => ({ pubkey, isWritable: true, isSigner: false }));
  }

  private static bondedOracles(seats: RequestAccount["seats"]): PublicKey[] {
    return seats.filter((seat) => !seat.bond.isZero()).map((seat) => seat.oracle);
  }

  /** Ends a quorum request's round (anyone): consensus, or a refund with the silent seats slashed. */
  async finalizeQuorum(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    const ix = await this.program.methods.finalizeQuorum().accountsPartial({ request, model: state.model })
      .remainingAccounts(InferenceEscrowClient.writable(InferenceEscrowClient.bondedOracles(state.seats)))
      .instruction();
    return this.send([ix]);
  }

  /** Pays out a fulfilled quorum request after its challenge window (anyone; SOL models). */
  async settleQuorum(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    if (state.mint) throw new Error("settleQuorum: SPL quorum requests are settled by their oracles");
    const ix = await this.program.methods.settleQuorum()
      .accountsPartial({ request, model: state.model, mint: null, vault: null, feeVault: null, tokenProgram: null })
      .remainingAccounts(InferenceEscrowClient.writable(InferenceEscrowClient.bondedOracles(state.seats)))
      .instruction();
    return this.send([ix]);
  }

  /** Challenges a fulfilled result within its window (the requester or the named challenger), posting the config's challenge bond. */
  async challenge(request: PublicKey): Promise<string> {
    const ix = await this.program.methods.challengeRequest()
      .accountsPartial({ challenger: this.wallet.publicKey, request, dispute: this.disputeAddress(request) })
      .instruction();
    return this.send([ix]);
  }

  /** Decides a dispute once its re-execution round has ended (anyone). */
  async finalizeDispute(request: PublicKey): Promise<string> {
    const state = await this.fetchRequest(request);
    const dispute = await this.program.account.dispute.fetch(this.disputeAddress(request));
    const challenged = state.policy.replicas > 1
      ? InferenceEscrowClient.bondedOracles(state.seats)
      : [state.status.challenged?.oracle].filter((k): k is PublicKey => !!k);
    const ix = await this.program.methods.finalizeDispute()
      .accountsPartial({ request, dispute: this.disputeAddress(request), model: state.model })
      .remainingAccounts(InferenceEscrowClient.writable([...InferenceEscrowClient.bondedOracles(dispute.seats as never), ...challenged]))
      .instruction();
    return this.send([ix]);
  }

  /** Closes a decided dispute (anyone): its rent and any bond left go to the challenger. */
  async closeDispute(request: PublicKey): Promise<string> {
    const dispute = await this.program.account.dispute.fetch(this.disputeAddress(request));
    const ix = await this.program.methods.closeDispute()
      .accountsPartial({ challenger: dispute.challenger, dispute: this.disputeAddress(request) })
      .instruction();
    return this.send([ix]);
  }

  // ---- sending --------------------------------------------------------------------------------

  /** Sends instructions paid by the wallet, with the SDK's confirmation (see `sendAndConfirm`). */
  send(instructions: TransactionInstruction[], signers: Signer[] = []): Promise<string> {
    return sendAndConfirm(this.connection, this.wallet, instructions, signers, this.options);
  }
}
