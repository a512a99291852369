package io.masklet.engine.modeling.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.masklet.engine.modeling.PositionEmbeddingRandom;
import io.masklet.engine.nn.Activations;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Embedding;
import io.masklet.engine.nn.LayerNorm2d;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;
import io.masklet.engine.nn.Scoped;

/**
 * Port of sam2/modeling/sam/prompt_encoder.py::PromptEncoder: embeds points, boxes and a
 * low-resolution mask into the sparse (B, N, C) and dense (B, C, h, w) inputs of the
 * {@link MaskDecoder}.
 *
 * <p>Point labels follow the official convention: 1 positive, 0 negative, 2 and 3 the top-left
 * and bottom-right box corners, -1 "not a point" (padding).
 */
public final class PromptEncoder extends Module {
  /** SAM's width of the mask-embedding convs ({@code mask_in_chans=16} in SAM2Base). */
  public static final int MASK_IN_CHANS = 16;
  /** pos/neg point + 2 box corners. */
  public static final int NUM_POINT_EMBEDDINGS = 4;

  private final int embedDim;
  private final int embeddingH;
  private final int embeddingW;
  private final int inputH;
  private final int inputW;

  private final PositionEmbeddingRandom peLayer;
  private final ModuleList<Embedding> pointEmbeddings;
  private final Embedding notAPointEmbed;
  private final MaskDownscaling maskDownscaling;
  private final Embedding noMaskEmbed;
  /**
   * {@link #getDensePe} of the bound Gaussian matrix: it depends on nothing else, yet the
   * official tracking step recomputes it on every click and every frame.
   */
  private DensePeCache densePeCache;

  private record DensePeCache(NDArray matrix, NDManager owner, NDArray value) {}

  /**
   * @param embedDim channel width C of the prompt embeddings (SAM2Base's hidden dim)
   * @param embeddingH height of the image embedding
   * @param embeddingW width of the image embedding
   * @param inputH model input height in pixels (points are given in these pixels)
   * @param inputW model input width in pixels
   * @param maskInChans hidden width of the mask downscaling convs
   */
  public PromptEncoder(int embedDim, int embeddingH, int embeddingW, int inputH, int inputW,
      int maskInChans) {
    this.embedDim = embedDim;
    this.embeddingH = embeddingH;
    this.embeddingW = embeddingW;
    this.inputH = inputH;
    this.inputW = inputW;
    this.peLayer = child("pe_layer", new PositionEmbeddingRandom(embedDim / 2));
    this.pointEmbeddings = child("point_embeddings", new ModuleList<>());
    for (int i = 0; i < NUM_POINT_EMBEDDINGS; i++) {
      pointEmbeddings.add(new Embedding(1, embedDim));
    }
    this.notAPointEmbed = child("not_a_point_embed", new Embedding(1, embedDim));
    this.maskDownscaling = child("mask_downscaling", new MaskDownscaling(maskInChans, embedDim));
    this.noMaskEmbed = child("no_mask_embed", new Embedding(1, embedDim));
  }

  /** The prompt encoder SAM2Base builds: square image of {@code imageSize}, embedding at stride {@code backboneStride}. */
  public static PromptEncoder forSam2(int hiddenDim, int imageSize, int backboneStride) {
    int e = imageSize / backboneStride;
    return new PromptEncoder(hiddenDim, e, e, imageSize, imageSize, MASK_IN_CHANS);
  }

  public int embedDim() {
    return embedDim;
  }

  /** Spatial size of the image embedding, (h, w). */
  public int[] imageEmbeddingSize() {
    return new int[] {embeddingH, embeddingW};
  }

  /** Size (4h, 4w) a mask prompt must have. */
  public int[] maskInputSize() {
    return new int[] {4 * embeddingH, 4 * embeddingW};
  }

  /** Dense positional encoding of the image embedding grid, (1, C, h, w), on {@code manager}. */
  public NDArray getDensePe(NDManager manager) {
    return peLayer.forward(manager, embeddingH, embeddingW).expandDims(0); // (C, h, w) -> (1, C, h, w)
  }

  /**
   * {@link #getDensePe} as a new handle in {@code manager} on an encoding made once per bound
   * weights, with the same values and strides: read-only, never modify it in place.
   */
  public NDArray cachedDensePe(NDManager manager) {
    NDArray g = peLayer.matrix();
    synchronized (this) {
      if (densePeCache == null || densePeCache.matrix() != g) {
        clearCache();
        NDManager owner = NDManager.newBaseManager("PyTorch");
        densePeCache = new DensePeCache(g, owner, getDensePe(owner));
      }
      return Scoped.view(densePeCache.value(), manager);
    }
  }

  /** Frees the cached dense encoding (native memory); the next use recomputes it. */
  public synchronized void clearCache() {
    if (densePeCache != null) {
      densePeCache.owner().close();
      densePeCache = null;
    }
  }

