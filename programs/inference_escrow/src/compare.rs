//! Comparing oracles' outputs on-chain: when two outputs of a model agree, and which outputs of
//! a round form its quorum.
//!
//! Numbers: outputs are little-endian tensors; numeric rules read `f32` from exact 4-byte chunks
//! (a length that is not a whole number of elements never agrees). Every comparison is made in
//! `f64`, into which `f32` converts exactly, so a boundary case is decided by the tolerance, not
//! by rounding: `|a − b|` and `rel · max(|a|, |b|)` are exact there (24-bit mantissas), and only
//! the final sum `abs + rel · scale` can round, by at most half an `f64` ulp. NaN never agrees
//! (under any numeric rule); an infinity never agrees under `Tolerance` and `Median` (equal
//! infinities agree only under `Exact`, as identical bytes). Ordering uses `total_cmp`, never
//! `partial_cmp().unwrap()`.
//!
//! Cost: no allocation per element (a median sorts at most seven values in a stack array), and
//! nothing when fewer outputs were revealed than the quorum. Floats are software-emulated on SBF,
//! so the worst case — seven seats, the largest inline output (384 bytes, 96 `f32`), every
//! output agreeing so no comparison exits early — is estimated by counting emulated float
//! operations at roughly 100 compute units each (compiler-rt's soft-float routines are tens of
//! SBF instructions). `Tolerance` and `Median` read each output twice: the median of every
//! element (an insertion sort of seven values: 21 total-order comparisons on integer bit
//! patterns, no float arithmetic) and then 7 × 96 = 672 element checks of about five `f64`
//! operations (two conversions, a subtraction, a multiplication, an addition): about 340,000
//! units, a quarter of a transaction's 1,400,000. A dynamic output schema lets revealed outputs
//! differ in length; only a length shared by `quorum` outputs is tried (at most one, the quorum
//! being a majority). `Argmax` compares each output with one representative per class, integer
//! and float comparisons only: at most 7 × 7 × 96 compares ≈ 250,000 units when every output is
//! its own class, 70,000 when they agree. `Exact` compares bytes against one representative per
//! class. The estimate cannot be measured here (no SBF build); it is conservative by design.

use crate::state::{CompareRule, VerificationPolicy};

/// Size in bytes of an `f32`.
const F32_LEN: usize = 4;

/// The outcome of a round of revealed outputs that reached its quorum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consensus {
    /// The seat whose output is the agreed one (for `Median`, the first agreeing seat).
    pub winner: usize,
    /// Bit `i` is set when seat `i` agrees.
    pub members: u8,
    /// The agreed output: the winner's bytes, or for `Median` the median tensor.
    pub output: Vec<u8>,
    /// What a challenged result is compared with ([`confirms`]): the elementwise median of the
    /// agreeing length under `Tolerance` and `Median`, the agreed output otherwise.
    pub anchor: Vec<u8>,
}

impl Consensus {
    /// How many seats agree.
    pub fn size(&self) -> u8 {
        self.members.count_ones() as u8
    }

    /// Whether seat `i` agrees.
    pub fn agrees(&self, seat: usize) -> bool {
        seat < 8 && self.members & (1 << seat) != 0
    }
}

/// Whether outputs `a` and `b` agree under `rule`, whose `Argmax` rows are `row_len` elements.
pub fn agree(rule: CompareRule, row_len: usize, a: &[u8], b: &[u8]) -> bool {
    match rule {
        CompareRule::Exact => a == b,
        CompareRule::Tolerance { abs_bits, rel_bits } => {
            let (abs, rel) = tolerance(abs_bits, rel_bits);
            same_shape(a, b) && pairs(a, b).all(|(x, y)| close(x, y, abs, rel))
        }
        CompareRule::Argmax => {
            if !same_shape(a, b) || row_len == 0 || !(a.len() / F32_LEN).is_multiple_of(row_len) {
                return false;
            }
            a.chunks_exact(row_len * F32_LEN)
                .zip(b.chunks_exact(row_len * F32_LEN))
                .all(|(x, y)| matches!((argmax(x), argmax(y)), (Some(i), Some(j)) if i == j))
        }
        CompareRule::Median { abs_bits, rel_bits } => {
            // Two outputs agree when each is within tolerance of the other's values taken as
            // the median: the test a round of two applies.
            let (abs, rel) = tolerance(abs_bits, rel_bits);
            same_shape(a, b)
                && pairs(a, b)
                    .all(|(x, m)| near_median(x, m, abs, rel) && near_median(m, x, abs, rel))
        }
    }
}

