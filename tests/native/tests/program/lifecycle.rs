//! Property test: random sequences of instructions by several requesters and oracles, checked
//! after every step against a reference model of docs/protocol.md.
//!
//! After each step: the chain accepted exactly the steps the model allows (the state machine),
//! every party's balance equals the model's, the tracked lamports add up to the same total
//! (nothing created or destroyed), escrowed = paid out + refunded + still escrowed, and for
//! every oracle stake in = stake now + withdrawn + slashed.

use std::collections::HashMap;

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{ix, Oracle, Request, RequestStatus};
use inference_escrow_tests::*;
use proptest::prelude::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

const REQUESTERS: usize = 3;
const ORACLES: usize = 2;
const CLAIM_TIMEOUT: u64 = 20;
const WINDOW: u64 = 30;
const NO_SHOW_BPS: u64 = 1_000;
const WRONG_RESULT_BPS: u64 = 2_000;
/// See [`op`].
const AIMED: usize = 8;

/// One step a party may try.
#[derive(Clone, Debug)]
enum Op {
    Create {
        requester: usize,
    },
    Cancel {
        request: usize,
    },
    Claim {
        oracle: usize,
        request: usize,
    },
    Fulfill {
        oracle: usize,
        request: usize,
    },
    Fail {
        oracle: usize,
        request: usize,
    },
    Challenge {
        request: usize,
    },
    Resolve {
        request: usize,
        oracle_was_wrong: bool,
    },
    Settle {
        request: usize,
    },
    Expire {
        request: usize,
    },
    Close {
        request: usize,
    },
    Warp {
        slots: u64,
    },
}

/// Oracle indices at or above `ORACLES` stand for "the current claimer", so that most
/// fulfilments are honest and requests make progress, while some come from the wrong oracle.
fn op() -> impl Strategy<Value = Op> {
    // Request selectors below AIMED (three in four) pick a request whose status suits the step
    // (when there is one); the rest pick any live request, so invalid attempts stay frequent.
    let r = 0..AIMED + AIMED / 3;
    let o = 0..ORACLES * 3;
    prop_oneof![
        2 => (0..REQUESTERS).prop_map(|requester| Op::Create { requester }),
        1 => r.clone().prop_map(|request| Op::Cancel { request }),
        3 => (0..ORACLES, r.clone()).prop_map(|(oracle, request)| Op::Claim { oracle, request }),
        3 => (o.clone(), r.clone()).prop_map(|(oracle, request)| Op::Fulfill { oracle, request }),
        1 => (o, r.clone()).prop_map(|(oracle, request)| Op::Fail { oracle, request }),
        2 => r.clone().prop_map(|request| Op::Challenge { request }),
        2 => (r.clone(), any::<bool>()).prop_map(|(request, oracle_was_wrong)| Op::Resolve { request, oracle_was_wrong }),
        3 => r.clone().prop_map(|request| Op::Settle { request }),
        1 => r.clone().prop_map(|request| Op::Expire { request }),
        1 => r.prop_map(|request| Op::Close { request }),
        4 => (1..60u64).prop_map(|slots| Op::Warp { slots }),
    ]
}

/// The model's view of a request's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum St {
    Open,
    Claimed {
        oracle: usize,
        slot: u64,
    },
    Fulfilled {
        oracle: usize,
        slot: u64,
    },
    Challenged {
        oracle: usize,
    },
    Settled,
    Failed,
    Expired,
    Refunded,
    /// Closed by cancel or close: the account is gone.
    Gone,
}

struct ModelRequest {
    key: Pubkey,
    requester: usize,
    status: St,
    deadline: u64,
    escrow: u64,
    rent: u64,
}

struct ModelOracle {
    stake: u64,
}

/// Reference model plus the chain it is compared with.
struct Harness {
    env: Env,
    model: Pubkey,
    owner: Keypair,
    requesters: Vec<Keypair>,
    oracles: Vec<TestOracle>,
    nonces: Vec<u64>,
    requests: Vec<ModelRequest>,
    model_oracles: Vec<ModelOracle>,
    /// Expected lamports of every tracked account.
    expected: HashMap<Pubkey, u64>,
    total: u64,
    escrowed: u64,
    paid_out: u64,
    refunded: u64,
}

