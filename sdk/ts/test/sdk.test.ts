// The SDK against a localnet with a real oracle: every call a dApp makes, its errors by name,
// and the confirmation strategy around blockhash expiry.
import { utils } from "@anchor-lang/core";
import { getAccount, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, SystemProgram, Transaction } from "@solana/web3.js";
import { expect } from "chai";
import { createHash } from "crypto";
import {
  confirmSignature, decodeOutput, encodeInput, IDL, InferenceEscrowError, ResultTimeoutError,
  statusOf, TransactionExpiredError,
} from "@inference-escrow/sdk";
import { client, connection, FEE, MODEL, ORACLE_AUTHORITY, payer, QUORUM_MODEL, riskV1, sleep, SPL_MODEL, UNSERVED } from "./env";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest();

async function rejects(promise: Promise<unknown>, message: RegExp): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expect(String(err)).to.match(message);
    return;
  }
  throw new Error(`expected a rejection matching ${message}`);
}

async function expectRefusal(promise: Promise<unknown>, name: string): Promise<InferenceEscrowError> {
  try {
    await promise;
  } catch (err) {
    expect(err, String(err)).to.be.instanceOf(InferenceEscrowError);
    expect((err as InferenceEscrowError).errorName).to.equal(name);
    return err as InferenceEscrowError;
  }
  throw new Error(`expected ${name}, but it succeeded`);
}

