/* c3v-untrusted.c: bounds on what c3vis reads from places it does not
 * control.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "c3v-untrusted.h"

/* --- JSON ----------------------------------------------------------------- */

/* The deepest nesting of @data, counted outside strings; stops counting
 * once past @limit. Linear and without recursion, unlike a parser. */
static guint
json_depth (const char *data, gsize length, guint limit)
{
  guint    depth = 0;
  guint    deepest = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length && deepest <= limit; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return deepest;
}

JsonNode *
c3v_untrusted_json_parse (const char *data, gsize length, gsize max_bytes, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) parse_error = NULL;
  JsonNode *root;

  if (length > max_bytes)
    {
      g_autofree char *limit = g_format_size_full (max_bytes, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE, _ ("it is larger than %s"),
                   limit);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("it is empty"));
      return NULL;
    }
  if (json_depth (data, length, C3V_UNTRUSTED_MAX_JSON_DEPTH) > C3V_UNTRUSTED_MAX_JSON_DEPTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _ ("it is nested more than %u levels deep"), C3V_UNTRUSTED_MAX_JSON_DEPTH);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &parse_error))
    {
      g_debug ("Not JSON: %s", parse_error->message);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("it is not valid JSON"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _ ("it is empty"));
      return NULL;
    }
  return json_node_ref (root);
}

JsonObject *
c3v_untrusted_json_parse_object (GBytes *body, GError **error)
{
  g_autoptr (JsonNode) root = NULL;
  gsize       length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  root = c3v_untrusted_json_parse (data, length, C3V_UNTRUSTED_MAX_ANSWER_BYTES, error);
  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("it is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* --- files ---------------------------------------------------------------- */

static gboolean
file_fail (GError **error, int code, const char *path, const char *reason)
{
  g_set_error (error, G_FILE_ERROR, code, _ ("Could not read %s: %s"), path, reason);
  return FALSE;
}

static gboolean
read_all (int fd, const char *path, gsize size, char **contents, gsize *length, GError **error)
{
  g_autofree char *buffer = g_malloc (size + 1);
  gsize            filled = 0;

  /* The size is what fstat() said; a file that grows meanwhile is cut. */
  while (filled < size)
    {
      gssize got = read (fd, buffer + filled, size - filled);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return file_fail (error, g_file_error_from_errno (errno), path, g_strerror (errno));
      if (got == 0)
        break;
      filled += (gsize) got;
    }
  buffer[filled] = '\0';
  *contents = g_steal_pointer (&buffer);
  if (length != NULL)
    *length = filled;
  return TRUE;
}

gboolean
c3v_untrusted_read_file (const char *path, gsize max_bytes, char **contents, gsize *length,
                         GError **error)
{
  struct stat info;
  gboolean    ok;
  int         fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved = errno;

      return file_fail (error, g_file_error_from_errno (saved), path, g_strerror (saved));
    }
  if (fstat (fd, &info) != 0)
    ok = file_fail (error, g_file_error_from_errno (errno), path, g_strerror (errno));
  else if (!S_ISREG (info.st_mode))
    ok = file_fail (error, G_FILE_ERROR_INVAL, path, _ ("it is not a regular file"));
  else if ((guint64) info.st_size > max_bytes)
    {
      g_autofree char *limit = g_format_size_full (max_bytes, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *reason = g_strdup_printf (_ ("it is larger than %s"), limit);

      ok = file_fail (error, G_FILE_ERROR_FAILED, path, reason);
    }
  else
    ok = read_all (fd, path, (gsize) info.st_size, contents, length, error);
  close (fd);
  return ok;
}

/* --- text for messages ---------------------------------------------------- */

/* Drops C0 and C1 controls (ESC starts terminal sequences, CR rewrites the
 * line) and the bidirectional overrides; a tab becomes a space. */
static char *
drop_controls (const char *line)
{
  GString *clean = g_string_new (NULL);

  for (const char *c = line; *c != '\0'; c = g_utf8_next_char (c))
    {
      gunichar ch = g_utf8_get_char (c);

      /* A whole CSI sequence ("ESC [ 3 1 m"), not only its ESC. */
      if (ch == 0x1b && c[1] == '[')
        {
          for (c += 2; *c != '\0' && !(*c >= 0x40 && *c <= 0x7e); c++)
            ;
          if (*c == '\0')
            break;
          continue;
        }
      /* An OSC sequence ("ESC ] 0 ; title BEL") sets a window title. */
      if (ch == 0x1b && c[1] == ']')
        {
          for (c += 2; *c != '\0' && *c != '\a' && !(c[0] == 0x1b && c[1] == '\\'); c++)
            ;
          if (*c == '\0')
            break;
          if (*c == 0x1b)
            c++;
          continue;
        }
      if (ch == '\t')
        g_string_append_c (clean, ' ');
      else if (g_unichar_iscntrl (ch) || (ch >= 0x202a && ch <= 0x202e)
               || (ch >= 0x2066 && ch <= 0x2069))
        continue;
      else
        g_string_append_unichar (clean, ch);
    }
  return g_string_free (clean, FALSE);
}

char *
c3v_untrusted_one_line (const char *text, gsize max_chars)
{
  g_autofree char *valid = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *line = NULL;

  if (text == NULL)
    return NULL;

  /* The first line with something left once the controls are gone. */
  valid = g_utf8_make_valid (text, -1);
  lines = g_strsplit_set (valid, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *clean = g_strstrip (drop_controls (lines[i]));

      if (*clean == '\0')
        continue;
      if (line == NULL)
        line = g_steal_pointer (&clean);
      else
        {
          g_debug ("The rest of the message begins: %s", clean);
          break;
        }
    }
  if (line == NULL)
    return g_strdup ("");

  if (g_utf8_strlen (line, -1) > (glong) max_chars)
    {
      *g_utf8_offset_to_pointer (line, (glong) max_chars) = '\0';
      return g_strconcat (line, "…", NULL);
    }
  return g_steal_pointer (&line);
}

/* Replaces the value after each case-insensitive @marker in @text, up to a
 * separator. */
static void
redact_after (GString *text, const char *marker)
{
  gsize marker_length = strlen (marker);
  gsize start = 0;

  while (start + marker_length <= text->len)
    {
      gsize end;

      if (g_ascii_strncasecmp (text->str + start, marker, marker_length) != 0)
        {
          start++;
          continue;
        }
      start += marker_length;
      for (end = start; end < text->len && strchr (" \t\r\n,;&\"'<>", text->str[end]) == NULL;
           end++)
        ;
      if (end > start)
        {
          g_string_erase (text, (gssize) start, (gssize) (end - start));
          g_string_insert (text, (gssize) start, "[redacted]");
          start += strlen ("[redacted]");
        }
    }
}

void
c3v_untrusted_redact (GString *text, const char *const *secrets)
{
  static const char *const markers[] = {
    "Signature=",
    "X-Amz-Security-Token=",
    "x-amz-security-token:",
    "x-amz-sso_bearer_token:",
  };

  g_return_if_fail (text != NULL);

  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    if (*secrets[i] != '\0')
      g_string_replace (text, secrets[i], "[redacted]", 0);
  /* "X-Amz-Signature=" ends in "Signature=" and is covered by it. */
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    redact_after (text, markers[i]);
}
