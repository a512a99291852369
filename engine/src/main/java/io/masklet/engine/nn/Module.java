package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.checkpoint.WeightBindingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A block of the network with named parameters and named children, the Java counterpart of
 * {@code torch.nn.Module} as far as inference needs it. Children and parameters are named like
 * the official checkpoint keys, so binding a state dict is the identity mapping: the full name
 * of a parameter is the dotted path of child names down to it.
 */
public abstract class Module {
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();

  /** Declares a parameter (or persistent buffer) of this module with the shape the checkpoint must have. */
  protected final Parameter param(String name, long... shape) {
    requireFreshName(name);
    Parameter p = new Parameter(name, new Shape(shape));
    parameters.put(name, p);
    return p;
  }

  /** Declares a child block; returns it for assignment to a field. */
  protected final <M extends Module> M child(String name, M module) {
    requireFreshName(name);
    children.put(name, module);
    return module;
  }

  private void requireFreshName(String name) {
    if (parameters.containsKey(name) || children.containsKey(name)) {
      throw new IllegalStateException(getClass().getSimpleName() + " declares '" + name + "' twice");
    }
  }

  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Visits every parameter below this module with its full dotted name, in declaration order. */
  public final void forEachParameter(BiConsumer<String, Parameter> visitor) {
    forEachParameter("", visitor);
  }

  private void forEachParameter(String prefix, BiConsumer<String, Parameter> visitor) {
    parameters.forEach((name, p) -> visitor.accept(prefix + name, p));
    children.forEach((name, c) -> c.forEachParameter(prefix + name + ".", visitor));
  }

  /** Full parameter names and their expected shapes, as in the official state dict. */
  public final Map<String, Shape> parameterShapes() {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    forEachParameter((name, p) -> shapes.put(name, p.shape()));
    return shapes;
  }

  public final long parameterCount() {
    long[] n = {0};
    forEachParameter((name, p) -> n[0] += p.shape().size());
    return n[0];
  }

  /**
   * Binds every parameter to the tensor of the same key. Strict like
   * {@code load_state_dict(strict=True)}: a missing key, an unexpected key or a wrong shape is an
   * error naming the (first, in sorted order) offending key. The state dict keeps owning the
   * arrays, so it must outlive the module's use.
   */
  public final void load(StateDict stateDict) {
    Map<String, Parameter> expected = new LinkedHashMap<>();
    forEachParameter(expected::put);
    TreeSet<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(stateDict.keys());
    if (!missing.isEmpty()) {
      throw new WeightBindingException(stateDict.source() + ": missing key '" + missing.first()
          + "' (expected shape " + expected.get(missing.first()).shape() + ")"
          + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more missing" : ""));
    }
    TreeSet<String> unexpected = new TreeSet<>(stateDict.keys());
    unexpected.removeAll(expected.keySet());
    if (!unexpected.isEmpty()) {
      throw new WeightBindingException(stateDict.source() + ": unexpected key '" + unexpected.first()
          + "' with shape " + stateDict.shape(unexpected.first())
          + (unexpected.size() > 1 ? " and " + (unexpected.size() - 1) + " more unexpected" : ""));
    }
    for (String key : new TreeSet<>(expected.keySet())) {
      Shape want = expected.get(key).shape();
      Shape got = stateDict.shape(key);
      if (!want.equals(got)) {
        throw new WeightBindingException(stateDict.source() + ": key '" + key + "' has shape " + got
            + " but the config needs " + want);
      }
    }
    expected.forEach((key, p) -> {
      NDArray value = stateDict.get(key);
      p.bind(value);
    });
  }
}
