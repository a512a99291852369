package io.masklet.app.ui.timeline;

import io.masklet.app.ui.frames.SharedFrameSource;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.session.ChangedFrames;
import io.masklet.app.ui.session.ObjectChange;
import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Provenance;
import io.masklet.app.ui.session.SessionListener;
import io.masklet.model.project.TrackedObject;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.engine.video.RgbFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Frame navigation (scrub, step, play) and what the timeline draws: thumbnails and one lane per
 * object marking masked, prompted, edited and absent frames.
 */
public final class TimelineViewModel {
  /** Thumbnail height in pixels. */
  public static final int THUMB_HEIGHT = 48;
  private static final int MAX_THUMBS = 400;

  private final Workspace ws;
  private final ReadOnlyIntegerProperty displayedFrame;
  private final ReadOnlyIntegerWrapper frameCount = new ReadOnlyIntegerWrapper(0);
  private final BooleanProperty playing = new SimpleBooleanProperty();
  /** Bumped when lanes must be redrawn. */
  private final IntegerProperty lanesRevision = new SimpleIntegerProperty();
  private final Map<Integer, RgbFrame> thumbs = new HashMap<>();
  private final Set<Integer> thumbsLoading = new HashSet<>();
  private long lastAdvance;
  /** Lanes' marks kept between redraws, by object id, all at {@link #laneCells} cells. */
  private final Map<Integer, Lane> lanes = new HashMap<>();
  /**
   * Index of the first lane in view: the strip shows a window of the lanes, scrolled with the
   * wheel and following the selection. A COCO file from CVAT makes one object per annotation
   * (10,000 for 1,000 frames of 10 annotations), and drawing every lane computed 10 million
   * cells (2.6 s) for the 12 anyone could see, while the lanes below them could not be reached.
   */
  private final IntegerProperty firstLane = new SimpleIntegerProperty();
  /** Lanes the strip had room for at its last redraw. */
  private int laneCapacity = Integer.MAX_VALUE;
  private int laneCells;
  private long laneCellsComputed;
  private long keyFrameLookups;

  /** One lane's marks, and the cells whose frames changed since they were computed. */
  private static final class Lane {
    final LaneMark[] marks;
    final BitSet stale;

    Lane(int cells) {
      marks = new LaneMark[cells];
      stale = new BitSet(cells);
      stale.set(0, cells);
    }
  }

  private final SessionListener sessionListener = new SessionListener() {
    @Override
    public void objectsChanged() {
      lanes.clear();
      bump();
    }

    /**
     * A lane's marks come from its object's masks and prompts only: a rename or recolour keeps
     * them, and an added or removed object leaves the other lanes as they were.
     */
    @Override
    public void objectChanged(ObjectChange change) {
      if (change.kind() != ObjectChange.Kind.UPDATED) {
        lanes.remove(change.objectId()); // an id can come back, as a new object or by undo
      }
      bump();
    }

    @Override
    public void frameChanged(int objectId, int frame) {
      Lane lane = lanes.get(objectId);
      int n = frameCount.get();
      if (lane != null && frame >= 0 && frame < n) {
        lane.stale.set(cellOf(frame, laneCells, n));
      }
      bump();
    }

    /** Cell by cell, not frame by frame: an undone propagation changed up to every frame. */
    @Override
    public void framesChanged(ChangedFrames changed) {
      int n = frameCount.get();
      for (Integer id : changed.objectIds()) {
        Lane lane = lanes.get(id);
        if (lane == null) {
          continue;
        }
        for (int f = changed.nextFrame(id, 0); f >= 0 && f < n;
            f = changed.nextFrame(id, cellStart(cellOf(f, laneCells, n) + 1, laneCells, n))) {
          lane.stale.set(cellOf(f, laneCells, n));
        }
      }
      bump();
    }
  };

