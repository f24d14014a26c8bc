//! The oracle protects its own stake: fault scenarios against a running oracle on the localnet.
//! Hostile inputs (`/dev/zero`, a FIFO, a slow body, a huge body, a private address) get a
//! signed failure by category and the oracle keeps serving; a dry wallet stops claims and says
//! so on `/health`; shutdown fails what it holds instead of leaving it to expire into a slash;
//! requests of models it stopped serving are still settled, or failed when only claimed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::{
    path::PathBuf,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

use anchor_lang::prelude::Pubkey;
use common::*;
use inference_escrow::attestation::sha256;
use inference_escrow_client::{pda, Oracle, Request, RequestStatus};
use inference_localnet::setup;
use inference_oracle::config::OracleConfig;
use solana_keypair::Keypair;
use solana_signer::Signer;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpListener,
};

fn failed(r: &Request) -> bool {
    matches!(r.status, RequestStatus::Failed { .. })
}

/// Waits for `key` to fail and checks the signed reason (its SHA-256 is the output hash).
async fn assert_failed_with(stack: &Stack, key: Pubkey, reason: &str) {
    let states = stack
        .wait_all(&[key], failed, Duration::from_secs(60))
        .await;
    assert_eq!(
        states[0].output_hash,
        sha256(reason.as_bytes()),
        "the signed reason is {reason:?}"
    );
}

/// A request whose input is at `uri`, declared to hash to the four features' bytes (the hash
/// never matters: these inputs are refused before it is checked).
async fn uri_request(stack: &Stack, requester: usize, nonce: u64, uri: String) -> Pubkey {
    stack
        .create_uri_request(&stack.requesters[requester], nonce, uri, [3; 32])
        .await
}

