/* c3v-snapshot-json.h: a snapshot as JSON, the output of `c3vis --dump json`.
 *
 * Stable schema, version 1. Members are always present (null when the API
 * did not say); new members may be added without bumping "schema",
 * renames and removals bump it. Sizes: cpu in CPU units (1024 = 1 vCPU),
 * memory in MiB; reserved values follow the ECS reservation rule (the
 * task-level value, else the sum over containers of memoryReservation,
 * else memory; cpu likewise). Only what ECS reports about placement is
 * written: never environment variables, credentials or other secrets.
 *
 *   {
 *     "schema": 1,
 *     "cluster": {
 *       "name": "prod",
 *       "arn": "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
 *       "region": "eu-west-1",
 *       "fetchedAt": "2026-11-26T07:30:00.000Z",   (ISO 8601, UTC)
 *       "complete": true                            (false: partial load)
 *     },
 *     "instances": [ {
 *       "id": "0f3a...",                            (last part of the ARN)
 *       "arn": "arn:aws:ecs:...:container-instance/prod/0f3a...",
 *       "ec2InstanceId": "i-0abc..." | null,
 *       "instanceType": "m5.large" | null,
 *       "availabilityZone": "eu-west-1a" | null,
 *       "status": "ACTIVE" | null,
 *       "agentConnected": true,
 *       "registered": { "cpu": 2048, "memory": 7680 },
 *       "remaining": { "cpu": 1024, "memory": 5632 },
 *       "reserved": { "cpu": 1024, "memory": 2048 },  (sum of its tasks)
 *       "mismatch": false,     (reserved != registered - remaining)
 *       "tasks": [ "arn:aws:ecs:...:task/prod/1234...", ... ]
 *     } ],
 *     "tasks": [ {
 *       "arn": "arn:aws:ecs:...:task/prod/1234...",
 *       "taskDefinitionArn": "arn:...:task-definition/web:12" | null,
 *       "family": "web" | null,
 *       "revision": 12,
 *       "service": "web" | null,                    (from group service:NAME)
 *       "launchType": "EC2" | null,
 *       "lastStatus": "RUNNING" | null,
 *       "desiredStatus": "RUNNING" | null,         ("STOPPED": stopping)
 *       "containerInstance": "0f3a..." | null,      (instance id; null if
 *                                                    not on an instance)
 *       "reserved": { "cpu": 256, "memory": 512 },
 *       "containers": [ {
 *         "name": "app", "image": "nginx:1" | null,
 *         "cpu": 256 | null, "memory": 512 | null,
 *         "memoryReservation": 256 | null
 *       } ]
 *     } ],
 *     "services": [ {
 *       "arn": "...", "name": "web", "status": "ACTIVE",
 *       "taskDefinitionArn": "..." | null, "launchType": "EC2" | null,
 *       "desiredCount": 3, "runningCount": 3, "pendingCount": 0
 *     } ],
 *     "failures": [ { "arn": "..." | null, "reason": "MISSING" | null,
 *                     "detail": "..." | null } ]
 *   }
 *
 * Instances, tasks, services and failures keep the snapshot's order.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-snapshot.h"

G_BEGIN_DECLS

/* Pretty-printed, UTF-8, ends with a newline. */
char *c3v_snapshot_to_json (C3vSnapshot *snapshot);

G_END_DECLS
