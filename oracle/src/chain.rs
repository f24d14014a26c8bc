//! Talking to the cluster: several RPC endpoints with failover, account reads, and sending
//! transactions with a compute-unit price, a fresh blockhash per attempt and confirmation
//! tracking.
//!
//! Retry policy: a read or a send that fails in transport moves to the next endpoint and is
//! tried again (with a short backoff) until every endpoint failed `rounds` times. A send whose
//! preflight or execution fails with a program error is not retried: the caller re-reads the
//! chain and decides. A send that is not confirmed within `confirm_timeout` is sent again with a
//! fresh blockhash; the program's state machine makes a duplicate harmless (the second attempt
//! fails with a state error, and the caller re-reads).

use std::{
    sync::atomic::{AtomicUsize, Ordering},
    time::{Duration, Instant},
};

use anchor_lang::{
    prelude::Pubkey, solana_program::instruction::Instruction, AccountDeserialize, Discriminator,
};
use inference_escrow_client::{decode, Request};
use prometheus_client::metrics::{counter::Counter, family::Family};
use solana_client::{
    client_error::ClientError,
    nonblocking::rpc_client::RpcClient,
    rpc_config::{
        CommitmentConfig, RpcAccountInfoConfig, RpcProgramAccountsConfig, RpcSendTransactionConfig,
        UiAccountEncoding,
    },
    rpc_filter::{Memcmp, RpcFilterType},
};
use solana_compute_budget_interface::ComputeBudgetInstruction;
use solana_instruction::error::InstructionError;
use solana_keypair::Keypair;
use solana_signer::Signer;
use solana_transaction::{Hash, Signature, Transaction};
use solana_transaction_error::TransactionError;

use crate::metrics::KindLabel;

/// Why a chain operation failed.
#[derive(Clone, Debug, thiserror::Error)]
pub enum ChainError {
    /// The program (or the runtime) refused the transaction; `code` is the custom error code.
    #[error("transaction refused: {}{}", describe(.error), logs_suffix(.error, .logs))]
    Refused {
        /// The transaction error.
        error: TransactionError,
        /// Simulation logs, when the RPC returned them.
        logs: Vec<String>,
    },
    /// No endpoint answered.
    #[error("no RPC endpoint answered: {0}")]
    Unavailable(String),
    /// Sent, but never confirmed within the attempts allowed.
    #[error("not confirmed after {0} attempts")]
    Unconfirmed(u32),
    /// An account could not be decoded.
    #[error("account {0}: {1}")]
    Decode(Pubkey, String),
}

/// The program error `error` carries, named from the IDL, when there is one.
fn named(error: &TransactionError) -> Option<crate::program_error::NamedError> {
    match error {
        TransactionError::InstructionError(_, InstructionError::Custom(code)) => {
            crate::program_error::lookup(*code)
        }
        _ => None,
    }
}

/// The transaction error, with a program error named from the IDL.
fn describe(error: &TransactionError) -> String {
    match error {
        TransactionError::InstructionError(index, InstructionError::Custom(code)) => {
            match crate::program_error::lookup(*code) {
                Some(named) => format!("{named} (instruction {index} of the transaction)"),
                None => format!(
                    "custom program error {code} ({code:#x}) (instruction {index} of the transaction)"
                ),
            }
        }
        other => other.to_string(),
    }
}

/// What the simulation's logs add to the error: for an error the IDL names, only the account
/// Anchor blames (`AnchorError caused by account: ...`); otherwise Anchor's error line, or the
/// last three log lines.
fn logs_suffix(error: &TransactionError, logs: &[String]) -> String {
    let named = named(error).is_some();
    let anchor: Vec<&str> = logs
        .iter()
        .filter(|line| line.contains("AnchorError"))
        .filter(|line| !named || line.contains("caused by account"))
        .map(String::as_str)
        .collect();
    let tail: Vec<&str> = if !anchor.is_empty() || named {
        anchor
    } else {
        logs.iter()
            .rev()
            .take(3)
            .rev()
            .map(String::as_str)
            .collect()
    };
    if tail.is_empty() {
        String::new()
    } else {
        format!(" (logs: {})", tail.join(" | "))
    }
}

