// deliverCallback through the SDK with the example consumer (risk_consumer, built into the
// localnet): a vault's request on a model nobody serves expires, the SDK delivers its callback,
// and the consumer releases the position; a consumer's own refusal is reported as that program's.
import { BN, Program } from "@anchor-lang/core";
import { PublicKey, SystemProgram } from "@solana/web3.js";
import { expect } from "chai";
import { InferenceEscrowError, statusOf, TransactionFailedError } from "@inference-escrow/sdk";
import consumerIdl from "../../../target/idl/risk_consumer.json";
import type { RiskConsumer } from "../../../target/types/risk_consumer";
import { client, connection, payer, sleep, UNSERVED } from "./env";

const consumer = new Program<RiskConsumer>(consumerIdl as RiskConsumer, client.program.provider);
const find = (...seeds: Buffer[]) => PublicKey.findProgramAddressSync(seeds, consumer.programId)[0];

async function expireWhenDue(request: PublicKey) {
  const deadline = (await client.fetchRequest(request)).deadlineSlot.toNumber();
  while ((await connection.getSlot("confirmed")) <= deadline) await sleep(200);
  await client.expire(request);
}

describe("deliverCallback (with risk_consumer)", () => {
  it("delivers an ended request's callback once; the consumer's own refusal is reported as its own", async () => {
    const vault = find(Buffer.from("vault"), payer.publicKey.toBuffer());
    const wallet = find(Buffer.from("wallet"), vault.toBuffer());
    const position = find(Buffer.from("position"), vault.toBuffer(), payer.publicKey.toBuffer());
    const price = (await client.fetchModel(UNSERVED)).price;
    await consumer.methods.initVault(0.5, price, payer.publicKey, 1)
      .accountsPartial({ authority: payer.publicKey, model: UNSERVED }).rpc();
    await client.send([SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: wallet, lamports: 100_000_000 })]);
    await consumer.methods.openPosition([0.1, 0.2, 0.3, 0.4]).accountsPartial({ borrower: payer.publicKey, vault }).rpc();
    const minTtl = (await client.fetchConfig()).minRequestTtlSlots;
    await consumer.methods.requestScore({ ttlSlots: minTtl }).accountsPartial({ vault, position, model: UNSERVED }).rpc();
    const request = client.requestAddress(wallet, new BN(0));
    expect((await consumer.account.position.fetch(position)).status.pending?.request.equals(request)).to.equal(true);

    await expireWhenDue(request);
    const signature = await client.deliverCallback(request);
    expect((await client.events(signature)).map((e) => e.name)).to.include("callbackDelivered");
    expect((await consumer.account.position.fetch(position)).status.unscored).to.not.equal(undefined);
    const again = await client.deliverCallback(request).catch((err) => err);
    expect(again).to.be.instanceOf(InferenceEscrowError);
    expect((again as InferenceEscrowError).errorName).to.equal("CallbackDelivered");

    // A stranger's request (this wallet's, not the vault's) naming the vault's callback: the
    // consumer refuses it (its ForeignRequest, 7007), and the SDK does not pass that code off as
    // an escrow error.
    const { callback } = await client.fetchRequest(request);
    await consumer.methods.requestScore({ ttlSlots: minTtl }).accountsPartial({ vault, position, model: UNSERVED }).rpc();
    const stranger = await client.requestInference({ model: UNSERVED, input: [1, 1, 1, 1], ttlSlots: minTtl.toNumber(), callback: callback! });
    await expireWhenDue(stranger.request);
    const refused = await client.deliverCallback(stranger.request).catch((err) => err);
    expect(refused).to.be.instanceOf(TransactionFailedError);
    expect(String(refused)).to.contain(`program ${consumer.programId.toBase58()} failed with custom error 7007`);
    expect(statusOf(await client.fetchRequest(stranger.request))).to.equal("expired");
    expect((await consumer.account.position.fetch(position)).status.pending).to.not.equal(undefined);
  });
});