/// The quorum of a round: `outputs[i]` is seat `i`'s revealed output (`None` when it did not
/// reveal); `None` when fewer than `quorum` outputs agree (at once when fewer were revealed).
///
/// - `Exact` and `Argmax` agreement is an equivalence (identical bytes, identical row winners):
///   the outputs fall into classes, and the class of at least `quorum` outputs (there is at most
///   one, `quorum` being a majority) agrees; its first output in seat order is the result.
/// - `Tolerance` and `Median` are anchored on the elementwise lower median of the revealed
///   outputs of one length (tried in order of first appearance, only when `quorum` outputs have
///   that length): an output agrees when every element is within tolerance of the median. With
///   a majority of honest outputs the median lies within their range, so honest outputs within
///   the tolerance of each other all agree, whatever the seat order. `Tolerance` settles on the
///   agreeing output closest to the median (never one at the edge of the tolerance), `Median`
///   on the median itself; the winner (named in the request) is that closest output's seat.
///
/// Cost: `Exact` and `Argmax` compare each output with one representative per class; the
/// anchored rules read every output once to take the median and once to compare with it.
pub fn tally(
    policy: &VerificationPolicy,
    row_len: usize,
    outputs: &[Option<&[u8]>],
) -> Option<Consensus> {
    let quorum = policy.quorum as u32;
    if (outputs.iter().flatten().count() as u32) < quorum {
        return None;
    }
    match policy.compare {
        CompareRule::Tolerance { abs_bits, rel_bits } => {
            let (abs, rel) = tolerance(abs_bits, rel_bits);
            tally_anchored(quorum, outputs, false, |x, m| close(x, m, abs, rel))
        }
        CompareRule::Median { abs_bits, rel_bits } => {
            let (abs, rel) = tolerance(abs_bits, rel_bits);
            tally_anchored(quorum, outputs, true, |x, m| near_median(x, m, abs, rel))
        }
        rule => tally_classes(rule, row_len, quorum, outputs),
    }
}

/// Whether a challenged result `reference` stands against a re-execution round's consensus,
/// under `rule`: within tolerance of the round's median (`Tolerance`, `Median`), or agreeing
/// with the round's output (`Exact`, `Argmax`).
pub fn confirms(
    rule: CompareRule,
    row_len: usize,
    consensus: &Consensus,
    reference: &[u8],
) -> bool {
    let anchor = &consensus.anchor;
    match rule {
        CompareRule::Tolerance { abs_bits, rel_bits } => {
            let (abs, rel) = tolerance(abs_bits, rel_bits);
            same_shape(anchor, reference)
                && pairs(reference, anchor).all(|(x, m)| close(x, m, abs, rel))
        }
        CompareRule::Median { abs_bits, rel_bits } => {
            let (abs, rel) = tolerance(abs_bits, rel_bits);
            same_shape(anchor, reference)
                && pairs(reference, anchor).all(|(x, m)| near_median(x, m, abs, rel))
        }
        rule => agree(rule, row_len, anchor, reference),
    }
}

/// `Exact` and `Argmax`: the first class (by its first member in seat order) of at least
/// `quorum` agreeing outputs. Each output is compared with one representative per class.
fn tally_classes(
    rule: CompareRule,
    row_len: usize,
    quorum: u32,
    outputs: &[Option<&[u8]>],
) -> Option<Consensus> {
    let mut classified = 0u8;
    for (winner, candidate) in outputs.iter().enumerate() {
        let Some(candidate) = candidate else { continue };
        if classified & (1 << winner) != 0 {
            continue;
        }
        let members = mask(outputs, |other| agree(rule, row_len, candidate, other));
        classified |= members | (1 << winner);
        if members.count_ones() >= quorum {
            return Some(Consensus {
                winner,
                members,
                output: candidate.to_vec(),
                anchor: candidate.to_vec(),
            });
        }
    }
    None
}

