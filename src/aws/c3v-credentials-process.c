/* c3v-credentials-process.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "c3v-aws-config.h"
#include "c3v-aws-config-private.h"
#include "c3v-credentials-process.h"
#include "c3v-untrusted.h"

/* Enough of the process's stderr to explain a failure, not a whole log. */
#define MAX_STDERR_CHARS 1000

struct _C3vCredentialsProcess
{
  C3vCredentialsProvider parent_instance;
  char                  *profile;
  char                  *command;
};

G_DEFINE_FINAL_TYPE (C3vCredentialsProcess, c3v_credentials_process, C3V_TYPE_CREDENTIALS_PROVIDER)

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_is_one (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_INT64
         && json_node_get_int (node) == 1;
}

static gboolean
process_fail (C3vCredentialsProcess *self, GError **error, int code, const char *reason)
{
  g_set_error (error, C3V_AWS_CONFIG_ERROR, code,
               _ ("credential_process of profile “%s” failed: %s"), self->profile, reason);
  return FALSE;
}

static gboolean
parse_expiration (C3vCredentialsProcess *self, JsonObject *object, gint64 *expiration,
                  GError **error)
{
  const char *text = member_string (object, "Expiration");

  *expiration = 0;
  if (text == NULL)
    return TRUE;
  if (!c3v_aws_parse_timestamp (text, expiration))
    return process_fail (self, error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED,
                         _ ("its Expiration is not an ISO 8601 time"));
  if (*expiration <= g_get_real_time () / G_USEC_PER_SEC)
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_EXPIRED,
                   _ ("The credentials from credential_process of profile “%s” expired at %s"),
                   self->profile, text);
      return FALSE;
    }
  return TRUE;
}

/* Never quotes @output in errors: it holds the secret key. */
static C3vCredentials *
parse_output (C3vCredentialsProcess *self, const char *output, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (output, strlen (output));
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) parse_error = NULL;
  const char *access_key_id;
  const char *secret;
  gint64      expiration;

  object = c3v_untrusted_json_parse_object (bytes, &parse_error);
  if (object == NULL)
    {
      g_autofree char *reason
          = g_strdup_printf (_ ("its output is malformed: %s"), parse_error->message);

      process_fail (self, error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED, reason);
      return NULL;
    }

  if (!member_is_one (object, "Version"))
    {
      process_fail (self, error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED,
                    _ ("its output does not say \"Version\": 1"));
      return NULL;
    }

  access_key_id = member_string (object, "AccessKeyId");
  secret = member_string (object, "SecretAccessKey");
  if (access_key_id == NULL || secret == NULL)
    {
      process_fail (self, error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED,
                    _ ("its output lacks AccessKeyId or SecretAccessKey"));
      return NULL;
    }
  if (!parse_expiration (self, object, &expiration, error))
    return NULL;

  return c3v_credentials_new (access_key_id, secret, member_string (object, "SessionToken"),
                              expiration);
}

static char *
describe_exit (GSubprocess *process, const char *stderr_text)
{
  g_autofree char *status = NULL;
  g_autofree char *shown = NULL;

  if (g_subprocess_get_if_exited (process))
    status = g_strdup_printf (_ ("exit status %d"), g_subprocess_get_exit_status (process));
  else
    status = g_strdup (_ ("killed by a signal"));

  shown = g_strstrip (g_strdup (stderr_text != NULL ? stderr_text : ""));
  if (g_utf8_strlen (shown, -1) > MAX_STDERR_CHARS)
    *g_utf8_offset_to_pointer (shown, MAX_STDERR_CHARS) = '\0';
  if (*shown == '\0')
    return g_steal_pointer (&status);
  return g_strdup_printf ("%s: %s", status, shown);
}

static void
communicate_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GSubprocess *process = G_SUBPROCESS (object);
  g_autoptr (GTask) task = user_data;
  C3vCredentialsProcess *self = g_task_get_source_object (task);
  g_autofree char       *stdout_text = NULL;
  g_autofree char       *stderr_text = NULL;
  g_autoptr (GError) io_error = NULL;
  g_autoptr (GError) error = NULL;
  C3vCredentials *credentials;

  if (!g_subprocess_communicate_utf8_finish (process, result, &stdout_text, &stderr_text,
                                             &io_error))
    {
      /* Nobody will read its answer: do not leave it running. */
      if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_subprocess_force_exit (process);
          g_task_return_error (task, g_steal_pointer (&io_error));
        }
      else
        {
          process_fail (self, &error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED, io_error->message);
          g_task_return_error (task, g_steal_pointer (&error));
        }
      return;
    }

  if (!g_subprocess_get_successful (process))
    {
      g_autofree char *reason = describe_exit (process, stderr_text);

      process_fail (self, &error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED, reason);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  credentials = parse_output (self, stdout_text, &error);
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) c3v_credentials_unref);
}

static GSubprocess *
spawn_command (C3vCredentialsProcess *self, GError **error)
{
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) local_error = NULL;
  GSubprocess *process;

  if (!g_shell_parse_argv (self->command, NULL, &argv, &local_error))
    {
      process_fail (self, error, C3V_AWS_CONFIG_ERROR_INVALID, local_error->message);
      return NULL;
    }

  process = g_subprocess_newv ((const char *const *) argv,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &local_error);
  if (process == NULL)
    process_fail (self, error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED, local_error->message);
  return process;
}

static void
c3v_credentials_process_get_async (C3vCredentialsProvider *provider, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer user_data)
{
  C3vCredentialsProcess *self = C3V_CREDENTIALS_PROCESS (provider);
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr (GSubprocess) process = NULL;
  GError *error = NULL;

  g_task_set_name (task, G_STRFUNC);

  process = spawn_command (self, &error);
  if (process == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_subprocess_communicate_utf8_async (process, NULL, cancellable, communicate_cb,
                                       g_steal_pointer (&task));
}

static C3vCredentials *
c3v_credentials_process_get_finish (C3vCredentialsProvider *provider, GAsyncResult *result,
                                    GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
c3v_credentials_process_describe (C3vCredentialsProvider *provider)
{
  C3vCredentialsProcess *self = C3V_CREDENTIALS_PROCESS (provider);

  return g_strdup_printf (_ ("profile %s (credential_process)"), self->profile);
}

static void
c3v_credentials_process_finalize (GObject *object)
{
  C3vCredentialsProcess *self = C3V_CREDENTIALS_PROCESS (object);

  g_clear_pointer (&self->profile, g_free);
  g_clear_pointer (&self->command, g_free);

  G_OBJECT_CLASS (c3v_credentials_process_parent_class)->finalize (object);
}

static void
c3v_credentials_process_class_init (C3vCredentialsProcessClass *klass)
{
  GObjectClass                *object_class = G_OBJECT_CLASS (klass);
  C3vCredentialsProviderClass *provider_class = C3V_CREDENTIALS_PROVIDER_CLASS (klass);

  object_class->finalize = c3v_credentials_process_finalize;
  provider_class->get_async = c3v_credentials_process_get_async;
  provider_class->get_finish = c3v_credentials_process_get_finish;
  provider_class->describe = c3v_credentials_process_describe;
}

static void
c3v_credentials_process_init (C3vCredentialsProcess *self)
{
}

C3vCredentialsProvider *
c3v_credentials_process_new (const char *profile, const char *command)
{
  C3vCredentialsProcess *self;

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (command != NULL, NULL);

  self = g_object_new (C3V_TYPE_CREDENTIALS_PROCESS, NULL);
  self->profile = g_strdup (profile);
  self->command = g_strdup (command);
  return C3V_CREDENTIALS_PROVIDER (self);
}
