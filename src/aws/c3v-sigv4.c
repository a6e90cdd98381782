/* c3v-sigv4.c: AWS Signature Version 4 for HTTP headers (OpenSSL 3).
 *
 * SPDX-License-Identifier: Apache-2.0
 */

#include "c3v-sigv4.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#define SIGV4_ALGORITHM "AWS4-HMAC-SHA256"
#define SHA256_LENGTH   32
/* A handful of (credentials, day) pairs is all a session ever sees; the bound
 * only keeps a long-running process from collecting stale keys. */
#define KEY_CACHE_MAX 32

struct _C3vSigv4Signer
{
  GMutex mutex;
  /* "sha256(secret)/day/region/service" -> SHA256_LENGTH bytes, wiped on free */
  GHashTable *keys;
};

typedef struct
{
  char       *name;  /* lower case */
  const char *value; /* borrowed from the request */
} SortedHeader;

static void
wipe_and_free_key (gpointer data)
{
  OPENSSL_cleanse (data, SHA256_LENGTH);
  g_free (data);
}

C3vSigv4Signer *
c3v_sigv4_signer_new (void)
{
  C3vSigv4Signer *signer = g_new0 (C3vSigv4Signer, 1);

  g_mutex_init (&signer->mutex);
  signer->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_and_free_key);
  return signer;
}

void
c3v_sigv4_signer_free (C3vSigv4Signer *signer)
{
  if (signer == NULL)
    return;

  g_hash_table_unref (signer->keys);
  g_mutex_clear (&signer->mutex);
  g_free (signer);
}

static void
sha256 (const void *data, gsize length, guint8 out[SHA256_LENGTH])
{
  unsigned int out_length = 0;

  if (!EVP_Digest (data, length, out, &out_length, EVP_sha256 (), NULL))
    g_error ("EVP_Digest(SHA-256) failed");
}

static void
hmac_sha256 (const void *key, gsize key_length, const char *data, guint8 out[SHA256_LENGTH])
{
  gsize out_length = 0;

  if (EVP_Q_mac (NULL, "HMAC", NULL, "SHA256", NULL, key, key_length, (const unsigned char *) data,
                 strlen (data), out, SHA256_LENGTH, &out_length)
      == NULL)
    g_error ("EVP_Q_mac(HMAC-SHA256) failed");
}

