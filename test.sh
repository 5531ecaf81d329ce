#!/usr/bin/env bash
# Builds everything and runs every test suite. Works on a fresh Debian machine with the .NET SDK:
# installs the Debian packages the integration tests run for real (prometheus) when missing.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v prometheus >/dev/null || missing+=(prometheus)
if ((${#missing[@]})); then
    sudo=$([ "$(id -u)" -eq 0 ] || echo sudo)
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

dotnet build Greenlight.slnx -c Release
dotnet test Greenlight.slnx -c Release --no-build --blame-hang-timeout 5m -- RunConfiguration.TestSessionTimeout=1500000
