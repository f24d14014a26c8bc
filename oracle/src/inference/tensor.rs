//! Tensors between the program's form (little-endian bytes, [`TensorSchema`]) and ONNX Runtime's:
//! decoding and validating inputs, encoding outputs, and comparing a model's I/O with a schema.

use std::fmt::Debug;

use inference_escrow_client::{
    program::constants::{DYNAMIC_DIM, MAX_TENSOR_RANK},
    DType, TensorSchema,
};
use ort::value::{
    DynValue, Outlet, PrimitiveTensorElementType, Tensor, TensorElementType, ValueType,
};

use super::error::InferenceError;

/// Element types this oracle runs. F16 would need `ort`'s `half` feature.
pub(crate) fn is_supported(dtype: DType) -> bool {
    !matches!(dtype, DType::F16)
}

/// The program [`DType`] of an ONNX element type, when the program has one.
pub(crate) fn program_type(ty: TensorElementType) -> Option<DType> {
    Some(match ty {
        TensorElementType::Float32 => DType::F32,
        TensorElementType::Float64 => DType::F64,
        TensorElementType::Float16 => DType::F16,
        TensorElementType::Int8 => DType::I8,
        TensorElementType::Int16 => DType::I16,
        TensorElementType::Int32 => DType::I32,
        TensorElementType::Int64 => DType::I64,
        TensorElementType::Uint8 => DType::U8,
        TensorElementType::Bool => DType::Bool,
        _ => return None,
    })
}

/// `F32 [-1, 4]`, for messages.
pub(crate) fn describe(schema: &TensorSchema) -> String {
    format!("{:?} {:?}", schema.dtype, schema.shape)
}

