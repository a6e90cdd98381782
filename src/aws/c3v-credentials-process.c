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
#define MAX_STDERR_CHARS 300
#define MAX_STDERR_BYTES (64 * 1024)
/* Credentials are a few hundred bytes; a runaway helper is not read on. */
#define MAX_OUTPUT_BYTES (1024 * 1024)
#define READ_CHUNK_BYTES (16 * 1024)
/* As long as the AWS CLI waits; C3VIS_PROCESS_TIMEOUT_MS (tests only)
 * shortens it. */
#define DEFAULT_TIMEOUT_MS (60 * 1000)

struct _C3vCredentialsProcess
{
  C3vCredentialsProvider parent_instance;
  char                  *profile;
  char                  *command;
  guint                  timeout_ms;
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
parse_output (C3vCredentialsProcess *self, GByteArray *output, GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (output->data, output->len);
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (GError) parse_error = NULL;
  const char *access_key_id;
  const char *secret;
  gint64      expiration;

  if (memchr (output->data, '\0', output->len) != NULL
      || !g_utf8_validate ((const char *) output->data, output->len, NULL))
    {
      process_fail (self, error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED,
                    _ ("its output is not UTF-8 text (JSON is)"));
      return NULL;
    }
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

  /* Its stderr goes to a terminal or a banner: one clean line of it. */
  shown = c3v_untrusted_one_line (stderr_text != NULL ? stderr_text : "", MAX_STDERR_CHARS);
  if (*shown == '\0')
    return g_steal_pointer (&status);
  return g_strdup_printf ("%s: %s", status, shown);
}

/* --- running the process -------------------------------------------------- */

/* One run of the command: its output is read as it comes, within bounds,
 * and it is killed when it takes too long, prints too much, or nobody
 * waits for it any more. */
typedef struct
{
  GSubprocess  *process;
  GByteArray   *out;
  GByteArray   *err;
  guint         pending; /* reads of stdout and stderr, and the wait */
  GCancellable *stop;    /* the caller's cancellation, the deadline, a failure */
  gulong        caller_handler;
  GCancellable *caller;
  GSource      *deadline;
  guint         timeout_ms;
  GError       *error; /* the first failure */
} Run;

static void
run_free (Run *run)
{
  if (run->deadline != NULL)
    {
      g_source_destroy (run->deadline);
      g_source_unref (run->deadline);
    }
  if (run->caller != NULL)
    g_cancellable_disconnect (run->caller, run->caller_handler);
  g_clear_object (&run->caller);
  g_clear_object (&run->stop);
  g_clear_object (&run->process);
  g_byte_array_unref (run->out);
  g_byte_array_unref (run->err);
  g_clear_error (&run->error);
  g_free (run);
}

/* Ends the run early with @error (kept if it is the first): the process is
 * killed and the reads stop. */
static void
run_abort (Run *run, GError *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);
  g_subprocess_force_exit (run->process);
  g_cancellable_cancel (run->stop);
}

static void run_finish (GTask *task);

static void
run_step_done (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (--run->pending == 0)
    run_finish (task);
  g_object_unref (task);
}

static void read_cb (GObject *object, GAsyncResult *result, gpointer user_data);

static void
read_next (GTask *task, GInputStream *stream)
{
  Run *run = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (stream, READ_CHUNK_BYTES, G_PRIORITY_DEFAULT, run->stop, read_cb,
                                   task);
}