impl ChainError {
    /// The program's custom error code, when the program refused the transaction.
    pub fn program_error(&self) -> Option<u32> {
        match self {
            ChainError::Refused {
                error: TransactionError::InstructionError(_, InstructionError::Custom(code)),
                ..
            } => Some(*code),
            _ => None,
        }
    }

    /// The custom program error and the index (in the transaction, the compute-price
    /// instruction being 0) of the instruction that raised it.
    pub fn program_error_at(&self) -> Option<(u8, u32)> {
        match self {
            ChainError::Refused {
                error: TransactionError::InstructionError(index, InstructionError::Custom(code)),
                ..
            } => Some((*index, *code)),
            _ => None,
        }
    }

    /// Whether a send failed without an answer (no endpoint answered, or no confirmation came):
    /// the transaction may have landed anyway, unlike a refusal.
    pub fn unanswered(&self) -> bool {
        matches!(
            self,
            ChainError::Unavailable(_) | ChainError::Unconfirmed(_)
        )
    }

    /// A short label for metrics.
    pub fn kind(&self) -> &'static str {
        match self {
            ChainError::Refused { .. } => "refused",
            ChainError::Unavailable(_) => "rpc_unavailable",
            ChainError::Unconfirmed(_) => "unconfirmed",
            ChainError::Decode(..) => "decode",
        }
    }
}

/// The `getProgramAccounts` / `programSubscribe` configuration that selects the Request
/// accounts of `model` (`memcmp` on the account discriminator and the model field) whose
/// status has Borsh tag `status_tag` (any status when `None`), base64-encoded.
pub fn model_requests_filter(model: &Pubkey, status_tag: Option<u8>) -> RpcProgramAccountsConfig {
    let mut filters = vec![
        RpcFilterType::Memcmp(Memcmp::new_base58_encoded(0, Request::DISCRIMINATOR)),
        RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
            Request::MODEL_OFFSET,
            model.as_ref(),
        )),
    ];
    if let Some(tag) = status_tag {
        filters.push(RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
            Request::STATUS_OFFSET,
            &[tag],
        )));
    }
    RpcProgramAccountsConfig {
        filters: Some(filters),
        account_config: RpcAccountInfoConfig {
            encoding: Some(UiAccountEncoding::Base64),
            // A subscription without a commitment is notified at finalized (~13 s late).
            commitment: Some(CommitmentConfig::confirmed()),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// The `getProgramAccounts` configuration that selects the Request accounts held by `oracle`
/// (the Oracle account) in the status with Borsh tag `status_tag` (1 Claimed, 2 Fulfilled,
/// 3 Challenged), whatever their model.
pub fn held_requests_filter(oracle: &Pubkey, status_tag: u8) -> RpcProgramAccountsConfig {
    RpcProgramAccountsConfig {
        filters: Some(vec![
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(0, Request::DISCRIMINATOR)),
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
                Request::STATUS_OFFSET,
                &[status_tag],
            )),
            RpcFilterType::Memcmp(Memcmp::new_base58_encoded(
                Request::STATUS_ORACLE_OFFSET,
                oracle.as_ref(),
            )),
        ]),
        account_config: RpcAccountInfoConfig {
            encoding: Some(UiAccountEncoding::Base64),
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Borsh tags of the statuses in which an oracle holds a request (its bond locked).
pub const HELD_STATUS_TAGS: [u8; 3] = [1, 2, 3];

/// Borsh tags of the statuses in which a request may still need an oracle (Open, Claimed,
/// Fulfilled, Challenged); the terminal ones (Settled, Failed, Expired, Refunded) only wait
/// for their requester to close them, and accumulate.
pub const LIVE_STATUS_TAGS: [u8; 4] = [0, 1, 2, 3];

/// Limits of the retry policy.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Times each endpoint is tried for one operation before giving up.
    pub rounds: u32,
    /// Sends of one transaction (each with a fresh blockhash).
    pub send_attempts: u32,
    /// Wait for confirmation of one send.
    pub confirm_timeout: Duration,
    /// Pause between two status polls.
    pub poll: Duration,
    /// Pause after a transport failure before the next endpoint.
    pub backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            rounds: 3,
            send_attempts: 4,
            confirm_timeout: Duration::from_secs(20),
            poll: Duration::from_millis(100),
            backoff: Duration::from_millis(200),
        }
    }
}

