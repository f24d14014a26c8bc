#!/usr/bin/env python3
"""Trains the position-risk models that the demo and the benchmarks serve, from a synthetic but
documented data set of DeFi lending positions, and writes them with a manifest of SHA-256s.

    python3 -m venv .venv-models && .venv-models/bin/pip install -r models/requirements.txt
    .venv-models/bin/python models/train_risk.py            # writes the files, prints the metrics
    .venv-models/bin/python models/train_risk.py --check    # retrains and compares with MANIFEST.json

Everything is drawn from one seed and trained single-threaded, so with the versions pinned in
`models/requirements.txt` the files come out byte for byte the same (`--check` says whether they do).

Outputs (in `models/`):
- `position_risk.onnx`: gradient-boosted trees, features float32 [batch, 7] -> score float32
  [batch, 1], the probability that the position is liquidated within 30 days.
- `position_risk_mlp.onnx`: the heavy model for benchmarks, an MLP 7 -> 1024 -> 1024 -> 1024 -> 1
  (2.1 million parameters) on the same task and the same input and output.
- `positions.csv`: 2,000 held-out positions (features, label, the generating probability) that
  the demo draws its borrowers from.
- `MANIFEST.json`: SHA-256 and size of each file, the seed, the versions, the held-out metrics.

The data-generating process (one row per position; see `docs` in MANIFEST.json too):
- asset class (0 stablecoin, 1 major, 2 liquid-staking token, 3 long tail) with probabilities
  0.25 / 0.35 / 0.20 / 0.20; each class has a liquidation threshold LT (collateral ratio at which
  the position is liquidated: 1.05 / 1.20 / 1.15 / 1.50), a base annual volatility
  (0.03 / 0.65 / 0.70 / 1.40), a typical order-book depth and a jump (depeg, exploit) intensity;
- collateral ratio = LT * exp(buffer), buffer ~ Gamma(2, 0.25);
- collateral volatility = base * LogNormal(0, 0.3);
- liquidity depth = log10(depth at 2% slippage / position size) ~ N(class mean, 0.7);
- utilisation of the borrowed asset's pool ~ Beta(4, 2), at most 0.99;
- 30-day drawdown of the collateral = 1 - exp(-|N(0, vol * sqrt(30/365))|);
- borrow age in days ~ Exponential(120), at most 1,000;
- the label: liquidated within 30 days. The collateral's log price is a Brownian motion with drift
  -0.5 * drawdown (momentum) and volatility vol * (1 + 0.5 * drawdown) * LogNormal(0, 0.25) (a
  market regime the model does not see); the position is liquidated if that path falls by more
  than the distance ln(CR / LT), shortened by thin books (0.02 per unit of depth below 2) and by
  rate spikes above a utilisation of 0.8; or if a jump (Poisson, exponential size of mean 0.3)
  is larger than the distance. Borrowers of long standing top up: the probability is scaled by
  0.6 + 0.4 * exp(-age / 180). The label is a Bernoulli draw of that probability.
"""

import argparse
import hashlib
import json
import os
import pathlib
import sys
import warnings

# Single-threaded BLAS and OpenMP: the same sums in the same order on every machine.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import numpy as np  # noqa: E402
from scipy.special import ndtr  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
SEED = 20_261_126
FEATURES = [
    "collateral_ratio",
    "collateral_volatility",
    "liquidity_depth",
    "utilisation",
    "drawdown_30d",
    "borrow_age_days",
    "asset_class",
]
ASSET_CLASSES = ["stablecoin", "major", "liquid_staking", "long_tail"]
CLASS_P = [0.25, 0.35, 0.20, 0.20]
LIQ_THRESHOLD = np.array([1.05, 1.20, 1.15, 1.50])
BASE_VOL = np.array([0.03, 0.65, 0.70, 1.40])
DEPTH_MEAN = np.array([2.5, 2.0, 1.2, 0.3])
JUMPS_PER_YEAR = np.array([0.5, 1.0, 2.0, 6.0])
HORIZON = 30 / 365
TRAIN, TEST, SAMPLE = 40_000, 20_000, 2_000
OPSET = {"": 17, "ai.onnx.ml": 3}


