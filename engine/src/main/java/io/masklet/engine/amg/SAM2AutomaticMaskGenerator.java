package io.masklet.engine.amg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.predictor.ImagePrompt;
import io.masklet.engine.predictor.MaskLogits;
import io.masklet.engine.predictor.PointPrompt;
import io.masklet.engine.predictor.SAM2ImagePredictor;
import io.masklet.engine.predictor.SAM2ImagePredictor.LowResPrediction;
import io.masklet.engine.predictor.SamImageModel;
import io.masklet.engine.video.RgbFrame;
import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.List;

/**
 * Port of sam2/automatic_mask_generator.py::SAM2AutomaticMaskGenerator: prompts the image
 * predictor with a grid of single points over the image (and over overlapping crops when
 * {@code cropNLayers > 0}), keeps masks whose predicted IoU and stability pass the thresholds
 * and that are not cut by a crop edge, removes duplicates with box NMS within each crop (by
 * predicted IoU) and then across crops (preferring smaller crops), and returns the masks as RLE.
 *
 * <p>Memory stays bounded: the official code upsamples every mask of a batch to the image size
 * before filtering (points_per_batch × 3 full-size float planes); here the decoder's low-res
 * logits are filtered by predicted IoU first and only the survivors are upsampled, a few at a
 * time. Every step is per mask, so the results are the same. Native arrays live in a
 * sub-manager per batch and per chunk.
 *
 * <p>Not thread-safe (it drives one image predictor).
 */
public final class SAM2AutomaticMaskGenerator implements AutoCloseable {
  /** Masks upsampled to image size together (bounds the full-size float planes held at once). */
  private static final int MASKS_PER_CHUNK = 8;
  /** The image predictor's clamp of the low-res logits it returns (used as m2m mask prompts). */
  private static final float LOW_RES_CLAMP = 32f;

  private final AmgOptions options;
  private final List<double[][]> pointGrids;
  private final SAM2ImagePredictor predictor;
  private final NDManager manager;

  /**
   * @param model the network (e.g. a loaded SAM 2.1 through
   *     {@link io.masklet.engine.predictor.Sam2BaseImageModel})
   * @param parent manager this generator's native memory is a sub-manager of
   */
  public SAM2AutomaticMaskGenerator(SamImageModel model, NDManager parent, AmgOptions options) {
    this.options = options;
    this.pointGrids = options.layerPointGrids();
    this.manager = parent.newSubManager();
    // as the official constructor: the predictor's mask threshold stays 0, small regions of the
    // low-res masks are cleaned up to min_mask_region_area
    this.predictor = new SAM2ImagePredictor(model, manager, 0f, options.minMaskRegionArea(),
        options.minMaskRegionArea());
  }

  public AmgOptions options() {
    return options;
  }

  /**
   * Generates masks for the whole image. Records come in the official order: within one crop by
   * decreasing predicted IoU (the NMS order); with several crops, by increasing crop area.
   */
  public List<AutoMask> generate(RgbFrame image) {
    return generate(image, (done, total) -> { });
  }

  /** Reports point prompts done out of the total over all crops. */
  @FunctionalInterface
  public interface Progress {
    void pointsDone(int done, int total);
  }

  /** {@link #generate(RgbFrame)} reporting progress after every batch of points. */
  public List<AutoMask> generate(RgbFrame image, Progress progress) {
    int h = image.height(), w = image.width();
    List<CropBox> crops = CropBoxes.generate(h, w, options.cropNLayers(), options.cropOverlapRatio());
    int total = 0;
    for (CropBox crop : crops) {
      total += pointGrids.get(crop.layer()).length;
    }
    int[] done = {0};
    int all = total;
    Progress counting = (n, ignored) -> {
      done[0] += n;
      progress.pointsDone(done[0], all);
    };
    List<AutoMask> data = new ArrayList<>();
    for (CropBox crop : crops) {
      data.addAll(processCrop(image, crop, counting));
    }
    if (crops.size() > 1 && !data.isEmpty()) {
      float[][] boxes = new float[data.size()][];
      float[] scores = new float[data.size()];
      for (int i = 0; i < data.size(); i++) {
        boxes[i] = data.get(i).box().toFloatArray();
        // prefer masks from smaller crops
        scores[i] = 1f / (float) data.get(i).cropBox().area();
      }
      data = select(data, BoxNms.batchedNms(boxes, scores, new int[data.size()],
          options.cropNmsThresh()));
    }
    return data;
  }

