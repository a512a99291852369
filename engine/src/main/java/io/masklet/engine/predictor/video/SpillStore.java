package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.tracking.FrameOutput;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Disk storage for tracked-frame outputs evicted from memory, so bounded memory does not change
 * results: a correction on a frame tracked long ago, or a propagation restarting in the middle
 * of the video, finds the same memories the official predictor would keep in memory. One
 * append-only temporary file per session, deleted on close; memory features are stored as
 * their bfloat16 bits (they are bfloat16 values), the rest as float32, so a reload is exact.
 */
final class SpillStore implements AutoCloseable {
  private record Slot(long offset, long[] memShape, long[] maskShape, long[] ptrShape, long[] scoreShape) {}

  private final Path file;
  private final FileChannel channel;
  private final Map<Long, Slot> index = new HashMap<>();
  private long end;

  SpillStore() {
    try {
      this.file = Files.createTempFile("masklet-memory-", ".spill");
      file.toFile().deleteOnExit();
      this.channel = new RandomAccessFile(file.toFile(), "rw").getChannel();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the memory spill file", e);
    }
  }

  private static long key(int objId, int frame) {
    return ((long) objId << 32) | (frame & 0xFFFFFFFFL);
  }

  boolean contains(int objId, int frame) {
    return index.containsKey(key(objId, frame));
  }

  /** Writes the output (replacing an older copy of the same frame). */
  void put(int objId, int frame, FrameOutput out) {
    NDArray mem = out.maskmemFeatures();
    NDArray mask = out.predMasks();
    float[] ptr = out.objPtr().toFloatArray();
    float[] score = out.objectScoreLogits().toFloatArray();
    float[] memV = mem == null ? new float[0] : mem.toFloatArray();
    float[] maskV = mask == null ? new float[0] : mask.toFloatArray();
    ByteBuffer buf = ByteBuffer.allocate(memV.length * 2 + (maskV.length + ptr.length + score.length) * 4)
        .order(ByteOrder.LITTLE_ENDIAN);
    for (float v : memV) {
      buf.putShort((short) (Float.floatToRawIntBits(v) >>> 16));
    }
    for (float v : maskV) {
      buf.putFloat(v);
    }
    for (float v : ptr) {
      buf.putFloat(v);
    }
    for (float v : score) {
      buf.putFloat(v);
    }
    buf.flip();
    try {
      long at = end;
      while (buf.hasRemaining()) {
        end += channel.write(buf, end);
      }
      index.put(key(objId, frame), new Slot(at, mem == null ? null : mem.getShape().getShape(),
          mask == null ? null : mask.getShape().getShape(), out.objPtr().getShape().getShape(),
          out.objectScoreLogits().getShape().getShape()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the memory spill file " + file, e);
    }
  }

  /** Reads a spilled output back into a new {@link FrameOutput} under {@code parent}, or null. */
  FrameOutput get(int objId, int frame, NDManager parent) {
    Slot s = index.get(key(objId, frame));
    if (s == null) {
      return null;
    }
    long memN = s.memShape() == null ? 0 : new Shape(s.memShape()).size();
    long maskN = s.maskShape() == null ? 0 : new Shape(s.maskShape()).size();
    long ptrN = new Shape(s.ptrShape()).size();
    long scoreN = new Shape(s.scoreShape()).size();
    ByteBuffer buf = ByteBuffer.allocate((int) (memN * 2 + (maskN + ptrN + scoreN) * 4))
        .order(ByteOrder.LITTLE_ENDIAN);
    try {
      long at = s.offset();
      while (buf.hasRemaining()) {
        int n = channel.read(buf, at);
        if (n < 0) {
          throw new IOException("spill file " + file + " ends early");
        }
        at += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the memory spill file " + file, e);
    }
    buf.flip();
    float[] mem = new float[(int) memN];
    for (int i = 0; i < mem.length; i++) {
      mem[i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
    }
    float[] mask = read(buf, maskN);
    float[] ptr = read(buf, ptrN);
    float[] score = read(buf, scoreN);
    try (NDManager tmp = parent.newSubManager()) {
      return new FrameOutput(parent,
          s.memShape() == null ? null : tmp.create(mem, new Shape(s.memShape())),
          s.maskShape() == null ? null : tmp.create(mask, new Shape(s.maskShape())),
          tmp.create(ptr, new Shape(s.ptrShape())), tmp.create(score, new Shape(s.scoreShape())));
    }
  }

  private static float[] read(ByteBuffer buf, long n) {
    float[] v = new float[(int) n];
    for (int i = 0; i < v.length; i++) {
      v[i] = buf.getFloat();
    }
    return v;
  }

  void remove(int objId) {
    index.keySet().removeIf(k -> (int) (k >>> 32) == objId);
  }

  void removeFrame(int objId, int frame) {
    index.remove(key(objId, frame));
  }

  void clear() {
    index.clear();
  }

  long bytesOnDisk() {
    return end;
  }

  @Override
  public void close() {
    try {
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the memory spill file " + file, e);
    }
  }
}
