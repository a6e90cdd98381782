#!/usr/bin/python3
# test-aws-cli.py: c3vis-fake-ecs against the real AWS CLI (botocore).
#
# The reference client signs, paginates and parses: if it accepts the fake
# endpoint, so will anything that talks to real ECS. Exits 77 (meson: skip)
# when /usr/bin/aws is not installed.
#
# SPDX-License-Identifier: Apache-2.0

import concurrent.futures
import json
import os
import select
import signal
import subprocess
import sys
import tempfile

AWS = "/usr/bin/aws"
ACCESS_KEY = "AKIAC3VISDEMO0000000"
SECRET_KEY = "c3vis/demo+secret/key0000000000000000000"
REGION = "eu-west-1"
START_TIMEOUT = 10
CALL_TIMEOUT = 120


def start_server(program, call_log):
    server = subprocess.Popen([program, "--port", "0", "--call-log", call_log],
                              stdout=subprocess.PIPE, text=True)
    ready, _, _ = select.select([server.stdout], [], [], START_TIMEOUT)
    if not ready:
        server.kill()
        server.wait()
        raise AssertionError("c3vis-fake-ecs printed nothing in %d s" % START_TIMEOUT)
    line = server.stdout.readline().strip()
    if not line.startswith("listening on http://127.0.0.1:"):
        server.kill()
        server.wait()
        raise AssertionError("unexpected first line: %r" % line)
    return server, line[len("listening on "):]


class Cli:
    def __init__(self, url, home):
        self.url = url
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": home,
            "AWS_CONFIG_FILE": "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "",
        }

    def run(self, *args, secret=None, service="ecs"):
        env = dict(self.env)
        if secret is not None:
            env["AWS_SECRET_ACCESS_KEY"] = secret
        command = [AWS, "--endpoint-url", self.url, "--region", REGION, "--output", "json", service] + list(args)
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=CALL_TIMEOUT)

    def json(self, *args, service="ecs"):
        result = self.run(*args, service=service)
        if result.returncode != 0:
            raise AssertionError("aws %s %s failed: %s" % (service, " ".join(args), result.stderr))
        return json.loads(result.stdout)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def unique(arns, expected, what):
    check(len(arns) == expected, "%s: %d ARNs, expected %d" % (what, len(arns), expected))
    check(len(set(arns)) == len(arns), "%s: duplicate ARNs" % what)


def test_list_clusters(cli):
    arns = cli.json("list-clusters")["clusterArns"]
    unique(arns, 5, "list-clusters")
    check("arn:aws:ecs:%s:123456789012:cluster/production" % REGION in arns, "no production cluster")


def test_list_tasks_paginated(cli):
    everything = cli.json("list-tasks", "--cluster", "production")["taskArns"]
    unique(everything, 3000, "list-tasks")
    by_seven = cli.json("list-tasks", "--cluster", "production", "--page-size", "7")["taskArns"]
    unique(by_seven, 3000, "list-tasks --page-size 7")
    check(set(by_seven) == set(everything), "--page-size 7 returned other tasks")

    # --max-items hands back the CLI's own token; resuming must continue
    # exactly where the previous batch stopped.
    collected = []
    token = None
    while True:
        args = ["list-tasks", "--cluster", "production", "--max-items", "7", "--page-size", "5"]
        if token:
            args += ["--starting-token", token]
        page = cli.json(*args)
        check(len(page["taskArns"]) <= 7, "--max-items 7 returned more")
        collected += page["taskArns"]
        token = page.get("NextToken")
        if not token or len(collected) >= 21:
            break
    unique(collected, 21, "list-tasks --max-items 7")
    check(collected == everything[:21], "--max-items pages are not in order")


def test_describe_container_instances(cli):
    arns = cli.json("list-container-instances", "--cluster", "staging")["containerInstanceArns"]
    unique(arns, 6, "list-container-instances")
    answer = cli.json("describe-container-instances", "--cluster", "staging",
                      "--container-instances", *arns)
    check(len(answer["containerInstances"]) == 6, "describe-container-instances lost some")
    check(answer["failures"] == [], "unexpected failures")
    for instance in answer["containerInstances"]:
        resources = {r["name"]: r for r in instance["registeredResources"]}
        check(resources["MEMORY"]["integerValue"] > 0, "no registered memory")


