/* c3v-task-definition-cache.h: task definitions kept forever.
 *
 * A task definition ARN (family:revision) never changes, so once fetched
 * it is kept in memory for the life of the loader and on disk across runs,
 * one small JSON file per ARN named by a SHA-256 (ARNs hold '/' and ':',
 * which no file name should). Only the fields drawing needs are written
 * (c3v_ecs_json_from_task_definition): never environment.
 *
 * The file's name hashes the cache format, the endpoint that answered and
 * the ARN (which names the account and region): what one endpoint said
 * never stands in for another's definitions (a test double or a hostile
 * endpoint cannot poison what AWS's own answers show), and files written
 * by an older c3vis, which lack newer fields, are not read.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include "c3v-task-definition.h"

G_BEGIN_DECLS

typedef struct _C3vTaskDefinitionCache C3vTaskDefinitionCache;

/* @directory: NULL keeps definitions in memory only. @endpoint_url: the
 * endpoint whose answers are kept (part of every file's name). */
C3vTaskDefinitionCache *c3v_task_definition_cache_new (const char *directory,
                                                       const char *endpoint_url);
void                    c3v_task_definition_cache_free (C3vTaskDefinitionCache *self);
/* Memory first, then disk (an unreadable file counts as a miss).
 * Returns a borrowed definition, valid as long as the cache. */
C3vTaskDefinition *c3v_task_definition_cache_lookup (C3vTaskDefinitionCache *self, const char *arn);
/* Keeps @definition in memory and writes it to disk; a failed write is
 * only logged, the cache still works from memory. */
void c3v_task_definition_cache_store (C3vTaskDefinitionCache *self, C3vTaskDefinition *definition);
/* The file that holds @arn (NULL without a directory). */
char *c3v_task_definition_cache_dup_path (C3vTaskDefinitionCache *self, const char *arn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vTaskDefinitionCache, c3v_task_definition_cache_free)

G_END_DECLS
