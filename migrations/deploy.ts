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
  const params = {
    treasury,
    protocolFeeBps: num("PROTOCOL_FEE_BPS", 250),
    minOracleStake: new anchor.BN(num("MIN_ORACLE_STAKE_LAMPORTS", 1_000_000_000)),
    claimTimeoutSlots: new anchor.BN(num("CLAIM_TIMEOUT_SLOTS", 150)),
    challengeWindowSlots: new anchor.BN(num("CHALLENGE_WINDOW_SLOTS", 150)),
    unbondingSlots: new anchor.BN(num("UNBONDING_SLOTS", 216_000)),
    noShowSlashBps: num("NO_SHOW_SLASH_BPS", 500),
    wrongResultSlashBps: num("WRONG_RESULT_SLASH_BPS", 1_000),
    maxInputLen: num("MAX_INPUT_LEN", 1_024),
    maxOutputLen: num("MAX_OUTPUT_LEN", 1_024),
    maxRequestTtlSlots: new anchor.BN(num("MAX_REQUEST_TTL_SLOTS", 9_000)),
  };
  const signature = await program.methods.initializeConfig(params).accountsPartial({ admin: provider.wallet.publicKey }).rpc();
  console.log(`config ${config.toBase58()} initialized (admin ${provider.wallet.publicKey.toBase58()}): ${signature}`);
};
