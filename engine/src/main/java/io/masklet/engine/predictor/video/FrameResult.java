package io.masklet.engine.predictor.video;

import java.util.List;

/** Masks of all objects on one frame, in the state's object order. */
public record FrameResult(int frameIdx, List<ObjectMask> objects) {
  public ObjectMask object(int objId) {
    for (ObjectMask o : objects) {
      if (o.objId() == objId) {
        return o;
      }
    }
    throw new IllegalArgumentException("frame " + frameIdx + " has no object " + objId);
  }
}
