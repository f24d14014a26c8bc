use anchor_lang::prelude::*;

use super::{DType, TensorSchema};
use crate::{constants::MAX_REPLICAS, errors::EscrowError};

/// When two outputs of a model agree. Outputs are compared on-chain, on their inline bytes.
///
/// Tolerances are `f32` bit patterns (money never touches floats; the program only reads them
/// as numbers where outputs are compared), validated at registration: finite, non-negative.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareRule {
    /// Identical bytes (so identical output hashes): integer or quantized models, or oracles on
    /// one pinned build. Any dtype.
    Exact,
    /// `f32` outputs agree elementwise when `|a − b| ≤ abs + rel · max(|a|, |b|)`. A NaN or an
    /// infinity never agrees.
    Tolerance {
        /// Absolute tolerance, `f32` bits.
        abs_bits: u32,
        /// Relative tolerance, `f32` bits.
        rel_bits: u32,
    },
    /// `f32` outputs agree when the index of the largest value of every row (the last axis,
    /// whose size must be static) is the same. A row holding a NaN never agrees; ties go to the
    /// first index.
    Argmax,
    /// Each element of the result is the (lower) median of the revealed outputs' elements; an
    /// output agrees when every element is within `abs + rel · |median|` of it. A NaN or an
    /// infinity never agrees.
    Median {
        /// Absolute tolerance, `f32` bits.
        abs_bits: u32,
        /// Relative tolerance, `f32` bits.
        rel_bits: u32,
    },
}

/// How many oracles run each request of a model, and when their outputs agree.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerificationPolicy {
    /// Seats per request (n): 1 is a single-oracle request (claim, fulfil); 2..=7 a quorum
    /// request (seats, commit, reveal).
    pub replicas: u8,
    /// Agreeing outputs needed (k): a majority of `replicas` or more.
    pub quorum: u8,
    /// When two outputs agree.
    pub compare: CompareRule,
}

impl VerificationPolicy {
    /// One oracle, v1's single-oracle request; a dispute's re-execution compares exactly.
    pub const SINGLE: Self = Self {
        replicas: 1,
        quorum: 1,
        compare: CompareRule::Exact,
    };

    /// Whether requests under this policy are served by several oracles.
    pub fn is_quorum(&self) -> bool {
        self.replicas > 1
    }

    /// Rejects a policy no request could run under, each with its own error: replicas outside
    /// 1..=7 (`InvalidReplicas`), a quorum that is not a majority of them (`InvalidQuorum`),
    /// a tolerance that is not a finite non-negative `f32` (`InvalidTolerance`), a numeric rule
    /// on an output that is not `f32` (`CompareNeedsF32Output`), `Argmax` on an output whose
    /// last axis is dynamic (`ArgmaxNeedsStaticLastAxis`).
    pub fn validate(&self, output_schema: &TensorSchema) -> Result<()> {
        require!(
            (1..=MAX_REPLICAS).contains(&self.replicas),
            EscrowError::InvalidReplicas
        );
        require!(
            self.quorum <= self.replicas && 2 * (self.quorum as u16) > self.replicas as u16,
            EscrowError::InvalidQuorum
        );
        match self.compare {
            CompareRule::Exact => Ok(()),
            CompareRule::Tolerance { abs_bits, rel_bits }
            | CompareRule::Median { abs_bits, rel_bits } => {
                require!(
                    valid_tolerance(abs_bits) && valid_tolerance(rel_bits),
                    EscrowError::InvalidTolerance
                );
                require_f32(output_schema)
            }
            CompareRule::Argmax => {
                require_f32(output_schema)?;
                let last = output_schema.shape.last().copied().unwrap_or(0);
                require!(last > 0, EscrowError::ArgmaxNeedsStaticLastAxis);
                Ok(())
            }
        }
    }
}

/// A tolerance is a finite `f32` whose sign bit is clear (zero included, negative zero not).
pub fn valid_tolerance(bits: u32) -> bool {
    let value = f32::from_bits(bits);
    value.is_finite() && bits >> 31 == 0
}

fn require_f32(schema: &TensorSchema) -> Result<()> {
    require!(
        schema.dtype == DType::F32,
        EscrowError::CompareNeedsF32Output
    );
    Ok(())
}
