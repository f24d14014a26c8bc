//! A requester's input file, packed as the model's input tensor. JSON is read strictly: a file
//! that is not valid JSON, anything but an array of numbers (or of equal nested arrays whose
//! shape is the model's), an integer out of its dtype's range or a float where an integer is
//! needed, a float too large for F32, or a count that does not fill the model's input shape is
//! refused with the reason, before any transaction is sent. (Floats narrowed to F32 round as
//! usual.)

use anyhow::{bail, Context};
use inference_escrow_client::{DType, TensorSchema};

/// The bytes of `json` (a JSON array of numbers, nested arrays flattened) packed little-endian
/// as `schema.dtype`, checked against `schema`'s shape.
pub fn pack_json(json: &[u8], schema: &TensorSchema) -> anyhow::Result<Vec<u8>> {
    let value: serde_json::Value = serde_json::from_slice(json).map_err(|err| {
        anyhow::anyhow!("not valid JSON ({err}); raw tensor bytes go with --input-bytes")
    })?;
    anyhow::ensure!(
        value.is_array(),
        "{value} is not an array: the input is a JSON array of numbers"
    );
    let shape = nested_shape(&value)?;
    if shape.len() > 1 {
        let fits = shape.len() == schema.shape.len()
            && shape
                .iter()
                .zip(&schema.shape)
                .all(|(&got, &want)| want < 0 || usize::try_from(want) == Ok(got));
        anyhow::ensure!(
            fits,
            "the nested array's shape {shape:?} is not the model's input shape {:?} (-1: any)",
            schema.shape
        );
    }
    let mut numbers = Vec::new();
    flatten(&value, &mut numbers)?;
    if numbers.is_empty() {
        bail!("the input array is empty");
    }
    let mut bytes = Vec::with_capacity(numbers.len() * schema.dtype.size());
    for (index, number) in numbers.iter().enumerate() {
        pack_one(number, schema.dtype, &mut bytes)
            .with_context(|| format!("element {index} ({number})"))?;
    }
    check_len(&bytes, schema)?;
    Ok(bytes)
}

/// Refuses `bytes` that do not form a whole tensor of `schema`.
pub fn check_len(bytes: &[u8], schema: &TensorSchema) -> anyhow::Result<()> {
    if schema.accepts_byte_len(bytes.len()) {
        return Ok(());
    }
    let size = schema.dtype.size();
    bail!(
        "{} bytes ({} {:?} elements) do not fill the model's input shape {:?}",
        bytes.len(),
        bytes.len() as f64 / size as f64,
        schema.dtype,
        schema.shape
    )
}

/// The shape of nested arrays, refusing ragged ones and arrays that mix numbers with arrays.
fn nested_shape(value: &serde_json::Value) -> anyhow::Result<Vec<usize>> {
    let serde_json::Value::Array(items) = value else {
        return Ok(Vec::new());
    };
    let inner: Vec<Vec<usize>> = items.iter().map(nested_shape).collect::<Result<_, _>>()?;
    let mut shape = vec![items.len()];
    if let Some(first) = inner.first() {
        if let Some((index, other)) = inner.iter().enumerate().find(|(_, s)| *s != first) {
            bail!(
                "ragged array: item {index} has shape {other:?}, item 0 has {first:?} (numbers have [])"
            );
        }
        shape.extend_from_slice(first);
    }
    Ok(shape)
}

fn flatten<'a>(
    value: &'a serde_json::Value,
    out: &mut Vec<&'a serde_json::Value>,
) -> anyhow::Result<()> {
    match value {
        serde_json::Value::Array(items) => {
            for item in items {
                flatten(item, out)?;
            }
            Ok(())
        }
        serde_json::Value::Number(_) | serde_json::Value::Bool(_) => {
            out.push(value);
            Ok(())
        }
        other => bail!("{other} is not a number: the input is a JSON array of numbers"),
    }
}

