#!/usr/bin/env bash
# Installs what the integration tests need besides npm packages: every script in
# .ci/install.d/ (Debian packages, Maven artifacts, Python packages), in name order.
# Idempotent: each script skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in .ci/install.d/*.sh; do
  [ -e "$script" ] || continue
  echo "==> $script"
  bash "$script"
done
