package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * One object's stored result on one frame (the official "compact current_out"), owning its
 * arrays through its own manager so an evicted frame frees its native memory at once.
 *
 * <p>{@code maskmemFeatures} (1, memDim, H, W) rounded to bfloat16 precision, null until the
 * memory encoder ran; {@code predMasks} (1, 1, S/4, S/4) low-res logits after hole filling;
 * {@code objPtr} (1, C); {@code objectScoreLogits} (1, 1).
 */
public final class FrameOutput implements AutoCloseable {
  private final NDManager manager;
  private NDArray maskmemFeatures;
  private final NDArray predMasks;
  private final NDArray objPtr;
  private final NDArray objectScoreLogits;

  /** Takes ownership: the arrays are attached to a new sub-manager of {@code parent}. */
  public FrameOutput(NDManager parent, NDArray maskmemFeatures, NDArray predMasks, NDArray objPtr,
      NDArray objectScoreLogits) {
    this.manager = parent.newSubManager();
    this.maskmemFeatures = adopt(maskmemFeatures);
    this.predMasks = adopt(predMasks);
    this.objPtr = adopt(objPtr);
    this.objectScoreLogits = adopt(objectScoreLogits);
  }

  private NDArray adopt(NDArray a) {
    if (a == null) {
      return null;
    }
    NDArray own = a.duplicate();
    own.attach(manager);
    return own;
  }

  public NDArray maskmemFeatures() {
    return maskmemFeatures;
  }

  /** Stores the memory computed later (at the start of propagation) for a prompted frame. */
  public void setMaskmemFeatures(NDArray features) {
    if (maskmemFeatures != null) {
      maskmemFeatures.close();
    }
    maskmemFeatures = adopt(features);
  }

  public NDArray predMasks() {
    return predMasks;
  }

  public NDArray objPtr() {
    return objPtr;
  }

  public NDArray objectScoreLogits() {
    return objectScoreLogits;
  }

  @Override
  public void close() {
    manager.close();
  }
}