/// A model input or output as the program would store it (dynamic dimensions as -1).
pub(crate) fn outlet_schema(outlet: &Outlet, role: &str) -> Result<TensorSchema, InferenceError> {
    let name = outlet.name();
    let ValueType::Tensor { ty, shape, .. } = outlet.dtype() else {
        return Err(InferenceError::SchemaMismatch(format!(
            "{role} `{name}` is not a tensor ({})",
            outlet.dtype()
        )));
    };
    let dtype = program_type(*ty).ok_or_else(|| {
        InferenceError::SchemaMismatch(format!(
            "{role} `{name}` has element type {ty}, which the program cannot describe"
        ))
    })?;
    if shape.is_empty() || shape.len() > MAX_TENSOR_RANK {
        return Err(InferenceError::SchemaMismatch(format!(
            "{role} `{name}` has rank {}; the program stores ranks 1 to {}",
            shape.len(),
            MAX_TENSOR_RANK
        )));
    }
    let dims = shape
        .iter()
        .map(|&d| match i32::try_from(d) {
            _ if d < 0 => Ok(DYNAMIC_DIM),
            Ok(d) if d > 0 => Ok(d),
            _ => Err(InferenceError::SchemaMismatch(format!(
                "{role} `{name}` has dimension {d}, which the program cannot store"
            ))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(TensorSchema { dtype, shape: dims })
}

/// Checks that a model's input (`model`, from the file) runs every tensor the on-chain input
/// schema (`chain`) accepts, and that the oracle can infer the tensor's shape from its length.
pub(crate) fn check_input(
    name: &str,
    model: &TensorSchema,
    chain: &TensorSchema,
) -> Result<(), InferenceError> {
    check_schema_form(name, "input", chain)?;
    check_common(name, "input", model, chain)?;
    for (i, (&m, &c)) in model.shape.iter().zip(&chain.shape).enumerate() {
        if m != DYNAMIC_DIM && m != c {
            let chain_dim = if c == DYNAMIC_DIM {
                "dynamic".to_owned()
            } else {
                c.to_string()
            };
            return Err(InferenceError::SchemaMismatch(format!(
                "input `{name}` dimension {i} is {m} in the model but {chain_dim} on chain (model {:?}, chain {:?})",
                model.shape, chain.shape
            )));
        }
    }
    if chain.shape.iter().filter(|&&d| d == DYNAMIC_DIM).count() > 1 {
        return Err(InferenceError::SchemaMismatch(format!(
            "input schema {} has more than one dynamic dimension: the tensor's shape cannot be inferred from its length",
            describe(chain)
        )));
    }
    Ok(())
}

/// Checks that a model's output can fit the on-chain output schema. A dimension the model leaves
/// dynamic but the chain fixes is checked on every run.
pub(crate) fn check_output(
    name: &str,
    model: &TensorSchema,
    chain: &TensorSchema,
) -> Result<(), InferenceError> {
    check_schema_form(name, "output", chain)?;
    check_common(name, "output", model, chain)?;
    for (i, (&m, &c)) in model.shape.iter().zip(&chain.shape).enumerate() {
        if m != DYNAMIC_DIM && c != DYNAMIC_DIM && m != c {
            return Err(InferenceError::SchemaMismatch(format!(
                "output `{name}` dimension {i} is {m} in the model but {c} on chain (model {:?}, chain {:?})",
                model.shape, chain.shape
            )));
        }
    }
    Ok(())
}

fn check_schema_form(name: &str, role: &str, chain: &TensorSchema) -> Result<(), InferenceError> {
    let rank_ok = !chain.shape.is_empty() && chain.shape.len() <= MAX_TENSOR_RANK;
    if !rank_ok || chain.shape.iter().any(|&d| d <= 0 && d != DYNAMIC_DIM) {
        return Err(InferenceError::SchemaMismatch(format!(
            "on-chain {role} schema for `{name}` is malformed: {}",
            describe(chain)
        )));
    }
    if !is_supported(chain.dtype) {
        return Err(InferenceError::SchemaMismatch(format!(
            "{role} `{name}` is {:?}, which this oracle does not run (supported: F32, F64, I8, I16, I32, I64, U8, Bool)",
            chain.dtype
        )));
    }
    Ok(())
}

fn check_common(
    name: &str,
    role: &str,
    model: &TensorSchema,
    chain: &TensorSchema,
) -> Result<(), InferenceError> {
    if model.dtype != chain.dtype {
        return Err(InferenceError::SchemaMismatch(format!(
            "{role} `{name}` element type is {:?} in the model but {:?} on chain",
            model.dtype, chain.dtype
        )));
    }
    if model.shape.len() != chain.shape.len() {
        return Err(InferenceError::SchemaMismatch(format!(
            "{role} `{name}` has rank {} in the model ({:?}) but {} on chain ({:?})",
            model.shape.len(),
            model.shape,
            chain.shape.len(),
            chain.shape
        )));
    }
    Ok(())
}

/// The shape of an input tensor of `len` bytes: the schema's, with its (single) dynamic
/// dimension inferred from the length.
pub(crate) fn infer_shape(schema: &TensorSchema, len: usize) -> Result<Vec<i64>, InferenceError> {
    let size = schema.dtype.size();
    let fixed = schema
        .shape
        .iter()
        .filter(|&&d| d != DYNAMIC_DIM)
        .try_fold(1usize, |acc, &d| acc.checked_mul(d as usize))
        .unwrap_or(usize::MAX);
    if !schema.accepts_byte_len(len) {
        let unit = fixed.saturating_mul(size);
        return Err(InferenceError::bad_input(if schema.is_static() {
            format!(
                "input is {len} bytes; schema {} needs exactly {unit}",
                describe(schema)
            )
        } else {
            format!(
                "input is {len} bytes; schema {} needs a positive multiple of {unit}",
                describe(schema)
            )
        }));
    }
    let dynamic = (len / size) / fixed.max(1);
    Ok(schema
        .shape
        .iter()
        .map(|&d| {
            if d == DYNAMIC_DIM {
                dynamic as i64
            } else {
                i64::from(d)
            }
        })
        .collect())
}

/// A tensor's elements, decoded from little-endian bytes.
#[derive(Clone, Debug)]
pub(crate) enum TensorData {
    F32(Vec<f32>),
    F64(Vec<f64>),
    I8(Vec<i8>),
    I16(Vec<i16>),
    I32(Vec<i32>),
    I64(Vec<i64>),
    U8(Vec<u8>),
    Bool(Vec<bool>),
}

fn le<T, const N: usize>(bytes: &[u8], from: fn([u8; N]) -> T) -> Vec<T> {
    let (chunks, _) = bytes.as_chunks::<N>();
    chunks.iter().map(|&chunk| from(chunk)).collect()
}

fn finite<T: Copy>(
    values: &[T],
    is_finite: fn(T) -> bool,
    is_nan: fn(T) -> bool,
    role: &str,
) -> Result<(), String> {
    match values.iter().position(|&v| !is_finite(v)) {
        None => Ok(()),
        Some(i) => Err(format!(
            "{role} element {i} is {}",
            if is_nan(values[i]) { "NaN" } else { "infinite" }
        )),
    }
}

impl TensorData {
    /// Decodes little-endian `bytes` (a whole number of elements) of `dtype`. NaN and infinite
    /// floats and Bool bytes other than 0 and 1 are refused.
    pub(crate) fn decode(dtype: DType, bytes: &[u8]) -> Result<Self, InferenceError> {
        let data = match dtype {
            DType::F32 => {
                let v = le(bytes, f32::from_le_bytes);
                finite(&v, f32::is_finite, f32::is_nan, "input")
                    .map_err(InferenceError::bad_input)?;
                Self::F32(v)
            }
            DType::F64 => {
                let v = le(bytes, f64::from_le_bytes);
                finite(&v, f64::is_finite, f64::is_nan, "input")
                    .map_err(InferenceError::bad_input)?;
                Self::F64(v)
            }
            DType::I8 => Self::I8(le(bytes, i8::from_le_bytes)),
            DType::I16 => Self::I16(le(bytes, i16::from_le_bytes)),
            DType::I32 => Self::I32(le(bytes, i32::from_le_bytes)),
            DType::I64 => Self::I64(le(bytes, i64::from_le_bytes)),
            DType::U8 => Self::U8(bytes.to_vec()),
            DType::Bool => Self::Bool(
                bytes
                    .iter()
                    .enumerate()
                    .map(|(i, &b)| match b {
                        0 => Ok(false),
                        1 => Ok(true),
                        b => Err(InferenceError::bad_input(format!(
                            "input element {i} is {b}; Bool elements must be 0 or 1"
                        ))),
                    })
                    .collect::<Result<_, _>>()?,
            ),
            DType::F16 => {
                return Err(InferenceError::bad_input(
                    "F16 tensors are not supported by this oracle",
                ))
            }
        };
        Ok(data)
    }

    /// The elements of `parts` one after the other (all of one element type).
    pub(crate) fn concat<'a>(
        parts: impl Iterator<Item = &'a Self> + Clone,
    ) -> Result<Self, InferenceError> {
        let total: usize = parts.clone().map(Self::len).sum();
        let mut parts = parts;
        let mut all = parts
            .next()
            .ok_or_else(|| InferenceError::model_failed("empty batch"))?
            .with_capacity(total);
        for part in parts {
            match (&mut all, part) {
                (Self::F32(a), Self::F32(b)) => a.extend_from_slice(b),
                (Self::F64(a), Self::F64(b)) => a.extend_from_slice(b),
                (Self::I8(a), Self::I8(b)) => a.extend_from_slice(b),
                (Self::I16(a), Self::I16(b)) => a.extend_from_slice(b),
                (Self::I32(a), Self::I32(b)) => a.extend_from_slice(b),
                (Self::I64(a), Self::I64(b)) => a.extend_from_slice(b),
                (Self::U8(a), Self::U8(b)) => a.extend_from_slice(b),
                (Self::Bool(a), Self::Bool(b)) => a.extend_from_slice(b),
                _ => {
                    return Err(InferenceError::model_failed(
                        "mixed element types in one batch",
                    ))
                }
            }
        }
        Ok(all)
    }

    /// How many elements.
    fn len(&self) -> usize {
        match self {
            Self::F32(v) => v.len(),
            Self::F64(v) => v.len(),
            Self::I8(v) => v.len(),
            Self::I16(v) => v.len(),
            Self::I32(v) => v.len(),
            Self::I64(v) => v.len(),
            Self::U8(v) => v.len(),
            Self::Bool(v) => v.len(),
        }
    }

    /// A copy with room for `capacity` elements.
    fn with_capacity(&self, capacity: usize) -> Self {
        fn grown<T: Clone>(v: &[T], capacity: usize) -> Vec<T> {
            let mut out = Vec::with_capacity(capacity.max(v.len()));
            out.extend_from_slice(v);
            out
        }
        match self {
            Self::F32(v) => Self::F32(grown(v, capacity)),
            Self::F64(v) => Self::F64(grown(v, capacity)),
            Self::I8(v) => Self::I8(grown(v, capacity)),
            Self::I16(v) => Self::I16(grown(v, capacity)),
            Self::I32(v) => Self::I32(grown(v, capacity)),
            Self::I64(v) => Self::I64(grown(v, capacity)),
            Self::U8(v) => Self::U8(grown(v, capacity)),
            Self::Bool(v) => Self::Bool(grown(v, capacity)),
        }
    }

    /// An ONNX Runtime tensor of `shape` holding these elements.
    pub(crate) fn into_value(self, shape: Vec<i64>) -> ort::Result<DynValue> {
        fn value<T: PrimitiveTensorElementType + Debug + Clone + 'static>(
            shape: Vec<i64>,
            data: Vec<T>,
        ) -> ort::Result<DynValue> {
            Ok(Tensor::from_array((shape, data))?.into_dyn())
        }
        match self {
            Self::F32(v) => value(shape, v),
            Self::F64(v) => value(shape, v),
            Self::I8(v) => value(shape, v),
            Self::I16(v) => value(shape, v),
            Self::I32(v) => value(shape, v),
            Self::I64(v) => value(shape, v),
            Self::U8(v) => value(shape, v),
            Self::Bool(v) => value(shape, v),
        }
    }
}

/// An output tensor's shape and little-endian bytes, read as `dtype`.
pub(crate) fn encode(dtype: DType, value: &DynValue) -> Result<(Vec<i64>, Vec<u8>), String> {
    fn put<T: PrimitiveTensorElementType + Copy, const N: usize>(
        value: &DynValue,
        to_le: fn(T) -> [u8; N],
    ) -> Result<(Vec<i64>, Vec<u8>), String> {
        let (shape, data) = value.try_extract_tensor::<T>().map_err(|e| e.to_string())?;
        Ok((
            shape.to_vec(),
            data.iter().flat_map(|&x| to_le(x)).collect(),
        ))
    }
    match dtype {
        DType::F32 => put(value, f32::to_le_bytes),
        DType::F64 => put(value, f64::to_le_bytes),
        DType::I8 => put(value, i8::to_le_bytes),
        DType::I16 => put(value, i16::to_le_bytes),
        DType::I32 => put(value, i32::to_le_bytes),
        DType::I64 => put(value, i64::to_le_bytes),
        DType::U8 => put(value, u8::to_le_bytes),
        DType::Bool => put(value, |b: bool| [u8::from(b)]),
        DType::F16 => Err("F16 tensors are not supported by this oracle".to_owned()),
    }
}

/// Refuses NaN or infinite elements in float output bytes: a signed result must be a number.
pub(crate) fn check_output_finite(dtype: DType, bytes: &[u8]) -> Result<(), InferenceError> {
    let found = match dtype {
        DType::F32 => finite(
            &le(bytes, f32::from_le_bytes),
            f32::is_finite,
            f32::is_nan,
            "output",
        ),
        DType::F64 => finite(
            &le(bytes, f64::from_le_bytes),
            f64::is_finite,
            f64::is_nan,
            "output",
        ),
        _ => Ok(()),
    };
    found.map_err(InferenceError::model_failed)
}

/// Checks one request's output shape against the on-chain output schema.
pub(crate) fn check_output_shape(
    schema: &TensorSchema,
    shape: &[i64],
) -> Result<(), InferenceError> {
    let fits = shape.len() == schema.shape.len()
        && shape
            .iter()
            .zip(&schema.shape)
            .all(|(&d, &s)| s == DYNAMIC_DIM || d == i64::from(s))
        && shape.iter().all(|&d| d > 0);
    if fits {
        Ok(())
    } else {
        Err(InferenceError::model_failed(format!(
            "output shape {shape:?} does not fit the schema {}",
            describe(schema)
        )))
    }
}
