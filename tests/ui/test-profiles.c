/* test-profiles.c: choosing an AWS profile in the header bar.
 *
 * The application starts on the demo account; the AWS config files (in a
 * temporary folder) hold a profile "dev" whose endpoint_url points at the
 * project's ECS endpoint. Choosing "dev" in the profile drop-down must
 * connect with that profile's region, endpoint and keys, list its
 * clusters, and remember the choice. Choosing another region then signs
 * for that region, which this endpoint (like ECS) refuses: the window must
 * say so in its banner.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <glib/gstdio.h>

#include "c3v-application.h"
#include "c3v-cluster-row.h"
#include "c3v-fake-ecs.h"
#include "ui-test-support.h"

#define PROFILE "dev"

#define OTHER_REGION "us-east-1"

typedef struct
{
  gboolean chosen;
  char    *subtitle;
  guint    n_clusters;
  gboolean region_chosen;
  char    *banner;
} ProfilesTest;

static guint
count_cluster_rows (GtkWidget *toplevel)
{
  GtkWidget *list = ui_test_find (toplevel, "GtkListBox");
  guint      n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += C3V_IS_CLUSTER_ROW (row);

  return n;
}

/* Selects @choice in @dropdown, as a user does. */
static gboolean
choose (GtkDropDown *dropdown, const char *choice)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), choice))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
banner_text (GtkWindow *window, char **text)
{
  GtkWidget *banner = ui_test_find (GTK_WIDGET (window), "GtkInfoBar");
  GtkWidget *label = ui_test_find (banner, "GtkLabel");

  if (!gtk_info_bar_get_revealed (GTK_INFO_BAR (banner))
      || !g_str_has_prefix (gtk_label_get_text (GTK_LABEL (label)), "Could not list clusters"))
    return FALSE;

  *text = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  return TRUE;
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  ProfilesTest *test = user_data;
  GtkWidget    *subtitle;

  if (test->region_chosen)
    return banner_text (window, &test->banner);

  if (!test->chosen)
    {
      /* Wait for the demo's clusters, then switch. */
      if (count_cluster_rows (GTK_WIDGET (window)) == 0)
        return FALSE;
      /* The profile drop-down comes first in the header bar. */
      test->chosen
          = choose (GTK_DROP_DOWN (ui_test_find (GTK_WIDGET (window), "GtkDropDown")), PROFILE);
      g_assert_true (test->chosen);
      return FALSE;
    }

  /* The title shows "profile · region" once a cluster of it loads. */
  subtitle = ui_test_find_with_class (GTK_WIDGET (window), "GtkLabel", "subtitle");
  if (!gtk_widget_get_visible (subtitle)
      || !g_str_has_prefix (gtk_label_get_text (GTK_LABEL (subtitle)), PROFILE " "))
    return FALSE;

  if (!test->region_chosen)
    {
      GtkWidget *profile = ui_test_find (GTK_WIDGET (window), "GtkDropDown");

      test->subtitle = g_strdup (gtk_label_get_text (GTK_LABEL (subtitle)));
      test->n_clusters = count_cluster_rows (GTK_WIDGET (window));
      if (test->n_clusters == 0)
        return FALSE;
      test->region_chosen
          = choose (GTK_DROP_DOWN (gtk_widget_get_next_sibling (profile)), OTHER_REGION);
      g_assert_true (test->region_chosen);
      return FALSE;
    }

  return banner_text (window, &test->banner);
}

static char *
write_file (const char *dir, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_choose_profile (void)
{
  g_autoptr (C3vFakeEcs) endpoint = c3v_fake_ecs_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("c3vis-profiles-XXXXXX", &error);
  g_autofree char *config = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *config_text = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *saved = NULL;
  char            *argv[] = { (char *) "c3vis", (char *) "--demo", NULL };
  ProfilesTest     test = { 0 };

  g_assert_no_error (error);
  g_assert_true (c3v_fake_ecs_start (endpoint, 0, &error));
  config_text = g_strdup_printf ("[profile " PROFILE "]\nregion = " C3V_FAKE_ECS_REGION
                                 "\nendpoint_url = %s\n",
                                 c3v_fake_ecs_get_url (endpoint));
  config = write_file (dir, "config", config_text);
  credentials = write_file (dir, "credentials",
                            "[" PROFILE "]\naws_access_key_id = " C3V_FAKE_ECS_ACCESS_KEY_ID
                            "\naws_secret_access_key = " C3V_FAKE_ECS_SECRET_ACCESS_KEY "\n");
  g_setenv ("AWS_CONFIG_FILE", config, TRUE);
  g_setenv ("AWS_SHARED_CREDENTIALS_FILE", credentials, TRUE);

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);

  g_assert_cmpstr (test.subtitle, ==, PROFILE " · " C3V_FAKE_ECS_REGION);
  g_assert_cmpuint (test.n_clusters, >, 0);
  settings = g_settings_new (APP_ID);
  saved = g_settings_get_string (settings, "profile");
  g_assert_cmpstr (saved, ==, PROFILE);
  g_free (saved);
  saved = g_settings_get_string (settings, "region");
  g_assert_cmpstr (saved, ==, OTHER_REGION);
  g_test_message ("banner: %s", test.banner);
  g_assert_nonnull (strstr (test.banner, "InvalidSignatureException"));

  g_unlink (config);
  g_unlink (credentials);
  g_rmdir (dir);
  g_free (test.subtitle);
  g_free (test.banner);
}

int
main (int argc, char *argv[])
{
  g_unsetenv ("AWS_PROFILE");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/profiles/choose-profile", test_choose_profile);
  return g_test_run ();
}