/// A directory of its own under the temp dir, allow-listed for `file://` inputs.
fn input_root(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "oracle-faults-{name}-{}-{}",
        std::process::id(),
        Keypair::new().pubkey()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// After a hostile input, the same oracle still serves an honest request.
async fn still_serves(stack: &Stack, nonce: u64) {
    let key = stack
        .create_request(&stack.requesters[2], nonce, [0.5, 0.5, 0.5, 0.5])
        .await;
    let states = stack
        .wait_all(
            &[key],
            |r| {
                matches!(
                    r.status,
                    RequestStatus::Fulfilled { .. } | RequestStatus::Settled { .. }
                )
            },
            Duration::from_secs(60),
        )
        .await;
    assert_close(
        &output_scores(&states[0]),
        risk_v1([0.5; 4]),
        "after a hostile input",
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_zero_and_a_fifo_get_signed_failures_and_the_oracle_survives() {
    let stack = Stack::start().await;
    let root = input_root("files");
    let fifo = root.join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let oracle = stack.spawn_oracle_with(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
        |config| config.input.file_roots = vec![root.clone(), PathBuf::from("/dev")],
    );
    // v1 read /dev/zero until the oracle died, again after every restart.
    let zero = uri_request(&stack, 0, 1, "file:///dev/zero".to_owned()).await;
    let pipe = uri_request(&stack, 1, 2, format!("file://{}", fifo.display())).await;
    assert_failed_with(&stack, zero, "input URI unreachable").await;
    assert_failed_with(&stack, pipe, "input URI unreachable").await;
    still_serves(&stack, 3).await;
    let state: Oracle = stack
        .account(&pda::oracle(&stack.operators[0].pubkey()))
        .await;
    assert_eq!(
        (state.failed, state.slashes, state.stake),
        (2, 0, 2 * SOL),
        "no slash"
    );
    oracle.stop().await.unwrap();
    std::fs::remove_dir_all(root).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn file_inputs_are_off_by_default_and_never_reveal_local_files() {
    let stack = Stack::start().await;
    let root = input_root("private");
    let secret = root.join("exists.bin");
    std::fs::write(&secret, [1u8; 16]).unwrap();
    let oracle = stack.spawn_oracle(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
    );
    let existing = uri_request(&stack, 0, 1, format!("file://{}", secret.display())).await;
    let missing = uri_request(&stack, 1, 2, "file:///no/such/file".to_owned()).await;
    // Both get the same category: nothing says whether a local file exists.
    assert_failed_with(&stack, existing, "input URI scheme not allowed").await;
    assert_failed_with(&stack, missing, "input URI scheme not allowed").await;
    oracle.stop().await.unwrap();
    std::fs::remove_dir_all(root).unwrap();
}

/// An HTTP server on loopback that answers every connection with `respond`, counting them.
async fn http_server<F, Fut>(respond: F) -> (String, Arc<AtomicUsize>)
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/input", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let count = connections.clone();
    let respond = Arc::new(respond);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            let respond = respond.clone();
            tokio::spawn(async move {
                let mut request = [0u8; 2048];
                let _ = stream.read(&mut request).await;
                respond(stream).await;
            });
        }
    });
    (url, connections)
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_and_huge_bodies_are_cut_off_with_signed_failures() {
    let stack = Stack::start().await;
    // Headers at once, then one byte a second, for ever.
    let (slow, _) = http_server(|mut stream| async move {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\n\r\n").await;
        for _ in 0..600 {
            if stream.write_all(b"x").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    })
    .await;
    // No length, then an endless body as fast as the socket takes it.
    let (huge, _) = http_server(|mut stream| async move {
        let _ = stream
            .write_all(b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n")
            .await;
        let chunk = vec![7u8; 64 * 1024];
        while stream.write_all(&chunk).await.is_ok() {}
    })
    .await;
    let oracle = stack.spawn_oracle_with(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
        |config| {
            config.input.allow_private_hosts = true;
            config.input.timeout_ms = 1_500;
            config.input.max_bytes = 1024 * 1024;
        },
    );
    let slow_request = uri_request(&stack, 0, 1, slow).await;
    let huge_request = uri_request(&stack, 1, 2, huge).await;
    assert_failed_with(&stack, slow_request, "input fetch timed out").await;
    assert_failed_with(&stack, huge_request, "input larger than the oracle's limit").await;
    still_serves(&stack, 3).await;
    oracle.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn private_addresses_are_refused_without_a_connection() {
    let stack = Stack::start().await;
    let (url, connections) = http_server(|mut stream| async move {
        let body = [0u8; 16];
        let head = format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", body.len());
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(&body).await;
    })
    .await;
    let port = url
        .split(':')
        .nth(2)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let oracle = stack.spawn_oracle(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
    );
    let loopback = uri_request(&stack, 0, 1, url.clone()).await;
    let by_name = uri_request(&stack, 1, 2, format!("http://localhost:{port}/input")).await;
    let metadata = uri_request(
        &stack,
        2,
        3,
        "http://169.254.169.254/latest/meta-data".to_owned(),
    )
    .await;
    for key in [loopback, by_name, metadata] {
        assert_failed_with(&stack, key, "input host not allowed").await;
    }
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "the oracle never connected to a private address"
    );
    oracle.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_too_close_to_their_deadline_are_not_claimed() {
    let stack = Stack::start().await;
    // The protocol wants 20 slots left for a claim; this oracle wants 100 more than that.
    let oracle = stack.spawn_oracle_with(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
        |config| config.claim_margin_slots = 100,
    );
    let short = stack
        .create_request_with_ttl(&stack.requesters[0], 1, [0.1; 4], 60)
        .await;
    let long = stack
        .create_request(&stack.requesters[1], 2, [0.2; 4])
        .await;
    stack
        .wait_all(&[long], is_settled, Duration::from_secs(60))
        .await;
    // The short one could have been claimed by the protocol's rules, but not finished with this
    // oracle's margin: it was left alone and expires without a slash.
    let deadline = stack.account::<Request>(&short).await.deadline_slot;
    while stack.rpc.get_slot().await.unwrap() <= deadline {
        assert_eq!(
            stack.account::<Request>(&short).await.status,
            RequestStatus::Open,
            "never claimed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    setup::send(
        &stack.rpc,
        &[inference_escrow_client::ix::expire_request(&short, None)],
        &stack.requesters[0],
        &[],
    )
    .await
    .unwrap();
    let state: Oracle = stack
        .account(&pda::oracle(&stack.operators[0].pubkey()))
        .await;
    assert_eq!((state.slashes, state.open_requests), (0, 0));
    oracle.stop().await.unwrap();
}

/// `operator`'s oracle serving risk_v1 with `/metrics`, `/health` and `/ready` on a free
/// loopback port; returns it and that address.
fn spawn_observed(stack: &Stack, operator: &Keypair) -> (RunningOracle, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let metrics = addr.parse().unwrap();
    let oracle = stack.spawn_oracle_with(
        operator,
        &[(stack.model, model_path("risk_v1.onnx"))],
        |config: &mut OracleConfig| config.metrics_addr = metrics,
    );
    (oracle, addr)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dry_wallet_stops_claims_and_says_so_until_funded() {
    let stack = Stack::start().await;
    let operator = &stack.operators[0];
    // Leave the wallet 0.01 SOL, below the default floor of 0.05 SOL.
    let keep = SOL / 100;
    let balance = stack.balance(&operator.pubkey()).await;
    let drain = solana_system_interface::instruction::transfer(
        &operator.pubkey(),
        &Keypair::new().pubkey(),
        balance - keep - FEE_PER_SIGNATURE,
    );
    setup::send(&stack.rpc, &[drain], operator, &[])
        .await
        .unwrap();
    let (oracle, addr) = spawn_observed(&stack, operator);
    let key = stack
        .create_request(&stack.requesters[0], 1, [0.1, 0.2, 0.3, 0.4])
        .await;
    let health = wait_for(Duration::from_secs(30), || async {
        let answer = http_get_opt(&addr, "/health").await?;
        answer.contains("below the floor").then_some(answer)
    })
    .await;
    assert!(health.starts_with("HTTP/1.1 503"), "{health}");
    let metrics = http_get(&addr, "/metrics").await;
    assert!(metrics.contains("oracle_claiming 0"), "{metrics}");
    assert!(
        metrics.contains(&format!("oracle_wallet_lamports {keep}")),
        "{metrics}"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        stack.account::<Request>(&key).await.status,
        RequestStatus::Open,
        "no claim it could not pay to finish"
    );

    // Funded again, it claims and serves.
    let funder = &stack.requesters[1];
    let fund =
        solana_system_interface::instruction::transfer(&funder.pubkey(), &operator.pubkey(), SOL);
    setup::send(&stack.rpc, &[fund], funder, &[]).await.unwrap();
    stack
        .wait_all(&[key], is_settled, Duration::from_secs(60))
        .await;
    assert!(http_get(&addr, "/health").await.starts_with("HTTP/1.1 200"));
    oracle.stop().await.unwrap();
}

/// Claims the program would refuse are not attempted: while the protocol is paused (a pause:
/// /ready 503, /health 200) and while the stake is below the protocol's minimum (a fault:
/// /health 503 with what to do); each ends when its cause does, and the request is served.
#[tokio::test(flavor = "multi_thread")]
async fn a_paused_protocol_or_a_stake_below_the_minimum_stops_claims_and_says_so() {
    use inference_escrow_client::{ix, UpdateConfigArgs};
    let stack = Stack::start().await;
    let operator = &stack.operators[0];
    let (oracle, addr) = spawn_observed(&stack, operator);
    let admin = &stack.admin;
    let wait_body = |path: &'static str, text: &'static str| {
        let addr = addr.clone();
        async move {
            wait_for(Duration::from_secs(15), || async {
                let answer = http_get_opt(&addr, path).await?;
                answer.contains(text).then_some(answer)
            })
            .await
        }
    };

    let pause = ix::set_paused(&admin.pubkey(), true);
    setup::send(&stack.rpc, &[pause], admin, &[]).await.unwrap();
    let ready = wait_body("/ready", "the protocol is paused").await;
    assert!(ready.starts_with("HTTP/1.1 503"), "{ready}");
    assert!(http_get(&addr, "/health").await.starts_with("HTTP/1.1 200"));
    let resume = ix::set_paused(&admin.pubkey(), false);
    setup::send(&stack.rpc, &[resume], admin, &[])
        .await
        .unwrap();

    // The operator staked 2 SOL; the protocol now asks for 3.
    let raise = ix::update_config(
        &admin.pubkey(),
        UpdateConfigArgs {
            min_oracle_stake: Some(3 * SOL),
            ..UpdateConfigArgs::default()
        },
    );
    setup::send(&stack.rpc, &[raise], admin, &[]).await.unwrap();
    let health = wait_body("/health", "below the protocol's minimum").await;
    assert!(
        health.starts_with("HTTP/1.1 503") && health.contains("oracle stake add"),
        "{health}"
    );
    let key = stack
        .create_request(&stack.requesters[0], 1, [0.1, 0.2, 0.3, 0.4])
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        stack.account::<Request>(&key).await.status,
        RequestStatus::Open,
        "no claim the program would refuse"
    );
    let add = ix::add_stake(&operator.pubkey(), SOL);
    setup::send(&stack.rpc, &[add], operator, &[])
        .await
        .unwrap();
    stack
        .wait_all(&[key], is_settled, Duration::from_secs(60))
        .await;
    assert!(http_get(&addr, "/health").await.starts_with("HTTP/1.1 200"));
    oracle.stop().await.unwrap();
}

/// Leaving: once unbonding, the oracle takes no new claims and says so on /ready while /health
/// stays 200 (a planned exit is not a fault); once its stake is withdrawn, it stops by itself.
#[tokio::test(flavor = "multi_thread")]
async fn an_unbonding_oracle_pauses_and_a_withdrawn_one_stops_by_itself() {
    let stack = Stack::start().await;
    let operator = &stack.operators[0];
    let (oracle, addr) = spawn_observed(&stack, operator);
    wait_for(Duration::from_secs(30), || async {
        let ready = http_get_opt(&addr, "/ready").await?;
        ready.starts_with("HTTP/1.1 200").then_some(())
    })
    .await;

    setup::send(
        &stack.rpc,
        &[inference_escrow_client::ix::begin_unbonding(
            &operator.pubkey(),
        )],
        operator,
        &[],
    )
    .await
    .unwrap();
    let ready = wait_for(Duration::from_secs(10), || async {
        let ready = http_get_opt(&addr, "/ready").await?;
        ready.contains("unbonding").then_some(ready)
    })
    .await;
    assert!(ready.starts_with("HTTP/1.1 503"), "{ready}");
    let health = http_get(&addr, "/health").await;
    assert!(health.starts_with("HTTP/1.1 200"), "not a fault: {health}");
    let key = stack
        .create_request(&stack.requesters[0], 1, [0.1, 0.2, 0.3, 0.4])
        .await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        stack.account::<Request>(&key).await.status,
        RequestStatus::Open,
        "no claim while unbonding"
    );

    // The unbonding period (100 slots of 40 ms) over, the stake is withdrawn.
    let withdraw = inference_escrow_client::ix::withdraw_stake(&operator.pubkey());
    wait_for(Duration::from_secs(30), || async {
        setup::send(&stack.rpc, std::slice::from_ref(&withdraw), operator, &[])
            .await
            .ok()
    })
    .await;
    tokio::time::timeout(Duration::from_secs(30), oracle.join())
        .await
        .expect("the oracle stops by itself once withdrawn")
        .expect("and cleanly");
}

/// The oracle claims a request only together with its result, so an input that never arrives
/// leaves the request open: no bond of this oracle is at stake while it waits. A claim it holds
/// from before a restart is resumed, and failed (signed) when a shutdown cuts it short.
#[tokio::test(flavor = "multi_thread")]
async fn shutdown_fails_the_claims_it_still_holds() {
    let stack = Stack::start().await;
    // An input that never finishes arriving keeps the work in flight.
    let (stuck, _) = http_server(|mut stream| async move {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\n\r\n").await;
        tokio::time::sleep(Duration::from_secs(600)).await;
    })
    .await;
    let operator = &stack.operators[0];
    // Held from before a restart: claimed, not answered.
    let held = uri_request(&stack, 0, 1, stuck.clone()).await;
    stack.claim_as(operator, &held).await;
    let oracle = stack.spawn_oracle_with(
        operator,
        &[(stack.model, model_path("risk_v1.onnx"))],
        |config| {
            config.input.allow_private_hosts = true;
            config.input.timeout_ms = 120_000;
            config.shutdown_grace_secs = 4;
        },
    );
    let fresh = uri_request(&stack, 1, 1, stuck).await;
    // Both inputs are being fetched (the sweep runs every second).
    tokio::time::sleep(Duration::from_secs(3)).await;
    let state: Request = stack.account(&fresh).await;
    assert_eq!(
        state.status,
        RequestStatus::Open,
        "not claimed while its input is awaited"
    );
    let stopping = Instant::now();
    oracle.stop().await.unwrap();
    assert!(
        stopping.elapsed() < Duration::from_secs(8),
        "the drain ends within its grace: {:?}",
        stopping.elapsed()
    );
    assert_failed_with(&stack, held, "oracle shutting down").await;
    let state: Request = stack.account(&fresh).await;
    assert_eq!(state.status, RequestStatus::Open, "left for another oracle");
    let me = pda::oracle(&operator.pubkey());
    let state: Oracle = stack.account(&me).await;
    assert_eq!(
        (state.open_requests, state.bonded, state.slashes),
        (0, 0, 0),
        "nothing is left to expire into a slash"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_of_a_model_no_longer_served_are_settled_or_failed() {
    let stack = Stack::start().await;
    let operator = &stack.operators[0];
    let second = stack.register_second_model().await;
    // Under an earlier configuration that served the first model: one request fulfilled (not
    // yet settled), one claimed (not yet run).
    let fulfilled = stack
        .create_request(&stack.requesters[0], 1, [0.0; 4])
        .await;
    stack.claim_as(operator, &fulfilled).await;
    stack
        .fulfil_as(operator, &fulfilled, risk_v1([0.0; 4]))
        .await;
    let claimed = stack
        .create_request(&stack.requesters[1], 2, [1.0; 4])
        .await;
    stack.claim_as(operator, &claimed).await;
    // Now it serves only the second model.
    let oracle = stack.spawn_oracle(operator, &[(second, model_path("risk_v2.onnx"))]);
    stack
        .wait_all(&[fulfilled], is_settled, Duration::from_secs(60))
        .await;
    assert_failed_with(&stack, claimed, "model not served by this oracle").await;
    let state: Oracle = stack.account(&pda::oracle(&operator.pubkey())).await;
    assert_eq!(
        (state.open_requests, state.bonded, state.slashes),
        (0, 0, 0)
    );
    oracle.stop().await.unwrap();
}

/// Polls `probe` until it yields, or panics after `limit`.
async fn wait_for<T, F, Fut>(limit: Duration, probe: F) -> T
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(started.elapsed() < limit, "not within {limit:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `GET path` on `addr`, or `None` while nothing listens there.
async fn http_get_opt(addr: &str, path: &str) -> Option<String> {
    tokio::net::TcpStream::connect(addr).await.ok()?;
    Some(http_get(addr, path).await)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_funded_address_among_requests_read_together_reads_as_gone() {
    // Anyone can fund a closed request's address: a system account that must not hide the
    // requests read with it (one such key stopped every settlement pass).
    let stack = Stack::start().await;
    let key = stack
        .create_request(&stack.requesters[0], 1, [0.1, 0.2, 0.3, 0.4])
        .await;
    let funded = Keypair::new().pubkey();
    let funder = &stack.requesters[1];
    let fund = solana_system_interface::instruction::transfer(&funder.pubkey(), &funded, SOL);
    setup::send(&stack.rpc, &[fund], funder, &[]).await.unwrap();
    let chain = inference_oracle::chain::Chain::new(
        std::slice::from_ref(&stack.localnet.rpc_url),
        0,
        inference_oracle::chain::RetryPolicy::default(),
    );
    let read = chain
        .accounts::<Request>(&[funded, key, Keypair::new().pubkey()])
        .await
        .unwrap();
    assert!(read[0].is_none(), "a funded system account is no request");
    assert!(matches!(&read[1], Some(r) if r.status == RequestStatus::Open));
    assert!(read[2].is_none(), "an empty address is no request");
}