  /**
   * Embeds prompts like the official {@code forward(points, boxes, masks)}.
   *
   * @param coords point coordinates (B, N, 2) in model-input pixels, or null
   * @param labels point labels (B, N) as int32, or null when {@code coords} is null
   * @param boxes boxes (B, 4) as x0, y0, x1, y1 in model-input pixels, or null
   * @param masks mask logits (B, 1, 4h, 4w), or null
   * @param manager owner of the outputs when no prompt array is given (all inputs null)
   */
  public PromptEmbeddings forward(NDArray coords, NDArray labels, NDArray boxes, NDArray masks,
      NDManager manager) {
    if ((coords == null) != (labels == null)) {
      throw new IllegalArgumentException("point coordinates and labels must be given together");
    }
    long bs = coords != null ? coords.getShape().get(0)
        : boxes != null ? boxes.getShape().get(0)
        : masks != null ? masks.getShape().get(0) : 1;
    NDArray sparse = sparseEmbeddings(coords, labels, boxes, bs, manager);
    NDArray dense;
    if (masks != null) {
      dense = maskDownscaling.forward(masks);
    } else {
      // broadcast the (1, C) embedding by adding it to zeros, so no array derived from the
      // weight lands in the weights' manager: (B, h, w, C) -> (B, C, h, w)
      dense = manager.zeros(new Shape(bs, embeddingH, embeddingW, embedDim))
          .addi(noMaskEmbed.weight())
          .transpose(0, 3, 1, 2);
    }
    return new PromptEmbeddings(sparse, dense);
  }

  /**
   * The sparse half of {@link #forward} alone, for callers that know the dense embedding is the
   * no-mask one (and have it already): {@code coords}/{@code labels} (B, N, 2)/(B, N) and/or
   * {@code boxes} (B, 4), at least one of them → (B, N', C).
   */
  public NDArray sparseEmbeddings(NDArray coords, NDArray labels, NDArray boxes) {
    if ((coords == null) != (labels == null)) {
      throw new IllegalArgumentException("point coordinates and labels must be given together");
    }
    if (coords == null && boxes == null) {
      throw new IllegalArgumentException("sparse embeddings need points or a box");
    }
    NDArray first = coords != null ? coords : boxes;
    return sparseEmbeddings(coords, labels, boxes, first.getShape().get(0), first.getManager());
  }

  private NDArray sparseEmbeddings(NDArray coords, NDArray labels, NDArray boxes, long bs,
      NDManager manager) {
    NDArray sparse = manager.zeros(new Shape(bs, 0, embedDim));
    if (coords != null) {
      NDArray pts = embedPoints(coords, labels, boxes == null);
      sparse = NDArrays.concat(new NDList(sparse, pts), 1);
    }
    if (boxes != null) {
      sparse = NDArrays.concat(new NDList(sparse, embedBoxes(boxes)), 1);
    }
    return sparse;
  }

  /** Points shifted to pixel centres, padded with a not-a-point when {@code pad}, → (B, N', C). */
  NDArray embedPoints(NDArray coords, NDArray labels, boolean pad) {
    NDArray points = coords.add(0.5f); // shift to the centre of the pixel
    NDArray lab = labels.toType(DataType.INT32, false);
    if (pad) {
      long b = points.getShape().get(0);
      NDManager m = points.getManager();
      points = NDArrays.concat(new NDList(points, m.zeros(new Shape(b, 1, 2))), 1);
      lab = NDArrays.concat(new NDList(lab, m.full(new Shape(b, 1), -1, DataType.INT32)), 1);
    }
    NDArray pe = peLayer.forwardWithCoords(points, inputH, inputW); // (B, N, C)
    NDArray notAPoint = pe.zerosLike().add(notAPointEmbed.weight());
    Shape full = pe.getShape();
    // DJL's where does not broadcast: (B, N) -> (B, N, 1) -> (B, N, C)
    pe = NDArrays.where(lab.eq(-1).expandDims(-1).broadcast(full), notAPoint, pe);
    for (int k = 0; k < NUM_POINT_EMBEDDINGS; k++) {
      NDArray withK = pe.add(pointEmbeddings.get(k).weight());
      pe = NDArrays.where(lab.eq(k).expandDims(-1).broadcast(full), withK, pe);
    }
    return pe;
  }

  /** Boxes (B, 4) → two corner embeddings each, (B, 2, C). */
  NDArray embedBoxes(NDArray boxes) {
    NDArray corners = boxes.add(0.5f).reshape(-1, 2, 2); // (B, 4) -> (B, 2 corners, xy)
    NDArray pe = peLayer.forwardWithCoords(corners, inputH, inputW); // (B, 2, C)
    NDArray topLeft = pe.get(new NDIndex(":, 0:1, :")).add(pointEmbeddings.get(2).weight());
    NDArray bottomRight = pe.get(new NDIndex(":, 1:2, :")).add(pointEmbeddings.get(3).weight());
    return NDArrays.concat(new NDList(topLeft, bottomRight), 1);
  }

  /** The {@code mask_downscaling} Sequential: conv, LN2d, GELU, conv, LN2d, GELU, 1×1 conv (indices 0..6). */
  static final class MaskDownscaling extends Module {
    private final Conv2d conv0;
    private final LayerNorm2d norm1;
    private final Conv2d conv3;
    private final LayerNorm2d norm4;
    private final Conv2d conv6;

    MaskDownscaling(int maskInChans, int embedDim) {
      conv0 = child("0", new Conv2d(1, maskInChans / 4, 2, 2, 0));
      norm1 = child("1", new LayerNorm2d(maskInChans / 4));
      conv3 = child("3", new Conv2d(maskInChans / 4, maskInChans, 2, 2, 0));
      norm4 = child("4", new LayerNorm2d(maskInChans));
      conv6 = child("6", new Conv2d(maskInChans, embedDim, 1, 1, 0));
    }

    NDArray forward(NDArray masks) {
      NDArray x = Activations.gelu(norm1.forward(conv0.forward(masks)));
      x = Activations.gelu(norm4.forward(conv3.forward(x)));
      // channel-last like the image embedding it is added to (and the no-mask embedding): in
      // NCHW that sum read one operand strided and took ~1.6 ms of a 35 ms video click
      return conv6.forwardChannelsLast(x);
    }
  }
}
