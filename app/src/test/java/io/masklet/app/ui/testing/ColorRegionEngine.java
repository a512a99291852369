package io.masklet.app.ui.testing;

import io.masklet.app.ui.engine.ForgottenTracking;
import io.masklet.app.ui.engine.ModelInfo;
import io.masklet.app.ui.engine.Prediction;
import io.masklet.app.ui.engine.PropagationSink;
import io.masklet.app.ui.engine.SegmentationService;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.engine.video.FrameSource;
import io.masklet.engine.video.RgbFrame;
import io.masklet.model.project.PointPrompt;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Test double of the engine for view-model tests: an object is "the pixels with the colour under
 * its positive clicks" (restricted to the box when there is one), tracked through the video by
 * that colour. Deterministic and exact on {@link SyntheticFrameSource}, and it records every
 * call so tests can check what the view-models asked of the engine.
 */
public final class ColorRegionEngine implements SegmentationService {
  public final List<String> calls = new ArrayList<>();
  /** What {@link #featureCacheUse()} reports. */
  public volatile io.masklet.app.ui.engine.FeatureCacheUse cacheUse =
      io.masklet.app.ui.engine.FeatureCacheUse.NONE;
  /** Frames prepared ("f3 o1", o0 without a selected object), kept apart from {@link #calls}. */
  public final List<String> preparedFrames = new ArrayList<>();
  /** Frames click rehearsals were asked for, in order. */
  public final List<Integer> rehearsedFrames = new ArrayList<>();
  /** After this many rehearsals {@link #rehearseClicks} reports that it wants no more. */
  public int rehearsalsUntilDone = 1;
  private FrameSource frames;
  private ModelInfo model;
  /** object → frame → colour (packed RGB) the object has there. */
  private final Map<Integer, TreeMap<Integer, Integer>> conditioning = new TreeMap<>();
  /** Conditioning "colour" of a frame where the object was marked absent. */
  private static final int ABSENT = -1;
  /** Delay per propagated frame, to make propagation observable from another thread. */
  public volatile long propagateDelayMs;
  /**
   * object → frames a propagation computed it on and the engine still remembers: what a real
   * engine's memory of tracked frames is, which {@link #forgetTracking} takes away and
   * {@link #restoreTracking} gives back.
   */
  public final Map<Integer, TreeSet<Integer>> tracked = new TreeMap<>();
  /** What {@link #forgetTracking} handed out and nobody restored or closed yet. */
  public final List<ForgottenTracking> heldSnapshots = new ArrayList<>();
  /** Bumped by every reset of the tracking state: older snapshots restore nothing. */
  private int generation;

  /** The frames one {@link #forgetTracking} call took from the double's memory. */
  private final class Forgotten implements ForgottenTracking {
    final int objectId;
    final TreeSet<Integer> frames;
    final int takenIn = generation;

    Forgotten(int objectId, TreeSet<Integer> frames) {
      this.objectId = objectId;
      this.frames = frames;
    }

    @Override
    public void close() {
      if (heldSnapshots.remove(this)) {
        calls.add("release o" + objectId + " " + frames);
      }
    }
  }

  @Override
  public ModelInfo loadCheckpoint(Path checkpoint, Path config, TaskContext ctx) {
    calls.add("load " + checkpoint.getFileName());
    model = new ModelInfo("colour-region test double", checkpoint, "cpu (test)", 0);
    return model;
  }

  @Override
  public ModelInfo model() {
    return model;
  }

  @Override
  public void openVideo(FrameSource source, TaskContext ctx) {
    calls.add("openVideo " + source.frameCount());
    frames = source;
    conditioning.clear();
    tracked.clear();
    generation++;
  }

  @Override
  public io.masklet.app.ui.engine.FeatureCacheUse featureCacheUse() {
    return cacheUse;
  }

  @Override
  public boolean prepareFrame(int frame, int objectId, TaskContext ctx) {
    preparedFrames.add("f" + frame + " o" + objectId);
    return true;
  }

  @Override
  public boolean rehearseClicks(int frame, TaskContext ctx) {
    rehearsedFrames.add(frame);
    return rehearsedFrames.size() >= rehearsalsUntilDone;
  }

  @Override
  public Prediction predict(int frame, int objectId, FramePrompts prompts, TaskContext ctx)
      throws IOException {
    calls.add("predict f" + frame + " o" + objectId + " n" + prompts.points().size()
        + (prompts.box() != null ? " box" : ""));
    RgbFrame f = frames.frame(frame);
    byte[] m = new byte[f.width() * f.height()];
    Integer color = null;
    for (PointPrompt p : prompts.points()) {
      if (p.positive()) {
        color = rgbAt(f, (int) p.x(), (int) p.y());
      }
    }
    if (color == null && prompts.box() != null) {
      // the colour at the box centre
      color = rgbAt(f, (int) ((prompts.box().x0() + prompts.box().x1()) / 2),
          (int) ((prompts.box().y0() + prompts.box().y1()) / 2));
    }
    if (color != null) {
      paint(f, color, m);
      if (prompts.box() != null) {
        for (int y = 0; y < f.height(); y++) {
          for (int x = 0; x < f.width(); x++) {
            if (x < prompts.box().x0() || x >= prompts.box().x1() || y < prompts.box().y0()
                || y >= prompts.box().y1()) {
              m[y * f.width() + x] = 0;
            }
          }
        }
      }
      conditioning.computeIfAbsent(objectId, k -> new TreeMap<>()).put(frame, color);
    }
    Rle rle = Rle.encode(m, f.height(), f.width());
    return new Prediction(frame, objectId, rle, rle.isEmpty() ? -5f : 5f);
  }

