#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# The c3vis command line: --version, --help lists every option, German
# translations load with LANGUAGE=de, and no command needs a display.
set -euo pipefail
c3vis=$1
unset DISPLAY WAYLAND_DISPLAY
fail () { echo "FAIL: $*" >&2; exit 1; }

version=$("$c3vis" --version)
[[ $version =~ ^c3vis\ [0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "--version printed '$version'"

help=$("$c3vis" --help)
for option in --profile --region --endpoint-url --cluster --demo --export --dump --version; do
  grep -q -- "$option" <<<"$help" || fail "--help does not list $option"
done

# gettext ignores LANGUAGE in the C locale; C.UTF-8 is always there.
german=$(LC_ALL=C.UTF-8 LANGUAGE=de "$c3vis" --help)
grep -q "Zeigt, wo Container auf Amazon-ECS-Clustern laufen." <<<"$german" \
  || fail "German --help not translated: $german"

echo "1 passed, 0 failed"
