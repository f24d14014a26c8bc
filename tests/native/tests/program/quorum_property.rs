//! Property test of rounds: random sequences of seat, commit, reveal, fail, finalize, settle,
//! challenge, re-execution, arbiter and collection steps by seven oracles on quorum requests,
//! checked after every step.
//!
//! After each step: no lamport was created or destroyed across every account money moves
//! between (wallets, requests, disputes, oracles, the model, the config); every program account
//! holds exactly its rent plus what it owes (a request its escrow, a dispute its bond, an oracle
//! its stake and fees, the model its royalty and fees, the config its slashes); every oracle's
//! stake is `staked − withdrawn − slashed`, its `bonded` is the sum of the bonds of the seats it
//! holds in live requests and disputes, and its open-request count is their number; a request's
//! escrow is its price until it is settled. No step ever fails with `InvariantViolated` or
//! `MathOverflow`.

use std::collections::HashMap;

use anchor_lang::prelude::Pubkey;
use inference_escrow::errors::EscrowError;
use inference_escrow_client::{
    ix, pda, seats, Config, Dispute, DisputeStatus, Model, Oracle, Request, RequestStatus,
};
use inference_escrow_tests::quorum::*;
use proptest::prelude::*;
use solana_instruction::error::InstructionError;
use solana_signer::Signer;
use solana_transaction_error::TransactionError;

const ORACLES: usize = 7;

/// What an oracle reports.
#[derive(Clone, Copy, Debug)]
enum Answer {
    Honest,
    /// Within the tolerance of the honest output.
    Close,
    Wrong,
}

impl Answer {
    fn output(self) -> Vec<u8> {
        score(match self {
            Answer::Honest => 0.5,
            Answer::Close => 0.5004,
            Answer::Wrong => 0.9,
        })
    }
}

#[derive(Clone, Debug)]
enum Op {
    Create,
    Seat {
        oracle: usize,
        request: usize,
        dispute: bool,
    },
    Commit {
        oracle: usize,
        request: usize,
        dispute: bool,
        answer: Answer,
    },
    Reveal {
        oracle: usize,
        request: usize,
        dispute: bool,
    },
    Fail {
        oracle: usize,
        request: usize,
        dispute: bool,
    },
    Finalize {
        request: usize,
    },
    Settle {
        request: usize,
    },
    Challenge {
        request: usize,
    },
    FinalizeDispute {
        request: usize,
    },
    Resolve {
        request: usize,
        wrong: bool,
    },
    CloseDispute {
        request: usize,
    },
    Close {
        request: usize,
    },
    Cancel {
        request: usize,
    },
    Expire {
        request: usize,
    },
    CollectFees {
        oracle: usize,
    },
    CollectSlashes,
    Warp {
        slots: u64,
    },
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![6 => Just(Answer::Honest), 2 => Just(Answer::Close), 2 => Just(Answer::Wrong)]
}

fn op() -> impl Strategy<Value = Op> {
    let o = 0..ORACLES;
    let r = 0..6usize;
    prop_oneof![
        2 => Just(Op::Create),
        6 => (o.clone(), r.clone(), prop::bool::weighted(0.3))
            .prop_map(|(oracle, request, dispute)| Op::Seat { oracle, request, dispute }),
        6 => (o.clone(), r.clone(), prop::bool::weighted(0.3), answer())
            .prop_map(|(oracle, request, dispute, answer)| Op::Commit { oracle, request, dispute, answer }),
        6 => (o.clone(), r.clone(), prop::bool::weighted(0.3))
            .prop_map(|(oracle, request, dispute)| Op::Reveal { oracle, request, dispute }),
        1 => (o.clone(), r.clone(), prop::bool::weighted(0.3))
            .prop_map(|(oracle, request, dispute)| Op::Fail { oracle, request, dispute }),
        3 => r.clone().prop_map(|request| Op::Finalize { request }),
        3 => r.clone().prop_map(|request| Op::Settle { request }),
        2 => r.clone().prop_map(|request| Op::Challenge { request }),
        2 => r.clone().prop_map(|request| Op::FinalizeDispute { request }),
        1 => (r.clone(), any::<bool>()).prop_map(|(request, wrong)| Op::Resolve { request, wrong }),
        1 => r.clone().prop_map(|request| Op::CloseDispute { request }),
        1 => r.clone().prop_map(|request| Op::Close { request }),
        1 => r.clone().prop_map(|request| Op::Cancel { request }),
        1 => r.prop_map(|request| Op::Expire { request }),
        1 => o.prop_map(|oracle| Op::CollectFees { oracle }),
        1 => Just(Op::CollectSlashes),
        4 => (1..40u64).prop_map(|slots| Op::Warp { slots }),
    ]
}

