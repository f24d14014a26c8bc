// Results verified by several oracles, from TypeScript: a 3-seat quorum request with one
// dishonest seat (outvoted and slashed to the honest two), and a dispute decided by
// re-execution without the admin.
import { BN } from "@anchor-lang/core";
import { Keypair } from "@solana/web3.js";
import { expect } from "chai";
import {
  CHALLENGE_WINDOW, challengeRequest, claim, claimBond, claimSeat, closeDispute, commitSeat, configPda, createRequest,
  disputePda, ensureConfig, eventsOf, expectError, f32, finalizeDispute, finalizeQuorum, fulfill, funded, PRICE, program,
  PROTOCOL_FEE_BPS, registerModel, registerOracle, revealSeat, ROYALTY_BPS, settleQuorum, sleepSlots, TestOracle,
  websocketReady, balance,
} from "./helpers";

const num = (value: BN | number) => (typeof value === "number" ? value : value.toNumber());
const BOND = claimBond(PRICE);
const oracleShare = PRICE - Math.floor((PRICE * PROTOCOL_FEE_BPS) / 10_000) - Math.floor((PRICE * ROYALTY_BPS) / 10_000);
const salt = (i: number) => Buffer.alloc(32, i + 1);
/// The bit pattern of `x` as an f32 (how tolerances are stored).
const f32Bits = (x: number) => Buffer.from(new Float32Array([x]).buffer).readUInt32LE(0);

describe("quorum requests and disputes", () => {
  let requester: Keypair;
  let owner: Keypair;
  let oracles: TestOracle[];
  let nonce = Date.now();

  before(async () => {
    await websocketReady();
    if (!(await program.account.config.fetchNullable(configPda()))) await ensureConfig((await funded(1)).publicKey);
    requester = await funded(20);
    owner = await funded();
    oracles = [];
    for (let i = 0; i < 6; i++) oracles.push(await registerOracle());
  });

  const stateOf = (o: TestOracle) => program.account.oracle.fetch(o.oracle);

  it("a 3-seat request settles at the honest majority's output; the dishonest seat is slashed to it", async () => {
    const model = await registerModel(owner, null, {
      policy: { replicas: 3, quorum: 2, compare: { tolerance: { absBits: f32Bits(1e-3), relBits: 0 } } },
    } as any);
    const request = await createRequest(requester, model, ++nonce);
    await expectError(claim(oracles[0], request), "QuorumRequest");
    const outputs = [f32([0.5]), f32([0.5004]), f32([0.9])];
    const before = await Promise.all(oracles.slice(0, 3).map(stateOf));
    for (let i = 0; i < 3; i++) await claimSeat(oracles[i], request);
    for (let i = 0; i < 3; i++) await commitSeat(oracles[i], request, outputs[i], salt(i));
    await expectError(revealSeat(oracles[0], request, outputs[1], salt(0)), "RevealMismatch");
    for (let i = 0; i < 3; i++) await revealSeat(oracles[i], request, outputs[i], salt(i));
    const signature = await finalizeQuorum(request);
    const state = await program.account.request.fetch(request);
    expect(state.status.fulfilled).to.not.equal(undefined);
    expect(state.agreed).to.equal(0b011);
    // The agreeing output closest to the median (0.5004) is the result.
    expect(Buffer.from((state.output as any).inline[0])).to.deep.equal(outputs[1]);
    expect((await eventsOf(signature)).map((e) => e.name)).to.deep.equal(["RoundFinalized"]);
    await sleepSlots(CHALLENGE_WINDOW + 1);
    await settleQuorum(request);
    const after = await Promise.all(oracles.slice(0, 3).map(stateOf));
    const each = Math.floor(oracleShare / 2);
    const bondEach = Math.floor(BOND / 2);
    expect(num(after[0].feesOwed) - num(before[0].feesOwed)).to.equal(oracleShare - each + (BOND - bondEach));
    expect(num(after[1].feesOwed) - num(before[1].feesOwed)).to.equal(each + bondEach);
    expect(num(after[2].stake)).to.equal(num(before[2].stake) - BOND);
    for (const o of after) expect(num(o.bonded)).to.equal(0);
  });

  it("a dispute is decided by re-execution, without the admin: the wrong oracle is slashed, the requester refunded", async () => {
    const model = await registerModel(owner);
    const request = await createRequest(requester, model, ++nonce);
    await claim(oracles[0], request);
    await fulfill(oracles[0], request, f32([0.75]));
    await challengeRequest(requester, request);
    const dispute = disputePda(request);
    await expectError(claimSeat(oracles[0], request, dispute), "ChallengedOracle");
    const reexecutors = oracles.slice(3, 6);
    const truth = f32([0.5]);
    for (const o of reexecutors) await claimSeat(o, request, dispute);
    for (const [i, o] of reexecutors.entries()) await commitSeat(o, request, truth, salt(i), dispute);
    for (const [i, o] of reexecutors.entries()) await revealSeat(o, request, truth, salt(i), dispute);
    const wrongBefore = await stateOf(oracles[0]);
    const signature = await finalizeDispute(request);
    const names = (await eventsOf(signature)).map((e) => e.name);
    expect(names).to.include.members(["RoundFinalized", "DisputeDecided", "RequestRefunded"]);
    const state = await program.account.request.fetch(request);
    expect(state.status.refunded).to.not.equal(undefined);
    expect(num((await stateOf(oracles[0])).stake)).to.equal(num(wrongBefore.stake) - BOND);
    const decided = await program.account.dispute.fetch(dispute);
    expect(decided.status.upheld).to.not.equal(undefined);
    const [wallet, held] = [await balance(requester.publicKey), await balance(dispute)];
    await closeDispute(request);
    expect(await balance(requester.publicKey)).to.equal(wallet + held);
  });
});
