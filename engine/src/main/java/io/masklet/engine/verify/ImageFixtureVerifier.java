package io.masklet.engine.verify;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.engine.checkpoint.Safetensors;
import io.masklet.engine.predictor.ImagePrediction;
import io.masklet.engine.predictor.ImagePrompt;
import io.masklet.engine.predictor.MaskLogits;
import io.masklet.engine.predictor.PredictedMask;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replays the image cases of a fixture ({@code cases.json → image_cases}) on a predictor whose
 * image is already set, and compares every case's {@code NAME.masks}, {@code NAME.iou} and
 * {@code NAME.low_res_logits} with {@code image.safetensors}.
 */
public final class ImageFixtureVerifier {
  private final Tolerance tolerance;

  public ImageFixtureVerifier(Tolerance tolerance) {
    this.tolerance = tolerance;
  }

  /** The image cases of a parsed {@code cases.json}. */
  public static List<ImageCase> imageCases(JsonNode casesJson, String where) {
    JsonNode arr = casesJson.get("image_cases");
    if (arr == null || !arr.isArray()) {
      throw new IllegalArgumentException(where + ": no 'image_cases' array");
    }
    List<ImageCase> out = new ArrayList<>();
    arr.forEach(n -> out.add(ImageCase.parse(n, where)));
    return out;
  }

  /**
   * Runs every case in order (a case may take its mask input from an earlier one, as the
   * official script did, using this predictor's own earlier output) and reports each comparison
   * to {@code sink}; returns all comparisons.
   */
  public List<Comparison> verify(SAM2ImagePredictor predictor, List<ImageCase> cases,
      Safetensors.Reader golden, Consumer<Comparison> sink) throws IOException {
    List<Comparison> all = new ArrayList<>();
    Map<String, ImagePrediction> done = new HashMap<>();
    for (ImageCase c : cases) {
      List<Comparison> results;
      try {
        ImagePrediction p = predictor.predict(prompt(c, done), c.multimask(), false);
        done.put(c.name(), p);
        results = compare(c.name(), p, golden);
      } catch (RuntimeException e) {
        results = List.of(Comparison.failure(c.name(), e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
      for (Comparison r : results) {
        all.add(r);
        sink.accept(r);
      }
    }
    return all;
  }

  private static ImagePrompt prompt(ImageCase c, Map<String, ImagePrediction> done) {
    MaskLogits mask = null;
    if (c.maskInputFrom() != null) {
      ImagePrediction from = done.get(c.maskInputFrom());
      if (from == null) {
        throw new IllegalArgumentException("case '" + c.name() + "' takes its mask input from '"
            + c.maskInputFrom() + "', which did not run before it");
      }
      if (c.maskInputIndex() < 0 || c.maskInputIndex() >= from.masks().size()) {
        throw new IllegalArgumentException("case '" + c.name() + "': mask_input_index "
            + c.maskInputIndex() + " out of range");
      }
      mask = from.masks().get(c.maskInputIndex()).lowRes();
    }
    return new ImagePrompt(c.points(), c.box(), mask);
  }

  /** Compares one prediction with {@code NAME.masks}, {@code NAME.iou}, {@code NAME.low_res_logits}. */
  public List<Comparison> compare(String name, ImagePrediction p, Safetensors.Reader golden)
      throws IOException {
    List<Comparison> out = new ArrayList<>();
    int n = p.masks().size();
    try (NDManager m = NDManager.newBaseManager()) {
      String masksKey = name + ".masks";
      if (!golden.contains(masksKey)) {
        out.add(Comparison.failure(masksKey, "not in " + golden.file()));
      } else {
        byte[] want = golden.get(masksKey, m).toType(DataType.UINT8, false).toByteArray();
        int plane = want.length / Math.max(1, n);
        byte[] got = new byte[n * p.masks().get(0).binary().length];
        for (int i = 0; i < n; i++) {
          byte[] b = p.masks().get(i).binary();
          System.arraycopy(b, 0, got, i * b.length, b.length);
        }
        out.add(plane * n == want.length ? tolerance.compareMask(masksKey, got, want)
            : Comparison.shapeMismatch(masksKey, got.length, want.length));
      }
      out.add(compareFloats(name + ".iou", p.iouScores(), golden, m));
      int total = 0;
      for (PredictedMask pm : p.masks()) {
        total += pm.lowRes().logits().length;
      }
      float[] low = new float[total]; // (M, 4h, 4w) like the golden tensor
      int off = 0;
      for (PredictedMask pm : p.masks()) {
        float[] part = pm.lowRes().logits();
        System.arraycopy(part, 0, low, off, part.length);
        off += part.length;
      }
      out.add(compareFloats(name + ".low_res_logits", low, golden, m));
    }
    return out;
  }

  private Comparison compareFloats(String key, float[] got, Safetensors.Reader golden, NDManager m)
      throws IOException {
    if (!golden.contains(key)) {
      return Comparison.failure(key, "not in " + golden.file());
    }
    NDArray want = golden.get(key, m).toType(DataType.FLOAT32, false);
    return tolerance.compare(key, got, want.toFloatArray());
  }
}
