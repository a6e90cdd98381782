/* c3v-untrusted.h: bounds on what c3vis reads from places it does not
 * control: answers of any endpoint, credential_process output, files in
 * ~/.aws and the cache.
 *
 * json-glib parses recursively (a few hundred bytes of `[` overflow the
 * stack) and every reader so far read until the end, however far away. So
 * untrusted JSON goes through c3v_untrusted_json_parse(), files through
 * c3v_untrusted_read_file(), and text that ends up in a message through
 * c3v_untrusted_one_line().
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Far above any real ECS answer (100 described tasks are well under 1 MB),
 * far below what hurts a desktop. */
#define C3V_UNTRUSTED_MAX_ANSWER_BYTES (8 * 1024 * 1024)
/* ECS answers nest about 8 levels deep; json-glib recurses per level. */
#define C3V_UNTRUSTED_MAX_JSON_DEPTH 100
/* ~/.aws/config, credentials and the SSO cache are a few kB. */
#define C3V_UNTRUSTED_MAX_FILE_BYTES (4 * 1024 * 1024)

/* The root of @data as JSON, or NULL with a G_IO_ERROR_INVALID_DATA
 * (G_IO_ERROR_MESSAGE_TOO_LARGE above @max_bytes) whose message says what
 * is wrong with it, in words that fit after "malformed answer: ". The
 * nesting depth is checked by a linear scan before json-glib sees it. */
JsonNode *c3v_untrusted_json_parse (const char *data, gsize length, gsize max_bytes,
                                    GError **error);
/* c3v_untrusted_json_parse() of a whole answer, which must be an object;
 * NULL (with @error) otherwise. */
JsonObject *c3v_untrusted_json_parse_object (GBytes *body, GError **error);

/* Reads @path if it is a regular file of at most @max_bytes (a FIFO,
 * device or directory is refused without blocking). G_FILE_ERROR_NOENT
 * when it does not exist. *@contents is NUL-terminated. */
gboolean c3v_untrusted_read_file (const char *path, gsize max_bytes, char **contents, gsize *length,
                                  GError **error);

/* @text as one line fit for a terminal or a banner: invalid UTF-8
 * replaced, control characters (ESC, BEL, CR, ...) dropped, only the first
 * line that has something to say (the rest goes to the debug log), at most
 * @max_chars characters. NULL for NULL. */
char *c3v_untrusted_one_line (const char *text, gsize max_chars);

/* Replaces every @secrets[i] (NULL-terminated, may be NULL) in @text, and
 * the value of any `Signature=`, `X-Amz-Signature=`, `X-Amz-Security-Token=`
 * and `x-amz-security-token:` that a service quotes back, by "[redacted]". */
void c3v_untrusted_redact (GString *text, const char *const *secrets);

G_END_DECLS
