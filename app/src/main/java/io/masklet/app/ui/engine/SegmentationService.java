package io.masklet.app.ui.engine;

import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.engine.video.FrameSource;
import java.io.IOException;
import io.masklet.model.rle.Rle;
import java.nio.file.Path;
import java.util.Set;

/**
 * The view-models' only door to the SAM 2.1 engine. Every method may take long and is called
 * from a worker thread, never from the FX thread; calls are serialised by the implementation
 * (the engine's tracking state is single-threaded). Coordinates are original-frame pixels.
 */
public interface SegmentationService extends AutoCloseable {

  /** Loads a checkpoint; {@code config} may be null (derived from the checkpoint's name). */
  ModelInfo loadCheckpoint(Path checkpoint, Path config, TaskContext ctx) throws IOException;

  /** The loaded model, or null when none is loaded. */
  ModelInfo model();

  default boolean isLoaded() {
    return model() != null;
  }

  /** Starts a tracking state on {@code frames} (the service owns and closes the source). */
  void openVideo(FrameSource frames, TaskContext ctx) throws IOException;

  /**
   * Replaces the prompts of {@code objectId} on {@code frame} with {@code prompts} (all points
   * and the box; the frame's old points are cleared) and returns the object's mask there.
   */
  Prediction predict(int frame, int objectId, FramePrompts prompts, TaskContext ctx)
      throws IOException;

  /**
   * Gets the engine ready for clicks on {@code frame} while the annotator looks at it: its image
   * features (encoded now unless cached) and, when {@code objectId} (0 = none) was tracked to
   * the frame, the memory attention a correction click there runs. The first click is then as
   * fast as the ones after it; results never change. Returns whether the frame was encoded by
   * this call or the object's correction there is ready; engines without such work do nothing.
   */
  default boolean prepareFrame(int frame, int objectId, TaskContext ctx) throws IOException {
    return false;
  }

  /**
   * Runs throwaway clicks on {@code frame} (its image features must be in memory; the session
   * does not change) so that the annotator's first clicks do not pay for the JVM's warm-up: a
   * process's first clicks run 1.5–3× slower than later ones while the click path is compiled.
   * Stops early when {@code ctx} is cancelled. Returns true once the engine wants no more
   * rehearsals (engines without a warm-up return true at once).
   */
  default boolean rehearseClicks(int frame, TaskContext ctx) throws IOException {
    return true;
  }

  /**
   * The image-feature cache's use of the disk for the open video, as of the engine's last
   * finished step. Never blocks (the UI polls it while the engine works).
   */
  default FeatureCacheUse featureCacheUse() {
    return FeatureCacheUse.NONE;
  }

  /** Makes {@code mask} the conditioning mask of {@code objectId} on {@code frame}. */
  void setMaskPrompt(int frame, int objectId, Rle mask, TaskContext ctx)
      throws IOException;

  /** Removes every prompt of {@code objectId} on {@code frame}. */
  void clearPrompts(int frame, int objectId, TaskContext ctx) throws IOException;

  /**
   * Forgets the tracking results of {@code objectId} on {@code frames} (a propagation was
   * undone): the next propagation does not draw on masks the annotator no longer sees. Prompted
   * frames are kept. Returns what was forgotten, for {@link #restoreTracking} when the
   * propagation is redone; the caller closes it once that can no longer happen.
   */
  ForgottenTracking forgetTracking(int objectId, java.util.Set<Integer> frames, TaskContext ctx)
      throws IOException;

  /**
   * Gives the engine back what {@link #forgetTracking} took (the undone propagation was redone),
   * so those frames' memory is what it was before the undo: a correction there is a correction,
   * not a first click, and a propagation next to them reads them. Frames tracked or prompted
   * since keep their newer state. Puts nothing back when the tracking state it was taken from is
   * gone (another video or checkpoint, an engine reset, the object removed since). Consumes
   * {@code forgotten} either way; returns the frames put back.
   */
  int restoreTracking(ForgottenTracking forgotten, TaskContext ctx) throws IOException;

  /** Forgets an object entirely. */
  void removeObject(int objectId, TaskContext ctx) throws IOException;

  /**
   * Propagates all prompted objects from {@code startFrame} in {@code direction}, at most
   * {@code maxFrames} frames per direction (0 = to the end), handing each finished frame to
   * {@code sink} as soon as it is done. Stops with a CancellationException when cancelled.
   */
  default void propagate(int startFrame, Direction direction, int maxFrames, PropagationSink sink,
      TaskContext ctx) throws IOException {
    propagate(startFrame, direction, maxFrames, null, sink, ctx);
  }

  /**
   * {@link #propagate(int, Direction, int, PropagationSink, TaskContext)} for the objects
   * {@code objectIds} only (null: every prompted object); the others keep their tracking as it
   * was. Each object tracks on its own, so an object gets the masks a propagation of all objects
   * would give it.
   */
  void propagate(int startFrame, Direction direction, int maxFrames, Set<Integer> objectIds,
      PropagationSink sink, TaskContext ctx) throws IOException;

  /** Drops all prompts and tracking memory (the video stays open). */
  void resetState(TaskContext ctx) throws IOException;

  @Override
  void close();

  /** Which way a propagation runs. */
  enum Direction {
    FORWARD,
    BACKWARD,
    /** Forward from the start frame, then backward from it. */
    BOTH
  }
}