/// The cluster, through one or more RPC endpoints.
pub struct Chain {
    endpoints: Vec<RpcClient>,
    /// Index of the endpoint in use; moves on after a transport failure.
    current: AtomicUsize,
    /// Compute-unit price added to every transaction, in micro-lamports.
    priority_fee: u64,
    policy: RetryPolicy,
    /// RPC calls made, by JSON-RPC method (every attempt counts).
    rpc_calls: Family<KindLabel, Counter>,
    /// The last blockhash fetched, and when: reused for [`BLOCKHASH_REUSE`].
    blockhash: std::sync::Mutex<Option<(Hash, Instant)>>,
    /// Transactions waiting for confirmation, polled together.
    confirmations: Confirmations,
    /// When an endpoint last answered (successfully or with a program error).
    last_answer: std::sync::Mutex<Option<Instant>>,
    /// Sends given up unconfirmed since a transaction last landed.
    unconfirmed_streak: std::sync::atomic::AtomicU32,
}

/// How long a fetched blockhash is reused for first sends (a blockhash stays valid for about a
/// minute; a resend after a timeout always fetches a fresh one).
const BLOCKHASH_REUSE: Duration = Duration::from_secs(2);

/// Most keys one `getMultipleAccounts` call may ask about.
const MAX_ACCOUNTS_PER_CALL: usize = 100;

/// Largest serialized transaction a validator accepts (the packet data size).
const MAX_TRANSACTION_BYTES: usize = 1232;

/// Most signatures one `getSignatureStatuses` call may ask about.
const MAX_STATUSES_PER_CALL: usize = 256;

/// Signatures awaiting confirmation: whichever waiter holds `polling` asks about all of them in
/// one `getSignatureStatuses` call and posts each answer, so that many transactions in flight
/// cost one call per poll rather than one each.
#[derive(Default)]
struct Confirmations {
    /// Every signature awaited, with its outcome once a poll saw it confirmed. An entry lives
    /// exactly as long as its waiter ([`Awaiting`]).
    waiting: std::sync::Mutex<std::collections::HashMap<Signature, Option<Landed>>>,
    polling: tokio::sync::Mutex<()>,
    polled: tokio::sync::Notify,
}

/// A signature's entry in [`Confirmations`], removed when its waiter returns or is dropped.
struct Awaiting<'a> {
    table: &'a Confirmations,
    signature: Signature,
}

impl<'a> Awaiting<'a> {
    fn new(table: &'a Confirmations, signature: Signature) -> Self {
        if let Ok(mut waiting) = table.waiting.lock() {
            waiting.insert(signature, None);
        }
        Self { table, signature }
    }

    /// The outcome, once a poll posted it.
    fn landed(&self) -> Option<Landed> {
        self.table
            .waiting
            .lock()
            .ok()
            .and_then(|waiting| waiting.get(&self.signature).cloned().flatten())
    }
}

impl Drop for Awaiting<'_> {
    fn drop(&mut self) {
        if let Ok(mut waiting) = self.table.waiting.lock() {
            waiting.remove(&self.signature);
        }
    }
}

/// A transaction that landed and succeeded.
#[derive(Clone, Copy, Debug)]
pub struct Sent {
    /// Its signature.
    pub signature: Signature,
    /// The slot of the block that holds it.
    pub slot: u64,
    /// Seconds from the first send to its confirmation.
    pub seconds: f64,
}

/// A confirmed transaction: the slot it landed in and its outcome.
#[derive(Clone, Debug)]
pub struct Landed {
    /// The slot of the block that holds it.
    pub slot: u64,
    /// Its outcome.
    pub result: Result<(), TransactionError>,
}