impl Harness {
    async fn new() -> Self {
        let mut env = Env::start().await;
        let owner = env.wallet(SOL).await;
        let model = env.register_model(&owner, 1, None).await;
        let mut requesters = Vec::new();
        for _ in 0..REQUESTERS {
            requesters.push(env.wallet(20 * SOL).await);
        }
        let mut oracles = Vec::new();
        for _ in 0..ORACLES {
            oracles.push(env.register_oracle(STAKE).await);
        }
        let mut h = Self {
            env,
            model,
            owner,
            requesters,
            oracles,
            nonces: vec![0; REQUESTERS],
            requests: Vec::new(),
            model_oracles: (0..ORACLES).map(|_| ModelOracle { stake: STAKE }).collect(),
            expected: HashMap::new(),
            total: 0,
            escrowed: 0,
            paid_out: 0,
            refunded: 0,
        };
        let mut keys: Vec<Pubkey> = vec![h.owner.pubkey(), h.env.treasury.pubkey()];
        keys.extend(h.requesters.iter().map(|k| k.pubkey()));
        keys.extend(h.oracles.iter().flat_map(|o| [o.key(), o.pda()]));
        for key in keys {
            let lamports = h.env.lamports(&key).await;
            h.expected.insert(key, lamports);
            h.total += lamports;
        }
        h
    }

    fn credit(&mut self, key: Pubkey, amount: u64) {
        *self.expected.entry(key).or_default() += amount;
    }

    fn debit(&mut self, key: Pubkey, amount: u64) {
        let balance = self.expected.get_mut(&key).expect("tracked");
        *balance = balance
            .checked_sub(amount)
            .expect("model balance underflow");
    }

    /// Pays the escrow of request `i` back to its requester.
    fn refund(&mut self, i: usize) {
        let (key, requester, escrow) = (
            self.requests[i].key,
            self.requests[i].requester,
            self.requests[i].escrow,
        );
        self.debit(key, escrow);
        self.credit(self.requesters[requester].pubkey(), escrow);
        self.refunded += escrow;
        self.requests[i].escrow = 0;
    }

    /// Moves `bps` of oracle `o`'s stake to the requester of request `i`.
    fn slash(&mut self, o: usize, i: usize, bps: u64) {
        let amount = self.model_oracles[o].stake * bps / 10_000;
        self.model_oracles[o].stake -= amount;
        let pda = self.oracles[o].pda();
        self.debit(pda, amount);
        self.credit(self.requesters[self.requests[i].requester].pubkey(), amount);
    }

    /// Splits the escrow of request `i` between treasury, owner and oracle `o`.
    fn split(&mut self, i: usize, o: usize) {
        let price = self.requests[i].escrow;
        let protocol = price * PROTOCOL_FEE_BPS as u64 / 10_000;
        let royalty = price * ROYALTY_BPS as u64 / 10_000;
        let key = self.requests[i].key;
        self.debit(key, price);
        self.credit(self.env.treasury.pubkey(), protocol);
        self.credit(self.owner.pubkey(), royalty);
        self.credit(self.oracles[o].key(), price - protocol - royalty);
        self.paid_out += price;
        self.requests[i].escrow = 0;
    }

    /// Returns the rent of request `i` to its requester and forgets the account.
    fn close(&mut self, i: usize) {
        let (key, requester, rent) = (
            self.requests[i].key,
            self.requests[i].requester,
            self.requests[i].rent,
        );
        self.debit(key, rent);
        self.credit(self.requesters[requester].pubkey(), rent);
        self.expected.remove(&key);
        self.requests[i].status = St::Gone;
    }

