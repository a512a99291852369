package io.masklet.engine.modeling.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.modeling.MLP;
import io.masklet.engine.nn.Activations;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.ConvTranspose2d;
import io.masklet.engine.nn.Embedding;
import io.masklet.engine.nn.LayerNorm;
import io.masklet.engine.nn.LayerNorm2d;
import io.masklet.engine.nn.Linear;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;
import java.util.ArrayList;
import java.util.List;

/**
 * Port of sam2/modeling/sam/mask_decoder.py::MaskDecoder: a {@link TwoWayTransformer} over the
 * output tokens (object score, IoU, 1 + 3 mask tokens) and the prompt tokens against the image
 * embedding, then masks from the upscaled image tokens (with high-resolution skip features) dotted
 * with per-token hypernetwork outputs, IoU predictions and an object score.
 */
public final class MaskDecoder extends Module {
  /** SAM2Base's fixed head sizes. */
  public static final int NUM_MULTIMASK_OUTPUTS = 3;
  public static final int IOU_HEAD_DEPTH = 3;
  public static final int IOU_HEAD_HIDDEN_DIM = 256;
  /** Object score SAM2 reports when the model has no object-score head ("present"). */
  public static final float DEFAULT_OBJECT_SCORE_LOGIT = 10f;

  private final int transformerDim;
  private final int numMaskTokens;
  private final MaskDecoderOptions options;

  private final TwoWayTransformer transformer;
  private final Embedding iouToken;
  private final Embedding maskTokens;
  private final Embedding objScoreToken;
  private final OutputUpscaling outputUpscaling;
  private final Conv2d convS0;
  private final Conv2d convS1;
  private final ModuleList<MLP> outputHypernetworksMlps;
  private final MLP iouPredictionHead;
  private final Linear predObjScoreLinear;
  private final MLP predObjScoreMlp;

  public MaskDecoder(int transformerDim, TwoWayTransformer transformer, int numMultimaskOutputs,
      int iouHeadDepth, int iouHeadHiddenDim, MaskDecoderOptions options) {
    this.transformerDim = transformerDim;
    this.numMaskTokens = numMultimaskOutputs + 1;
    this.options = options;
    this.transformer = child("transformer", transformer);
    this.iouToken = child("iou_token", new Embedding(1, transformerDim));
    this.maskTokens = child("mask_tokens", new Embedding(numMaskTokens, transformerDim));
    this.objScoreToken = options.predObjScores()
        ? child("obj_score_token", new Embedding(1, transformerDim)) : null;
    this.outputUpscaling = child("output_upscaling", new OutputUpscaling(transformerDim));
    if (options.useHighResFeatures()) {
      this.convS0 = child("conv_s0", new Conv2d(transformerDim, transformerDim / 8, 1, 1, 0));
      this.convS1 = child("conv_s1", new Conv2d(transformerDim, transformerDim / 4, 1, 1, 0));
    } else {
      this.convS0 = null;
      this.convS1 = null;
    }
    this.outputHypernetworksMlps = child("output_hypernetworks_mlps", new ModuleList<>());
    for (int i = 0; i < numMaskTokens; i++) {
      outputHypernetworksMlps.add(new MLP(transformerDim, transformerDim, transformerDim / 8, 3));
    }
    this.iouPredictionHead = child("iou_prediction_head", new MLP(transformerDim,
        iouHeadHiddenDim, numMaskTokens, iouHeadDepth, "relu", options.iouPredictionUseSigmoid()));
    if (options.predObjScores() && options.predObjScoresMlp()) {
      this.predObjScoreMlp = child("pred_obj_score_head", new MLP(transformerDim, transformerDim, 1, 3));
      this.predObjScoreLinear = null;
    } else if (options.predObjScores()) {
      this.predObjScoreLinear = child("pred_obj_score_head", new Linear(transformerDim, 1));
      this.predObjScoreMlp = null;
    } else {
      this.predObjScoreLinear = null;
      this.predObjScoreMlp = null;
    }
  }

  /** The decoder SAM2Base builds for a hidden width {@code hiddenDim}. */
  public static MaskDecoder forSam2(int hiddenDim, MaskDecoderOptions options) {
    return new MaskDecoder(hiddenDim, TwoWayTransformer.forSam2(hiddenDim), NUM_MULTIMASK_OUTPUTS,
        IOU_HEAD_DEPTH, IOU_HEAD_HIDDEN_DIM, options);
  }

