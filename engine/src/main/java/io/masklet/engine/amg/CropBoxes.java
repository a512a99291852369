package io.masklet.engine.amg;

import java.util.ArrayList;
import java.util.List;

/**
 * Port of the crop helpers of sam2/utils/amg.py: generate_crop_boxes, is_box_near_crop_edge,
 * uncrop_points and uncrop_masks (uncrop_boxes_xyxy is {@link XyxyBox#uncrop}).
 */
public final class CropBoxes {
  /** The official tolerance (pixels) of is_box_near_crop_edge. */
  public static final float NEAR_EDGE_ATOL = 20f;

  private CropBoxes() {}

  /**
   * The whole image (layer 0) followed by, for each layer i = 1..{@code nLayers}, a 2^i × 2^i
   * grid of overlapping crops (x outer, y inner, as itertools.product orders them). Layer i's
   * overlap is {@code int(overlapRatio · shortSide · 2 / 2^i)} pixels.
   */
  public static List<CropBox> generate(int imH, int imW, int nLayers, double overlapRatio) {
    List<CropBox> boxes = new ArrayList<>();
    boxes.add(new CropBox(0, 0, imW, imH, 0));
    int shortSide = Math.min(imH, imW);
    for (int layer = 0; layer < nLayers; layer++) {
      int nCrops = 1 << (layer + 1);
      int overlap = (int) (overlapRatio * shortSide * (2.0 / nCrops));
      int cropW = cropLen(imW, nCrops, overlap);
      int cropH = cropLen(imH, nCrops, overlap);
      for (int i = 0; i < nCrops; i++) {
        int x0 = (cropW - overlap) * i;
        for (int j = 0; j < nCrops; j++) {
          int y0 = (cropH - overlap) * j;
          boxes.add(new CropBox(x0, y0, Math.min(x0 + cropW, imW), Math.min(y0 + cropH, imH),
              layer + 1));
        }
      }
    }
    return boxes;
  }

  private static int cropLen(int origLen, int nCrops, int overlap) {
    return (int) Math.ceil((overlap * (nCrops - 1) + origLen) / (double) nCrops);
  }

  /**
   * Whether a box (in crop coordinates) lies within {@link #NEAR_EDGE_ATOL} of an edge of its
   * crop that is not also an edge of the {@code origW}×{@code origH} image: such masks are
   * probably cut off by the crop and are dropped.
   */
  public static boolean isBoxNearCropEdge(XyxyBox box, CropBox crop, int origW, int origH) {
    XyxyBox b = box.uncrop(crop);
    int[] bv = {b.x0(), b.y0(), b.x1(), b.y1()};
    int[] cv = crop.toXyxy();
    int[] ov = {0, 0, origW, origH};
    for (int k = 0; k < 4; k++) {
      boolean nearCrop = Math.abs((float) bv[k] - cv[k]) <= NEAR_EDGE_ATOL;
      boolean nearImage = Math.abs((float) bv[k] - ov[k]) <= NEAR_EDGE_ATOL;
      if (nearCrop && !nearImage) {
        return true;
      }
    }
    return false;
  }

  /** A point (x, y) in crop coordinates moved to the image. */
  public static float[] uncropPoint(float[] xy, CropBox crop) {
    return new float[] {xy[0] + crop.x0(), xy[1] + crop.y0()};
  }

  /**
   * A row-major {@code crop.height()×crop.width()} mask placed into a zero
   * {@code origH×origW} mask at the crop's position (uncrop_masks' zero padding).
   */
  public static byte[] uncropMask(byte[] mask, CropBox crop, int origH, int origW) {
    if (crop.isWholeImage(origW, origH)) {
      return mask;
    }
    int w = crop.width();
    byte[] out = new byte[origH * origW];
    for (int y = 0; y < crop.height(); y++) {
      System.arraycopy(mask, y * w, out, (y + crop.y0()) * origW + crop.x0(), w);
    }
    return out;
  }
}
