package io.masklet.engine.predictor.video;

/** Receives each propagated frame in processing order, and progress. */
public interface PropagationListener {
  void onFrame(FrameResult result);

  /** {@code done} of {@code total} frames processed. */
  default void onProgress(int done, int total) {}
}
