#!/usr/bin/env bash
# Load figures through the whole path: the real Pub/Sub emulator, the function as a process, a fake Slack server.
# Publishes 1,000 LogEntries in one burst (5 kept reasons, 3 filtered kinds, 10 namespaces), waits until every message
# is handled, and prints events/s, Slack calls (and how many were burst summaries) and the function's peak RSS (VmHWM).
#
#   scripts/load-test.sh            # needs gcloud with the pubsub-emulator component, and Java
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="$(mktemp)"
trap 'rm -f "$report"' EXIT

command -v gcloud >/dev/null || {
  echo "gcloud is needed: apt-get install google-cloud-cli google-cloud-cli-pubsub-emulator (or gcloud components install pubsub-emulator beta)" >&2
  exit 2
}

dotnet build "$root/function.sln" --configuration Release --nologo --verbosity quiet
CI=true LOAD_REPORT="$report" dotnet test "$root/tests/GkeEventNotifier.Tests" --configuration Release --no-build --nologo \
  --filter "FullyQualifiedName~EndToEnd.LoadTests" --verbosity quiet
echo
cat "$report"
