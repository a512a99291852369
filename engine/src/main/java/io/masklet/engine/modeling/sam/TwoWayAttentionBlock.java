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
   * The block's work on image tokens that do not depend on the prompt: {@code keys} and
   * {@code keys + key_pe} (B or 1, HW, C), the token→image key and value projections and the
   * image→token query projection (heads separated). Valid for as long as the image tokens are
   * the block's unchanged input, so a predictor computes it once per image for the first block.
   */
  public record ImageSide(NDArray keys, NDArray keysWithPe, NDArray tokenToImageKeys,
      NDArray tokenToImageValues, NDArray imageToTokenQueries) {
    /** Every array, for the owner to manage. */
    public java.util.List<NDArray> arrays() {
      java.util.List<NDArray> all = new java.util.ArrayList<>(java.util.List.of(keys, keysWithPe));
      for (NDArray a : new NDArray[] {tokenToImageKeys, tokenToImageValues, imageToTokenQueries}) {
        if (a != null) {
          all.add(a);
        }
      }
      return all;
    }
  }

  /** The prompt-independent image side of {@link #forward} for image tokens {@code keys}. */
  public ImageSide prepareImageSide(NDArray keys, NDArray keyPe) {
    NDArray k = keys.add(keyPe);
    return new ImageSide(keys, k, crossAttnTokenToImage.projectKeys(k),
        crossAttnTokenToImage.projectValues(keys), crossAttnImageToToken.projectQueries(k));
  }

  /**
   * {@code queries} (B, Nt, C) tokens, {@code keys} (B, HW, C) image; {@code queryPe} and
   * {@code keyPe} their position encodings → updated (queries, keys).
   */
  public NDArray[] forward(NDArray queries, NDArray keys, NDArray queryPe, NDArray keyPe) {
    // used once per image side: the projections of image tokens are folded into the attentions
    NDArray k = keys.add(keyPe);
    return forward(queries, new ImageSide(keys, k, null, null, null), queryPe);
  }

  /**
   * {@link #forward(NDArray, NDArray, NDArray, NDArray)} with the image side precomputed; a
   * batch-1 image side is shared by all B prompt sets (broadcast) → (queries, keys (B, HW, C)).
   */
  public NDArray[] forward(NDArray queries, ImageSide image, NDArray queryPe) {
    if (skipFirstLayerPe) {
      // the first block replaces the tokens by their self-attention (no residual, no PE)
      queries = selfAttn.forward(queries, queries, queries);
    } else {
      NDArray q = queries.add(queryPe);
      queries = queries.add(selfAttn.forward(q, q, queries));
    }
    queries = norm1.forward(queries);

    NDArray q = queries.add(queryPe);
    NDArray tokenToImage = image.tokenToImageKeys() != null
        ? crossAttnTokenToImage.attendHeads(crossAttnTokenToImage.projectQueries(q),
            image.tokenToImageKeys(), image.tokenToImageValues())
        : crossAttnTokenToImage.forwardFewQueries(q, image.keysWithPe(), image.keys());
    queries = norm2.forward(queries.add(tokenToImage));

    queries = norm3.forward(queries.add(mlp.forward(queries)));

    // keys are unchanged since the image side was formed, so its keys + key_pe serve as queries;
    // with few tokens the folded path is cheaper even than reusing projected image queries
    q = queries.add(queryPe);
    NDArray keysPlusAttn = image.imageToTokenQueries() != null
        && !crossAttnImageToToken.foldsFewKeys(queries.getShape().get(1))
        ? image.keys().add(crossAttnImageToToken.attendHeads(image.imageToTokenQueries(),
            crossAttnImageToToken.projectKeys(q), crossAttnImageToToken.projectValues(queries)))
        : crossAttnImageToToken.forwardFewKeysPlus(image.keys(), image.keysWithPe(), q, queries);
    NDArray keys = norm4.forward(keysPlusAttn);
    return new NDArray[] {queries, keys};
  }
}
