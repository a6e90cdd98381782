/* c3v-aws-profile-set.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "c3v-aws-config.h"
#include "c3v-aws-config-private.h"
#include "c3v-aws-profile-set.h"
#include "c3v-untrusted.h"

#define N_SECTION_KINDS 3

struct _C3vAwsProfileSet
{
  /* name -> (key -> value), one table per C3vAwsSectionKind */
  GHashTable *sections[N_SECTION_KINDS];
  char       *config_path;
  char       *credentials_path;
};

/* Where the parser is inside one file. */
typedef struct
{
  C3vAwsProfileSet *set;
  const char       *file_name;
  C3vAwsFileKind    kind;
  guint             line_number;
  GHashTable       *section;    /* NULL outside sections or in ignored ones */
  gboolean          in_section; /* TRUE even for an ignored section */
  char             *property;   /* last key, for continuation lines */
} Parser;

C3vAwsProfileSet *
c3v_aws_profile_set_new (void)
{
  C3vAwsProfileSet *self = g_new0 (C3vAwsProfileSet, 1);

  for (guint i = 0; i < N_SECTION_KINDS; i++)
    self->sections[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_hash_table_unref);
  return self;
}

void
c3v_aws_profile_set_free (C3vAwsProfileSet *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < N_SECTION_KINDS; i++)
    g_hash_table_unref (self->sections[i]);
  g_free (self->config_path);
  g_free (self->credentials_path);
  g_free (self);
}

static gboolean
parser_fail (Parser *parser, GError **error, const char *what)
{
  g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID, _ ("%s:%u: %s"),
               parser->file_name, parser->line_number, what);
  return FALSE;
}

static GHashTable *
profile_set_ensure_section (C3vAwsProfileSet *self, C3vAwsSectionKind kind, const char *name)
{
  GHashTable *section = g_hash_table_lookup (self->sections[kind], name);

  if (section == NULL)
    {
      section = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_insert (self->sections[kind], g_strdup (name), section);
    }
  return section;
}

/* "profile  dev" -> "dev", "profile" -> "" (an error for the caller); NULL
 * unless @header is @prefix followed by blanks or nothing. */
static const char *
strip_section_prefix (const char *header, const char *prefix)
{
  gsize len = strlen (prefix);

  if (strncmp (header, prefix, len) != 0 || (header[len] != '\0' && !g_ascii_isspace (header[len])))
    return NULL;
  header += len;
  while (g_ascii_isspace (*header))
    header++;
  return header;
}

/* Maps a header to its section; FALSE for sections the AWS tools ignore
 * (`[plugins]`, `[preview]`, or `[dev]` without `profile` in the config). */
