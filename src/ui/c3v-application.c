/* c3v-application.c: the window's face of c3vis: actions and accelerators.
 *
 * The command line is parsed before, in src/app (main.c), and handed over
 * as options.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gi18n.h>

#include "c3v-application.h"
#include "c3v-window.h"

struct _C3vApplication
{
  GtkApplication parent_instance;

  GSettings *settings;
  C3vOptions options;
};

G_DEFINE_FINAL_TYPE (C3vApplication, c3v_application, GTK_TYPE_APPLICATION)

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
    { "win.next-match", { "F3", NULL } },
    { "win.show-sidebar", { "F9", NULL } },
    { "win.show-legend", { "<Shift>F9", NULL } },
    { "win.previous-match", { "<Shift>F3", NULL } },
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
  app_class->startup = c3v_application_startup;
  app_class->activate = c3v_application_activate;
}

static void
c3v_application_init (C3vApplication *self)
{
}

C3vApplication *
c3v_application_new (const C3vOptions *options)
{
  /* Non-unique: each launch honours its own command line (profile, region,
   * cluster) instead of handing it to an already running instance. */
  C3vApplication *self
      = g_object_new (C3V_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                      G_APPLICATION_NON_UNIQUE, "resource-base-path", APP_RESOURCE_PATH, NULL);

  if (options != NULL)
    c3v_options_copy (&self->options, options);

  return self;
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
