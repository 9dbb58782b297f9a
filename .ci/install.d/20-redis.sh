#!/usr/bin/env bash
# Redis for the behaviour state store's integration tests (test/servers/redis.ts starts its own
# redis-server on a loopback port in a temp dir). Idempotent; the Debian service is left stopped
# so nothing listens on the default port.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then
  echo "redis-server already installed: $(redis-server --version)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends redis-server
# The package starts its own service where an init system runs; tests do not use it.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet redis-server 2>/dev/null; then
  systemctl stop redis-server || true
  systemctl disable redis-server || true
elif command -v service >/dev/null 2>&1; then
  service redis-server stop >/dev/null 2>&1 || true
fi
echo "installed $(redis-server --version)"
