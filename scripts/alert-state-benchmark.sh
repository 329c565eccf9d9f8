#!/usr/bin/env bash
# What the shared alert state costs per alert: starts the Firestore emulator on a free loopback port (in a process
# group of its own, stopped on exit) and runs the alert-state harness, which measures memory and Firestore in the same
# run: latency of an alert's and a repeat's dedup work, Firestore requests per alert, and cost per 1,000 alerts.
#
#   scripts/alert-state-benchmark.sh   # needs gcloud with the cloud-firestore-emulator component, and Java
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v gcloud >/dev/null || {
  echo "gcloud is needed: apt-get install google-cloud-cli google-cloud-cli-firestore-emulator (or gcloud components install cloud-firestore-emulator)" >&2
  exit 2
}

port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
config="$(mktemp -d)"
setsid env CLOUDSDK_CONFIG="$config" gcloud emulators firestore start --host-port="127.0.0.1:$port" --quiet >"$config/emulator.log" 2>&1 &
group=$!
trap 'kill -TERM -- "-$group" 2>/dev/null || true; sleep 1; kill -KILL -- "-$group" 2>/dev/null || true; rm -rf "$config"' EXIT

for _ in $(seq 1 180); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.5
done

FIRESTORE_EMULATOR_HOST="127.0.0.1:$port" dotnet run --configuration Release --project "$root/tests/GkeEventNotifier.Benchmarks" -- alert-state
