/* c3v-connection.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-aws-config.h"
#include "c3v-connection.h"
#include "c3v-fake-ecs.h"

struct _C3vConnection
{
  GObject parent_instance;

  char       *profile;
  char       *region;
  C3vLoader  *loader;
  C3vFakeEcs *demo_endpoint; /* only for the demo */
};

G_DEFINE_FINAL_TYPE (C3vConnection, c3v_connection, G_TYPE_OBJECT)

static void
c3v_connection_finalize (GObject *object)
{
  C3vConnection *self = C3V_CONNECTION (object);

  g_clear_object (&self->loader);
  g_clear_object (&self->demo_endpoint);
  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->region, g_free);

  G_OBJECT_CLASS (c3v_connection_parent_class)->finalize (object);
}

static void
c3v_connection_class_init (C3vConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = c3v_connection_finalize;
}

static void
c3v_connection_init (C3vConnection *self)
{
}

static const char *
empty_to_null (const char *value)
{
  return value != NULL && *value != '\0' ? value : NULL;
}

/* Task definitions never change, so they are cached across runs. */
static char *
task_definition_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "c3vis", "task-definitions", NULL);
}

static C3vConnection *
connection_new (const char *profile, const char *region, const char *endpoint_url,
                C3vCredentialsProvider *credentials)
{
  C3vConnection *self = g_object_new (C3V_TYPE_CONNECTION, NULL);
  g_autoptr (C3vEcsClient) client = c3v_ecs_client_new (credentials, region, endpoint_url);
  g_autofree char *cache_dir = task_definition_cache_dir ();

  self->profile = g_strdup (profile);
  self->region = g_strdup (region);
  self->loader = c3v_loader_new (client, cache_dir);

  return self;
}

C3vConnection *
c3v_connection_new (const char *profile, const char *region, const char *endpoint_url,
                    GError **error)
{
  g_autoptr (C3vAwsConfig) config = NULL;
  g_autoptr (C3vCredentialsProvider) credentials = NULL;
  C3vConnection *self;

  config = c3v_aws_config_resolve (empty_to_null (profile), empty_to_null (region),
                                   empty_to_null (endpoint_url), error);
  if (config == NULL)
    return NULL;

  credentials = c3v_credentials_chain_new (empty_to_null (profile), error);
  if (credentials == NULL)
    return NULL;

  self = connection_new (config->profile, config->region, config->endpoint_url, credentials);
  c3v_ecs_client_set_retry_settings (c3v_loader_get_client (self->loader), &config->retry);
  return self;
}

C3vConnection *
c3v_connection_new_demo (GError **error)
{
  g_autoptr (C3vFakeEcs) endpoint = c3v_fake_ecs_new (NULL);
  g_autoptr (C3vCredentials) keys = NULL;
  g_autoptr (C3vCredentialsProvider) credentials = NULL;
  C3vConnection *self;

  if (!c3v_fake_ecs_start (endpoint, 0, error))
    return NULL;

  keys = c3v_credentials_new (C3V_FAKE_ECS_ACCESS_KEY_ID, C3V_FAKE_ECS_SECRET_ACCESS_KEY, NULL, 0);
  credentials = c3v_credentials_provider_new_static (keys);
  self = connection_new ("demo", C3V_FAKE_ECS_REGION, c3v_fake_ecs_get_url (endpoint), credentials);
  self->demo_endpoint = g_steal_pointer (&endpoint);

  return self;
}

gboolean
c3v_connection_is_demo (C3vConnection *self)
{
  g_return_val_if_fail (C3V_IS_CONNECTION (self), FALSE);

  return self->demo_endpoint != NULL;
}

const char *
c3v_connection_get_profile (C3vConnection *self)
{
  g_return_val_if_fail (C3V_IS_CONNECTION (self), NULL);

  return self->profile;
}

const char *
c3v_connection_get_region (C3vConnection *self)
{
  g_return_val_if_fail (C3V_IS_CONNECTION (self), NULL);

  return self->region;
}

const char *
c3v_connection_get_endpoint_url (C3vConnection *self)
{
  g_return_val_if_fail (C3V_IS_CONNECTION (self), NULL);

  return c3v_ecs_client_get_endpoint_url (c3v_loader_get_client (self->loader));
}

C3vLoader *
c3v_connection_get_loader (C3vConnection *self)
{
  g_return_val_if_fail (C3V_IS_CONNECTION (self), NULL);

  return self->loader;
}
