package io.masklet.engine.predictor;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.PreparedBackboneFeatures;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.backbones.BackboneOut;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.PromptEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A loaded {@link SAM2Base} seen as the image predictor's model: the image part of the official
 * {@code SAM2ImagePredictor.set_image} ({@code forward_image}, {@code _prepare_backbone_features},
 * {@code no_mem_embed} on the lowest level, features back to (1, C, h, w)) plus the SAM heads.
 */
public final class Sam2BaseImageModel implements SamImageModel {
  private final SAM2Base base;

  public Sam2BaseImageModel(SAM2Base base) {
    this.base = base;
  }

  public SAM2Base base() {
    return base;
  }

  @Override
  public int imageSize() {
    return base.imageSize();
  }

  @Override
  public PromptEncoder promptEncoder() {
    return base.samPromptEncoder();
  }

  @Override
  public MaskDecoder maskDecoder() {
    return base.samMaskDecoder();
  }

  @Override
  public ImageFeatures encodeImage(NDArray input) {
    return features(base, base.forwardImage(input));
  }

  /**
   * The predictor's features from a {@code forward_image} output (for callers that also inspect
   * the backbone output, like the fixture verifier); new arrays belong to its manager.
   */
  public static ImageFeatures features(SAM2Base base, BackboneOut backboneOut) {
    PreparedBackboneFeatures prepared = base.prepareBackboneFeatures(backboneOut);
    List<NDArray> feats = prepared.visionFeats();
    int last = feats.size() - 1;
    List<NDArray> maps = new ArrayList<>(feats.size());
    for (int i = 0; i <= last; i++) {
      NDArray f = feats.get(i);
      if (i == last && base.options().directlyAddNoMemEmbed()) {
        f = f.add(base.noMemEmbed());
      }
      PreparedBackboneFeatures.FeatSize size = prepared.featSizes().get(i);
      long channels = f.getShape().get(2);
      // (H*W, 1, C) -> (1, C, H*W) -> (1, C, H, W)
      maps.add(f.transpose(1, 2, 0).reshape(1, channels, size.h(), size.w()));
    }
    return new ImageFeatures(maps.get(last), maps.subList(0, last));
  }
}
