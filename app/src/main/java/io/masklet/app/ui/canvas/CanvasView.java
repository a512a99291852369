package io.masklet.app.ui.canvas;

import io.masklet.app.ui.session.FramePrompts;
import io.masklet.model.project.BoxPrompt;
import io.masklet.model.project.PointPrompt;
import io.masklet.engine.video.RgbFrame;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javafx.beans.InvalidationListener;
import javafx.collections.ListChangeListener;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * The frame with its mask overlays and prompt glyphs. The picture and each object's overlay are
 * {@link WritableImage}s at frame resolution shown through a zoom/pan transform (nearest
 * neighbour, so single pixels stay visible when zoomed in); glyphs are drawn on a screen-sized
 * canvas so they keep their size at any zoom.
 */
public final class CanvasView extends Region {
  private static final double DRAG_THRESHOLD = 4;
  private static final double ZOOM_STEP = 1.15;
  private static final double MIN_ZOOM = 0.05;
  private static final double MAX_ZOOM = 40;

  private final CanvasViewModel vm;
  private final Group content = new Group();
  private final ImageView frameView = new ImageView();
  private final Group overlayGroup = new Group();
  private final Canvas glyphCanvas = new Canvas();
  private final Scale scale = new Scale(1, 1, 0, 0);
  private final Translate translate = new Translate();
  private final Map<Integer, Layer> layers = new HashMap<>();
  private WritableImage frameImage;
  private boolean fitPending = true;
  private boolean spaceDown;

  // gesture state (screen coordinates relative to this region)
  private Point2D pressAt;
  private Point2D dragAt;
  private Point2D panFrom;
  private boolean boxDrag;
  private boolean stroking;
  private Point2D hover;

  /** One object's overlay image. */
  private static final class Layer {
    final ImageView view = new ImageView();
    int[] argb;
    WritableImage image;
    Overlay shown;
  }

