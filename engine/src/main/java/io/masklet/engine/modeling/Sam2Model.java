package io.masklet.engine.modeling;

import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.config.Sam2Config;

/**
 * A SAM 2.1 network bound to its weights: the config it was built from, the module tree and the
 * state dict that owns the weights' native memory. Closing it frees the weights and the
 * modules' caches; the network must not be used afterwards.
 */
public final class Sam2Model implements AutoCloseable {
  private final Sam2Config config;
  private final SAM2Base net;
  private final StateDict weights;

  public Sam2Model(Sam2Config config, SAM2Base net, StateDict weights) {
    this.config = config;
    this.net = net;
    this.weights = weights;
  }

  public Sam2Config config() {
    return config;
  }

  public SAM2Base net() {
    return net;
  }

  public StateDict weights() {
    return weights;
  }

  @Override
  public void close() {
    net.clearCaches();
    weights.close();
  }
}
