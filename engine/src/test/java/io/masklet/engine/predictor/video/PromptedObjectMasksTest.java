package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.predictor.video.SAM2VideoPredictor.Masks;
import io.masklet.engine.predictor.video.SAM2VideoPredictor.PromptResult;
import io.masklet.engine.video.FrameSource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A prompt that asks only for the prompted object's mask ({@link Masks#PROMPTED_OBJECT}, what the
 * workstation's clicks use) returns exactly that object's entry of the official all-objects
 * result (micro model, synthetic video, two objects: first clicks, a refinement, corrections on a
 * tracked frame, a mask prompt).
 */
class PromptedObjectMasksTest {
  @Test
  void promptedObjectMaskEqualsItsEntryInTheAllObjectsResult() throws Exception {
    VideoTestModels.withMicroModel(8, (loaded, m, video) -> {
      List<PromptResult> all = script(loaded, m, video, Masks.ALL_OBJECTS);
      List<PromptResult> prompted = script(loaded, m, video, Masks.PROMPTED_OBJECT);
      int[] promptedIds = {1, 2, 2, 1, 1, 2};
      assertEquals(promptedIds.length, all.size());
      for (int i = 0; i < all.size(); i++) {
        int step = i;
        PromptResult a = all.get(i);
        PromptResult p = prompted.get(i);
        assertEquals(a.objIds(), p.objIds(), "step " + i + ": every object id is still listed");
        assertEquals(a.objIds().size(), a.masks().size(), "step " + i + ": all objects' masks");
        assertEquals(1, p.masks().size(), "step " + i + ": only the prompted object's mask");
        ObjectMask expected = a.masks().stream()
            .filter(o -> o.objId() == promptedIds[step])
            .findFirst().orElseThrow();
        ObjectMask actual = p.masks().get(0);
        assertEquals(expected.objId(), actual.objId(), "step " + i);
        assertArrayEquals(expected.lowResLogits(), actual.lowResLogits(), "step " + i + " logits");
        assertEquals(expected.mask().toCompressedString(), actual.mask().toCompressedString(),
            "step " + i + " mask");
        assertEquals(expected.objectScore(), actual.objectScore(), "step " + i + " score");
      }
      assertEquals(2, all.get(1).masks().size(), "two objects on frame 0 by the second click");
    });
  }

  /**
   * Object 1 clicked on frame 0, object 2 clicked and refined there, both propagated, then
   * object 1 corrected twice on frame 5 (a tracked frame: the correction path), then a mask given
   * for object 2 on frame 3.
   */
  private static List<PromptResult> script(VideoTestModels.Loaded loaded, NDManager m,
      FrameSource video, Masks returned) {
    SAM2VideoPredictor p = VideoTestModels.predictor(loaded, new SAM2VideoPredictor.Settings(8, true));
    try (InferenceState s = p.initState(video, m)) {
      PromptResult a = p.addNewPointsOrBox(s, 0, 1, new float[][] {{12, 20}}, new int[] {1}, null,
          true, returned);
      PromptResult b = p.addNewPointsOrBox(s, 0, 2, new float[][] {{44, 12}}, new int[] {1}, null,
          true, returned);
      PromptResult c = p.addNewPointsOrBox(s, 0, 2, new float[][] {{40, 30}}, new int[] {0}, null,
          false, returned);
      p.propagate(s, null, 8, false, r -> { }, null);
      PromptResult d = p.addNewPointsOrBox(s, 5, 1, new float[][] {{20, 24}}, new int[] {1}, null,
          true, returned);
      PromptResult e = p.addNewPointsOrBox(s, 5, 1, new float[][] {{30, 10}}, new int[] {0}, null,
          false, returned);
      byte[] rect = new byte[64 * 48];
      for (int y = 10; y < 30; y++) {
        for (int x = 30; x < 50; x++) {
          rect[y * 64 + x] = 1;
        }
      }
      PromptResult f = p.addNewMask(s, 3, 2, rect, 48, 64, returned);
      return List.of(a, b, c, d, e, f);
    }
  }
}
