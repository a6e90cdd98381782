/* c3v-sigv4.h: AWS Signature Version 4 for HTTP headers (OpenSSL).
 *
 * Knows nothing about where keys come from: a request plus region, service
 * and time in, canonical request / string to sign / Authorization out. Used
 * by the ECS client to sign and by the fake ECS endpoint to verify.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *value;
} C3vHttpHeader;

typedef struct
{
  const char          *method;  /* "POST" */
  const char          *path;    /* as sent on the wire, e.g. "/" */
  const char          *query;   /* raw query without '?', or NULL */
  const C3vHttpHeader *headers; /* every header given here is signed */
  gsize                n_headers;
  const void          *body;
  gsize                body_length;
} C3vSigv4Request;

/* Caches derived signing keys per (secret, day, region, service). */
typedef struct _C3vSigv4Signer C3vSigv4Signer;

C3vSigv4Signer *c3v_sigv4_signer_new (void);
void            c3v_sigv4_signer_free (C3vSigv4Signer *signer);

/* @amz_date is the X-Amz-Date value, "20150830T123600Z". */
char *c3v_sigv4_canonical_request (const C3vSigv4Request *request, char **signed_headers);
char *c3v_sigv4_string_to_sign (const char *amz_date, const char *region, const char *service,
                                const char *canonical_request);
/* Lower-case hex signature of @string_to_sign. */
char *c3v_sigv4_signature (C3vSigv4Signer *signer, const char *secret_access_key,
                           const char *amz_date, const char *region, const char *service,
                           const char *string_to_sign);
/* The whole Authorization header value. */
char *c3v_sigv4_authorization (C3vSigv4Signer *signer, const char *access_key_id,
                               const char *secret_access_key, const C3vSigv4Request *request,
                               const char *amz_date, const char *region, const char *service);
/* "20150830T123600Z" for @unix_time (UTC). */
char *c3v_sigv4_format_amz_date (gint64 unix_time);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (C3vSigv4Signer, c3v_sigv4_signer_free)

G_END_DECLS