  public CanvasView(CanvasViewModel vm) {
    this.vm = vm;
    getStyleClass().add("mask-canvas");
    setId("maskCanvas");
    setFocusTraversable(true);
    setStyle("-fx-background-color: #202124;");
    setMinSize(100, 100);
    frameView.setSmooth(false);
    content.getChildren().addAll(frameView, overlayGroup);
    content.getTransforms().addAll(translate, scale);
    glyphCanvas.setMouseTransparent(true);
    getChildren().addAll(content, glyphCanvas);
    Rectangle clip = new Rectangle();
    clip.widthProperty().bind(widthProperty());
    clip.heightProperty().bind(heightProperty());
    setClip(clip);

    vm.frameImageProperty().addListener((o, a, f) -> showFrame(f));
    vm.overlays().addListener((ListChangeListener<Overlay>) c -> syncLayers(false));
    vm.glyphs().addListener((ListChangeListener<PromptGlyphs>) c -> drawGlyphs());
    // a stroke changes one object's pixels: re-render that layer only, not every overlay
    vm.strokeRevisionProperty().addListener((o, a, b) -> syncStrokeLayer());
    InvalidationListener restyle = o -> syncLayers(true);
    vm.overlayOpacityProperty().addListener(restyle);
    vm.outlinesProperty().addListener(restyle);
    vm.toolProperty().addListener((o, a, t) -> {
      updateCursor();
      drawGlyphs();
    });
    widthProperty().addListener(o -> onResize());
    heightProperty().addListener(o -> onResize());

    addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
    addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
    addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
    addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
      hover = new Point2D(e.getX(), e.getY());
      if (vm.toolProperty().get() != Tool.PROMPT) {
        drawGlyphs();
      }
    });
    addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
      hover = null;
      drawGlyphs();
    });
    addEventHandler(ScrollEvent.SCROLL, this::onScroll);
    sceneProperty().addListener((o, old, scene) -> {
      if (scene != null) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
          if (e.getCode() == KeyCode.SPACE && !(e.getTarget() instanceof
              javafx.scene.control.TextInputControl)) {
            spaceDown = true;
            updateCursor();
          }
        });
        scene.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
          if (e.getCode() == KeyCode.SPACE) {
            spaceDown = false;
            updateCursor();
          }
        });
      }
    });
    updateCursor();
  }

  // ---- view transform ----

  /** Fits the whole frame in the view. */
  public void fit() {
    RgbFrame f = vm.frameImageProperty().get();
    if (f == null || getWidth() <= 0 || getHeight() <= 0) {
      fitPending = true;
      return;
    }
    double s = Math.min(getWidth() / f.width(), getHeight() / f.height());
    setZoom(s, (getWidth() - f.width() * s) / 2, (getHeight() - f.height() * s) / 2);
    fitPending = false;
  }

  /** One frame pixel per screen pixel, centred on the view. */
  public void actualSize() {
    RgbFrame f = vm.frameImageProperty().get();
    if (f != null) {
      setZoom(1, (getWidth() - f.width()) / 2, (getHeight() - f.height()) / 2);
    }
  }

  public void zoomBy(double factor) {
    zoomAround(factor, getWidth() / 2, getHeight() / 2);
  }

  public double zoom() {
    return scale.getX();
  }

  private void zoomAround(double factor, double cx, double cy) {
    double s = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, scale.getX() * factor));
    double f = s / scale.getX();
    setZoom(s, cx - (cx - translate.getX()) * f, cy - (cy - translate.getY()) * f);
  }

  private void setZoom(double s, double tx, double ty) {
    scale.setX(s);
    scale.setY(s);
    translate.setX(tx);
    translate.setY(ty);
    drawGlyphs();
  }

  /** Screen (this region's coordinates) to frame pixels. */
  public Point2D toFrame(double sx, double sy) {
    return new Point2D((sx - translate.getX()) / scale.getX(),
        (sy - translate.getY()) / scale.getY());
  }

  /** Frame pixels to screen. */
  public Point2D toScreen(double fx, double fy) {
    return new Point2D(translate.getX() + fx * scale.getX(), translate.getY() + fy * scale.getY());
  }

  private void onResize() {
    glyphCanvas.setWidth(getWidth());
    glyphCanvas.setHeight(getHeight());
    if (fitPending) {
      fit();
    }
    drawGlyphs();
  }

  @Override
  protected void layoutChildren() {
    // content is positioned by its transforms only
  }

  // ---- rendering ----

  private void showFrame(RgbFrame f) {
    if (f == null) {
      frameView.setImage(null);
      frameImage = null;
      fitPending = true;
      return;
    }
    if (frameImage == null || (int) frameImage.getWidth() != f.width()
        || (int) frameImage.getHeight() != f.height()) {
      frameImage = new WritableImage(f.width(), f.height());
      frameView.setImage(frameImage);
      fitPending = true;
    }
    frameImage.getPixelWriter().setPixels(0, 0, f.width(), f.height(),
        PixelFormat.getByteRgbInstance(), f.rgb(), 0, f.width() * 3);
    if (fitPending) {
      fit();
    }
  }

  private void syncLayers(boolean force) {
    Set<Integer> live = new HashSet<>();
    int i = 0;
    for (Overlay o : vm.overlays()) {
      live.add(o.objectId());
      Layer layer = layers.computeIfAbsent(o.objectId(), k -> new Layer());
      boolean changed = force || layer.shown == null || layer.shown.mask() != o.mask()
          || !layer.shown.color().equals(o.color()) || layer.shown.selected() != o.selected();
      if (changed) {
        render(layer, o);
      }
      if (overlayGroup.getChildren().size() <= i || overlayGroup.getChildren().get(i) != layer.view) {
        overlayGroup.getChildren().remove(layer.view);
        overlayGroup.getChildren().add(Math.min(i, overlayGroup.getChildren().size()), layer.view);
      }
      i++;
    }
    layers.keySet().removeIf(id -> {
      if (!live.contains(id)) {
        overlayGroup.getChildren().remove(layers.get(id).view);
        return true;
      }
      return false;
    });
  }

  private void syncStrokeLayer() {
    int id = vm.strokeObjectId();
    for (Overlay o : vm.overlays()) {
      Layer layer = layers.get(o.objectId());
      if (o.objectId() == id && layer != null && layer.shown == o) {
        render(layer, o);
        return;
      }
    }
    syncLayers(false);
  }

  private void render(Layer layer, Overlay o) {
    int w = o.mask().width();
    int h = o.mask().height();
    if (layer.image == null || (int) layer.image.getWidth() != w
        || (int) layer.image.getHeight() != h) {
      layer.argb = null;
      layer.image = new WritableImage(w, h);
      layer.view.setImage(layer.image);
      layer.view.setSmooth(false);
    }
    OverlayPixels.Style style = OverlayPixels.Style.of(vm.overlayOpacityProperty().get(),
        vm.outlinesProperty().get(), o.selected());
    // pixels rendered off the UI thread with the frame; a live stroke's mask changes under the
    // pointer, so it is always rendered here
    int[] ready = o.objectId() == vm.strokeObjectId() ? null
        : vm.overlayPixels().take(o.mask(), o.color(), style);
    if (ready != null) {
      layer.argb = ready;
    } else {
      if (layer.argb == null || layer.argb.length != w * h) {
        layer.argb = new int[w * h];
      }
      OverlayRenderer.render(o.mask(), o.color(), style.fillAlpha(), style.outline(),
          style.outlineAlpha(), layer.argb);
    }
    layer.image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(),
        layer.argb, 0, w);
    layer.shown = o;
  }

  private void drawGlyphs() {
    GraphicsContext g = glyphCanvas.getGraphicsContext2D();
    g.clearRect(0, 0, glyphCanvas.getWidth(), glyphCanvas.getHeight());
    for (PromptGlyphs pg : vm.glyphs()) {
      Color c = Color.rgb(pg.color().red(), pg.color().green(), pg.color().blue());
      FramePrompts p = pg.prompts();
      if (p.box() != null) {
        BoxPrompt b = p.box();
        Point2D a = toScreen(b.x0(), b.y0());
        Point2D z = toScreen(b.x1(), b.y1());
        g.setLineDashes();
        g.setStroke(Color.BLACK);
        g.setLineWidth(pg.selected() ? 3.5 : 2.5);
        g.strokeRect(a.getX(), a.getY(), z.getX() - a.getX(), z.getY() - a.getY());
        g.setStroke(c);
        g.setLineWidth(pg.selected() ? 2 : 1.2);
        g.strokeRect(a.getX(), a.getY(), z.getX() - a.getX(), z.getY() - a.getY());
      }
      for (PointPrompt pt : p.points()) {
        Point2D s = toScreen(pt.x(), pt.y());
        drawPoint(g, s.getX(), s.getY(), pt.positive(), pg.selected());
      }
    }
    if (boxDrag && pressAt != null && dragAt != null) {
      g.setStroke(Color.WHITE);
      g.setLineWidth(1.5);
      g.setLineDashes(6, 4);
      double x = Math.min(pressAt.getX(), dragAt.getX());
      double y = Math.min(pressAt.getY(), dragAt.getY());
      g.strokeRect(x, y, Math.abs(dragAt.getX() - pressAt.getX()),
          Math.abs(dragAt.getY() - pressAt.getY()));
      g.setLineDashes();
    }
    if (hover != null && vm.toolProperty().get() != Tool.PROMPT) {
      double r = vm.brushRadiusProperty().get() * scale.getX();
      g.setStroke(vm.toolProperty().get() == Tool.ERASER ? Color.ORANGERED : Color.WHITE);
      g.setLineWidth(1.2);
      g.strokeOval(hover.getX() - r, hover.getY() - r, 2 * r, 2 * r);
    }
  }

  private static void drawPoint(GraphicsContext g, double x, double y, boolean positive,
      boolean selected) {
    double r = selected ? 7 : 5.5;
    g.setFill(positive ? Color.rgb(30, 190, 70) : Color.rgb(225, 45, 45));
    g.fillOval(x - r, y - r, 2 * r, 2 * r);
    g.setStroke(Color.WHITE);
    g.setLineWidth(1.5);
    g.strokeOval(x - r, y - r, 2 * r, 2 * r);
    double a = r * 0.55;
    g.strokeLine(x - a, y, x + a, y);
    if (positive) {
      g.strokeLine(x, y - a, x, y + a);
    }
  }

  private void updateCursor() {
    if (spaceDown || panFrom != null) {
      setCursor(panFrom != null ? Cursor.CLOSED_HAND : Cursor.OPEN_HAND);
    } else {
      setCursor(vm.toolProperty().get() == Tool.PROMPT ? Cursor.CROSSHAIR : Cursor.NONE);
    }
  }

  // ---- input ----

  private void onPressed(MouseEvent e) {
    requestFocus();
    if (e.getButton() == MouseButton.MIDDLE
        || (spaceDown && e.getButton() == MouseButton.PRIMARY)) {
      panFrom = new Point2D(e.getX(), e.getY());
      updateCursor();
      e.consume();
      return;
    }
    Point2D f = toFrame(e.getX(), e.getY());
    Tool tool = vm.toolProperty().get();
    if (tool == Tool.PROMPT) {
      if (e.getButton() == MouseButton.PRIMARY) {
        pressAt = new Point2D(e.getX(), e.getY());
        dragAt = pressAt;
        boxDrag = false;
      } else if (e.getButton() == MouseButton.SECONDARY) {
        vm.click(f.getX(), f.getY(), true);
      }
    } else if (e.getButton() == MouseButton.PRIMARY || e.getButton() == MouseButton.SECONDARY) {
      // Right-drag with the brush erases, so correcting both ways needs no tool switch.
      boolean erase = tool == Tool.ERASER || e.getButton() == MouseButton.SECONDARY;
      vm.beginStroke(f.getX(), f.getY(), erase);
      stroking = vm.strokeActive();
    }
    e.consume();
  }

  private void onDragged(MouseEvent e) {
    hover = new Point2D(e.getX(), e.getY());
    if (panFrom != null) {
      translate.setX(translate.getX() + e.getX() - panFrom.getX());
      translate.setY(translate.getY() + e.getY() - panFrom.getY());
      panFrom = new Point2D(e.getX(), e.getY());
      drawGlyphs();
    } else if (stroking) {
      Point2D f = toFrame(e.getX(), e.getY());
      vm.strokeTo(f.getX(), f.getY());
      drawGlyphs();
    } else if (pressAt != null) {
      dragAt = new Point2D(e.getX(), e.getY());
      if (dragAt.distance(pressAt) > DRAG_THRESHOLD) {
        boxDrag = true;
      }
      drawGlyphs();
    }
    e.consume();
  }

  private void onReleased(MouseEvent e) {
    if (panFrom != null) {
      panFrom = null;
      updateCursor();
    } else if (stroking) {
      stroking = false;
      vm.endStroke();
    } else if (pressAt != null && e.getButton() == MouseButton.PRIMARY) {
      if (boxDrag) {
        Point2D a = toFrame(pressAt.getX(), pressAt.getY());
        Point2D b = toFrame(e.getX(), e.getY());
        vm.box(a.getX(), a.getY(), b.getX(), b.getY());
      } else {
        Point2D f = toFrame(pressAt.getX(), pressAt.getY());
        vm.click(f.getX(), f.getY(), e.isAltDown());
      }
      pressAt = null;
      dragAt = null;
      boxDrag = false;
      drawGlyphs();
    }
    e.consume();
  }

  private void onScroll(ScrollEvent e) {
    if (e.getDeltaY() == 0) {
      return;
    }
    zoomAround(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.getX(), e.getY());
    e.consume();
  }
}
