#!/usr/bin/env bash
# Posts one LogEntry to a running function exactly as Eventarc delivers a Pub/Sub message:
# a binary-mode CloudEvent (ce-* headers) whose body is {"message":{data: base64(LogEntry), …},"subscription":…}.
#
#   samples/post-event.sh samples/entries/keep-oomkilling.json            # to http://localhost:8080/
#   samples/post-event.sh samples/entries/keep-evicted.json http://localhost:9000/
#
# It first waits until something listens on the URL's port (the function's first `dotnet run` restores and builds for
# about two minutes), at most POST_EVENT_WAIT_SECONDS (default 300), then posts once.
set -euo pipefail

if [[ $# -lt 1 || "$1" == "-h" || "$1" == "--help" ]]; then
  echo "usage: $0 LOGENTRY.json [FUNCTION_URL]   (default URL: http://localhost:\${PORT:-8080}/)" >&2
  exit 2
fi

entry_file=$1
url=${2:-http://localhost:${PORT:-8080}/}
[[ -r "$entry_file" ]] || { echo "error: cannot read $entry_file" >&2; exit 2; }

# host and port of the URL (http only: the local function speaks plain HTTP)
authority=${url#http://}
authority=${authority%%/*}
host=${authority%:*}
port=${authority##*:}
[[ "$authority" == *:* ]] || port=80
wait_seconds=${POST_EVENT_WAIT_SECONDS:-300}
waited=0
until (exec 3<>"/dev/tcp/${host}/${port}") 2>/dev/null; do
  if (( waited == 0 )); then
    echo "waiting for the function on ${host}:${port} (its first run restores and builds for about two minutes)..." >&2
  fi
  if (( waited >= wait_seconds )); then
    echo "error: nothing listens on ${host}:${port} after ${wait_seconds} s; is the function running (PORT=${port})?" >&2
    exit 1
  fi
  sleep 1
  waited=$((waited + 1))
done

message_id="$(date +%s%N)"
publish_time="$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)"
data="$(base64 -w0 < "$entry_file")"
timestamp="$(sed -n 's/^  "timestamp": "\(.*\)",$/\1/p' "$entry_file" | head -n1)"

body=$(cat <<JSON
{"message":{"attributes":{"logging.googleapis.com/timestamp":"${timestamp}"},"data":"${data}","messageId":"${message_id}","publishTime":"${publish_time}"},"subscription":"projects/sample-project/subscriptions/eventarc-europe-west1-gke-events-sub-000"}
JSON
)

curl --silent --show-error --output /dev/null --write-out "HTTP %{http_code}\n" \
  -X POST "$url" \
  -H "Content-Type: application/json; charset=utf-8" \
  -H "ce-specversion: 1.0" \
  -H "ce-type: google.cloud.pubsub.topic.v1.messagePublished" \
  -H "ce-source: //pubsub.googleapis.com/projects/sample-project/topics/gke-events" \
  -H "ce-id: ${message_id}" \
  -H "ce-time: ${publish_time}" \
  --data-binary @- <<<"$body"
