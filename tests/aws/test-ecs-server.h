/* test-ecs-server.h: a small ECS endpoint on loopback for the client tests.
 *
 * Verifies every request's SigV4 signature with c3v-sigv4 (as AWS does),
 * answers a script of canned replies first, then ECS-shaped defaults
 * (ListTasks pages through four tasks), and counts what it saw.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <libsoup/soup.h>

#include "c3v-sigv4.h"

G_BEGIN_DECLS

#define ACCESS_KEY    "AKIATESTCLIENT000001"
#define SECRET        "test/secret+key/with+signs0000000000000"
#define SESSION_TOKEN "IQoJb3JpZ2luX2VjTESTTOKEN/with+signs=="
#define REGION        "eu-west-1"

typedef struct
{
  guint       status;
  const char *body;
  const char *error_type_header; /* X-Amzn-ErrorType, or NULL */
  const char *retry_after;       /* Retry-After, or NULL */
} Reply;

typedef struct
{
  SoupServer     *server;
  char           *url;
  C3vSigv4Signer *signer;
  const char     *secret;        /* the secret it verifies with */
  const char     *session_token; /* required when set */
  const Reply    *script;        /* answered first, in order */
  guint           script_length;
  guint           script_position;
  guint           delay_ms;       /* before each answer */
  gint64          clock_offset_s; /* its clock minus the real one */
  guint           requests;
  gint64          previous_request_us; /* monotonic arrival of the one before */
  gint64          last_request_us;
  guint           bad_signatures;
  guint           in_flight;
  guint           peak_in_flight;
  char           *last_target;
  char           *last_signed_headers;
  char           *last_body;
  char           *last_token;
  GPtrArray      *delayed; /* Delayed answers not sent yet */
} TestServer;

/* @certificate: serve https with it; NULL for http. */
TestServer *test_server_new_full (GTlsCertificate *certificate);
TestServer *test_server_new (void);
void        test_server_free (TestServer *ts);
/* @script is borrowed: answered in order before the defaults. */
void test_server_script (TestServer *ts, const Reply *script, guint length);
/* A certificate for 127.0.0.1 that no CA signed. */
GTlsCertificate *test_server_self_signed_certificate (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestServer, test_server_free)

G_END_DECLS
