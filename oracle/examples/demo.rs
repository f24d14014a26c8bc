//! End-to-end demo: a DeFi lending protocol scores borrowers' positions with a risk model, paying
//! per inference, on an embedded localnet, served by a real oracle running ONNX Runtime.
//!
//! Run it with `bash scripts/demo.sh` (which installs ONNX Runtime from PyPI first).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::*;
use inference_escrow_client::{pda, Model, Oracle, Request};
use solana_signer::Signer;

/// A borrower's position, as the four features the model reads.
struct Position {
    name: &'static str,
    /// loan-to-value, health buffer, 30-day volatility, leverage
    features: [f32; 4],
}

const POSITIONS: [Position; 6] = [
    Position {
        name: "alice  SOL/USDC",
        features: [0.3, 1.5, 0.3, 0.1],
    },
    Position {
        name: "bob    JUP/USDC",
        features: [0.6, 0.8, 0.6, 0.3],
    },
    Position {
        name: "carol  BONK/SOL",
        features: [0.9, 0.2, 1.4, 0.8],
    },
    Position {
        name: "dave   mSOL/SOL",
        features: [0.2, 2.5, 0.1, 0.0],
    },
    Position {
        name: "erin   WIF/USDC",
        features: [0.8, 0.4, 1.8, 0.5],
    },
    Position {
        name: "frank  ETH/USDC",
        features: [0.5, 1.0, 0.5, 0.2],
    },
];

#[tokio::main]
async fn main() {
    let started = Instant::now();
    println!("1. starting an embedded localnet with inference_escrow ...");
    let stack = Stack::start().await;
    println!(
        "   rpc {}  websocket {}",
        stack.localnet.rpc_url, stack.localnet.ws_url
    );
    println!(
        "   model {} (models/risk_v1.onnx, price {PRICE} lamports, royalty {ROYALTY_BPS} bps)",
        stack.model
    );

    let operator = &stack.operators[0];
    println!(
        "2. starting the oracle {} (ONNX Runtime, CPU) ...",
        pda::oracle(&operator.pubkey())
    );
    let oracle = stack.spawn_oracle(operator, &[(stack.model, model_path("risk_v1.onnx"))]);
    let operator_start = stack.balance(&operator.pubkey()).await;

    println!(
        "3. the lending protocol requests a risk score per position (escrowing the price) ..."
    );
    let mut keys = Vec::new();
    for (n, position) in POSITIONS.iter().enumerate() {
        let requester = &stack.requesters[n % stack.requesters.len()];
        keys.push(
            stack
                .create_request(requester, n as u64, position.features)
                .await,
        );
    }

    println!("4. waiting for signed results and the {CHALLENGE_WINDOW}-slot challenge window ...");
    let states: Vec<Request> = stack
        .wait_all(&keys, is_settled, Duration::from_secs(120))
        .await;

    println!();
    println!(
        "   {:<18} {:<28} {:>7}  decision",
        "position", "[ltv, buffer, vol, lev]", "score"
    );
    for (position, state) in POSITIONS.iter().zip(&states) {
        let score = output_scores(state)[0];
        let expected = risk_v1(position.features);
        assert!(
            (score - expected).abs() <= 1e-6,
            "the oracle's score matches the model"
        );
        let decision = if score > 0.5 {
            "flag for liquidation review"
        } else {
            "healthy"
        };
        println!(
            "   {:<18} {:<28} {:>7.4}  {decision}",
            position.name,
            format!("{:?}", position.features),
            score
        );
    }

    let n = keys.len() as u64;
    let (protocol, royalty, oracle_share) = split(PRICE);
    let model: Model = stack.account(&stack.model).await;
    let state: Oracle = stack.account(&pda::oracle(&operator.pubkey())).await;
    println!();
    println!("5. settled {n} requests: each price of {PRICE} split {oracle_share} oracle / {royalty} model owner / {protocol} protocol");
    println!(
        "   owed now: model owner {} lamports, treasury {} lamports, oracle {} lamports",
        model.royalty_owed, model.protocol_fee_owed, state.fees_owed
    );
    assert_eq!(
        (model.royalty_owed, model.protocol_fee_owed, state.fees_owed),
        (n * royalty, n * protocol, n * oracle_share),
        "every share credited exactly once"
    );
    println!("6. each payee collects what it is owed ...");
    let owner_before = stack.balance(&stack.owner.pubkey()).await;
    stack.collect_model_fees().await;
    stack.collect_oracle_fees(operator).await;
    println!(
        "   model owner +{} lamports (after paying two transaction fees), treasury +{} lamports",
        stack.balance(&stack.owner.pubkey()).await as i128 - owner_before as i128,
        stack.balance(&stack.treasury).await - stack.treasury_start
    );
    println!(
        "   oracle fulfilled {} requests; its wallet +{} lamports after transaction fees",
        state.fulfilled,
        stack.balance(&operator.pubkey()).await as i128 - operator_start as i128
    );
    oracle.stop().await.expect("the oracle stops cleanly");
    println!("done in {:.1} s", started.elapsed().as_secs_f64());
}