    /// Applies `op` to the chain and to the model; checks they agree on whether it is allowed.
    async fn step(&mut self, op: &Op) {
        let slot = self.env.slot().await;
        let index = |request: usize| self.pick(op, request);
        let live = |h: &Self, request: usize| {
            !h.requests.is_empty() && h.requests[h.pick(op, request)].status != St::Gone
        };
        match *op {
            Op::Warp { slots } => self.env.warp(slots).await,
            Op::Create { requester } => {
                let nonce = self.nonces[requester];
                self.nonces[requester] += 1;
                let wallet = self.requesters[requester].insecure_clone();
                let key = self.env.create_request(&wallet, &self.model, nonce).await;
                let held = self.env.lamports(&key).await;
                let rent = held - PRICE;
                self.debit(wallet.pubkey(), held);
                self.expected.insert(key, held);
                self.escrowed += PRICE;
                self.requests.push(ModelRequest {
                    key,
                    requester,
                    status: St::Open,
                    deadline: slot + TTL,
                    escrow: PRICE,
                    rent,
                });
            }
            _ if !live(self, op_request(op)) => {}
            Op::Cancel { request } => {
                let i = index(request);
                let allowed = self.requests[i].status == St::Open;
                let keys = self.env.request_keys(&self.requests[i].key).await;
                let wallet = self.requesters[self.requests[i].requester].insecure_clone();
                let result = self
                    .env
                    .send(&[ix::cancel_request(&keys)], &[&wallet])
                    .await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "cancel {:?}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.refund(i);
                    self.close(i);
                }
            }
            Op::Claim { oracle, request } => {
                let i = index(request);
                let r = &self.requests[i];
                let eligible = slot <= r.deadline && self.model_oracles[oracle].stake >= SOL;
                let allowed = eligible
                    && match r.status {
                        St::Open => true,
                        St::Claimed { slot: at, .. } => slot > at + CLAIM_TIMEOUT,
                        _ => false,
                    };
                let key = r.key;
                let result = self.env.claim(&self.oracles[oracle], &key).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "claim {:?} at {slot}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.requests[i].status = St::Claimed { oracle, slot };
                }
            }
            Op::Fulfill { oracle, request } => {
                let i = index(request);
                let oracle = self.acting_oracle(oracle, i);
                let r = &self.requests[i];
                let allowed = slot <= r.deadline
                    && matches!(r.status, St::Claimed { oracle: o, .. } if o == oracle);
                let key = r.key;
                let result = self
                    .env
                    .fulfill(&self.oracles[oracle], &key, output(0.5))
                    .await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "fulfill {:?} at {slot}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.requests[i].status = St::Fulfilled { oracle, slot };
                }
            }
            Op::Fail { oracle, request } => {
                let i = index(request);
                let oracle = self.acting_oracle(oracle, i);
                let r = &self.requests[i];
                let allowed = slot <= r.deadline
                    && matches!(r.status, St::Claimed { oracle: o, .. } if o == oracle);
                let key = r.key;
                let result = self
                    .env
                    .fail(&self.oracles[oracle], &key, "cannot run")
                    .await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "fail {:?}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.refund(i);
                    self.requests[i].status = St::Failed;
                }
            }
            Op::Challenge { request } => {
                let i = index(request);
                let (allowed, oracle) = match self.requests[i].status {
                    St::Fulfilled { oracle, slot: at } => (slot <= at + WINDOW, oracle),
                    _ => (false, 0),
                };
                let wallet = self.requesters[self.requests[i].requester].insecure_clone();
                let ix = ix::challenge_request(&wallet.pubkey(), &self.requests[i].key);
                let result = self.env.send(&[ix], &[&wallet]).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "challenge {:?}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.requests[i].status = St::Challenged { oracle };
                }
            }
            Op::Resolve {
                request,
                oracle_was_wrong,
            } => {
                let i = index(request);
                let (allowed, oracle) = match self.requests[i].status {
                    St::Challenged { oracle } => (true, oracle),
                    _ => (false, 0),
                };
                let keys = self.env.request_keys(&self.requests[i].key).await;
                let admin = self.env.admin.insecure_clone();
                let ix = ix::resolve_challenge(
                    &admin.pubkey(),
                    &keys,
                    &self.oracles[oracle].key(),
                    oracle_was_wrong,
                );
                let result = self.env.send(&[ix], &[&admin]).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "resolve {:?}: {result:?}",
                    self.requests[i].status
                );
                if allowed && oracle_was_wrong {
                    self.refund(i);
                    self.slash(oracle, i, WRONG_RESULT_BPS);
                    self.requests[i].status = St::Refunded;
                } else if allowed {
                    self.split(i, oracle);
                    self.requests[i].status = St::Settled;
                }
            }
            Op::Settle { request } => {
                let i = index(request);
                let (allowed, oracle) = match self.requests[i].status {
                    St::Fulfilled { oracle, slot: at } => (slot > at + WINDOW, oracle),
                    _ => (false, 0),
                };
                let key = self.requests[i].key;
                let authority = self.oracles[oracle].key();
                let result = self.env.settle(&key, &authority).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "settle {:?} at {slot}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.split(i, oracle);
                    self.requests[i].status = St::Settled;
                }
            }
            Op::Expire { request } => {
                let i = index(request);
                let r = &self.requests[i];
                let late = slot > r.deadline;
                let (allowed, claimer) = match r.status {
                    St::Open => (late, None),
                    St::Claimed { oracle, .. } => (late, Some(oracle)),
                    _ => (false, None),
                };
                let key = r.key;
                let result = self.env.expire(&key).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "expire {:?} at {slot}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.refund(i);
                    if let Some(oracle) = claimer {
                        self.slash(oracle, i, NO_SHOW_BPS);
                    }
                    self.requests[i].status = St::Expired;
                }
            }
            Op::Close { request } => {
                let i = index(request);
                let allowed = matches!(
                    self.requests[i].status,
                    St::Settled | St::Failed | St::Expired | St::Refunded
                );
                let keys = self.env.request_keys(&self.requests[i].key).await;
                let wallet = self.requesters[self.requests[i].requester].insecure_clone();
                let result = self.env.send(&[ix::close_request(&keys)], &[&wallet]).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "close {:?}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    self.close(i);
                }
            }
        }
    }

    /// The request a step acts on: aimed selectors choose among requests whose status suits
    /// `op`, the others among all live requests (falling back to any request).
    fn pick(&self, op: &Op, request: usize) -> usize {
        let suits = |st: St| match op {
            Op::Cancel { .. } | Op::Claim { .. } => {
                st == St::Open || matches!(st, St::Claimed { .. })
            }
            Op::Fulfill { .. } | Op::Fail { .. } => matches!(st, St::Claimed { .. }),
            Op::Expire { .. } => matches!(st, St::Claimed { .. } | St::Open),
            Op::Challenge { .. } | Op::Settle { .. } => matches!(st, St::Fulfilled { .. }),
            Op::Resolve { .. } => matches!(st, St::Challenged { .. }),
            Op::Close { .. } => matches!(st, St::Settled | St::Failed | St::Expired | St::Refunded),
            Op::Create { .. } | Op::Warp { .. } => true,
        };
        let candidates: Vec<usize> = (0..self.requests.len())
            .filter(|&i| self.requests[i].status != St::Gone)
            .filter(|&i| request >= AIMED || suits(self.requests[i].status))
            .collect();
        match candidates.len() {
            0 => request % self.requests.len().max(1),
            n => candidates[request % n],
        }
    }

    /// `oracle`, or the current claimer of request `i` for indices at or above `ORACLES`.
    fn acting_oracle(&self, oracle: usize, i: usize) -> usize {
        match self.requests[i].status {
            St::Claimed {
                oracle: claimer, ..
            } if oracle >= ORACLES => claimer,
            _ => oracle % ORACLES,
        }
    }

    /// Compares the chain with the model and checks the conservation invariants.
    async fn check(&mut self) {
        let mut total = 0;
        let expected: Vec<(Pubkey, u64)> = self.expected.iter().map(|(k, v)| (*k, *v)).collect();
        for (key, lamports) in expected {
            let actual = self.env.lamports(&key).await;
            assert_eq!(actual, lamports, "balance of {key}");
            total += actual;
        }
        assert_eq!(total, self.total, "lamports were created or destroyed");

        let mut still_escrowed = 0;
        for i in 0..self.requests.len() {
            let (key, status) = (self.requests[i].key, self.requests[i].status);
            if status == St::Gone {
                assert!(
                    !self.env.exists(&key).await,
                    "closed request {key} still exists"
                );
                continue;
            }
            let state: Request = self.env.account(&key).await;
            still_escrowed += state.escrow;
            assert_eq!(state.escrow, self.requests[i].escrow);
            let oracle_pda = |o: usize| self.oracles[o].pda();
            let same = match (status, state.status) {
                (St::Open, RequestStatus::Open) => true,
                (St::Claimed { oracle, slot }, RequestStatus::Claimed { oracle: o, slot: s }) => {
                    o == oracle_pda(oracle) && s == slot
                }
                (
                    St::Fulfilled { oracle, slot },
                    RequestStatus::Fulfilled { oracle: o, slot: s },
                ) => o == oracle_pda(oracle) && s == slot,
                (St::Challenged { oracle }, RequestStatus::Challenged { oracle: o, .. }) => {
                    o == oracle_pda(oracle)
                }
                (St::Settled, RequestStatus::Settled { .. })
                | (St::Failed, RequestStatus::Failed { .. })
                | (St::Expired, RequestStatus::Expired { .. })
                | (St::Refunded, RequestStatus::Refunded { .. }) => true,
                _ => false,
            };
            assert!(
                same,
                "request {i}: model {status:?}, chain {:?}",
                state.status
            );
        }
        assert_eq!(
            self.escrowed,
            self.paid_out + self.refunded + still_escrowed,
            "escrowed = paid + refunded + held"
        );

        for o in 0..ORACLES {
            let state: Oracle = self.env.account(&self.oracles[o].pda()).await;
            assert_eq!(state.stake, self.model_oracles[o].stake);
            assert_eq!(
                state.total_staked,
                state.stake + state.total_withdrawn + state.total_slashed,
                "stake in = out + slashed"
            );
            let open = self
                .requests
                .iter()
                .filter(|r| matches!(r.status, St::Claimed { oracle, .. } | St::Fulfilled { oracle, .. } | St::Challenged { oracle } if oracle == o))
                .count() as u32;
            assert_eq!(state.open_requests, open, "oracle {o} open requests");
        }
    }
}

fn op_request(op: &Op) -> usize {
    match *op {
        Op::Cancel { request }
        | Op::Claim { request, .. }
        | Op::Fulfill { request, .. }
        | Op::Fail { request, .. }
        | Op::Challenge { request }
        | Op::Resolve { request, .. }
        | Op::Settle { request }
        | Op::Expire { request }
        | Op::Close { request } => request,
        Op::Create { .. } | Op::Warp { .. } => 0,
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_instruction_sequences_conserve_money(ops in proptest::collection::vec(op(), 20..80)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
        runtime.block_on(async {
            let mut h = Harness::new().await;
            for op in &ops {
                h.step(op).await;
                h.check().await;
            }
        });
    }
}
