package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.masklet.engine.video.FrameSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * A rehearsed click (the JVM warm-up a workstation runs before the annotator's first clicks)
 * leaves the session as it was (micro model, synthetic video): a session with rehearsals before
 * and between its clicks and propagations returns every logit and mask bit-identical to one
 * without, holds the same objects and arrays, encodes no frame, and its tracer sees only the
 * real steps.
 */
class ClickRehearsalTest {
  private record Run(List<float[]> logits, List<String> masks, List<Integer> objIds, long misses,
      long reused, int traced) {}

  @Test
  void rehearsalsChangeNothingInTheSession() throws Exception {
    VideoTestModels.withMicroModel(16, (loaded, m, video) -> {
      Run plain = run(loaded, m, video, false);
      Run rehearsed = run(loaded, m, video, true);
      assertEquals(plain.logits().size(), rehearsed.logits().size());
      for (int i = 0; i < plain.logits().size(); i++) {
        assertArrayEquals(plain.logits().get(i), rehearsed.logits().get(i), "logits " + i);
      }
      assertEquals(plain.masks(), rehearsed.masks());
      assertEquals(List.of(1, 2), rehearsed.objIds());
      assertEquals(plain.objIds(), rehearsed.objIds());
      assertEquals(plain.misses(), rehearsed.misses(), "image encoder runs");
      assertEquals(plain.reused(), rehearsed.reused(), "memory attention reused");
      assertEquals(plain.traced(), rehearsed.traced(), "tracking steps traced");
    });
  }

  @Test
  void aFrameWhoseFeaturesAreNotInMemoryIsNotRehearsed() throws Exception {
    VideoTestModels.withMicroModel(12, (loaded, m, video) -> {
      SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(4, true));
      try (InferenceState s = p.initState(video, m)) {
        assertFalse(p.rehearseClick(s, 7, 30, 20, false), "frame 7 was never encoded");
        assertEquals(1, s.featureCache().misses(), "only frame 0, at init: no encoder run");
        assertTrue(p.rehearseClick(s, 0, 30, 20, true));
        assertEquals(List.of(), s.objIds());
      }
    });
  }

  /**
   * Clicks, a correction and propagations of two objects; with {@code rehearse}, rehearsals on
   * the clicked frames before and between them (on frame 6 after both objects were tracked there).
   * Asserts that a rehearsal holds no array afterwards.
   */
  private static Run run(VideoTestModels.Loaded loaded, NDManager m, FrameSource video,
      boolean rehearse) {
    SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(8, true));
    AtomicInteger traced = new AtomicInteger();
    p.setTracer(t -> traced.incrementAndGet());
    List<float[]> logits = new ArrayList<>();
    List<String> masks = new ArrayList<>();
    try (InferenceState s = p.initState(video, m)) {
      IntConsumer rehearsal = frame -> {
        if (rehearse) {
          int before = managed(s.manager);
          assertTrue(p.rehearseClick(s, frame, 20, 24, false));
          assertTrue(p.rehearseClick(s, frame, 50, 10, true));
          assertEquals(before, managed(s.manager), "arrays held after a rehearsal");
        }
      };
      PropagationListener collect = r -> r.objects().forEach(o -> {
        logits.add(o.lowResLogits());
        masks.add(r.frameIdx() + ":" + o.objId() + ":" + o.mask().toCompressedString());
      });
      List<SAM2VideoPredictor.PromptResult> clicks = new ArrayList<>();
      rehearsal.accept(0);
      clicks.add(p.addNewPointsOrBox(s, 0, 1, new float[][] {{8, 20}}, new int[] {1}, null, true));
      rehearsal.accept(0);
      clicks.add(p.addNewPointsOrBox(s, 0, 1, new float[][] {{14, 26}}, new int[] {0}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 0, 2, new float[][] {{44, 12}}, new int[] {1}, null, true));
      p.propagate(s, null, 10, false, collect, null);
      // frame 6: both objects are tracked there, and its features are among the 8 kept
      rehearsal.accept(6);
      clicks.add(p.addNewPointsOrBox(s, 6, 1, new float[][] {{30, 30}}, new int[] {0}, null, false));
      clicks.add(p.addNewPointsOrBox(s, 6, 1, new float[][] {{34, 26}}, new int[] {1}, null, false));
      p.propagate(s, 6, 8, false, collect, null);
      for (SAM2VideoPredictor.PromptResult c : clicks) {
        for (ObjectMask o : c.masks()) {
          if (o.lowResLogits() != null) {
            logits.add(o.lowResLogits());
          }
          masks.add(c.frameIdx() + ":" + o.objId() + ":" + o.mask().toCompressedString());
        }
      }
      return new Run(logits, masks, s.objIds(), s.featureCache().misses(), s.conditioningReused(),
          traced.get());
    }
  }

  private static int managed(NDManager m) {
    return ((BaseNDManager) m).getManagedArrays().size();
  }
}
