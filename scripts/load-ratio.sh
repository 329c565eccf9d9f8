#!/usr/bin/env bash
# Requests per second of the running function against a bare ASP.NET Core app, in one run, as a ratio: both started
# as processes on loopback and fed the same Eventarc request by 8 concurrent clients, for an entry the filter drops
# and one that becomes an alert (console mode: printed, no Slack). Rounds alternate the two apps; medians.
#
#   scripts/load-ratio.sh        # Linux or macOS, the .NET SDK from global.json
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dotnet build "$root/function.sln" --configuration Release --nologo --verbosity quiet
dotnet run --configuration Release --no-build --project "$root/tests/GkeEventNotifier.Benchmarks" -- load
