#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The c3vis command line, with no display: --version, --help lists every
# option, German translations load with LANGUAGE=de, --dump json and
# --export work on the demo account, and failures exit non-zero with one
# clear line and no secret.
set -euo pipefail
c3vis=$1
unset DISPLAY WAYLAND_DISPLAY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
fail () { echo "FAIL: $*" >&2; exit 1; }
ok () { passed=$((passed + 1)); echo "ok $passed - $*"; }
# The demo endpoint's secret (src/fake/c3v-fake-ecs.h): never printed.
demo_secret='c3vis/demo+secret/key'

version=$("$c3vis" --version)
[[ $version =~ ^c3vis\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$version'"
ok "--version"

help=$("$c3vis" --help)
for option in --profile --region --endpoint-url --cluster --demo --export --dump --version; do
  grep -q -- "$option" <<<"$help" || fail "--help does not list $option"
done
ok "--help lists every option"

# gettext ignores LANGUAGE in the C locale; C.UTF-8 is always there.
german=$(LC_ALL=C.UTF-8 LANGUAGE=de "$c3vis" --help)
grep -q "Zeigt, wo Container auf Amazon-ECS-Clustern laufen." <<<"$german" \
  || fail "German --help not translated: $german"
ok "German translation"

"$c3vis" --demo --cluster staging --dump json >"$tmp/dump.json" 2>"$tmp/err" || fail "--dump json: $(cat "$tmp/err")"
/usr/bin/python3 - "$tmp/dump.json" <<'PY' || fail "--dump json is not the documented schema"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == 1, d.get("schema")
assert d["cluster"]["name"] == "staging"
assert len(d["instances"]) > 0 and len(d["tasks"]) > 0
placed = {t for i in d["instances"] for t in i["tasks"]}
assert placed <= {t["arn"] for t in d["tasks"]}
for t in d["tasks"]:
    assert t["family"] and t["revision"] >= 1 and t["reserved"]["memory"] >= 0
PY
! grep -q "$demo_secret" "$tmp/dump.json" "$tmp/err" || fail "the secret key reached --dump"
# The demo's task definitions carry this in their environment: never shown.
! grep -q "C3VIS-SECRET-ENV-VALUE" "$tmp/dump.json" || fail "an environment value reached --dump"
ok "--dump json"

"$c3vis" --demo --cluster staging --export "$tmp/staging.png" --resource cpu --width 1200 2>"$tmp/err" \
  || fail "--export: $(cat "$tmp/err")"
[[ $(head -c 8 "$tmp/staging.png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "--export did not write a PNG"
"$c3vis" --demo --cluster production --export "$tmp/production.png" 2>"$tmp/err" \
  || fail "--export with the default width: $(cat "$tmp/err")"
[[ -s $tmp/production.png ]] || fail "--export with the default width wrote nothing"
ok "--export FILE.png without a display"

# GLib writes debug lines to standard output by default: in the command-line
# modes every log line goes to standard error, so the dump stays JSON.
G_MESSAGES_DEBUG=all "$c3vis" --demo --cluster production --dump json >"$tmp/debug.json" 2>"$tmp/debug.err" \
  || fail "--dump json with G_MESSAGES_DEBUG=all: $(tail -1 "$tmp/debug.err")"
/usr/bin/python3 - "$tmp/debug.json" <<'PY' || fail "with G_MESSAGES_DEBUG=all, --dump json is not JSON: $(head -c 300 "$tmp/debug.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["cluster"]["name"] == "production" and len(d["tasks"]) > 0
PY
grep -q "ECS ListClusters\|ECS ListContainerInstances" "$tmp/debug.err" || fail "the ECS calls were not logged on standard error"
! grep -q "$demo_secret" "$tmp/debug.err" || fail "the secret key reached the debug log"
ok "G_MESSAGES_DEBUG=all logs on standard error, --dump json stays JSON"

expect_failure () {
  local want=$1 what=$2; shift 2
  local status=0
  "$c3vis" "$@" >"$tmp/out" 2>"$tmp/err" || status=$?
  ((status == want)) || fail "$what: exit status $status, wanted $want ($(cat "$tmp/err"))"
  (($(wc -l <"$tmp/err") == 1)) || fail "$what: wanted one line of error, got: $(cat "$tmp/err")"
  grep -q '^c3vis: ' "$tmp/err" || fail "$what: error does not start with 'c3vis: '"
  ! grep -q "$demo_secret" "$tmp/err" "$tmp/out" || fail "$what: secret printed"
  ok "$what"
}

expect_failure 1 "unknown cluster" --demo --cluster no-such-cluster --dump json
grep -q "no-such-cluster" "$tmp/err" || fail "the error does not name the cluster: $(cat "$tmp/err")"
expect_failure 2 "unknown dump format" --demo --cluster staging --dump xml
expect_failure 2 "--export without --cluster" --demo --export "$tmp/x.png"
expect_failure 2 "bad --resource" --demo --cluster staging --export "$tmp/x.png" --resource disk
expect_failure 2 "unknown option" --bogus
expect_failure 2 "unknown option with a headless mode" --demo --cluster staging --dump json --bogus
expect_failure 2 "--width not a number" --demo --cluster staging --export "$tmp/x.png" --width=abc
expect_failure 2 "--width out of int range" --demo --cluster staging --export "$tmp/x.png" --width=99999999999
expect_failure 2 "an argument that is no option" --demo --cluster staging --dump json staging
expect_failure 2 "--width too large" --demo --cluster staging --export "$tmp/x.png" --width 2000000000
grep -q "32767" "$tmp/err" || fail "--width too large does not say the limit: $(cat "$tmp/err")"
! grep -qi "zoom" "$tmp/err" || fail "--width too large suggests a zoom the command line does not have: $(cat "$tmp/err")"
expect_failure 2 "--width too small" --demo --cluster staging --export "$tmp/x.png" --width 100
grep -q "200" "$tmp/err" || fail "--width too small does not say the limit: $(cat "$tmp/err")"
expect_failure 1 "unwritable export path" --demo --cluster staging --export /nonexistent/dir/x.png
AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY="$demo_secret" AWS_MAX_ATTEMPTS=1 \
  expect_failure 1 "unreachable endpoint" --endpoint-url http://127.0.0.1:9 --region eu-west-1 --cluster x --dump json

echo "$passed passed, 0 failed"
