// The consumer example from TypeScript: a lending vault pays for a risk score by CPI into
// inference_escrow, an oracle fulfils it, the vault flags or clears the position, and once the
// request is settled the vault's authority closes it by CPI, its rent returning to the wallet.
import { BN, Program } from "@anchor-lang/core";
import { Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import { expect } from "chai";
import consumerIdl from "../../target/idl/risk_consumer.json";
import type { RiskConsumer } from "../../target/types/risk_consumer";
import {
  admin, balance, CHALLENGE_WINDOW, PRICE, claim, configPda, connection, ensureConfig, expectError, f32, fulfill, funded, program as escrow,
  provider, registerModel, registerOracle, rentOf, requestPda, sleepSlots, TestOracle, websocketReady,
} from "./helpers";

const consumer = new Program<RiskConsumer>(consumerIdl as RiskConsumer, provider);
const seed = (...parts: (Buffer | Uint8Array)[]) => PublicKey.findProgramAddressSync(parts, consumer.programId)[0];

describe("risk_consumer (CPI into inference_escrow)", () => {
  let owner: Keypair;
  let authority: Keypair;
  let borrower: Keypair;
  let oracle: TestOracle;
  let model: PublicKey;
  let vault: PublicKey;
  let wallet: PublicKey;
  let position: PublicKey;

  before(async () => {
    await websocketReady();
    if (!(await escrow.account.config.fetchNullable(configPda()))) await ensureConfig((await funded(1)).publicKey);
    owner = await funded();
    authority = await funded();
    borrower = await funded();
    oracle = await registerOracle();
    model = await registerModel(owner);
    vault = seed(Buffer.from("vault"), authority.publicKey.toBuffer());
    wallet = seed(Buffer.from("wallet"), vault.toBuffer());
    position = seed(Buffer.from("position"), vault.toBuffer(), borrower.publicKey.toBuffer());
  });

  it("init_vault, fund its wallet, open_position", async () => {
    await consumer.methods.initVault(0.5, new BN(PRICE), authority.publicKey, 1).accountsPartial({ authority: authority.publicKey, model }).signers([authority]).rpc();
    await provider.sendAndConfirm(
      new Transaction().add(SystemProgram.transfer({ fromPubkey: admin.publicKey, toPubkey: wallet, lamports: LAMPORTS_PER_SOL })),
      [admin],
    );
    await consumer.methods.openPosition([0.9, 0.2, 1.4, 0.8]).accountsPartial({ borrower: borrower.publicKey, vault }).signers([borrower]).rpc();
    const state = await consumer.account.position.fetch(position);
    expect(state.status.unscored).to.not.equal(undefined);
  });

  it("request_score creates an inference request by CPI, paid by the vault's wallet", async () => {
    await consumer.methods.requestScore({ ttlSlots: new BN(1_000) }).accountsPartial({ vault, position, model }).rpc();
    const request = requestPda(wallet, 0);
    const state = await escrow.account.request.fetch(request);
    expect(state.requester.toBase58()).to.equal(wallet.toBase58());
    expect(state.callback?.program.toBase58()).to.equal(consumer.programId.toBase58());
    expect(state.callback?.accounts.map((a) => [a.pubkey.toBase58(), a.writable])).to.deep.equal([
      [vault.toBase58(), false], [wallet.toBase58(), false], [position.toBase58(), true],
      [PublicKey.findProgramAddressSync([Buffer.from("__event_authority")], consumer.programId)[0].toBase58(), false],
      [consumer.programId.toBase58(), false],
    ]);
    const pending = (await consumer.account.position.fetch(position)).status.pending;
    expect(pending?.request.toBase58()).to.equal(request.toBase58());
  });

  it("error: ScoreNotReady while the request is only claimed", async () => {
    const request = requestPda(wallet, 0);
    await claim(oracle, request);
    await expectErrorIn(consumer.methods.applyScore().accountsPartial({ vault, position, request }).rpc(), "ScoreNotReady");
  });

  it("apply_score flags the position by the oracle's score", async () => {
    const request = requestPda(wallet, 0);
    await fulfill(oracle, request, f32([0.875]));
    await consumer.methods.applyScore().accountsPartial({ vault, position, request }).rpc();
    const flagged = (await consumer.account.position.fetch(position)).status.flagged;
    expect(flagged?.score).to.equal(0.875);
  });

  it("error: PositionNotPending once the score is applied", async () => {
    const request = requestPda(wallet, 0);
    await expectErrorIn(consumer.methods.applyScore().accountsPartial({ vault, position, request }).rpc(), "PositionNotPending");
  });

  const reclaim = (request: PublicKey) =>
    consumer.methods.reclaimRequest().accountsPartial({ authority: authority.publicKey, vault, request }).signers([authority]).rpc();

  it("error: RequestNotTerminal (by CPI) while the request can still be challenged", async () => {
    await expectErrorIn(reclaim(requestPda(wallet, 0)), "RequestNotTerminal");
  });

  it("reclaim_request closes the settled request by CPI once its callback ran (error: CallbackPending before); its rent returns to the wallet", async () => {
    const request = requestPda(wallet, 0);
    await sleepSlots(CHALLENGE_WINDOW + 1);
    await escrow.methods.settleRequest()
      .accountsPartial({ request, model, oracle: oracle.oracle, mint: null, vault: null, feeVault: null, earnings: null, tokenProgram: null })
      .rpc();
    await expectErrorIn(reclaim(request), "CallbackPending");
    // Anyone delivers the callback (on_score: the score was applied already, so it changes nothing).
    const { callback } = await escrow.account.request.fetch(request);
    await escrow.methods.deliverCallback()
      .accountsPartial({ request, callbackProgram: callback!.program })
      .remainingAccounts(callback!.accounts.map((a) => ({ pubkey: a.pubkey, isWritable: a.writable, isSigner: false })))
      .rpc();
    expect((await escrow.account.request.fetch(request)).callbackDelivered).to.equal(true);
    const [before, rent] = [await balance(wallet), await rentOf(request)];
    expect(await balance(request)).to.equal(rent);
    await reclaim(request);
    expect(await connection.getAccountInfo(request)).to.equal(null);
    expect(await balance(wallet)).to.equal(before + rent);
  });
});

/// Like `expectError`, but names come from the consumer's IDL first, then the escrow's.
async function expectErrorIn(promise: Promise<unknown>, name: string) {
  const code = (consumerIdl as any).errors.find((e: any) => e.name === name)?.code;
  if (code === undefined) return expectError(promise, name);
  let failed = false;
  try {
    await promise;
  } catch (err) {
    failed = true;
    const text = `${err} ${JSON.stringify((err as any)?.logs ?? [])}`;
    const found = /custom program error: (0x[0-9a-fA-F]+)/.exec(text);
    const number = (err as any)?.error?.errorCode?.number ?? (found ? parseInt(found[1], 16) : undefined);
    expect(number, `expected ${name}, got ${text.slice(0, 300)}`).to.equal(code);
  }
  expect(failed, `expected ${name}, but the transaction succeeded`).to.equal(true);
}
