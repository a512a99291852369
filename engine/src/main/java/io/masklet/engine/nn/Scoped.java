package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.function.UnaryOperator;

/**
 * Runs one step of the network in its own native-memory scope: every intermediate array the
 * step creates from its input is freed when it returns, only the result survives (in the
 * input's manager). This keeps a deep forward pass at the memory of one block rather than
 * the sum of all blocks' temporaries.
 */
public final class Scoped {
  private Scoped() {}

  public static NDArray apply(NDArray x, UnaryOperator<NDArray> step) {
    NDManager owner = x.getManager();
    try (NDManager scope = owner.newSubManager()) {
      // results of ops on x land in x's current manager, so temporarily move x into the scope
      x.tempAttach(scope);
      NDArray y = step.apply(x);
      y.attach(owner);
      return y;
    }
  }

  /**
   * A new handle on {@code array}'s data owned by {@code manager}: ops on it create their
   * results in {@code manager}. Use it on weights before computing with them as the first
   * operand, so that no per-call array lands in the weights' manager.
   */
  public static NDArray view(NDArray array, NDManager manager) {
    NDArray v = array.reshape(array.getShape());
    v.attach(manager);
    return v;
  }
}
