package io.masklet.engine.modeling.sam;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.MLP;
import io.masklet.engine.nn.LayerNorm;
import io.masklet.engine.nn.Module;

/**
 * Port of sam2/modeling/sam/transformer.py::TwoWayAttentionBlock: token self-attention,
 * token→image cross attention, token MLP, image→token cross attention, each followed by a
 * residual add and a layer norm.
 */
public final class TwoWayAttentionBlock extends Module {
  private final Attention selfAttn;
  private final LayerNorm norm1;
  private final Attention crossAttnTokenToImage;
  private final LayerNorm norm2;
  private final MLP mlp;
  private final LayerNorm norm3;
  private final LayerNorm norm4;
  private final Attention crossAttnImageToToken;
  private final boolean skipFirstLayerPe;

  public TwoWayAttentionBlock(int embeddingDim, int numHeads, int mlpDim, String activation,
      int attentionDownsampleRate, boolean skipFirstLayerPe) {
    this.selfAttn = child("self_attn", new Attention(embeddingDim, numHeads));
    this.norm1 = child("norm1", new LayerNorm(embeddingDim));
    this.crossAttnTokenToImage = child("cross_attn_token_to_image",
        new Attention(embeddingDim, numHeads, attentionDownsampleRate));
    this.norm2 = child("norm2", new LayerNorm(embeddingDim));
    this.mlp = child("mlp", new MLP(embeddingDim, mlpDim, embeddingDim, 2, activation, false));
    this.norm3 = child("norm3", new LayerNorm(embeddingDim));
    this.norm4 = child("norm4", new LayerNorm(embeddingDim));
    this.crossAttnImageToToken = child("cross_attn_image_to_token",
        new Attention(embeddingDim, numHeads, attentionDownsampleRate));
    this.skipFirstLayerPe = skipFirstLayerPe;
  }

  /**
   * {@code queries} (B, Nt, C) tokens, {@code keys} (B, HW, C) image; {@code queryPe} and
   * {@code keyPe} their position encodings → updated (queries, keys).
   */
  public NDArray[] forward(NDArray queries, NDArray keys, NDArray queryPe, NDArray keyPe) {
    if (skipFirstLayerPe) {
      // the first block replaces the tokens by their self-attention (no residual, no PE)
      queries = selfAttn.forward(queries, queries, queries);
    } else {
      NDArray q = queries.add(queryPe);
      queries = queries.add(selfAttn.forward(q, q, queries));
    }
    queries = norm1.forward(queries);

    NDArray q = queries.add(queryPe);
    NDArray k = keys.add(keyPe);
    queries = norm2.forward(queries.add(crossAttnTokenToImage.forward(q, k, keys)));

    queries = norm3.forward(queries.add(mlp.forward(queries)));

    // keys are unchanged since k was formed above, so keys + key_pe is reused as is
    q = queries.add(queryPe);
    keys = norm4.forward(keys.add(crossAttnImageToToken.forward(k, q, queries)));
    return new NDArray[] {queries, keys};
  }
}
