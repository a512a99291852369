package io.masklet.app.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.masklet.app.ui.engine.SegmentationService.Direction;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.engine.video.FrameSources;
import io.masklet.model.project.PointPrompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workstation's engine with the image-feature disk tier (micro fixture, bedroom.mp4): a
 * propagation longer than the 16 frames kept in memory writes the evicted frames' features to
 * one file in the configured directory, a click on such a frame works, and closing the engine
 * removes the file. With the tier off nothing is written.
 */
class Sam2SegmentationServiceDiskCacheTest {
  static final Path SHARED = Path.of(System.getProperty("masklet.shared", "../shared"));
  static final Path CKPT = SHARED.resolve("fixtures/sam2.1_hiera_micro/checkpoint.pt");
  static final Path VIDEO = SHARED.resolve("data/videos/bedroom.mp4");
  static final TaskContext NONE = TaskContext.none();

  @TempDir
  Path cacheDir;

  @Test
  void evictedFramesGoToOneFileInTheCacheDirectoryWhichClosingRemoves() throws Exception {
    assumeTrue(Files.isRegularFile(CKPT) && Files.isRegularFile(VIDEO), "micro fixture or bedroom.mp4 absent");
    Sam2SegmentationService svc = propagated21Frames(() -> FeatureDiskCache.gib(cacheDir, 1));
    try {
      List<Path> files = files();
      assertEquals(1, files.size(), "one session file: " + files);
      assertTrue(Files.size(files.get(0)) > 0, "evicted frames were written");
      FeatureCacheUse use = svc.featureCacheUse();
      assertTrue(use.framesOnDisk() >= 4, "21 frames, 16 in memory: " + use);
      assertTrue(use.bytesOnDisk() > 0 && use.bytesOnDisk() <= Files.size(files.get(0)), use.toString());
      Prediction onEvicted = svc.predict(2, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(100, 100, true)), NONE);
      assertEquals(960, onEvicted.mask().width());
    } finally {
      svc.close();
    }
    assertEquals(List.of(), files(), "removed with the engine's session");
    assertEquals(FeatureCacheUse.NONE, svc.featureCacheUse());
  }

  @Test
  void withTheTierOffNothingIsWritten() throws Exception {
    assumeTrue(Files.isRegularFile(CKPT) && Files.isRegularFile(VIDEO), "micro fixture or bedroom.mp4 absent");
    Sam2SegmentationService svc = propagated21Frames(() -> new FeatureDiskCache(cacheDir, 0));
    try {
      assertEquals(List.of(), files());
      assertEquals(FeatureCacheUse.NONE, svc.featureCacheUse());
    } finally {
      svc.close();
    }
  }

  /** A service with this disk setting after a click on frame 0 and a propagation to frame 20. */
  private static Sam2SegmentationService propagated21Frames(
      Supplier<FeatureDiskCache> disk) throws Exception {
    Sam2SegmentationService svc = new Sam2SegmentationService(disk, EngineThreads.none());
    try {
      svc.loadCheckpoint(CKPT, null, NONE);
      svc.openVideo(FrameSources.open(VIDEO), NONE);
      svc.predict(0, 1, FramePrompts.EMPTY.withPoint(new PointPrompt(480, 270, true)), NONE);
      svc.propagate(0, Direction.FORWARD, 20, (f, preds, done, total) -> {}, NONE);
      return svc;
    } catch (Exception | Error e) {
      svc.close();
      throw e;
    }
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(cacheDir)) {
      return s.toList();
    }
  }
}
