package io.masklet.engine.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.nn.Module;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A state dict of seeded random weights with exactly the names and shapes a module declares,
 * for benchmarks and shape tests that need a runnable network without a checkpoint. Values are
 * N(0, std²); norms' weights are centred on 1 so activations stay in a realistic range.
 */
public final class RandomWeights {
  private RandomWeights() {}

  /** Random weights for every parameter of {@code module}; the caller owns (closes) the result. */
  public static StateDict generate(Module module, long seed, float std) {
    NDManager manager = NDManager.newBaseManager("PyTorch");
    Random random = new Random(seed);
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    module.forEachParameter((name, p) -> {
      int n = Math.toIntExact(p.shape().size());
      float[] data = new float[n];
      boolean normWeight = name.endsWith(".weight") && p.shape().dimension() == 1;
      for (int i = 0; i < n; i++) {
        data[i] = (float) (random.nextGaussian() * std) + (normWeight ? 1f : 0f);
      }
      tensors.put(name, manager.create(data, p.shape()));
    });
    return new StateDict("random weights (seed " + seed + ")", manager, tensors);
  }

  /** Generates random weights and binds them to {@code module}; returns them for closing. */
  public static StateDict bind(Module module, long seed, float std) {
    StateDict weights = generate(module, seed, std);
    module.load(weights);
    return weights;
  }
}
