package io.masklet.engine.amg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import io.masklet.engine.predictor.ImagePrediction;
import io.masklet.engine.predictor.ImagePrompt;
import io.masklet.engine.predictor.PointPrompt;
import io.masklet.engine.predictor.PredictedMask;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import io.masklet.engine.predictor.Sam2BaseImageModel;
import io.masklet.engine.video.RgbFrame;
import io.masklet.model.rle.Rle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * End to end on the micro fixture (../shared/fixtures/sam2.1_hiera_micro, random weights: no
 * semantic assertions) and ../shared/data/images/truck.jpg, checking the structural invariants of
 * the official generator: thresholds hold, records sorted by predicted IoU within a crop, boxes
 * are the masks' boxes, no two kept boxes overlap above the NMS threshold, and each mask is the
 * one the plain image predictor gives for its point.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutomaticMaskGeneratorTest {
  private Sam2Model model;
  private NDManager manager;
  private RgbFrame truck;

  @BeforeAll
  void load() throws Exception {
    String shared = System.getProperty("masklet.shared");
    assumeTrue(shared != null, "system property masklet.shared is not set");
    Path dir = Path.of(shared, "fixtures", "sam2.1_hiera_micro");
    Path image = Path.of(shared, "data", "images", "truck.jpg");
    assumeTrue(Files.isRegularFile(dir.resolve("checkpoint.pt")) && Files.isRegularFile(image),
        "micro fixture or truck.jpg absent");
    model = Sam2Models.load(dir.resolve("checkpoint.pt"), dir.resolve("config.yaml"));
    manager = NDManager.newBaseManager("PyTorch");
    truck = RgbFrame.of(0, ImageIO.read(image.toFile()));
  }

  @AfterAll
  void release() {
    if (manager != null) {
      manager.close();
    }
    if (model != null) {
      model.close();
    }
  }

  private List<AutoMask> generate(AmgOptions options, RgbFrame image) {
    try (SAM2AutomaticMaskGenerator g =
        new SAM2AutomaticMaskGenerator(new Sam2BaseImageModel(model.net()), manager, options)) {
      return g.generate(image);
    }
  }

  /** truck.jpg scaled to 600x400 (bilinear), for the runs that need several passes. */
  private RgbFrame smallTruck() {
    java.awt.image.BufferedImage small =
        new java.awt.image.BufferedImage(600, 400, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = small.createGraphics();
    g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
        java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.drawImage(truck.toBufferedImage(), 0, 0, 600, 400, null);
    g.dispose();
    return RgbFrame.of(0, small);
  }

  private static float boxIou(XyxyBox a, XyxyBox b) {
    float w = Math.max(0, Math.min(a.x1(), b.x1()) - Math.max(a.x0(), b.x0()));
    float h = Math.max(0, Math.min(a.y1(), b.y1()) - Math.max(a.y0(), b.y0()));
    float inter = w * h;
    float union = (a.x1() - a.x0()) * (a.y1() - a.y0()) + (b.x1() - b.x0()) * (b.y1() - b.y0()) - inter;
    return inter / union;
  }

  @Test
  void everyGridMaskIsThePredictorsMaskWithItsBoxInIouOrder() {
    // 8 points per side, no filtering: every point's three masks come back
    AmgOptions o = AmgOptions.defaults().withPointsPerSide(8).withThresholds(0f, 0f, 1.0f);
    List<AutoMask> masks = generate(o, truck);
    assertEquals(64 * 3, masks.size());
    CropBox whole = new CropBox(0, 0, 1800, 1200, 0);
    for (int i = 0; i < masks.size(); i++) {
      AutoMask m = masks.get(i);
      assertEquals(whole, m.cropBox());
      assertEquals(1200, m.segmentation().height());
      assertEquals(1800, m.segmentation().width());
      assertEquals(m.segmentation().area(), m.area());
      assertEquals(MaskBoxes.maskToBox(m.binaryMask(), 1200, 1800), m.box(), "record " + i);
      if (i > 0) {
        assertTrue(masks.get(i - 1).predictedIou() >= m.predictedIou(), "sorted by predicted IoU");
      }
      // grid points are cell centres: (k + 0.5) * 1800 / 8 and (k + 0.5) * 1200 / 8
      assertEquals(0.5, (m.point()[0] / 225.0) % 1.0, 1e-4);
      assertEquals(0.5, (m.point()[1] / 150.0) % 1.0, 1e-4);
    }
    // the low-res-first filtering upsamples exactly what the predictor returns for the point
    try (SAM2ImagePredictor p = new SAM2ImagePredictor(new Sam2BaseImageModel(model.net()), manager)) {
      p.setImage(truck);
      for (AutoMask m : List.of(masks.get(0), masks.get(masks.size() / 2), masks.get(masks.size() - 1))) {
        ImagePrediction pred = p.predict(ImagePrompt.of(PointPrompt.positive(m.point()[0],
            m.point()[1])), true, false);
        PredictedMask same = pred.masks().stream().filter(x -> x.iou() == m.predictedIou())
            .findFirst().orElse(null);
        assertNotNull(same, "the point's prediction has a mask with IoU " + m.predictedIou());
        assertEquals(Rle.encode(same.binary(), 1200, 1800), m.segmentation());
      }
    }
  }

  @Test
  void thresholdsHoldAndBoxNmsLeavesNoDuplicates() {
    RgbFrame image = smallTruck();
    AmgOptions all = AmgOptions.defaults().withPointsPerSide(5).withThresholds(0f, 0f, 1.0f);
    AmgOptions filtered = AmgOptions.defaults().withPointsPerSide(5).withThresholds(0.5f, 0.5f, 0.7f);
    List<AutoMask> candidates = generate(all, image).stream()
        .filter(m -> m.predictedIou() > 0.5f && m.stabilityScore() >= 0.5f).toList();
    List<AutoMask> kept = generate(filtered, image);
    assertFalse(kept.isEmpty(), "some of the " + candidates.size() + " candidates survive");
    assertTrue(kept.size() < candidates.size(), "random masks are near-duplicates: NMS removes some");
    for (int i = 0; i < kept.size(); i++) {
      AutoMask k = kept.get(i);
      assertTrue(k.predictedIou() > 0.5f && k.stabilityScore() >= 0.5f);
      for (int j = 0; j < i; j++) {
        assertTrue(boxIou(kept.get(j).box(), k.box()) <= 0.7f, "records " + j + " and " + i
            + " are duplicates above the NMS threshold");
      }
    }
    // greedy NMS: every dropped candidate overlaps a kept one of at least its IoU by > 0.7
    for (AutoMask c : candidates) {
      boolean isKept = kept.stream().anyMatch(k -> k.segmentation().equals(c.segmentation())
          && k.predictedIou() == c.predictedIou());
      boolean covered = kept.stream().anyMatch(k -> k.predictedIou() >= c.predictedIou()
          && boxIou(k.box(), c.box()) > 0.7f);
      assertTrue(isKept || covered, "candidate with IoU " + c.predictedIou() + " vanished");
    }
    assertEquals(candidates.get(0).segmentation(), kept.get(0).segmentation(),
        "the best candidate is always kept first");
  }

  @Test
  void cropLayersGiveMasksFromCropsAwayFromInnerCropEdges() {
    RgbFrame image = smallTruck();
    AmgOptions o = AmgOptions.defaults().withPointsPerSide(4).withThresholds(0f, 0f, 0.7f)
        .withCropNLayers(1).withPointsPerBatch(7);
    List<AutoMask> masks = generate(o, image);
    List<CropBox> crops = CropBoxes.generate(400, 600, 1, 512.0 / 1500);
    assertFalse(masks.isEmpty());
    for (int i = 0; i < masks.size(); i++) {
      AutoMask m = masks.get(i);
      assertTrue(crops.contains(m.cropBox()), "crop " + m.cropBox());
      CropBox c = m.cropBox();
      XyxyBox b = m.box();
      if (c.x0() > 0) {
        assertTrue(b.x0() - c.x0() > 20, "left edge of " + b + " on crop " + c);
      }
      if (c.y0() > 0) {
        assertTrue(b.y0() - c.y0() > 20, "top edge of " + b + " on crop " + c);
      }
      if (c.x1() < 600) {
        assertTrue(c.x1() - b.x1() > 20, "right edge of " + b + " on crop " + c);
      }
      if (c.y1() < 400) {
        assertTrue(c.y1() - b.y1() > 20, "bottom edge of " + b + " on crop " + c);
      }
      assertTrue(m.point()[0] >= c.x0() && m.point()[0] < c.x1()
          && m.point()[1] >= c.y0() && m.point()[1] < c.y1(), "point inside its crop");
      if (i > 0) {
        assertTrue(masks.get(i - 1).cropBox().area() <= c.area(), "smaller crops first");
      }
      for (int j = 0; j < i; j++) {
        assertTrue(boxIou(masks.get(j).box(), b) <= 0.7f, "duplicates " + j + ", " + i);
      }
    }
  }

  @Test
  void maskToMaskRefinementAndSmallRegionCleanupKeepTheInvariants() {
    RgbFrame image = smallTruck();
    AmgOptions o = AmgOptions.defaults().withPointsPerSide(3).withThresholds(0f, 0f, 1.0f)
        .withUseM2m(true).withMinMaskRegionArea(50).withPointsPerBatch(4);
    List<AutoMask> masks = generate(o, image);
    assertEquals(9 * 3, masks.size(), "m2m refines each of the 3 masks of every point");
    List<AutoMask> cleaned = SAM2AutomaticMaskGenerator.postprocessSmallRegions(masks, 50, 0.7f);
    assertFalse(cleaned.isEmpty());
    for (AutoMask m : cleaned) {
      byte[] bin = m.binaryMask();
      assertEquals(MaskBoxes.maskToBox(bin, 400, 600), m.box());
      assertFalse(SmallRegions.remove(bin, 400, 600, 50, SmallRegions.Mode.HOLES).changed()
          && SmallRegions.remove(bin, 400, 600, 50, SmallRegions.Mode.ISLANDS).changed(),
          "no small hole and island left at once");
    }
    assertArrayEquals(new int[] {0, 0, 600, 400}, masks.get(0).cropBox().toXywh());
  }

  @Test
  void repeatedGenerationLeavesNoNativeArraysBehind() {
    RgbFrame image = smallTruck();
    AmgOptions o = AmgOptions.defaults().withPointsPerSide(2).withThresholds(0f, 0f, 0.7f)
        .withUseM2m(true).withMinMaskRegionArea(10);
    try (SAM2AutomaticMaskGenerator g =
        new SAM2AutomaticMaskGenerator(new Sam2BaseImageModel(model.net()), manager, o)) {
      g.generate(image);
      int arrays = managed(manager);
      int weights = managed(model.weights().manager());
      g.generate(image);
      assertEquals(arrays, managed(manager), "arrays held under the generator's parent manager");
      assertEquals(weights, managed(model.weights().manager()), "arrays held by the weights");
    }
  }

  private static int managed(NDManager m) {
    return ((ai.djl.ndarray.BaseNDManager) m).getManagedArrays().size();
  }
}
