/* c3v-ecs-json.h: ECS JSON answers -> model structs.
 *
 * Each parser takes one object as ECS returns it and never trusts it: a
 * missing or wrongly typed field reads as absent (NULL, C3V_UNSET, 0),
 * numbers are accepted as JSON numbers or as strings (ECS sends task and
 * container cpu/memory as strings), timestamps (epoch seconds with
 * fractions) become unix milliseconds. A parser returns FALSE only when
 * the object lacks its identity (its ARN) and must be skipped.
 *
 * The structs borrow the strings of @object: hand them to a
 * C3vSnapshotBuilder (which copies) while @object is alive.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

#include "c3v-snapshot.h"
#include "c3v-task-definition.h"

G_BEGIN_DECLS

/* A member of the expected type, else NULL. @object may be NULL. */
const char *c3v_json_get_string (JsonObject *object, const char *member);
JsonArray  *c3v_json_get_array (JsonObject *object, const char *member);
JsonObject *c3v_json_get_object (JsonObject *object, const char *member);
/* A number or numeric string as a non-negative gint32, else C3V_UNSET.
 * Task-definition forms "1 vCPU" and "2 GB" count in units and MiB. */
gint32 c3v_json_get_size (JsonObject *object, const char *member);
/* The string elements of the array @member (borrowed), never NULL. */
GPtrArray *c3v_json_get_strings (JsonObject *object, const char *member);
/* The string elements of @array (borrowed; @array may be NULL). */
GPtrArray *c3v_json_array_get_strings (JsonArray *array);

typedef void (*C3vJsonObjectFunc) (JsonObject *item, gpointer user_data);
/* Calls @func on each object element of the array @member; other
 * elements (and a missing or wrongly typed member) are skipped. */
void c3v_json_foreach_object (JsonObject *object, const char *member, C3vJsonObjectFunc func,
                              gpointer user_data);

/* DescribeContainerInstances containerInstances[] entry. Free the
 * reserved ports (the one string not borrowed) with
 * c3v_ecs_json_instance_clear(). */
gboolean c3v_ecs_json_parse_instance (JsonObject *object, C3vInstance *instance);
void     c3v_ecs_json_instance_clear (C3vInstance *instance);
/* DescribeTasks tasks[] entry. @definition (may be NULL) fills what the
 * task lacks; see c3v-ecs-json.c for the rule. Free the containers with
 * c3v_ecs_json_task_clear(). */
gboolean c3v_ecs_json_parse_task (JsonObject *object, const C3vTaskDefinition *definition,
                                  C3vTask *task);
void     c3v_ecs_json_task_clear (C3vTask *task);
/* DescribeServices services[] entry. */
gboolean c3v_ecs_json_parse_service (JsonObject *object, C3vService *service);
/* failures[] entry of any Describe* answer. Never FALSE: a failure
 * without an ARN is still worth showing. */
gboolean c3v_ecs_json_parse_failure (JsonObject *object, C3vFailure *failure);
/* DescribeTaskDefinition taskDefinition, or the same shape from the disk
 * cache. NULL without taskDefinitionArn. */
C3vTaskDefinition *c3v_ecs_json_parse_task_definition (JsonObject *object);
/* How a writer says that ECS did not give a value: leave the member out
 * (the task-definition cache) or write null (--dump json). */
typedef enum
{
  C3V_JSON_UNSET_OMIT,
  C3V_JSON_UNSET_NULL,
} C3vJsonUnset;

/* @member: @value, or as @unset says when it is NULL (C3V_UNSET). */
void c3v_json_add_string (JsonBuilder *builder, const char *member, const char *value,
                          C3vJsonUnset unset);
void c3v_json_add_size (JsonBuilder *builder, const char *member, gint32 value, C3vJsonUnset unset);
/* {"name", "image", "cpu", "memory", "memoryReservation"}: what the cache
 * keeps and --dump writes of a container. */
void c3v_json_add_container (JsonBuilder *builder, const C3vContainer *container,
                             C3vJsonUnset unset);

/* The cacheable subset, in the shape parse_task_definition() reads: only
 * ARN, family, revision, cpu, memory, the containers' name, image, cpu,
 * memory, memoryReservation, and for placement the network mode, static
 * host ports and memberOf constraints. Never environment or secrets. */
JsonNode *c3v_ecs_json_from_task_definition (const C3vTaskDefinition *definition);

G_END_DECLS
