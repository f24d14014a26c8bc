# Source it (`source scripts/onnxruntime.sh`, from any directory): makes sure ONNX Runtime's
# shared library is installed in the repository's .venv (from the official onnxruntime wheel
# on PyPI) and exports ORT_DYLIB_PATH to it. Set ORT_DYLIB_PATH yourself to use another copy
# (onnxruntime-gpu for CUDA, say). On failure it says why and returns 1; it never exits the
# shell it is sourced into.

__inference_onnxruntime() {
  local version="1.31.1"
  local root venv
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
  venv="${root}/.venv"
  if [ -n "${ORT_DYLIB_PATH:-}" ]; then
    echo "ONNX Runtime: ${ORT_DYLIB_PATH}"
    return 0
  fi
  if ! command -v python3 >/dev/null 2>&1; then
    echo "error: python3 is needed to install ONNX Runtime (or set ORT_DYLIB_PATH to libonnxruntime.so ${version})" >&2
    return 1
  fi
  if ! "${venv}/bin/python" -c "import onnxruntime, sys; sys.exit(onnxruntime.__version__ != '${version}')" 2>/dev/null; then
    echo "installing onnxruntime==${version} into ${venv}"
    if ! python3 -m venv "${venv}"; then
      echo "error: python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv)" >&2
      return 1
    fi
    if ! "${venv}/bin/pip" install --quiet --disable-pip-version-check "onnxruntime==${version}"; then
      echo "error: installing onnxruntime==${version} failed (see pip's message above)" >&2
      return 1
    fi
  fi
  local library
  library="$("${venv}/bin/python" - <<'PY'
import glob, os, onnxruntime
capi = os.path.join(os.path.dirname(onnxruntime.__file__), "capi")
print(sorted(glob.glob(os.path.join(capi, "libonnxruntime.so*")))[-1])
PY
)" || return 1
  export ORT_DYLIB_PATH="${library}"
  echo "ONNX Runtime: ${ORT_DYLIB_PATH}"
}

__inference_onnxruntime
__inference_onnxruntime_status=$?
unset -f __inference_onnxruntime
# `return` when sourced; `exit` only when run as a script of its own.
return "${__inference_onnxruntime_status}" 2>/dev/null || exit "${__inference_onnxruntime_status}"
