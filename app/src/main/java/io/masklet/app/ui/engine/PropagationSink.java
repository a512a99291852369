package io.masklet.app.ui.engine;

import java.util.List;

/** Receives propagated frames on the worker thread, in the order the engine finishes them. */
@FunctionalInterface
public interface PropagationSink {
  /** All objects' predictions for one frame. */
  void frameDone(int frame, List<Prediction> predictions, int framesDone, int framesTotal);
}
