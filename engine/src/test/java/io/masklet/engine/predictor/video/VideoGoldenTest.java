package io.masklet.engine.predictor.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.tracking.FrameOutput;
import io.masklet.engine.tracking.Sam2BaseTracking;
import io.masklet.engine.tracking.TrackingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replays {@code video.steps} of a fixture's cases.json through the public predictor API and
 * compares every recorded tensor with the official outputs. Fixtures: ../shared/fixtures
 * sam2.1_hiera_micro, sam2.1_hiera_micro_occluded, sam2.1_hiera_t. Tolerances (fixtures
 * README): low-res logits, object pointers and memory features within atol 1e-2 + rtol 1e-2;
 * object-score signs identical; binary masks agree on at least 99.9% of pixels. The model sees
 * the fixture's own resized frames ({@code input.frames_u8}) to isolate the model.
 */
class VideoGoldenTest {
  static final float ATOL = 1e-2f;
  static final float RTOL = 1e-2f;

  @Test
  void microFixtureScriptMatchesOfficialPredictor() throws Exception {
    replay("sam2.1_hiera_micro", false);
  }

  @Test
  void microOccludedFixtureScriptMatchesOfficialPredictor() throws Exception {
    replay("sam2.1_hiera_micro_occluded", false);
  }

  @Test
  void tinyFixtureScriptMatchesOfficialPredictor() throws Exception {
    replay("sam2.1_hiera_t", true);
  }

  static Path fixture(String name) {
    return Path.of(System.getProperty("masklet.shared", "../shared"), "fixtures", name);
  }

  /** Frames from a (T, S, S, 3) uint8 tensor, already at the model's size. */
  static FrameImages fromU8(NDArray framesU8, int videoH, int videoW) {
    int t = (int) framesU8.getShape().get(0);
    int s = (int) framesU8.getShape().get(1);
    return new FrameImages() {
      public int numFrames() {
        return t;
      }

      public int videoHeight() {
        return videoH;
      }

      public int videoWidth() {
        return videoW;
      }

      public NDArray image(int index, NDManager manager) {
        byte[] rgb = framesU8.get(new NDIndex(index)).toByteArray();
        return FrameImages.normalize(rgb, s, manager);
      }
    };
  }

  static void replay(String name, boolean tinyConfig) throws Exception {
    Path dir = fixture(name);
    assumeTrue(Files.isRegularFile(dir.resolve("video.safetensors")),
        "fixture " + dir + " is absent (shared data not available)");
    JsonNode video = new ObjectMapper().readTree(dir.resolve("cases.json").toFile()).get("video");
    int vh = video.get("height").asInt();
    int vw = video.get("width").asInt();
    try (NDManager m = NDManager.newBaseManager("PyTorch");
        VideoTestModels.Loaded loaded = VideoTestModels.load(dir, tinyConfig)) {
      Map<String, NDArray> g = Safetensors.read(dir.resolve("video.safetensors"), m);
      SAM2VideoPredictor predictor = new SAM2VideoPredictor(new Sam2BaseTracking(loaded.model()),
          TrackingOptions.sam21Video(loaded.imageSize()), SAM2VideoPredictor.Settings.defaults());
      Map<Integer, float[]> pixFeat = new HashMap<>();
      predictor.setTracer(tr -> pixFeat.put(tr.frameIdx(),
          tr.pixFeatWithMem().get(new NDIndex("0:1")).toFloatArray()));
      try (InferenceState state = predictor.initState(fromU8(g.get("input.frames_u8"), vh, vw), m)) {
        for (JsonNode step : video.get("steps")) {
          String op = step.get("op").asText();
          String sn = step.get("name").asText();
          long t0 = System.nanoTime();
          switch (op) {
            case "add_points", "add_box" -> {
              float[][] pts = null;
              int[] labels = null;
              if (step.has("points")) {
                pts = new float[step.get("points").size()][];
                labels = new int[pts.length];
                for (int i = 0; i < pts.length; i++) {
                  pts[i] = new float[] {(float) step.get("points").get(i).get(0).asDouble(),
                      (float) step.get("points").get(i).get(1).asDouble()};
                  labels[i] = step.get("labels").get(i).asInt();
                }
              }
              float[] box = null;
              if (step.has("box")) {
                box = new float[4];
                for (int i = 0; i < 4; i++) {
                  box[i] = (float) step.get("box").get(i).asDouble();
                }
              }
              var r = predictor.addNewPointsOrBox(state, step.get("frame").asInt(),
                  step.get("obj_id").asInt(), pts, labels, box,
                  step.get("clear_old_points").asBoolean());
              checkPromptResult(sn, step, r, g);
            }
            case "add_mask" -> {
              NDArray mask = g.get(step.get("mask").asText());
              var r = predictor.addNewMask(state, step.get("frame").asInt(), step.get("obj_id").asInt(),
                  mask.toType(DataType.UINT8, false).toByteArray(), (int) mask.getShape().get(0),
                  (int) mask.getShape().get(1));
              checkPromptResult(sn, step, r, g);
            }
            case "propagate" -> {
              Integer start = step.has("start_frame_idx") ? step.get("start_frame_idx").asInt() : null;
              boolean reverse = step.has("reverse") && step.get("reverse").asBoolean();
              List<Integer> order = new ArrayList<>();
              pixFeat.clear();
              predictor.propagate(state, start, null, reverse, result -> {
                order.add(result.frameIdx());
                checkFrame(sn, result, state, g);
                if (sn.equals("pass1")) {
                  float[] pf = pixFeat.get(result.frameIdx());
                  NDArray want = g.get(sn + ".frame" + result.frameIdx() + ".pix_feat_with_mem");
                  if (want != null) {
                    assertNotNull(pf, "no memory-attention output traced on frame " + result.frameIdx());
                    close(sn + ".frame" + result.frameIdx() + ".pix_feat_with_mem", pf, want.toFloatArray());
                  }
                }
              }, null);
              List<Integer> want = new ArrayList<>();
              step.get("order").forEach(n -> want.add(n.asInt()));
              assertEquals(want, order, sn + ": frame order");
            }
            default -> throw new IllegalStateException("unknown op " + op);
          }
          System.out.printf("%s %s: %.1f s%n", name, sn, (System.nanoTime() - t0) / 1e9);
        }
      }
    }
  }

