//! The report at the end of a run: what happened to every request, how fast, who was paid, how
//! good the flags were, and whether the books balance.

use std::fmt;

use risk_consumer::state::PositionStatus;
use serde::Serialize;

use crate::{
    dataset::Borrower,
    ledger::{Books, Check},
    scenario::{Outcome, Run},
    world::RISK_THRESHOLD,
};

/// p50, p95 and max of a sample.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Spread {
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Largest.
    pub max: f64,
}

impl Spread {
    /// Nearest-rank percentiles of `values`.
    pub fn of(mut values: Vec<f64>) -> Self {
        if values.is_empty() {
            return Self::default();
        }
        values.sort_by(f64::total_cmp);
        let rank =
            |p: f64| values[((p * values.len() as f64).ceil() as usize).clamp(1, values.len()) - 1];
        Self {
            p50: rank(0.50),
            p95: rank(0.95),
            max: values[values.len() - 1],
        }
    }
}

/// Requests by how they ended.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Outcomes {
    /// Paid out.
    pub settled: usize,
    /// Signed failures, refunded.
    pub failed: usize,
    /// Expired, refunded.
    pub expired: usize,
    /// Refunded otherwise (no consensus among the seats, or an upheld challenge).
    pub refunded: usize,
    /// Never ended (a defect: the run reports FAILED).
    pub open: usize,
}

/// What the lending protocol decided, against the data set's labels.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Flags {
    /// Positions flagged for liquidation review (score above the threshold).
    pub flagged: usize,
    /// Positions cleared (score at or below the threshold).
    pub cleared: usize,
    /// Positions left unscored (their request failed or expired).
    pub unscored: usize,
    /// Share of scored positions that were liquidated within 30 days (flagging none scores
    /// `1 - base_rate` accuracy).
    pub base_rate: f64,
    /// Share of scored positions whose flag matches the label (liquidated within 30 days).
    pub accuracy: f64,
    /// Mean of the recall of each class (0.5 for flagging all or none).
    pub balanced_accuracy: f64,
    /// ROC-AUC of the on-chain scores against the labels, over every score a request returned.
    pub roc_auc: f64,
    /// Share of flagged positions that were liquidated.
    pub precision: f64,
    /// Share of liquidated positions that were flagged.
    pub recall: f64,
}

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Requests made.
    pub requests: usize,
    /// Oracles that served them.
    pub oracles: usize,
    /// ONNX Runtime execution provider asked for.
    pub execution_provider: String,
    /// Milliseconds per slot of the localnet.
    pub slot_ms: u64,
    /// By final state.
    pub outcomes: Outcomes,
    /// Requests whose result was challenged, and how the dispute ended.
    pub disputes: Vec<String>,
    /// Request sent to result seen, in slots (from the request's slot to its result's).
    pub latency_slots: Spread,
    /// Request sent to result seen by the keeper, in milliseconds.
    pub latency_ms: Spread,
    /// Results per second, from the first request sent to the last result.
    pub results_per_second: f64,
    /// Seconds from the first request sent to the last request closed.
    pub elapsed_seconds: f64,
    /// Money.
    pub books: Books,
    /// The lending protocol's decisions.
    pub flags: Flags,
    /// Keeper transactions the program refused because another party acted first or it was
    /// early (harmless: the keeper acts again on its next read).
    pub keeper_refused: usize,
    /// Requests that could not be created.
    pub submit_errors: Vec<String>,
    /// Whether everything held: every request ended, no submit error, the books balance.
    pub ok: bool,
}

impl Report {
    /// Builds the report of `run`.
    pub fn new(run: &Run, books: Books, borrowers: &[Borrower], options: &crate::Options) -> Self {
        let mut outcomes = Outcomes::default();
        for tracked in &run.requests {
            match tracked.outcome {
                Some(Outcome::Settled) => outcomes.settled += 1,
                Some(Outcome::Failed) => outcomes.failed += 1,
                Some(Outcome::Expired) => outcomes.expired += 1,
                Some(Outcome::Refunded) => outcomes.refunded += 1,
                None => outcomes.open += 1,
            }
        }
        let latencies: Vec<(u64, f64)> = run.requests.iter().filter_map(|t| t.latency).collect();
        let last_result = run.requests.iter().filter_map(|t| t.fulfilled_at).max();
        let results_per_second = match last_result {
            Some(last) if !latencies.is_empty() => {
                latencies.len() as f64 / (last - run.first_sent).as_secs_f64().max(1e-3)
            }
            _ => 0.0,
        };
        let disputes = run
            .dispute
            .iter()
            .map(|d| format!("{}: {:?}", d.request, d.status))
            .collect();
        let flags = flags(run, borrowers);
        let ok = run.submit_errors.is_empty()
            && books.balanced()
            && run.requests.iter().all(|t| t.closed)
            && run.requests.len() == options.requests;
        Self {
            requests: run.requests.len(),
            oracles: options.oracles,
            execution_provider: crate::world::ep_name(options.ep).to_owned(),
            slot_ms: options.slot_ms,
            outcomes,
            disputes,
            latency_slots: Spread::of(latencies.iter().map(|l| l.0 as f64).collect()),
            latency_ms: Spread::of(latencies.iter().map(|l| l.1).collect()),
            results_per_second,
            elapsed_seconds: run.elapsed.as_secs_f64(),
            books,
            flags,
            keeper_refused: run.refused,
            submit_errors: run.submit_errors.clone(),
            ok,
        }
    }
}

