#!/usr/bin/env bash
# Builds everything and runs every test suite. Works on a fresh Debian machine with the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build Greenlight.slnx -c Release
dotnet test Greenlight.slnx -c Release --no-build --blame-hang-timeout 5m -- RunConfiguration.TestSessionTimeout=1500000