struct Harness {
    w: QuorumWorld,
    /// Request keys created so far (closed ones stay: their accounts are gone).
    requests: Vec<Pubkey>,
    /// What each oracle committed to in each round (request or dispute account).
    committed: HashMap<(usize, Pubkey), Vec<u8>>,
    /// Wallets whose lamports only move by what the program pays them or takes from them.
    wallets: Vec<Pubkey>,
    total: u64,
}

impl Harness {
    async fn new() -> Self {
        let w = quorum_world(policy(5, 3, tolerance(1e-3, 0.0)), 1).await;
        let mut wallets = vec![
            w.requester.pubkey(),
            w.owner.pubkey(),
            w.env.treasury.pubkey(),
        ];
        wallets.extend(w.oracles.iter().map(|o| o.key()));
        let mut h = Self {
            w,
            requests: Vec::new(),
            committed: HashMap::new(),
            wallets,
            total: 0,
        };
        h.total = h.lamports().await;
        h
    }

    fn request(&self, i: usize) -> Option<Pubkey> {
        (!self.requests.is_empty()).then(|| self.requests[i % self.requests.len()])
    }

    /// The lamports of every account money moves between.
    async fn lamports(&mut self) -> u64 {
        let mut keys = self.wallets.clone();
        keys.push(self.w.model);
        keys.push(pda::config());
        keys.extend(self.w.oracles.iter().map(|o| o.pda()));
        for request in &self.requests {
            keys.push(*request);
            keys.push(pda::dispute(request));
        }
        let mut total = 0;
        for key in keys {
            total += self.w.env.lamports(&key).await;
        }
        total
    }

    async fn maybe<T: anchor_lang::AccountDeserialize + anchor_lang::Discriminator>(
        &mut self,
        key: &Pubkey,
    ) -> Option<T> {
        if self.w.env.exists(key).await {
            Some(self.w.env.account(key).await)
        } else {
            None
        }
    }

    async fn step(&mut self, op: &Op) -> Result<(), TransactionError> {
        let w = &mut self.w;
        match *op {
            Op::Create => {
                let nonce = self.requests.len() as u64;
                let key = w.request(nonce).await;
                self.requests.push(key);
                Ok(())
            }
            Op::Warp { slots } => {
                w.env.warp(slots).await;
                Ok(())
            }
            Op::CollectFees { oracle } => {
                let authority = w.oracles[oracle].key();
                w.env
                    .send(&[ix::collect_oracle_fees(&authority)], &[])
                    .await
            }
            Op::CollectSlashes => {
                let treasury = w.env.treasury.pubkey();
                w.env.send(&[ix::collect_slashes(&treasury)], &[]).await
            }
            _ => {
                let Some(request) = self.request(op_request(op)) else {
                    return Ok(());
                };
                if !self.w.env.exists(&request).await {
                    return Ok(());
                }
                self.step_on(op, request).await
            }
        }
    }

