//! The `localnet` binary as a script would use it: start, wait for `ready`, talk RPC, SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use inference_escrow_client::{decode, pda, Config};
use solana_client::nonblocking::rpc_client::RpcClient;
use solana_keypair::{write_keypair_file, Keypair};
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread")]
async fn start_fund_mint_initialize_and_stop_on_sigterm() {
    let dir = std::env::temp_dir().join(format!("localnet-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let admin = Keypair::new();
    let admin_file = dir.join("admin.json");
    write_keypair_file(&admin, &admin_file).unwrap();
    let wallet = Keypair::new();
    let wallet_file = dir.join("wallet.json");
    write_keypair_file(&wallet, &wallet_file).unwrap();
    let other = Keypair::new().pubkey();
    let ready_file = dir.join("ready.json");

    let mut child = Command::new(env!("CARGO_BIN_EXE_localnet"))
        .args(["--rpc-port", "0", "--ws-port", "0", "--slot-time-ms", "50"])
        .args([
            "--fund",
            &format!("{}=7", wallet_file.display()),
            "--fund",
            &other.to_string(),
        ])
        .args(["--mint", "token-2022:2", "--mint-amount", "500"])
        .args([
            "--init-config",
            "--admin",
            admin_file.to_str().unwrap(),
            "--protocol-fee-bps",
            "300",
        ])
        .args([
            "--ready-file",
            ready_file.to_str().unwrap(),
            "--log-format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("localnet starts");

    // Wait for the readiness line.
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let started = Instant::now();
    let mut banner = String::new();
    loop {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "localnet exited early:\n{banner}"
        );
        banner.push_str(&line);
        if line.trim() == "ready" {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "not ready in time:\n{banner}"
        );
    }

    let ready: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&ready_file).unwrap()).unwrap();
    let rpc_url = ready["rpc_url"].as_str().unwrap().to_owned();
    assert!(
        banner.contains(&rpc_url),
        "the banner names the RPC endpoint"
    );
    assert_eq!(ready["program_id"], inference_escrow::ID.to_string());
    let mint: anchor_lang::prelude::Pubkey = ready["mints"][0].as_str().unwrap().parse().unwrap();

    let rpc = RpcClient::new(rpc_url);
    assert_eq!(
        rpc.get_balance(&wallet.pubkey()).await.unwrap(),
        7_000_000_000
    );
    assert_eq!(rpc.get_balance(&other).await.unwrap(), 100_000_000_000);
    let token_account = pda::token_account(&wallet.pubkey(), &mint, &anchor_spl::token_2022::ID);
    assert_eq!(
        rpc.get_token_account_balance(&token_account)
            .await
            .unwrap()
            .amount,
        "500"
    );
    let config: Config =
        decode::account(&rpc.get_account_data(&pda::config()).await.unwrap()).unwrap();
    assert_eq!(
        (config.admin, config.treasury, config.protocol_fee_bps),
        (admin.pubkey(), admin.pubkey(), 300)
    );

    // SIGTERM: a clean exit, and the ready file is gone.
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "exit status {exit:?}");
    assert!(!ready_file.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_a_busy_port_with_a_clear_error() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_localnet"))
        .args(["--rpc-port", &port, "--ws-port", "0"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("RPC port {port} on 127.0.0.1 is not free")),
        "{stderr}"
    );
}
