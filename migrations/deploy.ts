// `anchor migrate` runs this after `anchor deploy`, with the provider from Anchor.toml.
// It initializes the protocol config, making the provider wallet admin and arbiter; run it right
// after deploying (whoever calls initialize_config first becomes admin). Parameters come from the
// environment, with the defaults below.
import * as anchor from "@anchor-lang/core";
import idl from "../target/idl/inference_escrow.json";
import type { InferenceEscrow } from "../target/types/inference_escrow";

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

module.exports = async function (provider: anchor.AnchorProvider) {
  anchor.setProvider(provider);
  const program = new anchor.Program<InferenceEscrow>(idl as InferenceEscrow, provider);
  const [config] = anchor.web3.PublicKey.findProgramAddressSync([Buffer.from("config")], program.programId);
  if (await program.account.config.fetchNullable(config)) {
    console.log(`config ${config.toBase58()} already initialized; nothing to do`);
    return;
  }
  const treasury = process.env.TREASURY ? new anchor.web3.PublicKey(process.env.TREASURY) : provider.wallet.publicKey;
  // Windows in slots (400 ms on mainnet and devnet); each must be within its documented range
  // (docs/protocol.md), and min_fulfil < min_request_ttl <= max_request_ttl.
  const params = {
    treasury,
    protocolFeeBps: num("PROTOCOL_FEE_BPS", 250),
    minOracleStake: new anchor.BN(num("MIN_ORACLE_STAKE_LAMPORTS", 1_000_000_000)),
    // A claim locks max(MIN_CLAIM_BOND_LAMPORTS, price * CLAIM_BOND_BPS / 10_000) of the stake;
    // the minimum must not exceed MIN_ORACLE_STAKE_LAMPORTS.
    minClaimBond: new anchor.BN(num("MIN_CLAIM_BOND_LAMPORTS", 50_000_000)),
    claimBondBps: num("CLAIM_BOND_BPS", 10_000),
    claimTimeoutSlots: new anchor.BN(num("CLAIM_TIMEOUT_SLOTS", 150)),
    challengeWindowSlots: new anchor.BN(num("CHALLENGE_WINDOW_SLOTS", 150)),
    unbondingSlots: new anchor.BN(num("UNBONDING_SLOTS", 216_000)),
    arbitrationTimeoutSlots: new anchor.BN(num("ARBITRATION_TIMEOUT_SLOTS", 216_000)),
    minFulfilSlots: new anchor.BN(num("MIN_FULFIL_SLOTS", 20)),
    // Quorum requests: committed seats may reveal this long after the deadline. Disputes: the
    // challenger posts CHALLENGE_BOND_LAMPORTS, a round of DISPUTE_REPLICAS oracles has
    // DISPUTE_WINDOW_SLOTS to commit (more than MIN_FULFIL_SLOTS).
    revealWindowSlots: new anchor.BN(num("REVEAL_WINDOW_SLOTS", 150)),
    challengeBond: new anchor.BN(num("CHALLENGE_BOND_LAMPORTS", 100_000_000)),
    disputeReplicas: num("DISPUTE_REPLICAS", 3),
    disputeWindowSlots: new anchor.BN(num("DISPUTE_WINDOW_SLOTS", 300)),
    minRequestTtlSlots: new anchor.BN(num("MIN_REQUEST_TTL_SLOTS", 40)),
    maxRequestTtlSlots: new anchor.BN(num("MAX_REQUEST_TTL_SLOTS", 9_000)),
    // Hard caps: 768 input bytes, 384 output bytes (larger data goes by URI).
    maxInputLen: num("MAX_INPUT_LEN", 768),
    maxOutputLen: num("MAX_OUTPUT_LEN", 384),
  };
  const signature = await program.methods.initializeConfig(params).accountsPartial({ admin: provider.wallet.publicKey }).rpc();
  console.log(`config ${config.toBase58()} initialized (admin ${provider.wallet.publicKey.toBase58()}): ${signature}`);
};
