//! Quorum requests and disputes served by real `oracle` processes on the embedded localnet:
//! honest majorities settle, a dishonest oracle (serving another model file) is outvoted and
//! slashed, a dispute is decided by re-execution without the admin, and an oracle killed
//! between commit and reveal reveals after a restart (its salt is on disk).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::{process::Child, time::Duration};

use anchor_lang::prelude::Pubkey;
use common::*;
use inference_escrow_client::{
    ix, pda, seats, CompareRule, Dispute, DisputeStatus, Model, Oracle, Payload, Request,
    RequestStatus, SeatState, VerificationPolicy,
};
use inference_localnet::setup;
use solana_signer::Signer;

/// risk_v1's scores agree within 1e-5 across CPUs.
fn tolerance() -> CompareRule {
    CompareRule::Tolerance {
        abs_bits: 1e-5f32.to_bits(),
        rel_bits: 1e-5f32.to_bits(),
    }
}

/// Starts `oracle run` as a process for `config` (written to `<name>.toml` in the stack's
/// directory); its output goes to `<name>.log` there.
fn spawn_process(
    stack: &Stack,
    name: &str,
    config: &inference_oracle::config::OracleConfig,
) -> Child {
    let path = stack.dir().join(format!("{name}.toml"));
    std::fs::write(&path, toml::to_string(config).expect("config to TOML")).expect("write config");
    let log = std::fs::File::create(stack.dir().join(format!("{name}.log"))).expect("log file");
    std::process::Command::new(env!("CARGO_BIN_EXE_oracle"))
        .env("RUST_LOG", "info")
        .args([
            "run",
            "--config",
            path.to_str().expect("utf-8 path"),
            "--log-format",
            "text",
        ])
        .stdout(log.try_clone().expect("log file"))
        .stderr(log)
        .spawn()
        .expect("spawn oracle")
}

/// Kills every process when dropped (a failing test must not leave oracles running).
struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Oracle processes for operators `0..n` serving `model`: honest ones with risk_v1, the
/// `dishonest` one with risk_v2 (whose scores differ) passed off as risk_v1.
fn spawn_oracles(stack: &Stack, model: Pubkey, n: usize, dishonest: Option<usize>) -> Processes {
    spawn_oracles_with(stack, model, n, dishonest, |_, _| {})
}

/// [`spawn_oracles`], each configuration edited by `edit(index, config)` first.
fn spawn_oracles_with(
    stack: &Stack,
    model: Pubkey,
    n: usize,
    dishonest: Option<usize>,
    edit: impl Fn(usize, &mut inference_oracle::config::OracleConfig),
) -> Processes {
    let mut children = Vec::new();
    for i in 0..n {
        let file = if Some(i) == dishonest {
            "risk_v2.onnx"
        } else {
            "risk_v1.onnx"
        };
        let mut config = stack.oracle_config(&stack.operators[i], &[(model, model_path(file))]);
        config.insecure_serve_mismatched_files = Some(i) == dishonest;
        edit(i, &mut config);
        children.push(spawn_process(stack, &format!("oracle-{i}"), &config));
    }
    Processes(children)
}

