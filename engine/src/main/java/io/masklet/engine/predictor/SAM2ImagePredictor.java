package io.masklet.engine.predictor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.MaskDecoderOutput;
import io.masklet.engine.modeling.sam.PromptEmbeddings;
import io.masklet.engine.preprocess.SAM2Transforms;
import io.masklet.engine.video.RgbFrame;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port of sam2/sam2_image_predictor.py::SAM2ImagePredictor: computes an image's embedding once
 * ({@link #setImage}) and then answers any number of prompt sets ({@link #predict},
 * {@link #predictBatch}) with masks at the original size, IoU scores and low-res logits.
 *
 * <p>Not thread-safe: one image at a time, like the official predictor. Owns native memory for
 * the cached features; {@link #close()} frees it.
 */
public final class SAM2ImagePredictor implements AutoCloseable {
  /** The official clamp of the returned low-res logits. */
  private static final float LOW_RES_CLAMP = 32f;

  private final SamImageModel model;
  private final SAM2Transforms transforms;
  private final NDManager manager;
  private final NDArray densePe;

  private NDManager imageScope;
  private ImageFeatures features;
  /** The decoder's image-only work for prompts without mask input; made at the first click. */
  private MaskDecoder.PreparedImage prepared;
  private int origH;
  private int origW;

  /**
   * @param model the network
   * @param parent manager this predictor's native memory is a sub-manager of
   * @param maskThreshold logit above which a pixel is in the mask (official default 0)
   * @param maxHoleArea fill background regions up to this area in low-res masks (0 = off)
   * @param maxSprinkleArea remove foreground regions up to this area (0 = off)
   */
  public SAM2ImagePredictor(SamImageModel model, NDManager parent, float maskThreshold,
      int maxHoleArea, int maxSprinkleArea) {
    this.model = model;
    this.transforms = new SAM2Transforms(model.imageSize(), maskThreshold, maxHoleArea, maxSprinkleArea);
    this.manager = parent.newSubManager();
    this.densePe = model.promptEncoder().getDensePe(manager);
  }

  public SAM2ImagePredictor(SamImageModel model, NDManager parent) {
    this(model, parent, 0f, 0, 0);
  }

  public SamImageModel model() {
    return model;
  }

  public SAM2Transforms transforms() {
    return transforms;
  }

  public boolean isImageSet() {
    return features != null;
  }

  /** Original size of the current image as {height, width}. */
  public int[] originalSize() {
    requireImage();
    return new int[] {origH, origW};
  }

  /** Computes and caches the embedding of an RGB image (see {@link RgbFrame}). */
  public void setImage(RgbFrame image) {
    resetPredictor();
    NDManager scope = manager.newSubManager();
    try {
      NDArray input;
      ImageFeatures f;
      try (NDManager work = scope.newSubManager()) {
        input = transforms.toModelInput(image, work);
        f = model.encodeImage(input);
        f.imageEmbed().attach(scope);
        f.highResFeatures().forEach(a -> a.attach(scope));
      }
      install(scope, f, image.height(), image.width());
    } catch (RuntimeException e) {
      scope.close();
      throw e;
    }
  }

  /** {@link #setImage(RgbFrame)} for a {@link BufferedImage} (any type; alpha is dropped). */
  public void setImage(BufferedImage image) {
    setImage(toRgbFrame(image));
  }

  /**
   * Installs precomputed features for an image of {@code height}×{@code width} (the embedding
   * itself is then not recomputed). The arrays are copied into this predictor's memory.
   */
  public void setImageFeatures(ImageFeatures f, int height, int width) {
    resetPredictor();
    NDManager scope = manager.newSubManager();
    List<NDArray> high = new ArrayList<>();
    for (NDArray a : f.highResFeatures()) {
      high.add(a.duplicate());
    }
    NDArray embed = f.imageEmbed().duplicate();
    embed.attach(scope);
    high.forEach(a -> a.attach(scope));
    install(scope, new ImageFeatures(embed, high), height, width);
  }

  private void install(NDManager scope, ImageFeatures f, int height, int width) {
    this.imageScope = scope;
    this.features = f;
    this.origH = height;
    this.origW = width;
  }

  /** The cached (1, C, h, w) embedding of the current image. */
  public NDArray getImageEmbedding() {
    requireImage();
    return features.imageEmbed();
  }

  /** Forgets the current image and frees its features. */
  public void resetPredictor() {
    if (imageScope != null) {
      imageScope.close();
    }
    imageScope = null;
    features = null;
    prepared = null;
  }

  /**
   * Predicts masks for one prompt set, like the official {@code predict}.
   *
   * @param prompt clicks, box and/or low-res mask; coordinates in original-image pixels
   * @param multimaskOutput three masks (for ambiguous prompts) instead of one
   * @param returnLogits return upsampled logits instead of binary masks
   */
  public ImagePrediction predict(ImagePrompt prompt, boolean multimaskOutput, boolean returnLogits) {
    return predictSameShape(List.of(prompt), multimaskOutput, returnLogits).get(0);
  }

  /**
   * The official argument list: {@code pointCoords} (x, y pairs) with {@code pointLabels}, a box
   * (x0, y0, x1, y1) and a low-res mask; each may be null.
   */
  public ImagePrediction predict(float[][] pointCoords, int[] pointLabels, float[] box,
      MaskLogits maskInput, boolean multimaskOutput, boolean returnLogits) {
    List<PointPrompt> points = new ArrayList<>();
    if (pointCoords != null) {
      if (pointLabels == null || pointLabels.length != pointCoords.length) {
        throw new IllegalArgumentException("point_labels must be supplied, one per point");
      }
      for (int i = 0; i < pointCoords.length; i++) {
        points.add(new PointPrompt(pointCoords[i][0], pointCoords[i][1], pointLabels[i]));
      }
    }
    BoxPrompt b = null;
    if (box != null) {
      if (box.length != 4) {
        throw new IllegalArgumentException("a box is 4 numbers x0, y0, x1, y1, got " + box.length);
      }
      b = new BoxPrompt(box[0], box[1], box[2], box[3]);
    }
    return predict(new ImagePrompt(points, b, maskInput), multimaskOutput, returnLogits);
  }

  /**
   * Predicts many prompt sets on the current image (e.g. one box per object). Prompt sets of the
   * same structure (number of points, box or not, mask or not) run through the decoder as one
   * batch, as the official batched {@code predict} does; results come back in input order.
   */
  public List<ImagePrediction> predictBatch(List<ImagePrompt> prompts, boolean multimaskOutput,
      boolean returnLogits) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < prompts.size(); i++) {
      groups.computeIfAbsent(prompts.get(i).batchKey(), k -> new ArrayList<>()).add(i);
    }
    ImagePrediction[] out = new ImagePrediction[prompts.size()];
    for (List<Integer> idx : groups.values()) {
      List<ImagePrompt> group = idx.stream().map(prompts::get).toList();
      List<ImagePrediction> res = predictSameShape(group, multimaskOutput, returnLogits);
      for (int j = 0; j < idx.size(); j++) {
        out[idx.get(j)] = res.get(j);
      }
    }
    return List.of(out);
  }

  private List<ImagePrediction> predictSameShape(List<ImagePrompt> prompts, boolean multimaskOutput,
      boolean returnLogits) {
    requireImage();
    try (NDManager scope = manager.newSubManager()) {
      if (!returnLogits) {
        return binaryPredictions(predictLowRes(prompts, multimaskOutput, scope));
      }
      return logitPredictions(predictTensors(prompts, multimaskOutput, scope));
    }
  }

  /**
   * Binary masks at the original size from the decoder's low-res logits, upsampled and
   * thresholded in Java (the upsampled logits are not needed), with the clamped low-res logits
   * and IoU predictions as {@link #logitPredictions} gives them.
   */
  private List<ImagePrediction> binaryPredictions(LowResPrediction low) {
    long[] ls = low.lowResLogits().getShape().getShape(); // (B, M, h, w)
    int batch = (int) ls[0];
    int count = (int) ls[1];
    int lh = (int) ls[2];
    int lw = (int) ls[3];
    float[] logits = low.lowResLogits().toFloatArray();
    float[] iou = low.iouPredictions().toFloatArray();
    float[][] clamped = new float[batch * count][];
    for (int i = 0; i < clamped.length; i++) {
      float[] lr = new float[lh * lw];
      for (int j = 0; j < lr.length; j++) {
        lr[j] = Math.min(Math.max(logits[i * lr.length + j], -LOW_RES_CLAMP), LOW_RES_CLAMP);
      }
      clamped[i] = lr;
    }
    // the official thresholds the upsampled unclamped logits: clamping first could move the edge
    byte[][] bin = transforms.postprocessMasksBinary(logits, batch * count, lh, lw, origH, origW);
    List<ImagePrediction> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      List<PredictedMask> masks = new ArrayList<>(count);
      for (int c = 0; c < count; c++) {
        int i = b * count + c;
        masks.add(new PredictedMask(origH, origW, bin[i], null, iou[i],
            new MaskLogits(lh, lw, clamped[i])));
      }
      out.add(new ImagePrediction(masks));
    }
    return out;
  }

  /**
   * Tensor-level prediction (the official {@code _predict}) of B prompt sets of one structure;
   * every result array belongs to {@code scope}.
   */
  public RawPrediction predictTensors(List<ImagePrompt> prompts, boolean multimaskOutput,
      NDManager scope) {
    requireImage();
    try (NDManager work = manager.newSubManager()) {
      // Ops put their results in the manager of their first operand; lending the cached arrays
      // to this call's own scope makes everything derived from them temporary (they return to
      // the predictor when it closes), and only the results move on to the caller's scope.
      features.imageEmbed().tempAttach(work);
      features.highResFeatures().forEach(a -> a.tempAttach(work));
      densePe.tempAttach(work);
      RawPrediction raw = compute(prompts, multimaskOutput, work);
      raw.masks().attach(scope);
      raw.iouPredictions().attach(scope);
      raw.lowResLogits().attach(scope);
      return raw;
    }
  }

  /**
   * The decoder outputs of B prompt sets of one structure before upsampling: unclamped low-res
   * logits (B, M, 4h, 4w) and predicted IoU (B, M), both in {@code scope}; everything else the
   * call creates is freed before it returns. For callers that upsample only some masks (the
   * automatic mask generator filters by IoU first): {@code transforms().postprocessMasks} on a
   * selection gives exactly the masks {@link #predictTensors} would.
   */
  public LowResPrediction predictLowRes(List<ImagePrompt> prompts, boolean multimaskOutput,
      NDManager scope) {
    requireImage();
    try (NDManager work = manager.newSubManager()) {
      // as in predictTensors: nothing derived from the cached arrays outlives this call
      features.imageEmbed().tempAttach(work);
      features.highResFeatures().forEach(a -> a.tempAttach(work));
      densePe.tempAttach(work);
      MaskDecoderOutput dec = decode(prompts, multimaskOutput, work);
      NDArray low = dec.masks();
      NDArray iou = dec.iouPred();
      low.attach(scope);
      iou.attach(scope);
      return new LowResPrediction(low, iou);
    }
  }

  private RawPrediction compute(List<ImagePrompt> prompts, boolean multimaskOutput, NDManager scope) {
    MaskDecoderOutput dec = decode(prompts, multimaskOutput, scope);
    NDArray lowRes = dec.masks();
    NDArray masks = transforms.postprocessMasks(lowRes, origH, origW);
    NDArray clamped = lowRes.clip(-LOW_RES_CLAMP, LOW_RES_CLAMP);
    return new RawPrediction(masks, dec.iouPred(), clamped);
  }

  private MaskDecoderOutput decode(List<ImagePrompt> prompts, boolean multimaskOutput,
      NDManager scope) {
    if (prompts.isEmpty()) {
      throw new IllegalArgumentException("no prompt sets given");
    }
    int batch = prompts.size();
    ImagePrompt first = prompts.get(0);
    for (ImagePrompt p : prompts) {
      if (!p.batchKey().equals(first.batchKey())) {
        throw new IllegalArgumentException("prompt sets of one batch must have the same structure");
      }
    }
    if (first.isEmpty()) {
      throw new IllegalArgumentException("a prompt needs points, a box or a mask");
    }
    int nPoints = first.points().size() + (first.box() != null ? 2 : 0);
    NDArray coords = null;
    NDArray labels = null;
    if (nPoints > 0) {
      // boxes become two corner points (labels 2, 3) placed before the clicks, as the official code
      float[] xy = new float[batch * nPoints * 2];
      int[] lab = new int[batch * nPoints];
      for (int b = 0; b < batch; b++) {
        ImagePrompt p = prompts.get(b);
        float[] raw = new float[nPoints * 2];
        int k = 0;
        int base = b * nPoints;
        if (p.box() != null) {
          BoxPrompt bx = p.box();
          raw[0] = bx.x0();
          raw[1] = bx.y0();
          raw[2] = bx.x1();
          raw[3] = bx.y1();
          lab[base] = 2;
          lab[base + 1] = 3;
          k = 2;
        }
        for (PointPrompt pt : p.points()) {
          raw[2 * k] = pt.x();
          raw[2 * k + 1] = pt.y();
          lab[base + k] = pt.label();
          k++;
        }
        System.arraycopy(transforms.transformCoords(raw, origH, origW), 0, xy, base * 2, nPoints * 2);
      }
      coords = scope.create(xy, new Shape(batch, nPoints, 2));
      labels = scope.create(lab, new Shape(batch, nPoints));
    }
    NDArray maskInput = null;
    if (first.maskInput() != null) {
      int[] want = model.promptEncoder().maskInputSize();
      float[] all = new float[batch * want[0] * want[1]];
      for (int b = 0; b < batch; b++) {
        MaskLogits m = prompts.get(b).maskInput();
        if (m.height() != want[0] || m.width() != want[1]) {
          throw new IllegalArgumentException("mask input is " + m.height() + "x" + m.width()
              + " but this model takes " + want[0] + "x" + want[1] + " low-res logits");
        }
        System.arraycopy(m.logits(), 0, all, b * want[0] * want[1], want[0] * want[1]);
      }
      maskInput = scope.create(all, new Shape(batch, 1, want[0], want[1]));
    }

    if (maskInput == null) {
      // the dense embedding is then the no-mask one, the same for every prompt: the decoder's
      // image-only work is done once per image and shared by every prompt set of the batch
      NDArray sparse = model.promptEncoder().sparseEmbeddings(coords, labels, null);
      MaskDecoder.PreparedImage image = prepared(scope);
      // lent like the features, so arrays derived from them stay temporaries of this call
      image.arrays().forEach(a -> a.tempAttach(scope));
      return model.maskDecoder().forward(image, sparse, multimaskOutput);
    }
    PromptEmbeddings emb = model.promptEncoder().forward(coords, labels, null, maskInput, scope);
    List<NDArray> highRes = features.highResFeatures().isEmpty() ? null : features.highResFeatures();
    boolean batchedMode = coords != null && batch > 1;
    return model.maskDecoder().forward(features.imageEmbed(), densePe,
        emb.sparse(), emb.dense(), multimaskOutput, batchedMode, highRes);
  }

  /**
   * The decoder's prepared image, computed on first use while the cached arrays are lent to
   * {@code work} (so its temporaries die with the call) and kept with the image's features.
   */
  private MaskDecoder.PreparedImage prepared(NDManager work) {
    if (prepared == null) {
      NDArray noMask = model.promptEncoder().forward(null, null, null, null, work).dense();
      MaskDecoder.PreparedImage p = model.maskDecoder().prepareImage(features.imageEmbed(), densePe,
          noMask, features.highResFeatures().isEmpty() ? null : features.highResFeatures());
      p.arrays().forEach(a -> a.attach(imageScope));
      prepared = p;
    }
    return prepared;
  }

  /** Predictions with upsampled logits (the binary masks come from {@link #binaryPredictions}). */
  private List<ImagePrediction> logitPredictions(RawPrediction raw) {
    long[] ms = raw.masks().getShape().getShape(); // (B, M, H, W)
    int batch = (int) ms[0];
    int count = (int) ms[1];
    int plane = origH * origW;
    long[] ls = raw.lowResLogits().getShape().getShape();
    int lh = (int) ls[2];
    int lw = (int) ls[3];
    float[] iou = raw.iouPredictions().toFloatArray();
    float[] low = raw.lowResLogits().toFloatArray();
    float[] logits = raw.masks().toFloatArray();
    List<ImagePrediction> out = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      List<PredictedMask> masks = new ArrayList<>(count);
      for (int c = 0; c < count; c++) {
        int i = b * count + c;
        float[] lr = new float[lh * lw];
        System.arraycopy(low, i * lh * lw, lr, 0, lr.length);
        float[] ml = new float[plane];
        System.arraycopy(logits, i * plane, ml, 0, plane);
        masks.add(new PredictedMask(origH, origW, null, ml, iou[i], new MaskLogits(lh, lw, lr)));
      }
      out.add(new ImagePrediction(masks));
    }
    return out;
  }

  private void requireImage() {
    if (features == null) {
      throw new IllegalStateException("an image must be set with setImage(...) before mask prediction");
    }
  }

  /** Copies any {@link BufferedImage} into interleaved RGB bytes. */
  public static RgbFrame toRgbFrame(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] rgb = new byte[w * h * 3];
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = (byte) (argb[i] >> 16);
      rgb[3 * i + 1] = (byte) (argb[i] >> 8);
      rgb[3 * i + 2] = (byte) argb[i];
    }
    return new RgbFrame(0, w, h, rgb);
  }

  @Override
  public void close() {
    resetPredictor();
    manager.close();
  }

  /**
   * Tensor results of {@link #predictTensors}: {@code masks} (B, M, H, W) logits at the original
   * size, {@code iouPredictions} (B, M), {@code lowResLogits} (B, M, 4h, 4w) clamped to ±32.
   */
  public record RawPrediction(NDArray masks, NDArray iouPredictions, NDArray lowResLogits) {}

  /**
   * Results of {@link #predictLowRes}: {@code lowResLogits} (B, M, 4h, 4w) not clamped,
   * {@code iouPredictions} (B, M).
   */
  public record LowResPrediction(NDArray lowResLogits, NDArray iouPredictions) {}
}
