# Sourced by the project's scripts: makes sure ONNX Runtime's shared library is installed in
# .venv (from the official onnxruntime wheel on PyPI) and exports ORT_DYLIB_PATH to it.
# Set ORT_DYLIB_PATH yourself to use another copy (onnxruntime-gpu for CUDA, say).

ONNXRUNTIME_VERSION="1.31.1"

if [ -z "${ORT_DYLIB_PATH:-}" ]; then
  if ! command -v python3 >/dev/null 2>&1; then
    echo "error: python3 is needed to install ONNX Runtime (pip install onnxruntime==${ONNXRUNTIME_VERSION})" >&2
    exit 1
  fi
  if ! .venv/bin/python -c "import onnxruntime, sys; sys.exit(onnxruntime.__version__ != '${ONNXRUNTIME_VERSION}')" 2>/dev/null; then
    echo "installing onnxruntime==${ONNXRUNTIME_VERSION} into .venv"
    python3 -m venv .venv
    .venv/bin/pip install --quiet --disable-pip-version-check "onnxruntime==${ONNXRUNTIME_VERSION}"
  fi
  ORT_DYLIB_PATH="$(.venv/bin/python - <<'PY'
import glob, os, onnxruntime
capi = os.path.join(os.path.dirname(onnxruntime.__file__), "capi")
print(sorted(glob.glob(os.path.join(capi, "libonnxruntime.so*")))[-1])
PY
)"
  export ORT_DYLIB_PATH
fi
echo "ONNX Runtime: ${ORT_DYLIB_PATH}"