  public TimelineViewModel(Workspace ws, ReadOnlyIntegerProperty displayedFrame) {
    this.ws = ws;
    this.displayedFrame = displayedFrame;
    ws.framesProperty().addListener((o, old, f) -> {
      thumbs.clear();
      thumbsLoading.clear();
      lanes.clear();
      playing.set(false);
      frameCount.set(f == null ? 0 : f.frameCount());
      bump();
    });
    ws.followSessions(sessionListener, () -> {
      lanes.clear();
      bump();
    });
    ws.hiddenRevisionProperty().addListener(o -> bump());
    ws.selectedObjectIdProperty().addListener((o, a, b) -> {
      scrollToLane(b.intValue());
      bump();
    });
    firstLane.addListener(o -> bump());
  }

  private void bump() {
    lanesRevision.set(lanesRevision.get() + 1);
  }

  public IntegerProperty currentFrameProperty() {
    return ws.currentFrameProperty();
  }

  public ReadOnlyIntegerProperty frameCountProperty() {
    return frameCount.getReadOnlyProperty();
  }

  public BooleanProperty playingProperty() {
    return playing;
  }

  public IntegerProperty lanesRevisionProperty() {
    return lanesRevision;
  }

  // ---- navigation ----

  public void goTo(int frame) {
    int n = frameCount.get();
    if (n > 0) {
      ws.currentFrameProperty().set(Math.max(0, Math.min(n - 1, frame)));
    }
  }

  public void step(int delta) {
    goTo(ws.currentFrame() + delta);
  }

  public void first() {
    goTo(0);
  }

  public void last() {
    goTo(frameCount.get() - 1);
  }

  /** Jumps to the next frame (after the current one) where any object has prompts or edits. */
  public void nextKeyFrame() {
    Integer f = nearestKeyFrame(true);
    if (f != null) {
      goTo(f);
    }
  }

  public void previousKeyFrame() {
    Integer f = nearestKeyFrame(false);
    if (f != null) {
      goTo(f);
    }
  }

  /**
   * The key frame after (or before) the current one, or null: one look-up in the session's
   * key-frame index, whatever the number of objects and masks.
   */
  private Integer nearestKeyFrame(boolean after) {
    AnnotationSession s = ws.session();
    if (s == null) {
      return null;
    }
    int from = ws.currentFrame();
    keyFrameLookups++;
    return after ? s.keyFrames().higher(from) : s.keyFrames().lower(from);
  }

  /**
   * Look-ups made by next/previous key frame so far, for tests: one a jump, never a mask or an
   * object's index.
   */
  public long keyFrameLookups() {
    return keyFrameLookups;
  }

  /** Frames the user conditioned (prompted or painted), for any object. */
  public NavigableSet<Integer> keyFrames() {
    AnnotationSession s = ws.session();
    return s == null ? new TreeSet<>() : new TreeSet<>(s.keyFrames());
  }

  public void togglePlay() {
    if (frameCount.get() == 0) {
      return;
    }
    if (!playing.get() && ws.currentFrame() >= frameCount.get() - 1) {
      goTo(0);
    }
    playing.set(!playing.get());
    lastAdvance = 0;
  }

  /**
   * Advances playback if a frame period has passed and the shown picture has caught up with the
   * current frame (so slow decoding lowers the frame rate instead of skipping ahead blindly).
   */
  public void tick(long nowNanos) {
    if (!playing.get()) {
      return;
    }
    SharedFrameSource f = ws.framesProperty().get();
    double fps = f == null || f.fps() <= 0 ? 10 : f.fps();
    long period = (long) (1e9 / fps);
    if (displayedFrame.get() != ws.currentFrame() || nowNanos - lastAdvance < period) {
      return;
    }
    if (ws.currentFrame() >= frameCount.get() - 1) {
      playing.set(false);
      return;
    }
    lastAdvance = nowNanos;
    step(1);
  }

  // ---- lanes ----

  /** Objects with a lane, in list order (hidden objects included, drawn dimmed). */
  public List<TrackedObject> laneObjects() {
    AnnotationSession s = ws.session();
    return s == null ? List.of() : s.objects();
  }

  /** Index (in {@link #laneObjects()}) of the first lane in view. */
  public ReadOnlyIntegerProperty firstLaneProperty() {
    return firstLane;
  }

