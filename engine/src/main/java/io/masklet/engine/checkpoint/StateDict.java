package io.masklet.engine.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named float32 tensors read from a checkpoint, owned by one {@link NDManager}. Closing the
 * state dict frees the weights, so it lives as long as the model bound to it.
 */
public final class StateDict implements AutoCloseable {
  private final String source;
  private final NDManager manager;
  private final Map<String, NDArray> tensors;

  /** Takes ownership of {@code manager}; every array in {@code tensors} must belong to it. */
  public StateDict(String source, NDManager manager, Map<String, NDArray> tensors) {
    this.source = source;
    this.manager = manager;
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** Where the weights came from (a file name), for error messages. */
  public String source() {
    return source;
  }

  public NDManager manager() {
    return manager;
  }

  public Set<String> keys() {
    return tensors.keySet();
  }

  public boolean contains(String key) {
    return tensors.containsKey(key);
  }

  public NDArray get(String key) {
    NDArray a = tensors.get(key);
    if (a == null) {
      throw new WeightBindingException(source + ": no key '" + key + "'");
    }
    return a;
  }

  public Shape shape(String key) {
    return get(key).getShape();
  }

  public int size() {
    return tensors.size();
  }

  @Override
  public void close() {
    manager.close();
  }
}