  public MaskDecoderOptions options() {
    return options;
  }

  public int transformerDim() {
    return transformerDim;
  }

  /** {@code conv_s0}: projects the stride-4 backbone level to C/8 channels (used by forward_image). */
  public Conv2d convS0() {
    requireHighRes();
    return convS0;
  }

  /** {@code conv_s1}: projects the stride-8 backbone level to C/4 channels (used by forward_image). */
  public Conv2d convS1() {
    requireHighRes();
    return convS1;
  }

  private void requireHighRes() {
    if (!options.useHighResFeatures()) {
      throw new IllegalStateException("this mask decoder has no high-res feature convs");
    }
  }

  /**
   * Predicts masks, like the official {@code forward}.
   *
   * @param imageEmbeddings (B or 1, C, h, w) image features (with no_mem_embed or memory)
   * @param imagePe (1, C, h, w) from {@link PromptEncoder#getDensePe}
   * @param sparsePromptEmbeddings (B, N, C)
   * @param densePromptEmbeddings (B, C, h, w)
   * @param multimaskOutput return the 3 multimask outputs instead of the single one
   * @param repeatImage repeat a batch-1 image embedding for every prompt set of the batch
   * @param highResFeatures {feat_s0 (B, C/8, 4h, 4w), feat_s1 (B, C/4, 2h, 2w)}, or null
   *     when the decoder does not use them
   */
  public MaskDecoderOutput forward(NDArray imageEmbeddings, NDArray imagePe,
      NDArray sparsePromptEmbeddings, NDArray densePromptEmbeddings, boolean multimaskOutput,
      boolean repeatImage, List<NDArray> highResFeatures) {
    return forward(imageEmbeddings, imagePe, sparsePromptEmbeddings, densePromptEmbeddings,
        multimaskOutput, repeatImage, prepareSkips(highResFeatures));
  }

  /**
   * {@link #forward(NDArray, NDArray, NDArray, NDArray, boolean, boolean, List)} with the
   * high-resolution features already prepared by {@link #prepareSkips} (batch 1 or B): a video
   * predictor prepares them once per frame, not on every click on it.
   */
  public MaskDecoderOutput forward(NDArray imageEmbeddings, NDArray imagePe,
      NDArray sparsePromptEmbeddings, NDArray densePromptEmbeddings, boolean multimaskOutput,
      boolean repeatImage, UpscalingSkips skips) {
    if (options.useHighResFeatures() && skips == null) {
      throw new IllegalArgumentException("this decoder needs the two high-res features (s0, s1)");
    }
    return selectOutputs(predictMasks(imageEmbeddings, imagePe, sparsePromptEmbeddings,
        densePromptEmbeddings, repeatImage, skips, firstMaskFor(multimaskOutput)),
        multimaskOutput);
  }

  /**
   * The high-resolution features {feat_s0 (B, C/8, 4h, 4w), feat_s1 (B, C/4, 2h, 2w)} in the
   * layout the output upscaling adds them in (see {@link UpscalingSkips}); null when this
   * decoder does not use them.
   */
  public UpscalingSkips prepareSkips(List<NDArray> highResFeatures) {
    return options.useHighResFeatures()
        ? outputUpscaling.prepareSkips(requireHighResFeatures(highResFeatures)) : null;
  }

  /**
   * The part of {@link #forward} that depends only on the image, for prompts without a mask
   * input: {@code imageEmbeddings} (1, C, h, w) plus the dense no-mask embedding
   * {@code noMaskDense} (1, C, h, w), and the transformer's prompt-independent start. An image
   * predictor computes it once per image; every click then reuses it.
   */
  public PreparedImage prepareImage(NDArray imageEmbeddings, NDArray imagePe, NDArray noMaskDense,
      List<NDArray> highResFeatures) {
    if (imageEmbeddings.getShape().get(0) != 1 || imagePe.getShape().get(0) != 1) {
      throw new IllegalArgumentException("a prepared image has batch size 1, got "
          + imageEmbeddings.getShape() + " and image_pe " + imagePe.getShape());
    }
    long[] s = imageEmbeddings.getShape().getShape();
    NDArray src = imageEmbeddings.add(noMaskDense);
    return new PreparedImage(s[2], s[3], transformer.prepareImage(src, imagePe),
        prepareSkips(highResFeatures));
  }