  @Override
  public void setMaskPrompt(int frame, int objectId, Rle mask, TaskContext ctx)
      throws IOException {
    calls.add("mask f" + frame + " o" + objectId + " area " + mask.area());
    RgbFrame f = frames.frame(frame);
    byte[] m = mask.decode();
    Map<Integer, Integer> votes = new TreeMap<>();
    for (int i = 0; i < m.length; i++) {
      if (m[i] != 0) {
        votes.merge(rgbAt(f, i % f.width(), i / f.width()), 1, Integer::sum);
      }
    }
    // an empty mask prompt is SAM 2's "not on this frame": the double keeps that as ABSENT
    conditioning.computeIfAbsent(objectId, k -> new TreeMap<>()).put(frame, votes.entrySet()
        .stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(ABSENT));
  }

  @Override
  public void clearPrompts(int frame, int objectId, TaskContext ctx) {
    calls.add("clear f" + frame + " o" + objectId);
    TreeMap<Integer, Integer> c = conditioning.get(objectId);
    if (c != null) {
      c.remove(frame);
    }
  }

  @Override
  public ForgottenTracking forgetTracking(int objectId, java.util.Set<Integer> frames,
      TaskContext ctx) {
    calls.add("forget o" + objectId + " " + frames);
    TreeSet<Integer> taken = new TreeSet<>();
    TreeSet<Integer> had = tracked.getOrDefault(objectId, new TreeSet<>());
    TreeMap<Integer, Integer> prompted = conditioning.getOrDefault(objectId, new TreeMap<>());
    for (int f : frames) {
      // prompted frames are kept, as the real engine keeps its conditioning frames
      if (!prompted.containsKey(f) && had.remove(f)) {
        taken.add(f);
      }
    }
    Forgotten forgotten = new Forgotten(objectId, taken);
    heldSnapshots.add(forgotten);
    return forgotten;
  }

  @Override
  public int restoreTracking(ForgottenTracking forgotten, TaskContext ctx) {
    if (!(forgotten instanceof Forgotten f) || !heldSnapshots.contains(f)
        || f.takenIn != generation) {
      forgotten.close();
      return 0;
    }
    heldSnapshots.remove(f);
    calls.add("restore o" + f.objectId + " " + f.frames);
    tracked.computeIfAbsent(f.objectId, k -> new TreeSet<>()).addAll(f.frames);
    return f.frames.size();
  }

  @Override
  public void removeObject(int objectId, TaskContext ctx) {
    calls.add("remove o" + objectId);
    conditioning.remove(objectId);
    tracked.remove(objectId);
    generation++;
  }

  @Override
  public void propagate(int startFrame, Direction direction, int maxFrames,
      Set<Integer> objectIds, PropagationSink sink, TaskContext ctx) throws IOException {
    calls.add("propagate " + direction + " from " + startFrame
        + (objectIds == null ? "" : " objects " + new TreeSet<>(objectIds)));
    List<Integer> order = new ArrayList<>();
    int n = frames.frameCount();
    if (direction != Direction.BACKWARD) {
      for (int f = startFrame; f < n; f++) {
        order.add(f);
      }
    }
    if (direction != Direction.FORWARD) {
      for (int f = direction == Direction.BOTH ? startFrame - 1 : startFrame; f >= 0; f--) {
        order.add(f);
      }
    }
    int done = 0;
    for (int f : order) {
      ctx.throwIfCancelled();
      if (propagateDelayMs > 0) {
        try {
          Thread.sleep(propagateDelayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      RgbFrame frame = frames.frame(f);
      List<Prediction> preds = new ArrayList<>();
      for (Map.Entry<Integer, TreeMap<Integer, Integer>> e : conditioning.entrySet()) {
        if (e.getValue().isEmpty() || (objectIds != null && !objectIds.contains(e.getKey()))) {
          continue;
        }
        byte[] m = new byte[frame.width() * frame.height()];
        Integer color = e.getValue().values().stream().filter(c -> c != ABSENT).findFirst()
            .orElse(null);
        if (color != null && !absentAt(e.getValue(), f)) {
          paint(frame, color, m);
        }
        Rle rle = Rle.encode(m, frame.height(), frame.width());
        preds.add(new Prediction(f, e.getKey(), rle, rle.isEmpty() ? -5f : 5f));
        tracked.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(f);
      }
      sink.frameDone(f, preds, ++done, order.size());
    }
  }

  @Override
  public void resetState(TaskContext ctx) {
    calls.add("reset");
    conditioning.clear();
    tracked.clear();
    generation++;
  }

  @Override
  public void close() {
    calls.add("close");
  }

  /**
   * Whether the conditioning frame nearest before {@code f} (or, with none before, the first
   * after it) marked the object absent: absence carries on until the next conditioning frame,
   * as SAM 2's memory of an empty mask prompt makes it.
   */
  private static boolean absentAt(TreeMap<Integer, Integer> frames, int f) {
    Map.Entry<Integer, Integer> e = frames.floorEntry(f);
    if (e == null) {
      e = frames.ceilingEntry(f);
    }
    return e != null && e.getValue() == ABSENT;
  }

  private static int rgbAt(RgbFrame f, int x, int y) {
    int i = (y * f.width() + x) * 3;
    return ((f.rgb()[i] & 0xFF) << 16) | ((f.rgb()[i + 1] & 0xFF) << 8) | (f.rgb()[i + 2] & 0xFF);
  }

  private static void paint(RgbFrame f, int color, byte[] m) {
    for (int y = 0; y < f.height(); y++) {
      for (int x = 0; x < f.width(); x++) {
        if (rgbAt(f, x, y) == color) {
          m[y * f.width() + x] = 1;
        }
      }
    }
  }
}
