/* c3v-aws-http.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include "c3v-aws-http-private.h"

void
c3v_aws_return_answer (GTask *task, SoupSession *session, GAsyncResult *result,
                       C3vAwsUnreachableError unreachable, C3vAwsAnswerParser parse)
{
  C3vCredentialsProvider *provider = g_task_get_source_object (task);
  SoupMessage            *message = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  C3vCredentials *credentials;

  body = soup_session_send_and_read_finish (session, result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, unreachable (provider, error));
      return;
    }

  credentials = parse (provider, message, body, &error);
  if (credentials == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, credentials, (GDestroyNotify) c3v_credentials_unref);
}
