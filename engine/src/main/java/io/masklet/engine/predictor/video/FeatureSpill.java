package io.masklet.engine.predictor.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.tracking.BackboneFeatures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The disk tier of a {@link FeatureCache}: backbone features of frames evicted from memory go to
 * a session file of fixed-size slots, so a click on a frame propagated long ago, or a
 * re-propagation after a correction, reads the frame's features back (bit-exact float32)
 * instead of running the image encoder again — the encoder is most of a tracking step's time,
 * and more so the larger the model.
 *
 * <p>Bounded: at most {@code budgetBytes}, and at most half the free space of the directory when
 * the file is created; when full, the least recently used frame's slot is reused. The position
 * encoding of the top level depends only on the map's shape (the official
 * {@code PositionEmbeddingSine}), so it is kept once in memory rather than per frame; a frame
 * whose encoding differs is simply not spilled. The file is deleted on close; its owner holds a
 * lock on it, so a file left behind by a process that died is removed by the next session
 * ({@link #removeStale}). Any I/O failure (a full disk, say) turns the tier off with a warning:
 * it saves time, it is never a reason for a propagation to fail.
 */
final class FeatureSpill implements AutoCloseable {
  static final String PREFIX = "masklet-features-";
  static final String SUFFIX = ".cache";
  private static final System.Logger LOG = System.getLogger(FeatureSpill.class.getName());

  private final Path dir;
  private final long budgetBytes;
  private final NDManager parent;
  /** Frame → slot, in access order: the first entry is the least recently used. */
  private final LinkedHashMap<Integer, Integer> slots = new LinkedHashMap<>(16, 0.75f, true);
  private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
  private Layout layout;
  private FileChannel channel;
  private FileLock lock;
  private Path file;
  private NDManager sharedScope;
  private NDArray sharedTopPos;
  private ByteBuffer readBuffer;
  private int nextSlot;
  private String offReason;
  private long reads;
  private long writes;

  /** Level shapes, slot size and slot count of one session (every frame has the same shapes). */
  private record Layout(List<long[]> levelShapes, long[] levelOffsets, long slotBytes, int capacity) {}

  FeatureSpill(Path dir, long budgetBytes, NDManager parent) {
    this.dir = dir;
    this.budgetBytes = budgetBytes;
    this.parent = parent;
  }

  boolean contains(int frame) {
    return slots.containsKey(frame);
  }

  int frames() {
    return slots.size();
  }

  long reads() {
    return reads;
  }

  long writes() {
    return writes;
  }

  /** Bytes the file takes at most (its slots so far), 0 before the first frame. */
  long bytesOnDisk() {
    return layout == null ? 0 : (long) nextSlot * layout.slotBytes();
  }

  /** Why the tier is off (too small a budget, no room, an I/O error), or null while it works. */
  String offReason() {
    return offReason;
  }

  Path file() {
    return file;
  }

  /** Stores the frame's features unless they are there already (a frame's features never change). */
  void put(int frame, BackboneFeatures f) {
    if (offReason != null || slots.containsKey(frame)) {
      return;
    }
    try {
      if (layout == null && !open(f)) {
        return;
      }
      if (!fits(f)) {
        return;
      }
      int slot = takeSlot();
      long base = slot * layout.slotBytes();
      List<NDArray> levels = f.levels();
      for (int i = 0; i < levels.size(); i++) {
        ByteBuffer bytes = stored(levels.get(i)).toByteBuffer(true);
        long at = base + layout.levelOffsets()[i];
        while (bytes.hasRemaining()) {
          at += channel.write(bytes, at);
        }
      }
      slots.put(frame, slot);
      writes++;
    } catch (IOException | RuntimeException e) {
      turnOff("cannot write " + (file != null ? file : dir) + ": " + e.getMessage(), e);
    }
  }

  /** The frame's features as new arrays in {@code scope}, or null when the frame is not here. */
  BackboneFeatures get(int frame, NDManager scope) {
    Integer slot = slots.get(frame);
    if (slot == null || offReason != null) {
      return null;
    }
    try {
      long base = slot * layout.slotBytes();
      List<NDArray> levels = new ArrayList<>();
      for (int i = 0; i < layout.levelShapes().size(); i++) {
        long[] levelShape = layout.levelShapes().get(i);
        Shape shape = storedShape(levelShape);
        ByteBuffer buf = readBuffer.clear().limit(Math.toIntExact(shape.size() * Float.BYTES));
        long at = base + layout.levelOffsets()[i];
        while (buf.hasRemaining()) {
          int n = channel.read(buf, at);
          if (n < 0) {
            throw new IOException("the file ends inside frame " + frame + "'s slot");
          }
          at += n;
        }
        buf.flip();
        // create() may wrap the buffer rather than copy it, and the buffer is reused: the level
        // gets storage of its own
        NDArray staged = scope.create(buf, shape, DataType.FLOAT32);
        NDArray own = staged.duplicate();
        staged.close();
        levels.add(levelShape.length == 4
            ? own.transpose(0, 3, 1, 2) // (B, H, W, C) -> (B, C, H, W), a view, as in memory
            : own);
      }
      NDArray pos = sharedTopPos.duplicate();
      pos.attach(scope);
      reads++;
      return new BackboneFeatures(levels, pos);
    } catch (IOException | RuntimeException e) {
      turnOff("cannot read " + file + ": " + e.getMessage(), e);
      return null;
    }
  }

  /**
   * A level as its bytes are stored: a (B, C, H, W) map channel-last, as the cache keeps it
   * ({@link FeatureCache#channelsLast}; the (B, H, W, C) view is contiguous, its bytes the
   * storage itself), any other level (the decoder's skip inputs) as it is.
   */
  private static NDArray stored(NDArray level) {
    return level.getShape().dimension() == 4 ? level.transpose(0, 2, 3, 1) : level;
  }

  /** The shape of {@link #stored} for a level of shape {@code s}. */
  private static Shape storedShape(long[] s) {
    return s.length == 4 ? new Shape(s[0], s[2], s[3], s[1]) : new Shape(s);
  }

  private boolean open(BackboneFeatures f) throws IOException {
    List<long[]> shapes = new ArrayList<>();
    long[] offsets = new long[f.levels().size()];
    long slotBytes = 0;
    long largest = 0;
    for (int i = 0; i < f.levels().size(); i++) {
      NDArray l = f.levels().get(i);
      if (l.getDataType() != DataType.FLOAT32) {
        turnOff("level " + i + " is " + l.getDataType() + " " + l.getShape() + ", not float32",
            null);
        return false;
      }
      shapes.add(l.getShape().getShape());
      offsets[i] = slotBytes;
      long bytes = l.getShape().size() * Float.BYTES;
      slotBytes += bytes;
      largest = Math.max(largest, bytes);
    }
    Files.createDirectories(dir);
    removeStale(dir);
    long room = Math.min(budgetBytes, Files.getFileStore(dir).getUsableSpace() / 2);
    int capacity = (int) Math.min(Integer.MAX_VALUE, room / slotBytes);
    if (capacity < 1) {
      turnOff(String.format(java.util.Locale.ROOT,
          "%.1f MiB allowed in %s, one frame needs %.1f MiB", room / 1048576.0, dir, slotBytes / 1048576.0), null);
      return false;
    }
    file = Files.createTempFile(dir, PREFIX, SUFFIX);
    channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    lock = channel.tryLock();
    sharedScope = parent.newSubManager();
    sharedTopPos = f.topPos().duplicate();
    sharedTopPos.attach(sharedScope);
    readBuffer = ByteBuffer.allocateDirect(Math.toIntExact(largest)).order(ByteOrder.nativeOrder());
    layout = new Layout(shapes, offsets, slotBytes, capacity);
    return true;
  }

  /** The features have this session's layout and its (shape-determined) position encoding. */
  private boolean fits(BackboneFeatures f) {
    if (f.levels().size() != layout.levelShapes().size()) {
      return false;
    }
    for (int i = 0; i < f.levels().size(); i++) {
      if (!java.util.Arrays.equals(f.levels().get(i).getShape().getShape(), layout.levelShapes().get(i))) {
        return false;
      }
    }
    return f.topPos().getShape().equals(sharedTopPos.getShape()) && f.topPos().contentEquals(sharedTopPos);
  }

  private int takeSlot() {
    if (!freeSlots.isEmpty()) {
      return freeSlots.pop();
    }
    if (nextSlot < layout.capacity()) {
      return nextSlot++;
    }
    Iterator<Map.Entry<Integer, Integer>> oldest = slots.entrySet().iterator();
    int slot = oldest.next().getValue();
    oldest.remove();
    return slot;
  }

  private void turnOff(String reason, Exception cause) {
    offReason = reason;
    slots.clear();
    LOG.log(System.Logger.Level.WARNING,
        "image features are no longer cached on disk: " + reason, cause);
    closeFile();
  }

  /**
   * Deletes the feature files in {@code dir} that no process holds any more (left behind by a
   * process that was killed); returns how many. Files in use, by this or another process, stay.
   */
  static int removeStale(Path dir) {
    int removed = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + SUFFIX)) {
      for (Path p : files) {
        if (unheld(p)) {
          try {
            Files.deleteIfExists(p);
            removed++;
          } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot delete " + p, e);
          }
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot list " + dir, e);
    }
    return removed;
  }

  private static boolean unheld(Path p) {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return false; // another process holds it
      }
      l.release();
      return true;
    } catch (OverlappingFileLockException e) {
      return false; // this process holds it
    } catch (IOException e) {
      return false;
    }
  }

  private void closeFile() {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot delete " + file, e);
    }
    if (sharedScope != null) {
      sharedScope.close();
      sharedScope = null;
    }
    channel = null;
    lock = null;
  }

  @Override
  public void close() {
    slots.clear();
    freeSlots.clear();
    closeFile();
  }
}
