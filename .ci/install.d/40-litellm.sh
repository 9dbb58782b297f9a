#!/usr/bin/env bash
# LiteLLM (Python SDK) for the litellm connector's real-client test: the test runs LiteLLM in
# mock_response mode with its generic API logger pointed at the aisiem HTTP receiver, so the
# payload under test is what LiteLLM itself sends. Installed into test/.venv (gitignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
LITELLM_VERSION=1.110.2
venv=test/.venv
if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  apt-get update
  apt-get install -y --no-install-recommends python3 python3-venv
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('litellm') != '$LITELLM_VERSION')" 2>/dev/null; then
  echo "litellm $LITELLM_VERSION already installed in $venv"
  exit 0
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "litellm==$LITELLM_VERSION"
