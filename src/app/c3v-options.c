/* c3v-options.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "c3v-options.h"

void
c3v_options_clear (C3vOptions *options)
{
  g_clear_pointer (&options->profile, g_free);
  g_clear_pointer (&options->region, g_free);
  g_clear_pointer (&options->endpoint_url, g_free);
  g_clear_pointer (&options->cluster, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->dump_format, g_free);
  g_clear_pointer (&options->resource, g_free);
  options->demo = FALSE;
  options->width = 0;
}

static void
lookup_string (GVariantDict *dict, const char *key, char **out)
{
  const char *value = NULL;

  if (g_variant_dict_lookup (dict, key, "&s", &value))
    {
      g_free (*out);
      *out = g_strdup (value);
    }
}

void
c3v_options_load (C3vOptions *options, GVariantDict *dict)
{
  lookup_string (dict, "profile", &options->profile);
  lookup_string (dict, "region", &options->region);
  lookup_string (dict, "endpoint-url", &options->endpoint_url);
  lookup_string (dict, "cluster", &options->cluster);
  lookup_string (dict, "dump", &options->dump_format);
  lookup_string (dict, "resource", &options->resource);
  g_variant_dict_lookup (dict, "demo", "b", &options->demo);
  g_variant_dict_lookup (dict, "width", "i", &options->width);

  /* --export takes a file name, which GLib hands over as a bytestring. */
  {
    const char *path = NULL;

    if (g_variant_dict_lookup (dict, "export", "^&ay", &path))
      {
        g_free (options->export_path);
        options->export_path = g_strdup (path);
      }
  }
}
