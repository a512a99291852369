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
}