def generate(rng: np.random.Generator, n: int):
    """n positions: features float32 [n, 7] (rounded as the CSV stores them), labels, and the
    generating probability of each label."""
    cls = rng.choice(4, size=n, p=CLASS_P)
    lt = LIQ_THRESHOLD[cls]
    cr = np.round(lt * np.exp(rng.gamma(2.0, 0.25, size=n)), 4)
    vol = np.round(BASE_VOL[cls] * rng.lognormal(0.0, 0.3, size=n), 4)
    depth = np.round(rng.normal(DEPTH_MEAN[cls], 0.7), 4)
    util = np.round(np.minimum(rng.beta(4.0, 2.0, size=n), 0.99), 4)
    drawdown = np.round(1.0 - np.exp(-np.abs(rng.normal(0.0, vol * np.sqrt(HORIZON)))), 4)
    age = np.minimum(np.floor(rng.exponential(120.0, size=n)), 1000.0)
    regime = rng.lognormal(0.0, 0.25, size=n)

    distance = np.log(cr / lt)
    distance = distance - 0.02 * np.maximum(0.0, 2.0 - depth) - 0.25 * np.maximum(0.0, util - 0.8)
    distance = np.maximum(distance, 1e-4)
    sigma = vol * (1.0 + 0.5 * drawdown) * regime
    mu = -0.5 * drawdown
    s = sigma * np.sqrt(HORIZON)
    # First passage of a drifted Brownian motion below -distance within the horizon.
    p_path = ndtr((-distance - mu * HORIZON) / s) + np.exp(
        np.clip(-2.0 * mu * distance / sigma**2, -50, 50)
    ) * ndtr((-distance + mu * HORIZON) / s)
    p_jump = 1.0 - np.exp(-JUMPS_PER_YEAR[cls] * HORIZON * np.exp(-distance / 0.3))
    p = 1.0 - (1.0 - np.clip(p_path, 0.0, 1.0)) * (1.0 - p_jump)
    p = p * (0.6 + 0.4 * np.exp(-age / 180.0))
    label = (rng.random(n) < p).astype(np.int64)
    features = np.stack([cr, vol, depth, util, drawdown, age, cls.astype(np.float64)], axis=1)
    return features.astype(np.float32), label, p


