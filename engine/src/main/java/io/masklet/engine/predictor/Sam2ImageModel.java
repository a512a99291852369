package io.masklet.engine.predictor;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.modeling.SAM2Base;
import io.masklet.engine.modeling.backbones.BackboneOut;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.PromptEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * A full {@link SAM2Base} as the image predictor's model: {@code set_image}'s feature
 * preparation ({@code forward_image}, the last {@code num_feature_levels} FPN levels, and
 * {@code no_mem_embed} added to the lowest-resolution one when the model adds it directly).
 * Feature sizes come from the backbone's outputs, so any {@code image_size} works.
 */
public final class Sam2ImageModel implements SamImageModel {
  private final SAM2Base net;

  public Sam2ImageModel(SAM2Base net) {
    this.net = net;
  }

  public SAM2Base net() {
    return net;
  }

  @Override
  public int imageSize() {
    return net.imageSize();
  }

  @Override
  public PromptEncoder promptEncoder() {
    return net.samPromptEncoder();
  }

  @Override
  public MaskDecoder maskDecoder() {
    return net.samMaskDecoder();
  }

  @Override
  public ImageFeatures encodeImage(NDArray input) {
    return features(net, net.forwardImage(input));
  }

  /**
   * The predictor's features from a {@code forward_image} output; new arrays belong to the
   * backbone output's manager.
   */
  public static ImageFeatures features(SAM2Base net, BackboneOut out) {
    List<NDArray> fpn = out.backboneFpn();
    int levels = net.numFeatureLevels();
    if (fpn.size() < levels) {
      throw new IllegalArgumentException("backbone gave " + fpn.size() + " levels, the model uses " + levels);
    }
    List<NDArray> used = fpn.subList(fpn.size() - levels, fpn.size());
    NDArray lowest = used.get(used.size() - 1);
    NDArray embed = lowest;
    if (net.options().directlyAddNoMemEmbed()) {
      long c = lowest.getShape().get(1);
      NDArray noMem = net.noMemEmbed().reshape(1, c, 1, 1); // (1, 1, C) -> (1, C, 1, 1)
      noMem.attach(lowest.getManager()); // a view: freed with the features' scope
      embed = lowest.add(noMem);
    }
    return new ImageFeatures(embed, new ArrayList<>(used.subList(0, used.size() - 1)));
  }
}
