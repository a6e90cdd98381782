/* c3v-task-definition-cache.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <errno.h>
#include <glib/gstdio.h>

#include "c3v-ecs-json.h"
#include "c3v-task-definition-cache.h"
#include "c3v-untrusted.h"

/* Raised when cached files lose or change meaning (version 2: network
 * mode, host ports and placement constraints were added). */
#define CACHE_FORMAT "2"

struct _C3vTaskDefinitionCache
{
  char       *directory;
  char       *endpoint_url;
  GHashTable *definitions; /* arn -> C3vTaskDefinition, owned */
};

C3vTaskDefinitionCache *
c3v_task_definition_cache_new (const char *directory, const char *endpoint_url)
{
  C3vTaskDefinitionCache *self = g_new0 (C3vTaskDefinitionCache, 1);

  self->directory = g_strdup (directory);
  self->endpoint_url = g_strdup (endpoint_url != NULL ? endpoint_url : "");
  self->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                             (GDestroyNotify) c3v_task_definition_unref);
  return self;
}

void
c3v_task_definition_cache_free (C3vTaskDefinitionCache *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->definitions);
  g_free (self->directory);
  g_free (self->endpoint_url);
  g_free (self);
}

char *
c3v_task_definition_cache_dup_path (C3vTaskDefinitionCache *self, const char *arn)
{
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (arn != NULL, NULL);

  if (self->directory == NULL)
    return NULL;

  /* Newlines separate the parts: none can hold one. */
  key = g_strjoin ("\n", CACHE_FORMAT, self->endpoint_url, arn, NULL);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  name = g_strconcat (hash, ".json", NULL);
  return g_build_filename (self->directory, name, NULL);
}

static void
remember (C3vTaskDefinitionCache *self, C3vTaskDefinition *definition)
{
  /* The key is the definition's own ARN, alive as long as the value. */
  g_hash_table_replace (self->definitions, definition->arn, c3v_task_definition_ref (definition));
}

static C3vTaskDefinition *
read_from_disk (C3vTaskDefinitionCache *self, const char *arn)
{
  g_autofree char *path = c3v_task_definition_cache_dup_path (self, arn);
  g_autofree char *text = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;

  /* Anything may have been written there: bounded like an answer. */
  if (c3v_untrusted_read_file (path, C3V_UNTRUSTED_MAX_ANSWER_BYTES, &text, &length, &error))
    {
      bytes = g_bytes_new_static (text, length);
      object = c3v_untrusted_json_parse_object (bytes, &error);
    }
  if (object == NULL)
    {
      g_debug ("Ignoring the cached task definition %s: %s", path, error->message);
      return NULL;
    }

  return c3v_ecs_json_parse_task_definition (object);
}

C3vTaskDefinition *
c3v_task_definition_cache_lookup (C3vTaskDefinitionCache *self, const char *arn)
{
  g_autoptr (C3vTaskDefinition) definition = NULL;
  C3vTaskDefinition *found;

  g_return_val_if_fail (self != NULL, NULL);

  if (arn == NULL)
    return NULL;

  found = g_hash_table_lookup (self->definitions, arn);
  if (found != NULL)
    return found;

  definition = read_from_disk (self, arn);
  /* A file that holds another ARN (a hash clash or a tampered file) must
   * not stand in for this one. */
  if (definition == NULL || g_strcmp0 (definition->arn, arn) != 0)
    return NULL;

  remember (self, definition);
  return definition;
}

static void
write_to_disk (C3vTaskDefinitionCache *self, C3vTaskDefinition *definition)
{
  g_autofree char *path = c3v_task_definition_cache_dup_path (self, definition->arn);
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  if (path == NULL)
    return;

  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      g_debug ("Cannot create %s: %s", self->directory, g_strerror (errno));
      return;
    }

  node = c3v_ecs_json_from_task_definition (definition);
  text = json_to_string (node, FALSE);
  /* Consistent (write then rename) but not durable: losing a cache file
   * in a crash costs one call, an fsync per definition costs more. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_debug ("Cannot cache task definition: %s", error->message);
}

void
c3v_task_definition_cache_store (C3vTaskDefinitionCache *self, C3vTaskDefinition *definition)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (definition != NULL);

  remember (self, definition);
  write_to_disk (self, definition);
}
