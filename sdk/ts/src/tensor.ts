// Tensors as the program stores them: little-endian elements of the model schema's dtype.

/** A model's tensor schema as the program stores it (`{ f32: {} }`, shape with -1 for dynamic). */
export interface TensorSchema {
  dtype: Record<string, unknown>;
  shape: number[];
}

/** Element types, as the IDL names them. */
export type DType = "f32" | "f64" | "f16" | "i8" | "i16" | "i32" | "i64" | "u8" | "bool";

const SIZES: Record<DType, number> = { f32: 4, f64: 8, f16: 2, i8: 1, i16: 2, i32: 4, i64: 8, u8: 1, bool: 1 };

/** The dtype of a schema (`{ f32: {} }` → "f32"). */
export function dtypeOf(schema: TensorSchema): DType {
  const [name] = Object.keys(schema.dtype);
  if (!(name in SIZES)) throw new Error(`unknown dtype ${name}`);
  return name as DType;
}

/** Whether the program accepts `len` bytes as a tensor of `schema` (its `accepts_byte_len`). */
export function acceptsByteLength(schema: TensorSchema, len: number): boolean {
  const size = SIZES[dtypeOf(schema)];
  if (len === 0 || len % size !== 0) return false;
  const elements = len / size;
  const fixed = schema.shape.filter((d) => d !== -1).reduce((a, d) => a * d, 1);
  return schema.shape.includes(-1) ? elements % fixed === 0 : elements === fixed;
}

/** A decoded tensor: its element type, its shape (dynamic dimensions resolved) and its values. */
export interface Tensor {
  dtype: DType;
  shape: number[];
  /** f32/f16/f64 as numbers, integers as numbers (i64 as bigint), bool as booleans. */
  data: number[] | bigint[] | boolean[];
}

/** Decodes `bytes` (a request's inline output) by `schema` (the model's `outputSchema`). */
export function decodeOutput(bytes: Uint8Array, schema: TensorSchema): Tensor {
  const buffer = Buffer.from(bytes);
  if (!acceptsByteLength(schema, buffer.length)) {
    throw new Error(`${buffer.length} bytes are not a whole tensor of shape [${schema.shape}] ${dtypeOf(schema)}`);
  }
  const dtype = dtypeOf(schema);
  const size = SIZES[dtype];
  const count = buffer.length / size;
  const read = (i: number): number | bigint | boolean => {
    const at = i * size;
    switch (dtype) {
      case "f32": return buffer.readFloatLE(at);
      case "f64": return buffer.readDoubleLE(at);
      case "f16": return f16(buffer.readUInt16LE(at));
      case "i8": return buffer.readInt8(at);
      case "i16": return buffer.readInt16LE(at);
      case "i32": return buffer.readInt32LE(at);
      case "i64": return buffer.readBigInt64LE(at);
      case "u8": return buffer.readUInt8(at);
      case "bool": return buffer.readUInt8(at) !== 0;
    }
  };
  const data = Array.from({ length: count }, (_, i) => read(i)) as Tensor["data"];
  const fixed = schema.shape.filter((d) => d !== -1).reduce((a, d) => a * d, 1);
  const dynamic = schema.shape.filter((d) => d === -1).length;
  // Dynamic dimensions: the first takes what the static ones leave, the others are 1.
  let first = true;
  const shape = schema.shape.map((d) => {
    if (d !== -1) return d;
    const resolved = first ? count / fixed : 1;
    first = false;
    return resolved;
  });
  return { dtype, shape: dynamic === 0 ? [...schema.shape] : shape, data };
}

/** Encodes `values` as a tensor of `schema` (a request's inline input), checking its size. */
export function encodeInput(values: ArrayLike<number | bigint | boolean>, schema: TensorSchema): Buffer {
  const dtype = dtypeOf(schema);
  const size = SIZES[dtype];
  const buffer = Buffer.alloc(values.length * size);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const at = i * size;
    switch (dtype) {
      case "f32": buffer.writeFloatLE(Number(v), at); break;
      case "f64": buffer.writeDoubleLE(Number(v), at); break;
      case "f16": throw new Error("f16 inputs: pass the bytes");
      case "i8": buffer.writeInt8(Number(v), at); break;
      case "i16": buffer.writeInt16LE(Number(v), at); break;
      case "i32": buffer.writeInt32LE(Number(v), at); break;
      case "i64": buffer.writeBigInt64LE(BigInt(v as number | bigint), at); break;
      case "u8": buffer.writeUInt8(Number(v), at); break;
      case "bool": buffer.writeUInt8(v ? 1 : 0, at); break;
    }
  }
  if (!acceptsByteLength(schema, buffer.length)) {
    throw new Error(`${values.length} values do not fill the model's input shape [${schema.shape}]`);
  }
  return buffer;
}

function f16(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 31) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