/// `Tolerance` and `Median`: anchored on the elementwise median of the outputs of one length;
/// `near(x, m)` decides an element. The agreed output is the median (`synthesize`) or the first
/// agreeing output.
fn tally_anchored(
    quorum: u32,
    outputs: &[Option<&[u8]>],
    synthesize: bool,
    near: impl Fn(f32, f32) -> bool,
) -> Option<Consensus> {
    let mut lengths_tried: [Option<usize>; 8] = [None; 8];
    for output in outputs.iter().flatten() {
        let len = output.len();
        if lengths_tried.contains(&Some(len)) || !len.is_multiple_of(F32_LEN) || len == 0 {
            continue;
        }
        if let Some(slot) = lengths_tried.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(len);
        }
        // Only a length shared by `quorum` outputs can hold the consensus.
        if (outputs.iter().flatten().filter(|o| o.len() == len).count() as u32) < quorum {
            continue;
        }
        let median = elementwise_median(outputs, len);
        let members = mask(outputs, |other| {
            other.len() == len && pairs(other, &median).all(|(x, m)| near(x, m))
        });
        if members.count_ones() >= quorum {
            // The agreeing output closest to the median (largest elementwise gap, first seat on
            // ties): an output at the edge of the tolerance cannot become the result, so a
            // later re-execution compares the result with a value inside the honest range.
            let winner = (0..outputs.len())
                .filter(|&i| members & (1 << i) != 0)
                .filter_map(|i| Some((i, gap(outputs[i]?, &median))))
                .fold(None, |best: Option<(usize, f64)>, (i, d)| match best {
                    Some((_, best_d)) if best_d <= d => best,
                    _ => Some((i, d)),
                })?
                .0;
            let output = if synthesize {
                median.clone()
            } else {
                outputs[winner]?.to_vec()
            };
            return Some(Consensus {
                winner,
                members,
                output,
                anchor: median,
            });
        }
    }
    None
}

/// The lower median, element by element, of the revealed outputs of `len` bytes, as bytes.
fn elementwise_median(outputs: &[Option<&[u8]>], len: usize) -> Vec<u8> {
    let mut median = Vec::with_capacity(len);
    for element in 0..len / F32_LEN {
        let at = element * F32_LEN;
        let mut values = [0f32; 8];
        let mut count = 0;
        for output in outputs.iter().flatten().filter(|o| o.len() == len) {
            if count < values.len() {
                values[count] = read_f32(&output[at..at + F32_LEN]);
                count += 1;
            }
        }
        let values = &mut values[..count];
        // Insertion sort in total order: at most eight values, no allocation.
        for i in 1..values.len() {
            let mut j = i;
            while j > 0 && values[j - 1].total_cmp(&values[j]).is_gt() {
                values.swap(j - 1, j);
                j -= 1;
            }
        }
        let lower_median = values[(values.len() - 1) / 2];
        median.extend_from_slice(&lower_median.to_le_bytes());
    }
    median
}

/// The largest elementwise distance between `output` and `median` (both finite where members).
fn gap(output: &[u8], median: &[u8]) -> f64 {
    pairs(output, median)
        .map(|(x, m)| (f64::from(x) - f64::from(m)).abs())
        .fold(0.0, f64::max)
}

/// Bit `i` set when seat `i` revealed an output that `agrees`.
fn mask(outputs: &[Option<&[u8]>], agrees: impl Fn(&[u8]) -> bool) -> u8 {
    outputs
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_some_and(&agrees))
        .fold(0u8, |mask, (i, _)| mask | (1 << i))
}

/// Both are whole `f32` tensors of the same length.
fn same_shape(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.len().is_multiple_of(F32_LEN)
}

