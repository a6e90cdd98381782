/* c3v-options.c
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "c3v-capacity.h"
#include "c3v-export.h"
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
  g_clear_pointer (&options->fit, g_free);
  g_clear_pointer (&options->strategy, g_free);
  g_clear_pointer (&options->drain, g_free);
  options->demo = FALSE;
  options->version = FALSE;
  options->width = 0;
}

void
c3v_options_copy (C3vOptions *dest, const C3vOptions *src)
{
  c3v_options_clear (dest);
  *dest = (C3vOptions){
    .profile = g_strdup (src->profile),
    .region = g_strdup (src->region),
    .endpoint_url = g_strdup (src->endpoint_url),
    .cluster = g_strdup (src->cluster),
    .demo = src->demo,
    .version = src->version,
    .export_path = g_strdup (src->export_path),
    .dump_format = g_strdup (src->dump_format),
    .resource = g_strdup (src->resource),
    .width = src->width,
    .fit = g_strdup (src->fit),
    .strategy = g_strdup (src->strategy),
    .drain = g_strdup (src->drain),
  };
}

static GOptionContext *
option_context_new (C3vOptions *options)
{
  const GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &options->profile,
      N_ ("AWS profile to use (default: AWS_PROFILE, then “default”)"), N_ ("NAME") },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &options->region,
      N_ ("AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile’s)"), N_ ("REGION") },
    { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, &options->endpoint_url,
      N_ ("ECS endpoint to talk to instead of the regional one"), N_ ("URL") },
    { "cluster", 'c', 0, G_OPTION_ARG_STRING, &options->cluster,
      N_ ("Cluster to show, load or export"), N_ ("NAME") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &options->demo,
      N_ ("Show the built-in demo account instead of AWS"), NULL },
    { "export", 'e', 0, G_OPTION_ARG_FILENAME, &options->export_path,
      N_ ("Export the cluster as a PNG image and exit (no display needed)"), N_ ("FILE.png") },
    { "dump", 0, 0, G_OPTION_ARG_STRING, &options->dump_format,
      N_ ("Print the cluster snapshot and exit; FORMAT is “json”"), N_ ("FORMAT") },
    { "resource", 0, 0, G_OPTION_ARG_STRING, &options->resource,
      N_ ("Resource the bars show with --export: “memory” or “cpu”"), N_ ("RESOURCE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &options->width,
      N_ ("Width of the exported image in pixels"), N_ ("PX") },
    { "fit", 0, 0, G_OPTION_ARG_STRING, &options->fit,
      N_ ("Say where copies of a task fit and exit: a task definition, or "
          "memory=MIB,cpu=UNITS[,ports=P1+P2]"),
      N_ ("FAMILY[:REVISION]") },
    { "strategy", 0, 0, G_OPTION_ARG_STRING, &options->strategy,
      N_ ("How --fit and --drain place copies: “binpack” (memory), “binpack:cpu”, “spread” (AZ), "
          "“spread:instance” or “random”"),
      N_ ("STRATEGY") },
    { "drain", 0, 0, G_OPTION_ARG_STRING, &options->drain,
      N_ ("Say whether the tasks of an instance could be placed elsewhere and exit"),
      N_ ("INSTANCE") },
    { "version", 'v', 0, G_OPTION_ARG_NONE, &options->version, N_ ("Print the version and exit"),
      NULL },
    { NULL },
  };
  GOptionContext *context = g_option_context_new (NULL);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("See where containers run on Amazon ECS clusters."));
  g_option_context_set_description (
      context, _ ("Without AWS credentials, c3vis shows a built-in demo account.\n"
                  "Report bugs at https://github.com/c3vis/c3vis/issues"));

  return context;
}

gboolean
c3v_options_parse (C3vOptions *options, char **argv, GError **error)
{
  g_autoptr (GOptionContext) context = option_context_new (options);
  g_auto (GStrv) args = g_strdupv (argv);

  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  /* c3vis opens no files: a word left over is a mistyped option. */
  if (args[0] != NULL && args[1] != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("unexpected argument “%s”: see --help"), args[1]);
      return FALSE;
    }

  return c3v_options_check (options, error);
}

gboolean
c3v_options_check (const C3vOptions *options, GError **error)
{
  if (options->dump_format != NULL && !g_str_equal (options->dump_format, "json"))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("unknown --dump format “%s”: only “json” is supported"),
                   options->dump_format);
      return FALSE;
    }

  if (options->resource != NULL && !g_str_equal (options->resource, "memory")
      && !g_str_equal (options->resource, "cpu"))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _ ("--resource must be “memory” or “cpu”"));
      return FALSE;
    }

  if (options->strategy != NULL && !c3v_strategy_parse (options->strategy, &(C3vStrategy){ 0 }))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("unknown --strategy “%s”: binpack, binpack:cpu, spread, spread:instance or "
                      "random"),
                   options->strategy);
      return FALSE;
    }

  /* A task typed by hand is checked before anything is loaded. */
  if (options->fit != NULL && strchr (options->fit, '=') != NULL)
    {
      g_autoptr (C3vTaskRequest) request = c3v_task_request_parse (options->fit, error);

      if (request == NULL)
        return FALSE;
    }

  if (options->fit != NULL && options->drain != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _ ("--fit and --drain are separate questions: ask one at a time"));
      return FALSE;
    }

  /* 0 is the default; an image is at least readable and at most what
   * cairo can draw. */
  if (options->width != 0
      && (options->width < C3V_EXPORT_MIN_WIDTH || options->width > C3V_EXPORT_MAX_SIDE))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("--width must be from %d to %d pixels"), C3V_EXPORT_MIN_WIDTH,
                   C3V_EXPORT_MAX_SIDE);
      return FALSE;
    }

  return TRUE;
}