fn flags(run: &Run, borrowers: &[Borrower]) -> Flags {
    let mut flags = Flags::default();
    let (mut right, mut true_positive, mut liquidated) = (0usize, 0usize, 0usize);
    for (index, position) in &run.positions {
        let label = borrowers[run.requests[*index].borrower].liquidated;
        let flagged = match position.status {
            PositionStatus::Flagged { .. } => true,
            PositionStatus::Healthy { .. } => false,
            PositionStatus::Unscored | PositionStatus::Pending { .. } => {
                flags.unscored += 1;
                continue;
            }
        };
        if flagged {
            flags.flagged += 1;
        } else {
            flags.cleared += 1;
        }
        right += usize::from(flagged == label);
        true_positive += usize::from(flagged && label);
        liquidated += usize::from(label);
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let scored = flags.flagged + flags.cleared;
    let true_negative = right - true_positive;
    flags.base_rate = ratio(liquidated, scored);
    flags.accuracy = ratio(right, scored);
    flags.precision = ratio(true_positive, flags.flagged);
    flags.recall = ratio(true_positive, liquidated);
    flags.balanced_accuracy = (flags.recall + ratio(true_negative, scored - liquidated)) / 2.0;
    let scores: Vec<(f32, bool)> = run
        .requests
        .iter()
        .filter_map(|t| Some((t.score?, borrowers[t.borrower].liquidated)))
        .collect();
    flags.roc_auc = roc_auc(&scores);
    flags
}

/// ROC-AUC by ranks (ties share their mean rank); 0.5 without both classes.
fn roc_auc(scores: &[(f32, bool)]) -> f64 {
    let mut sorted = scores.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = sorted.iter().filter(|s| s.1).count() as f64;
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return 0.5;
    }
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].0 == sorted[i].0 {
            j += 1;
        }
        let mean_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += mean_rank * sorted[i..=j].iter().filter(|s| s.1).count() as f64;
        i = j + 1;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

fn sol(lamports: u64) -> String {
    format!("{:.6} SOL", lamports as f64 / 1e9)
}

fn usdc(units: u64) -> String {
    format!("{:.6} USDC", units as f64 / 1e6)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = &self.outcomes;
        writeln!(
            f,
            "report: {} requests, {} oracles ({}), {} ms slots",
            self.requests, self.oracles, self.execution_provider, self.slot_ms
        )?;
        writeln!(
            f,
            "  outcomes     settled {}  failed (signed, refunded) {}  expired (refunded) {}  refunded otherwise {}  never ended {}",
            o.settled, o.failed, o.expired, o.refunded, o.open
        )?;
        for dispute in &self.disputes {
            writeln!(f, "  dispute      {dispute}")?;
        }
        writeln!(
            f,
            "  latency      request -> result: p50 {:.0} / p95 {:.0} / max {:.0} slots (on chain);  p50 {:.0} / p95 {:.0} / max {:.0} ms (sent -> seen by the keeper)",
            self.latency_slots.p50, self.latency_slots.p95, self.latency_slots.max,
            self.latency_ms.p50, self.latency_ms.p95, self.latency_ms.max
        )?;
        writeln!(
            f,
            "  throughput   {:.1} results/s; every request closed after {:.1} s",
            self.results_per_second, self.elapsed_seconds
        )?;
        let b = &self.books;
        writeln!(
            f,
            "  paid (SOL)   oracles {}  model owner {}  protocol {}  refunded {}",
            sol(b.sol.oracles),
            sol(b.sol.owner),
            sol(b.sol.protocol),
            sol(b.sol.refunded)
        )?;
        writeln!(
            f,
            "  paid (USDC)  oracles {}  model owner {}  protocol {}  refunded {}",
            usdc(b.usdc.oracles),
            usdc(b.usdc.owner),
            usdc(b.usdc.protocol),
            usdc(b.usdc.refunded)
        )?;
        writeln!(
            f,
            "  slashes      {} bonds, {}; challenge bond to re-executing oracles {}",
            b.slashes,
            sol(b.slashed_lamports),
            sol(b.challenge_bond_to_oracles)
        )?;
        let fl = &self.flags;
        writeln!(
            f,
            "  positions    flagged {}  cleared {}  unscored {}  (score > {RISK_THRESHOLD} flags)",
            fl.flagged, fl.cleared, fl.unscored
        )?;
        writeln!(
            f,
            "  vs labels    ROC-AUC of the scores {:.3}; flags: accuracy {:.3} (base rate {:.3})  balanced {:.3}  precision {:.3}  recall {:.3}",
            fl.roc_auc, fl.accuracy, fl.base_rate, fl.balanced_accuracy, fl.precision, fl.recall
        )?;
        let failed: Vec<&Check> = b.checks.iter().filter(|c| !c.holds()).collect();
        if failed.is_empty() {
            writeln!(
                f,
                "  money        {} balance checks hold: every lamport and token unit accounted for",
                b.checks.len()
            )?;
        } else {
            for check in failed {
                writeln!(
                    f,
                    "  MONEY OFF    {}: expected {}, chain says {}",
                    check.what, check.expected, check.actual
                )?;
            }
        }
        for error in &self.submit_errors {
            writeln!(f, "  SUBMIT ERROR {error}")?;
        }
        if self.keeper_refused > 0 {
            writeln!(
                f,
                "  keeper       {} transactions refused because another party acted first (harmless)",
                self.keeper_refused
            )?;
        }
        write!(
            f,
            "  result       {}",
            if self.ok { "OK" } else { "FAILED" }
        )
    }
}