static gboolean
classify_header (C3vAwsFileKind file_kind, const char *header, C3vAwsSectionKind *kind,
                 const char **name)
{
  static const struct
  {
    const char       *prefix;
    C3vAwsSectionKind kind;
  } prefixed[] = {
    { "profile", C3V_AWS_SECTION_PROFILE },
    { "sso-session", C3V_AWS_SECTION_SSO_SESSION },
    { "services", C3V_AWS_SECTION_SERVICES },
  };

  *kind = C3V_AWS_SECTION_PROFILE;
  *name = header;
  if (file_kind == C3V_AWS_FILE_CREDENTIALS || strcmp (header, "default") == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (prefixed); i++)
    {
      const char *rest = strip_section_prefix (header, prefixed[i].prefix);

      if (rest != NULL)
        {
          *kind = prefixed[i].kind;
          *name = rest;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_header (Parser *parser, const char *line, GError **error)
{
  const char       *close = strchr (line, ']');
  g_autofree char  *header = NULL;
  const char       *rest;
  const char       *name;
  C3vAwsSectionKind kind;

  if (close == NULL)
    return parser_fail (parser, error, _ ("section header has no closing “]”"));

  rest = close + 1;
  while (g_ascii_isspace (*rest))
    rest++;
  if (*rest != '\0' && *rest != '#' && *rest != ';')
    return parser_fail (parser, error, _ ("unexpected text after section header"));

  header = g_strstrip (g_strndup (line + 1, close - line - 1));
  parser->in_section = TRUE;
  g_clear_pointer (&parser->property, g_free);
  parser->section = NULL;
  if (!classify_header (parser->kind, header, &kind, &name))
    return TRUE;
  if (*name == '\0')
    return parser_fail (parser, error, _ ("section header has no name"));

  parser->section = profile_set_ensure_section (parser->set, kind, name);
  return TRUE;
}

/* Splits "name = value" into trimmed halves. */
static gboolean
split_property (Parser *parser, const char *line, char **key, char **value, GError **error)
{
  const char *equals = strchr (line, '=');

  if (equals == NULL)
    return parser_fail (parser, error, _ ("expected “name = value”"));

  *key = g_strstrip (g_strndup (line, equals - line));
  if (**key == '\0')
    {
      g_clear_pointer (key, g_free);
      return parser_fail (parser, error, _ ("property has no name"));
    }
  *value = g_strstrip (g_strdup (equals + 1));
  return TRUE;
}

/* An indented line after a property: more value, or a sub-property when the
 * parent's value was empty (`ecs =` then `  endpoint_url = ...`). */
static gboolean
parse_continuation (Parser *parser, const char *trimmed, GError **error)
{
  const char      *parent_value = g_hash_table_lookup (parser->section, parser->property);
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (parent_value != NULL && *parent_value != '\0')
    {
      char *joined = g_strconcat (parent_value, "\n", trimmed, NULL);

      g_hash_table_insert (parser->section, g_strdup (parser->property), joined);
      return TRUE;
    }

  if (!split_property (parser, trimmed, &key, &value, error))
    return FALSE;
  g_hash_table_insert (parser->section, g_strconcat (parser->property, ".", key, NULL),
                       g_steal_pointer (&value));
  return TRUE;
}

static gboolean
parse_property (Parser *parser, const char *trimmed, GError **error)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;

  if (!parser->in_section)
    return parser_fail (parser, error, _ ("property outside of any section"));
  if (parser->section == NULL)
    return TRUE; /* a section the AWS tools ignore: so do we */
  if (!split_property (parser, trimmed, &key, &value, error))
    return FALSE;

  g_free (parser->property);
  parser->property = g_strdup (key);
  g_hash_table_insert (parser->section, g_steal_pointer (&key), g_steal_pointer (&value));
  return TRUE;
}

static gboolean
parse_line (Parser *parser, char *line, GError **error)
{
  gboolean indented = g_ascii_isspace (line[0]);
  char    *trimmed = g_strstrip (line);

  if (*trimmed == '\0' || *trimmed == '#' || *trimmed == ';')
    return TRUE;
  if (*trimmed == '[')
    return parse_header (parser, trimmed, error);
  if (indented && parser->property != NULL)
    return parse_continuation (parser, trimmed, error);
  return parse_property (parser, trimmed, error);
}

gboolean
c3v_aws_profile_set_parse (C3vAwsProfileSet *self, const char *text, const char *file_name,
                           C3vAwsFileKind kind, GError **error)
{
  g_auto (GStrv) lines = NULL;
  Parser   parser = { self, file_name, kind, 0, NULL, FALSE, NULL };
  gboolean ok = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      parser.line_number = i + 1;
      ok = parse_line (&parser, lines[i], error);
    }
  g_free (parser.property);
  return ok;
}

gboolean
c3v_aws_profile_set_load_file (C3vAwsProfileSet *self, const char *path, C3vAwsFileKind kind,
                               GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *text = NULL;
  gsize            length = 0;
  const char      *nul;

  /* Only a regular file of sane size: /dev/zero or a FIFO would hang. */
  if (!c3v_untrusted_read_file (path, C3V_UNTRUSTED_MAX_FILE_BYTES, &text, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_set_error_literal (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                           local_error->message);
      return FALSE;
    }
  nul = memchr (text, '\0', length);
  if (nul != NULL)
    {
      guint line = 1;

      for (const char *c = text; c < nul; c++)
        line += *c == '\n';
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                   _ ("%s:%u: a NUL byte; this is not a text file"), path, line);
      return FALSE;
    }
  if (!g_utf8_validate (text, (gssize) length, NULL))
    {
      g_set_error (error, C3V_AWS_CONFIG_ERROR, C3V_AWS_CONFIG_ERROR_INVALID,
                   _ ("%s is not valid UTF-8 text"), path);
      return FALSE;
    }
  return c3v_aws_profile_set_parse (self, text, path, kind, error);
}

static char *
file_path_from_env (const char *variable, const char *file_name)
{
  const char *value = g_getenv (variable);

  if (value != NULL && *value != '\0')
    {
      /* The CLI expands a leading ~ in these variables. */
      if (g_str_has_prefix (value, "~/"))
        return c3v_aws_home_path (value + 2, NULL);
      return g_strdup (value);
    }
  return c3v_aws_home_path (".aws", file_name, NULL);
}

char *
c3v_aws_profile_set_config_file_path (void)
{
  return file_path_from_env ("AWS_CONFIG_FILE", "config");
}

char *
c3v_aws_profile_set_credentials_file_path (void)
{
  return file_path_from_env ("AWS_SHARED_CREDENTIALS_FILE", "credentials");
}

C3vAwsProfileSet *
c3v_aws_profile_set_load_default (GError **error)
{
  g_autoptr (C3vAwsProfileSet) self = c3v_aws_profile_set_new ();

  self->config_path = c3v_aws_profile_set_config_file_path ();
  self->credentials_path = c3v_aws_profile_set_credentials_file_path ();

  /* Credentials last: its values override the config file's. */
  if (!c3v_aws_profile_set_load_file (self, self->config_path, C3V_AWS_FILE_CONFIG, error)
      || !c3v_aws_profile_set_load_file (self, self->credentials_path, C3V_AWS_FILE_CREDENTIALS,
                                         error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
c3v_aws_profile_set_get_config_path (C3vAwsProfileSet *self)
{
  return self->config_path;
}

const char *
c3v_aws_profile_set_get_credentials_path (C3vAwsProfileSet *self)
{
  return self->credentials_path;
}

gboolean
c3v_aws_profile_set_has_section (C3vAwsProfileSet *self, C3vAwsSectionKind kind, const char *name)
{
  g_return_val_if_fail (kind < N_SECTION_KINDS, FALSE);

  return name != NULL && g_hash_table_contains (self->sections[kind], name);
}

const char *
c3v_aws_profile_set_get (C3vAwsProfileSet *self, C3vAwsSectionKind kind, const char *name,
                         const char *key)
{
  GHashTable *section;

  g_return_val_if_fail (kind < N_SECTION_KINDS, NULL);

  if (name == NULL)
    return NULL;
  section = g_hash_table_lookup (self->sections[kind], name);
  return section != NULL ? g_hash_table_lookup (section, key) : NULL;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

char **
c3v_aws_profile_set_list (C3vAwsProfileSet *self, C3vAwsSectionKind kind)
{
  guint  n = 0;
  char **names;

  g_return_val_if_fail (kind < N_SECTION_KINDS, NULL);

  names = (char **) g_hash_table_get_keys_as_array (self->sections[kind], &n);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (names[i]);
  qsort (names, n, sizeof (char *), compare_strings);
  return names;
}
