//! The `oracle` binary as an operator and a dApp would use it, against an embedded localnet:
//! model register, register, run, request, status, and SIGTERM.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

use common::*;
use inference_escrow_client::{pda, Model, Oracle};
use inference_localnet::{InitConfig, LocalnetConfig};
use solana_keypair::{write_keypair_file, Keypair};
use solana_signer::Signer;

fn oracle(dir: &Path, rpc: &str, ws: &str, payer: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_oracle"));
    command
        .current_dir(dir)
        .env("ORT_DYLIB_PATH", onnxruntime_library())
        // The test reads the service's INFO lines, whatever the test process was given.
        .env("RUST_LOG", "info")
        .args([
            "--rpc-url",
            rpc,
            "--ws-url",
            ws,
            "--payer",
            payer.to_str().unwrap(),
            "--log-format",
            "json",
        ])
        .args(args);
    command
}

#[track_caller]
fn succeed(output: Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "failed: {}\nstdout: {stdout}\nstderr: {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// `oracle request create` of `model` with input.json and `nonce` (and `extra` flags), through
/// `command` (the binary with its shared flags); what it printed.
#[track_caller]
fn create_request(mut command: Command, model: &str, nonce: &str, extra: &[&str]) -> String {
    command.args([
        "request",
        "create",
        "--model",
        model,
        "--input",
        "input.json",
        "--nonce",
        nonce,
    ]);
    command.args(extra);
    succeed(command.output().unwrap())
}

#[track_caller]
fn fail_with(output: Output, expected: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !output.status.success() && stderr.contains(expected),
        "expected a failure saying {expected:?}; {}, stderr: {stderr}",
        output.status
    );
    stderr
}

fn kill_term(child: &Child) {
    assert!(Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap()
        .success());
}