def to_onnx(estimator, name: str, doc: str) -> bytes:
    """The estimator as ONNX with one input `features` float32 [batch, 7] and one output `score`
    float32 [batch, 1] = P(liquidated), deterministic bytes."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    options = {id(estimator): {"zipmap": False}}
    if hasattr(estimator, "steps"):
        options = {id(estimator.steps[-1][1]): {"zipmap": False}}
    model = convert_sklearn(
        estimator,
        name=name,
        initial_types=[("features", FloatTensorType([None, len(FEATURES)]))],
        options=options,
        target_opset=OPSET,
    )
    # skl2onnx lists the opsets in set order, which varies with Python's hash seed: sort them.
    opsets = sorted((o.domain, o.version) for o in model.opset_import)
    del model.opset_import[:]
    model.opset_import.extend(helper.make_opsetid(domain, version) for domain, version in opsets)
    graph = model.graph
    graph.input[0].type.tensor_type.shape.dim[0].dim_param = "batch"
    probabilities = next(o.name for o in graph.output if o.name.startswith("probabilities"))
    graph.initializer.extend(
        [
            numpy_helper.from_array(np.array([1], dtype=np.int64), "score_start"),
            numpy_helper.from_array(np.array([2], dtype=np.int64), "score_end"),
            numpy_helper.from_array(np.array([1], dtype=np.int64), "score_axis"),
        ]
    )
    graph.node.append(
        helper.make_node(
            "Slice",
            [probabilities, "score_start", "score_end", "score_axis"],
            ["score"],
            name="probability_of_liquidation",
        )
    )
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info("score", TensorProto.FLOAT, ["batch", 1]))
    graph.doc_string = doc
    model.doc_string = doc
    model.producer_name = "inference_escrow/models/train_risk.py"
    model.producer_version = "1"
    model.domain = "inference_escrow"
    model.model_version = 1
    onnx.checker.check_model(model, full_check=True)
    return model.SerializeToString(deterministic=True)


def calibration(p: np.ndarray, y: np.ndarray, bins: int = 10):
    """Per probability decile: count, mean predicted, observed rate; and the expected error."""
    edges = np.quantile(p, np.linspace(0, 1, bins + 1))
    index = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, bins - 1)
    table, ece = [], 0.0
    for b in range(bins):
        mask = index == b
        if not mask.any():
            continue
        predicted, observed = float(p[mask].mean()), float(y[mask].mean())
        ece += mask.mean() * abs(predicted - observed)
        table.append({"n": int(mask.sum()), "predicted": round(predicted, 4), "observed": round(observed, 4)})
    return table, float(ece)


def evaluate(name: str, score: np.ndarray, y: np.ndarray) -> dict:
    from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

    table, ece = calibration(score, y)
    metrics = {
        "roc_auc": round(float(roc_auc_score(y, score)), 4),
        "brier": round(float(brier_score_loss(y, score)), 5),
        "log_loss": round(float(log_loss(y, np.clip(score, 1e-7, 1 - 1e-7))), 4),
        "expected_calibration_error": round(ece, 4),
        "calibration_deciles": table,
    }
    print(f"{name}: held-out ROC-AUC {metrics['roc_auc']}, Brier {metrics['brier']}, "
          f"log loss {metrics['log_loss']}, ECE {metrics['expected_calibration_error']}")
    print("  decile      n  predicted  observed")
    for i, row in enumerate(table):
        print(f"  {i + 1:>6} {row['n']:>6}  {row['predicted']:>9.4f}  {row['observed']:>8.4f}")
    return metrics


def run_onnx(data: bytes, features: np.ndarray) -> np.ndarray:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
    (score,) = session.run(["score"], {"features": features})
    assert score.shape == (len(features), 1), score.shape
    return score[:, 0]


def write_positions(path: pathlib.Path, features: np.ndarray, label: np.ndarray, p: np.ndarray) -> bytes:
    lines = [",".join(FEATURES + ["liquidated", "p_liquidation"])]
    for row, y, prob in zip(features, label, p):
        cells = [f"{float(v):.4f}" for v in row[:5]] + [f"{int(row[5])}", f"{int(row[6])}"]
        lines.append(",".join(cells + [str(int(y)), f"{prob:.6f}"]))
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(data)
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=HERE, help="output folder (default: models/)")
    parser.add_argument("--check", action="store_true",
                        help="write into a temporary folder and compare the hashes with MANIFEST.json")
    parser.add_argument("--skip-heavy", action="store_true", help="do not train the 2.1M-parameter MLP")
    args = parser.parse_args()

    import onnx
    import onnxruntime
    import scipy
    import sklearn
    import skl2onnx
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    out = args.out
    if args.check:
        import tempfile
        out = pathlib.Path(tempfile.mkdtemp(prefix="models-check-"))
    out.mkdir(parents=True, exist_ok=True)

    rng = np.random.default_rng(SEED)
    x, y, p = generate(rng, TRAIN + TEST)
    x_train, y_train = x[:TRAIN], y[:TRAIN]
    x_test, y_test, p_test = x[TRAIN:], y[TRAIN:], p[TRAIN:]
    print(f"data: {TRAIN} training and {TEST} held-out positions, liquidation rate "
          f"{y.mean():.3f}; the generating probability itself scores ROC-AUC "
          f"{__import__('sklearn.metrics').metrics.roc_auc_score(y_test, p_test):.4f} (the ceiling)")

    files, metrics = {}, {}
    gbm = GradientBoostingClassifier(
        n_estimators=200, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=SEED
    ).fit(x_train, y_train)
    data = to_onnx(gbm, "position_risk",
                   "Position risk: P(liquidated within 30 days) from 7 features; gradient-boosted trees")
    (out / "position_risk.onnx").write_bytes(data)
    score = run_onnx(data, x_test)
    gap = float(np.max(np.abs(score - gbm.predict_proba(x_test)[:, 1])))
    print(f"position_risk.onnx: ONNX Runtime vs scikit-learn, largest difference {gap:.2e}")
    assert gap < 1e-4, gap
    metrics["position_risk.onnx"] = evaluate("position_risk.onnx", score, y_test)
    files["position_risk.onnx"] = data

    if not args.skip_heavy:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ConvergenceWarning: a few epochs are enough here
            mlp = make_pipeline(
                StandardScaler(),
                MLPClassifier(hidden_layer_sizes=(1024, 1024, 1024), batch_size=256, max_iter=3,
                              learning_rate_init=3e-4, random_state=SEED),
            ).fit(x_train[:20_000], y_train[:20_000])
        data = to_onnx(mlp, "position_risk_mlp",
                       "Position risk, heavy: MLP 7-1024-1024-1024-1 (2.1M parameters)")
        (out / "position_risk_mlp.onnx").write_bytes(data)
        score = run_onnx(data, x_test)
        gap = float(np.max(np.abs(score - mlp.predict_proba(x_test)[:, 1])))
        print(f"position_risk_mlp.onnx: ONNX Runtime vs scikit-learn, largest difference {gap:.2e}")
        assert gap < 1e-3, gap
        metrics["position_risk_mlp.onnx"] = evaluate("position_risk_mlp.onnx", score, y_test)
        files["position_risk_mlp.onnx"] = data

    files["positions.csv"] = write_positions(out / "positions.csv", x_test[:SAMPLE], y_test[:SAMPLE], p_test[:SAMPLE])

    manifest = {
        "generator": "models/train_risk.py",
        "seed": SEED,
        "features": FEATURES,
        "asset_classes": ASSET_CLASSES,
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__,
            "skl2onnx": skl2onnx.__version__,
            "onnx": onnx.__version__,
            "onnxruntime": onnxruntime.__version__,
        },
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(files.items())
        },
        "held_out_metrics": metrics,
    }
    for name, entry in manifest["files"].items():
        print(f"{name}  sha256 {entry['sha256']}  ({entry['bytes']} bytes)")
    if args.check:
        committed = json.loads((HERE / "MANIFEST.json").read_text())["files"]
        differ = [n for n, e in manifest["files"].items() if committed.get(n, {}).get("sha256") != e["sha256"]]
        if differ:
            print(f"DIFFERENT from MANIFEST.json: {', '.join(differ)} (versions used: {manifest['versions']})")
            return 1
        print("every file matches MANIFEST.json")
        return 0
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