  private List<AutoMask> processCrop(RgbFrame image, CropBox crop, Progress batchDone) {
    predictor.setImage(cropImage(image, crop));
    try {
      double[][] grid = pointGrids.get(crop.layer());
      int cw = crop.width(), ch = crop.height();
      List<AutoMask> data = new ArrayList<>();
      for (int start = 0; start < grid.length; start += options.pointsPerBatch()) {
        int end = Math.min(grid.length, start + options.pointsPerBatch());
        float[][] points = new float[end - start][];
        for (int i = start; i < end; i++) {
          // grid (double) scaled to crop pixels, then float32 as the official tensor
          points[i - start] = new float[] {(float) (grid[i][0] * cw), (float) (grid[i][1] * ch)};
        }
        data.addAll(processBatch(points, crop, image.height(), image.width()));
        batchDone.pointsDone(points.length, grid.length);
      }
      // duplicates within this crop, by predicted IoU
      float[][] boxes = new float[data.size()][];
      float[] scores = new float[data.size()];
      for (int i = 0; i < data.size(); i++) {
        boxes[i] = data.get(i).box().toFloatArray();
        scores[i] = data.get(i).predictedIou();
      }
      List<AutoMask> kept = select(data, BoxNms.batchedNms(boxes, scores, new int[data.size()],
          options.boxNmsThresh()));
      // back to image coordinates
      List<AutoMask> out = new ArrayList<>(kept.size());
      for (AutoMask m : kept) {
        out.add(new AutoMask(m.segmentation(), m.box().uncrop(crop), m.predictedIou(),
            CropBoxes.uncropPoint(m.point(), crop), m.stabilityScore(), crop));
      }
      return out;
    } finally {
      predictor.resetPredictor();
    }
  }

