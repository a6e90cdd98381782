#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
#
# Signs one request with botocore's SigV4Auth and prints the Authorization
# header value: the reference that tests/aws/test-sigv4.c compares against.
#
# Input is one JSON object on stdin (so secrets never appear in argv):
#   {"method", "url", "headers": [[name, value], ...], "body_base64",
#    "amz_date": "20150830T123600Z", "access_key_id", "secret_access_key",
#    "session_token" (optional), "region", "service"}
# botocore adds host, X-Amz-Date and X-Amz-Security-Token itself, as it does
# when it talks to ECS.

import base64
import datetime
import json
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    spec = json.load(sys.stdin)
    fixed = datetime.datetime.strptime(spec["amz_date"], "%Y%m%dT%H%M%SZ")

    class FixedDateTime(datetime.datetime):
        @classmethod
        def utcnow(cls):
            return fixed

    botocore.auth.datetime.datetime = FixedDateTime

    request = AWSRequest(
        method=spec["method"],
        url=spec["url"],
        headers=dict(spec["headers"]),
        data=base64.b64decode(spec.get("body_base64", "")),
    )
    credentials = Credentials(
        spec["access_key_id"],
        spec["secret_access_key"],
        spec.get("session_token"),
    )
    botocore.auth.SigV4Auth(credentials, spec["service"], spec["region"]).add_auth(request)
    sys.stdout.write(request.headers["Authorization"])


if __name__ == "__main__":
    main()
