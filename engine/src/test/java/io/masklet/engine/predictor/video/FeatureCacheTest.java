package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.tracking.BackboneFeatures;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature cache's memory and disk tiers: exact round trips, budgets, clean-up, failures. */
class FeatureCacheTest {
  /**
   * A frame's features like the micro model's at 256 input: the decoder's two skip inputs in its
   * upscaling layout (pixel lists), the (B, C, H, W) top level, and the top's encoding.
   */
  private static final Shape[] LEVELS = {new Shape(1, 4096, 8), new Shape(1, 1024, 16),
      new Shape(1, 64, 16, 16)};
  private static final long FRAME_BYTES = (8 * 64 * 64 + 16 * 32 * 32 + 64 * 16 * 16) * 4L;

  @TempDir
  Path dir;

  private static BackboneFeatures frame(NDManager m, int seed, NDArray topPos) {
    m.getEngine().setRandomSeed(seed);
    List<NDArray> levels = new ArrayList<>();
    for (Shape s : LEVELS) {
      levels.add(m.randomNormal(s));
    }
    return new BackboneFeatures(levels, topPos);
  }

  private static void assertSameFeatures(BackboneFeatures expected, BackboneFeatures actual) {
    assertEquals(expected.levels().size(), actual.levels().size());
    for (int i = 0; i < expected.levels().size(); i++) {
      assertEquals(expected.levels().get(i).getShape(), actual.levels().get(i).getShape());
      assertArrayEquals(expected.levels().get(i).toFloatArray(), actual.levels().get(i).toFloatArray(),
          "level " + i);
    }
    assertArrayEquals(expected.topPos().toFloatArray(), actual.topPos().toFloatArray(), "top position encoding");
  }

