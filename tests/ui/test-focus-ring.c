/* test-focus-ring.c: the cluster view draws a ring round the focused task.
 *
 * On the demo's production cluster, the Right arrow (a key press through
 * the X server, XTest) in the view focuses a task; the painted window then
 * has the theme's selection colour on all four sides of that task's box,
 * where before the key press it had not.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>
#include <X11/keysym.h>

#include "c3v-layout.h"
#include "ui-test-support.h"

#define CLUSTER "production"
#define NEAR    4

typedef enum
{
  STEP_LOADED,
  STEP_FOCUSED,
  STEP_DONE,
} Step;

typedef struct
{
  Step            step;
  C3vClusterView *view;
  GdkTexture     *before;
} RingTest;

static guint32
pixel_at (GdkTexture *texture, int x, int y)
{
  int                width = gdk_texture_get_width (texture);
  gsize              stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * gdk_texture_get_height (texture));

  g_assert_true (x >= 0 && y >= 0 && x < width && y < gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);
  return *(guint32 *) (pixels + y * stride + x * 4);
}

/* Close to @want, as the texture stores it (BGRA, premultiplied, opaque). */
static gboolean
is_colour (guint32 pixel, const GdkRGBA *want)
{
  int blue = pixel & 0xff, green = (pixel >> 8) & 0xff, red = (pixel >> 16) & 0xff;

  return ABS (red - (int) (want->red * 255)) <= 3 && ABS (green - (int) (want->green * 255)) <= 3
         && ABS (blue - (int) (want->blue * 255)) <= 3;
}

/* The four points just outside the focused box (window coordinates). */
static void
ring_points (RingTest *test, GtkWindow *window, int points[4][2])
{
  const C3vLayoutBox *boxes;
  guint               n, task;
  gint                box;
  double              cx, cy;
  graphene_point_t    origin;
  C3vRect             rect;

  g_assert_true (c3v_cluster_view_get_focused_task (test->view, &task));
  box = c3v_layout_find_task_box (c3v_cluster_view_get_layout (test->view), task);
  g_assert_cmpint (box, >=, 0);
  boxes = c3v_layout_get_boxes (c3v_cluster_view_get_layout (test->view), &n);
  rect = boxes[box].rect;
  g_assert_true (c3v_cluster_view_get_task_point (test->view, task, &cx, &cy));
  g_assert_true (gtk_widget_compute_point (
      GTK_WIDGET (test->view), GTK_WIDGET (window),
      &GRAPHENE_POINT_INIT (cx - rect.width / 2, cy - rect.height / 2), &origin));
  points[0][0] = (int) floor (origin.x) - 2; /* left */
  points[0][1] = (int) (origin.y + rect.height / 2);
  points[1][0] = (int) ceil (origin.x + rect.width) + 1; /* right */
  points[1][1] = points[0][1];
  points[2][0] = (int) (origin.x + rect.width / 2); /* top */
  points[2][1] = (int) floor (origin.y) - 2;
  points[3][0] = points[2][0]; /* bottom */
  points[3][1] = (int) ceil (origin.y + rect.height) + 1;
}

static gboolean
step (GtkWindow *window, gpointer user_data)
{
  RingTest *test = user_data;

  if (test->view == NULL)
    test->view = C3V_CLUSTER_VIEW (ui_test_find (GTK_WIDGET (window), "C3vClusterView"));

  switch (test->step)
    {
      case STEP_LOADED:
        if (!ui_test_view_shows_complete (test->view, CLUSTER)
            || (test->before = ui_test_render_window (window)) == NULL)
          return FALSE;
        gtk_widget_grab_focus (GTK_WIDGET (test->view));
        ui_test_press_key (window, NoSymbol, XK_Right);
        break;
      case STEP_FOCUSED:
        {
          g_autoptr (GdkTexture) after = NULL;
          GdkRGBA  ring;
          guint    task;
          int      points[4][2];
          gboolean changed = FALSE;

          if (!c3v_cluster_view_get_focused_task (test->view, &task))
            return FALSE;
          G_GNUC_BEGIN_IGNORE_DEPRECATIONS
          g_assert_true (gtk_style_context_lookup_color (
              gtk_widget_get_style_context (GTK_WIDGET (test->view)), "theme_selected_bg_color",
              &ring));
          G_GNUC_END_IGNORE_DEPRECATIONS
          if ((after = ui_test_render_window (window)) == NULL)
            return FALSE;
          ring_points (test, window, points);
          for (guint i = 0; i < 4; i++)
            {
              gboolean found = FALSE;

              /* Within a few pixels: sub-pixel boxes round either way. */
              for (int d = -NEAR; d <= NEAR && !found; d++)
                {
                  int x = points[i][0] + (i < 2 ? d : 0), y = points[i][1] + (i < 2 ? 0 : d);

                  found = is_colour (pixel_at (after, x, y), &ring);
                  changed |= found && !is_colour (pixel_at (test->before, x, y), &ring);
                }
              if (!found)
                g_error ("no ring colour near side %u of the focused box, (%d, %d)", i,
                         points[i][0], points[i][1]);
            }
          g_assert_true (changed);
        }
        break;
      case STEP_DONE:
        return TRUE;
    }

  test->step++;
  return FALSE;
}

static void
test_focus_ring (void)
{
  char *argv[]
      = { (char *) "c3vis", (char *) "--demo", (char *) "--cluster", (char *) CLUSTER, NULL };
  RingTest test = { 0 };

  g_assert_cmpint (ui_test_run_app (argv, step, &test, 60), ==, 0);
  g_assert_cmpint (test.step, ==, STEP_DONE);
  g_clear_object (&test.before);
}

int
main (int argc, char *argv[])
{
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/keyboard/focus-ring", test_focus_ring);
  return g_test_run ();
}
