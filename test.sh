#!/usr/bin/env bash
# Builds everything and runs every test suite. Works on a fresh Debian machine with the .NET SDK:
# installs the Debian packages the integration tests run for real (prometheus, postgresql, git, chromium, podman, runc, haproxy) when missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
# The git-history secret scan and verified builds run the real git.
command -v git >/dev/null || missing+=(git)
# The migration tests start a throwaway PostgreSQL cluster (initdb, pg_ctl, postgres from Debian's package).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
# The dashboard's end-to-end test drives Debian's Chromium with Microsoft.Playwright (never a downloaded browser).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# docs/audit.md's third-party recipe runs in the tests as printed: Python 3 and the OpenSSL command line.
command -v python3 >/dev/null || missing+=(python3)
command -v openssl >/dev/null || missing+=(openssl)
# Revisions as containers (docs/targets.md): rootful podman with runc; the tests build their image from a static C service.
# Its network stack too: --no-install-recommends would leave out netavark (the backend used here) and iptables (published ports).
command -v podman >/dev/null || missing+=(podman netavark aardvark-dns iptables)
command -v runc >/dev/null || missing+=(runc)
# The haproxy traffic router's tests run Debian's haproxy (2.6) and drive it over its stats socket.
[ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null || missing+=(haproxy)
command -v gcc >/dev/null || missing+=(gcc)
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || compgen -G '/usr/lib/*/libc.a' >/dev/null || missing+=(libc6-dev)
if ((${#missing[@]})); then
    sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

dotnet build Greenlight.slnx -c Release
dotnet test Greenlight.slnx -c Release --no-build --blame-hang-timeout 5m -- RunConfiguration.TestSessionTimeout=1500000
