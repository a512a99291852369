/**
 * Model configuration, read from the official hydra-style YAML files.
 *
 * <ul>
 *   <li>{@link io.masklet.engine.config.Sam2Configs#read(java.nio.file.Path)} /
 *       {@code parse(text, source)} → {@link io.masklet.engine.config.Sam2Config}. Every mapping's
 *       {@code _target_} must be the official class its record mirrors, every key one of that
 *       class's constructor arguments (else a {@link io.masklet.engine.config.ConfigException}
 *       naming the file, the dotted key path and the class), and omitted arguments take the
 *       official constructor defaults (constants on each record, e.g.
 *       {@link io.masklet.engine.config.HieraConfig#DEFAULT_WINDOW_SPEC}).
 *   <li>Records mirror the official constructors, field names = the Python kwargs in camelCase:
 *       {@code Sam2Config} (SAM2Base + {@code VideoPredictorOptions}) → {@code ImageEncoderConfig}
 *       ({@code HieraConfig trunk}, {@code FpnNeckConfig neck} with
 *       {@code PositionEmbeddingSineConfig}), {@code MemoryAttentionConfig} →
 *       {@code MemoryAttentionLayerConfig} → {@code RoPEAttentionConfig} (self/cross),
 *       {@code MemoryEncoderConfig} → {@code MaskDownSamplerConfig}, {@code FuserConfig} →
 *       {@code CXBlockConfig}, {@code PositionEmbeddingSineConfig}. Values the official code fixes
 *       outside the YAML (decoder depth 2, MLP 2048, 8 heads, mask_in_chans 16, ...) are constants
 *       on {@code Sam2Config}. Resolved {@code None}s: {@code kvInDim} → embeddingDim,
 *       {@code fpnTopDownLevels} → all levels; {@code PositionEmbeddingSineConfig.scale} stays
 *       null (use {@code effectiveScale()}), {@code FuserConfig.dim} stays null.
 *   <li>{@link io.masklet.engine.config.OfficialBuild#image} / {@code video}: the extra overrides
 *       of {@code build_sam2} (dynamic multimask via stability, 0.05, 0.98) and
 *       {@code build_sam2_video_predictor} (+ binarized prompted masks, fill_hole_area 8), which the
 *       golden fixtures were made with. Never applied implicitly.
 *   <li>{@link io.masklet.engine.config.Sam2Configs.OfficialModel}: the four shipped SAM 2.1 configs
 *       (resources {@code io/masklet/engine/configs/sam2.1_hiera_{t,s,b+,l}.yaml}, the official files);
 *       {@link io.masklet.engine.config.Sam2Configs#forCheckpoint} picks one from a checkpoint file
 *       name ({@code sam2.1_hiera_tiny.pt}, {@code ..._t}, {@code small/s}, {@code base_plus/b+},
 *       {@code large/l}) when no config is given.
 * </ul>
 */
package io.masklet.engine.config;
