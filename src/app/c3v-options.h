/* c3v-options.h: what the command line asked for.
 *
 * Plain data shared by the window and the headless commands (--dump,
 * --export), which must run with no display at all.
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
  char    *export_path;
  char    *dump_format;
  char    *resource; /* "memory" or "cpu" */
  int      width;    /* export width in pixels, 0: natural */
} C3vOptions;

void c3v_options_clear (C3vOptions *options);
/* Fills @options from the parsed GApplication option dictionary. */
void c3v_options_load (C3vOptions *options, GVariantDict *dict);

G_END_DECLS