#[tokio::test(flavor = "multi_thread")]
async fn operator_and_dapp_flows_through_the_binary() {
    if std::env::var_os("RUST_LOG").is_none() {
        std::env::set_var("RUST_LOG", "error");
    }
    let dir = std::env::temp_dir().join(format!("oracle-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (owner, operator, attestation, requester, admin) = (
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
        Keypair::new(),
    );
    for (name, key) in [
        ("owner", &owner),
        ("operator", &operator),
        ("attestation", &attestation),
        ("requester", &requester),
    ] {
        write_keypair_file(key, dir.join(format!("{name}.json"))).unwrap();
    }
    let localnet = inference_localnet::start(LocalnetConfig {
        slot_time_ms: 40,
        fund: [&owner, &operator, &requester]
            .iter()
            .map(|k| (k.pubkey(), 10 * SOL))
            .collect(),
        initialize: Some(InitConfig {
            params: inference_escrow_client::ConfigParams {
                claim_timeout_slots: 60,
                // Long enough (8 s) that a result is still in its window when the service
                // stops below, so that the withdrawal has to settle it itself.
                challenge_window_slots: 200,
                unbonding_slots: 100,
                ..inference_localnet::default_params(admin.pubkey())
            },
            admin,
        }),
        ..LocalnetConfig::default()
    })
    .await
    .unwrap();
    let (rpc, ws) = (localnet.rpc_url.clone(), localnet.ws_url.clone());
    let model_file = model_path("risk_v1.onnx");

    // The model owner registers the model from its file.
    let out = succeed(
        oracle(
            &dir,
            &rpc,
            &ws,
            &dir.join("owner.json"),
            &[
                "model",
                "register",
                "--file",
                model_file.to_str().unwrap(),
                "--name",
                "risk-v1",
                "--price",
                "1000000",
                "--uri",
                "file:///srv/models/risk_v1.onnx",
            ],
        )
        .output()
        .unwrap(),
    );
    let model_id = inference_escrow::attestation::sha256(b"risk-v1");
    let model = pda::model(&owner.pubkey(), &model_id);
    assert!(out.contains(&model.to_string()), "{out}");
    let registered: Model = decode(&localnet, &model).await;
    assert_eq!(
        registered.onnx_sha256,
        inference_oracle::inference::sha256_file(&model_file).unwrap()
    );

    // The operator registers with its attestation key, then runs the service.
    let operator_file = dir.join("operator.json");
    let attestation_arg = dir.join("attestation.json");
    succeed(
        oracle(
            &dir,
            &rpc,
            &ws,
            &operator_file,
            &[
                "--attestation-key",
                attestation_arg.to_str().unwrap(),
                "register",
                "--stake",
                "2",
            ],
        )
        .output()
        .unwrap(),
    );
    let metrics_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
        .to_string();
    let served = format!("{model}={}", model_file.display());
    let mut service = oracle(
        &dir,
        &rpc,
        &ws,
        &operator_file,
        &[
            "--attestation-key",
            attestation_arg.to_str().unwrap(),
            "run",
            "--model",
            &served,
            "--metrics-addr",
            &format!("127.0.0.1:{metrics_port}"),
            "--priority-fee",
            "0",
        ],
    )
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    // The service's log lines, read on a thread so that waiting for one can time out.
    let (lines_tx, lines) = std::sync::mpsc::channel::<String>();
    let log = BufReader::new(service.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in log.lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .expect("the service logs that it serves metrics within 60 s");
        if line.contains("metrics on /metrics") {
            assert!(line.contains("\"level\":\"INFO\""), "JSON logs: {line}");
            break;
        }
    }

    // A dApp asks for a score and waits for it.
    std::fs::write(dir.join("input.json"), "[0.9, 0.2, 1.4, 0.8]").unwrap();
    let model_arg = model.to_string();
    let create = |nonce: &str, extra: &[&str]| {
        let requester_file = dir.join("requester.json");
        create_request(
            oracle(&dir, &rpc, &ws, &requester_file, &[]),
            &model_arg,
            nonce,
            extra,
        )
    };
    let out = create("7", &[]);
    let printed = out
        .split("result [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .unwrap_or_else(|| panic!("no result in {out}"));
    assert_close(
        &[printed.parse::<f32>().unwrap()],
        risk_v1([0.9, 0.2, 1.4, 0.8]),
        "the printed score",
    );

    // Health and metrics, as Prometheus would scrape them.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let metrics = http_get(&format!("127.0.0.1:{metrics_port}"), "/metrics").await;
    assert!(
        metrics.contains(&format!(
            "oracle_requests_fulfilled_total{{model=\"{model}\"}} 1"
        )),
        "{metrics}"
    );
    assert!(
        metrics.contains(&format!(
            "oracle_execution_provider{{model=\"{model}\",provider=\"cpu\"}} 1"
        )),
        "{metrics}"
    );
    assert!(
        metrics.contains("oracle_inference_seconds_count"),
        "{metrics}"
    );
    for name in [
        "oracle_build_info{",
        "oracle_request_to_result_slots_count",
        "oracle_seen_to_result_seconds_count",
        "oracle_websocket_connected 1",
        "oracle_in_flight ",
        "oracle_pending_settlements ",
        "oracle_slot_lag ",
    ] {
        assert!(metrics.contains(name), "{name} in {metrics}");
    }
    assert!(
        metrics.contains(&format!(
            "oracle_requests_seen_total{{model=\"{model}\"}} 1"
        )),
        "each request seen once: {metrics}"
    );
    for path in ["/health", "/ready"] {
        let answer = http_get(&format!("127.0.0.1:{metrics_port}"), path).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{path}: {answer}");
    }

    let out = succeed(
        oracle(
            &dir,
            &rpc,
            &ws,
            &operator_file,
            &[
                "--attestation-key",
                attestation_arg.to_str().unwrap(),
                "status",
            ],
        )
        .output()
        .unwrap(),
    );
    assert!(
        out.contains(&pda::oracle(&operator.pubkey()).to_string())
            && out.contains("fulfilled        1"),
        "{out}"
    );
    let state: Oracle = decode(&localnet, &pda::oracle(&operator.pubkey())).await;
    assert_eq!(state.fulfilled, 1);

    // Once settled, the operator collects its fees into its wallet.
    let deadline = Instant::now() + Duration::from_secs(30);
    let owed = loop {
        let state: Oracle = decode(&localnet, &pda::oracle(&operator.pubkey())).await;
        if state.fees_owed > 0 {
            break state.fees_owed;
        }
        assert!(Instant::now() < deadline, "the service settles its request");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    let out = succeed(
        oracle(&dir, &rpc, &ws, &operator_file, &["collect"])
            .output()
            .unwrap(),
    );
    assert!(
        out.contains(&format!("collected {owed} lamports of fees")),
        "{out}"
    );
    let state: Oracle = decode(&localnet, &pda::oracle(&operator.pubkey())).await;
    assert_eq!(state.fees_owed, 0);

    requester_commands(&dir, &rpc, &ws, &model).await;

    // Registering twice says so, and names the command that adds stake.
    let operator_cmd = |args: &[&str]| {
        let mut all = vec!["--attestation-key", attestation_arg.to_str().unwrap()];
        all.extend_from_slice(args);
        oracle(&dir, &rpc, &ws, &operator_file, &all)
            .output()
            .unwrap()
    };
    let again = operator_cmd(&["register", "--stake", "1"]);
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("already registered") && stderr.contains("oracle stake add"),
        "{stderr}"
    );

    // Stake: add, unbond, withdraw (refused until the unbonding period ends, then waited for).
    let out = succeed(operator_cmd(&["stake", "add", "--sol", "0.5"]));
    assert!(
        out.contains("2000000000 lamports (2 SOL) -> 2500000000 lamports (2.5 SOL)"),
        "{out}"
    );
    // A result still in its challenge window when the operator leaves.
    let pending = {
        let out = create("11", &[]);
        assert!(out.contains("fulfilled"), "{out}");
        pda::request(&requester.pubkey(), 11)
    };
    let out = succeed(operator_cmd(&["stake", "unbond"]));
    assert!(
        out.contains("is unbonding") && out.contains("stake withdraw"),
        "{out}"
    );
    let early = operator_cmd(&["stake", "withdraw"]);
    assert!(!early.status.success());
    let stderr = String::from_utf8_lossy(&early.stderr);
    assert!(
        stderr.contains("not withdrawable yet: unbonding until slot"),
        "{stderr}"
    );
    // Unbonding, the service stops claiming and says so on /ready; /health stays 200 (a
    // planned exit is not a fault).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let ready = http_get(&format!("127.0.0.1:{metrics_port}"), "/ready").await;
        if ready.starts_with("HTTP/1.1 503") {
            assert!(ready.contains("unbonding"), "{ready}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "/ready turns 503 once unbonding: {ready}"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    let health = http_get(&format!("127.0.0.1:{metrics_port}"), "/health").await;
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");

    // SIGTERM: the service stops cleanly.
    kill_term(&service);
    let status = service.wait().unwrap();
    assert!(status.success(), "{status}");

    let state: inference_escrow_client::Request = decode(&localnet, &pending).await;
    assert!(
        matches!(
            state.status,
            inference_escrow_client::RequestStatus::Fulfilled { .. }
        ),
        "still in its window: {:?}",
        state.status
    );

    // Withdrawing waits out the unbonding period and settles the result the stopped service
    // left (anyone may), without which the stake could not leave.
    let before = localnet_balance(&localnet, &operator.pubkey()).await;
    let out = succeed(operator_cmd(&["stake", "withdraw", "--wait"]));
    assert!(
        out.contains(&format!("settle {pending}: transaction"))
            && out.contains("withdrawn and closed"),
        "{out}"
    );
    let after = localnet_balance(&localnet, &operator.pubkey()).await;
    assert!(
        after > before + 2_400_000_000,
        "the stake came back: {before} -> {after}"
    );
    // An input sent by URI commits to the bytes' SHA-256; with no oracle running it stays
    // open, and its requester takes it back.
    let out = create(
        "12",
        &[
            "--input-uri",
            "https://example.com/features.bin",
            "--wait-secs",
            "0",
        ],
    );
    assert!(out.contains("input by URI"), "{out}");
    let by_uri = pda::request(&requester.pubkey(), 12);
    let state: inference_escrow_client::Request = decode(&localnet, &by_uri).await;
    assert_eq!(
        state.input,
        inference_escrow_client::DataRef::Uri("https://example.com/features.bin".to_owned())
    );
    let packed: Vec<u8> = [0.9f32, 0.2, 1.4, 0.8]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    assert_eq!(
        state.input_hash,
        inference_escrow::attestation::sha256(&packed)
    );
    let requester_file = dir.join("requester.json");
    let out = succeed(
        oracle(
            &dir,
            &rpc,
            &ws,
            &requester_file,
            &["request", "cancel", &by_uri.to_string()],
        )
        .output()
        .unwrap(),
    );
    assert!(out.contains("cancelled"), "{out}");
    fail_with(
        oracle(
            &dir,
            &rpc,
            &ws,
            &requester_file,
            &[
                "request",
                "create",
                "--model",
                &model_arg,
                "--input",
                "input.json",
                "--input-uri",
                "file://relative/x.bin",
            ],
        )
        .output()
        .unwrap(),
        "a file URI names an absolute path",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A requester's commands on the request made above and on new ones: show, refusals of
/// unreadable input, cancel, and a program error named by the IDL.
async fn requester_commands(dir: &Path, rpc: &str, ws: &str, model: &anchor_lang::prelude::Pubkey) {
    let requester = dir.join("requester.json");
    let run = |args: &[&str]| oracle(dir, rpc, ws, &requester, args).output().unwrap();
    let model = model.to_string();
    let requester_key = solana_keypair::read_keypair_file(&requester)
        .unwrap()
        .pubkey();
    let request_at = |nonce: u64| pda::request(&requester_key, nonce).to_string();
    let request = request_at(7);
    let out = succeed(run(&["request", "show", &request]));
    assert!(out.contains("settled") && out.contains("result ["), "{out}");

    // Input that cannot be read is refused before anything is sent.
    for (body, expected) in [
        ("[0.9, 0.2, 1.4", "not valid JSON"),
        ("[0.9, \"x\", 1.4, 0.8]", "is not a number"),
        ("[0.9, 0.2, 1.4]", "do not fill the model's input shape"),
    ] {
        std::fs::write(dir.join("bad.json"), body).unwrap();
        let out = run(&[
            "request", "create", "--model", &model, "--input", "bad.json", "--nonce", "8",
        ]);
        assert!(!out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{body}: {stderr}");
    }

    // A request created without waiting, then cancelled; cancelling again is refused by name.
    let create = |nonce: &str, extra: &[&str]| {
        let mut args = vec!["--wait-secs", "0"];
        args.extend_from_slice(extra);
        create_request(oracle(dir, rpc, ws, &requester, &[]), &model, nonce, &args)
    };
    let out = create("9", &[]);
    assert!(
        out.contains("created") && out.contains("transaction "),
        "{out}"
    );
    let cancelled = request_at(9);
    // The service may claim and answer it first: then it is settled later, not cancellable.
    let out = run(&["request", "cancel", &cancelled]);
    if out.status.success() {
        let again = run(&["request", "cancel", &cancelled]);
        let stderr = String::from_utf8_lossy(&again.stderr);
        assert!(stderr.contains("no request at"), "{stderr}");
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("RequestNotOpen (60"),
            "a program error by name: {stderr}"
        );
    }
    // Closing a request that has not ended is refused with the program's own words.
    let out = create("10", &["--ttl-slots", "2000"]);
    assert!(out.contains("created"), "{out}");
    let open = request_at(10);
    let out = run(&["request", "close", &open]);
    assert!(
        !out.status.success(),
        "an open or fulfilled request cannot be closed"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("close failed") && stderr.contains("RequestNotTerminal (6"),
        "the program error by name and message: {stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn run_refuses_unknown_config_fields_and_missing_keys_clearly() {
    let dir = std::env::temp_dir().join(format!("oracle-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.toml"), "rpc_url = \"http://x\"\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_oracle"))
        .current_dir(&dir)
        .args(["--config", "bad.toml", "run"])
        .output()
        .unwrap();
    fail_with(output, "unknown field `rpc_url`");

    let output = Command::new(env!("CARGO_BIN_EXE_oracle"))
        .current_dir(&dir)
        .args(["--payer", "missing.json", "status"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("reading keypair missing.json"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

async fn localnet_balance(
    localnet: &inference_localnet::Localnet,
    key: &anchor_lang::prelude::Pubkey,
) -> u64 {
    solana_client::nonblocking::rpc_client::RpcClient::new(localnet.rpc_url.clone())
        .get_balance(key)
        .await
        .unwrap()
}

async fn decode<T: anchor_lang::AccountDeserialize + anchor_lang::Discriminator>(
    localnet: &inference_localnet::Localnet,
    key: &anchor_lang::prelude::Pubkey,
) -> T {
    inference_escrow_client::decode::account(&localnet.rpc().get_account_data(key).await.unwrap())
        .unwrap()
}