/// Appends `value` as one element of `dtype`, refusing what `dtype` cannot hold exactly.
fn pack_one(value: &serde_json::Value, dtype: DType, out: &mut Vec<u8>) -> anyhow::Result<()> {
    if let serde_json::Value::Bool(flag) = value {
        anyhow::ensure!(dtype == DType::Bool, "true/false is only for bool inputs");
        out.push(u8::from(*flag));
        return Ok(());
    }
    let integer = |min: i64, max: i64| -> anyhow::Result<i64> {
        let n = value
            .as_i64()
            .with_context(|| format!("{dtype:?} needs an integer"))?;
        anyhow::ensure!(
            (min..=max).contains(&n),
            "out of the range of {dtype:?} ({min} to {max})"
        );
        Ok(n)
    };
    match dtype {
        DType::F32 => {
            let n = value.as_f64().context("not a number")?;
            let narrowed = n as f32;
            anyhow::ensure!(narrowed.is_finite(), "out of the range of F32");
            out.extend_from_slice(&narrowed.to_le_bytes());
        }
        DType::F64 => {
            let n = value.as_f64().context("not a number")?;
            out.extend_from_slice(&n.to_le_bytes());
        }
        DType::I8 => {
            out.extend_from_slice(&(integer(i8::MIN.into(), i8::MAX.into())? as i8).to_le_bytes())
        }
        DType::I16 => out
            .extend_from_slice(&(integer(i16::MIN.into(), i16::MAX.into())? as i16).to_le_bytes()),
        DType::I32 => out
            .extend_from_slice(&(integer(i32::MIN.into(), i32::MAX.into())? as i32).to_le_bytes()),
        DType::I64 => out.extend_from_slice(&integer(i64::MIN, i64::MAX)?.to_le_bytes()),
        DType::U8 => out.push(integer(0, 255)? as u8),
        DType::Bool => out.push(integer(0, 1)? as u8),
        DType::F16 => bail!("JSON input for F16 models is not supported; pass --input-bytes"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(dtype: DType, shape: &[i32]) -> TensorSchema {
        TensorSchema {
            dtype,
            shape: shape.to_vec(),
        }
    }

    fn err(json: &str, schema: &TensorSchema) -> String {
        format!("{:#}", pack_json(json.as_bytes(), schema).unwrap_err())
    }

    #[test]
    fn numbers_pack_little_endian_and_nested_arrays_flatten() {
        let f32s = schema(DType::F32, &[-1, 2]);
        assert_eq!(
            pack_json(b"[[1.5, -2], [0, 3]]", &f32s).unwrap(),
            [1.5f32, -2.0, 0.0, 3.0]
                .iter()
                .flat_map(|v| v.to_le_bytes())
                .collect::<Vec<_>>()
        );
        assert_eq!(
            pack_json(b"[true, 0, 1]", &schema(DType::Bool, &[3])).unwrap(),
            vec![1, 0, 1]
        );
        assert_eq!(
            pack_json(b"[-129]", &schema(DType::I16, &[1])).unwrap(),
            (-129i16).to_le_bytes().to_vec()
        );
    }

    #[test]
    fn what_cannot_be_read_is_refused_with_the_reason() {
        let f32x4 = schema(DType::F32, &[1, 4]);
        assert!(err("[0.9, 0.2, 1.4", &f32x4).contains("not valid JSON"));
        assert!(err("{\"x\": 1}", &f32x4).contains("is not an array"));
        assert!(err("[0.9, \"0.2\", 1.4, 0.8]", &f32x4).contains("is not a number"));
        assert!(err("[]", &f32x4).contains("empty"));
        assert!(err("[1, 2, 3]", &f32x4).contains("do not fill the model's input shape [1, 4]"));
        assert!(err("[1e39, 0, 0, 0]", &f32x4).contains("out of the range of F32"));
        let u8s = schema(DType::U8, &[2]);
        assert!(err("[300, 1]", &u8s).contains("element 0 (300): out of the range of U8"));
        assert!(err("[1, 1.5]", &u8s).contains("element 1 (1.5): U8 needs an integer"));
        assert!(err("[-1, 1]", &u8s).contains("out of the range"));
        assert!(err("[2, 1]", &schema(DType::Bool, &[2])).contains("out of the range of Bool"));
        assert!(err("[true, 1]", &u8s).contains("only for bool"));
        assert!(err("[1]", &schema(DType::F16, &[1])).contains("--input-bytes"));
        let f32x2x2 = schema(DType::F32, &[-1, 2]);
        assert!(err("[[1, 2, 3], [4]]", &f32x2x2).contains("ragged array"));
        assert!(err("[[1, 2], 3]", &f32x2x2).contains("ragged array"));
        assert!(err("[[1, 2, 3]]", &f32x2x2).contains("is not the model's input shape"));
        assert!(err("[[[1, 2]]]", &f32x2x2).contains("is not the model's input shape"));
        assert!(err("7", &f32x2x2).contains("is not an array"));
        assert!(pack_json(b"[[1, 2], [3, 4]]", &f32x2x2).is_ok());
    }

    #[test]
    fn raw_bytes_must_fill_the_shape() {
        let f32x4 = schema(DType::F32, &[-1, 4]);
        check_len(&[0; 32], &f32x4).unwrap();
        assert!(check_len(&[0; 12], &f32x4).is_err());
        assert!(check_len(&[], &f32x4).is_err());
    }
}