  /**
   * The lanes to draw when the strip has room for {@code capacity}: from the first lane in view
   * on, scrolled back when objects were deleted so that the last lane stays at the bottom. Marks
   * are kept only for these lanes; a lane scrolled out of view is computed afresh when it
   * comes back.
   */
  public List<TrackedObject> lanesInView(int capacity) {
    laneCapacity = Math.max(1, capacity);
    List<TrackedObject> all = laneObjects();
    int first = clampFirstLane(firstLane.get(), all.size());
    firstLane.set(first);
    List<TrackedObject> inView = all.subList(first, Math.min(all.size(), first + laneCapacity));
    Set<Integer> ids = new HashSet<>();
    inView.forEach(o -> ids.add(o.id()));
    lanes.keySet().retainAll(ids);
    return inView;
  }

  /** Scrolls the lanes by {@code delta} lanes (down when positive), within the lanes there are. */
  public void scrollLanes(int delta) {
    firstLane.set(clampFirstLane(firstLane.get() + delta, laneObjects().size()));
  }

  private int clampFirstLane(int first, int laneCount) {
    int cap = laneCapacity == Integer.MAX_VALUE ? laneCount : laneCapacity;
    return Math.max(0, Math.min(first, laneCount - cap));
  }

  /** Brings the selected object's lane into view (selected in the list, or added). */
  private void scrollToLane(int objectId) {
    AnnotationSession s = ws.session();
    int i = s == null ? -1 : s.indexOfObject(objectId);
    if (i < 0 || laneCapacity == Integer.MAX_VALUE) {
      return;
    }
    if (i < firstLane.get()) {
      firstLane.set(i);
    } else if (i >= firstLane.get() + laneCapacity) {
      firstLane.set(i - laneCapacity + 1);
    }
  }

  public boolean isHidden(int objectId) {
    return ws.hiddenObjects().contains(objectId);
  }

  public boolean isSelected(int objectId) {
    return ws.selectedObjectIdProperty().get() == objectId;
  }

  /**
   * The marks of {@code objectId}'s lane in {@code cells} cells (at most one per frame), cell
   * {@code i} covering frames [{@link #cellStart cellStart(i)}, {@code cellStart(i + 1)}): what
   * the view draws. Kept between calls and recomputed only in the cells whose frames changed,
   * so a redraw for a moved playhead (every step while scrubbing or playing) reads no mask: on
   * a 10,000-frame video with 20 objects computing every lane took 30-75 ms, and the view
   * redrew up to ten times a second. A different cell count (the strip was resized) starts
   * over.
   */
  public List<LaneMark> laneMarks(int objectId, int cells) {
    int n = frameCount.get();
    if (ws.session() == null || n == 0 || cells <= 0) {
      return List.of();
    }
    int c = Math.min(cells, n);
    if (c != laneCells) {
      lanes.clear();
      laneCells = c;
    }
    Lane lane = lanes.computeIfAbsent(objectId, k -> new Lane(c));
    for (int i = lane.stale.nextSetBit(0); i >= 0; i = lane.stale.nextSetBit(i + 1)) {
      lane.marks[i] = mark(objectId, cellStart(i, c, n), cellStart(i + 1, c, n));
      laneCellsComputed++;
    }
    lane.stale.clear();
    return Collections.unmodifiableList(Arrays.asList(lane.marks));
  }

  /** Lane cells computed so far (each one reads the masks of its frames), for tests. */
  public long laneCellsComputed() {
    return laneCellsComputed;
  }

  /** First frame of lane cell {@code cell} of {@code cells} over {@code frames} frames. */
  public static int cellStart(int cell, int cells, int frames) {
    return (int) ((long) cell * frames / cells);
  }

  /** The cell holding {@code frame}: the last one whose {@link #cellStart} is at or before it. */
  static int cellOf(int frame, int cells, int frames) {
    return (int) ((((long) frame + 1) * cells + frames - 1) / frames - 1);
  }

