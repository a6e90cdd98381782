/* c3v-options.h: what the command line asked for.
 *
 * Plain data shared by the window and the command-line modes (--dump,
 * --export), which must run with no display at all: parsed and checked
 * here, with no GTK.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char    *profile;
  char    *region;
  char    *endpoint_url;
  char    *cluster;
  gboolean demo;
  gboolean version;
  char    *export_path;
  char    *dump_format;
  char    *resource; /* "memory" or "cpu" */
  int      width;    /* export width in pixels, 0: the default */
  char    *fit;      /* "FAMILY[:REVISION]" or "memory=MIB,cpu=UNITS[,ports=P1+P2]" */
  char    *strategy; /* "binpack", "spread", "random", ... (c3v_strategy_parse) */
  char    *drain;    /* EC2 or container-instance id */
} C3vOptions;

void c3v_options_clear (C3vOptions *options);
void c3v_options_copy (C3vOptions *dest, const C3vOptions *src);
/* Parses @argv (NULL-terminated, left as it is) into @options, then checks
 * the values. A G_OPTION_ERROR says what is wrong in one line: an unknown
 * option, a value that is not one, an argument that is no option. Prints
 * --help and exits, as GOption does. */
gboolean c3v_options_parse (C3vOptions *options, char **argv, GError **error);
/* Checks values that parsing accepts but nothing could use (a --dump format
 * or --resource not known, a --width no image can have). */
gboolean c3v_options_check (const C3vOptions *options, GError **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (C3vOptions, c3v_options_clear)

G_END_DECLS
