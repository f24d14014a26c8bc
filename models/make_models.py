#!/usr/bin/env python3
"""Writes the small ONNX models that the oracle's tests and the local demo serve.

Run from anywhere with the repository's virtual environment:

    .venv/bin/python models/make_models.py

The output is deterministic: fixed weights, no randomness, fixed producer fields, so the files
(and their SHA-256, which is what a model's on-chain registration commits to) are identical on
every run. `--check` additionally runs each model with onnxruntime (when installed) and compares it
with the same computation in numpy.
"""

import argparse
import hashlib
import pathlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = pathlib.Path(__file__).resolve().parent

# Opset 17 with IR version 8: the pair onnx itself uses for opset 17; onnxruntime 1.31 runs both.
OPSET = 17
IR_VERSION = 8

# name -> (weights w[4], bias b, one-line description)
RISK_MODELS = {
    "risk_v1": (
        [0.8, -1.2, 0.5, 2.0],
        -0.3,
        "DeFi position risk scorer v1: score = sigmoid(features . w + b)",
    ),
    "risk_v2": (
        [1.0, 1.0, -1.0, 0.5],
        0.1,
        "DeFi position risk scorer v2 (other weights): score = sigmoid(features . w + b)",
    ),
}


def risk_model(name: str, w: list, b: float, doc: str) -> onnx.ModelProto:
    """features float32 [batch, 4] -> score float32 [batch, 1] = sigmoid(features @ w + b)."""
    weights = numpy_helper.from_array(np.asarray(w, dtype=np.float32).reshape(4, 1), name="w")
    bias = numpy_helper.from_array(np.asarray([b], dtype=np.float32), name="b")
    nodes = [
        helper.make_node("MatMul", ["features", "w"], ["logit_raw"], name="matmul"),
        helper.make_node("Add", ["logit_raw", "b"], ["logit"], name="add_bias"),
        helper.make_node("Sigmoid", ["logit"], ["score"], name="sigmoid"),
    ]
    graph = helper.make_graph(
        nodes,
        name,
        inputs=[helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", 4])],
        outputs=[helper.make_tensor_value_info("score", TensorProto.FLOAT, ["batch", 1])],
        initializer=[weights, bias],
        doc_string=doc,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="inference_escrow/models/make_models.py",
        producer_version="1",
        doc_string=doc,
    )
    model.ir_version = IR_VERSION
    model.model_version = 1
    onnx.checker.check_model(model, full_check=True)
    return model


# The lookup table of `lookup_i64` (a test fixture): value = TABLE[index].
TABLE = [0.5 * i for i in range(10)]


def lookup_model() -> onnx.ModelProto:
    """index int64 [batch] -> value float32 [batch] = TABLE[index]; an index outside [-10, 9]
    makes onnxruntime fail the run (the oracle's "model failed on this input" path)."""
    doc = "Test fixture: value = table[index] (Gather); out-of-range indices fail at run time"
    table = numpy_helper.from_array(np.asarray(TABLE, dtype=np.float32), name="table")
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "index"], ["value"], name="gather", axis=0)],
        "lookup_i64",
        inputs=[helper.make_tensor_value_info("index", TensorProto.INT64, ["batch"])],
        outputs=[helper.make_tensor_value_info("value", TensorProto.FLOAT, ["batch"])],
        initializer=[table],
        doc_string=doc,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="inference_escrow/models/make_models.py",
        producer_version="1",
        doc_string=doc,
    )
    model.ir_version = IR_VERSION
    model.model_version = 1
    onnx.checker.check_model(model, full_check=True)
    return model


