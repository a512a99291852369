package io.masklet.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.engine.predictor.BoxPrompt;
import io.masklet.engine.predictor.PointPrompt;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code cases.json → image_cases}: prompts in original-image pixels, multimask
 * flag, and optionally the low-res logits of an earlier case's mask as mask input.
 */
public record ImageCase(String name, List<PointPrompt> points, BoxPrompt box, boolean multimask,
    String maskInputFrom, int maskInputIndex) {

  /** Parses one case; {@code where} names the file for error messages. */
  public static ImageCase parse(JsonNode node, String where) {
    String name = text(node, "name", where);
    String at = where + ": image case '" + name + "'";
    List<PointPrompt> points = new ArrayList<>();
    JsonNode pts = node.get("points");
    if (pts != null && !pts.isNull()) {
      JsonNode labels = node.get("labels");
      if (labels == null || labels.size() != pts.size()) {
        throw new IllegalArgumentException(at + ": needs one label per point");
      }
      for (int i = 0; i < pts.size(); i++) {
        JsonNode p = pts.get(i);
        if (p.size() != 2) {
          throw new IllegalArgumentException(at + ": point " + i + " is not [x, y]");
        }
        points.add(new PointPrompt((float) p.get(0).asDouble(), (float) p.get(1).asDouble(),
            labels.get(i).asInt()));
      }
    }
    BoxPrompt box = null;
    JsonNode b = node.get("box");
    if (b != null && !b.isNull()) {
      if (b.size() != 4) {
        throw new IllegalArgumentException(at + ": box is not [x0, y0, x1, y1]");
      }
      box = new BoxPrompt((float) b.get(0).asDouble(), (float) b.get(1).asDouble(),
          (float) b.get(2).asDouble(), (float) b.get(3).asDouble());
    }
    boolean multimask = node.path("multimask").asBoolean(true);
    String from = node.hasNonNull("mask_input_from") ? node.get("mask_input_from").asText() : null;
    int index = node.path("mask_input_index").asInt(0);
    return new ImageCase(name, points, box, multimask, from, index);
  }

  private static String text(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException(where + ": an image case has no '" + key + "'");
    }
    return v.asText();
  }
}
