//! The oracle against an embedded localnet with real ONNX Runtime and the project's models.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::*;
use inference_escrow_client::{pda, Model, Oracle, Request, RequestStatus};
use solana_signer::Signer;

#[tokio::test(flavor = "multi_thread")]
async fn many_requests_from_several_requesters_are_fulfilled_and_settled() {
    let stack = Stack::start().await;
    let oracle = stack.spawn_oracle(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
    );
    // Sent together, so that results come due together and settle several to a transaction.
    let stack = &stack;
    let mut sent = Vec::new();
    for (r, requester) in stack.requesters.iter().enumerate() {
        for n in 0..4u64 {
            let features = [r as f32, n as f32 * 0.5, -1.0, 0.25];
            sent.push(async move {
                (
                    stack.create_request(requester, 100 + n, features).await,
                    features,
                )
            });
        }
    }
    let requests = futures_util::future::join_all(sent).await;
    let settled = stack
        .wait_all(
            &requests.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            is_settled,
            Duration::from_secs(90),
        )
        .await;
    for ((key, features), state) in requests.iter().zip(&settled) {
        assert_close(
            &output_scores(state),
            risk_v1(*features),
            &format!("request {key}"),
        );
        assert!(
            matches!(state.status, RequestStatus::Settled { oracle, .. } if oracle == pda::oracle(&stack.operators[0].pubkey()))
        );
    }
    let n = requests.len() as u64;
    // The last transaction of a settled request is its settlement.
    let mut settlements = std::collections::HashSet::new();
    for (key, _) in &requests {
        let signatures = stack.rpc.get_signatures_for_address(key).await.unwrap();
        settlements.insert(signatures[0].signature.clone());
    }
    assert!(
        settlements.len() < requests.len(),
        "{} requests settled in {} transactions: settlements are packed several to one",
        requests.len(),
        settlements.len()
    );
    let (protocol, royalty, share) = split(PRICE);
    let model: Model = stack.account(&stack.model).await;
    assert_eq!(
        (model.requests_settled, model.royalties_earned),
        (n, n * royalty)
    );
    assert_eq!(
        (model.royalty_owed, model.protocol_fee_owed),
        (n * royalty, n * protocol),
        "credited exactly once per request"
    );
    stack.collect_model_fees().await;
    assert_eq!(
        stack.balance(&stack.treasury).await,
        stack.treasury_start + n * protocol,
        "treasury paid exactly once per request"
    );
    assert_eq!(
        stack.balance(&stack.owner.pubkey()).await,
        stack.owner_start + n * royalty - 2 * FEE_PER_SIGNATURE,
        "royalty paid exactly once per request (the owner paid for the two collections)"
    );
    let state: Oracle = stack
        .account(&pda::oracle(&stack.operators[0].pubkey()))
        .await;
    assert_eq!(
        (
            state.fulfilled,
            state.failed,
            state.open_requests,
            state.bonded
        ),
        (n, 0, 0, 0)
    );
    assert_eq!(state.fees_owed, n * share);
    oracle.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn two_oracles_competing_fulfil_each_request_once() {
    let stack = Stack::start().await;
    let served = [(stack.model, model_path("risk_v1.onnx"))];
    let first = stack.spawn_oracle(&stack.operators[0], &served);
    let second = stack.spawn_oracle(&stack.operators[1], &served);
    let mut keys = Vec::new();
    for n in 0..10u64 {
        let requester = &stack.requesters[n as usize % stack.requesters.len()];
        keys.push(
            stack
                .create_request(requester, 200 + n, [0.1 * n as f32, 1.0, 2.0, -0.5])
                .await,
        );
    }
    stack
        .wait_all(&keys, is_settled, Duration::from_secs(90))
        .await;
    let a: Oracle = stack
        .account(&pda::oracle(&stack.operators[0].pubkey()))
        .await;
    let b: Oracle = stack
        .account(&pda::oracle(&stack.operators[1].pubkey()))
        .await;
    assert_eq!(
        a.fulfilled + b.fulfilled,
        keys.len() as u64,
        "each request fulfilled exactly once"
    );
    let (protocol, _, share) = split(PRICE);
    let model: Model = stack.account(&stack.model).await;
    assert_eq!(
        model.protocol_fee_owed,
        keys.len() as u64 * protocol,
        "nobody paid twice"
    );
    assert_eq!(
        a.fees_owed + b.fees_owed,
        keys.len() as u64 * share,
        "each share credited once"
    );
    first.stop().await.unwrap();
    second.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restarted_oracle_completes_everything_exactly_once() {
    let stack = Stack::start().await;
    let operator = &stack.operators[0];
    let served = [(stack.model, model_path("risk_v1.onnx"))];
    // The state a crash leaves behind: one request claimed and never run, one fulfilled and
    // never settled, one still open.
    let claimed = stack
        .create_request(&stack.requesters[0], 1, [1.0, 2.0, 3.0, 4.0])
        .await;
    stack.claim_as(operator, &claimed).await;
    let fulfilled = stack
        .create_request(&stack.requesters[1], 2, [0.0, 0.0, 0.0, 0.0])
        .await;
    stack.claim_as(operator, &fulfilled).await;
    stack
        .fulfil_as(operator, &fulfilled, risk_v1([0.0, 0.0, 0.0, 0.0]))
        .await;
    let open = stack
        .create_request(&stack.requesters[2], 3, [-1.0, 0.5, 0.5, 0.5])
        .await;

    // A first run, killed while it works.
    let first = stack.spawn_oracle(operator, &served);
    let more: Vec<_> = futures_util::future::join_all((0..6u64).map(|n| {
        stack.create_request(
            &stack.requesters[n as usize % 3],
            10 + n,
            [n as f32, 0.0, 1.0, 0.0],
        )
    }))
    .await;
    tokio::time::sleep(Duration::from_millis(700)).await;
    first.kill();

    let second = stack.spawn_oracle(operator, &served);
    let mut all = vec![claimed, fulfilled, open];
    all.extend(more);
    let states = stack
        .wait_all(&all, is_settled, Duration::from_secs(90))
        .await;
    assert_close(
        &output_scores(&states[0]),
        risk_v1([1.0, 2.0, 3.0, 4.0]),
        "resumed claim",
    );
    let state: Oracle = stack.account(&pda::oracle(&operator.pubkey())).await;
    assert_eq!(
        state.fulfilled,
        all.len() as u64,
        "every request fulfilled exactly once"
    );
    let (protocol, _, _) = split(PRICE);
    let model: Model = stack.account(&stack.model).await;
    assert_eq!(model.protocol_fee_owed, all.len() as u64 * protocol);
    assert_eq!((state.open_requests, state.bonded), (0, 0));
    second.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_oracle_recovers_when_its_rpc_endpoint_comes_back() {
    let stack = Stack::start().await;
    let proxy = Proxy::start(&stack.localnet.rpc_url).await;
    let served = [(stack.model, model_path("risk_v1.onnx"))];
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr = format!("127.0.0.1:{port}");
    let oracle = stack.spawn_oracle_with(&stack.operators[0], &served, |config| {
        // A dead endpoint first: failover must move past it.
        config.rpc_urls = vec!["http://127.0.0.1:9".to_owned(), proxy.url.clone()];
        config.metrics_addr = addr.parse().unwrap();
        config.rpc_silence_unhealthy_secs = 3;
    });
    let first = stack
        .create_request(&stack.requesters[0], 1, [0.5, 0.5, 0.5, 0.5])
        .await;
    stack
        .wait_all(&[first], is_settled, Duration::from_secs(60))
        .await;

    proxy.set_down(true);
    let during = stack
        .create_request(&stack.requesters[1], 2, [1.5, 0.5, 0.5, 0.5])
        .await;
    // An on-call engineer sees it: /health names the silence while the endpoints are down.
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    loop {
        let health = http_get(&addr, "/health").await;
        if health.starts_with("HTTP/1.1 503") {
            assert!(
                health.contains("no RPC endpoint has answered for"),
                "{health}"
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "/health turns 503: {health}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(http_get(&addr, "/ready").await.starts_with("HTTP/1.1 503"));
    let state: Request = stack.account(&during).await;
    assert!(
        !is_settled(&state),
        "nothing can be settled while the endpoint is down"
    );
    proxy.set_down(false);
    let states = stack
        .wait_all(&[during], is_settled, Duration::from_secs(60))
        .await;
    assert_close(
        &output_scores(&states[0]),
        risk_v1([1.5, 0.5, 0.5, 0.5]),
        "after the outage",
    );
    // Healthy again, and the counters tell the truth: two requests, each fulfilled and
    // settled once, whatever the outage did to the confirmations.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let metrics = loop {
        let metrics = http_get(&addr, "/metrics").await;
        let settled = format!(
            "oracle_requests_settled_total{{model=\"{}\"}} 2",
            stack.model
        );
        if metrics.contains(&settled)
            && http_get(&addr, "/health").await.starts_with("HTTP/1.1 200")
        {
            break metrics;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "settled twice and healthy: {metrics}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    };
    for counter in ["requests_seen", "requests_claimed", "requests_fulfilled"] {
        let line = format!("oracle_{counter}_total{{model=\"{}\"}} 2", stack.model);
        assert!(metrics.contains(&line), "{line} in {metrics}");
    }
    assert!(
        metrics.contains("oracle_errors_total{kind=\"rpc_unavailable\"}"),
        "{metrics}"
    );
    oracle.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_input_gets_a_signed_failure_and_a_full_refund() {
    let stack = Stack::start().await;
    let oracle = stack.spawn_oracle(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
    );
    let requester = &stack.requesters[0];
    let before = stack.balance(&requester.pubkey()).await;
    let key = stack
        .create_request(requester, 1, [f32::NAN, 1.0, 1.0, 1.0])
        .await;
    let states = stack
        .wait_all(
            &[key],
            |r| matches!(r.status, RequestStatus::Failed { .. }),
            Duration::from_secs(60),
        )
        .await;
    assert_eq!(
        states[0].escrow, PRICE,
        "the refund waits for the requester"
    );
    stack.close(requester, &key).await;
    // The requester is out only its two transaction fees.
    assert_eq!(
        stack.balance(&requester.pubkey()).await,
        before - 2 * FEE_PER_SIGNATURE
    );
    let state: Oracle = stack
        .account(&pda::oracle(&stack.operators[0].pubkey()))
        .await;
    assert_eq!((state.failed, state.fulfilled, state.bonded), (1, 0, 0));
    oracle.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_model_file_whose_hash_differs_is_refused() {
    let stack = Stack::start().await;
    // The model is registered with risk_v1's hash; the operator points at risk_v2.
    let oracle = stack.spawn_oracle(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v2.onnx"))],
    );
    let err = oracle.join().await.unwrap_err();
    assert!(
        err.to_string()
            .contains("none of the 1 configured models can be served"),
        "{err}"
    );
    // Nothing was claimed.
    let key = stack
        .create_request(&stack.requesters[0], 1, [1.0, 1.0, 1.0, 1.0])
        .await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        stack.account::<Request>(&key).await.status,
        RequestStatus::Open
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn uri_inputs_are_fetched_and_checked_against_their_hash() {
    let stack = Stack::start().await;
    let oracle = stack.spawn_oracle_with(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
        |config| config.input.file_roots = vec![std::env::temp_dir()],
    );
    let features = [0.25f32, 0.5, 0.75, 1.0];
    let bytes: Vec<u8> = features.iter().flat_map(|v| v.to_le_bytes()).collect();
    let path = std::env::temp_dir().join(format!(
        "uri-input-{}-{}.bin",
        std::process::id(),
        stack.model
    ));
    std::fs::write(&path, &bytes).unwrap();
    let uri = format!("file://{}", path.display());
    let honest = stack
        .create_uri_request(
            &stack.requesters[0],
            1,
            uri.clone(),
            inference_escrow::attestation::sha256(&bytes),
        )
        .await;
    let lying = stack
        .create_uri_request(&stack.requesters[1], 2, uri, [7; 32])
        .await;
    let states = stack
        .wait_all(&[honest], is_settled, Duration::from_secs(60))
        .await;
    assert_close(&output_scores(&states[0]), risk_v1(features), "URI input");
    let states = stack
        .wait_all(
            &[lying],
            |r| matches!(r.status, RequestStatus::Failed { .. }),
            Duration::from_secs(60),
        )
        .await;
    assert_eq!(
        states[0].output_hash,
        inference_escrow::attestation::sha256(b"input does not match the request's input_hash")
    );
    std::fs::remove_file(path).unwrap();
    oracle.stop().await.unwrap();
}

/// A program that buys a score by CPI names a callback; the oracle settles the result, then
/// has the escrow call the consumer: the position is scored without a keeper of its own.
#[tokio::test(flavor = "multi_thread")]
async fn the_oracle_delivers_a_consumers_callback_after_settling() {
    use risk_consumer::{client as consumer, state::PositionStatus};
    let stack = Stack::start().await;
    let authority = &stack.requesters[0];
    let borrower = &stack.requesters[1];
    let init = consumer::ix::init_vault(
        &authority.pubkey(),
        &stack.model,
        0.5,
        PRICE,
        authority.pubkey(),
        1,
    );
    inference_localnet::setup::send(&stack.rpc, &[init], authority, &[])
        .await
        .unwrap();
    let vault = consumer::vault_pda(&authority.pubkey());
    let fund = solana_system_interface::instruction::transfer(
        &authority.pubkey(),
        &consumer::wallet_pda(&vault),
        100_000_000,
    );
    let features = [0.8, 0.1, 0.35, 3.0];
    let open = consumer::ix::open_position(&borrower.pubkey(), &vault, &features);
    inference_localnet::setup::send(&stack.rpc, &[fund], authority, &[])
        .await
        .unwrap();
    inference_localnet::setup::send(&stack.rpc, &[open], borrower, &[])
        .await
        .unwrap();
    let position = consumer::position_pda(&vault, &borrower.pubkey());
    let score = consumer::ix::request_score(&vault, &stack.model, &position, 0, 3_000);
    inference_localnet::setup::send(&stack.rpc, &[score], authority, &[])
        .await
        .unwrap();
    let request = consumer::escrow_request(&consumer::wallet_pda(&vault), 0);

    let oracle = stack.spawn_oracle(
        &stack.operators[0],
        &[(stack.model, model_path("risk_v1.onnx"))],
    );
    let delivered = stack
        .wait_all(
            &[request],
            |r| r.callback_delivered,
            Duration::from_secs(90),
        )
        .await;
    assert!(is_settled(&delivered[0]), "delivered after settlement");
    let state: risk_consumer::state::Position = stack.account(&position).await;
    let expected = risk_v1(features);
    match state.status {
        PositionStatus::Flagged { score } | PositionStatus::Healthy { score } => {
            assert_close(&[score], expected, "the score on_score applied")
        }
        other => panic!("position not scored by the callback: {other:?}"),
    }
    oracle.stop().await.unwrap();
}