  /**
   * Image-only inputs of the decoder (see {@link #prepareImage}); (h, w) the embedding grid,
   * {@code skips} the prepared high-resolution features or null without them.
   */
  public record PreparedImage(long h, long w, TwoWayTransformer.PreparedImage transformerImage,
      UpscalingSkips skips) {
    /**
     * Every array, for the owner to manage (ops put results in their first operand's manager,
     * so a caller lends these to a per-call manager while it decodes).
     */
    public List<NDArray> arrays() {
      List<NDArray> all = new ArrayList<>(transformerImage.arrays());
      if (skips != null) {
        all.add(skips.s1());
        all.add(skips.s0());
      }
      return all;
    }
  }

  /**
   * The high-resolution skip features as the output upscaling adds them: pixel lists in the
   * upscaling's patch order, contiguous, with the bias of the transposed convolution they are
   * added to already included, {@code s1} (B, 4hw, C/4) and {@code s0} (B, 16hw, C/8). Per image
   * they are the same for every prompt, so a predictor prepares them once.
   */
  public record UpscalingSkips(NDArray s1, NDArray s0) {}

  private static List<NDArray> requireHighResFeatures(List<NDArray> highResFeatures) {
    if (highResFeatures == null || highResFeatures.size() != 2) {
      throw new IllegalArgumentException("this decoder needs the two high-res features (s0, s1)");
    }
    return highResFeatures;
  }

  /**
   * {@link #forward} for B prompt sets without mask input on a prepared image (shared by the B
   * prompt sets, as {@code repeatImage} would): same values, without redoing the image-only
   * work.
   */
  public MaskDecoderOutput forward(PreparedImage image, NDArray sparsePromptEmbeddings,
      boolean multimaskOutput) {
    long batch = sparsePromptEmbeddings.getShape().get(0);
    NDArray[] hsSrc = transformer.forward(image.transformerImage(),
        outputTokensWith(sparsePromptEmbeddings));
    return selectOutputs(headsAfterTransformer(hsSrc, batch, image.h(), image.w(),
        image.skips(), firstMaskFor(multimaskOutput)), multimaskOutput);
  }

  /**
   * The first mask token whose mask is needed: the multimask outputs leave out token 0's mask
   * (the single-mask output and the dynamic fallback use all four), so it is not computed.
   */
  private static int firstMaskFor(boolean multimaskOutput) {
    return multimaskOutput ? 1 : 0;
  }

  private MaskDecoderOutput selectOutputs(NDArray[] out, boolean multimaskOutput) {
    NDArray masks = out[0];
    NDArray iouPred = out[1];
    NDArray maskTokensOut = out[2];
    NDArray objectScoreLogits = out[3];

    if (multimaskOutput) {
      // the masks start at token 1 already (see firstMaskFor)
      iouPred = iouPred.get(new NDIndex(":, 1:"));
    } else if (options.dynamicMultimaskViaStability()) {
      NDArray[] chosen = dynamicMultimaskViaStability(masks, iouPred,
          options.dynamicMultimaskStabilityDelta(), options.dynamicMultimaskStabilityThresh());
      masks = chosen[0];
      iouPred = chosen[1];
    } else {
      masks = masks.get(new NDIndex(":, 0:1"));
      iouPred = iouPred.get(new NDIndex(":, 0:1"));
    }
    // the single-mask token is the object pointer token unless the multimask ones are asked for
    NDArray samTokensOut = multimaskOutput && options.useMultimaskTokenForObjPtr()
        ? maskTokensOut.get(new NDIndex(":, 1:"))
        : maskTokensOut.get(new NDIndex(":, 0:1"));
    return new MaskDecoderOutput(masks, iouPred, samTokensOut, objectScoreLogits);
  }

