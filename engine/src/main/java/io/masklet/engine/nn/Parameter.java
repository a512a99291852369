package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * One named weight of a {@link Module}: its expected shape is fixed when the module is built
 * (from the config), its value arrives when a checkpoint is bound.
 */
public final class Parameter {
  private final String name;
  private final Shape shape;
  private NDArray value;

  Parameter(String name, Shape shape) {
    this.name = name;
    this.shape = shape;
  }

  public String name() {
    return name;
  }

  public Shape shape() {
    return shape;
  }

  public boolean isBound() {
    return value != null;
  }

  /** The bound value; fails clearly if no checkpoint was loaded into the module yet. */
  public NDArray get() {
    if (value == null) {
      throw new IllegalStateException("parameter '" + name + "' has no value: load a checkpoint first");
    }
    return value;
  }

  void bind(NDArray array) {
    this.value = array;
  }
}