impl Chain {
    /// A chain over `urls` (at least one), at confirmed commitment.
    pub fn new(urls: &[String], priority_fee: u64, policy: RetryPolicy) -> Self {
        let endpoints = urls
            .iter()
            .map(|url| {
                RpcClient::new_with_timeout_and_commitment(
                    url.clone(),
                    Duration::from_secs(10),
                    CommitmentConfig::confirmed(),
                )
            })
            .collect();
        Self {
            endpoints,
            current: AtomicUsize::new(0),
            priority_fee,
            policy,
            rpc_calls: Family::default(),
            blockhash: std::sync::Mutex::new(None),
            confirmations: Confirmations::default(),
            last_answer: std::sync::Mutex::new(None),
            unconfirmed_streak: std::sync::atomic::AtomicU32::new(0),
        }
    }

    /// The count of RPC calls made, by method (`oracle_rpc_calls_total{kind}` in /metrics).
    pub fn rpc_calls(&self) -> Family<KindLabel, Counter> {
        self.rpc_calls.clone()
    }

    /// Runs `op` against the current endpoint, moving to the next one on transport failures.
    async fn with_failover<'a, T, F, Fut>(&'a self, what: &str, op: F) -> Result<T, ChainError>
    where
        F: Fn(&'a RpcClient) -> Fut,
        Fut: std::future::Future<Output = Result<T, ClientError>>,
    {
        let total = self.endpoints.len() * self.policy.rounds.max(1) as usize;
        let mut last = String::new();
        for attempt in 0..total {
            let index = self.current.load(Ordering::Relaxed) % self.endpoints.len();
            self.rpc_calls
                .get_or_create(&KindLabel {
                    kind: what.to_owned(),
                })
                .inc();
            match op(&self.endpoints[index]).await {
                Ok(value) => {
                    self.answered();
                    return Ok(value);
                }
                Err(err) => match err.get_transaction_error() {
                    Some(error) => {
                        self.answered();
                        return Err(refused(&err, error));
                    }
                    None => {
                        last = err.to_string();
                        let next = (index + 1) % self.endpoints.len();
                        let _ = self.current.compare_exchange(
                            index,
                            next,
                            Ordering::Relaxed,
                            Ordering::Relaxed,
                        );
                        tracing::warn!(what, endpoint = %self.endpoints[index].url(), attempt, error = %last, "RPC call failed; trying the next endpoint");
                        tokio::time::sleep(self.policy.backoff).await;
                    }
                },
            }
        }
        Err(ChainError::Unavailable(format!("{what}: {last}")))
    }

    fn answered(&self) {
        if let Ok(mut last) = self.last_answer.lock() {
            *last = Some(Instant::now());
        }
    }

    /// Why transactions are not landing: `None` unless at least two sends in a row were given up
    /// unconfirmed (each sent `send_attempts` times) with none landing since.
    pub fn landing_trouble(&self) -> Option<String> {
        let streak = self.unconfirmed_streak.load(Ordering::Relaxed);
        (streak >= 2).then(|| {
            format!(
                "{streak} transactions in a row were not confirmed after {} sends each: the \
                 priority fee is too low for the cluster, or the endpoint does not forward them",
                self.policy.send_attempts
            )
        })
    }

    /// How long ago an endpoint last answered; `None` before the first answer.
    pub fn since_last_answer(&self) -> Option<Duration> {
        self.last_answer.lock().ok()?.map(|at| at.elapsed())
    }

    /// The current slot.
    pub async fn slot(&self) -> Result<u64, ChainError> {
        self.with_failover("getSlot", |rpc| rpc.get_slot()).await
    }

    /// The raw data of the program's account at `key`, or `None` when there is none: no
    /// account, or one the program does not own (anyone can fund an address; a look-alike
    /// owned by another program is not this program's state).
    pub async fn account_data(&self, key: &Pubkey) -> Result<Option<Vec<u8>>, ChainError> {
        self.with_failover("getAccountInfo", |rpc| async move {
            let response = rpc
                .get_account_with_commitment(key, rpc.commitment())
                .await?;
            Ok(response
                .value
                .filter(|account| account.owner == inference_escrow::ID)
                .map(|account| account.data))
        })
        .await
    }

    /// The program account `T` at `key`, or `None` when the program owns no account there.
    pub async fn account<T: AccountDeserialize + Discriminator>(
        &self,
        key: &Pubkey,
    ) -> Result<Option<T>, ChainError> {
        match self.account_data(key).await? {
            Some(data) => decode::account(&data)
                .map(Some)
                .map_err(|err| ChainError::Decode(*key, err.to_string())),
            None => Ok(None),
        }
    }

    /// The program accounts `T` at `keys`, in order, read with one `getMultipleAccounts` per
    /// [`MAX_ACCOUNTS_PER_CALL`] keys. `None` where there is no such account: none at all, or
    /// one this program does not own or that is not a `T` (anyone can fund a closed address,
    /// and one such key must not hide the others).
    pub async fn accounts<T: AccountDeserialize + Discriminator>(
        &self,
        keys: &[Pubkey],
    ) -> Result<Vec<Option<T>>, ChainError> {
        let mut found = Vec::with_capacity(keys.len());
        for chunk in keys.chunks(MAX_ACCOUNTS_PER_CALL) {
            let accounts = self
                .with_failover("getMultipleAccounts", |rpc| async move {
                    let response = rpc
                        .get_multiple_accounts_with_commitment(chunk, rpc.commitment())
                        .await?;
                    Ok(response.value)
                })
                .await?;
            for (key, account) in chunk.iter().zip(accounts) {
                found.push(account.and_then(|account| {
                    if account.owner != inference_escrow::ID {
                        return None;
                    }
                    decode::account(&account.data)
                        .inspect_err(|err| tracing::warn!(account = %key, %err, "not a readable account of this program; treated as gone"))
                        .ok()
                }));
            }
        }
        Ok(found)
    }

    /// Whether `instructions`, as [`Chain::send`] would send them signed by `payer` alone, fit
    /// in one transaction.
    pub fn fits(&self, instructions: &[Instruction], payer: &Pubkey) -> bool {
        let tx = Transaction::new_with_payer(&self.priced(instructions), Some(payer));
        let signatures = usize::from(tx.message.header.num_required_signatures);
        // A one-byte signature count, the signatures, then the message.
        1 + 64 * signatures + tx.message_data().len() <= MAX_TRANSACTION_BYTES
    }

    /// The program that owns `key`.
    pub async fn owner_of(&self, key: &Pubkey) -> Result<Pubkey, ChainError> {
        let account = self
            .with_failover("getAccountInfo", |rpc| rpc.get_account(key))
            .await?;
        Ok(account.owner)
    }

    /// Lamports an account of `len` bytes needs to be rent-exempt on this cluster.
    pub async fn minimum_balance(&self, len: usize) -> Result<u64, ChainError> {
        self.with_failover("getMinimumBalanceForRentExemption", |rpc| {
            rpc.get_minimum_balance_for_rent_exemption(len)
        })
        .await
    }

    /// Lamports held by `key`.
    pub async fn balance(&self, key: &Pubkey) -> Result<u64, ChainError> {
        self.with_failover("getBalance", |rpc| rpc.get_balance(key))
            .await
    }

    /// Every Request account of `model`, terminal ones included.
    pub async fn requests_of(&self, model: &Pubkey) -> Result<Vec<(Pubkey, Request)>, ChainError> {
        self.requests_where(model_requests_filter(model, None))
            .await
    }

    /// The Request accounts of `model` that may still need an oracle (one `getProgramAccounts`
    /// per live status): what a sweep reads, whatever number of settled requests wait to be
    /// closed.
    pub async fn live_requests_of(
        &self,
        model: &Pubkey,
    ) -> Result<Vec<(Pubkey, Request)>, ChainError> {
        self.requests_where_any(LIVE_STATUS_TAGS.map(|tag| model_requests_filter(model, Some(tag))))
            .await
    }

    /// Every Request account `oracle` holds (claimed, fulfilled or challenged), of any model.
    pub async fn requests_held_by(
        &self,
        oracle: &Pubkey,
    ) -> Result<Vec<(Pubkey, Request)>, ChainError> {
        self.requests_where_any(HELD_STATUS_TAGS.map(|tag| held_requests_filter(oracle, tag)))
            .await
    }

    /// The Request accounts any of `configs` selects (one `getProgramAccounts` each; the
    /// configs select disjoint sets).
    async fn requests_where_any(
        &self,
        configs: impl IntoIterator<Item = RpcProgramAccountsConfig>,
    ) -> Result<Vec<(Pubkey, Request)>, ChainError> {
        let mut found = Vec::new();
        for config in configs {
            found.extend(self.requests_where(config).await?);
        }
        Ok(found)
    }

    /// The Request accounts `config` selects.
    async fn requests_where(
        &self,
        config: RpcProgramAccountsConfig,
    ) -> Result<Vec<(Pubkey, Request)>, ChainError> {
        let accounts = self
            .with_failover("getProgramAccounts", |rpc| {
                rpc.get_program_ui_accounts_with_config(&inference_escrow::ID, config.clone())
            })
            .await?;
        Ok(accounts
            .into_iter()
            .filter_map(|(key, account)| {
                let data = account.data.decode()?;
                decode::account::<Request>(&data)
                    .ok()
                    .map(|request| (key, request))
            })
            .collect())
    }

    /// Sends `instructions` (behind a compute-unit price) signed by `payer` and `signers`, and
    /// waits for confirmation; returns the seconds it took.
    pub async fn send(
        &self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<f64, ChainError> {
        self.send_landed(instructions, payer, signers)
            .await
            .map(|sent| sent.seconds)
    }

    /// [`Chain::send`], returning where and when the transaction landed. Every send is logged
    /// with its signature (INFO when it lands, WARN when refused or not confirmed), inside the
    /// caller's span (which names the request).
    pub async fn send_landed(
        &self,
        instructions: &[Instruction],
        payer: &Keypair,
        signers: &[&Keypair],
    ) -> Result<Sent, ChainError> {
        let started = Instant::now();
        let all = self.priced(instructions);
        let mut keys: Vec<&Keypair> = vec![payer];
        keys.extend(
            signers
                .iter()
                .copied()
                .filter(|key| key.pubkey() != payer.pubkey()),
        );
        // Attempts sent but not confirmed in time: one of them may still land, and then a later
        // attempt is refused (the state moved on) while the intent succeeded.
        let mut earlier: Vec<Signature> = Vec::new();
        for attempt in 1..=self.policy.send_attempts {
            let blockhash = self.blockhash(attempt > 1).await?;
            let tx =
                Transaction::new_signed_with_payer(&all, Some(&payer.pubkey()), &keys, blockhash);
            let config = RpcSendTransactionConfig {
                preflight_commitment: Some(solana_client::rpc_config::CommitmentLevel::Confirmed),
                ..Default::default()
            };
            let calls = AtomicUsize::new(0);
            let sent = self
                .with_failover("sendTransaction", |rpc| {
                    calls.fetch_add(1, Ordering::Relaxed);
                    rpc.send_transaction_with_config(&tx, config)
                })
                .await;
            let signature = match sent {
                Ok(signature) => signature,
                // This very transaction reached the cluster on a try whose answer was lost in
                // transport (the failover sent it again): not a failure, wait for it. On a
                // first try it is someone else's identical transaction, and an error.
                Err(ChainError::Refused {
                    error: TransactionError::AlreadyProcessed,
                    ..
                }) if calls.load(Ordering::Relaxed) > 1 => {
                    let signature = tx.signatures[0];
                    tracing::info!(%signature, "transaction already received by the cluster; confirming it");
                    signature
                }
                // An endpoint behind the one the blockhash came from: fetch a fresh one.
                Err(ChainError::Refused {
                    error: TransactionError::BlockhashNotFound,
                    ..
                }) if attempt < self.policy.send_attempts => {
                    tracing::warn!(
                        attempt,
                        "blockhash not found by the endpoint; sending again with a fresh one"
                    );
                    continue;
                }
                Err(err) => {
                    if let Some(sent) = self.earlier_landed(&earlier, started).await {
                        return Ok(sent);
                    }
                    // A refusal at simulation (a lost race among them) is the caller's to
                    // judge and log; an endpoint failure is logged here.
                    match err {
                        ChainError::Refused { .. } => {
                            tracing::debug!(signature = %tx.signatures[0], %err, "transaction refused at simulation")
                        }
                        _ => {
                            tracing::warn!(signature = %tx.signatures[0], %err, "transaction not sent")
                        }
                    }
                    return Err(err);
                }
            };
            let deadline = Instant::now() + self.policy.confirm_timeout;
            match self.confirm(signature, deadline).await? {
                Some(Landed {
                    slot,
                    result: Ok(()),
                }) => {
                    let seconds = started.elapsed().as_secs_f64();
                    self.unconfirmed_streak.store(0, Ordering::Relaxed);
                    tracing::info!(%signature, slot, seconds, "transaction landed");
                    return Ok(Sent {
                        signature,
                        slot,
                        seconds,
                    });
                }
                Some(Landed {
                    slot,
                    result: Err(error),
                }) => {
                    if let Some(sent) = self.earlier_landed(&earlier, started).await {
                        return Ok(sent);
                    }
                    let err = ChainError::Refused {
                        error,
                        logs: Vec::new(),
                    };
                    tracing::warn!(%signature, slot, %err, "transaction landed and failed");
                    return Err(err);
                }
                None => {}
            }
            earlier.push(signature);
            tracing::warn!(%signature, attempt, "transaction not confirmed in time; sending again with a fresh blockhash");
        }
        if let Some(sent) = self.earlier_landed(&earlier, started).await {
            return Ok(sent);
        }
        self.unconfirmed_streak.fetch_add(1, Ordering::Relaxed);
        Err(ChainError::Unconfirmed(self.policy.send_attempts))
    }

    /// The first of `signatures` (attempts of one send) that landed and succeeded, asked once
    /// through the confirmation table's poll; `None` when none did or the endpoints do not
    /// answer.
    async fn earlier_landed(&self, signatures: &[Signature], started: Instant) -> Option<Sent> {
        if signatures.is_empty() {
            return None;
        }
        let awaiting: Vec<Awaiting> = signatures
            .iter()
            .map(|signature| Awaiting::new(&self.confirmations, *signature))
            .collect();
        self.poll_statuses().await.ok()?;
        self.confirmations.polled.notify_waiters();
        let sent = awaiting.iter().find_map(|waiter| match waiter.landed()? {
            Landed {
                slot,
                result: Ok(()),
            } => Some(Sent {
                signature: waiter.signature,
                slot,
                seconds: started.elapsed().as_secs_f64(),
            }),
            Landed { result: Err(_), .. } => None,
        })?;
        self.unconfirmed_streak.store(0, Ordering::Relaxed);
        tracing::info!(signature = %sent.signature, slot = sent.slot, "an earlier attempt of this transaction landed");
        Some(sent)
    }

    /// `instructions` behind the compute-unit price every transaction of this chain carries.
    fn priced(&self, instructions: &[Instruction]) -> Vec<Instruction> {
        let mut all = vec![ComputeBudgetInstruction::set_compute_unit_price(
            self.priority_fee,
        )];
        all.extend_from_slice(instructions);
        all
    }

    /// A recent blockhash: the cached one when younger than [`BLOCKHASH_REUSE`] and not
    /// `fresh`, else a new one.
    async fn blockhash(&self, fresh: bool) -> Result<Hash, ChainError> {
        if !fresh {
            if let Ok(cached) = self.blockhash.lock() {
                if let Some((hash, at)) = *cached {
                    if at.elapsed() < BLOCKHASH_REUSE {
                        return Ok(hash);
                    }
                }
            }
        }
        let hash = self
            .with_failover("getLatestBlockhash", |rpc| rpc.get_latest_blockhash())
            .await?;
        if let Ok(mut cached) = self.blockhash.lock() {
            *cached = Some((hash, Instant::now()));
        }
        Ok(hash)
    }

    /// Waits until `signature` is confirmed (or refused), or `deadline` passes (`None`).
    async fn confirm(
        &self,
        signature: Signature,
        deadline: Instant,
    ) -> Result<Option<Landed>, ChainError> {
        let c = &self.confirmations;
        let awaiting = Awaiting::new(c, signature);
        loop {
            // Registered before looking, so that a poll posting in between still wakes us.
            let polled = c.polled.notified();
            tokio::pin!(polled);
            polled.as_mut().enable();
            if let Some(landed) = awaiting.landed() {
                return Ok(Some(landed));
            }
            let now = Instant::now();
            if now >= deadline {
                return Ok(None);
            }
            match c.polling.try_lock() {
                Ok(_poller) => {
                    // This waiter polls for everyone until its own answer comes.
                    self.poll_statuses().await?;
                    c.polled.notify_waiters();
                    if awaiting.landed().is_none() {
                        tokio::time::sleep(
                            self.policy
                                .poll
                                .min(deadline.saturating_duration_since(now)),
                        )
                        .await;
                    }
                }
                Err(_) => {
                    tokio::select! {
                        () = polled => {}
                        () = tokio::time::sleep(self.policy.poll * 2) => {}
                    }
                }
            }
        }
    }

    /// One `getSignatureStatuses` per [`MAX_STATUSES_PER_CALL`] signatures awaited; posts the
    /// confirmed ones.
    async fn poll_statuses(&self) -> Result<(), ChainError> {
        let c = &self.confirmations;
        let pending: Vec<Signature> = c
            .waiting
            .lock()
            .map(|waiting| {
                waiting
                    .iter()
                    .filter(|(_, landed)| landed.is_none())
                    .map(|(signature, _)| *signature)
                    .collect()
            })
            .unwrap_or_default();
        for chunk in pending.chunks(MAX_STATUSES_PER_CALL) {
            let statuses = self
                .with_failover("getSignatureStatuses", |rpc| {
                    rpc.get_signature_statuses(chunk)
                })
                .await?
                .value;
            let mut waiting = c.waiting.lock().map_err(|_| {
                ChainError::Unavailable("the confirmation table was poisoned".to_owned())
            })?;
            for (signature, status) in chunk.iter().zip(statuses) {
                let Some(status) = status else {
                    continue;
                };
                if !status.satisfies_commitment(CommitmentConfig::confirmed()) {
                    continue;
                }
                // A waiter that gave up meanwhile has taken its entry with it.
                if let Some(entry) = waiting.get_mut(signature) {
                    *entry = Some(Landed {
                        slot: status.slot,
                        result: status.err.map_or(Ok(()), Err),
                    });
                }
            }
        }
        Ok(())
    }
}

/// A refusal with the simulation logs an operator needs to see why.
fn refused(err: &ClientError, error: TransactionError) -> ChainError {
    use solana_client::rpc_request::{RpcError, RpcResponseErrorData};
    let logs = match err.kind() {
        solana_client::client_error::ClientErrorKind::RpcError(RpcError::RpcResponseError {
            data: RpcResponseErrorData::SendTransactionPreflightFailure(result),
            ..
        }) => result.logs.clone().unwrap_or_default(),
        _ => Vec::new(),
    };
    ChainError::Refused { error, logs }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(code: u32, logs: &[&str]) -> String {
        ChainError::Refused {
            error: TransactionError::InstructionError(1, InstructionError::Custom(code)),
            logs: logs.iter().map(|l| (*l).to_owned()).collect(),
        }
        .to_string()
    }

    #[test]
    fn a_refusal_names_the_error_and_adds_only_what_the_name_does_not_say() {
        let thrown = "Program log: AnchorError thrown in programs/x.rs:42. Error Code: RequestNotTerminal. Error Number: 6031. Error Message: The request is not in a terminal state..";
        assert_eq!(
            refused(6031, &["Program X invoke [1]", thrown, "Program X failed"]),
            "transaction refused: RequestNotTerminal (6031): The request is not in a terminal state. (instruction 1 of the transaction)"
        );
        let blamed = "Program log: AnchorError caused by account: oracle. Error Code: AccountNotInitialized. Error Number: 3012. Error Message: x.";
        assert!(refused(3012, &[blamed]).ends_with(&format!("(logs: {blamed})")));
        // A code nobody names: the hex and the last log lines.
        let unnamed = refused(4_999, &["a", "b", "c", "d"]);
        assert!(
            unnamed.contains("custom program error 4999 (0x1387)"),
            "{unnamed}"
        );
        assert!(unnamed.ends_with("(logs: b | c | d)"), "{unnamed}");
    }
}
