package io.masklet.engine.config;

/** Arguments of {@code sam2/modeling/backbones/image_encoder.py::ImageEncoder}. */
public record ImageEncoderConfig(HieraConfig trunk, FpnNeckConfig neck, int scalp) {
  public static final int DEFAULT_SCALP = 0;
}
