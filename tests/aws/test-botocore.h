/* test-botocore.h: botocore's SigV4 signer as the reference, for the tests
 * that compare c3vis's signatures against it (botocore-sign.py, whose path
 * the test program gets as BOTOCORE_SIGN).
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A POST as botocore should sign it; it adds host, X-Amz-Date and
 * X-Amz-Security-Token itself. */
typedef struct
{
  const char *url;
  const char *content_type;
  const char *target;
  const void *body;
  gsize       body_length;
  const char *amz_date;
  const char *access_key_id;
  const char *secret_access_key;
  const char *session_token; /* may be NULL */
  const char *region;
  const char *service; /* the signing name */
} BotocoreRequest;

/* TRUE when /usr/bin/python3 can import botocore. */
gboolean botocore_available (void);
/* The Authorization header botocore computes for @request. */
char *botocore_authorization (const BotocoreRequest *request);

G_END_DECLS