/// The `f32` element pairs of two tensors of the same length.
fn pairs<'a>(a: &'a [u8], b: &'a [u8]) -> impl Iterator<Item = (f32, f32)> + 'a {
    a.chunks_exact(F32_LEN)
        .zip(b.chunks_exact(F32_LEN))
        .map(|(x, y)| (read_f32(x), read_f32(y)))
}

fn read_f32(bytes: &[u8]) -> f32 {
    let mut raw = [0u8; F32_LEN];
    raw.copy_from_slice(bytes);
    f32::from_le_bytes(raw)
}

/// A validated tolerance pair as `f64` (validation makes both finite and non-negative).
fn tolerance(abs_bits: u32, rel_bits: u32) -> (f64, f64) {
    (
        f64::from(f32::from_bits(abs_bits)),
        f64::from(f32::from_bits(rel_bits)),
    )
}

/// `|a − b| ≤ abs + rel · max(|a|, |b|)`, both finite.
fn close(a: f32, b: f32, abs: f64, rel: f64) -> bool {
    if !a.is_finite() || !b.is_finite() {
        return false;
    }
    let (a, b) = (f64::from(a), f64::from(b));
    (a - b).abs() <= abs + rel * a.abs().max(b.abs())
}

/// `|x − m| ≤ abs + rel · |m|`, both finite.
fn near_median(x: f32, m: f32, abs: f64, rel: f64) -> bool {
    if !x.is_finite() || !m.is_finite() {
        return false;
    }
    let (x, m) = (f64::from(x), f64::from(m));
    (x - m).abs() <= abs + rel * m.abs()
}