def test_describe_tasks(cli):
    task_arns = cli.json("list-tasks", "--cluster", "production", "--max-items", "100")["taskArns"]
    answer = cli.json("describe-tasks", "--cluster", "production", "--tasks", *task_arns[:100])
    check(len(answer["tasks"]) == 100, "describe-tasks returned %d" % len(answer["tasks"]))
    check({t["taskArn"] for t in answer["tasks"]} == set(task_arns[:100]), "describe-tasks: other tasks")
    missing = cli.json("describe-tasks", "--cluster", "production", "--tasks", "0123456789abcdef")
    check(missing["failures"][0]["reason"] == "MISSING", "unknown task not MISSING")


def test_describe_task_definition(cli):
    answer = cli.json("describe-task-definition", "--task-definition", "orders-api")
    definition = answer["taskDefinition"]
    check(definition["family"] == "orders-api", "wrong family")
    check(definition["revision"] == 4, "not the latest revision")
    check(len(definition["containerDefinitions"]) > 0, "no containers")


def test_services(cli):
    arns = cli.json("list-services", "--cluster", "production")["serviceArns"]
    unique(arns, 40, "list-services")
    answer = cli.json("describe-services", "--cluster", "production", "--services", *arns[:10])
    check(len(answer["services"]) == 10, "describe-services lost some")
    refused = cli.run("describe-services", "--cluster", "production", "--services", *arns[:11])
    check(refused.returncode != 0 and "InvalidParameterException" in refused.stderr,
          "11 services were not refused")


def test_describe_clusters(cli):
    answer = cli.json("describe-clusters", "--clusters", "staging", "nope", "--include", "STATISTICS")
    check(answer["clusters"][0]["clusterName"] == "staging", "no staging")
    check(len(answer["clusters"][0]["statistics"]) > 0, "no statistics")
    check(answer["failures"][0]["reason"] == "MISSING", "unknown cluster not MISSING")


def test_wrong_secret(cli):
    result = cli.run("list-clusters", secret="wrong/secret/key/0000000000000000000000000")
    check(result.returncode != 0, "a wrong secret was accepted")
    check("InvalidSignatureException" in result.stderr, "not InvalidSignatureException: " + result.stderr)


# CloudWatch Logs on the same endpoint: botocore signs for "logs" and sends
# JSON 1.1 with the Logs_20140328 target, and the fake verifies both.
def test_logs(cli):
    answer = cli.json("get-log-events", "--log-group-name", "/c3vis/fake", "--log-stream-name",
                      "hello", "--start-from-head", "--limit", "2", service="logs")
    check([e["message"] for e in answer["events"]] == ["line 1", "line 2"],
          "unexpected events: %r" % answer["events"])
    check(answer["nextForwardToken"] == "f/2", "forward token %r" % answer["nextForwardToken"])
    missing = cli.run("get-log-events", "--log-group-name", "/c3vis/fake", "--log-stream-name",
                      "nope", service="logs")
    check(missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr,
          "a missing stream was not ResourceNotFoundException: " + missing.stderr)


TESTS = [
    test_logs,
    test_list_clusters,
    test_list_tasks_paginated,
    test_describe_container_instances,
    test_describe_tasks,
    test_describe_task_definition,
    test_services,
    test_describe_clusters,
    test_wrong_secret,
]


def main():
    if not os.path.exists(AWS):
        print("1..0 # SKIP %s is not installed" % AWS)
        return 77

    program = os.environ.get("C3VIS_FAKE_ECS")
    check(program and os.path.exists(program), "C3VIS_FAKE_ECS does not name the program")

    with tempfile.TemporaryDirectory() as home:
        call_log = os.path.join(home, "calls.jsonl")
        server, url = start_server(program, call_log)
        try:
            cli = Cli(url, home)
            # Each CLI run costs most of a second in Python start-up: run the
            # independent checks side by side (the server is asynchronous).
            with concurrent.futures.ThreadPoolExecutor(max_workers=len(TESTS)) as pool:
                for future in [pool.submit(test, cli) for test in TESTS]:
                    future.result()
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                status = server.wait(timeout=START_TIMEOUT)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                raise AssertionError("c3vis-fake-ecs ignored SIGTERM")
        check(status == 0, "c3vis-fake-ecs exited with %d" % status)

        with open(call_log) as log:
            calls = [json.loads(line) for line in log]
        check(any(c["operation"] == "ListTasks" and c["status"] == 200 for c in calls), "no ListTasks logged")
        check(any(c["status"] == 403 for c in calls), "refused call not logged")
    print("ok: the AWS CLI accepts c3vis-fake-ecs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