static char *
hex_encode (const guint8 *bytes, gsize length)
{
  static const char digits[] = "0123456789abcdef";
  char             *hex = g_malloc (length * 2 + 1);

  for (gsize i = 0; i < length; i++)
    {
      hex[2 * i] = digits[bytes[i] >> 4];
      hex[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  hex[length * 2] = '\0';
  return hex;
}

static char *
hex_sha256 (const void *data, gsize length)
{
  guint8 digest[SHA256_LENGTH];

  sha256 (data, length, digest);
  return hex_encode (digest, sizeof digest);
}

static gboolean
is_unreserved (guchar c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.' || c == '~';
}

/* RFC 3986 encoding as SigV4 wants it: every byte but the unreserved ones,
 * upper-case hex. */
static void
append_uri_encoded (GString *out, const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];

      if (is_unreserved (c))
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
}

/* Services other than S3 sign the normalised path: dot segments resolved,
 * empty segments dropped, then encoded once more (a '%' already on the wire
 * becomes "%25", as the SDKs do). */
static void
append_canonical_uri (GString *out, const char *path)
{
  g_auto (GStrv) segments = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  gsize path_length;

  if (path == NULL || *path == '\0')
    {
      g_string_append_c (out, '/');
      return;
    }

  path_length = strlen (path);
  segments = g_strsplit (path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      if (segments[i][0] == '\0' || g_str_equal (segments[i], "."))
        continue;
      if (g_str_equal (segments[i], ".."))
        {
          if (kept->len > 0)
            g_ptr_array_remove_index (kept, kept->len - 1);
          continue;
        }
      g_ptr_array_add (kept, segments[i]);
    }

  if (path[0] == '/')
    g_string_append_c (out, '/');
  for (guint i = 0; i < kept->len; i++)
    {
      const char *segment = g_ptr_array_index (kept, i);

      if (i > 0)
        g_string_append_c (out, '/');
      append_uri_encoded (out, segment, strlen (segment));
    }
  if (path[path_length - 1] == '/' && kept->len > 0)
    g_string_append_c (out, '/');
}

/* Decodes one key or value from the wire and encodes it canonically, so that
 * "%E1%88%B4" and the raw UTF-8 bytes sign the same. */
static char *
canonical_query_part (const char *part, gsize length)
{
  g_autofree char *raw = g_strndup (part, length);
  g_autoptr (GBytes) decoded = g_uri_unescape_bytes (raw, -1, NULL, NULL);
  GString *out = g_string_new (NULL);

  if (decoded == NULL)
    append_uri_encoded (out, raw, length);
  else
    {
      gsize       decoded_length = 0;
      const char *data = g_bytes_get_data (decoded, &decoded_length);

      append_uri_encoded (out, data, decoded_length);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  char *key;
  char *value;
} QueryParameter;

static void
query_parameter_clear (gpointer data)
{
  QueryParameter *parameter = data;

  g_free (parameter->key);
  g_free (parameter->value);
}

static int
compare_query_parameters (gconstpointer a, gconstpointer b)
{
  const QueryParameter *pa = a;
  const QueryParameter *pb = b;
  int                   by_key = strcmp (pa->key, pb->key);

  return by_key != 0 ? by_key : strcmp (pa->value, pb->value);
}

/* Parameters sorted by encoded key, then by encoded value. */
static void
append_canonical_query (GString *out, const char *query)
{
  g_auto (GStrv) pairs = NULL;
  g_autoptr (GArray) parameters = NULL;

  if (query == NULL || *query == '\0')
    return;

  parameters = g_array_new (FALSE, FALSE, sizeof (QueryParameter));
  g_array_set_clear_func (parameters, query_parameter_clear);
  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char    *equals = strchr (pairs[i], '=');
      gsize          key_length = equals ? (gsize) (equals - pairs[i]) : strlen (pairs[i]);
      QueryParameter parameter;

      if (pairs[i][0] == '\0')
        continue;
      parameter.key = canonical_query_part (pairs[i], key_length);
      parameter.value
          = equals != NULL ? canonical_query_part (equals + 1, strlen (equals + 1)) : g_strdup ("");
      g_array_append_val (parameters, parameter);
    }

  g_array_sort (parameters, compare_query_parameters);
  for (guint i = 0; i < parameters->len; i++)
    {
      const QueryParameter *parameter = &g_array_index (parameters, QueryParameter, i);

      g_string_append_printf (out, "%s%s=%s", i > 0 ? "&" : "", parameter->key, parameter->value);
    }
}

/* Trimmed, with every run of whitespace (folded lines included) as one space. */
static void
append_header_value (GString *out, const char *value)
{
  gboolean pending_space = FALSE;
  gboolean started = FALSE;

  for (const char *p = value ? value : ""; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = started;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      g_string_append_c (out, *p);
      pending_space = FALSE;
      started = TRUE;
    }
}

static void
sorted_header_clear (gpointer data)
{
  SortedHeader *header = data;

  g_free (header->name);
}

static int
compare_headers (gconstpointer a, gconstpointer b)
{
  return strcmp (((const SortedHeader *) a)->name, ((const SortedHeader *) b)->name);
}

/* Appends "name:value\n" lines to @out and returns "name;name". Duplicate
 * names are joined with ',' in the order given (the sort is stable). */
static char *
append_canonical_headers (GString *out, const C3vSigv4Request *request)
{
  g_autoptr (GArray) headers
      = g_array_sized_new (FALSE, FALSE, sizeof (SortedHeader), request->n_headers);
  GString    *signed_headers = g_string_new (NULL);
  const char *previous = NULL;

  g_array_set_clear_func (headers, sorted_header_clear);
  for (gsize i = 0; i < request->n_headers; i++)
    {
      SortedHeader header = {
        g_ascii_strdown (request->headers[i].name, -1),
        request->headers[i].value,
      };

      g_array_append_val (headers, header);
    }
  g_array_sort (headers, compare_headers);

  for (guint i = 0; i < headers->len; i++)
    {
      const SortedHeader *header = &g_array_index (headers, SortedHeader, i);

      if (previous != NULL && g_str_equal (previous, header->name))
        g_string_append_c (out, ',');
      else
        {
          if (previous != NULL)
            {
              g_string_append_c (out, '\n');
              g_string_append_c (signed_headers, ';');
            }
          g_string_append_printf (out, "%s:", header->name);
          g_string_append (signed_headers, header->name);
        }
      append_header_value (out, header->value);
      previous = header->name;
    }
  if (previous != NULL)
    g_string_append_c (out, '\n');

  return g_string_free (signed_headers, FALSE);
}

char *
c3v_sigv4_canonical_request (const C3vSigv4Request *request, char **signed_headers)
{
  GString         *out = g_string_new (NULL);
  g_autofree char *header_names = NULL;
  g_autofree char *payload_hash = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->method != NULL, NULL);

  g_string_append (out, request->method);
  g_string_append_c (out, '\n');
  append_canonical_uri (out, request->path);
  g_string_append_c (out, '\n');
  append_canonical_query (out, request->query);
  g_string_append_c (out, '\n');
  header_names = append_canonical_headers (out, request);
  g_string_append_c (out, '\n');
  g_string_append (out, header_names);
  g_string_append_c (out, '\n');
  payload_hash = hex_sha256 (request->body ? request->body : "", request->body_length);
  g_string_append (out, payload_hash);

  if (signed_headers != NULL)
    *signed_headers = g_steal_pointer (&header_names);
  return g_string_free (out, FALSE);
}

static char *
credential_scope (const char *amz_date, const char *region, const char *service)
{
  return g_strdup_printf ("%.8s/%s/%s/aws4_request", amz_date, region, service);
}

