use anchor_lang::prelude::*;

use crate::{
    constants::{DYNAMIC_DIM, MAX_TENSOR_RANK},
    errors::EscrowError,
};

/// Element type of a tensor, as ONNX names it. Inline tensors are packed little-endian.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DType {
    F32,
    F64,
    F16,
    I8,
    I16,
    I32,
    I64,
    U8,
    Bool,
}

impl DType {
    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            DType::I8 | DType::U8 | DType::Bool => 1,
            DType::F16 | DType::I16 => 2,
            DType::F32 | DType::I32 => 4,
            DType::F64 | DType::I64 => 8,
        }
    }
}

/// A tensor's element type and shape; a dimension of [`DYNAMIC_DIM`] (-1) accepts any size.
#[derive(AnchorSerialize, AnchorDeserialize, InitSpace, Clone, Debug, PartialEq, Eq)]
pub struct TensorSchema {
    /// Element type.
    pub dtype: DType,
    /// Dimensions, outermost first: positive sizes or -1 for dynamic.
    #[max_len(MAX_TENSOR_RANK)]
    pub shape: Vec<i32>,
}

impl TensorSchema {
    /// Elements per row of the last axis (what `Argmax` compares); zero when it is dynamic.
    pub fn row_len(&self) -> usize {
        self.shape
            .last()
            .copied()
            .filter(|&dim| dim > 0)
            .map_or(0, |dim| dim as usize)
    }

    /// Rank 1..=8, every dimension positive or dynamic.
    pub fn validate(&self) -> Result<()> {
        require!(
            !self.shape.is_empty() && self.shape.len() <= MAX_TENSOR_RANK,
            EscrowError::InvalidSchema
        );
        require!(
            self.shape.iter().all(|&d| d > 0 || d == DYNAMIC_DIM),
            EscrowError::InvalidSchema
        );
        Ok(())
    }

    /// Product of the static dimensions (1 when all are dynamic).
    fn static_elements(&self) -> Option<usize> {
        self.shape
            .iter()
            .filter(|&&d| d != DYNAMIC_DIM)
            .try_fold(1usize, |acc, &d| acc.checked_mul(d as usize))
    }

    /// Whether every dimension is static.
    pub fn is_static(&self) -> bool {
        self.shape.iter().all(|&d| d != DYNAMIC_DIM)
    }

    /// Exact byte length of a tensor of this schema, when all dimensions are static.
    pub fn static_byte_len(&self) -> Option<usize> {
        if !self.is_static() {
            return None;
        }
        self.static_elements()?.checked_mul(self.dtype.size())
    }

    /// Byte length of one item of a batch: when only the first (batch) dimension is dynamic,
    /// the size of a tensor with that dimension set to 1; the exact size when all are static.
    /// `None` when another dimension is dynamic.
    pub fn single_item_byte_len(&self) -> Option<usize> {
        let (_, rest) = self.shape.split_first()?;
        if rest.contains(&DYNAMIC_DIM) {
            return None;
        }
        self.static_elements()?.checked_mul(self.dtype.size())
    }

    /// Whether `len` bytes can hold a whole tensor of this schema: a positive whole number of
    /// elements that fills the static dimensions exactly (dynamic ones absorb the rest).
    pub fn accepts_byte_len(&self, len: usize) -> bool {
        let size = self.dtype.size();
        if len == 0 || !len.is_multiple_of(size) {
            return false;
        }
        let elements = len / size;
        match self.static_elements() {
            Some(fixed) if self.is_static() => elements == fixed,
            Some(fixed) => elements.is_multiple_of(fixed),
            None => false,
        }
    }
}