  /**
   * One batch of point prompts on the current crop: records with boxes and points still in crop
   * coordinates and masks already placed in the whole image.
   */
  private List<AutoMask> processBatch(float[][] points, CropBox crop, int origH, int origW) {
    List<ImagePrompt> prompts = new ArrayList<>(points.length);
    for (float[] p : points) {
      prompts.add(ImagePrompt.of(PointPrompt.positive(p[0], p[1])));
    }
    LowRes lr;
    try (NDManager scope = manager.newSubManager()) {
      lr = LowRes.of(predictor.predictLowRes(prompts, options.multimaskOutput(), scope));
    }
    int perPoint = lr.count() / points.length;
    float[][] maskPoints = new float[lr.count()][];
    for (int i = 0; i < lr.count(); i++) {
      maskPoints[i] = points[i / perPoint]; // repeat_interleave over the masks of a point
    }
    if (options.useM2m()) {
      lr = refineWithM2m(maskPoints, lr);
    }
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < lr.count(); i++) {
      if (!(options.predIouThresh() > 0f) || lr.iou()[i] > options.predIouThresh()) {
        keep.add(i);
      }
    }
    List<AutoMask> out = new ArrayList<>();
    for (int start = 0; start < keep.size(); start += MASKS_PER_CHUNK) {
      List<Integer> chunk = keep.subList(start, Math.min(keep.size(), start + MASKS_PER_CHUNK));
      out.addAll(finishChunk(lr, chunk, maskPoints, crop, origH, origW));
    }
    return out;
  }

  /**
   * Upsamples a few low-res masks to the crop size, then as the official code: stability score
   * and its threshold, binarization, boxes, crop-edge filter, RLE in the whole image.
   */
  private List<AutoMask> finishChunk(LowRes lr, List<Integer> chunk, float[][] maskPoints,
      CropBox crop, int origH, int origW) {
    int ch = crop.height(), cw = crop.width();
    int plane = ch * cw;
    float[] logits;
    try (NDManager scope = manager.newSubManager()) {
      float[] low = new float[chunk.size() * lr.plane()];
      for (int k = 0; k < chunk.size(); k++) {
        System.arraycopy(lr.logits(), chunk.get(k) * lr.plane(), low, k * lr.plane(), lr.plane());
      }
      NDArray lowRes = scope.create(low, new Shape(chunk.size(), 1, lr.h(), lr.w()));
      // (n, 1, h, w) -> (n, 1, ch, cw)
      logits = predictor.transforms().postprocessMasks(lowRes, ch, cw).toFloatArray();
    }
    List<AutoMask> out = new ArrayList<>();
    for (int k = 0; k < chunk.size(); k++) {
      // counting on the heap: libtorch's bool→int reductions over image-size planes were the
      // slowest step by far
      float stability = StabilityScore.calculate(logits, k * plane, plane,
          options.maskThreshold(), options.stabilityScoreOffset());
      if (options.stabilityScoreThresh() > 0f && !(stability >= options.stabilityScoreThresh())) {
        continue;
      }
      byte[] mask = new byte[plane];
      float t = options.maskThreshold();
      for (int p = 0, q = k * plane; p < plane; p++, q++) {
        mask[p] = (byte) (logits[q] > t ? 1 : 0);
      }
      XyxyBox box = MaskBoxes.maskToBox(mask, ch, cw);
      if (CropBoxes.isBoxNearCropEdge(box, crop, origW, origH)) {
        continue;
      }
      Rle rle = Rle.encode(CropBoxes.uncropMask(mask, crop, origH, origW), origH, origW);
      int i = chunk.get(k);
      out.add(new AutoMask(rle, box, lr.iou()[i], maskPoints[i], stability, crop));
    }
    return out;
  }

  /**
   * The official refine_with_m2m: each mask is predicted again from its point and its own
   * (clamped) low-res logits as mask prompt, single-mask output, in batches of pointsPerBatch.
   */
  private LowRes refineWithM2m(float[][] maskPoints, LowRes first) {
    float[] logits = new float[first.logits().length];
    float[] iou = new float[first.count()];
    for (int start = 0; start < first.count(); start += options.pointsPerBatch()) {
      int end = Math.min(first.count(), start + options.pointsPerBatch());
      List<ImagePrompt> prompts = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        float[] mask = new float[first.plane()];
        for (int p = 0; p < mask.length; p++) {
          float v = first.logits()[i * first.plane() + p];
          mask[p] = Math.max(-LOW_RES_CLAMP, Math.min(LOW_RES_CLAMP, v));
        }
        prompts.add(new ImagePrompt(List.of(PointPrompt.positive(maskPoints[i][0],
            maskPoints[i][1])), null, new MaskLogits(first.h(), first.w(), mask)));
      }
      try (NDManager scope = manager.newSubManager()) {
        LowRes r = LowRes.of(predictor.predictLowRes(prompts, false, scope));
        System.arraycopy(r.logits(), 0, logits, start * first.plane(), r.logits().length);
        System.arraycopy(r.iou(), 0, iou, start, r.iou().length);
      }
    }
    return new LowRes(first.h(), first.w(), logits, iou);
  }

  /** Low-res logits of N masks (row-major planes) and their predicted IoU, on the heap. */
  private record LowRes(int h, int w, float[] logits, float[] iou) {
    static LowRes of(LowResPrediction p) {
      long[] s = p.lowResLogits().getShape().getShape(); // (B, M, h, w)
      return new LowRes((int) s[2], (int) s[3], p.lowResLogits().toFloatArray(),
          p.iouPredictions().toFloatArray());
    }

    int plane() {
      return h * w;
    }

    int count() {
      return iou.length;
    }
  }

  /**
   * The official postprocess_small_regions (a static helper that {@code generate} does not call;
   * there min_mask_region_area acts through the predictor): fills holes and removes islands
   * smaller than {@code minArea} in every mask, then runs box NMS again preferring masks that
   * needed no change. Changed masks get their new RLE and box; kept records in NMS order.
   */
  public static List<AutoMask> postprocessSmallRegions(List<AutoMask> masks, int minArea,
      float nmsThresh) {
    if (masks.isEmpty()) {
      return masks;
    }
    List<byte[]> cleaned = new ArrayList<>();
    float[] scores = new float[masks.size()];
    float[][] boxes = new float[masks.size()][];
    XyxyBox[] newBoxes = new XyxyBox[masks.size()];
    for (int i = 0; i < masks.size(); i++) {
      Rle rle = masks.get(i).segmentation();
      int h = rle.height(), w = rle.width();
      SmallRegions.Result holes = SmallRegions.remove(rle.decode(), h, w, minArea,
          SmallRegions.Mode.HOLES);
      SmallRegions.Result islands = SmallRegions.remove(holes.mask(), h, w, minArea,
          SmallRegions.Mode.ISLANDS);
      cleaned.add(islands.mask());
      // unchanged masks score 1 so that NMS prefers them
      scores[i] = holes.changed() || islands.changed() ? 0f : 1f;
      newBoxes[i] = MaskBoxes.maskToBox(islands.mask(), h, w);
      boxes[i] = newBoxes[i].toFloatArray();
    }
    int[] keep = BoxNms.batchedNms(boxes, scores, new int[masks.size()], nmsThresh);
    List<AutoMask> out = new ArrayList<>(keep.length);
    for (int i : keep) {
      AutoMask m = masks.get(i);
      if (scores[i] == 0f) {
        Rle rle = m.segmentation();
        m = m.withSegmentation(Rle.encode(cleaned.get(i), rle.height(), rle.width()), newBoxes[i]);
      }
      out.add(m);
    }
    return out;
  }

  private static List<AutoMask> select(List<AutoMask> data, int[] keep) {
    List<AutoMask> out = new ArrayList<>(keep.length);
    for (int i : keep) {
      out.add(data.get(i));
    }
    return out;
  }

  /** The pixels of {@code crop} as a new frame. */
  static RgbFrame cropImage(RgbFrame image, CropBox crop) {
    if (crop.isWholeImage(image.width(), image.height())) {
      return image;
    }
    int cw = crop.width(), ch = crop.height();
    byte[] rgb = new byte[cw * ch * 3];
    for (int y = 0; y < ch; y++) {
      System.arraycopy(image.rgb(), ((y + crop.y0()) * image.width() + crop.x0()) * 3, rgb,
          y * cw * 3, cw * 3);
    }
    return new RgbFrame(image.index(), cw, ch, rgb);
  }

  @Override
  public void close() {
    predictor.close();
    manager.close();
  }
}
