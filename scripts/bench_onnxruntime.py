#!/usr/bin/env python3
"""The Python side of `bench`: the onnxruntime package running one model on one input, batch 1,
in a loop for a fixed time, with the default session options (as the Rust side). Prints one JSON
object: runs, seconds, runs_per_s, p50_us, p99_us, version.

    .venv/bin/python scripts/bench_onnxruntime.py --model models/cnn_small.onnx --shape 1,1,28,28
"""

import argparse
import json
import time

import numpy as np
import onnxruntime as ort


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--shape", required=True, help="input shape, comma-separated")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--ep", default="cpu", choices=["cpu", "cuda"])
    args = parser.parse_args()
    providers = ["CUDAExecutionProvider"] if args.ep == "cuda" else ["CPUExecutionProvider"]
    session = ort.InferenceSession(args.model, providers=providers)
    name = session.get_inputs()[0].name
    shape = [int(d) for d in args.shape.split(",")]
    # The same input as the Rust side: 0.5 everywhere.
    feed = {name: np.full(shape, 0.5, dtype=np.float32)}
    session.run(None, feed)  # warm-up
    latencies = []
    started = time.perf_counter()
    deadline = started + args.seconds
    while True:
        t = time.perf_counter()
        if t >= deadline:
            break
        session.run(None, feed)
        latencies.append(time.perf_counter() - t)
    seconds = time.perf_counter() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1e6  # noqa: E731
    print(json.dumps({
        "runs": len(latencies),
        "seconds": seconds,
        "runs_per_s": len(latencies) / seconds,
        "p50_us": pick(0.50),
        "p99_us": pick(0.99),
        "version": ort.__version__,
        "provider": session.get_providers()[0],
    }))


if __name__ == "__main__":
    main()
