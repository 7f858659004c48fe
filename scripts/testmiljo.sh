#!/usr/bin/env bash
# What the tests need beyond Python: Debian's Chromium (browser tests) and PostgreSQL (workshop store).
# Installs them when missing and this user may (root or passwordless sudo); starts PostgreSQL.
set -euo pipefail
sudo_=""
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then sudo_="sudo -n"; else
    echo "testmiljo: not root; skipping apt-get (browser/PostgreSQL tests skip unless already set up)"; exit 0; fi
fi
trenger=()
[ -x /usr/bin/chromium ] || trenger+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || trenger+=(postgresql)
if [ ${#trenger[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $sudo_ apt-get update -qq
  $sudo_ apt-get install -y -qq --no-install-recommends "${trenger[@]}" >/dev/null
fi
# Start the first installed cluster and make the test role and database (idempotent).
versjon=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$versjon" ]; then
  $sudo_ pg_ctlcluster "$versjon" main start 2>/dev/null || true
  for i in $(seq 1 20); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
  $sudo_ su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='stadkraft'\" | grep -q 1 || psql -qc \"CREATE ROLE stadkraft LOGIN PASSWORD 'stadkraft' SUPERUSER\"" >/dev/null
  $sudo_ su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='stadkraft_test'\" | grep -q 1 || createdb -O stadkraft stadkraft_test" >/dev/null
fi
