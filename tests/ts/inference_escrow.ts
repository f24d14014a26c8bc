// The Anchor suite of inference_escrow: one describe per instruction, a happy path and the
// error paths, each failure checked by its error name from the IDL. Balances are checked to the
// lamport: the provider wallet pays every transaction fee, so the parties' wallets move only by
// what the program pays them.
import { BN } from "@anchor-lang/core";
import {
  createInitializeMintInstruction, createInitializeTransferFeeConfigInstruction, ExtensionType, getAccount,
  getAssociatedTokenAddressSync, getMintLen, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import { Keypair, LAMPORTS_PER_SOL, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import { expect } from "chai";
import {
  admin, ARBITRATION_TIMEOUT, balance, byUri, CHALLENGE_BOND, CHALLENGE_WINDOW, challengeRequest, claim, claimBond, claimCall, CLAIM_BOND_BPS, configPda, connection,
  closeDispute, createRequest, DISPUTE_REPLICAS, disputePda, disputeWithoutQuorum, finalizeDispute, NO_PRICE_CAP, earningsPda, ed25519, ensureConfig, eventOf, eventsOf, EXECUTION_ID, expectError, f32, failSigned, feeVaultPda,
  fulfill, funded, inline, MAX_OUTPUT_LEN, MAX_REQUEST_TTL, MIN_CLAIM_BOND, MIN_FULFIL, MIN_REQUEST_TTL, mintFor, modelArgs,
  modelPda, nextModelId, noChanges, ONNX_SHA256, PRICE, program, PROTOCOL_FEE_BPS, provider, registerModel,
  registerModelAccounts, registerOracle, rentOf, requestPda, ROYALTY_BPS, sha256, SHORT_TTL, sleepSlots,
  sleepUntilSlot, TestOracle, tokenAccount, UNBONDING, vaultPda, websocketReady,
} from "./helpers";

const split = (price: number) => {
  const protocol = Math.floor((price * PROTOCOL_FEE_BPS) / 10_000);
  const royalty = Math.floor((price * ROYALTY_BPS) / 10_000);
  return { protocol, royalty, oracle: price - protocol - royalty };
};
const BOND = claimBond(PRICE);
const num = (value: BN | number) => (typeof value === "number" ? value : value.toNumber());

describe("inference_escrow", () => {
  // Payees must be rent-exempt system accounts: a wallet with no lamports cannot receive a fee
  // smaller than the rent-exempt minimum, so the treasury starts funded.
  let treasury: PublicKey;
  let owner: Keypair;
  let requester: Keypair;
  let model: PublicKey;
  let oracle: TestOracle;
  let nonce = Date.now();
  const next = () => ++nonce;

  before(async () => {
    await websocketReady();
    treasury = (await funded(1)).publicKey;
    await ensureConfig(treasury);
    owner = await funded();
    requester = await funded(20);
    model = await registerModel(owner);
    oracle = await registerOracle();
  });

  const oracleState = (o: TestOracle = oracle) => program.account.oracle.fetch(o.oracle);
  const requestState = (request: PublicKey) => program.account.request.fetch(request);
  const configState = () => program.account.config.fetch(configPda());
  const fulfilledRequest = async (by: TestOracle = oracle, on: PublicKey = model) => {
    const request = await createRequest(requester, on, next());
    await claim(by, request);
    await fulfill(by, request, f32([0.5]));
    return request;
  };
  const challenge = (request: PublicKey) => challengeRequest(requester, request);
  const settleAccounts = (request: PublicKey, on: PublicKey, by: TestOracle) => ({
    request, model: on, oracle: by.oracle, mint: null, vault: null, feeVault: null, earnings: null, tokenProgram: null,
  });
  const settle = (request: PublicKey, on: PublicKey = model, by: TestOracle = oracle) =>
    program.methods.settleRequest().accountsPartial(settleAccounts(request, on, by)).rpc();
  const resolveAccounts = (request: PublicKey) => ({
    admin: admin.publicKey, request, dispute: disputePda(request), model, oracle: oracle.oracle,
    mint: null, vault: null, feeVault: null, earnings: null, tokenProgram: null,
  });
  const expire = (request: PublicKey, holder: PublicKey | null = null) =>
    program.methods.expireRequest().accountsPartial({ request, oracle: holder }).rpc();
  const close = (request: PublicKey) =>
    program.methods.closeRequest().accountsPartial({ requester: requester.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([requester]).rpc();

  describe("initialize_config", () => {
    it("happy path: the config holds the parameters", async () => {
      const config = await configState();
      expect(config.version).to.equal(3);
      expect(config.admin.toBase58()).to.equal(admin.publicKey.toBase58());
      expect(config.treasury.toBase58()).to.equal(treasury.toBase58());
      expect(num(config.challengeWindowSlots)).to.equal(CHALLENGE_WINDOW);
      expect(num(config.minClaimBond)).to.equal(MIN_CLAIM_BOND);
      expect(config.claimBondBps).to.equal(CLAIM_BOND_BPS);
      expect(num(config.arbitrationTimeoutSlots)).to.equal(ARBITRATION_TIMEOUT);
      expect(num(config.minFulfilSlots)).to.equal(MIN_FULFIL);
      expect(num(config.minRequestTtlSlots)).to.equal(MIN_REQUEST_TTL);
      expect(num(config.maxRequestTtlSlots)).to.equal(MAX_REQUEST_TTL);
    });
  });

  describe("update_config", () => {
    it("happy path: a parameter changes, the others stay", async () => {
      const signature = await program.methods.updateConfig({ ...noChanges(), arbitrationTimeoutSlots: new BN(1_234) }).accounts({ admin: admin.publicKey }).rpc();
      const config = await configState();
      expect(num(config.arbitrationTimeoutSlots)).to.equal(1_234);
      expect(num(config.minFulfilSlots)).to.equal(MIN_FULFIL);
      expect((await eventOf(signature, "ConfigUpdated")).admin.toBase58()).to.equal(admin.publicKey.toBase58());
      await program.methods.updateConfig({ ...noChanges(), arbitrationTimeoutSlots: new BN(ARBITRATION_TIMEOUT) }).accounts({ admin: admin.publicKey }).rpc();
    });
    it("error: NotAdmin", async () => {
      const intruder = await funded(1);
      await expectError(program.methods.updateConfig({ ...noChanges(), protocolFeeBps: 9_000 }).accounts({ admin: intruder.publicKey }).signers([intruder]).rpc(), "NotAdmin");
    });
    it("error: InvalidBps (protocol fee, claim bond)", async () => {
      await expectError(program.methods.updateConfig({ ...noChanges(), protocolFeeBps: 10_001 }).accounts({ admin: admin.publicKey }).rpc(), "InvalidBps");
      await expectError(program.methods.updateConfig({ ...noChanges(), claimBondBps: 10_001 }).accounts({ admin: admin.publicKey }).rpc(), "InvalidBps");
    });
    it("error: ZeroSlotWindow, WindowOutOfRange, TtlBoundsInvalid, ClaimBondAboveMinStake, InlineLimitTooLarge", async () => {
      const update = (changes: Partial<ReturnType<typeof noChanges>>) =>
        program.methods.updateConfig({ ...noChanges(), ...changes } as any).accounts({ admin: admin.publicKey }).rpc();
      await expectError(update({ minFulfilSlots: new BN(0) } as any), "ZeroSlotWindow");
      await expectError(update({ arbitrationTimeoutSlots: new BN(0) } as any), "ZeroSlotWindow");
      await expectError(update({ claimTimeoutSlots: new BN(216_001) } as any), "WindowOutOfRange");
      await expectError(update({ challengeWindowSlots: new BN(1_512_001) } as any), "WindowOutOfRange");
      await expectError(update({ maxRequestTtlSlots: new BN(1_512_001) } as any), "WindowOutOfRange");
      await expectError(update({ minRequestTtlSlots: new BN(MIN_FULFIL) } as any), "TtlBoundsInvalid");
      await expectError(update({ minRequestTtlSlots: new BN(MAX_REQUEST_TTL + 1) } as any), "TtlBoundsInvalid");
      await expectError(update({ minClaimBond: new BN(LAMPORTS_PER_SOL + 1) } as any), "ClaimBondAboveMinStake");
      await expectError(update({ maxInputLen: 769 } as any), "InlineLimitTooLarge");
      await expectError(update({ maxOutputLen: 385 } as any), "InlineLimitTooLarge");
    });
  });

  describe("set_paused", () => {
    it("happy path: pause blocks requests and claims, unpause restores them", async () => {
      const request = await createRequest(requester, model, next());
      await program.methods.setPaused(true).accounts({ admin: admin.publicKey }).rpc();
      try {
        await expectError(createRequest(requester, model, next()), "ProtocolPaused");
        await expectError(claim(oracle, request), "ProtocolPaused");
      } finally {
        await program.methods.setPaused(false).accounts({ admin: admin.publicKey }).rpc();
      }
      await claim(oracle, request);
    });
    it("error: NotAdmin", async () => {
      const intruder = await funded(1);
      await expectError(program.methods.setPaused(true).accounts({ admin: intruder.publicKey }).signers([intruder]).rpc(), "NotAdmin");
    });
  });

  describe("register_model", () => {
    it("happy path: a SOL model, its output size from the static schema", async () => {
      const state = await program.account.model.fetch(model);
      expect(state.version).to.equal(3);
      expect(num(state.price)).to.equal(PRICE);
      expect(state.active).to.equal(true);
      expect(state.mint).to.equal(null);
      expect(state.maxOutputLen).to.equal(4);
      expect(num(state.royaltyOwed) + num(state.protocolFeeOwed) + num(state.oracleFeesOwed)).to.equal(0);
    });
    it("happy path: an SPL model (Token-2022 without extensions) gets its fee vault", async () => {
      const mint = await mintFor(requester.publicKey, 1, TOKEN_2022_PROGRAM_ID);
      const splModel = await registerModel(owner, mint);
      expect((await program.account.model.fetch(splModel)).mint?.toBase58()).to.equal(mint.toBase58());
      const feeVault = await getAccount(connection, feeVaultPda(splModel), undefined, TOKEN_2022_PROGRAM_ID);
      expect(feeVault.owner.toBase58()).to.equal(splModel.toBase58());
      expect(Number(feeVault.amount)).to.equal(0);
    });
    it("error: InvalidUri, ZeroPrice", async () => {
      const register = (args: any) => program.methods.registerModel(args).accountsPartial({ owner: owner.publicKey, mint: null, feeVault: null, tokenProgram: null }).signers([owner]).rpc();
      await expectError(register({ ...modelArgs(), uri: "" }), "InvalidUri");
      await expectError(register({ ...modelArgs(), price: new BN(0) }), "ZeroPrice");
    });
    it("error: InvalidOutputLimit (a static schema's size misstated, a dynamic schema's left out)", async () => {
      const register = (args: any) => program.methods.registerModel(args).accountsPartial({ owner: owner.publicKey, mint: null, feeVault: null, tokenProgram: null }).signers([owner]).rpc();
      await expectError(register({ ...modelArgs(), maxOutputLen: 8 }), "InvalidOutputLimit");
      await expectError(register({ ...modelArgs(), outputSchema: { dtype: { f32: {} }, shape: [-1] }, maxOutputLen: 0 }), "InvalidOutputLimit");
    });
    it("error: MintHasTransferFee (a hostile Token-2022 mint)", async () => {
      const mint = Keypair.generate();
      const space = getMintLen([ExtensionType.TransferFeeConfig]);
      await provider.sendAndConfirm(new Transaction().add(
        SystemProgram.createAccount({ fromPubkey: admin.publicKey, newAccountPubkey: mint.publicKey, space, lamports: await connection.getMinimumBalanceForRentExemption(space), programId: TOKEN_2022_PROGRAM_ID }),
        createInitializeTransferFeeConfigInstruction(mint.publicKey, admin.publicKey, admin.publicKey, 100, 1_000_000n, TOKEN_2022_PROGRAM_ID),
        createInitializeMintInstruction(mint.publicKey, 6, admin.publicKey, null, TOKEN_2022_PROGRAM_ID),
      ), [admin, mint]);
      const args = modelArgs();
      const accounts = await registerModelAccounts(owner.publicKey, args.modelId, mint.publicKey);
      await expectError(program.methods.registerModel(args).accountsPartial(accounts).signers([owner]).rpc(), "MintHasTransferFee");
    });
  });

  describe("update_model", () => {
    it("happy path", async () => {
      await program.methods.updateModel({ price: new BN(PRICE), uri: "file://models/risk_v1.onnx", active: true }).accounts({ owner: owner.publicKey, model }).signers([owner]).rpc();
    });
    it("error: NotModelOwner", async () => {
      const intruder = await funded(1);
      await expectError(program.methods.updateModel({ price: new BN(1), uri: null, active: null }).accounts({ owner: intruder.publicKey, model }).signers([intruder]).rpc(), "NotModelOwner");
    });
  });

  describe("register_oracle", () => {
    it("happy path: the stake is held by the oracle account", async () => {
      const fresh = await registerOracle();
      const state = await oracleState(fresh);
      expect(state.version).to.equal(3);
      expect(num(state.stake)).to.equal(2 * LAMPORTS_PER_SOL);
      expect(num(state.bonded)).to.equal(0);
      expect(num(state.feesOwed)).to.equal(0);
      expect(state.attestationKey.toBase58()).to.equal(fresh.attestation.publicKey.toBase58());
      expect(await balance(fresh.oracle)).to.equal((await rentOf(fresh.oracle)) + 2 * LAMPORTS_PER_SOL);
    });
    it("error: StakeTooLow", async () => {
      const authority = await funded(2);
      const attestation = Keypair.generate();
      await expectError(program.methods.registerOracle(new BN(1)).accounts({ authority: authority.publicKey, attestationKey: attestation.publicKey }).signers([authority, attestation]).rpc(), "StakeTooLow");
    });
  });

  describe("add_stake", () => {
    it("happy path", async () => {
      const before = num((await oracleState()).stake);
      await program.methods.addStake(new BN(1_000)).accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle }).signers([oracle.authority]).rpc();
      expect(num((await oracleState()).stake)).to.equal(before + 1_000);
    });
    it("error: ZeroAmount", async () => {
      await expectError(program.methods.addStake(new BN(0)).accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle }).signers([oracle.authority]).rpc(), "ZeroAmount");
    });
  });

  describe("create_request", () => {
    it("happy path: the price is escrowed in the request, with inline room for the output", async () => {
      const before = await balance(requester.publicKey);
      const request = await createRequest(requester, model, next());
      const state = await requestState(request);
      expect(state.version).to.equal(3);
      expect(num(state.escrow)).to.equal(PRICE);
      expect(num(state.bond)).to.equal(0);
      expect(state.outputCapacity).to.equal(4);
      expect(Buffer.from(state.inputHash).equals(sha256(f32([0.5, 1.5, -2, 3.25])))).to.equal(true);
      const rent = await rentOf(request);
      expect(await balance(request)).to.equal(rent + PRICE);
      expect(await balance(requester.publicKey)).to.equal(before - rent - PRICE);
    });
    it("error: InputSchemaMismatch, InvalidTtl (zero, below the minimum, above the maximum)", async () => {
      await expectError(createRequest(requester, model, next(), [1, 2, 3]), "InputSchemaMismatch");
      await expectError(createRequest(requester, model, next(), [1, 2, 3, 4], 0), "InvalidTtl");
      await expectError(createRequest(requester, model, next(), [1, 2, 3, 4], MIN_REQUEST_TTL - 1), "InvalidTtl");
      // The model's price is above what the requester agreed to pay.
      await expectError(createRequest(requester, model, next(), [1, 2, 3, 4], 1_000, new BN(PRICE - 1)), "PriceAboveMax");
      await expectError(createRequest(requester, model, next(), [1, 2, 3, 4], MAX_REQUEST_TTL + 1), "InvalidTtl");
    });
  });

  describe("create_request_token", () => {
    for (const [name, tokenProgram] of [["SPL Token", TOKEN_PROGRAM_ID], ["Token-2022", TOKEN_2022_PROGRAM_ID]] as const) {
      it(`happy path (${name}): the price is escrowed in the vault`, async () => {
        const mint = await mintFor(requester.publicKey, 10 * PRICE, tokenProgram);
        const splModel = await registerModel(owner, mint);
        const n = next();
        await program.methods
          .createRequestToken({ nonce: new BN(n), input: inline(f32([1, 2, 3, 4])) as any, ttlSlots: new BN(1_000), callback: null, maxPrice: NO_PRICE_CAP, challenger: null })
          .accounts({ requester: requester.publicKey, model: splModel, mint, tokenProgram, requesterToken: getAssociatedTokenAddressSync(mint, requester.publicKey, false, tokenProgram) } as any)
          .signers([requester])
          .rpc();
        const request = requestPda(requester.publicKey, n);
        const vault = await getAccount(connection, vaultPda(request), undefined, tokenProgram);
        expect(Number(vault.amount)).to.equal(PRICE);
        expect(num((await requestState(request)).escrow)).to.equal(PRICE);
        expect(await balance(request)).to.equal(await rentOf(request));
      });
    }
    it("error: WrongMint (SOL entry point on an SPL model is refused too)", async () => {
      const mint = await mintFor(requester.publicKey, PRICE, TOKEN_PROGRAM_ID);
      const splModel = await registerModel(owner, mint);
      await expectError(createRequest(requester, splModel, next()), "WrongMint");
    });
  });

  describe("cancel_request", () => {
    it("happy path: full refund and the account is closed", async () => {
      const request = await createRequest(requester, model, next());
      const [before, held] = [await balance(requester.publicKey), await balance(request)];
      const signature = await program.methods.cancelRequest().accountsPartial({ requester: requester.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([requester]).rpc();
      expect(await connection.getAccountInfo(request)).to.equal(null);
      expect(await balance(requester.publicKey)).to.equal(before + held);
      expect(num((await eventOf(signature, "RequestCancelled")).refunded)).to.equal(PRICE);
    });
    it("error: RequestNotOpen", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await expectError(program.methods.cancelRequest().accountsPartial({ requester: requester.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([requester]).rpc(), "RequestNotOpen");
    });
  });

  describe("claim_request", () => {
    it("happy path: the claim locks a bond of the oracle's stake", async () => {
      const request = await createRequest(requester, model, next());
      const before = await oracleState();
      const signature = await claim(oracle, request);
      const state = await requestState(request);
      expect(state.status.claimed?.oracle.toBase58()).to.equal(oracle.oracle.toBase58());
      expect(num(state.bond)).to.equal(BOND);
      const after = await oracleState();
      expect(num(after.bonded)).to.equal(num(before.bonded) + BOND);
      expect(after.openRequests).to.equal(before.openRequests + 1);
      expect(num(after.stake)).to.equal(num(before.stake));
      const event = await eventOf(signature, "RequestClaimed");
      expect(num(event.bond)).to.equal(BOND);
      expect(event.previousOracle).to.equal(null);
    });
    it("error: ClaimStillActive", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      const other = await registerOracle();
      await expectError(claim(other, request), "ClaimStillActive");
    });
    it("error: ClaimTermsMismatch (another price, deadline, input or model than the request's)", async () => {
      const request = await createRequest(requester, model, next());
      const state = await requestState(request);
      const claimWith = async (terms: any) => (await claimCall(oracle, request, terms)).rpc();
      await expectError(claimWith({ price: state.price.addn(1) }), "ClaimTermsMismatch");
      await expectError(claimWith({ deadlineSlot: state.deadlineSlot.subn(1) }), "ClaimTermsMismatch");
      await expectError(claimWith({ inputHash: Array.from(sha256(f32([1, 1, 1, 1]))) }), "ClaimTermsMismatch");
      await expectError(claimWith({ model: modelPda(owner.publicKey, nextModelId()) }), "ClaimTermsMismatch");
      await claimWith({});
    });
    it("error: TooLateToClaim (fewer than min_fulfil_slots left before the deadline)", async () => {
      const request = await createRequest(requester, model, next(), undefined, 1_000);
      // The request has about 1,000 slots left: require more of every claim for a moment.
      await program.methods.updateConfig({ ...noChanges(), minFulfilSlots: new BN(5_000), minRequestTtlSlots: new BN(5_001), disputeWindowSlots: new BN(5_001) }).accounts({ admin: admin.publicKey }).rpc();
      try {
        await expectError(claim(oracle, request), "TooLateToClaim");
      } finally {
        await ensureConfig(treasury);
      }
      await claim(oracle, request);
    });
    it("error: InsufficientFreeStake (the bond, a share of a high price, exceeds the free stake)", async () => {
      const price = 5 * LAMPORTS_PER_SOL;
      const pricey = await registerModel(owner, null, { price: new BN(price) } as any);
      const request = await createRequest(requester, pricey, next());
      const state = await oracleState();
      expect(claimBond(price)).to.be.greaterThan(num(state.stake) - num(state.bonded));
      await expectError(claim(oracle, request), "InsufficientFreeStake");
      await program.methods.cancelRequest().accountsPartial({ requester: requester.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([requester]).rpc();
    });
  });

  describe("fulfill_request", () => {
    it("happy path: the output is stored with its hash and the execution id", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      const signature = await fulfill(oracle, request, f32([0.75]));
      const state = await requestState(request);
      expect(state.status.fulfilled).to.not.equal(undefined);
      expect(Buffer.from(state.outputHash).equals(sha256(f32([0.75])))).to.equal(true);
      expect(state.executionId).to.deep.equal(EXECUTION_ID);
      const event = await eventOf(signature, "RequestFulfilled");
      expect(event.executionId).to.deep.equal(EXECUTION_ID);
      expect(Buffer.from(event.outputHash).equals(sha256(f32([0.75])))).to.equal(true);
    });
    it("happy path by URI: an output larger than the inline limit, then error: OutputMustBeUri", async () => {
      const big = await registerModel(owner, null, { outputSchema: { dtype: { f32: {} }, shape: [-1] }, maxOutputLen: 4 * 100 } as any);
      expect(4 * 100).to.be.greaterThan(MAX_OUTPUT_LEN);
      const request = await createRequest(requester, big, next());
      expect((await requestState(request)).outputCapacity).to.equal(0);
      await claim(oracle, request);
      // (A short output: one of 400 bytes would not fit in a transaction beside the signature.)
      await expectError(fulfill(oracle, request, f32([0.5, 0.25])), "OutputMustBeUri");
      const output = f32(Array.from({ length: 100 }, (_, i) => i / 100));
      await fulfill(oracle, request, output, oracle.attestation, byUri("https://results.example/out.bin", output));
      const state = await requestState(request);
      expect(state.output).to.deep.equal({ uri: { 0: "https://results.example/out.bin" } });
      expect(Buffer.from(state.outputHash).equals(sha256(output))).to.equal(true);
    });
    it("error: OutputMustBeInline (a URI for an output that fits inline)", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await expectError(fulfill(oracle, request, f32([0.5]), oracle.attestation, byUri("https://results.example/x", f32([0.5]))), "OutputMustBeInline");
    });
    it("error: AttestationKeyMismatch (signed by another key)", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await expectError(fulfill(oracle, request, f32([0.75]), Keypair.generate()), "AttestationKeyMismatch");
    });
    it("error: AttestationMessageMismatch (the v1 message, without oracle and execution id)", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      const state = await requestState(request);
      const v1 = Buffer.concat([Buffer.from("IESCROW1"), program.programId.toBuffer(), request.toBuffer(), Buffer.from(ONNX_SHA256), Buffer.from(state.inputHash), sha256(f32([0.5])), Buffer.from([1])]);
      await expectError(program.methods.fulfillRequest({ output: inline(f32([0.5])) as any, executionId: EXECUTION_ID }).accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle, request, model }).preInstructions([ed25519(oracle.attestation, v1)]).signers([oracle.authority]).rpc(), "AttestationMessageMismatch");
    });
    it("error: MissingEd25519Instruction", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await expectError(program.methods.fulfillRequest({ output: inline(f32([0.5])) as any, executionId: EXECUTION_ID }).accountsPartial({ authority: oracle.authority.publicKey, oracle: oracle.oracle, request, model }).signers([oracle.authority]).rpc(), "MissingEd25519Instruction");
    });
  });

  describe("fail_request", () => {
    it("happy path: a signed failure releases the bond and leaves the refund in the request", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      const [before, oracleBefore] = [await balance(requester.publicKey), await oracleState()];
      const signature = await failSigned(oracle, request, "input has NaN");
      const state = await requestState(request);
      expect(state.status.failed).to.not.equal(undefined);
      expect(num(state.escrow)).to.equal(PRICE);
      expect(num(state.bond)).to.equal(0);
      expect(await balance(request)).to.equal((await rentOf(request)) + PRICE);
      expect(await balance(requester.publicKey)).to.equal(before);
      const oracleAfter = await oracleState();
      expect(num(oracleAfter.bonded)).to.equal(num(oracleBefore.bonded) - BOND);
      expect(num(oracleAfter.stake)).to.equal(num(oracleBefore.stake));
      const event = await eventOf(signature, "RequestFailed");
      expect(num(event.refund)).to.equal(PRICE);
      expect(event.reason).to.equal("input has NaN");
      expect(event.executionId).to.deep.equal(EXECUTION_ID);
    });
    it("error: NotClaimingOracle", async () => {
      const request = await createRequest(requester, model, next());
      const other = await registerOracle();
      await claim(other, request);
      await expectError(failSigned(oracle, request, "x"), "NotClaimingOracle");
    });
  });

  describe("settle_request", () => {
    it("error: ChallengeWindowOpen, then happy path: the price is credited to the owed balances", async () => {
      const request = await fulfilledRequest();
      await expectError(settle(request), "ChallengeWindowOpen");
      await sleepSlots(CHALLENGE_WINDOW + 1);
      const [modelBefore, oracleBefore] = [await program.account.model.fetch(model), await oracleState()];
      const lamports = { model: await balance(model), oracle: await balance(oracle.oracle), owner: await balance(owner.publicKey), treasury: await balance(treasury) };
      const signature = await settle(request);
      const { protocol, royalty, oracle: share } = split(PRICE);
      const [modelAfter, oracleAfter, state] = [await program.account.model.fetch(model), await oracleState(), await requestState(request)];
      expect(num(modelAfter.royaltyOwed)).to.equal(num(modelBefore.royaltyOwed) + royalty);
      expect(num(modelAfter.protocolFeeOwed)).to.equal(num(modelBefore.protocolFeeOwed) + protocol);
      expect(num(oracleAfter.feesOwed)).to.equal(num(oracleBefore.feesOwed) + share);
      expect(num(oracleAfter.bonded)).to.equal(num(oracleBefore.bonded) - BOND);
      expect(await balance(model)).to.equal(lamports.model + royalty + protocol);
      expect(await balance(oracle.oracle)).to.equal(lamports.oracle + share);
      expect(await balance(owner.publicKey)).to.equal(lamports.owner);
      expect(await balance(treasury)).to.equal(lamports.treasury);
      expect(state.status.settled).to.not.equal(undefined);
      expect(num(state.escrow)).to.equal(0);
      expect(await balance(request)).to.equal(await rentOf(request));
      const event = await eventOf(signature, "RequestSettled");
      expect([num(event.oracleAmount), num(event.royalty), num(event.protocolFee), event.deferred]).to.deep.equal([share, royalty, protocol, false]);
      await expectError(settle(request), "RequestAlreadySettled");
    });
  });

  describe("challenge_request", () => {
    it("happy path: the challenger posts the bond and a re-execution round opens", async () => {
      const request = await fulfilledRequest();
      const before = await balance(requester.publicKey);
      await challenge(request);
      expect((await requestState(request)).status.challenged).to.not.equal(undefined);
      const dispute = await program.account.dispute.fetch(disputePda(request));
      expect([num(dispute.bond), dispute.policy.replicas, dispute.policy.quorum]).to.deep.equal([CHALLENGE_BOND, DISPUTE_REPLICAS, 2]);
      expect(await balance(requester.publicKey)).to.equal(before - (await balance(disputePda(request))));
      await expectError(program.methods.resolveChallenge(true).accountsPartial(resolveAccounts(request)).rpc(), "ArbiterNotNeeded");
    });
    it("error: RequestNotFulfilled", async () => {
      const request = await createRequest(requester, model, next());
      await expectError(challenge(request), "RequestNotFulfilled");
    });
  });

  describe("resolve_challenge", () => {
    it("happy path: after a round without quorum, an upheld challenge owes the escrow back and slashes the bond to the challenger, not the treasury", async () => {
      const request = await fulfilledRequest();
      await challenge(request);
      await disputeWithoutQuorum(request);
      const [before, oracleBefore, configBefore] = [await balance(requester.publicKey), await oracleState(), await configState()];
      const [configLamports, disputeLamports] = [await balance(configPda()), await balance(disputePda(request))];
      const signature = await program.methods.resolveChallenge(true).accountsPartial(resolveAccounts(request)).rpc();
      const state = await requestState(request);
      expect(state.status.refunded).to.not.equal(undefined);
      expect(num(state.escrow)).to.equal(PRICE);
      expect(await balance(requester.publicKey)).to.equal(before);
      const oracleAfter = await oracleState();
      expect(num(oracleAfter.stake)).to.equal(num(oracleBefore.stake) - BOND);
      expect(num(oracleAfter.bonded)).to.equal(num(oracleBefore.bonded) - BOND);
      expect(num((await configState()).slashedOwed)).to.equal(num(configBefore.slashedOwed));
      expect(await balance(configPda())).to.equal(configLamports);
      expect(await balance(disputePda(request))).to.equal(disputeLamports + BOND);
      expect(num((await program.account.dispute.fetch(disputePda(request))).bond)).to.equal(CHALLENGE_BOND + BOND);
      const events = await eventsOf(signature);
      expect(events.map((e) => e.name)).to.deep.equal(["ChallengeResolved", "DisputeDecided", "RequestRefunded", "OracleStakeChanged"]);
      expect([events[0].data.oracleWasWrong, num(events[0].data.refund), num(events[0].data.slashed)]).to.deep.equal([true, PRICE, BOND]);
      expect(events[2].data.reason).to.deep.equal({ challengeUpheld: {} });
    });
    it("happy path: a rejected challenge settles the request", async () => {
      const request = await fulfilledRequest();
      await challenge(request);
      await disputeWithoutQuorum(request);
      const royaltyBefore = num((await program.account.model.fetch(model)).royaltyOwed);
      const signature = await program.methods.resolveChallenge(false).accountsPartial(resolveAccounts(request)).rpc();
      expect((await requestState(request)).status.settled).to.not.equal(undefined);
      expect(num((await program.account.model.fetch(model)).royaltyOwed)).to.equal(royaltyBefore + split(PRICE).royalty);
      expect((await eventsOf(signature)).map((e) => e.name)).to.deep.equal(["ChallengeResolved", "DisputeDecided", "RequestSettled"]);
    });
    it("error: AccountNotInitialized (no dispute), NotAdmin", async () => {
      const request = await fulfilledRequest();
      await expectError(program.methods.resolveChallenge(true).accountsPartial(resolveAccounts(request)).rpc(), "AccountNotInitialized");
      await challenge(request);
      await disputeWithoutQuorum(request);
      const intruder = await funded(1);
      await expectError(program.methods.resolveChallenge(false).accountsPartial({ ...resolveAccounts(request), admin: intruder.publicKey }).signers([intruder]).rpc(), "NotAdmin");
    });
  });

  describe("expire_request", () => {
    it("error: DeadlineNotReached, then happy path after the deadline: the refund is owed", async () => {
      const request = await createRequest(requester, model, next(), [1, 2, 3, 4], SHORT_TTL);
      await expectError(expire(request), "DeadlineNotReached");
      await sleepUntilSlot(num((await requestState(request)).deadlineSlot));
      const before = await balance(requester.publicKey);
      const signature = await expire(request);
      const state = await requestState(request);
      expect(state.status.expired).to.not.equal(undefined);
      expect(num(state.escrow)).to.equal(PRICE);
      expect(await balance(requester.publicKey)).to.equal(before);
      const event = await eventOf(signature, "RequestRefunded");
      expect([event.reason, num(event.refund), num(event.slashed)]).to.deep.equal([{ expired: {} }, PRICE, 0]);
      await expectError(expire(request), "AlreadyRefunded");
    });
    it("happy path (no-show): the claimer's bond is slashed to the treasury; error: AccountMismatch without the holder", async () => {
      const request = await createRequest(requester, model, next(), [1, 2, 3, 4], SHORT_TTL);
      await claim(oracle, request);
      await sleepUntilSlot(num((await requestState(request)).deadlineSlot));
      await expectError(expire(request), "AccountMismatch");
      const [oracleBefore, slashedBefore] = [await oracleState(), num((await configState()).slashedOwed)];
      const signature = await expire(request, oracle.oracle);
      const oracleAfter = await oracleState();
      expect(num(oracleAfter.stake)).to.equal(num(oracleBefore.stake) - BOND);
      expect(num(oracleAfter.noShows)).to.equal(num(oracleBefore.noShows) + 1);
      expect(num((await configState()).slashedOwed)).to.equal(slashedBefore + BOND);
      expect(num((await requestState(request)).escrow)).to.equal(PRICE);
      const events = await eventsOf(signature);
      expect(events.map((e) => e.name)).to.deep.equal(["RequestRefunded", "OracleStakeChanged"]);
      expect(num(events[0].data.slashed)).to.equal(BOND);
      expect(events[1].data.change).to.deep.equal({ slashedNoShow: {} });
    });
    it("error: DisputeInProgress, ArbitrationPending, then happy path: a challenge the arbiter leaves unresolved is refunded without a slash", async () => {
      const request = await fulfilledRequest();
      await challenge(request);
      await expectError(expire(request, oracle.oracle), "DisputeInProgress");
      await disputeWithoutQuorum(request);
      await expectError(finalizeDispute(request), "ArbitrationPending");
      const since = num((await program.account.dispute.fetch(disputePda(request))).status.noQuorum!.slot);
      await sleepUntilSlot(since + ARBITRATION_TIMEOUT);
      const oracleBefore = await oracleState();
      const signature = await finalizeDispute(request);
      const state = await requestState(request);
      expect(state.status.refunded).to.not.equal(undefined);
      expect(num(state.escrow)).to.equal(PRICE);
      const oracleAfter = await oracleState();
      expect(num(oracleAfter.stake)).to.equal(num(oracleBefore.stake));
      expect(num(oracleAfter.bonded)).to.equal(num(oracleBefore.bonded) - BOND);
      const event = await eventOf(signature, "RequestRefunded");
      expect([event.reason, num(event.refund), num(event.slashed)]).to.deep.equal([{ arbitrationTimedOut: {} }, PRICE, 0]);
      const [before, held] = [await balance(requester.publicKey), await balance(disputePda(request))];
      await closeDispute(request);
      expect(await balance(requester.publicKey)).to.equal(before + held);
    });
    it("error: ResultAlreadyPosted", async () => {
      const request = await fulfilledRequest();
      await expectError(expire(request), "ResultAlreadyPosted");
    });
  });

  describe("close_request", () => {
    it("error: RequestNotTerminal, then happy path after expiry: the refund and the rent return", async () => {
      const request = await createRequest(requester, model, next(), [1, 2, 3, 4], SHORT_TTL);
      await expectError(close(request), "RequestNotTerminal");
      await sleepUntilSlot(num((await requestState(request)).deadlineSlot));
      await expire(request);
      const [before, rent] = [await balance(requester.publicKey), await rentOf(request)];
      const signature = await close(request);
      expect(await connection.getAccountInfo(request)).to.equal(null);
      expect(await balance(requester.publicKey)).to.equal(before + rent + PRICE);
      expect(num((await eventOf(signature, "RequestClosed")).refunded)).to.equal(PRICE);
    });
    it("happy path after a signed failure: the refund and the rent return", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await failSigned(oracle, request, "unsupported input");
      const [before, rent] = [await balance(requester.publicKey), await rentOf(request)];
      await close(request);
      expect(await balance(requester.publicKey)).to.equal(before + rent + PRICE);
    });
    it("happy path after settlement: only the rent returns", async () => {
      const request = await fulfilledRequest();
      await sleepSlots(CHALLENGE_WINDOW + 1);
      await settle(request);
      const [before, rent] = [await balance(requester.publicKey), await rentOf(request)];
      const signature = await close(request);
      expect(await balance(requester.publicKey)).to.equal(before + rent);
      expect(num((await eventOf(signature, "RequestClosed")).refunded)).to.equal(0);
    });
    it("happy path (SPL Token): a failed request's tokens return to the requester's token account", async () => {
      const mint = await mintFor(requester.publicKey, 3 * PRICE, TOKEN_PROGRAM_ID);
      const splModel = await registerModel(owner, mint);
      const requesterToken = getAssociatedTokenAddressSync(mint, requester.publicKey, false, TOKEN_PROGRAM_ID);
      const n = next();
      await program.methods
        .createRequestToken({ nonce: new BN(n), input: inline(f32([1, 2, 3, 4])) as any, ttlSlots: new BN(1_000), callback: null, maxPrice: NO_PRICE_CAP, challenger: null })
        .accounts({ requester: requester.publicKey, model: splModel, mint, tokenProgram: TOKEN_PROGRAM_ID, requesterToken } as any)
        .signers([requester])
        .rpc();
      const request = requestPda(requester.publicKey, n);
      await claim(oracle, request);
      await failSigned(oracle, request, "unsupported input");
      const vault = vaultPda(request);
      const [before, rent] = [await balance(requester.publicKey), (await rentOf(request)) + (await rentOf(vault))];
      const signature = await program.methods.closeRequest()
        .accountsPartial({ requester: requester.publicKey, request, mint, vault, requesterToken, tokenProgram: TOKEN_PROGRAM_ID })
        .signers([requester]).rpc();
      expect(Number((await getAccount(connection, requesterToken, undefined, TOKEN_PROGRAM_ID)).amount)).to.equal(3 * PRICE);
      expect(await connection.getAccountInfo(vault)).to.equal(null);
      expect(await balance(requester.publicKey)).to.equal(before + rent);
      expect(num((await eventOf(signature, "RequestClosed")).refunded)).to.equal(PRICE);
    });
  });

  // ---- payouts: each payee collects what settlements credited to it -------------------------
  // A model and an oracle of their own, with exactly one settled request, so that every owed
  // balance is known to the lamport.
  let payOwner: Keypair;
  let payModel: PublicKey;
  let payOracle: TestOracle;
  let payouts: Promise<void> | undefined;
  const settledForPayouts = () =>
    (payouts ??= (async () => {
      payOwner = await funded(1);
      payModel = await registerModel(payOwner);
      payOracle = await registerOracle();
      const request = await fulfilledRequest(payOracle, payModel);
      await sleepSlots(CHALLENGE_WINDOW + 1);
      await settle(request, payModel, payOracle);
    })());

  const collectRoyalty = (on: PublicKey, to: PublicKey) =>
    program.methods.collectRoyalty().accountsPartial({ model: on, owner: to, mint: null, feeVault: null, ownerToken: null, tokenProgram: null }).rpc();
  const collectProtocolFees = (on: PublicKey, to: PublicKey) =>
    program.methods.collectProtocolFees().accountsPartial({ model: on, treasury: to, mint: null, feeVault: null, treasuryToken: null, tokenProgram: null }).rpc();
  const collectOracleFees = (of: TestOracle, to: PublicKey) =>
    program.methods.collectOracleFees().accountsPartial({ oracle: of.oracle, authority: to }).rpc();
  const collectSlashes = (to: PublicKey) => program.methods.collectSlashes().accountsPartial({ treasury: to }).rpc();

  describe("collect_royalty", () => {
    before(settledForPayouts);
    it("error: AccountMismatch (another payee than the owner), then happy path: the owner is paid", async () => {
      await expectError(collectRoyalty(payModel, requester.publicKey), "AccountMismatch");
      const royalty = split(PRICE).royalty;
      expect(num((await program.account.model.fetch(payModel)).royaltyOwed)).to.equal(royalty);
      const [before, held] = [await balance(payOwner.publicKey), await balance(payModel)];
      const signature = await collectRoyalty(payModel, payOwner.publicKey);
      expect(await balance(payOwner.publicKey)).to.equal(before + royalty);
      expect(await balance(payModel)).to.equal(held - royalty);
      expect(num((await program.account.model.fetch(payModel)).royaltyOwed)).to.equal(0);
      const event = await eventOf(signature, "PayoutCollected");
      expect(event.kind).to.deep.equal({ royalty: {} });
      expect([event.account.toBase58(), event.payee.toBase58(), event.mint, num(event.amount)]).to.deep.equal([payModel.toBase58(), payOwner.publicKey.toBase58(), null, royalty]);
    });
    it("error: NothingOwed", async () => {
      await expectError(collectRoyalty(payModel, payOwner.publicKey), "NothingOwed");
    });
  });

  describe("collect_protocol_fees", () => {
    before(settledForPayouts);
    it("error: PayeeCannotReceive (an empty treasury wallet below rent), AccountMismatch", async () => {
      const empty = Keypair.generate().publicKey;
      await program.methods.updateConfig({ ...noChanges(), treasury: empty }).accounts({ admin: admin.publicKey }).rpc();
      try {
        await expectError(collectProtocolFees(payModel, empty), "PayeeCannotReceive");
      } finally {
        await program.methods.updateConfig({ ...noChanges(), treasury }).accounts({ admin: admin.publicKey }).rpc();
      }
      await expectError(collectProtocolFees(payModel, empty), "AccountMismatch");
    });
    it("happy path: the treasury is paid, then error: NothingOwed", async () => {
      const protocol = split(PRICE).protocol;
      const [before, held] = [await balance(treasury), await balance(payModel)];
      const signature = await collectProtocolFees(payModel, treasury);
      expect(await balance(treasury)).to.equal(before + protocol);
      expect(await balance(payModel)).to.equal(held - protocol);
      expect(num((await program.account.model.fetch(payModel)).protocolFeeOwed)).to.equal(0);
      const event = await eventOf(signature, "PayoutCollected");
      expect([event.kind, event.payee.toBase58(), num(event.amount)]).to.deep.equal([{ protocolFee: {} }, treasury.toBase58(), protocol]);
      await expectError(collectProtocolFees(payModel, treasury), "NothingOwed");
      // Everything the model owed is paid: only its rent is left.
      expect(await balance(payModel)).to.equal(await rentOf(payModel));
    });
  });

  describe("collect_oracle_fees", () => {
    before(settledForPayouts);
    it("error: AccountMismatch (another payee than the authority), then happy path: the authority is paid", async () => {
      await expectError(collectOracleFees(payOracle, requester.publicKey), "AccountMismatch");
      const share = split(PRICE).oracle;
      expect(num((await oracleState(payOracle)).feesOwed)).to.equal(share);
      const [before, held] = [await balance(payOracle.authority.publicKey), await balance(payOracle.oracle)];
      const signature = await collectOracleFees(payOracle, payOracle.authority.publicKey);
      expect(await balance(payOracle.authority.publicKey)).to.equal(before + share);
      expect(await balance(payOracle.oracle)).to.equal(held - share);
      const state = await oracleState(payOracle);
      expect([num(state.feesOwed), num(state.totalFeesCollected)]).to.deep.equal([0, share]);
      const event = await eventOf(signature, "PayoutCollected");
      expect([event.kind, event.payee.toBase58(), num(event.amount)]).to.deep.equal([{ oracleFees: {} }, payOracle.authority.publicKey.toBase58(), share]);
    });
    it("error: NothingOwed", async () => {
      await expectError(collectOracleFees(payOracle, payOracle.authority.publicKey), "NothingOwed");
    });
  });

  describe("collect_slashes", () => {
    it("error: AccountMismatch (another payee than the treasury), then happy path: the treasury is paid every slashed bond", async () => {
      // One more slash (a no-show), so that something is owed whatever ran before.
      const request = await createRequest(requester, model, next(), [1, 2, 3, 4], SHORT_TTL);
      await claim(oracle, request);
      await sleepUntilSlot(num((await requestState(request)).deadlineSlot));
      await expire(request, oracle.oracle);
      await expectError(collectSlashes(requester.publicKey), "AccountMismatch");
      const owed = num((await configState()).slashedOwed);
      expect(owed).to.be.at.least(BOND);
      const before = await balance(treasury);
      const signature = await collectSlashes(treasury);
      expect(await balance(treasury)).to.equal(before + owed);
      expect(num((await configState()).slashedOwed)).to.equal(0);
      expect(await balance(configPda())).to.equal(await rentOf(configPda()));
      const event = await eventOf(signature, "PayoutCollected");
      expect([event.kind, event.account.toBase58(), num(event.amount)]).to.deep.equal([{ slashes: {} }, configPda().toBase58(), owed]);
    });
    it("error: NothingOwed", async () => {
      await expectError(collectSlashes(treasury), "NothingOwed");
    });
  });

  describe("collect_earnings", () => {
    for (const [name, tokenProgram] of [["SPL Token", TOKEN_PROGRAM_ID], ["Token-2022", TOKEN_2022_PROGRAM_ID]] as const) {
      it(`happy path (${name}): settle into the fee vault, then every payee collects its tokens; error: WrongTokenAccountOwner, NothingOwed`, async () => {
        const splOwner = await funded(1);
        const splOracle = await registerOracle();
        const mint = await mintFor(requester.publicKey, 2 * PRICE, tokenProgram);
        const splModel = await registerModel(splOwner, mint);
        const feeVault = feeVaultPda(splModel);
        const earnings = earningsPda(splModel, splOracle.oracle);
        const requesterToken = getAssociatedTokenAddressSync(mint, requester.publicKey, false, tokenProgram);
        const n = next();
        await program.methods
          .createRequestToken({ nonce: new BN(n), input: inline(f32([1, 2, 3, 4])) as any, ttlSlots: new BN(1_000), callback: null, maxPrice: NO_PRICE_CAP, challenger: null })
          .accounts({ requester: requester.publicKey, model: splModel, mint, tokenProgram, requesterToken } as any)
          .signers([requester])
          .rpc();
        const request = requestPda(requester.publicKey, n);

        // The first claim of the model's request creates the oracle's earnings account.
        await claim(splOracle, request);
        const created = await program.account.earnings.fetch(earnings);
        expect([created.version, created.authority.toBase58(), num(created.owed)]).to.deep.equal([3, splOracle.authority.publicKey.toBase58(), 0]);
        await fulfill(splOracle, request, f32([0.25]));
        await sleepSlots(CHALLENGE_WINDOW + 1);
        const vault = vaultPda(request);
        const settled = await program.methods.settleRequest()
          .accountsPartial({ request, model: splModel, oracle: splOracle.oracle, mint, vault, feeVault, earnings, tokenProgram })
          .rpc();
        const { protocol, royalty, oracle: share } = split(PRICE);
        expect((await eventOf(settled, "RequestSettled")).deferred).to.equal(false);
        expect(Number((await getAccount(connection, feeVault, undefined, tokenProgram)).amount)).to.equal(PRICE);
        expect(Number((await getAccount(connection, vault, undefined, tokenProgram)).amount)).to.equal(0);
        const modelState = await program.account.model.fetch(splModel);
        expect([num(modelState.royaltyOwed), num(modelState.protocolFeeOwed), num(modelState.oracleFeesOwed)]).to.deep.equal([royalty, protocol, share]);
        expect(num((await program.account.earnings.fetch(earnings)).owed)).to.equal(share);
        // The SOL oracle fees are untouched: SPL shares are owed in the earnings account.
        expect(num((await oracleState(splOracle)).feesOwed)).to.equal(0);

        const collectEarnings = (to: PublicKey) => program.methods.collectEarnings()
          .accountsPartial({ earnings, model: splModel, mint, feeVault, authorityToken: to, tokenProgram }).rpc();
        await expectError(collectEarnings(requesterToken), "WrongTokenAccountOwner");
        const oracleToken = await tokenAccount(splOracle.authority.publicKey, mint, tokenProgram);
        const signature = await collectEarnings(oracleToken);
        expect(Number((await getAccount(connection, oracleToken, undefined, tokenProgram)).amount)).to.equal(share);
        const event = await eventOf(signature, "PayoutCollected");
        expect([event.kind, event.account.toBase58(), event.payee.toBase58(), event.mint.toBase58(), num(event.amount)])
          .to.deep.equal([{ oracleEarnings: {} }, earnings.toBase58(), splOracle.authority.publicKey.toBase58(), mint.toBase58(), share]);
        const after = await program.account.earnings.fetch(earnings);
        expect([num(after.owed), num(after.collected)]).to.deep.equal([0, share]);
        await expectError(collectEarnings(oracleToken), "NothingOwed");

        // The royalty and the protocol fee go to token accounts of the owner and the treasury.
        const ownerToken = await tokenAccount(splOwner.publicKey, mint, tokenProgram);
        await program.methods.collectRoyalty().accountsPartial({ model: splModel, owner: splOwner.publicKey, mint, feeVault, ownerToken, tokenProgram }).rpc();
        expect(Number((await getAccount(connection, ownerToken, undefined, tokenProgram)).amount)).to.equal(royalty);
        const treasuryToken = await tokenAccount(treasury, mint, tokenProgram);
        await program.methods.collectProtocolFees().accountsPartial({ model: splModel, treasury, mint, feeVault, treasuryToken, tokenProgram }).rpc();
        expect(Number((await getAccount(connection, treasuryToken, undefined, tokenProgram)).amount)).to.equal(protocol);
        expect(Number((await getAccount(connection, feeVault, undefined, tokenProgram)).amount)).to.equal(0);

        // The settled request closes with nothing to refund: its vault's rent and its own return.
        const [before, rent] = [await balance(requester.publicKey), (await rentOf(request)) + (await rentOf(vault))];
        const closed = await program.methods.closeRequest()
          .accountsPartial({ requester: requester.publicKey, request, mint, vault, requesterToken, tokenProgram })
          .signers([requester]).rpc();
        expect(num((await eventOf(closed, "RequestClosed")).refunded)).to.equal(0);
        expect(await balance(requester.publicKey)).to.equal(before + rent);
        expect(Number((await getAccount(connection, requesterToken, undefined, tokenProgram)).amount)).to.equal(PRICE);
      });
    }
  });

  describe("begin_unbonding", () => {
    it("happy path, then error: OracleNotActive", async () => {
      const leaving = await registerOracle();
      const begin = () => program.methods.beginUnbonding().accountsPartial({ authority: leaving.authority.publicKey, oracle: leaving.oracle }).signers([leaving.authority]).rpc();
      await begin();
      expect((await oracleState(leaving)).status.unbonding).to.not.equal(undefined);
      await expectError(begin(), "OracleNotActive");
    });
  });

  describe("withdraw_stake", () => {
    const withdrawCalls = (leaving: TestOracle) => {
      const accounts = { authority: leaving.authority.publicKey, oracle: leaving.oracle };
      return {
        begin: () => program.methods.beginUnbonding().accountsPartial(accounts).signers([leaving.authority]).rpc(),
        withdraw: () => program.methods.withdrawStake().accountsPartial(accounts).signers([leaving.authority]).rpc(),
      };
    };
    it("error: OracleNotUnbonding, StillUnbonding; happy path after unbonding: stake and rent return", async () => {
      const leaving = await registerOracle();
      const { begin, withdraw } = withdrawCalls(leaving);
      await expectError(withdraw(), "OracleNotUnbonding");
      await begin();
      await expectError(withdraw(), "StillUnbonding");
      await sleepSlots(UNBONDING + 1);
      const [before, held] = [await balance(leaving.authority.publicKey), await balance(leaving.oracle)];
      expect(held).to.equal((await rentOf(leaving.oracle)) + 2 * LAMPORTS_PER_SOL);
      await withdraw();
      expect(await balance(leaving.authority.publicKey)).to.equal(before + held);
      expect(await connection.getAccountInfo(leaving.oracle)).to.equal(null);
    });
    it("error: OracleHasOpenRequests; happy path once its request settled: stake, fees owed and rent return", async () => {
      const leaving = await registerOracle();
      const { begin, withdraw } = withdrawCalls(leaving);
      const request = await fulfilledRequest(leaving);
      await begin();
      await sleepSlots(UNBONDING + 1);
      await expectError(withdraw(), "OracleHasOpenRequests");
      await sleepSlots(CHALLENGE_WINDOW + 1);
      await settle(request, model, leaving);
      const share = split(PRICE).oracle;
      expect(num((await oracleState(leaving)).feesOwed)).to.equal(share);
      const [before, held, rent] = [await balance(leaving.authority.publicKey), await balance(leaving.oracle), await rentOf(leaving.oracle)];
      expect(held).to.equal(rent + 2 * LAMPORTS_PER_SOL + share);
      const signature = await withdraw();
      expect(await balance(leaving.authority.publicKey)).to.equal(before + held);
      const events = await eventsOf(signature);
      expect(events.map((e) => e.name)).to.deep.equal(["OracleStakeChanged", "PayoutCollected"]);
      expect(num(events[1].data.amount)).to.equal(share);
    });
  });
});