  /**
   * → {masks of tokens firstMask..3 (B, 4 - firstMask, 4h, 4w), iou (B, 4), mask tokens (B, 4, C),
   * object score logits (B, 1)}.
   */
  NDArray[] predictMasks(NDArray imageEmbeddings, NDArray imagePe, NDArray sparse, NDArray dense,
      boolean repeatImage, UpscalingSkips skips, int firstMask) {
    long batch = sparse.getShape().get(0);
    NDArray tokens = outputTokensWith(sparse);

    NDArray src;
    if (repeatImage) {
      src = repeatInterleave(imageEmbeddings, batch);
    } else {
      if (imageEmbeddings.getShape().get(0) != batch) {
        throw new IllegalArgumentException("image embeddings batch " + imageEmbeddings.getShape()
            + " does not match " + batch + " prompt sets (use repeatImage)");
      }
      src = imageEmbeddings;
    }
    src = src.add(dense);
    if (imagePe.getShape().get(0) != 1) {
      throw new IllegalArgumentException("image_pe must have batch size 1, got " + imagePe.getShape());
    }
    NDArray posSrc = repeatInterleave(imagePe, batch);
    long[] ss = src.getShape().getShape();
    long h = ss[2];
    long w = ss[3];

    NDArray[] hsSrc = transformer.forward(src, posSrc, tokens);
    return headsAfterTransformer(hsSrc, batch, h, w, skips, firstMask);
  }

  /** The output tokens (object score if any, IoU, mask tokens) before {@code sparse} → (B, T + N, C). */
  private NDArray outputTokensWith(NDArray sparse) {
    List<NDArray> tokenParts = new ArrayList<>();
    if (options.predObjScores()) {
      tokenParts.add(objScoreToken.weight());
    }
    tokenParts.add(iouToken.weight());
    tokenParts.add(maskTokens.weight());
    NDArray outputTokens = NDArrays.concat(new NDList(tokenParts), 0); // (T, C)
    outputTokens.attach(sparse.getManager()); // concat of weights: owned by the caller's scope
    long batch = sparse.getShape().get(0);
    outputTokens = outputTokens.expandDims(0) // (T, C) -> (B, T, C)
        .broadcast(new Shape(batch, outputTokens.getShape().get(0), transformerDim));
    return NDArrays.concat(new NDList(outputTokens, sparse), 1); // (B, T + N, C)
  }

  /**
   * predictMasks after the transformer: {queries (B, T + N, C), image tokens (B, h*w, C)}; the
   * masks of tokens {@code firstMask}..3 only.
   */
  private NDArray[] headsAfterTransformer(NDArray[] hsSrc, long batch, long h, long w,
      UpscalingSkips skips, int firstMask) {
    int s = options.predObjScores() ? 1 : 0;
    NDArray hs = hsSrc[0];
    NDArray iouTokenOut = hs.get(new NDIndex(":, {}, :", s)); // (B, C)
    NDArray maskTokensOut = hs.get(new NDIndex(":, {}:{}, :", s + 1, s + 1 + numMaskTokens));

    // The official code goes back to (B, C, h, w) and upscales in raster order; here the
    // upscaling works on the list of pixels in patch order (same values per pixel, no layout
    // copies of the large maps) and only the final mask logits are put in raster order.
    NDArray pixels = outputUpscaling.forwardPatchOrder(hsSrc[1], skips); // (B, 16hw, C/8)

    List<NDArray> hyper = new ArrayList<>(numMaskTokens);
    for (int i = firstMask; i < numMaskTokens; i++) {
      hyper.add(outputHypernetworksMlps.get(i).forward(maskTokensOut.get(new NDIndex(":, {}, :", i))));
    }
    NDArray hyperIn = NDArrays.stack(new NDList(hyper), 1); // (B, T, C/8)
    NDArray masks = outputUpscaling.toRaster(
        hyperIn.matMul(pixels.transpose(0, 2, 1)), // (B, T, C/8) @ (B, C/8, 16hw) -> (B, T, 16hw)
        h, w); // -> (B, T, 4h, 4w)

    NDArray iouPred = iouPredictionHead.forward(iouTokenOut);
    NDArray objectScoreLogits;
    if (predObjScoreMlp != null) {
      objectScoreLogits = predObjScoreMlp.forward(hs.get(new NDIndex(":, 0, :")));
    } else if (predObjScoreLinear != null) {
      objectScoreLogits = predObjScoreLinear.forward(hs.get(new NDIndex(":, 0, :")));
    } else {
      objectScoreLogits = iouPred.getManager()
          .full(new Shape(iouPred.getShape().get(0), 1), DEFAULT_OBJECT_SCORE_LOGIT);
    }
    return new NDArray[] {masks, iouPred, maskTokensOut, objectScoreLogits};
  }

