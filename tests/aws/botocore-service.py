#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
#
# Prints what botocore's model says about one service (argv[1]: "logs"), as
# one JSON object: the reference tests/aws/test-aws-services-botocore.c
# compares c3v-aws-service.c's descriptors against.

import json
import sys

import botocore.session


def main():
    model = botocore.session.get_session().get_service_model(sys.argv[1])
    metadata = model.metadata
    json.dump({
        "serviceId": metadata["serviceId"],
        # Absent where botocore's model predates the JSON protocol
        # (CloudWatch before 2025 spoke only the query protocol).
        "targetPrefix": metadata.get("targetPrefix"),
        "jsonVersion": metadata.get("jsonVersion"),
        "signingName": model.signing_name,
        "endpointPrefix": model.endpoint_prefix,
        "protocols": metadata.get("protocols", [metadata["protocol"]]),
    }, sys.stdout)


if __name__ == "__main__":
    main()