/// Runs `n` oracles (one dishonest) on a quorum model of `n` seats and checks that every
/// request settles at risk_v1's score, the dishonest oracle is slashed once per request, the
/// honest ones are paid, and no lamport is lost.
async fn honest_majority_settles(n: usize) {
    let stack = Stack::start_with(n).await;
    let quorum = (n / 2 + 1) as u8;
    let model = stack
        .register_policy_model(
            7,
            VerificationPolicy {
                replicas: n as u8,
                quorum,
                compare: tolerance(),
            },
        )
        .await;
    let dishonest = n - 1;
    let stake_before: Vec<u64> = {
        let mut v = Vec::new();
        for operator in &stack.operators {
            v.push(
                stack
                    .account::<Oracle>(&pda::oracle(&operator.pubkey()))
                    .await
                    .stake,
            );
        }
        v
    };
    // The dishonest oracle's metrics on a known port: its own account of what happened.
    let metrics_addr = free_addr();
    let _oracles = spawn_oracles_with(&stack, model, n, Some(dishonest), |i, config| {
        if i == dishonest {
            config.metrics_addr = metrics_addr;
        }
    });
    let features = [[0.5, 1.5, -2.0, 3.25], [1.0, -1.0, 0.25, 0.0]];
    let mut requests = Vec::new();
    for (nonce, f) in features.iter().enumerate() {
        requests.push(create_request_for(&stack, &model, nonce as u64, *f).await);
    }
    let states = stack
        .wait_all(&requests, is_settled, Duration::from_secs(120))
        .await;
    let bond = stack
        .account::<inference_escrow_client::Config>(&pda::config())
        .await
        .min_claim_bond;
    for (state, f) in states.iter().zip(features) {
        assert_close(&output_scores(state), risk_v1(f), "settled score");
        assert_eq!(state.seats.len(), n);
        let cheat = pda::oracle(&stack.operators[dishonest].pubkey());
        let (index, seat) = state
            .seats
            .iter()
            .enumerate()
            .find(|(_, s)| s.oracle == cheat)
            .unwrap();
        assert_eq!(seat.state, SeatState::Revealed);
        assert_eq!(
            state.agreed & (1 << index),
            0,
            "the dishonest output is outvoted"
        );
        assert_eq!(state.agreed.count_ones() as usize, n - 1);
    }
    let cheat: Oracle = stack
        .account(&pda::oracle(&stack.operators[dishonest].pubkey()))
        .await;
    assert_eq!(
        cheat.stake,
        stake_before[dishonest] - 2 * bond,
        "slashed on both requests"
    );
    assert_eq!((cheat.bonded, cheat.open_requests), (0, 0));
    let (_, _, share) = split(PRICE);
    let mut earned = 0;
    for (operator, before) in stack.operators.iter().zip(&stake_before).take(dishonest) {
        let honest: Oracle = stack.account(&pda::oracle(&operator.pubkey())).await;
        assert_eq!(honest.stake, *before);
        assert_eq!((honest.bonded, honest.open_requests), (0, 0));
        earned += honest.fees_owed + honest.total_fees_collected;
    }
    assert_eq!(
        earned,
        2 * share + 2 * bond,
        "price shares and the slashed bonds, to the lamport"
    );
    let model_state: Model = stack.account(&model).await;
    assert_eq!(model_state.requests_settled, 2);
    // It counted both seats as disagreed, once each, and the slashes (read from its account).
    let expected_seats =
        format!("oracle_seats_total{{model=\"{model}\",round=\"quorum\",outcome=\"disagreed\"}} 2");
    let expected_slashed = format!("oracle_slashed_lamports_total {}", 2 * bond);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let metrics = http_get(&metrics_addr.to_string(), "/metrics").await;
        if metrics.contains(&expected_seats) && metrics.contains(&expected_slashed) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "metrics of the dishonest oracle:\n{metrics}"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// A loopback address with a free port.
fn free_addr() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address")
}

async fn create_request_for(
    stack: &Stack,
    model: &Pubkey,
    nonce: u64,
    features: [f32; 4],
) -> Pubkey {
    let requester = &stack.requesters[0];
    let args = inference_escrow_client::CreateRequestArgs {
        nonce,
        input: Payload::Inline(features.iter().flat_map(|v| v.to_le_bytes()).collect()),
        ttl_slots: 3_000,
        callback: None,
        max_price: PRICE,
        challenger: None,
    };
    setup::send(
        &stack.rpc,
        &[ix::create_request(&requester.pubkey(), model, args)],
        requester,
        &[],
    )
    .await
    .expect("create request");
    pda::request(&requester.pubkey(), nonce)
}