  static void checkPromptResult(String sn, JsonNode step, SAM2VideoPredictor.PromptResult r,
      Map<String, NDArray> g) {
    List<Integer> ids = new ArrayList<>();
    step.get("returned_obj_ids").forEach(n -> ids.add(n.asInt()));
    assertEquals(ids, r.objIds(), sn + ": object ids");
    int objId = step.get("obj_id").asInt();
    ObjectMask om = r.masks().stream().filter(o -> o.objId() == objId).findFirst().orElseThrow();
    close(sn + ".pred_masks", om.lowResLogits(), g.get(sn + ".pred_masks").toFloatArray());
    checkMasks(sn + ".masks", r.masks(), g.get(sn + ".masks"));
  }

  static void checkFrame(String sn, FrameResult result, InferenceState state, Map<String, NDArray> g) {
    String p = sn + ".frame" + result.frameIdx();
    for (ObjectMask om : result.objects()) {
      String q = p + ".obj" + om.objId();
      close(q + ".pred_masks", om.lowResLogits(), g.get(q + ".pred_masks").toFloatArray());
      float want = g.get(q + ".object_score_logits").toFloatArray()[0];
      assertEquals(want > 0, om.objectScore() > 0, q + ": object score sign " + om.objectScore() + " vs " + want);
      ObjectTrack t = state.object(om.objId());
      FrameOutput out = t.memory().cond().containsKey(result.frameIdx())
          ? t.memory().cond().get(result.frameIdx()) : t.memory().nonCond().get(result.frameIdx());
      close(q + ".obj_ptr", out.objPtr().toFloatArray(), g.get(q + ".obj_ptr").toFloatArray());
      NDArray mm = g.get(q + ".maskmem_features");
      if (mm != null) {
        close(q + ".maskmem_features", out.maskmemFeatures().toFloatArray(), mm.toFloatArray());
      }
    }
    checkMasks(p + ".masks", result.objects(), g.get(p + ".masks"));
  }

  /** Official packed bits [objects, H, ceil(W/8)] (numpy packbits, big-endian bit order). */
  static void checkMasks(String key, List<ObjectMask> got, NDArray packed) {
    long[] s = packed.getShape().getShape();
    assertEquals(s[0], got.size(), key + ": number of objects");
    byte[] bits = packed.toType(DataType.UINT8, false).toByteArray();
    int h = (int) s[1];
    int rowBytes = (int) s[2];
    for (int o = 0; o < got.size(); o++) {
      byte[] mine = got.get(o).mask().decode();
      int w = got.get(o).mask().width();
      long agree = 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int b = bits[(o * h + y) * rowBytes + x / 8] & 0xFF;
          boolean want = ((b >> (7 - x % 8)) & 1) != 0;
          if (want == (mine[y * w + x] != 0)) {
            agree++;
          }
        }
      }
      double frac = agree / (double) (h * w);
      assertTrue(frac >= 0.999, key + " object " + got.get(o).objId() + ": only " + frac + " of pixels agree");
    }
  }

  static void close(String key, float[] got, float[] want) {
    assertNotNull(got, key + ": no output");
    assertEquals(want.length, got.length, key + ": size");
    double worst = 0;
    int worstAt = -1;
    for (int i = 0; i < got.length; i++) {
      double excess = Math.abs(got[i] - want[i]) - (ATOL + RTOL * Math.abs(want[i]));
      if (excess > worst) {
        worst = excess;
        worstAt = i;
      }
    }
    if (worstAt >= 0) {
      throw new AssertionError(key + ": at " + worstAt + " got " + got[worstAt] + " want "
          + want[worstAt] + " (beyond atol 1e-2 + rtol 1e-2)");
    }
  }
}
