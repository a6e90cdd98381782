/* c3v-aws-http-private.h: how every AWS request is sent (ECS, STS, the SSO
 * portal), so that a new service cannot forget a rule:
 *
 * - no redirect is ever followed: it would carry signed headers, a session
 *   token or a bearer token to whatever host the answer names;
 * - an answer is read as a stream and refused above a size limit;
 * - a call has an overall deadline, not only an idle timeout, so a server
 *   that trickles one byte at a time cannot hold it forever.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <libsoup/soup.h>

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

/* A connection that says nothing for this long is given up. */
#define C3V_AWS_HTTP_IDLE_TIMEOUT_S 30
/* A whole call, from sending to the last byte of the answer. */
#define C3V_AWS_HTTP_CALL_TIMEOUT_MS (60 * 1000)

#define C3V_AWS_HTTP_ERROR (c3v_aws_http_error_quark ())
GQuark c3v_aws_http_error_quark (void);

/* How an answer went wrong once the request was sent; the messages say
 * what happened ("no complete answer within 60 s"), to follow "…: ". */
typedef enum
{
  C3V_AWS_HTTP_ERROR_TIMED_OUT, /* the deadline or the idle timeout passed */
  C3V_AWS_HTTP_ERROR_TOO_LARGE, /* above the caller's size limit */
  C3V_AWS_HTTP_ERROR_CUT_OFF,   /* the body ended before it was complete */
} C3vAwsHttpError;

/* A session for AWS calls: idle timeout, user agent; @max_conns_per_host
 * 0 keeps libsoup's default. */
SoupSession *c3v_aws_http_session_new (guint max_conns_per_host);
/* The one place AWS messages are made: redirects are never followed. */
SoupMessage *c3v_aws_http_message_new (const char *method, GUri *uri);

/* Sends @message (and makes sure it follows no redirect), reads at most
 * @max_bytes of the answer, all within @timeout_ms. The answer may have
 * any HTTP status: look at @message. Errors: C3V_AWS_HTTP_ERROR_*,
 * G_IO_ERROR_CANCELLED when @cancellable was, or libsoup's error when no
 * answer came (connection refused, name not resolved, TLS, ...). */
void    c3v_aws_http_send_async (SoupSession *session, SoupMessage *message, gsize max_bytes,
                                 guint timeout_ms, GCancellable *cancellable,
                                 GAsyncReadyCallback callback, gpointer user_data);
GBytes *c3v_aws_http_send_finish (GAsyncResult *result, GError **error);

/* Turns the service's answer (any HTTP status) into credentials, or fails. */
typedef C3vCredentials *(*C3vAwsAnswerParser) (C3vCredentialsProvider *provider,
                                               SoupMessage *message, GBytes *body, GError **error);
/* The error to report when the service could not be reached or did not
 * answer properly: @cause is never a cancellation. */
typedef GError *(*C3vAwsUnreachableError) (C3vCredentialsProvider *provider, const GError *cause);

/* Finishes c3v_aws_http_send_async() of the SoupMessage that is @task's
 * task data and returns the result of @task, whose source object is the
 * provider: the credentials @parse makes of the answer, a cancellation as
 * is, any other failure as @unreachable describes it. */
void c3v_aws_return_answer (GTask *task, GAsyncResult *result, C3vAwsUnreachableError unreachable,
                            C3vAwsAnswerParser parse);

G_END_DECLS