static void
read_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask                 *task = user_data;
  C3vCredentialsProcess *self = g_task_get_source_object (task);
  Run                   *run = g_task_get_task_data (task);
  GInputStream          *stream = G_INPUT_STREAM (object);
  gboolean               is_out = stream == g_subprocess_get_stdout_pipe (run->process);
  GByteArray            *buffer = is_out ? run->out : run->err;
  g_autoptr (GBytes) chunk = NULL;
  GError *error = NULL;
  gsize   size;

  chunk = g_input_stream_read_bytes_finish (stream, result, &error);
  if (chunk == NULL || g_bytes_get_size (chunk) == 0)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        run_abort (run, error);
      else
        g_clear_error (&error);
      run_step_done (task);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (is_out && run->out->len + size > MAX_OUTPUT_BYTES)
    {
      g_autofree char *limit = g_format_size_full (MAX_OUTPUT_BYTES, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *reason = g_strdup_printf (_ ("it printed more than %s"), limit);

      process_fail (self, &error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED, reason);
      run_abort (run, error);
      run_step_done (task);
      return;
    }
  /* Enough of stderr to explain a failure; the rest is read and dropped so
   * that the process does not block on a full pipe. */
  if (is_out || buffer->len < MAX_STDERR_BYTES)
    g_byte_array_append (buffer, g_bytes_get_data (chunk, NULL),
                         is_out ? size : MIN (size, MAX_STDERR_BYTES - buffer->len));
  read_next (task, stream);
}

static void
wait_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  GTask *task = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  run_step_done (task);
}

static gboolean
deadline_passed (gpointer user_data)
{
  GTask                 *task = user_data;
  C3vCredentialsProcess *self = g_task_get_source_object (task);
  Run                   *run = g_task_get_task_data (task);
  g_autofree char       *reason = NULL;
  GError                *error = NULL;

  reason = g_strdup_printf (_ ("it did not finish within %u s"), (run->timeout_ms + 999) / 1000);
  process_fail (self, &error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED, reason);
  g_clear_pointer (&run->deadline, g_source_unref);
  run_abort (run, error);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled (GCancellable *caller, gpointer user_data)
{
  Run    *run = user_data;
  GError *error = NULL;

  g_cancellable_set_error_if_cancelled (caller, &error);
  run_abort (run, error);
}

/* Everything was read and the process has exited (or was killed). */
static void
run_finish (GTask *task)
{
  C3vCredentialsProcess *self = g_task_get_source_object (task);
  Run                   *run = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  C3vCredentials *credentials;

  if (run->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&run->error));
      return;
    }
  if (!g_subprocess_get_successful (run->process))
    {
      g_autofree char *stderr_text = g_strndup ((const char *) run->err->data, run->err->len);
      g_autofree char *reason = describe_exit (run->process, stderr_text);

      process_fail (self, &error, C3V_AWS_CONFIG_ERROR_PROCESS_FAILED, reason);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  credentials = parse_output (self, run->out, &error);
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) c3v_credentials_unref);
}

static void
run_start (GTask *task, GSubprocess *process, guint timeout_ms)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Run          *run = g_new0 (Run, 1);

  run->process = g_object_ref (process);
  run->out = g_byte_array_new ();
  run->err = g_byte_array_new ();
  run->stop = g_cancellable_new ();
  run->timeout_ms = timeout_ms;
  run->pending = 3;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  /* Each of the three steps holds a reference on the task. */
  read_next (g_object_ref (task), g_subprocess_get_stdout_pipe (process));
  read_next (g_object_ref (task), g_subprocess_get_stderr_pipe (process));
  g_subprocess_wait_async (process, NULL, wait_cb, g_object_ref (task));

  run->deadline = g_timeout_source_new (timeout_ms);
  g_source_set_static_name (run->deadline, "[c3vis] credential_process deadline");
  g_source_set_callback (run->deadline, deadline_passed, task, NULL);
  g_source_attach (run->deadline, g_task_get_context (task));
  if (cancellable != NULL)
    {
      run->caller = g_object_ref (cancellable);
      run->caller_handler
          = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled), run, NULL);
    }
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

  /* stdin is /dev/null: a helper that asks for input fails, not hangs. */
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
  run_start (task, process, self->timeout_ms);
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
  const char *timeout = g_getenv ("C3VIS_PROCESS_TIMEOUT_MS");
  guint64     value = 0;

  self->timeout_ms = DEFAULT_TIMEOUT_MS;
  if (timeout != NULL && g_ascii_string_to_unsigned (timeout, 10, 1, G_MAXUINT, &value, NULL))
    self->timeout_ms = (guint) value;
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
