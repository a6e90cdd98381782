#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# c3vis-fake-ecs's fault options, end to end: the program injects the fault
# and the real c3vis command line reports it in one clear line (or, for a
# throttle it can retry through, succeeds).
set -euo pipefail
fake=$1 c3vis=$2
unset DISPLAY WAYLAND_DISPLAY
export AWS_ACCESS_KEY_ID=AKIAC3VISDEMO0000000
export AWS_SECRET_ACCESS_KEY=c3vis/demo+secret/key0000000000000000000
export C3VIS_RETRY_BASE_MS=1
passed=0
fail () { echo "FAIL: $*" >&2; exit 1; }

# Starts the endpoint with "$@" and sets $url from its first line.
start () {
  coproc FAKE { exec "$fake" --port 0 "$@"; }
  local line
  read -r -t 20 -u "${FAKE[0]}" line || fail "c3vis-fake-ecs $* did not start"
  url=${line#listening on }
  [[ $url == http://127.0.0.1:* ]] || fail "unexpected first line: $line"
}

# bash unsets FAKE_PID once the coprocess is reaped.
stop () {
  [[ -n ${FAKE_PID:-} ]] || return 0
  kill "$FAKE_PID" 2>/dev/null || true
  wait "$FAKE_PID" 2>/dev/null || true
}

# expect STATUS PATTERN NAME -- FAKE-OPTIONS...: c3vis --dump of staging.
expect () {
  local want=$1 pattern=$2 name=$3 status=0
  shift 4
  start "$@"
  "$c3vis" --endpoint-url "$url" --region eu-west-1 --cluster staging --dump json \
    >/dev/null 2>"$tmp/err" || status=$?
  stop
  ((status == want)) || fail "$name: exit status $status, wanted $want: $(cat "$tmp/err")"
  if ((want != 0)); then
    (($(wc -l <"$tmp/err") == 1)) || fail "$name: wanted one line, got: $(cat "$tmp/err")"
    grep -q -- "$pattern" "$tmp/err" || fail "$name: '$pattern' not in: $(cat "$tmp/err")"
  fi
  passed=$((passed + 1))
  echo "ok $passed - $name"
}

tmp=$(mktemp -d)
trap 'stop; rm -rf "$tmp"' EXIT

AWS_MAX_ATTEMPTS=1 expect 1 "not valid JSON" "malformed answer" -- --fault ListContainerInstances:malformed:5
AWS_MAX_ATTEMPTS=1 expect 1 "not valid JSON" "truncated answer" -- --fault DescribeTasks:truncated:5
AWS_MAX_ATTEMPTS=1 expect 1 "Could not reach" "dropped connection" -- --fault drop:20
AWS_MAX_ATTEMPTS=1 expect 1 "ServerException" "server error" -- --fault ListTasks:server-error:20
expect 1 "staging" "deleted cluster" -- --delete-cluster staging:0
# Hostile endpoints: each ends in one clear line, none hangs or crashes.
AWS_MAX_ATTEMPTS=1 expect 1 "nested more than 100 levels" "deep JSON" -- --fault ListTasks:deep-json
AWS_MAX_ATTEMPTS=1 expect 1 "larger than 8.0" "oversize answer" -- --fault ListContainerInstances:oversize
AWS_MAX_ATTEMPTS=1 expect 1 "never follows" "redirect" -- --fault ListTasks:redirect
expect 1 "more than 10000 pages" "endless pagination" -- --fault ListTasks:endless-pagination
AWS_MAX_ATTEMPTS=3 expect 0 "" "throttled twice, then answered" -- --fault ListTasks:throttle:2
AWS_MAX_ATTEMPTS=1 expect 0 "" "throttled by ECS-like buckets, then answered" -- --token-bucket 3:200

status=0
"$fake" --port 0 --fault ListTasks:bogus >/dev/null 2>"$tmp/err" || status=$?
((status != 0)) && grep -q "bogus" "$tmp/err" || fail "an unknown fault kind was accepted"
passed=$((passed + 1))
echo "ok $passed - unknown fault kind refused"

status=0
"$fake" --port 0 --token-bucket 50 >/dev/null 2>"$tmp/err" || status=$?
((status != 0)) && grep -q "50" "$tmp/err" || fail "a token bucket without a refill rate was accepted"
passed=$((passed + 1))
echo "ok $passed - token bucket without a refill rate refused"

echo "$passed passed, 0 failed"