#[tokio::test(flavor = "multi_thread")]
async fn three_oracles_outvote_and_slash_a_dishonest_one() {
    honest_majority_settles(3).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn five_oracles_outvote_and_slash_a_dishonest_one() {
    honest_majority_settles(5).await;
}

/// A single-oracle result, wrong, is challenged; three oracle processes that did not produce it
/// re-execute it; the round overturns it without the admin: the requester is refunded, the
/// wrong oracle slashed to the re-executors, the challenger's bond returned.
#[tokio::test(flavor = "multi_thread")]
async fn a_dispute_is_decided_by_reexecuting_oracles() {
    // A challenge window of 8 s, so that the test's challenge lands in it.
    let stack = Stack::start_configured(4, |p| p.challenge_window_slots = 200).await;
    let model = stack
        .register_policy_model(
            8,
            VerificationPolicy {
                replicas: 1,
                quorum: 1,
                compare: tolerance(),
            },
        )
        .await;
    let request = create_request_for(&stack, &model, 1, [0.5, 1.5, -2.0, 3.25]).await;
    // Operator 3, driven by the test, claims and posts a wrong score.
    stack.claim_as(&stack.operators[3], &request).await;
    stack.fulfil_as(&stack.operators[3], &request, 0.125).await;
    let requester = &stack.requesters[0];
    setup::send(
        &stack.rpc,
        &[ix::challenge_request(&requester.pubkey(), &request)],
        requester,
        &[],
    )
    .await
    .expect("challenge");
    let wrong_before: Oracle = stack
        .account(&pda::oracle(&stack.operators[3].pubkey()))
        .await;
    let _oracles = spawn_oracles(&stack, model, 3, None);
    let states = stack
        .wait_all(
            &[request],
            |r| matches!(r.status, RequestStatus::Refunded { .. }),
            Duration::from_secs(120),
        )
        .await;
    assert_eq!(states[0].escrow, PRICE, "owed back to the requester");
    let dispute: Dispute = stack.account(&pda::dispute(&request)).await;
    assert!(matches!(dispute.status, DisputeStatus::Upheld { .. }));
    assert_eq!(dispute.agreed.count_ones(), 3);
    let wrong: Oracle = stack
        .account(&pda::oracle(&stack.operators[3].pubkey()))
        .await;
    assert_eq!(wrong.stake, wrong_before.stake - wrong_before.bonded);
}

/// An oracle process killed (SIGKILL) after committing and before revealing: the other seat
/// commits, reveals open, and the restarted process reveals from its salt store; the request
/// settles with both seats agreeing and nobody slashed.
#[tokio::test(flavor = "multi_thread")]
async fn an_oracle_killed_between_commit_and_reveal_reveals_after_restart() {
    killed_between_commit_and_reveal(true).await;
}

/// The same, restarted without the model in its configuration (the operator stopped serving
/// it): the seat it committed is still revealed, from the salt store, instead of being
/// slashed as a no-show.
#[tokio::test(flavor = "multi_thread")]
async fn a_seat_committed_before_the_model_was_dropped_still_reveals() {
    killed_between_commit_and_reveal(false).await;
}

async fn killed_between_commit_and_reveal(serves_after_restart: bool) {
    let stack = Stack::start_with(2).await;
    let model = stack
        .register_policy_model(
            9,
            VerificationPolicy {
                replicas: 2,
                quorum: 2,
                compare: tolerance(),
            },
        )
        .await;
    let features = [0.5, 1.5, -2.0, 3.25];
    let request = create_request_for(&stack, &model, 1, features).await;
    let config = stack.oracle_config(&stack.operators[0], &[(model, model_path("risk_v1.onnx"))]);
    let mut first = Processes(vec![spawn_process(&stack, "restarted", &config)]);
    let a = pda::oracle(&stack.operators[0].pubkey());
    stack
        .wait_all(
            &[request],
            |r| {
                r.seats
                    .iter()
                    .any(|s| s.oracle == a && s.state == SeatState::Committed)
            },
            Duration::from_secs(60),
        )
        .await;
    first.0[0].kill().expect("kill");
    first.0[0].wait().expect("wait");
    assert!(
        config.state_dir.read_dir().unwrap().count() > 0,
        "the salt is on disk"
    );

    // The second seat, driven by the test, commits and reveals risk_v1's score.
    let b = &stack.operators[1];
    let output: Vec<u8> = risk_v1(features).to_le_bytes().to_vec();
    let salt = [42u8; 32];
    let state: Request = stack.account(&request).await;
    let claim = seats::claim_seat(&b.pubkey(), &request, &state, None);
    setup::send(&stack.rpc, &[claim], b, &[])
        .await
        .expect("claim seat");
    let state: Request = stack.account(&request).await;
    let model_state: Model = stack.account(&model).await;
    let commit = seats::commit_signed(
        &b.pubkey(),
        &stack.attestations[1],
        &request,
        &state,
        None,
        model_state.onnx_sha256,
        seats::commitment(&output, &salt, &pda::oracle(&b.pubkey())),
        inference_escrow_client::attestation::execution_id("test/1/cpu"),
    );
    setup::send(&stack.rpc, &commit, b, &[])
        .await
        .expect("commit");
    let reveal = seats::reveal_seat(&b.pubkey(), &request, &model, None, output, salt);
    setup::send(&stack.rpc, &[reveal], b, &[])
        .await
        .expect("reveal");

    let mut again = config.clone();
    if !serves_after_restart {
        // Another model only; the same state directory.
        again = stack.oracle_config(
            &stack.operators[0],
            &[(stack.model, model_path("risk_v1.onnx"))],
        );
        again.state_dir = config.state_dir.clone();
    }
    let _second = Processes(vec![spawn_process(&stack, "restarted-again", &again)]);
    let states = stack
        .wait_all(&[request], is_settled, Duration::from_secs(120))
        .await;
    assert_eq!(states[0].agreed, 0b11);
    let oracle: Oracle = stack.account(&a).await;
    assert_eq!((oracle.slashes, oracle.bonded), (0, 0));
    assert!(stack.process_log("restarted-again").contains("revealed"));
}

/// A salt left on disk by an earlier round at the same address (a request closed and created
/// again) is not the current round's: the oracle ignores it, commits its own output, and the
/// request settles; the stale entry is gone once the round has ended.
#[tokio::test(flavor = "multi_thread")]
async fn a_stale_salt_at_a_reused_address_is_ignored() {
    use inference_oracle::salts::{Committed, SaltStore};

    let stack = Stack::start_with(2).await;
    let model = stack
        .register_policy_model(
            10,
            VerificationPolicy {
                replicas: 2,
                quorum: 2,
                compare: tolerance(),
            },
        )
        .await;
    let request = pda::request(&stack.requesters[0].pubkey(), 1);
    let config = stack.oracle_config(&stack.operators[0], &[(model, model_path("risk_v1.onnx"))]);
    let store = SaltStore::open(&config.state_dir).expect("salt store");
    let wrong = 0.125f32.to_le_bytes().to_vec();
    let salt = [9u8; 32];
    let oracle = pda::oracle(&stack.operators[0].pubkey());
    store
        .save(
            &request,
            &Committed {
                round_id: 0,
                commitment: seats::commitment(&wrong, &salt, &oracle).to_vec(),
                output: wrong,
                salt: salt.to_vec(),
            },
        )
        .expect("stale entry");

    let _oracles = spawn_oracles(&stack, model, 2, None);
    let features = [0.5, 1.5, -2.0, 3.25];
    let created = create_request_for(&stack, &model, 1, features).await;
    assert_eq!(created, request);
    let states = stack
        .wait_all(&[request], is_settled, Duration::from_secs(120))
        .await;
    assert_eq!(states[0].agreed, 0b11);
    assert_close(
        &output_scores(&states[0]),
        risk_v1(features),
        "settled score",
    );
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while store.load(&request).expect("store").is_some() {
        assert!(std::time::Instant::now() < deadline, "the entry stays");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}
