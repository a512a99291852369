package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.video.FrameSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The annotator's loop on a video longer than the in-memory feature cache (micro model, 40
 * synthetic frames, 4 frames in memory): propagate, correct frame 10, re-propagate from there.
 * With the disk tier the correction and the re-propagation run no image encoder at all, and
 * every mask logit equals the memory-only predictor's bit for bit.
 */
class FeatureDiskCacheTest {
  @TempDir
  Path dir;

  private record Run(List<float[]> outputs, long misses, long missesAfterFirstPass, long diskHits) {}

  @Test
  void correctionAndRepropagationReadEvictedFeaturesFromDiskWithIdenticalResults() throws Exception {
    VideoTestModels.withMicroModel(40, (loaded, m, video) -> {
      Run disk = run(loaded, m, video, new SAM2VideoPredictor.Settings(4, true).withFeatureDisk(dir, 1L << 30));
      Run ram = run(loaded, m, video, new SAM2VideoPredictor.Settings(64, true));
      assertEquals(ram.outputs().size(), disk.outputs().size());
      for (int i = 0; i < ram.outputs().size(); i++) {
        assertArrayEquals(ram.outputs().get(i), disk.outputs().get(i), "output " + i);
      }
      assertEquals(40, disk.missesAfterFirstPass(), "the first pass encodes each frame once");
      assertEquals(40, disk.misses(), "the correction and the re-propagation encode nothing");
      assertTrue(disk.diskHits() >= 13, "frames 10-22 were read from disk: " + disk.diskHits());
      Run small = run(loaded, m, video, new SAM2VideoPredictor.Settings(4, true));
      assertTrue(small.misses() >= 40 + 13, "with 4 frames in memory only they are encoded again: " + small.misses());
      try (var files = Files.list(dir)) {
        assertEquals(0, files.count(), "the session's file is gone with the session");
      }
    });
  }

  private static Run run(VideoTestModels.Loaded loaded, NDManager m, FrameSource video,
      SAM2VideoPredictor.Settings settings) {
    SAM2VideoPredictor p = VideoTestModels.predictor(loaded, settings);
    try (InferenceState state = p.initState(video, m)) {
      long[] afterFirst = new long[1];
      List<float[]> out = BoundedMemoryEquivalenceTest.correctionLoop(p, state,
          s -> afterFirst[0] = s.featureCache().misses());
      FeatureCache c = state.featureCache();
      return new Run(out, c.misses(), afterFirst[0], c.diskHits());
    }
  }
}
