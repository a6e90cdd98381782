/* c3v-aws-http-private.h: the end of a credential source's request to its
 * AWS service (SSO portal, STS), shared so that both treat a cancelled or
 * failed transfer the same way.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <libsoup/soup.h>

#include "c3v-credentials-provider.h"

G_BEGIN_DECLS

/* Turns the service's answer (any HTTP status) into credentials, or fails. */
typedef C3vCredentials *(*C3vAwsAnswerParser) (C3vCredentialsProvider *provider,
                                               SoupMessage *message, GBytes *body, GError **error);
/* The error to report when the service could not be reached: @cause is the
 * transport error, which is never a cancellation. */
typedef GError *(*C3vAwsUnreachableError) (C3vCredentialsProvider *provider, const GError *cause);

/* Finishes soup_session_send_and_read_async() of the SoupMessage that is
 * @task's task data and returns the result of @task, whose source object is
 * the provider: the credentials @parse makes of the answer, a cancellation
 * as is, any other transport failure as @unreachable describes it. */
void c3v_aws_return_answer (GTask *task, SoupSession *session, GAsyncResult *result,
                            C3vAwsUnreachableError unreachable, C3vAwsAnswerParser parse);

G_END_DECLS