  /** {@code torch.repeat_interleave(x, times, dim=0)}. */
  private static NDArray repeatInterleave(NDArray x, long times) {
    if (times == 1) {
      return x;
    }
    long[] s = x.getShape().getShape();
    long[] expanded = s.clone();
    expanded[0] = s[0] * times;
    long[] withRepeat = new long[s.length + 1];
    withRepeat[0] = s[0];
    withRepeat[1] = times;
    System.arraycopy(s, 1, withRepeat, 2, s.length - 1);
    long[] unsq = withRepeat.clone();
    unsq[1] = 1;
    // (N, ...) -> (N, 1, ...) -> (N, times, ...) -> (N*times, ...)
    return x.reshape(unsq).broadcast(new Shape(withRepeat)).reshape(expanded);
  }

  /**
   * Stability score of mask logits (B, M, H, W) → (B, M): the IoU between the masks thresholded
   * at {@code +delta} and at {@code -delta} (1 when the latter is empty).
   */
  public static NDArray stabilityScores(NDArray maskLogits, float delta) {
    NDArray flat = maskLogits.flatten(-2, -1); // (B, M, H, W) -> (B, M, HW)
    NDArray areaI = flat.gt(delta).toType(DataType.FLOAT32, false).sum(new int[] {-1});
    NDArray areaU = flat.gt(-delta).toType(DataType.FLOAT32, false).sum(new int[] {-1});
    return NDArrays.where(areaU.gt(0), areaI.div(areaU), areaI.onesLike());
  }

  /**
   * Single-mask output with the fallback the official decoder applies at inference: when the
   * single-mask token's logits are unstable (score below {@code thresh}), returns the multimask
   * output with the highest predicted IoU instead. {@code allMaskLogits} (B, 4, H, W),
   * {@code allIouScores} (B, 4) → {masks (B, 1, H, W), iou (B, 1)}.
   */
  public static NDArray[] dynamicMultimaskViaStability(NDArray allMaskLogits, NDArray allIouScores,
      float delta, float thresh) {
    NDArray multimaskLogits = allMaskLogits.get(new NDIndex(":, 1:")); // (B, 3, H, W)
    NDArray multimaskIou = allIouScores.get(new NDIndex(":, 1:")); // (B, 3)
    NDArray best = multimaskIou.argMax(-1); // (B)
    long batch = multimaskIou.getShape().get(0);
    NDArray bestIdx = best.reshape(batch, 1); // (B) -> (B, 1)
    NDArray bestIou = multimaskIou.gather(bestIdx, 1); // (B, 1)
    long[] ms = allMaskLogits.getShape().getShape();
    NDArray maskIdx = bestIdx.reshape(batch, 1, 1, 1) // (B, 1) -> (B, 1, H, W) for gather
        .broadcast(new Shape(batch, 1, ms[2], ms[3]));
    NDArray bestLogits = multimaskLogits.gather(maskIdx, 1); // (B, 1, H, W)

    NDArray singleLogits = allMaskLogits.get(new NDIndex(":, 0:1"));
    NDArray singleIou = allIouScores.get(new NDIndex(":, 0:1"));
    NDArray isStable = stabilityScores(singleLogits, delta).gte(thresh); // (B, 1)

    NDArray masksOut = NDArrays.where(
        isStable.reshape(batch, 1, 1, 1).broadcast(singleLogits.getShape()), // (B, 1) -> (B, 1, H, W)
        singleLogits, bestLogits);
    NDArray iouOut = NDArrays.where(isStable, singleIou, bestIou);
    return new NDArray[] {masksOut, iouOut};
  }

  /**
   * The {@code output_upscaling} Sequential: ConvTranspose2d (C→C/4), LayerNorm2d, GELU,
   * ConvTranspose2d (C/4→C/8), GELU — children 0, 1, 3 (the activations have no weights).
   */
  static final class OutputUpscaling extends Module {
    private final ConvTranspose2d dc1;
    private final LayerNorm2d ln1;
    private final ConvTranspose2d dc2;

