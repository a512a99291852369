package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Applies a computation that is independent along the first axis (tokens, windows, batch)
 * chunk by chunk and concatenates the results. Bounding the size of every temporary keeps
 * large activations (the 4x-wide MLP hidden layer, q/k/v of thousands of windows) in memory the
 * allocator recycles, instead of fresh mappings that the kernel must fault in and zero on every
 * call, and keeps the working set closer to the caches. Results are identical to the unchunked
 * computation.
 */
public final class Chunked {
  private Chunked() {}

  /**
   * {@code step} on {@code x} split into slices of at most {@code chunk} along axis 0; each
   * slice runs in its own scope, the concatenated result is in x's manager.
   */
  public static NDArray alongFirstAxis(NDArray x, long chunk, UnaryOperator<NDArray> step) {
    long n = x.getShape().get(0);
    if (chunk >= n) {
      return step.apply(x);
    }
    return overRanges(x.getManager(), n, chunk, 0, (start, end, scope) -> {
      NDArray slice = x.get(new NDIndex("{}:{}", start, end));
      slice.attach(scope);
      return step.apply(slice);
    });
  }

  /** One step of {@link #overRanges}: the result for {@code [start, end)}, computed in {@code scope}. */
  @FunctionalInterface
  public interface RangeStep {
    NDArray apply(long start, long end, NDManager scope);
  }

  /**
   * {@code step} on the ranges {@code [0, chunk), [chunk, 2 chunk), ...} of {@code [0, n)}, each
   * in its own sub-scope of {@code owner} (so only one range's temporaries are alive), and the
   * results concatenated along {@code axis}, in {@code owner}.
   */
  public static NDArray overRanges(NDManager owner, long n, long chunk, int axis, RangeStep step) {
    List<NDArray> parts = new ArrayList<>();
    for (long start = 0; start < n; start += chunk) {
      long end = Math.min(n, start + chunk);
      try (NDManager scope = owner.newSubManager()) {
        NDArray y = step.apply(start, end, scope);
        y.attach(owner);
        parts.add(y);
      }
    }
    NDArray out = NDArrays.concat(new NDList(parts), axis);
    parts.forEach(NDArray::close);
    return out;
  }

  /**
   * {@code update} on {@code x} split into row slices of at most {@code chunk}: each slice is a
   * view of x's data, handed over in its own scope, and the update must write its result into
   * that view in place (a residual {@code t.addi(f(t))}). No concatenation: the rows of x are
   * the result. Returns x.
   */
  public static NDArray updateRows(NDArray x, long chunk, Consumer<NDArray> update) {
    return updateRowRanges(x, chunk, (slice, start, end) -> update.accept(slice));
  }

  /** One step of {@link #updateRowRanges}: rows {@code [start, end)} of x as the view {@code rows}. */
  @FunctionalInterface
  public interface RowUpdate {
    void apply(NDArray rows, long start, long end);
  }

  /**
   * {@link #updateRows} for updates that also need the rows' position (to read the matching
   * rows of another array): the slice's manager is the step's scope, attach such reads to it.
   */
  public static NDArray updateRowRanges(NDArray x, long chunk, RowUpdate update) {
    long n = x.getShape().get(0);
    for (long start = 0; start < n; start += chunk) {
      long end = Math.min(n, start + chunk);
      try (NDManager scope = x.getManager().newSubManager()) {
        NDArray slice = x.get(new NDIndex("{}:{}", start, end));
        slice.attach(scope);
        update.apply(slice, start, end);
      }
    }
    return x;
  }

  /** Rows per chunk so that a row of {@code rowElements} floats fills at most {@code maxElements}. */
  public static long rows(long maxElements, long rowElements) {
    return Math.max(1, maxElements / Math.max(1, rowElements));
  }
}
