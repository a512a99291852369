package io.masklet.engine.modeling;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Activations;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;

/**
 * Port of sam2/modeling/sam2_utils.py::MLP: {@code numLayers} linear layers named
 * {@code layers.0..n-1}, the activation between them, optionally a sigmoid on the output.
 */
public final class MLP extends Module {
  private final ModuleList<Linear> layers;
  private final String activation;
  private final boolean sigmoidOutput;

  public MLP(int inputDim, int hiddenDim, int outputDim, int numLayers) {
    this(inputDim, hiddenDim, outputDim, numLayers, "relu", false);
  }

  public MLP(int inputDim, int hiddenDim, int outputDim, int numLayers, String activation,
      boolean sigmoidOutput) {
    this.layers = child("layers", new ModuleList<>());
    for (int i = 0; i < numLayers; i++) {
      int in = i == 0 ? inputDim : hiddenDim;
      int out = i == numLayers - 1 ? outputDim : hiddenDim;
      layers.add(new Linear(in, out));
    }
    this.activation = activation;
    this.sigmoidOutput = sigmoidOutput;
  }

  public NDArray forward(NDArray x) {
    int n = layers.size();
    for (int i = 0; i < n; i++) {
      NDArray y = layers.get(i).forward(x);
      x = i < n - 1 ? Activations.apply(activation, y) : y;
    }
    return sigmoidOutput ? x.getNDArrayInternal().sigmoid() : x;
  }
}
