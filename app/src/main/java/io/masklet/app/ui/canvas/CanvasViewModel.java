package io.masklet.app.ui.canvas;

import io.masklet.app.ui.frames.SharedFrameSource;
import io.masklet.app.ui.history.FrameKey;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.BinaryMask;
import io.masklet.app.ui.session.ChangedFrames;
import io.masklet.model.project.FrameMask;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.session.ObjectChange;
import io.masklet.app.ui.session.RgbColor;
import io.masklet.model.project.BoxPrompt;
import io.masklet.app.ui.session.SessionListener;
import io.masklet.model.project.TrackedObject;
import io.masklet.app.ui.settings.AppSettings;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.engine.video.RgbFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;

/**
 * The canvas's state: which frame picture is shown, the overlays and prompt glyphs on it, the
 * active tool, and the gestures (in frame pixel coordinates) that become edits. Frames are
 * decoded off the UI thread; while scrubbing only the latest requested frame is decoded.
 */
public final class CanvasViewModel {
  /** Drags shorter than this (frame pixels) count as clicks, not boxes. */
  public static final double MIN_BOX_SIZE = 3;

  private final Workspace ws;
  private final AnnotationEditor editor;
  private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.PROMPT);
  private final DoubleProperty brushRadius = new SimpleDoubleProperty();
  private final DoubleProperty overlayOpacity = new SimpleDoubleProperty();
  private final BooleanProperty outlines = new SimpleBooleanProperty();
  private final ReadOnlyObjectWrapper<RgbFrame> frameImage = new ReadOnlyObjectWrapper<>();
  private final ReadOnlyIntegerWrapper displayedFrame = new ReadOnlyIntegerWrapper(-1);
  private final ObservableList<Overlay> overlays = FXCollections.observableArrayList();
  private final ObservableList<PromptGlyphs> glyphs = FXCollections.observableArrayList();
  /** Bumped when the live brush stroke changed pixels (the view re-renders that layer). */
  private final IntegerProperty strokeRevision = new SimpleIntegerProperty();
  /** Overlay pixels rendered with the frame's picture, off the UI thread. */
  private final OverlayPixels overlayPixels = new OverlayPixels(16);

  private final SessionListener sessionListener = new SessionListener() {
    @Override
    public void objectsChanged() {
      candidatesFrame = -1;
      refreshOverlays();
    }

    /**
     * Only an object drawn on the shown frame changes what the canvas shows; looking at every
     * object cost each rename or add ~1 ms with 10,000 objects.
     */
    @Override
    public void objectChanged(ObjectChange change) {
      int id = change.objectId();
      switch (change.kind()) {
        case UPDATED -> recolor(id);
        case REMOVED -> {
          overlays.removeIf(o -> o.objectId() == id);
          glyphs.removeIf(g -> g.objectId() == id);
        }
        case ADDED -> {
          touched(id, candidatesFrame);
          // a new object has nothing yet; an undone delete's masks and prompts come back next,
          // each with its own event
          if (drawnOnShownFrame(id)) {
            refreshOverlays();
          }
        }
      }
    }

    @Override
    public void frameChanged(int objectId, int frame) {
      touched(objectId, frame);
      if (frame == displayedFrame.get()) {
        refreshOverlaysSoon();
      }
    }

    @Override
    public void framesChanged(ChangedFrames changed) {
      for (Integer id : changed.objectIds()) {
        if (changed.contains(id, candidatesFrame)) {
          candidates.add(id);
        }
      }
      int frame = displayedFrame.get();
      if (changed.objectIds().stream().anyMatch(id -> changed.contains(id, frame))) {
        refreshOverlaysSoon();
      }
    }
  };

  private int wantedFrame = -1;
  private boolean loading;
  private boolean overlayRefreshPending;
  private boolean overlayRefreshAgain;
  private Stroke stroke;
  /**
   * Objects that may have something to draw on frame {@link #candidatesFrame} (-1: none yet):
   * those with a mask or prompts there (pending ones too) when the frame was first drawn, and
   * every one an edit touched there since. Refreshes look at these only: with 10,000 objects
   * a click read every object some eight times (its two events each refresh overlays and
   * prompts, and so does each change of its pending prompts).
   */
  private final Set<Integer> candidates = new HashSet<>();
  private int candidatesFrame = -1;
  private long objectsLookedAt;

  /** A brush stroke in progress: the working copy of the mask being painted. */
  private record Stroke(int objectId, int frame, BinaryMask mask, boolean erase,
      double[] last) {}

  public CanvasViewModel(Workspace ws, AnnotationEditor editor) {
    this.ws = ws;
    this.editor = editor;
    AppSettings settings = ws.settings();
    brushRadius.set(settings.brushRadius());
    overlayOpacity.set(settings.overlayOpacity());
    outlines.set(settings.outlines());
    brushRadius.addListener((o, a, b) -> settings.setBrushRadius(b.doubleValue()));
    overlayOpacity.addListener((o, a, b) -> settings.setOverlayOpacity(b.doubleValue()));
    outlines.addListener((o, a, b) -> settings.setOutlines(b));

    ws.followSessions(sessionListener, () -> {
      stroke = null;
      candidatesFrame = -1;
      refreshOverlays();
    });
    ws.framesProperty().addListener((obs, old, f) -> {
      candidatesFrame = -1;
      frameImage.set(null);
      displayedFrame.set(-1);
      if (f != null) {
        requestFrame(Math.min(ws.currentFrame(), f.frameCount() - 1));
      }
    });
    ws.currentFrameProperty().addListener((obs, old, f) -> requestFrame(f.intValue()));
    ws.selectedObjectIdProperty().addListener((obs, old, id) -> restyleSelection());
    ws.hiddenRevisionProperty().addListener(o -> refreshOverlays());
    editor.pendingPrompts().addListener((MapChangeListener<FrameKey, FramePrompts>) c -> {
      touched(c.getKey().objectId(), c.getKey().frame());
      refreshGlyphs();
    });
  }

  // ---- properties ----

  public ObjectProperty<Tool> toolProperty() {
    return tool;
  }

  public DoubleProperty brushRadiusProperty() {
    return brushRadius;
  }

  public DoubleProperty overlayOpacityProperty() {
    return overlayOpacity;
  }

  public BooleanProperty outlinesProperty() {
    return outlines;
  }

  public ReadOnlyObjectProperty<RgbFrame> frameImageProperty() {
    return frameImage.getReadOnlyProperty();
  }

  /** Index of the frame whose picture is shown (-1 before the first one arrives). */
  public ReadOnlyIntegerProperty displayedFrameProperty() {
    return displayedFrame.getReadOnlyProperty();
  }

  public ObservableList<Overlay> overlays() {
    return overlays;
  }

  public ObservableList<PromptGlyphs> glyphs() {
    return glyphs;
  }

  /** Overlay buffers prepared in the background; the view takes them instead of rendering. */
  public OverlayPixels overlayPixels() {
    return overlayPixels;
  }

  public IntegerProperty strokeRevisionProperty() {
    return strokeRevision;
  }

  // ---- frame loading ----

  private void requestFrame(int index) {
    SharedFrameSource frames = ws.framesProperty().get();
    if (frames == null || index < 0 || index >= frames.frameCount()) {
      return;
    }
    wantedFrame = index;
    if (!loading) {
      loadWanted(frames);
    }
  }

  private void loadWanted(SharedFrameSource frames) {
    int index = wantedFrame;
    loading = true;
    Runnable prepare = overlayPreparation(index);
    ws.ioExecutor().submit(BackgroundTask.of("Decode frame " + index, ctx -> {
          RgbFrame picture = frames.frame(index);
          prepare.run();
          return picture;
        })
        .onSuccess(f -> {
          if (ws.framesProperty().get() == frames) {
            frameImage.set(f);
            displayedFrame.set(index);
            stroke = null;
            refreshOverlays();
          }
        })
        .onFailure(e -> ws.status("Cannot decode frame " + index + ": " + e.getMessage()))
        .onFinished(() -> {
          loading = false;
          if (ws.framesProperty().get() == frames && wantedFrame != index) {
            loadWanted(frames);
          }
        }));
  }

  // ---- overlays ----

  /**
   * Work for a worker thread that decodes the RLE of the overlays {@code frame} will show and
   * renders their pixels, so showing them costs the UI thread only buffer copies. The session
   * is read here, on the UI thread (it is not thread-safe); masks edited in between are simply
   * done on the UI thread when shown.
   */
  private Runnable overlayPreparation(int frame) {
    AnnotationSession s = ws.session();
    List<Overlay> planned = new ArrayList<>();
    List<FrameMask> masks = new ArrayList<>();
    if (s != null) {
      int selected = ws.selectedObjectIdProperty().get();
      for (TrackedObject o : objectsOn(s, frame)) {
        FrameMask fm = s.mask(o.id(), frame);
        if (fm != null && !AnnotationSession.absent(fm) && !ws.hiddenObjects().contains(o.id())) {
          masks.add(fm);
          planned.add(new Overlay(o.id(), RgbColor.parse(o.color()), null, o.id() == selected));
        }
      }
    }
    OverlayPixels.Style normal = OverlayPixels.Style.of(overlayOpacity.get(), outlines.get(),
        false);
    OverlayPixels.Style selected = OverlayPixels.Style.of(overlayOpacity.get(), outlines.get(),
        true);
    return () -> {
      for (int i = 0; i < masks.size(); i++) {
        Overlay o = planned.get(i);
        overlayPixels.prepare(s.decode(masks.get(i)), o.color(), o.selected() ? selected : normal);
      }
    };
  }

  /**
   * Refreshes the overlays after a session change on the shown frame (a prediction, a
   * propagated mask, an undo), preparing the new masks' pixels in the background first; changes
   * arriving while one refresh is prepared are folded into the next.
   */
  private void refreshOverlaysSoon() {
    if (overlayRefreshPending) {
      overlayRefreshAgain = true;
      return;
    }
    overlayRefreshPending = true;
    int frame = displayedFrame.get();
    Runnable prepare = overlayPreparation(frame);
    ws.ioExecutor().submit(BackgroundTask.ofRunnable("Prepare overlays", ctx -> prepare.run())
        .onFinished(() -> {
          overlayRefreshPending = false;
          if (overlayRefreshAgain) {
            // the session changed while preparing (an edit sets prompts, then the mask):
            // showing now would decode and render the newer mask here, so prepare it first
            overlayRefreshAgain = false;
            refreshOverlaysSoon();
          } else {
            refreshOverlays();
          }
        }));
  }

  private void refreshOverlays() {
    AnnotationSession s = ws.session();
    int frame = displayedFrame.get();
    List<Overlay> next = new ArrayList<>();
    if (s != null && frame >= 0) {
      int selected = ws.selectedObjectIdProperty().get();
      for (TrackedObject o : objectsOn(s, frame)) {
        if (ws.hiddenObjects().contains(o.id())) {
          continue;
        }
        BinaryMask m;
        if (stroke != null && stroke.objectId() == o.id() && stroke.frame() == frame) {
          m = stroke.mask();
        } else {
          FrameMask fm = s.mask(o.id(), frame);
          m = fm == null || AnnotationSession.absent(fm) ? null : s.decode(fm);
        }
        if (m != null) {
          next.add(new Overlay(o.id(), RgbColor.parse(o.color()), m, o.id() == selected));
        }
      }
    }
    overlays.setAll(next);
    refreshGlyphs();
  }

  /**
   * The objects that may have something to draw on {@code frame}, in list order: every object
   * is read once when a frame is first drawn, the {@link #candidates} after that.
   */
  private List<TrackedObject> objectsOn(AnnotationSession s, int frame) {
    if (frame != candidatesFrame) {
      candidatesFrame = frame;
      candidates.clear();
      candidates.addAll(s.objectsOn(frame));
      objectsLookedAt += s.objectCount();
      for (FrameKey k : editor.pendingPrompts().keySet()) {
        touched(k.objectId(), k.frame());
      }
    }
    List<Integer> ids = new ArrayList<>(candidates);
    if (stroke != null && stroke.frame() == frame && !candidates.contains(stroke.objectId())) {
      ids.add(stroke.objectId());
    }
    ids.sort(Comparator.comparingInt(s::indexOfObject));
    List<TrackedObject> out = new ArrayList<>(ids.size());
    for (Integer id : ids) {
      TrackedObject o = s.object(id);
      if (o != null) {
        out.add(o);
      }
    }
    objectsLookedAt += out.size();
    return out;
  }

  /** An edit may have put something of {@code objectId} on {@code frame}. */
  private void touched(int objectId, int frame) {
    if (frame == candidatesFrame && frame >= 0) {
      candidates.add(objectId);
    }
  }

  /**
   * Objects the overlays and prompt glyphs were worked out from so far, for tests: each
   * object once when a frame is first drawn, then the few on that frame.
   */
  public long objectsLookedAt() {
    return objectsLookedAt;
  }

  /** True when {@code objectId} has a visible mask or prompts to draw on the shown frame. */
  private boolean drawnOnShownFrame(int objectId) {
    AnnotationSession s = ws.session();
    int frame = displayedFrame.get();
    if (s == null || frame < 0 || ws.hiddenObjects().contains(objectId)) {
      return false;
    }
    FrameMask fm = s.mask(objectId, frame);
    return fm != null && !AnnotationSession.absent(fm)
        || !editor.latestPrompts(objectId, frame).isEmpty();
  }

  /** Draws a renamed, recoloured or crowd-marked object in its colour (a rename changes none). */
  private void recolor(int objectId) {
    AnnotationSession s = ws.session();
    TrackedObject o = s == null ? null : s.object(objectId);
    if (o == null) {
      return;
    }
    RgbColor color = RgbColor.parse(o.color());
    for (int i = 0; i < overlays.size(); i++) {
      Overlay x = overlays.get(i);
      if (x.objectId() == objectId && !x.color().equals(color)) {
        overlays.set(i, new Overlay(objectId, color, x.mask(), x.selected()));
      }
    }
    for (int i = 0; i < glyphs.size(); i++) {
      PromptGlyphs x = glyphs.get(i);
      if (x.objectId() == objectId && !x.color().equals(color)) {
        glyphs.set(i, new PromptGlyphs(objectId, color, x.prompts(), x.selected()));
      }
    }
  }

  /**
   * A new selection changes the style of the overlays and prompts of the objects selected
   * before and now, nothing else drawn.
   */
  private void restyleSelection() {
    int selected = ws.selectedObjectIdProperty().get();
    for (int i = 0; i < overlays.size(); i++) {
      Overlay x = overlays.get(i);
      if (x.selected() != (x.objectId() == selected)) {
        overlays.set(i, new Overlay(x.objectId(), x.color(), x.mask(), !x.selected()));
      }
    }
    for (int i = 0; i < glyphs.size(); i++) {
      PromptGlyphs x = glyphs.get(i);
      if (x.selected() != (x.objectId() == selected)) {
        glyphs.set(i, new PromptGlyphs(x.objectId(), x.color(), x.prompts(), !x.selected()));
      }
    }
  }

  private void refreshGlyphs() {
    AnnotationSession s = ws.session();
    int frame = displayedFrame.get();
    List<PromptGlyphs> next = new ArrayList<>();
    if (s != null && frame >= 0) {
      int selected = ws.selectedObjectIdProperty().get();
      for (TrackedObject o : objectsOn(s, frame)) {
        if (ws.hiddenObjects().contains(o.id())) {
          continue;
        }
        FramePrompts p = editor.latestPrompts(o.id(), frame);
        if (!p.isEmpty()) {
          next.add(new PromptGlyphs(o.id(), RgbColor.parse(o.color()), p, o.id() == selected));
        }
      }
    }
    glyphs.setAll(next);
  }

  // ---- gestures (frame pixel coordinates) ----

  public void click(double x, double y, boolean negative) {
    int frame = displayedFrame.get();
    if (frame < 0 || !inside(x, y)) {
      return;
    }
    editor.addPoint(frame, x, y, !negative);
  }

  public void box(double x0, double y0, double x1, double y1) {
    int frame = displayedFrame.get();
    if (frame < 0) {
      return;
    }
    AnnotationSession s = ws.session();
    double w = s.width();
    double h = s.height();
    BoxPrompt b = new BoxPrompt(clamp(Math.min(x0, x1), w), clamp(Math.min(y0, y1), h),
        clamp(Math.max(x0, x1), w), clamp(Math.max(y0, y1), h));
    if (b.x1() - b.x0() < MIN_BOX_SIZE || b.y1() - b.y0() < MIN_BOX_SIZE) {
      return;
    }
    editor.setBox(frame, b);
  }

  /** Starts a brush (or eraser) stroke at (x, y) on the selected object. */
  public void beginStroke(double x, double y, boolean erase) {
    int frame = displayedFrame.get();
    AnnotationSession s = ws.session();
    if (frame < 0 || s == null) {
      return;
    }
    if (ws.propagatingProperty().get()) {
      ws.status("Propagation is running: cancel it (Esc) before painting.");
      return;
    }
    // the stroke starts from the mask the undo or redo being prepared is about to replace
    editor.landPendingStep();
    int obj = erase ? ws.selectedObjectIdProperty().get() : editor.ensureSelectedObject();
    if (!s.hasObject(obj)) {
      ws.status("Select an object to erase from.");
      return;
    }
    FrameMask fm = s.mask(obj, frame);
    BinaryMask working = fm == null || AnnotationSession.absent(fm)
        ? new BinaryMask(s.width(), s.height()) : s.decode(fm).copy();
    stroke = new Stroke(obj, frame, working, erase, new double[] {x, y});
    working.paintDisc(x, y, brushRadius.get(), !erase);
    refreshOverlays();
    strokeRevision.set(strokeRevision.get() + 1);
  }

  public void strokeTo(double x, double y) {
    Stroke st = stroke;
    if (st == null) {
      return;
    }
    st.mask().paintSegment(st.last()[0], st.last()[1], x, y, brushRadius.get(), !st.erase());
    st.last()[0] = x;
    st.last()[1] = y;
    strokeRevision.set(strokeRevision.get() + 1);
  }

  public void endStroke() {
    Stroke st = stroke;
    if (st == null) {
      return;
    }
    stroke = null;
    editor.commitMaskEdit(st.frame(), st.objectId(), st.mask(),
        st.erase() ? "Erase" : "Paint");
    refreshOverlays();
  }

  public boolean strokeActive() {
    return stroke != null;
  }

  /** The object whose mask the live stroke paints, or -1 (the only layer a stroke redraws). */
  public int strokeObjectId() {
    Stroke st = stroke;
    return st == null ? -1 : st.objectId();
  }

  /** Clears the selected object's prompts and mask on the shown frame. */
  public void clearSelectedOnFrame() {
    int frame = displayedFrame.get();
    int obj = ws.selectedObjectIdProperty().get();
    if (frame >= 0 && ws.session() != null && ws.session().hasObject(obj)) {
      editor.clearFrame(frame, obj);
    }
  }

  /** Marks the selected object as not visible on the shown frame. */
  public void markSelectedAbsentOnFrame() {
    int frame = displayedFrame.get();
    int obj = ws.selectedObjectIdProperty().get();
    if (frame < 0 || ws.session() == null) {
      return;
    }
    if (!ws.session().hasObject(obj)) {
      ws.status("Select the object that is not on this frame.");
      return;
    }
    editor.markAbsent(frame, obj);
  }

  private boolean inside(double x, double y) {
    AnnotationSession s = ws.session();
    return s != null && x >= 0 && y >= 0 && x < s.width() && y < s.height();
  }

  private static double clamp(double v, double max) {
    return Math.max(0, Math.min(max, v));
  }
}