    async fn step_on(&mut self, op: &Op, request: Pubkey) -> Result<(), TransactionError> {
        let dispute_key = pda::dispute(&request);
        let round = |dispute: bool| dispute.then_some(dispute_key);
        match *op {
            Op::Seat {
                oracle, dispute, ..
            } => {
                if dispute && !self.w.env.exists(&dispute_key).await {
                    return Ok(());
                }
                self.w.seat_in(oracle, &request, round(dispute)).await
            }
            Op::Commit {
                oracle,
                dispute,
                answer,
                ..
            } => {
                if dispute && !self.w.env.exists(&dispute_key).await {
                    return Ok(());
                }
                let output = answer.output();
                let result = self
                    .w
                    .commit_in(oracle, &request, round(dispute), &output)
                    .await;
                if result.is_ok() {
                    let key = if dispute { dispute_key } else { request };
                    self.committed.insert((oracle, key), output);
                }
                result
            }
            Op::Reveal {
                oracle, dispute, ..
            } => {
                let key = if dispute { dispute_key } else { request };
                let Some(output) = self.committed.get(&(oracle, key)).cloned() else {
                    return Ok(());
                };
                if dispute && !self.w.env.exists(&dispute_key).await {
                    return Ok(());
                }
                self.w
                    .reveal_with(oracle, &request, round(dispute), &output, salt(oracle))
                    .await
            }
            Op::Fail {
                oracle, dispute, ..
            } => {
                if dispute && !self.w.env.exists(&dispute_key).await {
                    return Ok(());
                }
                self.w.fail_seat(oracle, &request, round(dispute)).await
            }
            Op::Finalize { .. } => self.w.finalize(&request).await,
            Op::Settle { .. } => self.w.settle(&request).await,
            Op::Challenge { .. } => {
                let requester = self.w.requester.insecure_clone();
                let ix = ix::challenge_request(&requester.pubkey(), &request);
                self.w.env.send(&[ix], &[&requester]).await
            }
            Op::FinalizeDispute { .. } => {
                let Some(dispute) = self.maybe::<Dispute>(&dispute_key).await else {
                    return Ok(());
                };
                let state: Request = self.w.env.account(&request).await;
                let ix = seats::finalize_dispute(&request, &state, &dispute);
                self.w.env.send(&[ix], &[]).await
            }
            Op::Resolve { wrong, .. } => {
                if !self.w.env.exists(&dispute_key).await {
                    return Ok(());
                }
                let state: Request = self.w.env.account(&request).await;
                let keys = self.w.env.request_keys(&request).await;
                let admin = self.w.env.admin.insecure_clone();
                let ix = seats::resolve_quorum_challenge(&admin.pubkey(), &keys, &state, wrong);
                self.w.env.send(&[ix], &[&admin]).await
            }
            Op::CloseDispute { .. } => {
                let Some(dispute) = self.maybe::<Dispute>(&dispute_key).await else {
                    return Ok(());
                };
                let ix = seats::close_dispute(&request, &dispute.challenger);
                self.w.env.send(&[ix], &[]).await
            }
            Op::Close { .. } => {
                let requester = self.w.requester.insecure_clone();
                self.w.env.close(&requester, &request).await
            }
            Op::Cancel { .. } => {
                let keys = self.w.env.request_keys(&request).await;
                let requester = self.w.requester.insecure_clone();
                self.w
                    .env
                    .send(&[ix::cancel_request(&keys)], &[&requester])
                    .await
            }
            Op::Expire { .. } => self.w.env.expire(&request).await,
            _ => Ok(()),
        }
    }

    /// The rent-exempt minimum of the account at `key`, from its size.
    async fn rent(&mut self, key: Pubkey) -> u64 {
        let account = self.w.env.ctx.banks_client.get_account(key).await;
        let len = account.expect("account").expect("exists").data.len();
        self.w.env.rent_exempt(len).await
    }

