//! Start-up setup over JSON-RPC: funded wallets, SPL test mints, the protocol config.

use std::time::Duration;

use anchor_lang::{prelude::Pubkey, solana_program::instruction::Instruction};
use anchor_spl::{associated_token::spl_associated_token_account, token_2022::spl_token_2022};
use anyhow::{bail, Context};
use inference_escrow_client::ix;
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::Transaction;

use crate::{config::LocalnetConfig, node::Localnet};

/// Lamports the faucet keeps for setup fees and rent.
const FAUCET_LAMPORTS: u64 = 1_000_000_000_000;
/// Size of a mint account without extensions (the same in both token programs).
const MINT_LEN: u64 = 82;

/// Funds wallets, creates mints and initializes the config, as `config` asks.
pub async fn run(localnet: &mut Localnet, config: LocalnetConfig) -> anyhow::Result<()> {
    if let Some(faucet) = config.faucet {
        localnet.faucet = faucet;
    }
    let rpc = localnet.rpc();
    let faucet = &localnet.faucet;
    airdrop(&rpc, &faucet.pubkey(), FAUCET_LAMPORTS).await?;
    for (wallet, lamports) in &config.fund {
        airdrop(&rpc, wallet, *lamports).await?;
    }
    for spec in &config.mints {
        let mint = create_mint(&rpc, faucet, spec.program.id(), spec.decimals).await?;
        for (wallet, _) in &config.fund {
            mint_to(
                &rpc,
                faucet,
                &mint,
                spec.program.id(),
                wallet,
                spec.amount_per_wallet,
            )
            .await?;
        }
        localnet.mints.push(mint);
    }
    if let Some(init) = config.initialize {
        airdrop(&rpc, &init.admin.pubkey(), 10_000_000_000).await?;
        let ix = ix::initialize_config(&init.admin.pubkey(), init.params);
        send(&rpc, &[ix], faucet, &[&init.admin])
            .await
            .context("initialize_config")?;
    }
    Ok(())
}

/// Airdrops `lamports` to `to` and waits until the balance shows it.
pub async fn airdrop(rpc: &RpcClient, to: &Pubkey, lamports: u64) -> anyhow::Result<()> {
    let before = rpc.get_balance(to).await.context("reading a balance")?;
    let signature = rpc
        .request_airdrop(to, lamports)
        .await
        .with_context(|| format!("airdrop to {to}"))?;
    for _ in 0..200 {
        if rpc.confirm_transaction(&signature).await.unwrap_or(false) {
            let after = rpc.get_balance(to).await?;
            if after >= before.saturating_add(lamports) {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("the airdrop to {to} was not confirmed")
}

/// Signs `instructions` with `payer` and `signers`, sends them and waits for confirmation.
pub async fn send(
    rpc: &RpcClient,
    instructions: &[Instruction],
    payer: &Keypair,
    signers: &[&Keypair],
) -> anyhow::Result<()> {
    let blockhash = rpc
        .get_latest_blockhash()
        .await
        .context("fetching a blockhash")?;
    let mut all: Vec<&Keypair> = vec![payer];
    all.extend(
        signers
            .iter()
            .copied()
            .filter(|k| k.pubkey() != payer.pubkey()),
    );
    let tx =
        Transaction::new_signed_with_payer(instructions, Some(&payer.pubkey()), &all, blockhash);
    rpc.send_and_confirm_transaction(&tx)
        .await
        .context("sending a transaction")?;
    Ok(())
}

/// Creates a mint under `token_program` with `authority` as mint authority.
pub async fn create_mint(
    rpc: &RpcClient,
    authority: &Keypair,
    token_program: Pubkey,
    decimals: u8,
) -> anyhow::Result<Pubkey> {
    let mint = Keypair::new();
    let rent = rpc
        .get_minimum_balance_for_rent_exemption(MINT_LEN as usize)
        .await?;
    let create = solana_system_interface::instruction::create_account(
        &authority.pubkey(),
        &mint.pubkey(),
        rent,
        MINT_LEN,
        &token_program,
    );
    let init = spl_token_2022::instruction::initialize_mint2(
        &token_program,
        &mint.pubkey(),
        &authority.pubkey(),
        None,
        decimals,
    )?;
    send(rpc, &[create, init], authority, &[&mint])
        .await
        .context("creating a mint")?;
    Ok(mint.pubkey())
}

/// Mints `amount` to `owner`'s associated token account, creating it when needed.
pub async fn mint_to(
    rpc: &RpcClient,
    authority: &Keypair,
    mint: &Pubkey,
    token_program: Pubkey,
    owner: &Pubkey,
    amount: u64,
) -> anyhow::Result<()> {
    let account =
        spl_associated_token_account::address::get_associated_token_address_with_program_id(
            owner,
            mint,
            &token_program,
        );
    let create =
        spl_associated_token_account::instruction::create_associated_token_account_idempotent(
            &authority.pubkey(),
            owner,
            mint,
            &token_program,
        );
    let mint_ix = spl_token_2022::instruction::mint_to(
        &token_program,
        mint,
        &account,
        &authority.pubkey(),
        &[],
        amount,
    )?;
    send(rpc, &[create, mint_ix], authority, &[])
        .await
        .context("minting test tokens")?;
    Ok(())
}
