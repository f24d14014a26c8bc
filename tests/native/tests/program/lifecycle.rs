//! Property test: random sequences of instructions by several requesters and oracles, checked
//! after every step against a reference model of docs/protocol.md.
//!
//! After each step: the chain accepted exactly the steps the model allows (the state machine),
//! every tracked account's lamports equal the model's (wallets, requests, the model, the
//! oracles and the config, which hold what is owed), the tracked lamports add up to the same
//! total (nothing created or destroyed), and money is conserved across owed and collected
//! balances: escrowed = refunded + still held + credited to payees, credited = owed now +
//! collected, slashed = owed to the treasury + collected; for every oracle stake in = stake
//! now + withdrawn + slashed, and its bonds are exactly those of the requests it holds.
//! Challenges open disputes whose re-execution rounds nobody serves here (rounds with seats are
//! `quorum_property.rs`): the challenger's bond and rent are tracked until it closes them.

use std::collections::HashMap;

use anchor_lang::prelude::Pubkey;
use inference_escrow_client::{
    ix, pda, seats, Config, Dispute, DisputeStatus, Model, Oracle, Request, RequestStatus,
    VerificationPolicy,
};
use inference_escrow_tests::*;
use proptest::prelude::*;
use solana_keypair::Keypair;
use solana_signer::Signer;

const REQUESTERS: usize = 3;
const ORACLES: usize = 2;
const CLAIM_TIMEOUT: u64 = 20;
const WINDOW: u64 = 30;
/// See [`op`].
const AIMED: usize = 8;

/// One step a party may try.
#[derive(Clone, Debug)]
enum Op {
    Create {
        requester: usize,
    },
    /// Anyone sends lamports to the address of a requester's next request first.
    Prefund {
        requester: usize,
        lamports: u64,
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
    FinalizeDispute {
        request: usize,
    },
    CloseDispute {
        request: usize,
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
    CollectOracleFees {
        oracle: usize,
    },
    CollectRoyalty,
    CollectProtocolFees,
    CollectSlashes,
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
        1 => (0..REQUESTERS, prop_oneof![Just(890_880u64), Just(2_000_000u64), Just(5_000_000u64)])
            .prop_map(|(requester, lamports)| Op::Prefund { requester, lamports }),
        1 => r.clone().prop_map(|request| Op::Cancel { request }),
        3 => (0..ORACLES, r.clone()).prop_map(|(oracle, request)| Op::Claim { oracle, request }),
        3 => (o.clone(), r.clone()).prop_map(|(oracle, request)| Op::Fulfill { oracle, request }),
        1 => (o, r.clone()).prop_map(|(oracle, request)| Op::Fail { oracle, request }),
        2 => r.clone().prop_map(|request| Op::Challenge { request }),
        2 => (r.clone(), any::<bool>()).prop_map(|(request, oracle_was_wrong)| Op::Resolve { request, oracle_was_wrong }),
        2 => r.clone().prop_map(|request| Op::FinalizeDispute { request }),
        1 => r.clone().prop_map(|request| Op::CloseDispute { request }),
        3 => r.clone().prop_map(|request| Op::Settle { request }),
        1 => r.clone().prop_map(|request| Op::Expire { request }),
        1 => r.prop_map(|request| Op::Close { request }),
        1 => (0..ORACLES).prop_map(|oracle| Op::CollectOracleFees { oracle }),
        1 => Just(Op::CollectRoyalty),
        1 => Just(Op::CollectProtocolFees),
        1 => Just(Op::CollectSlashes),
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
        slot: u64,
    },
    Settled,
    Failed,
    Expired,
    Refunded,
    /// Closed by cancel or close: the account is gone.
    Gone,
}

impl St {
    /// The oracle holding the request with its bond locked.
    fn holder(self) -> Option<usize> {
        match self {
            St::Claimed { oracle, .. }
            | St::Fulfilled { oracle, .. }
            | St::Challenged { oracle, .. } => Some(oracle),
            _ => None,
        }
    }
}

struct ModelRequest {
    key: Pubkey,
    requester: usize,
    status: St,
    deadline: u64,
    /// Held for the request: the price, until credited to payees or refunded on close.
    escrow: u64,
    /// Its dispute, while the account exists.
    dispute: Option<Disp>,
}

/// The model's view of a dispute (no re-executor takes a seat in this harness).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Disp {
    /// The round runs until `deadline`.
    Open { deadline: u64 },
    /// The round found no quorum at `since`: the arbiter may decide until the timeout.
    NoQuorum { since: u64 },
    /// Decided: the challenger may close it.
    Decided,
}

