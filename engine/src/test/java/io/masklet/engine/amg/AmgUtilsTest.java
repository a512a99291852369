package io.masklet.engine.amg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.model.rle.BoundingBox;
import io.masklet.model.rle.Rle;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The sam2/utils/amg.py helpers against hand-computed values. */
class AmgUtilsTest {

  @Test
  void pointGridHasCellCentresWithXVaryingFastest() {
    double[][] g = PointGrids.buildPointGrid(2);
    assertArrayEquals(new double[][] {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}}, g);
    double[][] g4 = PointGrids.buildPointGrid(4);
    assertEquals(16, g4.length);
    assertArrayEquals(new double[] {0.375, 0.125}, g4[1]);
    assertArrayEquals(new double[] {0.125, 0.375}, g4[4]);
    assertArrayEquals(new double[] {0.875, 0.875}, g4[15]);
    assertArrayEquals(new double[][] {{0.5, 0.5}}, PointGrids.buildPointGrid(1));
  }

  @Test
  void layerGridsShrinkByTheDownscaleFactorWithTruncation() {
    List<double[][]> grids = PointGrids.buildAllLayerPointGrids(32, 2, 2);
    assertEquals(List.of(1024, 256, 64), grids.stream().map(g -> g.length).toList());
    // int(8 / 3) = 2 points per side on layer 1
    assertEquals(List.of(64, 4), PointGrids.buildAllLayerPointGrids(8, 1, 3).stream()
        .map(g -> g.length).toList());
  }

  @Test
  void cropBoxesForOneLayerOnA1800x1200Image() {
    // short side 1200, overlap int(512/1500 * 1200) = 409, crop w ceil(2209/2) = 1105,
    // crop h ceil(1609/2) = 805, x0 = {0, 696}, y0 = {0, 396}; x outer, y inner
    List<CropBox> boxes = CropBoxes.generate(1200, 1800, 1, 512.0 / 1500);
    assertEquals(List.of(
        new CropBox(0, 0, 1800, 1200, 0),
        new CropBox(0, 0, 1105, 805, 1),
        new CropBox(0, 396, 1105, 1200, 1),
        new CropBox(696, 0, 1800, 805, 1),
        new CropBox(696, 396, 1800, 1200, 1)), boxes);
    assertEquals(List.of(new CropBox(0, 0, 1800, 1200, 0)), CropBoxes.generate(1200, 1800, 0, 0.3));
    assertEquals(1 + 4 + 16, CropBoxes.generate(100, 80, 2, 512.0 / 1500).size());
    assertArrayEquals(new int[] {696, 396, 1104, 804}, boxes.get(4).toXywh());
  }

  @Test
  void boxesNearAnInnerCropEdgeAreFlaggedButImageEdgesAreNot() {
    CropBox crop = new CropBox(696, 396, 1800, 1200, 1);
    // left edge 701 is within 20 px of the crop's inner edge 696
    assertTrue(CropBoxes.isBoxNearCropEdge(new XyxyBox(5, 100, 200, 300), crop, 1800, 1200));
    // right/bottom near 1800/1200, which are also the image's edges
    assertFalse(CropBoxes.isBoxNearCropEdge(new XyxyBox(300, 300, 1100, 799), crop, 1800, 1200));
    // exactly 20 px away still counts (isclose with atol 20), 21 does not
    assertTrue(CropBoxes.isBoxNearCropEdge(new XyxyBox(20, 100, 200, 300), crop, 1800, 1200));
    assertFalse(CropBoxes.isBoxNearCropEdge(new XyxyBox(21, 100, 200, 300), crop, 1800, 1200));
    CropBox whole = new CropBox(0, 0, 1800, 1200, 0);
    assertFalse(CropBoxes.isBoxNearCropEdge(new XyxyBox(0, 0, 1799, 1199), whole, 1800, 1200));
  }

  @Test
  void uncropMovesBoxesPointsAndMasks() {
    CropBox crop = new CropBox(2, 1, 4, 3, 1);
    assertEquals(new XyxyBox(3, 1, 5, 3), new XyxyBox(1, 0, 3, 2).uncrop(crop));
    assertArrayEquals(new float[] {2.5f, 4f}, CropBoxes.uncropPoint(new float[] {0.5f, 3f}, crop));
    byte[] m = {1, 0, 0, 1};
    byte[] full = CropBoxes.uncropMask(m, crop, 3, 5);
    assertArrayEquals(new byte[] {
        0, 0, 0, 0, 0,
        0, 0, 1, 0, 0,
        0, 0, 0, 1, 0}, full);
    byte[] same = {1, 1};
    assertSame(same, CropBoxes.uncropMask(same, new CropBox(0, 0, 2, 1, 0), 1, 2));
  }

  @Test
  void stabilityScoreIsTheRatioOfTheHighAndLowCutoffAreas() {
    float[] logits = {
        -2f, -0.5f, 0.5f, 1.5f, 3f, -1.5f, // > 1: 2 pixels, > -1: 4 pixels
        5f, 5f, 5f, 5f, 5f, 5f,
        -3f, -3f, -3f, -3f, -3f, -3f};
    assertEquals(0.5f, StabilityScore.calculate(logits, 0, 6, 0f, 1f));
    assertEquals(1f, StabilityScore.calculate(logits, 6, 6, 0f, 1f));
    assertTrue(Float.isNaN(StabilityScore.calculate(logits, 12, 6, 0f, 1f)),
        "no pixel above the low cutoff: 0/0");
    // threshold 1, offset 0.5: > 1.5 is {3}, > 0.5 is {1.5, 3}
    assertEquals(0.5f, StabilityScore.calculate(logits, 0, 6, 1f, 0.5f));
    // 1 of 3 in float32
    assertEquals(1f / 3f, StabilityScore.calculate(new float[] {2f, 0.5f, 0.5f, -9f}, 0f, 1f));
  }

  @Test
  void nmsKeepsTheBestOfOverlappingBoxesInScoreOrder() {
    float[][] boxes = {{0, 0, 10, 10}, {1, 1, 11, 11}, {20, 20, 30, 30}};
    float[] scores = {0.9f, 0.8f, 0.95f};
    // IoU(A, B) = 81 / 119 = 0.68
    assertEquals(81f / 119f, BoxNms.iou(boxes[0], boxes[1]), 1e-7);
    assertArrayEquals(new int[] {2, 0, 1}, BoxNms.nms(boxes, scores, 0.7f));
    assertArrayEquals(new int[] {2, 0}, BoxNms.nms(boxes, scores, 0.5f));
    assertArrayEquals(new int[] {2, 0}, BoxNms.batchedNms(boxes, scores, new int[3], 0.5f));
  }

  @Test
  void nmsSuppressesOnlyAboveTheThresholdAndPerCategory() {
    float[][] boxes = {{0, 0, 3, 1}, {1, 0, 4, 1}};
    // IoU exactly 0.5 is not above 0.5
    assertEquals(0.5f, BoxNms.iou(boxes[0], boxes[1]));
    assertArrayEquals(new int[] {1, 0}, BoxNms.nms(boxes, new float[] {0.1f, 0.2f}, 0.5f));
    assertArrayEquals(new int[] {1}, BoxNms.nms(boxes, new float[] {0.1f, 0.2f}, 0.4f));
    assertArrayEquals(new int[] {1, 0},
        BoxNms.batchedNms(boxes, new float[] {0.1f, 0.2f}, new int[] {0, 1}, 0.4f));
    // equal scores: input order decides
    assertArrayEquals(new int[] {0}, BoxNms.nms(boxes, new float[] {0.3f, 0.3f}, 0.4f));
    assertArrayEquals(new int[0], BoxNms.nms(new float[0][], new float[0], 0.7f));
  }

  @Test
  void maskBoxIsInclusiveAndAgreesWithTheRleBox() {
    byte[] m = new byte[4 * 5];
    m[1 * 5 + 3] = 1;
    m[2 * 5 + 1] = 1;
    XyxyBox b = MaskBoxes.maskToBox(m, 4, 5);
    assertEquals(new XyxyBox(1, 1, 3, 2), b);
    assertArrayEquals(new int[] {1, 1, 2, 1}, b.toXywh());
    assertEquals(XyxyBox.EMPTY, MaskBoxes.maskToBox(new byte[20], 4, 5));
    Random rnd = new Random(7);
    for (int t = 0; t < 50; t++) {
      int h = 1 + rnd.nextInt(9), w = 1 + rnd.nextInt(9);
      byte[] mask = new byte[h * w];
      for (int i = 0; i < mask.length; i++) {
        mask[i] = (byte) (rnd.nextInt(6) == 0 ? 1 : 0);
      }
      XyxyBox box = MaskBoxes.maskToBox(mask, h, w);
      BoundingBox coco = Rle.encode(mask, h, w).bbox();
      if (coco.width() == 0) {
        assertEquals(XyxyBox.EMPTY, box);
      } else {
        assertEquals(new XyxyBox(coco.x(), coco.y(), coco.x() + coco.width() - 1,
            coco.y() + coco.height() - 1), box);
      }
    }
  }

  @Test
  void smallHolesAreFilledBelowTheAreaThreshold() {
    byte[] ring = {
        1, 1, 1, 0, 0,
        1, 0, 1, 0, 0,
        1, 1, 1, 0, 0};
    SmallRegions.Result r = SmallRegions.remove(ring, 3, 5, 2, SmallRegions.Mode.HOLES);
    assertTrue(r.changed());
    assertEquals(1, r.mask()[1 * 5 + 1]);
    assertEquals(0, r.mask()[4], "the large background (area 6) stays");
    SmallRegions.Result none = SmallRegions.remove(ring, 3, 5, 1, SmallRegions.Mode.HOLES);
    assertFalse(none.changed(), "area 1 is not below 1");
    assertSame(ring, none.mask());
  }

  @Test
  void smallIslandsAreRemovedAndTheLargestSurvivesWhenAllAreSmall() {
    byte[] m = {
        1, 1, 0, 0, 0,
        1, 1, 0, 0, 1,
        0, 0, 0, 0, 0};
    SmallRegions.Result r = SmallRegions.remove(m, 3, 5, 2, SmallRegions.Mode.ISLANDS);
    assertTrue(r.changed());
    assertArrayEquals(new byte[] {1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, r.mask());
    SmallRegions.Result all = SmallRegions.remove(m, 3, 5, 10, SmallRegions.Mode.ISLANDS);
    assertArrayEquals(new byte[] {1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, all.mask(),
        "every island is small: the largest (area 4) is kept");
    // diagonal pixels are one 8-connected island of area 2
    byte[] diag = {1, 0, 0, 1};
    assertFalse(SmallRegions.remove(diag, 2, 2, 2, SmallRegions.Mode.ISLANDS).changed());
  }
}