  /**
   * The strongest mark of {@code objectId} over frames [{@code from}, {@code to}) (one lane
   * pixel column may cover several frames on a long video).
   */
  public LaneMark mark(int objectId, int from, int to) {
    AnnotationSession s = ws.session();
    if (s == null) {
      return LaneMark.NONE;
    }
    LaneMark best = LaneMark.NONE;
    to = Math.max(to, from + 1);
    for (int f : s.promptedFrames(objectId).subSet(from, true, to - 1, true)) {
      if (!s.prompt(objectId, f).marksAbsent()) {
        return LaneMark.PROMPTED;
      }
      best = LaneMark.MARKED_ABSENT;
    }
    for (FrameMask m : s.masks(objectId).subMap(from, true, to - 1, true).values()) {
      LaneMark k = m.provenance() == Provenance.EDITED
          ? (m.rle().isEmpty() ? LaneMark.MARKED_ABSENT : LaneMark.EDITED)
          : m.provenance() == Provenance.PROMPTED ? LaneMark.PROMPTED
          : AnnotationSession.absent(m) ? LaneMark.ABSENT : LaneMark.PROPAGATED;
      if (k.ordinal() > best.ordinal()) {
        best = k;
      }
    }
    return best;
  }

  // ---- thumbnails ----

  /**
   * Returns the thumbnail of {@code frame} if decoded; otherwise starts decoding it (in the
   * background) and calls {@code ready} on the UI thread when done.
   */
  public RgbFrame thumbnail(int frame, Consumer<RgbFrame> ready) {
    RgbFrame t = thumbs.get(frame);
    if (t != null) {
      return t;
    }
    SharedFrameSource src = ws.framesProperty().get();
    if (src == null || thumbsLoading.contains(frame) || frame < 0
        || frame >= src.frameCount()) {
      return null;
    }
    if (thumbs.size() > MAX_THUMBS) {
      thumbs.clear();
    }
    thumbsLoading.add(frame);
    ws.ioExecutor().submit(BackgroundTask.of("Thumbnail " + frame,
            ctx -> downscale(src.frame(frame), THUMB_HEIGHT))
        .onSuccess(th -> {
          if (ws.framesProperty().get() == src) {
            thumbs.put(frame, th);
            ready.accept(th);
          }
        })
        .onFinished(() -> thumbsLoading.remove(frame)));
    return null;
  }

  /** Box-filtered downscale to {@code height} pixels high, keeping the aspect ratio. */
  static RgbFrame downscale(RgbFrame f, int height) {
    int h = Math.min(height, f.height());
    int w = Math.max(1, (int) Math.round((double) f.width() * h / f.height()));
    byte[] out = new byte[w * h * 3];
    byte[] in = f.rgb();
    for (int y = 0; y < h; y++) {
      int sy0 = y * f.height() / h;
      int sy1 = Math.max(sy0 + 1, (y + 1) * f.height() / h);
      for (int x = 0; x < w; x++) {
        int sx0 = x * f.width() / w;
        int sx1 = Math.max(sx0 + 1, (x + 1) * f.width() / w);
        long r = 0;
        long g = 0;
        long b = 0;
        int n = 0;
        // Sample a sparse grid of the source block: thumbnails need no exact averaging.
        int stepY = Math.max(1, (sy1 - sy0) / 4);
        int stepX = Math.max(1, (sx1 - sx0) / 4);
        for (int sy = sy0; sy < sy1; sy += stepY) {
          for (int sx = sx0; sx < sx1; sx += stepX) {
            int i = (sy * f.width() + sx) * 3;
            r += in[i] & 0xFF;
            g += in[i + 1] & 0xFF;
            b += in[i + 2] & 0xFF;
            n++;
          }
        }
        int o = (y * w + x) * 3;
        out[o] = (byte) (r / n);
        out[o + 1] = (byte) (g / n);
        out[o + 2] = (byte) (b / n);
      }
    }
    return new RgbFrame(f.index(), w, h, out);
  }

  /** Frames to show thumbnails for, evenly spaced, for a strip {@code width} pixels wide. */
  public List<Integer> thumbnailFrames(double width, double thumbWidth) {
    List<Integer> out = new ArrayList<>();
    int n = frameCount.get();
    if (n == 0 || width <= 0 || thumbWidth <= 0) {
      return out;
    }
    int slots = Math.max(1, (int) (width / thumbWidth));
    for (int i = 0; i < slots; i++) {
      out.add((int) Math.min(n - 1, Math.round((i + 0.5) * n / slots - 0.5)));
    }
    return out;
  }
}