    async fn check(&mut self) {
        assert_eq!(
            self.lamports().await,
            self.total,
            "lamports created or destroyed"
        );
        let config: Config = self.w.env.account(&pda::config()).await;
        let config_rent = self.rent(pda::config()).await;
        assert_eq!(
            self.w.env.lamports(&pda::config()).await,
            config_rent + config.slashed_owed,
            "the config holds its rent and the slashes it owes"
        );
        let model: Model = self.w.env.account(&self.w.model).await;
        let model_rent = self.rent(self.w.model).await;
        assert_eq!(
            self.w.env.lamports(&self.w.model).await,
            model_rent + model.royalty_owed + model.protocol_fee_owed,
            "the model holds its rent and what it owes"
        );

        let mut bonded: HashMap<Pubkey, (u64, u32)> = HashMap::new();
        for request in self.requests.clone() {
            if let Some(state) = self.maybe::<Request>(&request).await {
                let rent = self.rent(request).await;
                assert_eq!(
                    self.w.env.lamports(&request).await,
                    rent + state.escrow,
                    "request"
                );
                let settled = matches!(state.status, RequestStatus::Settled { .. });
                assert_eq!(state.escrow, if settled { 0 } else { state.price });
                for seat in state.seats.iter().filter(|s| s.bond > 0) {
                    let entry = bonded.entry(seat.oracle).or_default();
                    entry.0 += seat.bond;
                    entry.1 += 1;
                }
            }
            let dispute_key = pda::dispute(&request);
            if let Some(dispute) = self.maybe::<Dispute>(&dispute_key).await {
                let rent = self.rent(dispute_key).await;
                assert_eq!(
                    self.w.env.lamports(&dispute_key).await,
                    rent + dispute.bond,
                    "dispute"
                );
                if matches!(dispute.status, DisputeStatus::Rejected { .. }) {
                    assert_eq!(dispute.bond, 0);
                }
                for seat in dispute.seats.iter().filter(|s| s.bond > 0) {
                    let entry = bonded.entry(seat.oracle).or_default();
                    entry.0 += seat.bond;
                    entry.1 += 1;
                }
            }
        }
        for i in 0..ORACLES {
            let key = self.w.oracles[i].pda();
            let oracle: Oracle = self.w.env.account(&key).await;
            let rent = self.rent(key).await;
            assert_eq!(
                self.w.env.lamports(&key).await,
                rent + oracle.stake + oracle.fees_owed,
                "oracle {i} holds its rent, stake and fees"
            );
            assert_eq!(
                oracle.total_staked,
                oracle.stake + oracle.total_withdrawn + oracle.total_slashed
            );
            let (bonds, seats) = bonded.get(&key).copied().unwrap_or_default();
            assert_eq!(
                (oracle.bonded, oracle.open_requests),
                (bonds, seats),
                "oracle {i}"
            );
        }
    }
}

fn op_request(op: &Op) -> usize {
    match *op {
        Op::Seat { request, .. }
        | Op::Commit { request, .. }
        | Op::Reveal { request, .. }
        | Op::Fail { request, .. }
        | Op::Finalize { request }
        | Op::Settle { request }
        | Op::Challenge { request }
        | Op::FinalizeDispute { request }
        | Op::Resolve { request, .. }
        | Op::CloseDispute { request }
        | Op::Close { request }
        | Op::Cancel { request }
        | Op::Expire { request } => request,
        _ => 0,
    }
}

/// Whether a step failed with an error that must never happen.
fn broken(result: &Result<(), TransactionError>) -> bool {
    let forbidden = [
        u32::from(EscrowError::InvariantViolated),
        u32::from(EscrowError::MathOverflow),
    ];
    matches!(
        result,
        Err(TransactionError::InstructionError(_, InstructionError::Custom(code))) if forbidden.contains(code)
    ) || matches!(
        result,
        Err(TransactionError::InstructionError(
            _,
            InstructionError::ProgramFailedToComplete
        ))
    )
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_rounds_conserve_money(ops in proptest::collection::vec(op(), 30..90)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let mut h = Harness::new().await;
            for op in &ops {
                let result = h.step(op).await;
                assert!(!broken(&result), "{op:?}: {result:?}");
                h.check().await;
            }
        });
    }
}