char *
c3v_sigv4_string_to_sign (const char *amz_date, const char *region, const char *service,
                          const char *canonical_request)
{
  g_autofree char *scope = NULL;
  g_autofree char *hash = NULL;

  g_return_val_if_fail (amz_date != NULL && strlen (amz_date) >= 8, NULL);
  g_return_val_if_fail (region != NULL && service != NULL, NULL);
  g_return_val_if_fail (canonical_request != NULL, NULL);

  scope = credential_scope (amz_date, region, service);
  hash = hex_sha256 (canonical_request, strlen (canonical_request));
  return g_strdup_printf (SIGV4_ALGORITHM "\n%s\n%s\n%s", amz_date, scope, hash);
}

static void
derive_signing_key (const char *secret_access_key, const char *day, const char *region,
                    const char *service, guint8 key[SHA256_LENGTH])
{
  g_autofree char *first_key = g_strconcat ("AWS4", secret_access_key, NULL);
  guint8           k_date[SHA256_LENGTH];
  guint8           k_region[SHA256_LENGTH];
  guint8           k_service[SHA256_LENGTH];

  hmac_sha256 (first_key, strlen (first_key), day, k_date);
  hmac_sha256 (k_date, sizeof k_date, region, k_region);
  hmac_sha256 (k_region, sizeof k_region, service, k_service);
  hmac_sha256 (k_service, sizeof k_service, "aws4_request", key);

  OPENSSL_cleanse (first_key, strlen (first_key));
  OPENSSL_cleanse (k_date, sizeof k_date);
  OPENSSL_cleanse (k_region, sizeof k_region);
  OPENSSL_cleanse (k_service, sizeof k_service);
}

/* Copies the derived key for (secret, day, region, service) into @key. The
 * cache is indexed by a hash of the secret, never the secret itself. */
static void
signer_lookup_key (C3vSigv4Signer *signer, const char *secret_access_key, const char *day,
                   const char *region, const char *service, guint8 key[SHA256_LENGTH])
{
  g_autofree char *secret_hash = hex_sha256 (secret_access_key, strlen (secret_access_key));
  g_autofree char *cache_key = g_strdup_printf ("%s/%s/%s/%s", secret_hash, day, region, service);
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&signer->mutex);
  guint8 *cached = g_hash_table_lookup (signer->keys, cache_key);

  if (cached == NULL)
    {
      if (g_hash_table_size (signer->keys) >= KEY_CACHE_MAX)
        g_hash_table_remove_all (signer->keys);
      cached = g_malloc (SHA256_LENGTH);
      derive_signing_key (secret_access_key, day, region, service, cached);
      g_hash_table_insert (signer->keys, g_steal_pointer (&cache_key), cached);
    }
  memcpy (key, cached, SHA256_LENGTH);
}

char *
c3v_sigv4_signature (C3vSigv4Signer *signer, const char *secret_access_key, const char *amz_date,
                     const char *region, const char *service, const char *string_to_sign)
{
  g_autofree char *day = NULL;
  guint8           key[SHA256_LENGTH];
  guint8           signature[SHA256_LENGTH];

  g_return_val_if_fail (signer != NULL, NULL);
  g_return_val_if_fail (secret_access_key != NULL, NULL);
  g_return_val_if_fail (amz_date != NULL && strlen (amz_date) >= 8, NULL);
  g_return_val_if_fail (region != NULL && service != NULL, NULL);
  g_return_val_if_fail (string_to_sign != NULL, NULL);

  day = g_strndup (amz_date, 8);
  signer_lookup_key (signer, secret_access_key, day, region, service, key);
  hmac_sha256 (key, sizeof key, string_to_sign, signature);
  OPENSSL_cleanse (key, sizeof key);

  return hex_encode (signature, sizeof signature);
}

char *
c3v_sigv4_authorization (C3vSigv4Signer *signer, const char *access_key_id,
                         const char *secret_access_key, const C3vSigv4Request *request,
                         const char *amz_date, const char *region, const char *service)
{
  g_autofree char *signed_headers = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *string_to_sign = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *scope = NULL;

  g_return_val_if_fail (access_key_id != NULL, NULL);

  canonical = c3v_sigv4_canonical_request (request, &signed_headers);
  string_to_sign = c3v_sigv4_string_to_sign (amz_date, region, service, canonical);
  signature
      = c3v_sigv4_signature (signer, secret_access_key, amz_date, region, service, string_to_sign);
  if (signature == NULL)
    return NULL;

  scope = credential_scope (amz_date, region, service);
  return g_strdup_printf (SIGV4_ALGORITHM " Credential=%s/%s, SignedHeaders=%s, Signature=%s",
                          access_key_id, scope, signed_headers, signature);
}

char *
c3v_sigv4_format_amz_date (gint64 unix_time)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  g_return_val_if_fail (time != NULL, NULL);

  return g_date_time_format (time, "%Y%m%dT%H%M%SZ");
}
