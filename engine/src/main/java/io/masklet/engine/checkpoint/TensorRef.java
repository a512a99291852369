package io.masklet.engine.checkpoint;

import ai.djl.ndarray.types.Shape;

/**
 * A tensor as the pickle describes it ({@code _rebuild_tensor_v2}): a strided view of one
 * storage. No data is read until the checkpoint is materialized.
 */
record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {

  Shape shape() {
    return new Shape(size);
  }

  long numel() {
    long n = 1;
    for (long s : size) {
      n *= s;
    }
    return n;
  }

  /** No negative offset, size or stride (torch never writes them; a crafted file might), no overflow. */
  boolean isWellFormed() {
    if (offset < 0 || storage.numel() < 0) {
      return false;
    }
    long n = 1;
    for (int i = 0; i < size.length; i++) {
      if (size[i] < 0 || stride[i] < 0) {
        return false;
      }
      try {
        n = Math.multiplyExact(n, size[i]);
      } catch (ArithmeticException e) {
        return false;
      }
    }
    return n <= Integer.MAX_VALUE;
  }

  /** True if the view is the row-major layout of its shape (size-1 dims may have any stride). */
  boolean isContiguous() {
    long expected = 1;
    for (int i = size.length - 1; i >= 0; i--) {
      if (size[i] != 1 && stride[i] != expected) {
        return false;
      }
      expected *= size[i];
    }
    return true;
  }

  /** Largest storage element index the view touches, or -1 for an empty tensor. */
  long maxIndex() {
    long max = offset;
    for (int i = 0; i < size.length; i++) {
      if (size[i] == 0) {
        return -1;
      }
      max += (size[i] - 1) * stride[i];
    }
    return max;
  }
}

/** {@code ('storage', storage_type, key, location, numel)} from a persistent id. */
record StorageRef(TorchStorageType type, String key, String location, long numel) {}