def cnn_model() -> onnx.ModelProto:
    """image float32 [batch, 1, 28, 28] -> logits float32 [batch, 10]: a small CNN (two 3x3
    convolutions with ReLU and 2x2 max pooling, then a dense layer; 11,786 parameters) with fixed
    pseudo-random weights from a seeded generator. For benchmarks only: it is not trained."""
    doc = "Benchmark fixture: small CNN 28x28 -> 10 (conv 8, conv 16, dense), fixed seeded weights"
    rng = np.random.default_rng(28)

    def weights(name, shape, fan_in):
        data = (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)
        return numpy_helper.from_array(data, name=name)

    initializers = [
        weights("conv1_w", (8, 1, 3, 3), 9),
        numpy_helper.from_array(np.zeros(8, dtype=np.float32), name="conv1_b"),
        weights("conv2_w", (16, 8, 3, 3), 72),
        numpy_helper.from_array(np.zeros(16, dtype=np.float32), name="conv2_b"),
        weights("dense_w", (16 * 7 * 7, 10), 16 * 7 * 7),
        numpy_helper.from_array(np.zeros(10, dtype=np.float32), name="dense_b"),
    ]
    nodes = [
        helper.make_node("Conv", ["image", "conv1_w", "conv1_b"], ["c1"], pads=[1, 1, 1, 1], name="conv1"),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2], name="pool1"),
        helper.make_node("Conv", ["p1", "conv2_w", "conv2_b"], ["c2"], pads=[1, 1, 1, 1], name="conv2"),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("MaxPool", ["r2"], ["p2"], kernel_shape=[2, 2], strides=[2, 2], name="pool2"),
        helper.make_node("Flatten", ["p2"], ["flat"], axis=1, name="flatten"),
        helper.make_node("Gemm", ["flat", "dense_w", "dense_b"], ["logits"], name="dense"),
    ]
    graph = helper.make_graph(
        nodes,
        "cnn_small",
        inputs=[helper.make_tensor_value_info("image", TensorProto.FLOAT, ["batch", 1, 28, 28])],
        outputs=[helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 10])],
        initializer=initializers,
        doc_string=doc,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", OPSET)],
        producer_name="inference_escrow/models/make_models.py",
        producer_version="1",
        doc_string=doc,
    )
    model.ir_version = IR_VERSION
    model.model_version = 1
    onnx.checker.check_model(model, full_check=True)
    return model


def reference(w: list, b: float, features: np.ndarray) -> np.ndarray:
    logit = features.astype(np.float32) @ np.asarray(w, dtype=np.float32).reshape(4, 1) + np.float32(b)
    return (1.0 / (1.0 + np.exp(-logit))).astype(np.float32)


def onnxruntime():
    try:
        import onnxruntime as ort
    except ImportError:
        print("  (onnxruntime not installed: skipping the run check)")
        return None
    return ort


def check(path: pathlib.Path, w: list, b: float) -> None:
    ort = onnxruntime()
    if ort is None:
        return
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    features = np.array(
        [[0.0, 0.0, 0.0, 0.0], [1.0, 0.5, -0.25, 0.1], [-2.0, 3.0, 1.5, -0.7]], dtype=np.float32
    )
    (got,) = session.run(["score"], {"features": features})
    want = reference(w, b, features)
    assert got.shape == (3, 1), got.shape
    assert np.allclose(got, want, rtol=1e-6, atol=1e-6), (got, want)
    print(f"  onnxruntime {ort.__version__} agrees with numpy: {got.ravel().tolist()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=HERE, help="output folder (default: models/)")
    parser.add_argument("--check", action="store_true", help="run each model with onnxruntime")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (w, b, doc) in RISK_MODELS.items():
        path = args.out / f"{name}.onnx"
        data = risk_model(name, w, b, doc).SerializeToString(deterministic=True)
        path.write_bytes(data)
        print(f"{path.name}  sha256 {hashlib.sha256(data).hexdigest()}  ({len(data)} bytes)")
        if args.check:
            check(path, w, b)
    path = args.out / "cnn_small.onnx"
    data = cnn_model().SerializeToString(deterministic=True)
    path.write_bytes(data)
    print(f"{path.name}  sha256 {hashlib.sha256(data).hexdigest()}  ({len(data)} bytes)")
    if args.check and (ort := onnxruntime()) is not None:
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        (got,) = session.run(["logits"], {"image": np.ones((2, 1, 28, 28), dtype=np.float32)})
        assert got.shape == (2, 10) and np.isfinite(got).all(), got
        print(f"  onnxruntime runs it: logits[0][:3] = {got[0][:3].tolist()}")
    path = args.out / "lookup_i64.onnx"
    data = lookup_model().SerializeToString(deterministic=True)
    path.write_bytes(data)
    print(f"{path.name}  sha256 {hashlib.sha256(data).hexdigest()}  ({len(data)} bytes)")
    if args.check and (ort := onnxruntime()) is not None:
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        (got,) = session.run(["value"], {"index": np.array([0, 3, -1], dtype=np.int64)})
        assert got.tolist() == [0.0, 1.5, 4.5], got
        try:
            session.run(["value"], {"index": np.array([10], dtype=np.int64)})
        except Exception as e:  # noqa: BLE001 - onnxruntime raises its own error types
            print(f"  out-of-range index fails as intended: {str(e).splitlines()[0][:100]}")
        else:
            raise AssertionError("an out-of-range index should fail")


if __name__ == "__main__":
    main()
