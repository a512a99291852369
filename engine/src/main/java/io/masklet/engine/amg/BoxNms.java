package io.masklet.engine.amg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Non-maximum suppression of boxes with torchvision's semantics ({@code torchvision.ops.nms}
 * and {@code batched_nms}): boxes are (x0, y0, x1, y1) with area (x1 - x0)·(y1 - y0), visited in
 * decreasing score order; a box is dropped when its IoU with an already kept box is strictly
 * greater than the threshold. The result lists the kept indices in decreasing score order.
 * Equal scores keep their input order (torch's sort leaves that order unspecified). IoU is
 * computed in float32, as torchvision's CPU kernel does for float boxes.
 */
public final class BoxNms {
  private BoxNms() {}

  /** Indices of the boxes kept by NMS, highest score first. */
  public static int[] nms(float[][] boxes, float[] scores, float iouThreshold) {
    checkSizes(boxes, scores);
    Integer[] order = byScoreDescending(scores, allIndices(scores.length));
    return suppress(boxes, order, iouThreshold);
  }

  /**
   * NMS run independently per category ({@code idxs[i]} is box i's category): boxes of
   * different categories never suppress each other. Kept indices, highest score first.
   */
  public static int[] batchedNms(float[][] boxes, float[] scores, int[] idxs, float iouThreshold) {
    checkSizes(boxes, scores);
    if (idxs.length != scores.length) {
      throw new IllegalArgumentException(idxs.length + " categories for " + scores.length + " boxes");
    }
    Map<Integer, List<Integer>> byCategory = new LinkedHashMap<>();
    for (int i = 0; i < idxs.length; i++) {
      byCategory.computeIfAbsent(idxs[i], k -> new ArrayList<>()).add(i);
    }
    List<Integer> kept = new ArrayList<>();
    for (List<Integer> members : byCategory.values()) {
      Integer[] order = byScoreDescending(scores, members.toArray(Integer[]::new));
      for (int k : suppress(boxes, order, iouThreshold)) {
        kept.add(k);
      }
    }
    Integer[] all = kept.toArray(Integer[]::new);
    Arrays.sort(all); // input order among equal scores
    return Arrays.stream(byScoreDescending(scores, all)).mapToInt(Integer::intValue).toArray();
  }

  /** IoU of two (x0, y0, x1, y1) boxes in float32, torchvision's formula. */
  public static float iou(float[] a, float[] b) {
    float areaA = (a[2] - a[0]) * (a[3] - a[1]);
    float areaB = (b[2] - b[0]) * (b[3] - b[1]);
    float w = Math.max(0f, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
    float h = Math.max(0f, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
    float inter = w * h;
    return inter / (areaA + areaB - inter);
  }

  private static int[] suppress(float[][] boxes, Integer[] order, float iouThreshold) {
    boolean[] suppressed = new boolean[order.length];
    int[] keep = new int[order.length];
    int n = 0;
    for (int a = 0; a < order.length; a++) {
      if (suppressed[a]) {
        continue;
      }
      keep[n++] = order[a];
      float[] box = boxes[order[a]];
      for (int b = a + 1; b < order.length; b++) {
        if (!suppressed[b] && iou(box, boxes[order[b]]) > iouThreshold) {
          suppressed[b] = true;
        }
      }
    }
    return Arrays.copyOf(keep, n);
  }

  private static Integer[] byScoreDescending(float[] scores, Integer[] indices) {
    Integer[] sorted = indices.clone();
    // stable: equal scores stay in the given order
    Arrays.sort(sorted, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    return sorted;
  }

  private static Integer[] allIndices(int n) {
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }

  private static void checkSizes(float[][] boxes, float[] scores) {
    if (boxes.length != scores.length) {
      throw new IllegalArgumentException(boxes.length + " boxes but " + scores.length + " scores");
    }
    for (int i = 0; i < boxes.length; i++) {
      if (boxes[i].length != 4) {
        throw new IllegalArgumentException("box " + i + " has " + boxes[i].length + " values, not 4");
      }
    }
  }
}