  @Test
  void framesEvictedFromMemoryComeBackFromDiskBitExact() {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        FeatureCache cache = new FeatureCache(m, 2, dir, 1L << 30)) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      List<BackboneFeatures> originals = new ArrayList<>();
      for (int f = 0; f < 6; f++) {
        originals.add(frame(m, f, pos));
        cache.put(f, originals.get(f));
      }
      assertEquals(4, cache.framesOnDisk(), "the four frames evicted from memory");
      assertEquals(4 * FRAME_BYTES, cache.diskBytes(), "one slot per frame, the encoding kept once");
      for (int f = 0; f < 6; f++) {
        BackboneFeatures back = cache.get(f);
        assertNotNull(back, "frame " + f);
        assertSameFeatures(originals.get(f), back);
      }
      assertEquals(0, cache.misses(), "no frame had to be encoded again");
      assertTrue(cache.diskHits() >= 4, "frames 0-3 came from disk: " + cache.diskHits());
      assertTrue(cache.diskOff().isEmpty());
    }
  }

  @Test
  void diskBudgetKeepsTheMostRecentlyUsedFramesAndBoundsTheFile() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        FeatureCache cache = new FeatureCache(m, 1, dir, 3 * FRAME_BYTES + 100)) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      List<BackboneFeatures> originals = new ArrayList<>();
      for (int f = 0; f < 8; f++) {
        originals.add(frame(m, f, pos));
        cache.put(f, originals.get(f));
      }
      // frame 7 in memory; 0..6 were evicted in order, the disk keeps the last three of them
      assertEquals(3, cache.framesOnDisk());
      Path file = sessionFiles().get(0);
      assertTrue(Files.size(file) <= 3 * FRAME_BYTES, "file size " + Files.size(file));
      assertNull(cache.get(0), "frame 0 fell out of the budget");
      assertNull(cache.get(3), "frame 3 fell out of the budget");
      assertSameFeatures(originals.get(4), cache.get(4));
      assertEquals(2, cache.misses());
      assertEquals(1, cache.diskHits());
    }
  }

  @Test
  void aFrameWithAnotherPositionEncodingIsNotSpilled() {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        FeatureCache cache = new FeatureCache(m, 1, dir, 1L << 30)) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      cache.put(0, frame(m, 0, pos));
      cache.put(1, frame(m, 1, pos.add(1f)));
      cache.put(2, frame(m, 2, pos)); // evicts frame 1, whose encoding is not the kept one
      assertEquals(1, cache.framesOnDisk());
      assertNull(cache.get(1), "frame 1 is encoded again rather than given the wrong encoding");
      assertNotNull(cache.get(0));
    }
  }

  @Test
  void theSessionFileIsLockedWhileOpenAndDeletedOnClose() throws Exception {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      FeatureCache cache = new FeatureCache(m, 1, dir, 1L << 30);
      cache.put(0, frame(m, 0, pos));
      cache.put(1, frame(m, 1, pos));
      List<Path> files = sessionFiles();
      assertEquals(1, files.size());
      assertEquals(0, FeatureSpill.removeStale(dir), "a file in use is not stale");
      assertTrue(Files.exists(files.get(0)));
      cache.close();
      assertFalse(Files.exists(files.get(0)), "deleted on close");
    }
  }

  @Test
  void filesLeftByAProcessThatDiedAreRemovedWhenTheNextSessionStartsCaching() throws Exception {
    Path stale = Files.write(dir.resolve(FeatureSpill.PREFIX + "123" + FeatureSpill.SUFFIX), new byte[4096]);
    Path held = dir.resolve(FeatureSpill.PREFIX + "456" + FeatureSpill.SUFFIX);
    Path other = Files.write(dir.resolve("notes.txt"), new byte[10]);
    try (FileChannel ch = FileChannel.open(held, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock();
        NDManager m = NDManager.newBaseManager("PyTorch");
        FeatureCache cache = new FeatureCache(m, 1, dir, 1L << 30)) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      cache.put(0, frame(m, 0, pos));
      assertTrue(Files.exists(stale), "nothing is swept before the tier is used");
      cache.put(1, frame(m, 1, pos));
      assertFalse(Files.exists(stale), "an unlocked feature file is a dead session's");
      assertTrue(Files.exists(held), "a locked one is in use");
      assertTrue(Files.exists(other), "other files are left alone");
      assertTrue(lock.isValid());
    }
  }

  @Test
  void aBudgetBelowOneFrameTurnsTheDiskTierOffWithAReason() {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        FeatureCache cache = new FeatureCache(m, 1, dir, FRAME_BYTES - 1)) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      cache.put(0, frame(m, 0, pos));
      cache.put(1, frame(m, 1, pos));
      assertTrue(cache.diskOff().orElseThrow().contains("one frame needs"), cache.diskOff().orElseThrow());
      assertEquals(0, cache.framesOnDisk());
      assertNull(cache.get(0));
      assertNotNull(cache.get(1), "memory still works");
    }
  }

  @Test
  void anUnusableDirectoryTurnsTheDiskTierOffAndTheCacheKeepsWorking() throws Exception {
    Path notADir = Files.write(dir.resolve("file"), new byte[1]);
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        FeatureCache cache = new FeatureCache(m, 1, notADir.resolve("sub"), 1L << 30)) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      BackboneFeatures one = frame(m, 1, pos);
      cache.put(0, frame(m, 0, pos));
      cache.put(1, one);
      assertTrue(cache.diskOff().orElseThrow().contains(notADir.toString()), cache.diskOff().orElseThrow());
      assertNull(cache.get(0));
      assertSameFeatures(one, cache.get(1));
    }
  }

  @Test
  void manyRoundTripsThroughTheDiskLeaveNoNativeArraysBehind() {
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        NDManager cacheScope = m.newSubManager();
        FeatureCache cache = new FeatureCache(cacheScope, 2, dir, 1L << 30)) {
      NDArray pos = m.randomNormal(new Shape(1, 64, 16, 16));
      for (int f = 0; f < 4; f++) {
        try (NDManager s = m.newSubManager()) {
          cache.put(f, frame(s, f, pos));
        }
      }
      for (int f = 0; f < 4; f++) {
        cache.get(f);
      }
      int arrays = managed(cacheScope);
      for (int round = 0; round < 50; round++) {
        for (int f = 0; f < 4; f++) {
          assertNotNull(cache.get(f));
        }
      }
      assertEquals(0, cache.misses());
      assertTrue(cache.diskHits() >= 200, "every round read frames back from disk: " + cache.diskHits());
      assertEquals(arrays, managed(cacheScope), "arrays held by the cache's manager tree");
    }
  }

  private List<Path> sessionFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(FeatureSpill.PREFIX)).toList();
    }
  }

  private static int managed(NDManager m) {
    return ((BaseNDManager) m).getManagedArrays().size();
  }
}
