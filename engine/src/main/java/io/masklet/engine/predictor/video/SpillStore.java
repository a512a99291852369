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
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Disk storage for tracked-frame outputs evicted from memory, so bounded memory does not change
 * results: a correction on a frame tracked long ago, or a propagation restarting in the middle
 * of the video, finds the same memories the official predictor would keep in memory. One
 * append-only temporary file per session, deleted on close, and emptied whenever no output in
 * it is referred to any more; memory features are stored as their bfloat16 bits (they are
 * bfloat16 values), the rest as float32, so a reload is exact.
 *
 * <p>A slot can be {@link #take taken} out of the index by a {@link ForgottenFrames} (an undone
 * propagation that may be redone): its bytes then stay in the file, out of reach of lookups,
 * until the snapshot {@link #putBack puts it back} or {@link #release releases} it.
 */
final class SpillStore implements AutoCloseable {
  /** Where one output lies in the file; compared by identity (its shape arrays). */
  record Slot(long offset, long[] memShape, long[] maskShape, long[] ptrShape, long[] scoreShape) {}

  private final Path file;
  private final FileChannel channel;
  private final Map<Long, Slot> index = new HashMap<>();
  /** Slots taken out of the index whose bytes a snapshot may still read back. */
  private final Set<Slot> held = Collections.newSetFromMap(new IdentityHashMap<>());
  private long end;
  private boolean closed;

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
    reclaimIfUnused();
  }

  void removeFrame(int objId, int frame) {
    index.remove(key(objId, frame));
    reclaimIfUnused();
  }

  void clear() {
    index.clear();
    reclaimIfUnused();
  }

  /**
   * Takes the slot of {@code frame} out of the index (lookups no longer find it) but keeps its
   * bytes for the caller, who must {@link #putBack} or {@link #release} it; null if none.
   */
  Slot take(int objId, int frame) {
    Slot s = index.remove(key(objId, frame));
    if (s != null) {
      held.add(s);
    }
    return s;
  }

  /** Makes a slot {@link #take taken} earlier findable again (replacing a newer copy, if any). */
  void putBack(int objId, int frame, Slot slot) {
    if (closed || !held.remove(slot)) {
      throw new IllegalStateException("slot of object " + objId + " on frame " + frame
          + " is not held by this spill file");
    }
    index.put(key(objId, frame), slot);
  }

  /** Gives up a slot {@link #take taken} earlier: its bytes are garbage from now on. */
  void release(Slot slot) {
    if (held.remove(slot)) {
      reclaimIfUnused();
    }
  }

  /**
   * Empties the file once no slot is findable or held: the file only grows otherwise (outputs
   * recomputed or forgotten leave their old bytes behind), and an empty file costs nothing.
   */
  private void reclaimIfUnused() {
    if (closed || end == 0 || !index.isEmpty() || !held.isEmpty()) {
      return;
    }
    try {
      channel.truncate(0);
      end = 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the memory spill file " + file, e);
    }
  }

  /** The size of the file: bytes of outputs findable or held, and garbage until emptied. */
  long bytesOnDisk() {
    return end;
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the memory spill file " + file, e);
    }
  }
}
