package io.masklet.app.ui.timeline;

import io.masklet.model.project.TrackedObject;
import io.masklet.engine.video.RgbFrame;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Bottom panel: transport buttons, frame slider and counter, and a strip with thumbnails and
 * per-object lanes (click or drag on it to scrub).
 */
public final class TimelineView extends VBox {
  static final double LABEL_WIDTH = 130;
  static final double LANE_HEIGHT = 14;

  private final TimelineViewModel vm;
  private final Canvas strip = new Canvas();
  private final Pane stripPane = new Pane(strip);
  private final AnimationTimer player;
  private final java.util.Map<RgbFrame, WritableImage> thumbImages = new java.util.WeakHashMap<>();
  private boolean redrawPending;
  private long lastRedraw;
  private static final long MIN_REDRAW_INTERVAL_MS = 100;

  public TimelineView(TimelineViewModel vm) {
    this.vm = vm;
    setId("timeline");
    getStyleClass().add("timeline");
    setPadding(new Insets(4, 8, 6, 8));
    setSpacing(4);

    Button first = button("|\u25c0", "First frame (Home)", vm::first);
    Button back10 = button("\u00ab10", "Back 10 frames (Shift+\u2190)", () -> vm.step(-10));
    Button back1 = button("\u2039", "Previous frame (\u2190 or A)", () -> vm.step(-1));
    Button play = button("\u25b6", "Play / pause (K)", vm::togglePlay);
    play.setId("playButton");
    Button fwd1 = button("\u203a", "Next frame (\u2192 or D)", () -> vm.step(1));
    Button fwd10 = button("10\u00bb", "Forward 10 frames (Shift+\u2192)", () -> vm.step(10));
    Button last = button("\u25b6|", "Last frame (End)", vm::last);
    vm.playingProperty().addListener((o, a, p) -> play.setText(p ? "\u23f8" : "\u25b6"));

    Slider slider = new Slider(0, 0, 0);
    slider.setId("frameSlider");
    slider.setFocusTraversable(false);
    HBox.setHgrow(slider, Priority.ALWAYS);
    slider.maxProperty().bind(vm.frameCountProperty().subtract(1));
    slider.setBlockIncrement(1);
    slider.setMajorTickUnit(1);
    slider.setSnapToTicks(true);
    vm.currentFrameProperty().addListener((o, a, f) -> slider.setValue(f.intValue()));
    slider.valueProperty().addListener((o, a, v) -> {
      int f = (int) Math.round(v.doubleValue());
      if (f != vm.currentFrameProperty().get()) {
        vm.goTo(f);
      }
    });
    Label counter = new Label();
    counter.setId("frameCounter");
    counter.setMinWidth(110);
    counter.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
        () -> vm.frameCountProperty().get() == 0 ? "no video"
            : "Frame " + vm.currentFrameProperty().get() + " / "
                + (vm.frameCountProperty().get() - 1),
        vm.currentFrameProperty(), vm.frameCountProperty()));

    HBox transport = new HBox(4, first, back10, back1, play, fwd1, fwd10, last, slider, counter);
    transport.setAlignment(Pos.CENTER_LEFT);

    stripPane.setMinHeight(TimelineViewModel.THUMB_HEIGHT + 2 * LANE_HEIGHT);
    strip.widthProperty().bind(stripPane.widthProperty());
    strip.heightProperty().bind(stripPane.heightProperty());
    strip.widthProperty().addListener(o -> requestRedraw());
    strip.heightProperty().addListener(o -> requestRedraw());
    strip.addEventHandler(MouseEvent.MOUSE_PRESSED, this::scrub);
    strip.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::scrub);
    // the strip shows at most 12 lanes; the wheel over the lanes scrolls through the others
    strip.addEventHandler(ScrollEvent.SCROLL, e -> {
      if (e.getY() > TimelineViewModel.THUMB_HEIGHT && e.getDeltaY() != 0) {
        vm.scrollLanes(e.getDeltaY() < 0 ? 3 : -3);
        e.consume();
      }
    });
    getChildren().addAll(transport, stripPane);

    vm.lanesRevisionProperty().addListener(o -> {
      updateHeight();
      requestRedraw();
    });
    vm.currentFrameProperty().addListener(o -> requestRedraw());
    vm.frameCountProperty().addListener(o -> requestRedraw());

    player = new AnimationTimer() {
      @Override
      public void handle(long now) {
        vm.tick(now);
      }
    };
    vm.playingProperty().addListener((o, a, p) -> {
      if (p) {
        player.start();
      } else {
        player.stop();
      }
    });
    updateHeight();
  }

  private static Button button(String text, String tip, Runnable action) {
    Button b = new Button(text);
    b.setTooltip(new Tooltip(tip));
    b.setFocusTraversable(false);
    b.setOnAction(e -> action.run());
    b.setMinWidth(34);
    return b;
  }

  private void updateHeight() {
    double h = TimelineViewModel.THUMB_HEIGHT + 4
        + Math.max(1, vm.laneObjects().size()) * LANE_HEIGHT + 4;
    stripPane.setPrefHeight(Math.min(h, TimelineViewModel.THUMB_HEIGHT + 12 * LANE_HEIGHT));
    stripPane.setMinHeight(stripPane.getPrefHeight());
  }

  private double trackWidth() {
    return Math.max(1, strip.getWidth() - LABEL_WIDTH);
  }

  private int frameAt(double x) {
    int n = vm.frameCountProperty().get();
    return (int) Math.floor((x - LABEL_WIDTH) / trackWidth() * n);
  }

  private double xOf(int frame) {
    int n = Math.max(1, vm.frameCountProperty().get());
    return LABEL_WIDTH + frame * trackWidth() / n;
  }

  private void scrub(MouseEvent e) {
    if (e.getX() >= LABEL_WIDTH) {
      vm.goTo(frameAt(e.getX()));
    }
  }

  /**
   * Coalesces redraws: all session changes of one pulse draw once, and while masks stream in
   * (propagation) the strip redraws at most every {@link #MIN_REDRAW_INTERVAL_MS} ms, keeping
   * rendering cheap on slow machines.
   */
  private void requestRedraw() {
    if (redrawPending) {
      return;
    }
    redrawPending = true;
    long since = (System.nanoTime() - lastRedraw) / 1_000_000;
    Runnable run = () -> {
      redrawPending = false;
      lastRedraw = System.nanoTime();
      redraw();
    };
    if (since >= MIN_REDRAW_INTERVAL_MS) {
      javafx.application.Platform.runLater(run);
    } else {
      javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
          javafx.util.Duration.millis(MIN_REDRAW_INTERVAL_MS - since));
      wait.setOnFinished(e -> run.run());
      wait.play();
    }
  }

  private void redraw() {
    GraphicsContext g = strip.getGraphicsContext2D();
    double w = strip.getWidth();
    double h = strip.getHeight();
    g.setFill(Color.rgb(32, 33, 36));
    g.fillRect(0, 0, w, h);
    int n = vm.frameCountProperty().get();
    if (n == 0) {
      return;
    }
    double thumbH = TimelineViewModel.THUMB_HEIGHT;
    // thumbnails
    double thumbW = thumbH * 16 / 9;
    List<Integer> frames = vm.thumbnailFrames(trackWidth(), thumbW);
    double slot = trackWidth() / Math.max(1, frames.size());
    for (int i = 0; i < frames.size(); i++) {
      RgbFrame t = vm.thumbnail(frames.get(i), ready -> requestRedraw());
      if (t != null) {
        WritableImage img = thumbImages.computeIfAbsent(t, k -> {
          WritableImage im = new WritableImage(k.width(), k.height());
          im.getPixelWriter().setPixels(0, 0, k.width(), k.height(),
              PixelFormat.getByteRgbInstance(), k.rgb(), 0, k.width() * 3);
          return im;
        });
        double dw = Math.min(slot - 1, thumbH * t.width() / t.height());
        g.drawImage(img, LABEL_WIDTH + i * slot, 0, dw, thumbH);
      }
    }
    g.setFill(Color.rgb(200, 200, 200));
    g.setFont(Font.font(11));
    g.setTextBaseline(VPos.CENTER);
    g.setTextAlign(TextAlignment.LEFT);
    g.fillText("frames", 6, thumbH / 2);

    // lanes: only those in view are drawn (and have their marks computed)
    int capacity = Math.max(1, (int) ((h - thumbH - 4) / LANE_HEIGHT));
    List<TrackedObject> objects = vm.lanesInView(capacity);
    int laneCount = vm.laneObjects().size();
    double y = thumbH + 4;
    if (laneCount > objects.size()) {
      // where the lanes in view are among all of them, as a thin scroll bar left of the labels
      double track = capacity * LANE_HEIGHT;
      g.setFill(Color.rgb(255, 255, 255, 0.35));
      g.fillRect(0, y + track * vm.firstLaneProperty().get() / laneCount, 2,
          Math.max(2, track * objects.size() / laneCount));
    }
    double tw = trackWidth();
    int cols = (int) Math.ceil(tw);
    for (TrackedObject o : objects) {
      boolean hidden = vm.isHidden(o.id());
      Color c = Color.web(o.color(),
          hidden ? 0.35 : 1.0);
      if (vm.isSelected(o.id())) {
        g.setFill(Color.rgb(255, 255, 255, 0.08));
        g.fillRect(0, y, w, LANE_HEIGHT);
      }
      g.setFill(c);
      g.fillRect(4, y + 3, 8, LANE_HEIGHT - 6);
      g.setFill(hidden ? Color.GRAY : Color.rgb(220, 220, 220));
      g.fillText(o.label(), 16, y + LANE_HEIGHT / 2, LABEL_WIDTH - 20);
      // one cell per frame on short videos, one per pixel column on long ones; the marks come
      // from the view-model's cache, and a run of equal cells is drawn as one rectangle (a
      // propagated lane is one fill, not one per column)
      int cells = Math.min(n, Math.max(1, cols));
      List<LaneMark> marks = vm.laneMarks(o.id(), cells);
      Color faded = c.deriveColor(0, 1, 1, 0.55);
      for (int i = 0; i < marks.size(); ) {
        LaneMark m = marks.get(i);
        int j = i + 1;
        // prompted and marked-absent cells carry a glyph or an outline of their own
        while (j < marks.size() && marks.get(j) == m && m != LaneMark.PROMPTED
            && m != LaneMark.MARKED_ABSENT) {
          j++;
        }
        int f0 = TimelineViewModel.cellStart(i, cells, n);
        int f1 = TimelineViewModel.cellStart(j, cells, n);
        i = j;
        double x0 = xOf(f0);
        double x1 = Math.max(x0 + 1, xOf(f1));
        switch (m) {
          case NONE -> { }
          case ABSENT -> {
            g.setFill(Color.rgb(120, 120, 120, 0.6));
            g.fillRect(x0, y + LANE_HEIGHT / 2 - 1, x1 - x0, 2);
          }
          case MARKED_ABSENT -> {
            // the object's colour as an outline around the "absent" line: set by hand
            g.setStroke(c);
            g.setLineWidth(1);
            g.strokeRect(x0 + 0.5, y + 1.5, Math.max(0, x1 - x0 - 1), LANE_HEIGHT - 3);
            g.setFill(Color.rgb(120, 120, 120, 0.9));
            g.fillRect(x0, y + LANE_HEIGHT / 2 - 1, x1 - x0, 2);
          }
          case PROPAGATED -> {
            g.setFill(faded);
            g.fillRect(x0, y + 3, x1 - x0, LANE_HEIGHT - 6);
          }
          case EDITED -> {
            g.setFill(c);
            g.fillRect(x0, y + 1, x1 - x0, LANE_HEIGHT - 2);
            g.setFill(Color.WHITE);
            g.fillRect(x0, y + LANE_HEIGHT - 3, x1 - x0, 2);
          }
          case PROMPTED -> {
            g.setFill(c);
            g.fillRect(x0, y + 1, x1 - x0, LANE_HEIGHT - 2);
            g.setFill(Color.WHITE);
            double cx = (x0 + x1) / 2;
            g.fillPolygon(new double[] {cx - 3, cx + 3, cx},
                new double[] {y + 1, y + 1, y + 6}, 3);
          }
          default -> throw new IllegalStateException(m.toString());
        }
      }
      y += LANE_HEIGHT;
    }
    // playhead
    int cur = vm.currentFrameProperty().get();
    double px = xOf(cur);
    double pw = Math.max(2, tw / n);
    g.setFill(Color.rgb(255, 255, 255, 0.25));
    g.fillRect(px, 0, pw, h);
    g.setStroke(Color.rgb(255, 80, 80));
    g.setLineWidth(1.5);
    g.strokeLine(px + pw / 2, 0, px + pw / 2, h);
  }
}
