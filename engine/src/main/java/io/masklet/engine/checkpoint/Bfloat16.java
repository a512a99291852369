package io.masklet.engine.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * bfloat16 → float32 widening done in Java: DJL 0.35's PyTorch engine aborts the JVM when asked
 * to create or convert a BFLOAT16 array, so such data never reaches it in bfloat16 form. The
 * widening is exact: a bfloat16 is the upper half of a float32's bits.
 */
final class Bfloat16 {
  private Bfloat16() {}

  /** Widens little-endian bfloat16 bytes (position..limit) into a new direct float32 buffer. */
  static ByteBuffer widen(ByteBuffer bf16) {
    ShortBuffer in = bf16.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    ByteBuffer out = ByteBuffer.allocateDirect(in.remaining() * 4).order(ByteOrder.nativeOrder());
    while (in.hasRemaining()) {
      out.putInt((in.get() & 0xffff) << 16);
    }
    return out.flip();
  }
}
