#!/usr/bin/env bash
# Cold start of the published function against a bare ASP.NET Core app published the same way, in one run.
#
# Both apps are published exactly as the .NET buildpack publishes them (`dotnet restore PROJECT`, then
# `dotnet publish -nologo --verbosity minimal --configuration Release --output DIR --no-restore PROJECT $GOOGLE_BUILD_ARGS`)
# and started as its entrypoint starts them (`cd DIR && dotnet NAME.dll`, PORT and DOTNET_RUNNING_IN_CONTAINER set).
# For each start: milliseconds from process start to the first 2xx answer to a Pub/Sub CloudEvent, the CPU time used by
# then, and the peak resident memory (VmHWM from /proc) after that answer; the first request is, in turn, an entry the
# default filter drops and one that becomes an alert (console mode: printed). Each app is measured in three builds:
#   plain           no build settings;
#   r2r-build-args  GOOGLE_BUILD_ARGS="-p:PublishReadyToRun=true -r linux-x64" (appended to publish only, as the
#                   buildpack does; the restore before it knows no runtime identifier, so expect NETSDK1047);
#   r2r-build-env   build environment PublishReadyToRun=true RuntimeIdentifier=linux-x64 (gcloud
#                   --set-build-env-vars): MSBuild reads environment variables as properties, so restore sees them too.
#
# Usage: scripts/measure-cold-start.sh [RUNS]   (default 7; medians are reported)
#        COLD_START_BUILDS="plain r2r-build-env" scripts/measure-cold-start.sh   (only these builds)
# Needs: dotnet (the SDK from global.json), python3, and gcloud for the upload file list (else the same allow-list is
# copied by hand). Linux only (/proc). Absolute numbers depend on the machine; the ratio is the result.
set -euo pipefail

RUNS=${1:-7}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILDABLE=src/GkeEventNotifier.Function/GkeEventNotifier.Function.csproj
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cold-start.XXXXXX")
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '%s\n' "$*" >&2; }

# The function's sources as `gcloud functions deploy --source .` would upload them (.gcloudignore applies).
copy_function_source() {
  local destination=$1 files
  if command -v gcloud >/dev/null; then
    local config; config=$(mktemp -d "$WORK/gcloud.XXXXXX")
    files=$(cd "$ROOT" && CLOUDSDK_CONFIG=$config gcloud meta list-files-for-upload . --quiet)
  else
    files=$(cd "$ROOT" && find global.json Directory.Build.props Directory.Packages.props .editorconfig filters \
      src/GkeEventNotifier src/GkeEventNotifier.Function -type f -not -path '*/bin/*' -not -path '*/obj/*')
  fi
  while IFS= read -r file; do
    mkdir -p "$destination/$(dirname "$file")"
    cp "$ROOT/$file" "$destination/$file"
  done <<<"$files"
}

# The smallest ASP.NET Core app that answers the same request: `dotnet new web`, every request → 204.
create_bare_app() {
  local destination=$1
  mkdir -p "$destination"
  cp "$ROOT/global.json" "$destination/"
  dotnet new web --name Bare --output "$destination/Bare" --no-restore >/dev/null
  cat >"$destination/Bare/Program.cs" <<'CS'
var app = WebApplication.CreateBuilder(args).Build();
app.Run(async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null);
    context.Response.StatusCode = StatusCodes.Status204NoContent;
});
app.Run($"http://0.0.0.0:{Environment.GetEnvironmentVariable("PORT") ?? "8080"}");
CS
}

# publish SOURCE_DIR PROJECT OUTPUT MODE: the buildpack's two commands, verbatim, in the build environment of MODE.
publish() {
  local source=$1 project=$2 output=$3 mode=$4 build_args="" build_env=()
  case $mode in
    r2r-build-args) build_args="-p:PublishReadyToRun=true -r linux-x64" ;;
    r2r-build-env) build_env=(PublishReadyToRun=true RuntimeIdentifier=linux-x64) ;;
  esac
  (cd "$source" && env ${build_env[@]+"${build_env[@]}"} dotnet restore "$project" >"$output.restore.log" 2>&1 &&
    # shellcheck disable=SC2086 # GOOGLE_BUILD_ARGS is appended word-split, as the buildpack's bash -c does.
    env ${build_env[@]+"${build_env[@]}"} dotnet publish -nologo --verbosity minimal --configuration Release --output "$output" --no-restore "$project" $build_args \
      >"$output.publish.log" 2>&1)
}