/// The index of the largest value of a row (the first when tied); `None` when the row holds a
/// NaN or is empty.
fn argmax(row: &[u8]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for (i, chunk) in row.chunks_exact(F32_LEN).enumerate() {
        let value = read_f32(chunk);
        if value.is_nan() {
            return None;
        }
        if best.is_none_or(|(_, max)| value > max) {
            best = Some((i, value));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(values: &[f32]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    fn bits(value: f32) -> u32 {
        value.to_bits()
    }

    fn tol(abs: f32, rel: f32) -> CompareRule {
        CompareRule::Tolerance {
            abs_bits: bits(abs),
            rel_bits: bits(rel),
        }
    }

    fn median(abs: f32, rel: f32) -> CompareRule {
        CompareRule::Median {
            abs_bits: bits(abs),
            rel_bits: bits(rel),
        }
    }

    fn policy(replicas: u8, quorum: u8, compare: CompareRule) -> VerificationPolicy {
        VerificationPolicy {
            replicas,
            quorum,
            compare,
        }
    }

    #[test]
    fn exact_compares_bytes() {
        let a = bytes(&[1.0, 2.0]);
        assert!(agree(CompareRule::Exact, 2, &a, &a));
        assert!(!agree(CompareRule::Exact, 2, &a, &bytes(&[1.0, 2.0000002])));
        // Equal infinities agree only here; a NaN agrees with the same NaN's bytes here.
        let inf = bytes(&[f32::INFINITY]);
        assert!(agree(CompareRule::Exact, 1, &inf, &inf));
        assert!(!agree(tol(1.0, 1.0), 1, &inf, &inf));
    }

    #[test]
    fn tolerance_just_inside_and_just_outside_the_absolute_bound() {
        let rule = tol(0.001, 0.0);
        // 0.001 in f32 is 0.0010000000474974513; the differences below are exact in f64.
        let abs = f64::from(0.001f32);
        let a = 1.0f32;
        let inside = f32::from_bits((1.0f32 + 0.0009).to_bits());
        assert!(f64::from(inside) - 1.0 <= abs);
        assert!(agree(rule, 1, &bytes(&[a]), &bytes(&[inside])));
        // The first f32 above 1 + abs.
        let mut outside = 1.0f32 + 0.001;
        while f64::from(outside) - 1.0 <= abs {
            outside = f32::from_bits(outside.to_bits() + 1);
        }
        assert!(!agree(rule, 1, &bytes(&[a]), &bytes(&[outside])));
        // The last f32 at or below it agrees.
        let at = f32::from_bits(outside.to_bits() - 1);
        assert!(agree(rule, 1, &bytes(&[a]), &bytes(&[at])));
    }

    #[test]
    fn tolerance_relative_bound_scales_with_the_larger_magnitude_and_is_symmetric() {
        let rule = tol(0.0, 1e-4);
        let a = 10_000.0f32;
        let inside = 10_000.95f32; // |diff| 0.95 ≤ 1e-4 * 10000.95 ≈ 1.0000095
        let outside = 10_001.25f32; // |diff| 1.25 > 1.000125
        assert!(agree(rule, 1, &bytes(&[a]), &bytes(&[inside])));
        assert!(agree(rule, 1, &bytes(&[inside]), &bytes(&[a])));
        assert!(!agree(rule, 1, &bytes(&[a]), &bytes(&[outside])));
        assert!(!agree(rule, 1, &bytes(&[outside]), &bytes(&[a])));
        // Negative values: magnitudes.
        assert!(agree(rule, 1, &bytes(&[-a]), &bytes(&[-inside])));
        // One element out of many is enough to disagree.
        let many = bytes(&[1.0, 2.0, a, 4.0]);
        let one_off = bytes(&[1.0, 2.0, outside, 4.0]);
        assert!(!agree(rule, 4, &many, &one_off));
    }

    #[test]
    fn nan_and_infinity_never_agree_numerically_and_lengths_must_match() {
        let rule = tol(1.0, 1.0);
        let nan = bytes(&[f32::NAN]);
        assert!(!agree(rule, 1, &nan, &nan));
        assert!(!agree(rule, 1, &bytes(&[1.0]), &nan));
        assert!(!agree(rule, 1, &bytes(&[f32::INFINITY]), &bytes(&[1.0e38])));
        assert!(!agree(
            rule,
            1,
            &bytes(&[f32::NEG_INFINITY]),
            &bytes(&[f32::NEG_INFINITY])
        ));
        assert!(!agree(rule, 1, &bytes(&[1.0]), &bytes(&[1.0, 1.0])));
        assert!(!agree(rule, 1, &[0, 0, 0], &[0, 0, 0]), "not a whole f32");
        // Extremes stay finite in f64: the largest f32 against its negation.
        assert!(!agree(
            tol(0.0, 0.5),
            1,
            &bytes(&[f32::MAX]),
            &bytes(&[-f32::MAX])
        ));
        assert!(agree(
            tol(0.0, 2.0),
            1,
            &bytes(&[f32::MAX]),
            &bytes(&[-f32::MAX])
        ));
    }

    #[test]
    fn argmax_compares_row_winners() {
        let a = bytes(&[0.1, 0.7, 0.2, /* row 2 */ 0.9, 0.05, 0.05]);
        let b = bytes(&[0.3, 0.4, 0.3, /* row 2 */ 0.5, 0.2, 0.3]);
        assert!(agree(CompareRule::Argmax, 3, &a, &b));
        let c = bytes(&[0.3, 0.4, 0.3, /* row 2 */ 0.2, 0.5, 0.3]);
        assert!(!agree(CompareRule::Argmax, 3, &a, &c));
        // Ties go to the first index.
        assert!(agree(
            CompareRule::Argmax,
            2,
            &bytes(&[0.5, 0.5]),
            &bytes(&[0.9, 0.1])
        ));
        // A NaN row never agrees, infinities are ordinary maxima.
        assert!(!agree(
            CompareRule::Argmax,
            2,
            &bytes(&[f32::NAN, 0.1]),
            &bytes(&[0.9, 0.1])
        ));
        assert!(agree(
            CompareRule::Argmax,
            2,
            &bytes(&[f32::INFINITY, 0.1]),
            &bytes(&[0.9, 0.1])
        ));
        // A length that is not whole rows never agrees.
        assert!(!agree(
            CompareRule::Argmax,
            2,
            &bytes(&[1.0, 2.0, 3.0]),
            &bytes(&[1.0, 2.0, 3.0])
        ));
    }

    #[test]
    fn tally_finds_the_majority_and_its_members() {
        let honest = bytes(&[0.5]);
        let close_by = bytes(&[0.500_01]);
        let liar = bytes(&[0.9]);
        let outputs = [
            Some(liar.as_slice()),
            Some(honest.as_slice()),
            None,
            Some(close_by.as_slice()),
            Some(honest.as_slice()),
        ];
        let result = tally(&policy(5, 3, tol(0.001, 0.0)), 1, &outputs).unwrap();
        assert_eq!(result.winner, 1, "the liar in seat 0 is not the winner");
        assert_eq!(result.members, 0b11010);
        assert_eq!(result.size(), 3);
        assert_eq!(result.output, honest);
        assert!(!result.agrees(0) && !result.agrees(2) && result.agrees(3));
        // Exactly: the close-by output disagrees, so only two agree: no quorum of three.
        assert_eq!(tally(&policy(5, 3, CompareRule::Exact), 1, &outputs), None);
    }

    #[test]
    fn tally_without_quorum_and_with_every_seat_count() {
        for replicas in 1..=7u8 {
            let quorum = replicas / 2 + 1;
            let p = policy(replicas, quorum, tol(0.01, 0.0));
            let value = bytes(&[1.0]);
            let other = bytes(&[2.0]);
            // Exactly `quorum` agreeing seats, the rest disagreeing: consensus.
            let outputs: Vec<Option<&[u8]>> = (0..replicas)
                .map(|i| Some(if i < quorum { &value[..] } else { &other[..] }))
                .collect();
            let result = tally(&p, 1, &outputs).expect("quorum reached");
            assert_eq!(result.size(), quorum, "{replicas} seats");
            // One agreeing seat fewer (it did not reveal): no consensus.
            let mut short = outputs.clone();
            short[0] = None;
            assert_eq!(tally(&p, 1, &short), None, "{replicas} seats, one short");
        }
    }

    #[test]
    fn median_settles_at_the_median_and_drops_outliers() {
        let outputs: Vec<Vec<u8>> = [
            [1.0f32, 10.0],
            [1.1, 10.2],
            [0.9, 9.9],
            [5.0, 10.1],
            [1.05, 50.0],
        ]
        .iter()
        .map(|v| bytes(v))
        .collect();
        let refs: Vec<Option<&[u8]>> = outputs.iter().map(|o| Some(o.as_slice())).collect();
        let result = tally(&policy(5, 3, median(0.25, 0.0)), 2, &refs).unwrap();
        // Medians: [1.05, 10.1]; within 0.25: seats 0, 1, 2 (seat 3's 5.0 and seat 4's 50.0 are out).
        assert_eq!(result.output, bytes(&[1.05, 10.1]));
        assert_eq!(result.members, 0b00111);
        assert_eq!(
            result.winner, 1,
            "the agreeing output closest to the median"
        );
        // With four outputs the lower of the two middle values is taken.
        let four = &refs[..4];
        let result = tally(&policy(4, 3, median(0.25, 0.0)), 2, four).unwrap();
        assert_eq!(result.output, bytes(&[1.0, 10.0]));
    }

    #[test]
    fn median_just_inside_and_outside_and_nan_medians() {
        let abs = f64::from(0.25f32);
        let m = 2.0f32;
        let inside = 2.25f32; // exactly abs away: agrees
        let outside = f32::from_bits(2.25f32.to_bits() + 1);
        assert!(f64::from(outside) - f64::from(m) > abs);
        let rule = median(0.25, 0.0);
        let values = [
            bytes(&[m]),
            bytes(&[m]),
            bytes(&[inside]),
            bytes(&[outside]),
        ];
        let refs: Vec<Option<&[u8]>> = values.iter().map(|o| Some(o.as_slice())).collect();
        let result = tally(&policy(4, 3, rule), 1, &refs).unwrap();
        assert_eq!(result.members, 0b0111);
        // A majority of NaNs makes the median NaN: nothing agrees with it.
        let nans = [bytes(&[f32::NAN]), bytes(&[f32::NAN]), bytes(&[1.0])];
        let refs: Vec<Option<&[u8]>> = nans.iter().map(|o| Some(o.as_slice())).collect();
        assert_eq!(tally(&policy(3, 2, rule), 1, &refs), None);
    }

    /// A consensus anchored at `anchor` (what a dispute compares the result with).
    fn anchored(anchor: &[f32]) -> Consensus {
        Consensus {
            winner: 0,
            members: 1,
            output: bytes(anchor),
            anchor: bytes(anchor),
        }
    }

    #[test]
    fn a_dispute_confirms_or_overturns_a_result() {
        let rule = tol(0.01, 0.0);
        assert!(confirms(rule, 1, &anchored(&[0.5]), &bytes(&[0.505])));
        assert!(!confirms(rule, 1, &anchored(&[0.5]), &bytes(&[0.6])));
        let rule = median(0.01, 0.0);
        assert!(confirms(rule, 1, &anchored(&[0.5]), &bytes(&[0.505])));
        assert!(!confirms(rule, 1, &anchored(&[0.5]), &bytes(&[f32::NAN])));
        assert!(confirms(
            CompareRule::Exact,
            1,
            &anchored(&[0.5]),
            &bytes(&[0.5])
        ));
    }

    /// Tolerance is anchored on the median: a seat first in seat order cannot pick which honest
    /// outputs agree by placing its own at the far edge of the tolerance.
    #[test]
    fn the_first_seat_cannot_steer_a_tolerance_round() {
        let rule = tol(1e-3, 0.0);
        let attacker = bytes(&[0.5013]);
        let cuda = bytes(&[0.5004]);
        let cpu = bytes(&[0.5000]);
        let outputs = [
            Some(attacker.as_slice()),
            Some(cuda.as_slice()),
            Some(cpu.as_slice()),
        ];
        let result = tally(&policy(3, 2, rule), 1, &outputs).unwrap();
        // Median 0.5004: every output within 1e-3 of it agrees; the honest CPU seat is not
        // outvoted, and a challenged CPU result (0.5) is confirmed against the median.
        assert_eq!(result.members, 0b111);
        assert_eq!(result.anchor, cuda);
        assert!(confirms(rule, 1, &result, &cpu));
        // Pairwise, the attacker and the CPU seat would disagree.
        assert!(!agree(rule, 1, &attacker, &cpu));
        // An attacker outside the honest range by more than the tolerance is outvoted.
        let far = bytes(&[0.5020]);
        let outputs = [
            Some(far.as_slice()),
            Some(cuda.as_slice()),
            Some(cpu.as_slice()),
        ];
        let result = tally(&policy(3, 2, rule), 1, &outputs).unwrap();
        assert_eq!(result.members, 0b110);
        assert_eq!(
            result.output, cuda,
            "the first agreeing output, not the attacker's"
        );
    }

    /// The result is the agreeing output closest to the median: an attacker first in seat order
    /// at the edge of the tolerance agrees but does not become the result, so a re-execution
    /// that lands elsewhere in the honest range still confirms it.
    #[test]
    fn the_result_is_the_agreeing_output_closest_to_the_median() {
        let rule = tol(1e-3, 0.0);
        let edge = bytes(&[0.50115]);
        let honest = [bytes(&[0.5000]), bytes(&[0.5002])];
        let outputs = [
            Some(edge.as_slice()),
            Some(honest[0].as_slice()),
            Some(honest[1].as_slice()),
        ];
        let round = tally(&policy(3, 2, rule), 1, &outputs).unwrap();
        assert_eq!(round.members, 0b111);
        assert_eq!((round.winner, &round.output), (2, &honest[1]));
        // Re-executed later at 0.5000: the stored result (0.5002) is confirmed.
        let again = [bytes(&[0.5]), bytes(&[0.5]), bytes(&[0.5002])];
        let refs: Vec<Option<&[u8]>> = again.iter().map(|o| Some(o.as_slice())).collect();
        let dispute = tally(&policy(3, 2, rule), 1, &refs).unwrap();
        assert!(confirms(rule, 1, &dispute, &round.output));
        assert!(
            !confirms(rule, 1, &dispute, &edge),
            "the edge value would not have been"
        );
    }

    #[test]
    fn fewer_revealed_outputs_than_the_quorum_decide_nothing() {
        let one = bytes(&[1.0]);
        let outputs = [Some(one.as_slice()), None, None, None, Some(one.as_slice())];
        for rule in [
            CompareRule::Exact,
            CompareRule::Argmax,
            tol(1.0, 0.0),
            median(1.0, 0.0),
        ] {
            assert_eq!(tally(&policy(5, 3, rule), 1, &outputs), None, "{rule:?}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Any f32, NaNs and infinities included.
        fn any_f32() -> impl Strategy<Value = f32> {
            prop_oneof![
                8 => -1.0e6f32..1.0e6,
                1 => any::<u32>().prop_map(f32::from_bits),
                1 => Just(f32::NAN),
                1 => Just(f32::INFINITY),
            ]
        }

        fn rule() -> impl Strategy<Value = CompareRule> {
            let tolerance = (0.0f32..10.0, 0.0f32..0.5);
            prop_oneof![
                Just(CompareRule::Exact),
                Just(CompareRule::Argmax),
                tolerance.clone().prop_map(|(a, r)| tol(a, r)),
                tolerance.prop_map(|(a, r)| median(a, r)),
            ]
        }

        proptest! {
            #[test]
            fn agreement_is_symmetric(
                rule in rule(),
                a in proptest::collection::vec(any_f32(), 4),
                b in proptest::collection::vec(any_f32(), 4),
            ) {
                let (a, b) = (bytes(&a), bytes(&b));
                prop_assert_eq!(agree(rule, 2, &a, &b), agree(rule, 2, &b, &a));
            }

            #[test]
            fn a_finite_output_agrees_with_itself_and_nan_never_does_numerically(
                rule in rule(),
                a in proptest::collection::vec(-1.0e6f32..1.0e6, 4),
            ) {
                let a = bytes(&a);
                prop_assert!(agree(rule, 2, &a, &a));
                let nan = bytes(&[f32::NAN, 0.0, 0.0, 0.0]);
                prop_assert_eq!(agree(rule, 2, &nan, &nan), rule == CompareRule::Exact);
            }

            #[test]
            fn a_consensus_has_its_quorum_and_its_winner(
                rule in rule(),
                replicas in 1u8..=7,
                values in proptest::collection::vec(proptest::collection::vec(any_f32(), 2), 7),
                revealed in proptest::collection::vec(any::<bool>(), 7),
            ) {
                let quorum = replicas / 2 + 1;
                let outputs: Vec<Vec<u8>> = values.iter().map(|v| bytes(v)).collect();
                let refs: Vec<Option<&[u8]>> = (0..replicas as usize)
                    .map(|i| revealed[i].then_some(outputs[i].as_slice()))
                    .collect();
                if let Some(c) = tally(&policy(replicas, quorum, rule), 2, &refs) {
                    prop_assert!(c.size() >= quorum);
                    prop_assert!(c.agrees(c.winner));
                    for (seat, output) in refs.iter().enumerate() {
                        if c.agrees(seat) {
                            prop_assert!(output.is_some(), "only revealed seats agree");
                        }
                    }
                    prop_assert!(c.members >> refs.len() == 0);
                }
                // The same outputs in every seat always reach consensus when finite.
                let same = bytes(&[1.5, -2.5]);
                let all: Vec<Option<&[u8]>> = (0..replicas).map(|_| Some(same.as_slice())).collect();
                let c = tally(&policy(replicas, quorum, rule), 2, &all).expect("unanimous");
                prop_assert_eq!(c.size(), replicas);
                prop_assert_eq!(c.output, same);
            }
        }
    }
}