describe("@inference-escrow/sdk", () => {
  it("requestInference locks the price and the rent it shows; awaitResult returns the oracle's decoded result and event; settle, close, collect", async () => {
    const features = [0.9, 0.2, 1.4, 0.8];
    const quote = await client.quote(MODEL, features);
    const before = await connection.getBalance(payer.publicKey);
    const { request, cost, signature } = await client.requestInference({ model: MODEL, input: features });
    expect(cost.rentLamports).to.equal(quote.rentLamports);
    const account = await connection.getAccountInfo(request);
    expect(account!.data.length, "the space the SDK computed is what the program allocated").to.equal(cost.space);
    expect(account!.lamports).to.equal(cost.rentLamports + cost.price.toNumber());
    expect(await connection.getBalance(payer.publicKey)).to.equal(before - cost.lamports.toNumber() - FEE);
    expect((await client.events(signature)).map((e) => e.name)).to.deep.equal(["requestCreated"]);

    const result = await client.awaitResult(request, { timeoutMs: 60_000 });
    expect(["fulfilled", "settled"]).to.include(result.status);
    expect(result.tensor!.dtype).to.equal("f32");
    expect(result.tensor!.shape).to.deep.equal([1, 1]);
    expect(Math.abs((result.tensor!.data[0] as number) - riskV1(features))).to.be.below(1e-6);
    expect(sha256(result.output!).equals(result.outputHash)).to.equal(true);
    expect(result.event!.name).to.equal("requestFulfilled");
    expect(Buffer.from(result.event!.data.outputHash).equals(result.outputHash)).to.equal(true);

    // Anyone may settle once the challenge window closes; the oracle does too, so this races it:
    // either this settlement lands or the program says the oracle's did first.
    const window = (await client.fetchRequest(request)).challengeWindowSlots.toNumber();
    const fulfilledAt = result.state.status.fulfilled?.slot.toNumber() ?? 0;
    while ((await connection.getSlot("confirmed")) <= fulfilledAt + window) await sleep(100);
    await client.settle(request).catch((err) => {
      // The program's refusal once the oracle's settlement landed, or the SDK's before sending.
      expect(String(err)).to.match(/RequestAlreadySettled|RequestNotFulfilled|is settled, not fulfilled/);
    });
    const settled = await client.awaitResult(request, { until: "settled", timeoutMs: 60_000 });
    expect(settled.status).to.equal("settled");
    const model = await client.fetchModel(MODEL);
    expect(model.royaltyOwed.toNumber()).to.be.greaterThan(0);

    const beforeClose = await connection.getBalance(payer.publicKey);
    await client.close(request);
    expect(await connection.getBalance(payer.publicKey)).to.equal(beforeClose + cost.rentLamports - FEE);
    await rejects(client.close(request), /does not exist/);

    // The model's owner (this wallet) collects the royalty; anyone may pay the oracle its fees.
    const owed = model.royaltyOwed.toNumber();
    const beforeRoyalty = await connection.getBalance(payer.publicKey);
    await client.collectRoyalty(MODEL);
    expect(await connection.getBalance(payer.publicKey)).to.equal(beforeRoyalty + owed - FEE);
    const oracle = await client.program.account.oracle.fetch(client.oracleAddress(ORACLE_AUTHORITY));
    const beforeFees = await connection.getBalance(ORACLE_AUTHORITY);
    await client.collectOracleFees(ORACLE_AUTHORITY);
    expect(await connection.getBalance(ORACLE_AUTHORITY)).to.equal(beforeFees + oracle.feesOwed.toNumber());
    await expectRefusal(client.collectRoyalty(MODEL), "NothingOwed");
  });

  it("awaitResult gives up with the status it last saw; cancel refunds an open request", async () => {
    const { request, cost } = await client.requestInference({ model: UNSERVED, input: [1, 2, 3, 4], ttlSlots: 2_000 });
    const started = Date.now();
    try {
      await client.awaitResult(request, { timeoutMs: 1_500 });
      throw new Error("expected a timeout");
    } catch (err) {
      expect(err).to.be.instanceOf(ResultTimeoutError);
      expect((err as ResultTimeoutError).lastStatus).to.equal("open");
    }
    expect(Date.now() - started).to.be.within(1_400, 10_000);
    const before = await connection.getBalance(payer.publicKey);
    await client.cancel(request);
    expect(await connection.getBalance(payer.publicKey)).to.equal(before + cost.lamports.toNumber() - FEE);
  });

  it("errors come back with the program's names and messages, at simulation and from landed transactions", async () => {
    const price = (await client.fetchModel(UNSERVED)).price;
    const refused = await expectRefusal(
      client.requestInference({ model: UNSERVED, input: [1, 2, 3, 4], maxPrice: price.subn(1) }),
      "PriceAboveMax",
    );
    expect(refused.code).to.equal(IDL.errors!.find((e) => e.name === "PriceAboveMax")!.code);
    expect(refused.programMessage).to.match(/price/i);
    expect(refused.landed).to.equal(false);
    expect(() => encodeInput([1, 2, 3], { dtype: { f32: {} }, shape: [1, 4] })).to.throw(/do not fill/);

    const { request } = await client.requestInference({ model: UNSERVED, input: [1, 2, 3, 4] });
    await expectRefusal(client.close(request), "RequestNotTerminal");
    await expectRefusal(client.expire(request), "DeadlineNotReached");
    await rejects(client.deliverCallback(request), /names no callback/);

    // Sent without simulation, the refusal lands (the fee is paid) and is still named.
    const ix = await client.program.methods.closeRequest()
      .accountsPartial({ requester: payer.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null })
      .instruction();
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
    const tx = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight }).add(ix);
    tx.sign(payer);
    const signature = await connection.sendRawTransaction(tx.serialize(), { skipPreflight: true });
    const landed = await expectRefusal(confirmSignature(connection, signature, lastValidBlockHeight), "RequestNotTerminal");
    expect(landed.landed).to.equal(true);
    expect(landed.signature).to.equal(signature);
    expect(landed.logs.join("\n")).to.match(/AnchorError/);
    await client.cancel(request);
  });

  it("a transaction that landed is reported landed even after its blockhash expired; one that never landed, as expired", async () => {
    const transfer = async () => {
      const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
      const tx = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight })
        .add(SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: Keypair.generate().publicKey, lamports: 1_000_000 }));
      tx.sign(payer);
      return { tx, lastValidBlockHeight };
    };
    const sent = await transfer();
    const signature = await connection.sendRawTransaction(sent.tx.serialize());
    const never = await transfer();
    // Wait until both blockhashes have expired, as a client that lost its connection would.
    while ((await connection.getBlockHeight("confirmed")) <= Math.max(sent.lastValidBlockHeight, never.lastValidBlockHeight)) {
      await sleep(500);
    }
    expect(await confirmSignature(connection, signature, sent.lastValidBlockHeight)).to.equal(signature);
    try {
      await confirmSignature(connection, utils.bytes.bs58.encode(never.tx.signature!), never.lastValidBlockHeight);
      throw new Error("expected TransactionExpiredError");
    } catch (err) {
      expect(err).to.be.instanceOf(TransactionExpiredError);
    }
  });

  it("SPL requests: the price goes to the request's vault, the rent shown includes the vault's; cancel returns both", async () => {
    const model = await client.fetchModel(SPL_MODEL);
    const tokenProgram = (await connection.getAccountInfo(model.mint!))!.owner;
    const mine = getAssociatedTokenAddressSync(model.mint!, payer.publicKey, false, tokenProgram);
    const tokensBefore = (await getAccount(connection, mine, "confirmed", tokenProgram)).amount;
    const before = await connection.getBalance(payer.publicKey);
    const { request, cost } = await client.requestInference({ model: SPL_MODEL, input: [0.1, 0.2, 0.3, 0.4] });
    expect(cost.mint!.equals(model.mint!)).to.equal(true);
    expect(cost.lamports.toNumber(), "an SPL request costs lamports of rent only").to.equal(cost.rentLamports);
    const vault = await getAccount(connection, client.vaultAddress(request), "confirmed", tokenProgram);
    expect(vault.amount).to.equal(BigInt(model.price.toString()));
    expect(await connection.getBalance(payer.publicKey)).to.equal(before - cost.rentLamports - FEE);
    await client.cancel(request);
    expect((await getAccount(connection, mine, "confirmed", tokenProgram)).amount).to.equal(tokensBefore);
  });

  it("quorum and dispute helpers send what the program expects, and say why when it is too early", async () => {
    const { request } = await client.requestInference({ model: QUORUM_MODEL, input: [1, 1, 1, 1], ttlSlots: 2_000 });
    const state = await client.fetchRequest(request);
    expect(state.policy.replicas).to.equal(3);
    await expectRefusal(client.finalizeQuorum(request), "RoundStillOpen");
    await expectRefusal(client.settleQuorum(request), "RequestNotFulfilled");
    await client.cancel(request);

    // A challenged result: the requester posts the bond; re-execution needs other oracles, so
    // the round ends without a quorum and the arbiter (this wallet is the config's admin) decides.
    const created = await client.requestInference({ model: MODEL, input: [0.5, 0.5, 0.5, 0.5] });
    const result = await client.awaitResult(created.request, { timeoutMs: 60_000 });
    expect(result.status).to.equal("fulfilled");
    const config = await client.fetchConfig();
    await client.challenge(created.request);
    expect(statusOf(await client.fetchRequest(created.request))).to.equal("challenged");
    const dispute = await client.program.account.dispute.fetch(client.disputeAddress(created.request));
    expect(dispute.bond.toString()).to.equal(config.challengeBond.toString());
    await expectRefusal(client.finalizeDispute(created.request), "RoundStillOpen");
    await expectRefusal(client.closeDispute(created.request), "DisputeNotDecided");

    // Nobody takes a seat (the only oracle produced the result): once the commit window (60
    // slots) passes, finalizeDispute hands it to the arbiter, who finds the result right; the
    // request settles and closeDispute returns the dispute's rent.
    while ((await connection.getSlot("confirmed")) <= dispute.commitDeadlineSlot.toNumber()) await sleep(200);
    // The oracle that produced the result finalizes its disputes too: whoever is first, the
    // round ends without a quorum and the other is told the arbiter has the request now.
    await client.finalizeDispute(created.request).then(
      async (decided) => expect((await client.events(decided)).map((e) => e.name)).to.include("disputeDecided"),
      (err) => expect((err as InferenceEscrowError).errorName).to.equal("ArbitrationPending"),
    );
    const undecided = await client.program.account.dispute.fetch(client.disputeAddress(created.request));
    expect(undecided.status.noQuorum).to.not.equal(undefined);
    const holder = (await client.fetchRequest(created.request)).status.challenged!.oracle;
    const resolve = await client.program.methods.resolveChallenge(false).accountsPartial({
      admin: payer.publicKey, request: created.request, dispute: client.disputeAddress(created.request),
      model: MODEL, oracle: holder, mint: null, vault: null, feeVault: null, earnings: null, tokenProgram: null,
    }).instruction();
    await client.send([resolve]);
    expect(statusOf(await client.fetchRequest(created.request))).to.equal("settled");
    await client.closeDispute(created.request);
    expect(await connection.getAccountInfo(client.disputeAddress(created.request))).to.equal(null);
    await client.close(created.request);
  });

  it("decodeOutput reads every dtype by the schema, resolving dynamic dimensions", () => {
    const f32 = Buffer.alloc(8);
    f32.writeFloatLE(1.5, 0);
    f32.writeFloatLE(-2, 4);
    expect(decodeOutput(f32, { dtype: { f32: {} }, shape: [-1, 2] })).to.deep.equal({ dtype: "f32", shape: [1, 2], data: [1.5, -2] });
    const i64 = Buffer.alloc(16);
    i64.writeBigInt64LE(-5n, 0);
    i64.writeBigInt64LE(7n, 8);
    expect(decodeOutput(i64, { dtype: { i64: {} }, shape: [2] }).data).to.deep.equal([-5n, 7n]);
    expect(decodeOutput(Buffer.from([0x00, 0x3c]), { dtype: { f16: {} }, shape: [1] }).data).to.deep.equal([1]);
    expect(decodeOutput(Buffer.from([1, 0]), { dtype: { bool: {} }, shape: [2] }).data).to.deep.equal([true, false]);
    expect(() => decodeOutput(Buffer.alloc(6), { dtype: { f32: {} }, shape: [2] })).to.throw(/not a whole tensor/);
  });
});
