/* c3v-application.c: options, actions and accelerators of c3vis.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-application.h"
#include "c3v-cli.h"
#include "c3v-window.h"

struct _C3vApplication
{
  GtkApplication parent_instance;

  GSettings *settings;
  C3vOptions options;
};

G_DEFINE_FINAL_TYPE (C3vApplication, c3v_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[]
    = { { "profile", 'p', 0, G_OPTION_ARG_STRING, NULL,
          N_ ("AWS profile to use (default: AWS_PROFILE, then “default”)"), N_ ("NAME") },
        { "region", 'r', 0, G_OPTION_ARG_STRING, NULL,
          N_ ("AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile’s)"),
          N_ ("REGION") },
        { "endpoint-url", 0, 0, G_OPTION_ARG_STRING, NULL,
          N_ ("ECS endpoint to talk to instead of the regional one"), N_ ("URL") },
        { "cluster", 'c', 0, G_OPTION_ARG_STRING, NULL, N_ ("Cluster to show, load or export"),
          N_ ("NAME") },
        { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
          N_ ("Show the built-in demo account instead of AWS"), NULL },
        { "export", 'e', 0, G_OPTION_ARG_FILENAME, NULL,
          N_ ("Export the cluster as a PNG image and exit (no display needed)"), N_ ("FILE.png") },
        { "dump", 0, 0, G_OPTION_ARG_STRING, NULL,
          N_ ("Print the cluster snapshot and exit; FORMAT is “json”"), N_ ("FORMAT") },
        { "resource", 0, 0, G_OPTION_ARG_STRING, NULL,
          N_ ("Resource the bars show with --export: “memory” or “cpu”"), N_ ("RESOURCE") },
        { "width", 0, 0, G_OPTION_ARG_INT, NULL, N_ ("Width of the exported image in pixels"),
          N_ ("PX") },
        { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
        { NULL } };

static int
c3v_application_handle_local_options (GApplication *app, GVariantDict *dict)
{
  C3vApplication *self = C3V_APPLICATION (app);

  if (g_variant_dict_contains (dict, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  c3v_options_load (&self->options, dict);

  /* Headless commands never touch GTK, so they work with no display. */
  if (self->options.dump_format != NULL || self->options.export_path != NULL)
    return c3v_cli_run (&self->options);

  return -1;
}

static void
c3v_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (c3v_window_new (C3V_APPLICATION (app)));

  gtk_window_present (window);
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList        *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows first lets each save its state. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (app);
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  static const char *authors[] = { "The c3vis developers", NULL };
  GtkWindow         *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (
      parent, "program-name", "c3vis", "logo-icon-name", APP_ID, "version", PACKAGE_VERSION,
      "comments", _ ("See where containers run on Amazon ECS clusters and how much room is left"),
      "website", "https://github.com/c3vis/c3vis", "license-type", GTK_LICENSE_APACHE_2_0,
      "authors", authors,
      /* Translators: put your names here, one per line. */
      "translator-credits", _ ("translator-credits"), NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "about", .activate = about_activated },
};

static void
set_accels (GtkApplication *app)
{
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.about", { "F1", NULL } },
    { "win.refresh", { "<Control>r", "F5", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.zoom-out", { "<Control>minus", NULL } },
    { "win.zoom-fit", { "<Control>0", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

/* GtkApplication (unlike libadwaita's) does not load style.css itself. */
static void
load_style (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, APP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
c3v_application_startup (GApplication *app)
{
  C3vApplication *self = C3V_APPLICATION (app);

  G_APPLICATION_CLASS (c3v_application_parent_class)->startup (app);

  g_set_application_name ("c3vis");
  gtk_window_set_default_icon_name (APP_ID);
  load_style ();
  self->settings = g_settings_new (APP_ID);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  set_accels (GTK_APPLICATION (app));
}

static void
c3v_application_finalize (GObject *object)
{
  C3vApplication *self = C3V_APPLICATION (object);

  g_clear_object (&self->settings);
  c3v_options_clear (&self->options);

  G_OBJECT_CLASS (c3v_application_parent_class)->finalize (object);
}

static void
c3v_application_class_init (C3vApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = c3v_application_finalize;
  app_class->handle_local_options = c3v_application_handle_local_options;
  app_class->startup = c3v_application_startup;
  app_class->activate = c3v_application_activate;
}

static void
c3v_application_init (C3vApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _ ("See where containers run on Amazon ECS clusters."));
  g_application_set_option_context_description (
      G_APPLICATION (self), _ ("Without AWS credentials, c3vis shows a built-in demo account.\n"
                               "Report bugs at https://github.com/c3vis/c3vis/issues"));
}

C3vApplication *
c3v_application_new (void)
{
  /* Non-unique: each launch honours its own command line (profile, region,
   * cluster) instead of handing it to an already running instance. */
  return g_object_new (C3V_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_NON_UNIQUE, "resource-base-path", APP_RESOURCE_PATH, NULL);
}

GSettings *
c3v_application_get_settings (C3vApplication *self)
{
  g_return_val_if_fail (C3V_IS_APPLICATION (self), NULL);

  return self->settings;
}

const C3vOptions *
c3v_application_get_options (C3vApplication *self)
{
  g_return_val_if_fail (C3V_IS_APPLICATION (self), NULL);

  return &self->options;
}