# event_body TYPE REASON MESSAGE → the Eventarc request body (a Pub/Sub push) around a LogEntry of a Kubernetes event.
event_body() {
  local type=$1 reason=$2 message=$3 entry
  entry=$(cat <<JSON
{"insertId":"9z8y7x6w","logName":"projects/sample-project/logs/events","receiveTimestamp":"2026-03-02T10:15:30.981234567Z","timestamp":"2026-03-02T10:15:29Z","severity":"WARNING","resource":{"type":"k8s_pod","labels":{"project_id":"sample-project","location":"europe-west1","cluster_name":"payments-prod","namespace_name":"ledger","pod_name":"ledger-api-5c8f7d9b6-q4wzt"}},"jsonPayload":{"apiVersion":"v1","kind":"Event","type":"$type","reason":"$reason","message":"$message","metadata":{"name":"ledger-api-5c8f7d9b6-q4wzt.18a7c2f0d1e2b3c4","namespace":"ledger"},"involvedObject":{"kind":"Pod","name":"ledger-api-5c8f7d9b6-q4wzt","namespace":"ledger","uid":"9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f"},"source":{"component":"kubelet","host":"gke-payments-prod-pool-1-8d7c6b5a-x1y2"},"firstTimestamp":"2026-03-02T10:15:29Z","lastTimestamp":"2026-03-02T10:15:29Z","count":1}}
JSON
)
  printf '{"message":{"data":"%s","messageId":"8123456789012345","publishTime":"2026-03-02T10:15:31.204Z"},"subscription":"projects/sample-project/subscriptions/eventarc-sample"}' \
    "$(printf '%s' "$entry" | base64 -w0)"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# The poller: one process, started and ready before the app is, that tries to connect every 5 ms and sends the
# request over the first connection that opens; it prints the HTTP status (000: the app exited or never listened).
# A new curl process per try would compete for the CPU being measured.
POLLER=$(cat <<'PY'
import os, socket, sys, time
port, body = int(sys.argv[1]), open(sys.argv[2], "rb").read()
request = (b"POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nce-specversion: 1.0\r\n"
           b"ce-type: google.cloud.pubsub.topic.v1.messagePublished\r\n"
           b"ce-source: //pubsub.googleapis.com/projects/sample-project/topics/gke-events\r\n"
           b"ce-id: 8123456789012345\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
print("ready", flush=True)
pid = sys.stdin.readline().strip()
deadline = time.monotonic() + 120
while True:
    connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        connection.connect(("127.0.0.1", port))
        break
    except OSError:
        connection.close()
        if time.monotonic() > deadline or not os.path.exists("/proc/" + pid):
            print("000", flush=True)
            sys.exit(0)
        time.sleep(0.005)
connection.settimeout(60)
connection.sendall(request)
status = connection.makefile("rb").readline().split()
print(status[1].decode() if len(status) > 1 else "000", flush=True)
PY
)

# start_once DIR DLL BODY_FILE → prints "MS KIB CPU_MS": ms to the first 2xx answer, peak RSS after it, and the CPU
# time (user + system, all threads) the process had used by then, which another build on the machine inflates less.
start_once() {
  local directory=$1 dll=$2 body=$3 port start now code rss cpu ready
  port=$(free_port)
  coproc POLL { python3 -u -c "$POLLER" "$port" "$body"; }
  read -r ready <&"${POLL[0]}"
  start=$(date +%s%N)
  (cd "$directory" && exec env -u SLACK_BOT_TOKEN -u SLACK_WEBHOOK_URL -u SLACK_CHANNEL -u ASPNETCORE_URLS \
    PORT="$port" DOTNET_RUNNING_IN_CONTAINER=true dotnet "$dll" >/dev/null 2>&1) &
  APP_PID=$!
  echo "$APP_PID" >&"${POLL[1]}"
  read -r code <&"${POLL[0]}"
  now=$(date +%s%N)
  wait "$POLL_PID" 2>/dev/null || true
  if [[ "$code" != 2* ]]; then
    log "$dll did not answer 2xx (HTTP $code)"; kill "$APP_PID" 2>/dev/null || true; return 1
  fi
  rss=$(awk '/^VmHWM:/ {print $2}' "/proc/$APP_PID/status")
  cpu=$(awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz)}' "/proc/$APP_PID/stat")
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
  [[ "$ready" == ready ]] || log "poller did not start cleanly"
  echo "$(((now - start) / 1000000)) $rss $cpu"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

# summarize NAME SAMPLES → one table row "NAME MEDIAN_MS MIN_MS MEDIAN_CPU_MS MEDIAN_RSS_MIB"
summarize() {
  local ms rss cpu
  ms=$(awk 'NF {print $1}' <<<"$2")
  rss=$(awk 'NF {print $2}' <<<"$2")
  cpu=$(awk 'NF {print $3}' <<<"$2")
  printf '%s %s %s %s %s\n' "$1" "$(median <<<"$ms")" "$(sort -n <<<"$ms" | head -1)" "$(median <<<"$cpu")" \
    "$(($(median <<<"$rss") / 1024))"
}

# measure MODE ENTRY → two rows (function, bare) for the first request carrying ENTRY (dropped or alerted). Starts
# alternate (and swap order every round), so load from anything else on the machine falls on both apps alike; one
# uncounted start of each warms the disk cache.
measure() {
  local mode=$1 entry=$2 function_samples="" bare_samples="" sample i body="$WORK/$2.json"
  local function_app=("$WORK/function-$mode" GkeEventNotifier.Function.dll) bare_app=("$WORK/bare-$mode" Bare.dll)
  start_once "${function_app[@]}" "$body" >/dev/null || return 1
  start_once "${bare_app[@]}" "$body" >/dev/null || return 1
  for ((i = 0; i < RUNS; i++)); do
    if ((i % 2 == 0)); then
      sample=$(start_once "${function_app[@]}" "$body") || return 1; function_samples+="$sample"$'\n'
      sample=$(start_once "${bare_app[@]}" "$body") || return 1; bare_samples+="$sample"$'\n'
    else
      sample=$(start_once "${bare_app[@]}" "$body") || return 1; bare_samples+="$sample"$'\n'
      sample=$(start_once "${function_app[@]}" "$body") || return 1; function_samples+="$sample"$'\n'
    fi
  done
  summarize "function/$mode/$entry" "$function_samples"
  summarize "bare/$mode/$entry" "$bare_samples"
}

# The two first requests measured: an entry the default filter drops (decode and filter only) and one that becomes an
# alert (decode, filter, render, print the Block Kit payload to stdout: console mode, no Slack setting).
ENTRIES=(dropped alerted)
event_body Normal Pulled 'Container image \"europe-docker.pkg.dev/sample-project/ledger/api:1.4.2\" already present on machine' >"$WORK/dropped.json"
event_body Warning Evicted 'The node was low on resource: memory.' >"$WORK/alerted.json"
log "copying the function's upload set and generating the bare app in $WORK"
copy_function_source "$WORK/function-src"
create_bare_app "$WORK/bare-src"

rows=()
loads=()
read -r -a MODES <<<"${COLD_START_BUILDS:-plain r2r-build-args r2r-build-env}"
for mode in "${MODES[@]}"; do
  ok=true
  log "publishing ($mode)"
  if ! publish "$WORK/function-src" "$BUILDABLE" "$WORK/function-$mode" "$mode"; then
    log "function publish failed ($mode):"; grep -h -m3 -E 'error' "$WORK/function-$mode".*.log >&2 || true; ok=false
  fi
  if ! publish "$WORK/bare-src" Bare/Bare.csproj "$WORK/bare-$mode" "$mode"; then
    log "bare publish failed ($mode):"; grep -h -m3 -E 'error' "$WORK/bare-$mode".*.log >&2 || true; ok=false
  fi
  $ok || continue
  for entry in "${ENTRIES[@]}"; do
    log "measuring $mode, first request $entry ($RUNS starts of each app, alternating, after one uncounted start)"
    pair=$(measure "$mode" "$entry") || { log "an app did not answer ($mode, $entry)"; exit 1; }
    while IFS= read -r row; do rows+=("$row"); done <<<"$pair"
    loads+=("$mode/$entry: $(cut -d' ' -f1-3 /proc/loadavg)")
  done
done

printf '\n%-32s %10s %8s %14s %14s\n' app "median ms" "min ms" "median CPU ms" "peak RSS MiB"
for row in "${rows[@]}"; do
  read -r n m lo c r <<<"$row"
  printf '%-32s %10s %8s %14s %14s\n' "$n" "$m" "$lo" "$c" "$r"
done
printf '\nload average after each measurement (1, 5, 15 min):\n'
printf '  %s\n' "${loads[@]}"
printf '\nratio function / bare (medians):\n'
for mode in "${MODES[@]}"; do
  for entry in "${ENTRIES[@]}"; do
    f=""; b=""
    for row in "${rows[@]}"; do
      read -r n m _ c r <<<"$row"
      [[ $n == "function/$mode/$entry" ]] && f="$m $c $r"
      [[ $n == "bare/$mode/$entry" ]] && b="$m $c $r"
    done
    [[ -n $f && -n $b ]] || continue
    read -r fm fc fr <<<"$f"; read -r bm bc br <<<"$b"
    awk -v name="$mode/$entry" -v fm="$fm" -v bm="$bm" -v fc="$fc" -v bc="$bc" -v fr="$fr" -v br="$br" \
      'BEGIN {printf "%-24s start %.2fx   CPU %.2fx   memory %.2fx\n", name, fm / bm, fc / bc, fr / br}'
  done
done
