#!/usr/bin/env bash
# Splunk AppInspect (Python, from PyPI): the checks Splunkbase and Splunk Cloud vetting run on an
# app package; test/splunk/appinspect.test.ts runs it on the packaged TA-aisiem. It gets a venv
# of its own under test/.servers (gitignored) so its pins cannot clash with LiteLLM's.
set -euo pipefail
cd "$(dirname "$0")/../.."
APPINSPECT_VERSION=4.3.1
venv=test/.servers/appinspect
# python-magic, one of its dependencies, loads libmagic at run time.
if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null || ! ldconfig -p | grep -q 'libmagic\.so\.1'; then
  apt-get update
  apt-get install -y --no-install-recommends python3 python3-venv libmagic1
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if "$venv/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('splunk-appinspect') != '$APPINSPECT_VERSION')" 2>/dev/null; then
  echo "splunk-appinspect $APPINSPECT_VERSION already installed in $venv"
  exit 0
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "splunk-appinspect==$APPINSPECT_VERSION"