    OutputUpscaling(int dim) {
      dc1 = child("0", new ConvTranspose2d(dim, dim / 4, 2));
      ln1 = child("1", new LayerNorm2d(dim / 4));
      dc2 = child("3", new ConvTranspose2d(dim / 4, dim / 8, 2));
    }

    /**
     * The skip features {@code highResFeatures} = {feat_s0 (B, C/8, 4h, 4w), feat_s1 (B, C/4,
     * 2h, 2w)} prepared for {@link #forwardPatchOrder}: in its pixel order, contiguous, with the
     * bias of the transposed convolution each is added to already included. The official code
     * adds the bias and then the skip feature; summing the two first is the same up to float
     * rounding.
     */
    UpscalingSkips prepareSkips(List<NDArray> highResFeatures) {
      NDArray f0 = highResFeatures.get(0);
      NDArray f1 = highResFeatures.get(1);
      long[] s1 = f1.getShape().getShape();
      long[] s0 = f0.getShape().getShape();
      long b = s1[0];
      long k1 = dc1.weight().getShape().get(2);
      long k2 = dc2.weight().getShape().get(2);
      long h = s1[2] / k1;
      long w = s1[3] / k1;
      NDArray p1 = f1
          // (B, C1, h*k1, w*k1) -> (B, C1, h, ky1, w, kx1)
          .reshape(b, s1[1], h, k1, w, k1)
          // -> (B, h, w, ky1, kx1, C1)
          .transpose(0, 2, 4, 3, 5, 1)
          // not expressible as a view: libtorch copies in this order
          .reshape(-1)
          // -> (B, h*w*ky1*kx1, C1)
          .reshape(b, h * w * k1 * k1, s1[1])
          .addi(dc1.bias());
      NDArray p0 = f0
          // (B, C0, h*k1*k2, w*k1*k2) -> (B, C0, h, ky1, ky2, w, kx1, kx2)
          .reshape(b, s0[1], h, k1, k2, w, k1, k2)
          // -> (B, h, w, ky1, kx1, ky2, kx2, C0)
          .transpose(0, 2, 5, 3, 6, 4, 7, 1)
          .reshape(-1)
          // -> (B, h*w*ky1*kx1*ky2*kx2, C0)
          .reshape(b, h * w * k1 * k1 * k2 * k2, s0[1])
          .addi(dc2.bias());
      return new UpscalingSkips(p1, p0);
    }

    /**
     * {@code src} (B, h*w, C) image tokens in raster order → the upscaled pixels (B, 16hw, C/8)
     * in patch order (see {@link ConvTranspose2d#patchOrder}): pixel (4y + 2ky1 + ky2,
     * 4x + 2kx1 + kx2) at row ((((y*w + x)*2 + ky1)*2 + kx1)*2 + ky2)*2 + kx2. With
     * {@code skips} (see {@link #prepareSkips}) added before the norm and the last activation,
     * or null. LayerNorm2d normalizes over channels, which for a pixel list is libtorch's
     * layer_norm over the last dimension (same mean and biased variance).
     */
    NDArray forwardPatchOrder(NDArray src, UpscalingSkips skips) {
      NDArray x = ConvTranspose2d.patchOrder(src, dc1.weight());
      x = skips != null ? x.addi(skips.s1()) : x.addi(dc1.bias());
      x = Activations.gelu(LayerNorm.layerNorm(x, ln1.weight(), ln1.bias(), ln1.eps()));
      x = ConvTranspose2d.patchOrder(x, dc2.weight());
      x = skips != null ? x.addi(skips.s0()) : x.addi(dc2.bias());
      return Activations.gelu(x);
    }

    /** Per-pixel values (B, T, 16hw) in the patch order of {@link #forwardPatchOrder} → (B, T, 4h, 4w). */
    NDArray toRaster(NDArray x, long h, long w) {
      long[] s = x.getShape().getShape();
      long k1 = dc1.weight().getShape().get(2);
      long k2 = dc2.weight().getShape().get(2);
      return x.reshape(s[0], s[1], h, w, k1, k1, k2, k2) // -> (B, T, h, w, ky1, kx1, ky2, kx2)
          .transpose(0, 1, 2, 4, 6, 3, 5, 7) // -> (B, T, h, ky1, ky2, w, kx1, kx2)
          .reshape(s[0], s[1], h * k1 * k2, w * k1 * k2); // -> (B, T, 4h, 4w)
    }
  }
}
