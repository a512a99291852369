package io.masklet.engine.modeling.sam;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.LayerNorm;
import io.masklet.engine.nn.Module;
import io.masklet.engine.nn.ModuleList;

/**
 * Port of sam2/modeling/sam/transformer.py::TwoWayTransformer: prompt tokens and image tokens
 * attend to each other through {@code depth} {@link TwoWayAttentionBlock}s, then a final
 * token→image attention and layer norm.
 */
public final class TwoWayTransformer extends Module {
  /** Hyperparameters SAM2Base fixes (they are not in the YAML configs). */
  public static final int SAM2_DEPTH = 2;
  public static final int SAM2_MLP_DIM = 2048;
  public static final int SAM2_NUM_HEADS = 8;
  public static final int ATTENTION_DOWNSAMPLE_RATE = 2;
  /** The official default {@code activation=nn.ReLU} of the block MLPs. */
  public static final String MLP_ACTIVATION = "relu";

  private final ModuleList<TwoWayAttentionBlock> layers;
  private final Attention finalAttnTokenToImage;
  private final LayerNorm normFinalAttn;

  public TwoWayTransformer(int depth, int embeddingDim, int numHeads, int mlpDim,
      int attentionDownsampleRate) {
    this.layers = child("layers", new ModuleList<>());
    for (int i = 0; i < depth; i++) {
      layers.add(new TwoWayAttentionBlock(embeddingDim, numHeads, mlpDim, MLP_ACTIVATION,
          attentionDownsampleRate, i == 0));
    }
    this.finalAttnTokenToImage = child("final_attn_token_to_image",
        new Attention(embeddingDim, numHeads, attentionDownsampleRate));
    this.normFinalAttn = child("norm_final_attn", new LayerNorm(embeddingDim));
  }

  /** The transformer SAM2Base builds for its mask decoder. */
  public static TwoWayTransformer forSam2(int embeddingDim) {
    return new TwoWayTransformer(SAM2_DEPTH, embeddingDim, SAM2_NUM_HEADS, SAM2_MLP_DIM,
        ATTENTION_DOWNSAMPLE_RATE);
  }

  /**
   * The prompt-independent start of {@link #forward} for one image: image tokens and their
   * position encoding flattened to (B or 1, h*w, C) and the first block's image side.
   */
  public record PreparedImage(NDArray keyPe, TwoWayAttentionBlock.ImageSide firstLayer) {
    /** Every array, for the owner to manage. */
    public java.util.List<NDArray> arrays() {
      java.util.List<NDArray> all = new java.util.ArrayList<>(firstLayer.arrays());
      all.add(keyPe);
      return all;
    }
  }

  /** {@code imageEmbedding} (B, C, h, w) and {@code imagePe} (B, C, h, w) → prepared image side. */
  public PreparedImage prepareImage(NDArray imageEmbedding, NDArray imagePe) {
    // Stored contiguous: as transposed views every later elementwise op on them (the residual
    // adds of the first block, the PE adds) runs strided, several times slower.
    NDArray keys = contiguousTokens(imageEmbedding);
    NDArray keyPe = contiguousTokens(imagePe);
    return new PreparedImage(keyPe, layers.get(0).prepareImageSide(keys, keyPe));
  }

  /** (B, C, h, w) → contiguous (B, h*w, C). */
  private static NDArray contiguousTokens(NDArray x) {
    long[] s = x.getShape().getShape();
    return x.flatten(2, 3).transpose(0, 2, 1) // (B, C, h, w) -> (B, hw, C), a strided view
        .reshape(-1) // -> (B*hw*C): not expressible as a view, so libtorch copies in this order
        .reshape(s[0], s[2] * s[3], s[1]); // -> (B, hw, C), a view of the copy
  }

  /**
   * {@code imageEmbedding} (B, C, h, w), {@code imagePe} (B, C, h, w), {@code pointEmbedding}
   * (B, Nt, C) → {queries (B, Nt, C), keys (B, h*w, C)}.
   */
  public NDArray[] forward(NDArray imageEmbedding, NDArray imagePe, NDArray pointEmbedding) {
    return forward(prepareImage(imageEmbedding, imagePe), pointEmbedding);
  }

  /**
   * {@link #forward(NDArray, NDArray, NDArray)} on a prepared image; a batch-1 image is shared
   * by all B prompt sets (broadcast).
   */
  public NDArray[] forward(PreparedImage image, NDArray pointEmbedding) {
    NDArray keyPe = image.keyPe();
    NDArray queries = pointEmbedding;
    NDArray keys = null;
    for (int i = 0; i < layers.size(); i++) {
      NDArray[] qk = i == 0
          ? layers.get(0).forward(queries, image.firstLayer(), pointEmbedding)
          : layers.get(i).forward(queries, keys, pointEmbedding, keyPe);
      queries = qk[0];
      keys = qk[1];
    }
    NDArray q = queries.add(pointEmbedding);
    NDArray k = keys.add(keyPe);
    queries = normFinalAttn.forward(queries.add(finalAttnTokenToImage.forwardFewQueries(q, k, keys)));
    return new NDArray[] {queries, keys};
  }
}