#[derive(Default)]
struct ModelOracle {
    stake: u64,
    bonded: u64,
    fees_owed: u64,
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
    /// Lamports sent to each requester's next request address by someone else.
    prefunded: Vec<u64>,
    royalty_owed: u64,
    protocol_owed: u64,
    slashed_owed: u64,
    /// Expected lamports of every tracked account.
    expected: HashMap<Pubkey, u64>,
    total: u64,
    escrowed: u64,
    refunded: u64,
    credited: u64,
    collected: u64,
    slashed: u64,
    slashes_collected: u64,
    /// Challenge bonds credited to oracles as fees owed.
    bonds_credited: u64,
    /// Slashed bonds owed to challengers (held in their disputes).
    slashed_to_challengers: u64,
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
            model_oracles: (0..ORACLES)
                .map(|_| ModelOracle {
                    stake: STAKE,
                    ..ModelOracle::default()
                })
                .collect(),
            prefunded: vec![0; REQUESTERS],
            royalty_owed: 0,
            protocol_owed: 0,
            slashed_owed: 0,
            expected: HashMap::new(),
            total: 0,
            escrowed: 0,
            refunded: 0,
            credited: 0,
            collected: 0,
            slashed: 0,
            slashes_collected: 0,
            bonds_credited: 0,
            slashed_to_challengers: 0,
        };
        let mut keys: Vec<Pubkey> = vec![
            h.owner.pubkey(),
            h.env.treasury.pubkey(),
            h.model,
            pda::config(),
        ];
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

    fn mv(&mut self, from: Pubkey, to: Pubkey, amount: u64) {
        self.debit(from, amount);
        self.credit(to, amount);
    }

    /// The holder of request `i` locks its bond.
    fn lock_bond(&mut self, o: usize) {
        self.model_oracles[o].bonded += BOND;
    }

    /// The holder's bond on request `i` is released: the obligation ended without its fault.
    fn release_bond(&mut self, o: usize) {
        self.model_oracles[o].bonded -= BOND;
    }

    /// The holder's bond is slashed into the config, owed to the treasury.
    fn slash_bond(&mut self, o: usize) {
        self.release_bond(o);
        self.model_oracles[o].stake -= BOND;
        let pda = self.oracles[o].pda();
        self.mv(pda, pda::config(), BOND);
        self.slashed_owed += BOND;
        self.slashed += BOND;
    }

    /// Credits the escrow of request `i` to the model (royalty, protocol fee) and oracle `o`.
    fn settle(&mut self, i: usize, o: usize) {
        self.release_bond(o);
        let price = self.requests[i].escrow;
        let protocol = price * PROTOCOL_FEE_BPS as u64 / 10_000;
        let royalty = price * ROYALTY_BPS as u64 / 10_000;
        let share = price - protocol - royalty;
        let key = self.requests[i].key;
        self.debit(key, price);
        self.credit(self.model, protocol + royalty);
        self.credit(self.oracles[o].pda(), share);
        self.royalty_owed += royalty;
        self.protocol_owed += protocol;
        self.model_oracles[o].fees_owed += share;
        self.credited += price;
        self.requests[i].escrow = 0;
        self.requests[i].status = St::Settled;
    }

    /// Pays request `i`'s refund (if any) and rent to its requester and forgets the account.
    fn close(&mut self, i: usize) {
        let (key, requester) = (self.requests[i].key, self.requests[i].requester);
        self.refunded += self.requests[i].escrow;
        let all = self.expected.remove(&key).expect("tracked request");
        self.credit(self.requesters[requester].pubkey(), all);
        self.requests[i].escrow = 0;
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
                let prefunded = std::mem::take(&mut self.prefunded[requester]);
                let rent = self.env.rent_exempt(Request::space(4 + 1 + 16, 4, 1)).await;
                assert_eq!(
                    held,
                    rent.max(prefunded) + PRICE,
                    "rent topped up, price escrowed"
                );
                self.debit(wallet.pubkey(), held - prefunded);
                self.expected.insert(key, held);
                self.escrowed += PRICE;
                self.requests.push(ModelRequest {
                    key,
                    requester,
                    status: St::Open,
                    deadline: slot + TTL,
                    escrow: PRICE,
                    dispute: None,
                });
            }
            Op::Prefund {
                requester,
                lamports,
            } => {
                let next =
                    pda::request(&self.requesters[requester].pubkey(), self.nonces[requester]);
                self.env.fund(&next, lamports).await;
                self.prefunded[requester] += lamports;
                self.total += lamports;
            }
            Op::CollectOracleFees { oracle } => {
                let owed = self.model_oracles[oracle].fees_owed;
                let authority = self.oracles[oracle].key();
                let result = self
                    .env
                    .send(&[ix::collect_oracle_fees(&authority)], &[])
                    .await;
                assert_eq!(result.is_ok(), owed > 0, "collect oracle fees: {result:?}");
                if owed > 0 {
                    self.mv(self.oracles[oracle].pda(), authority, owed);
                    self.model_oracles[oracle].fees_owed = 0;
                    self.collected += owed;
                }
            }
            Op::CollectRoyalty => {
                let owed = self.royalty_owed;
                let owner = self.owner.pubkey();
                let result = self
                    .env
                    .send(&[ix::collect_royalty(&self.model, &owner, None)], &[])
                    .await;
                assert_eq!(result.is_ok(), owed > 0, "collect royalty: {result:?}");
                if owed > 0 {
                    self.mv(self.model, owner, owed);
                    self.royalty_owed = 0;
                    self.collected += owed;
                }
            }
            Op::CollectProtocolFees => {
                let owed = self.protocol_owed;
                let treasury = self.env.treasury.pubkey();
                let result = self
                    .env
                    .send(
                        &[ix::collect_protocol_fees(&self.model, &treasury, None)],
                        &[],
                    )
                    .await;
                assert_eq!(
                    result.is_ok(),
                    owed > 0,
                    "collect protocol fees: {result:?}"
                );
                if owed > 0 {
                    self.mv(self.model, treasury, owed);
                    self.protocol_owed = 0;
                    self.collected += owed;
                }
            }
            Op::CollectSlashes => {
                let owed = self.slashed_owed;
                let treasury = self.env.treasury.pubkey();
                let result = self.env.send(&[ix::collect_slashes(&treasury)], &[]).await;
                assert_eq!(result.is_ok(), owed > 0, "collect slashes: {result:?}");
                if owed > 0 {
                    self.mv(pda::config(), treasury, owed);
                    self.slashed_owed = 0;
                    self.slashes_collected += owed;
                }
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
                    self.close(i);
                }
            }
            Op::Claim { oracle, request } => {
                let i = index(request);
                let r = &self.requests[i];
                let m = &self.model_oracles[oracle];
                let own_bond = if r.status.holder() == Some(oracle) {
                    BOND
                } else {
                    0
                };
                let eligible = slot <= r.deadline
                    && r.deadline - slot >= MIN_FULFIL_SLOTS
                    && m.stake >= SOL
                    && m.stake - m.bonded + own_bond >= BOND;
                let previous = match r.status {
                    St::Open => Some(None),
                    St::Claimed {
                        oracle: holder,
                        slot: at,
                    } if slot > at + CLAIM_TIMEOUT => Some(Some(holder)),
                    _ => None,
                };
                let allowed = eligible && previous.is_some();
                let key = r.key;
                let result = self.env.claim(&self.oracles[oracle], &key).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "claim {:?} at {slot}: {result:?}",
                    self.requests[i].status
                );
                if allowed {
                    if let Some(Some(holder)) = previous {
                        self.release_bond(holder);
                    }
                    self.lock_bond(oracle);
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
                    self.release_bond(oracle);
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
                    self.requests[i].status = St::Challenged { oracle, slot };
                    self.requests[i].dispute = Some(Disp::Open {
                        deadline: slot + DISPUTE_WINDOW,
                    });
                    let dispute = pda::dispute(&self.requests[i].key);
                    let held = self.env.lamports(&dispute).await;
                    let rent = self.env.rent_exempt(Dispute::space(3, 4)).await;
                    assert_eq!(held, rent + CHALLENGE_BOND, "bond and rent posted");
                    self.debit(wallet.pubkey(), held);
                    self.expected.insert(dispute, held);
                }
            }
            Op::FinalizeDispute { request } => {
                let i = index(request);
                let r = &self.requests[i];
                let next = match (r.status, r.dispute) {
                    (St::Challenged { .. }, Some(Disp::Open { deadline })) if slot > deadline => {
                        Some(Disp::NoQuorum { since: slot })
                    }
                    (St::Challenged { .. }, Some(Disp::NoQuorum { since }))
                        if slot > since + ARBITRATION_TIMEOUT =>
                    {
                        Some(Disp::Decided)
                    }
                    _ => None,
                };
                let key = r.key;
                let result = if r.dispute.is_some() {
                    self.env.finalize_dispute(&key).await
                } else {
                    let state: Request = self.env.account(&key).await;
                    let ix = seats::finalize_dispute(&key, &state, &blank_dispute());
                    self.env.send(&[ix], &[]).await
                };
                assert_eq!(
                    result.is_ok(),
                    next.is_some(),
                    "finalize dispute {:?} {:?} at {slot}: {result:?}",
                    self.requests[i].status,
                    self.requests[i].dispute
                );
                if let Some(next) = next {
                    if next == Disp::Decided {
                        // The arbiter's time ran out: refunded, nobody slashed.
                        let holder = self.requests[i].status.holder().expect("holder");
                        self.release_bond(holder);
                        self.requests[i].status = St::Refunded;
                    }
                    self.requests[i].dispute = Some(next);
                }
            }
            Op::CloseDispute { request } => {
                let i = index(request);
                let allowed = self.requests[i].dispute == Some(Disp::Decided);
                let requester = self.requesters[self.requests[i].requester].pubkey();
                let key = self.requests[i].key;
                let ix = seats::close_dispute(&key, &requester);
                let result = self.env.send(&[ix], &[]).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "close dispute {:?}: {result:?}",
                    self.requests[i].dispute
                );
                if allowed {
                    let all = self.expected.remove(&pda::dispute(&key)).expect("tracked");
                    self.credit(requester, all);
                    self.requests[i].dispute = None;
                }
            }
            Op::Resolve {
                request,
                oracle_was_wrong,
            } => {
                let i = index(request);
                let (allowed, oracle) = match (self.requests[i].status, self.requests[i].dispute) {
                    (St::Challenged { oracle, .. }, Some(Disp::NoQuorum { since })) => {
                        (slot <= since + ARBITRATION_TIMEOUT, oracle)
                    }
                    (St::Challenged { oracle, .. }, _) => (false, oracle),
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
                if allowed {
                    self.requests[i].dispute = Some(Disp::Decided);
                }
                if allowed && oracle_was_wrong {
                    // The slashed bond goes to the challenger, held in the dispute.
                    self.release_bond(oracle);
                    self.model_oracles[oracle].stake -= BOND;
                    let dispute = pda::dispute(&self.requests[i].key);
                    self.mv(self.oracles[oracle].pda(), dispute, BOND);
                    self.slashed_to_challengers += BOND;
                    self.requests[i].status = St::Refunded;
                } else if allowed {
                    // The challenge bond compensates the oracle whose result was right.
                    let dispute = pda::dispute(&self.requests[i].key);
                    self.mv(dispute, self.oracles[oracle].pda(), CHALLENGE_BOND);
                    self.model_oracles[oracle].fees_owed += CHALLENGE_BOND;
                    self.bonds_credited += CHALLENGE_BOND;
                    self.settle(i, oracle);
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
                    self.settle(i, oracle);
                }
            }
            Op::Expire { request } => {
                let i = index(request);
                let r = &self.requests[i];
                let late = slot > r.deadline;
                let allowed = match r.status {
                    St::Open | St::Claimed { .. } => late,
                    _ => false,
                };
                let status = r.status;
                let key = r.key;
                let result = self.env.expire(&key).await;
                assert_eq!(
                    result.is_ok(),
                    allowed,
                    "expire {status:?} at {slot}: {result:?}",
                );
                if allowed {
                    self.requests[i].status = match status {
                        St::Claimed { oracle, .. } => {
                            self.slash_bond(oracle);
                            St::Expired
                        }
                        _ => St::Expired,
                    };
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
            Op::Expire { .. } => {
                matches!(st, St::Claimed { .. } | St::Open | St::Challenged { .. })
            }
            Op::Challenge { .. } | Op::Settle { .. } => matches!(st, St::Fulfilled { .. }),
            Op::Resolve { .. } | Op::FinalizeDispute { .. } => matches!(st, St::Challenged { .. }),
            Op::CloseDispute { .. } => matches!(st, St::Refunded | St::Settled),
            Op::Close { .. } => matches!(st, St::Settled | St::Failed | St::Expired | St::Refunded),
            _ => true,
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
        let prefunded: u64 = self.prefunded.iter().sum();
        assert_eq!(
            total + prefunded,
            self.total,
            "lamports were created or destroyed"
        );

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
            let bond = if status.holder().is_some() { BOND } else { 0 };
            assert_eq!(state.bond, bond, "request {i} bond");
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
                (
                    St::Challenged { oracle, slot },
                    RequestStatus::Challenged {
                        oracle: o, slot: s, ..
                    },
                ) => o == oracle_pda(oracle) && s == slot,
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
            self.refunded + still_escrowed + self.credited,
            "escrowed = refunded + held + credited"
        );

        let model: Model = self.env.account(&self.model).await;
        assert_eq!(
            (model.royalty_owed, model.protocol_fee_owed),
            (self.royalty_owed, self.protocol_owed)
        );
        let config: Config = self.env.account(&pda::config()).await;
        assert_eq!(config.slashed_owed, self.slashed_owed);
        let mut fees_owed = 0;
        let mut total_slashed = 0;
        for o in 0..ORACLES {
            let state: Oracle = self.env.account(&self.oracles[o].pda()).await;
            let m = &self.model_oracles[o];
            assert_eq!(
                (state.stake, state.bonded, state.fees_owed),
                (m.stake, m.bonded, m.fees_owed),
                "oracle {o}"
            );
            assert_eq!(
                state.total_staked,
                state.stake + state.total_withdrawn + state.total_slashed,
                "stake in = out + slashed"
            );
            let held = self
                .requests
                .iter()
                .filter(|r| r.status.holder() == Some(o))
                .count() as u32;
            assert_eq!(state.open_requests, held, "oracle {o} open requests");
            assert_eq!(state.bonded, BOND * held as u64, "oracle {o} bonds");
            fees_owed += state.fees_owed;
            total_slashed += state.total_slashed;
        }
        assert_eq!(
            self.credited + self.bonds_credited,
            model.royalty_owed + model.protocol_fee_owed + fees_owed + self.collected,
            "credited (prices and challenge bonds) = owed + collected"
        );
        assert_eq!(
            total_slashed,
            self.slashed + self.slashed_to_challengers,
            "slashed bonds are all accounted for"
        );
        assert_eq!(
            self.slashed,
            config.slashed_owed + self.slashes_collected,
            "slashed = owed to the treasury + collected"
        );
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
        | Op::FinalizeDispute { request }
        | Op::CloseDispute { request }
        | Op::Settle { request }
        | Op::Expire { request }
        | Op::Close { request } => request,
        _ => 0,
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

/// A dispute with no seats, for sending `finalize_dispute` where none exists.
fn blank_dispute() -> Dispute {
    Dispute {
        version: inference_escrow::constants::ACCOUNT_VERSION,
        request: Pubkey::default(),
        challenger: Pubkey::default(),
        bond: 0,
        opened_slot: 0,
        commit_deadline_slot: 0,
        reveal_deadline_slot: 0,
        policy: VerificationPolicy::SINGLE,
        reveal_len: 0,
        status: DisputeStatus::Open,
        seats: Vec::new(),
        agreed: 0,
        bump: 0,
    }
}
