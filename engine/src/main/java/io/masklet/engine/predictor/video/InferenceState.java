package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One video session of the {@link SAM2VideoPredictor} (the official {@code inference_state}):
 * the frames, the objects in the order they were added (their model-side index), and a
 * bounded feature cache. Owns all native memory of the session; close it when done.
 */
public final class InferenceState implements AutoCloseable {
  final FrameImages frames;
  final NDManager manager;
  final FeatureCache features;
  /** Objects by client id, in insertion order = the official object index. */
  final LinkedHashMap<Integer, ObjectTrack> objects = new LinkedHashMap<>();
  /** Tracked-frame outputs evicted from memory (bounded-memory mode), created on first use. */
  private SpillStore spill;
  /** Correction clicks that reused a frame's memory-conditioned features. */
  long conditioningReused;
  private boolean closed;

  InferenceState(FrameImages frames, NDManager manager, SAM2VideoPredictor.Settings settings) {
    this.frames = frames;
    this.manager = manager;
    this.features = new FeatureCache(manager, settings.featureCacheFrames(),
        settings.featureDiskDir(), settings.featureDiskBytes());
  }

  public int numFrames() {
    return frames.numFrames();
  }

  public int videoHeight() {
    return frames.videoHeight();
  }

  public int videoWidth() {
    return frames.videoWidth();
  }

  /** Client object ids in model order (the official {@code obj_ids}). */
  public List<Integer> objIds() {
    return new ArrayList<>(objects.keySet());
  }

  /** The object's stored prompts and memory, or null. */
  public ObjectTrack object(int objId) {
    return objects.get(objId);
  }

  /**
   * Correction clicks so far whose memory attention was skipped because the frame's
   * memory-conditioned features were still valid.
   */
  public long conditioningReused() {
    return conditioningReused;
  }

  public FeatureCache featureCache() {
    return features;
  }

  SpillStore spill() {
    if (spill == null) {
      spill = new SpillStore();
    }
    return spill;
  }

  boolean hasSpill() {
    return spill != null;
  }

  /**
   * The size of the session's spill file of evicted memory: the outputs it holds (also those
   * kept for a redo by a {@link ForgottenFrames}) and the garbage left by outputs recomputed
   * since; 0 once nothing in it is referred to.
   */
  public long spilledBytes() {
    return spill == null ? 0 : spill.bytesOnDisk();
  }

  List<ObjectTrack> tracks() {
    return new ArrayList<>(objects.values());
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
    objects.values().forEach(ObjectTrack::clearAll);
    objects.clear();
    features.close();
    if (spill != null) {
      spill.close();
    }
    manager.close();
  }
}
