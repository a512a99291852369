package io.masklet.engine.verify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.predictor.video.FrameImages;
import io.masklet.engine.predictor.video.FrameResult;
import io.masklet.engine.predictor.video.InferenceState;
import io.masklet.engine.predictor.video.ObjectMask;
import io.masklet.engine.predictor.video.ObjectTrack;
import io.masklet.engine.predictor.video.PropagationListener;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.tracking.FrameOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays a fixture's video interaction script ({@code cases.json → video.steps}) through the
 * public {@link SAM2VideoPredictor} API and compares every recorded tensor of
 * {@code video.safetensors} with this engine's: after {@code add_*} steps the interacted
 * object's {@code pred_masks} and all objects' {@code masks}; on every propagated frame each
 * object's {@code pred_masks}, {@code obj_ptr}, {@code object_score_logits} (sign) and the
 * frame's {@code masks}; on the first pass {@code maskmem_features} and
 * {@code pix_feat_with_mem} where recorded; and the frame order. The model sees the fixture's
 * own resized frames ({@code input.frames_u8}).
 */
public final class VideoFixtureVerifier {
  private final Tolerance tol;

  public VideoFixtureVerifier(Tolerance tolerance) {
    this.tol = tolerance;
  }

  /** Frames from a (T, S, S, 3) uint8 tensor, already at the model's size. */
  public static FrameImages framesFromU8(NDArray framesU8, int videoH, int videoW) {
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
        return FrameImages.normalize(framesU8.get(new NDIndex(index)).toByteArray(), s, manager);
      }
    };
  }

  /** Replays {@code video} (the cases.json "video" object) and reports each comparison to {@code sink}. */
  public List<Comparison> verify(SAM2VideoPredictor predictor, JsonNode video,
      Safetensors.Reader golden, NDManager manager, Consumer<Comparison> sink) throws IOException {
    List<Comparison> all = new ArrayList<>();
    Consumer<Comparison> report = c -> {
      all.add(c);
      sink.accept(c);
    };
    int vh = video.get("height").asInt();
    int vw = video.get("width").asInt();
    NDArray frames = golden.get("input.frames_u8", manager);
    Map<Integer, float[]> pixFeat = new HashMap<>();
    predictor.setTracer(tr -> pixFeat.putIfAbsent(tr.frameIdx(),
        tr.pixFeatWithMem().get(new NDIndex("0:1")).toFloatArray()));
    try (InferenceState state = predictor.initState(framesFromU8(frames, vh, vw), manager)) {
      for (JsonNode step : video.get("steps")) {
        String op = step.get("op").asText();
        String sn = step.get("name").asText();
        try {
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
                  !step.has("clear_old_points") || step.get("clear_old_points").asBoolean());
              comparePrompt(sn, step, r, golden, manager, report);
            }
            case "add_mask" -> {
              NDArray mask = golden.get(step.get("mask").asText(), manager);
              var r = predictor.addNewMask(state, step.get("frame").asInt(), step.get("obj_id").asInt(),
                  mask.toType(DataType.UINT8, false).toByteArray(), (int) mask.getShape().get(0),
                  (int) mask.getShape().get(1));
              comparePrompt(sn, step, r, golden, manager, report);
            }
            case "propagate" -> {
              Integer start = step.has("start_frame_idx") ? step.get("start_frame_idx").asInt() : null;
              boolean reverse = step.has("reverse") && step.get("reverse").asBoolean();
              List<Integer> order = new ArrayList<>();
              pixFeat.clear();
              predictor.propagate(state, start, null, reverse, new PropagationListener() {
                @Override
                public void onFrame(FrameResult result) {
                  order.add(result.frameIdx());
                  try {
                    compareFrame(sn, result, state, golden, manager, pixFeat, report);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }
              }, null);
              List<Integer> want = new ArrayList<>();
              step.get("order").forEach(n -> want.add(n.asInt()));
              report.accept(want.equals(order)
                  ? new Comparison(sn + ".order", 0, Double.NaN, true, null)
                  : Comparison.failure(sn + ".order", "frames came in order " + order + ", official " + want));
            }
            default -> report.accept(Comparison.failure(sn, "unknown op '" + op + "'"));
          }
        } catch (RuntimeException e) {
          report.accept(Comparison.failure(sn, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
      }
    } finally {
      predictor.setTracer(null);
    }
    return all;
  }

  private void comparePrompt(String sn, JsonNode step, SAM2VideoPredictor.PromptResult r,
      Safetensors.Reader golden, NDManager m, Consumer<Comparison> report) throws IOException {
    List<Integer> ids = new ArrayList<>();
    step.get("returned_obj_ids").forEach(n -> ids.add(n.asInt()));
    report.accept(ids.equals(r.objIds()) ? new Comparison(sn + ".obj_ids", 0, Double.NaN, true, null)
        : Comparison.failure(sn + ".obj_ids", "returned " + r.objIds() + ", official " + ids));
    int objId = step.get("obj_id").asInt();
    ObjectMask om = r.masks().stream().filter(o -> o.objId() == objId).findFirst().orElse(null);
    report.accept(om == null || om.lowResLogits() == null
        ? Comparison.failure(sn + ".pred_masks", "no output for object " + objId)
        : tol.compare(sn + ".pred_masks", om.lowResLogits(), floats(golden, sn + ".pred_masks", m)));
    compareMasks(sn + ".masks", r.masks(), golden.get(sn + ".masks", m), report);
  }

  private void compareFrame(String sn, FrameResult result, InferenceState state,
      Safetensors.Reader golden, NDManager m, Map<Integer, float[]> pixFeat,
      Consumer<Comparison> report) throws IOException {
    String p = sn + ".frame" + result.frameIdx();
    for (ObjectMask om : result.objects()) {
      String q = p + ".obj" + om.objId();
      report.accept(tol.compare(q + ".pred_masks", om.lowResLogits(), floats(golden, q + ".pred_masks", m)));
      float want = floats(golden, q + ".object_score_logits", m)[0];
      report.accept((want > 0) == (om.objectScore() > 0)
          ? new Comparison(q + ".object_score_logits", Math.abs(want - om.objectScore()), Double.NaN, true, null)
          : Comparison.failure(q + ".object_score_logits", "sign differs: " + om.objectScore() + " vs " + want));
      ObjectTrack t = state.object(om.objId());
      FrameOutput out = t.memory().cond().containsKey(result.frameIdx())
          ? t.memory().cond().get(result.frameIdx()) : t.memory().nonCond().get(result.frameIdx());
      report.accept(tol.compare(q + ".obj_ptr", out.objPtr().toFloatArray(), floats(golden, q + ".obj_ptr", m)));
      if (golden.contains(q + ".maskmem_features")) {
        report.accept(out.maskmemFeatures() == null
            ? Comparison.failure(q + ".maskmem_features", "no memory encoded")
            : tol.compare(q + ".maskmem_features", out.maskmemFeatures().toFloatArray(),
                floats(golden, q + ".maskmem_features", m)));
      }
    }
    if (golden.contains(p + ".pix_feat_with_mem")) {
      float[] got = pixFeat.get(result.frameIdx());
      report.accept(got == null ? Comparison.failure(p + ".pix_feat_with_mem", "not traced")
          : tol.compare(p + ".pix_feat_with_mem", got, floats(golden, p + ".pix_feat_with_mem", m)));
    }
    compareMasks(p + ".masks", result.objects(), golden.get(p + ".masks", m), report);
  }

  private static float[] floats(Safetensors.Reader golden, String key, NDManager m) throws IOException {
    if (!golden.contains(key)) {
      throw new IllegalStateException("golden tensor '" + key + "' is missing from " + golden.file());
    }
    try (NDArray a = golden.get(key, m)) {
      return a.toFloatArray();
    }
  }

  /** Official packed bits [objects, H, ceil(W/8)] (numpy packbits, most significant bit first). */
  private void compareMasks(String key, List<ObjectMask> got, NDArray packed, Consumer<Comparison> report) {
    long[] s = packed.getShape().getShape();
    if (s[0] != got.size()) {
      report.accept(Comparison.failure(key, got.size() + " objects, official " + s[0]));
      return;
    }
    byte[] bits = packed.toType(DataType.UINT8, false).toByteArray();
    int h = (int) s[1];
    int rowBytes = (int) s[2];
    for (int o = 0; o < got.size(); o++) {
      byte[] mine = got.get(o).mask().decode();
      int w = got.get(o).mask().width();
      byte[] want = new byte[h * w];
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int b = bits[(o * h + y) * rowBytes + x / 8] & 0xFF;
          want[y * w + x] = (byte) ((b >> (7 - x % 8)) & 1);
        }
      }
      report.accept(tol.compareMask(key + "[obj" + got.get(o).objId() + "]", mine, want));
    }
  }
}
