// The Anchor suite of inference_escrow: one describe per instruction, a happy path and the
// error paths, each failure checked by its error name from the IDL.
import { BN } from "@anchor-lang/core";
import { getAccount, getAssociatedTokenAddressSync, TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Ed25519Program, Keypair, LAMPORTS_PER_SOL, PublicKey } from "@solana/web3.js";
import { expect } from "chai";
import {
  admin, claim, websocketReady, SHORT_TTL, UNBONDING, CHALLENGE_WINDOW, configPda, connection, createRequest, ensureConfig, expectError, f32, fulfill, funded,
  inline, mintFor, modelArgs, oraclePda, PRICE, program, PROTOCOL_FEE_BPS, registerModel, registerOracle, requestPda, resultMessage,
  ROYALTY_BPS, sha256, sleepSlots, TestOracle, vaultPda,
} from "./helpers";

const split = (price: number) => {
  const protocol = Math.floor((price * PROTOCOL_FEE_BPS) / 10_000);
  const royalty = Math.floor((price * ROYALTY_BPS) / 10_000);
  return { protocol, royalty, oracle: price - protocol - royalty };
};

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
    model = await registerModel(owner, 1 + (nonce % 200));
    oracle = await registerOracle();
  });

  describe("initialize_config", () => {
    it("happy path: the config holds the parameters", async () => {
      const config = await program.account.config.fetch(configPda());
      expect(config.admin.toBase58()).to.equal(admin.publicKey.toBase58());
      expect(config.challengeWindowSlots.toNumber()).to.equal(CHALLENGE_WINDOW);
    });
  });

  describe("update_config", () => {
    it("happy path", async () => {
      await program.methods.updateConfig({ newAdmin: null, treasury: null, protocolFeeBps: PROTOCOL_FEE_BPS, minOracleStake: null, claimTimeoutSlots: null, challengeWindowSlots: null, unbondingSlots: null, noShowSlashBps: null, wrongResultSlashBps: null, maxInputLen: null, maxOutputLen: null, maxRequestTtlSlots: null }).accounts({ admin: admin.publicKey }).rpc();
    });
    it("error: NotAdmin", async () => {
      const intruder = await funded(1);
      const none = { newAdmin: null, treasury: null, protocolFeeBps: 9_000, minOracleStake: null, claimTimeoutSlots: null, challengeWindowSlots: null, unbondingSlots: null, noShowSlashBps: null, wrongResultSlashBps: null, maxInputLen: null, maxOutputLen: null, maxRequestTtlSlots: null };
      await expectError(program.methods.updateConfig(none).accounts({ admin: intruder.publicKey }).signers([intruder]).rpc(), "NotAdmin");
    });
    it("error: InvalidBps", async () => {
      const bad = { newAdmin: null, treasury: null, protocolFeeBps: 10_001, minOracleStake: null, claimTimeoutSlots: null, challengeWindowSlots: null, unbondingSlots: null, noShowSlashBps: null, wrongResultSlashBps: null, maxInputLen: null, maxOutputLen: null, maxRequestTtlSlots: null };
      await expectError(program.methods.updateConfig(bad).accounts({ admin: admin.publicKey }).rpc(), "InvalidBps");
    });
  });

  describe("set_paused", () => {
    it("happy path: pause blocks requests, unpause restores them", async () => {
      await program.methods.setPaused(true).accounts({ admin: admin.publicKey }).rpc();
      await expectError(createRequest(requester, model, next()), "ProtocolPaused");
      await program.methods.setPaused(false).accounts({ admin: admin.publicKey }).rpc();
    });
    it("error: NotAdmin", async () => {
      const intruder = await funded(1);
      await expectError(program.methods.setPaused(true).accounts({ admin: intruder.publicKey }).signers([intruder]).rpc(), "NotAdmin");
    });
  });

  describe("register_model", () => {
    it("happy path", async () => {
      const state = await program.account.model.fetch(model);
      expect(state.price.toNumber()).to.equal(PRICE);
      expect(state.active).to.equal(true);
    });
    it("error: InvalidUri, ZeroPrice", async () => {
      const args = { ...modelArgs(250), uri: "" };
      await expectError(program.methods.registerModel(args).accountsPartial({ owner: owner.publicKey, mint: null }).signers([owner]).rpc(), "InvalidUri");
      const free = { ...modelArgs(250), price: new BN(0) };
      await expectError(program.methods.registerModel(free).accountsPartial({ owner: owner.publicKey, mint: null }).signers([owner]).rpc(), "ZeroPrice");
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
      const state = await program.account.oracle.fetch(oraclePda(oracle.authority.publicKey));
      expect(state.stake.toNumber()).to.equal(2 * LAMPORTS_PER_SOL);
      expect(state.attestationKey.toBase58()).to.equal(oracle.attestation.publicKey.toBase58());
    });
    it("error: StakeTooLow", async () => {
      const authority = await funded(2);
      const attestation = Keypair.generate();
      await expectError(program.methods.registerOracle(new BN(1)).accounts({ authority: authority.publicKey, attestationKey: attestation.publicKey }).signers([authority, attestation]).rpc(), "StakeTooLow");
    });
  });

  describe("add_stake", () => {
    it("happy path", async () => {
      await program.methods.addStake(new BN(1_000)).accountsPartial({ authority: oracle.authority.publicKey, oracle: oraclePda(oracle.authority.publicKey) }).signers([oracle.authority]).rpc();
    });
    it("error: ZeroAmount", async () => {
      await expectError(program.methods.addStake(new BN(0)).accountsPartial({ authority: oracle.authority.publicKey, oracle: oraclePda(oracle.authority.publicKey) }).signers([oracle.authority]).rpc(), "ZeroAmount");
    });
  });

  describe("create_request", () => {
    it("happy path: the price is escrowed in the request", async () => {
      const request = await createRequest(requester, model, next());
      const state = await program.account.request.fetch(request);
      expect(state.escrow.toNumber()).to.equal(PRICE);
      expect(Buffer.from(state.inputHash).equals(sha256(f32([0.5, 1.5, -2, 3.25])))).to.equal(true);
    });
    it("error: InputSchemaMismatch, InvalidTtl", async () => {
      await expectError(createRequest(requester, model, next(), [1, 2, 3]), "InputSchemaMismatch");
      await expectError(createRequest(requester, model, next(), [1, 2, 3, 4], 0), "InvalidTtl");
    });
  });

  describe("create_request_token", () => {
    for (const [name, tokenProgram] of [["SPL Token", TOKEN_PROGRAM_ID], ["Token-2022", TOKEN_2022_PROGRAM_ID]] as const) {
      it(`happy path (${name}): the price is escrowed in the vault`, async () => {
        const mint = await mintFor(requester.publicKey, 10 * PRICE, tokenProgram);
        const splModel = await registerModel(owner, 201 + (nonce % 50) + (tokenProgram === TOKEN_PROGRAM_ID ? 0 : 1), mint);
        const n = next();
        await program.methods
          .createRequestToken({ nonce: new BN(n), input: inline(f32([1, 2, 3, 4])) as any, ttlSlots: new BN(1_000), callbackProgram: null })
          .accounts({ requester: requester.publicKey, model: splModel, mint, tokenProgram, requesterToken: getAssociatedTokenAddressSync(mint, requester.publicKey, false, tokenProgram) } as any)
          .signers([requester])
          .rpc();
        const vault = await getAccount(connection, vaultPda(requestPda(requester.publicKey, n)), undefined, tokenProgram);
        expect(Number(vault.amount)).to.equal(PRICE);
      });
    }
    it("error: WrongMint (SOL entry point on an SPL model is refused too)", async () => {
      const mint = await mintFor(requester.publicKey, PRICE, TOKEN_PROGRAM_ID);
      const splModel = await registerModel(owner, 230 + (nonce % 20), mint);
      await expectError(createRequest(requester, splModel, next()), "WrongMint");
    });
  });

  describe("cancel_request", () => {
    it("happy path: full refund and the account is closed", async () => {
      const request = await createRequest(requester, model, next());
      await program.methods.cancelRequest().accountsPartial({ requester: requester.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([requester]).rpc();
      expect(await connection.getAccountInfo(request)).to.equal(null);
    });
    it("error: RequestNotOpen", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await expectError(program.methods.cancelRequest().accountsPartial({ requester: requester.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([requester]).rpc(), "RequestNotOpen");
    });
  });

  describe("claim_request", () => {
    it("happy path", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      const state = await program.account.request.fetch(request);
      expect(state.status.claimed?.oracle.toBase58()).to.equal(oraclePda(oracle.authority.publicKey).toBase58());
    });
    it("error: ClaimStillActive", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      const other = await registerOracle();
      await expectError(program.methods.claimRequest().accountsPartial({ authority: other.authority.publicKey, oracle: oraclePda(other.authority.publicKey), request, previousOracle: oraclePda(oracle.authority.publicKey) }).signers([other.authority]).rpc(), "ClaimStillActive");
    });
  });

  describe("fulfill_request", () => {
    it("happy path: the output is stored with its hash", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await fulfill(oracle, request, f32([0.75]));
      const state = await program.account.request.fetch(request);
      expect(state.status.fulfilled).to.not.equal(undefined);
      expect(Buffer.from(state.outputHash).equals(sha256(f32([0.75])))).to.equal(true);
    });
    it("error: AttestationKeyMismatch (signed by another key)", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await expectError(fulfill(oracle, request, f32([0.75]), Keypair.generate()), "AttestationKeyMismatch");
    });
    it("error: MissingEd25519Instruction", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await expectError(program.methods.fulfillRequest(inline(f32([0.5])) as any).accountsPartial({ authority: oracle.authority.publicKey, oracle: oraclePda(oracle.authority.publicKey), request, model }).signers([oracle.authority]).rpc(), "MissingEd25519Instruction");
    });
  });

  describe("fail_request", () => {
    it("happy path: a signed failure refunds the requester", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      const state = await program.account.request.fetch(request);
      const reason = "input has NaN";
      const message = resultMessage(request, state.inputHash, sha256(Buffer.from(reason)), 2);
      const ed25519 = Ed25519Program.createInstructionWithPrivateKey({ privateKey: oracle.attestation.secretKey, message });
      const before = await connection.getBalance(requester.publicKey);
      await program.methods.failRequest(reason).accountsPartial({ authority: oracle.authority.publicKey, oracle: oraclePda(oracle.authority.publicKey), request, model, requester: requester.publicKey, mint: null, vault: null, requesterToken: null, tokenProgram: null }).preInstructions([ed25519]).signers([oracle.authority]).rpc();
      expect(await connection.getBalance(requester.publicKey)).to.equal(before + PRICE);
    });
    it("error: NotClaimingOracle", async () => {
      const request = await createRequest(requester, model, next());
      const other = await registerOracle();
      await claim(other, request);
      await expectError(program.methods.failRequest("x").accountsPartial({ authority: oracle.authority.publicKey, oracle: oraclePda(oracle.authority.publicKey), request, model, requester: requester.publicKey, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([oracle.authority]).rpc(), "NotClaimingOracle");
    });
  });

  describe("settle_request", () => {
    it("error: ChallengeWindowOpen, then happy path: the price is split", async () => {
      const request = await createRequest(requester, model, next());
      await claim(oracle, request);
      await fulfill(oracle, request, f32([0.5]));
      const settle = () => program.methods.settleRequest().accountsPartial({ request, model, oracle: oraclePda(oracle.authority.publicKey), oracleAuthority: oracle.authority.publicKey, modelOwner: owner.publicKey, treasury, mint: null, vault: null, oracleToken: null, ownerToken: null, treasuryToken: null, tokenProgram: null }).rpc();
      await expectError(settle(), "ChallengeWindowOpen");
      await sleepSlots(CHALLENGE_WINDOW + 1);
      const [ownerBefore, treasuryBefore] = [await connection.getBalance(owner.publicKey), await connection.getBalance(treasury)];
      await settle();
      const { protocol, royalty } = split(PRICE);
      expect(await connection.getBalance(owner.publicKey)).to.equal(ownerBefore + royalty);
      expect(await connection.getBalance(treasury)).to.equal(treasuryBefore + protocol);
      await expectError(settle(), "RequestAlreadySettled");
    });
  });

  const resolveAccounts = (request: PublicKey) => ({
    admin: admin.publicKey, request, model, oracle: oraclePda(oracle.authority.publicKey), requester: requester.publicKey,
    oracleAuthority: oracle.authority.publicKey, modelOwner: owner.publicKey, treasury, mint: null, vault: null,
    requesterToken: null, oracleToken: null, ownerToken: null, treasuryToken: null, tokenProgram: null,
  });
  const fulfilledRequest = async () => {
    const request = await createRequest(requester, model, next());
    await claim(oracle, request);
    await fulfill(oracle, request, f32([0.5]));
    return request;
  };
  const challenge = (request: PublicKey) =>
    program.methods.challengeRequest().accounts({ requester: requester.publicKey, request }).signers([requester]).rpc();

  describe("challenge_request", () => {
    it("happy path: the request waits for the arbiter", async () => {
      const request = await fulfilledRequest();
      await challenge(request);
      expect((await program.account.request.fetch(request)).status.challenged).to.not.equal(undefined);
    });
    it("error: RequestNotFulfilled", async () => {
      const request = await createRequest(requester, model, next());
      await expectError(challenge(request), "RequestNotFulfilled");
    });
  });

  describe("resolve_challenge", () => {
    it("happy path: an upheld challenge refunds the requester and pays it the slash", async () => {
      const request = await fulfilledRequest();
      await challenge(request);
      const before = await connection.getBalance(requester.publicKey);
      const stake = (await program.account.oracle.fetch(oraclePda(oracle.authority.publicKey))).stake.toNumber();
      await program.methods.resolveChallenge(true).accountsPartial(resolveAccounts(request)).rpc();
      expect(await connection.getBalance(requester.publicKey)).to.equal(before + PRICE + Math.floor((stake * 2_000) / 10_000));
    });
    it("error: RequestNotChallenged, NotAdmin", async () => {
      const request = await fulfilledRequest();
      await expectError(program.methods.resolveChallenge(true).accountsPartial(resolveAccounts(request)).rpc(), "RequestNotChallenged");
      await challenge(request);
      const intruder = await funded(1);
      await expectError(program.methods.resolveChallenge(false).accountsPartial({ ...resolveAccounts(request), admin: intruder.publicKey }).signers([intruder]).rpc(), "NotAdmin");
    });
  });

  const expireAccounts = (request: PublicKey) => ({ request, requester: requester.publicKey, oracle: null, mint: null, vault: null, requesterToken: null, tokenProgram: null });
  const close = (request: PublicKey) =>
    program.methods.closeRequest().accountsPartial({ requester: requester.publicKey, request, mint: null, vault: null, requesterToken: null, tokenProgram: null }).signers([requester]).rpc();

  describe("expire_request", () => {
    it("error: DeadlineNotReached, then happy path after the deadline: a full refund", async () => {
      const request = await createRequest(requester, model, next(), [1, 2, 3, 4], SHORT_TTL);
      await expectError(program.methods.expireRequest().accountsPartial(expireAccounts(request)).rpc(), "DeadlineNotReached");
      await sleepSlots(SHORT_TTL + 1);
      const before = await connection.getBalance(requester.publicKey);
      await program.methods.expireRequest().accountsPartial(expireAccounts(request)).rpc();
      expect(await connection.getBalance(requester.publicKey)).to.equal(before + PRICE);
    });
  });

  describe("close_request", () => {
    it("error: RequestNotTerminal, then happy path: the rent returns", async () => {
      const request = await createRequest(requester, model, next(), [1, 2, 3, 4], SHORT_TTL);
      await expectError(close(request), "RequestNotTerminal");
      await sleepSlots(SHORT_TTL + 1);
      await program.methods.expireRequest().accountsPartial(expireAccounts(request)).rpc();
      await close(request);
      expect(await connection.getAccountInfo(request)).to.equal(null);
    });
  });

  describe("begin_unbonding", () => {
    it("happy path, then error: OracleNotActive", async () => {
      const leaving = await registerOracle();
      const begin = () => program.methods.beginUnbonding().accountsPartial({ authority: leaving.authority.publicKey, oracle: oraclePda(leaving.authority.publicKey) }).signers([leaving.authority]).rpc();
      await begin();
      expect((await program.account.oracle.fetch(oraclePda(leaving.authority.publicKey))).status.unbonding).to.not.equal(undefined);
      await expectError(begin(), "OracleNotActive");
    });
  });

  describe("withdraw_stake", () => {
    it("error: OracleNotUnbonding, StillUnbonding; happy path after unbonding", async () => {
      const leaving = await registerOracle();
      const accounts = { authority: leaving.authority.publicKey, oracle: oraclePda(leaving.authority.publicKey) };
      const withdraw = () => program.methods.withdrawStake().accountsPartial(accounts).signers([leaving.authority]).rpc();
      await expectError(withdraw(), "OracleNotUnbonding");
      await program.methods.beginUnbonding().accountsPartial(accounts).signers([leaving.authority]).rpc();
      await expectError(withdraw(), "StillUnbonding");
      await sleepSlots(UNBONDING + 1);
      const before = await connection.getBalance(leaving.authority.publicKey);
      await withdraw();
      expect(await connection.getBalance(leaving.authority.publicKey)).to.be.greaterThan(before + 2 * LAMPORTS_PER_SOL - 10_000);
      expect(await connection.getAccountInfo(oraclePda(leaving.authority.publicKey))).to.equal(null);
    });
  });
});
