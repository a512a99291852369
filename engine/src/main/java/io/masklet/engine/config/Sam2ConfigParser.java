package io.masklet.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Maps the official hydra-style YAML ({@code model: {_target_: ..., ...}}) onto the config
 * records. Each mapping's {@code _target_} must be the official class the record mirrors, every
 * key must be one of that class's constructor arguments, and omitted arguments take the official
 * defaults (read from the Python signatures). Nothing is interpolated or merged.
 */
final class Sam2ConfigParser {
  static final String SAM2_BASE = "sam2.modeling.sam2_base.SAM2Base";
  static final String VIDEO_PREDICTOR = "sam2.sam2_video_predictor.SAM2VideoPredictor";
  static final String IMAGE_ENCODER = "sam2.modeling.backbones.image_encoder.ImageEncoder";
  static final String HIERA = "sam2.modeling.backbones.hieradet.Hiera";
  static final String FPN_NECK = "sam2.modeling.backbones.image_encoder.FpnNeck";
  static final String POSITION_EMBEDDING_SINE = "sam2.modeling.position_encoding.PositionEmbeddingSine";
  static final String MEMORY_ATTENTION = "sam2.modeling.memory_attention.MemoryAttention";
  static final String MEMORY_ATTENTION_LAYER = "sam2.modeling.memory_attention.MemoryAttentionLayer";
  static final String ROPE_ATTENTION = "sam2.modeling.sam.transformer.RoPEAttention";
  static final String MEMORY_ENCODER = "sam2.modeling.memory_encoder.MemoryEncoder";
  static final String MASK_DOWN_SAMPLER = "sam2.modeling.memory_encoder.MaskDownSampler";
  static final String FUSER = "sam2.modeling.memory_encoder.Fuser";
  static final String CX_BLOCK = "sam2.modeling.memory_encoder.CXBlock";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Sam2ConfigParser() {}

  static Sam2Config parse(String yamlText, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(yamlText);
    } catch (IOException e) {
      throw new ConfigException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new ConfigException(source + ": the file is empty");
    }
    ConfigNode top = new ConfigNode(source, "", root);
    ConfigNode model = top.child("model");
    top.finish();
    return sam2(model, source);
  }

  private static Sam2Config sam2(ConfigNode n, String source) {
    String target = n.target(SAM2_BASE, VIDEO_PREDICTOR);
    ImageEncoderConfig imageEncoder = imageEncoder(n.child("image_encoder"));
    MemoryAttentionConfig memoryAttention = memoryAttention(n.child("memory_attention"));
    MemoryEncoderConfig memoryEncoder = memoryEncoder(n.child("memory_encoder"));
    MaskDecoderExtraArgs extra = maskDecoderExtraArgs(n.childOrNull("sam_mask_decoder_extra_args"));
    VideoPredictorOptions video = VideoPredictorOptions.DEFAULTS;
    if (target.equals(VIDEO_PREDICTOR)) {
      if (n.bool("clear_non_cond_mem_around_input", false)) {
        // the official predictor calls a method it does not define when this is set
        // (facebookresearch/sam2#571): there is no reference behaviour to reproduce
        throw n.error("'" + n.path() + ".clear_non_cond_mem_around_input: true' is not supported:"
            + " the official SAM2VideoPredictor fails on it (it calls an undefined"
            + " _clear_obj_non_cond_mem_around_input, facebookresearch/sam2#571); set it to false"
            + " or remove it");
      }
      video = new VideoPredictorOptions(
          n.integer("fill_hole_area", 0),
          n.bool("non_overlap_masks", false),
          false,
          n.bool("add_all_frames_to_correct_as_cond", false));
    }
    Sam2Config config = new Sam2Config(
        source,
        imageEncoder,
        memoryAttention,
        memoryEncoder,
        n.integer("num_maskmem", 7),
        n.integer("image_size", 512),
        n.integer("backbone_stride", 16),
        n.number("sigmoid_scale_for_mem_enc", 1.0),
        n.number("sigmoid_bias_for_mem_enc", 0.0),
        n.bool("binarize_mask_from_pts_for_mem_enc", false),
        n.bool("use_mask_input_as_output_without_sam", false),
        n.integer("max_cond_frames_in_attn", -1),
        n.bool("directly_add_no_mem_embed", false),
        n.bool("use_high_res_features_in_sam", false),
        n.bool("multimask_output_in_sam", false),
        n.integer("multimask_min_pt_num", 1),
        n.integer("multimask_max_pt_num", 1),
        n.bool("multimask_output_for_tracking", false),
        n.bool("use_multimask_token_for_obj_ptr", false),
        n.bool("iou_prediction_use_sigmoid", false),
        n.integer("memory_temporal_stride_for_eval", 1),
        n.bool("non_overlap_masks_for_mem_enc", false),
        n.bool("use_obj_ptrs_in_encoder", false),
        n.integer("max_obj_ptrs_in_encoder", 16),
        n.bool("add_tpos_enc_to_obj_ptrs", true),
        n.bool("proj_tpos_enc_in_obj_ptrs", false),
        n.bool("use_signed_tpos_enc_to_obj_ptrs", false),
        n.bool("only_obj_ptrs_in_the_past_for_eval", false),
        n.bool("pred_obj_scores", false),
        n.bool("pred_obj_scores_mlp", false),
        n.bool("fixed_no_obj_ptr", false),
        n.bool("soft_no_obj_ptr", false),
        n.bool("use_mlp_for_obj_ptr_proj", false),
        n.bool("no_obj_embed_spatial", false),
        extra,
        // only a torch.compile switch in the official code; kept so configs read as they are
        n.bool("compile_image_encoder", false),
        video);
    n.finish();
    if (config.fixedNoObjPtr() && !(config.predObjScores() && config.useObjPtrsInEncoder())) {
      throw n.error("fixed_no_obj_ptr needs pred_obj_scores and use_obj_ptrs_in_encoder");
    }
    return config;
  }

  private static MaskDecoderExtraArgs maskDecoderExtraArgs(ConfigNode n) {
    if (n == null) {
      return MaskDecoderExtraArgs.DEFAULTS;
    }
    MaskDecoderExtraArgs d = MaskDecoderExtraArgs.DEFAULTS;
    MaskDecoderExtraArgs args = new MaskDecoderExtraArgs(
        n.bool("dynamic_multimask_via_stability", d.dynamicMultimaskViaStability()),
        n.number("dynamic_multimask_stability_delta", d.dynamicMultimaskStabilityDelta()),
        n.number("dynamic_multimask_stability_thresh", d.dynamicMultimaskStabilityThresh()));
    n.finish();
    return args;
  }

  private static ImageEncoderConfig imageEncoder(ConfigNode n) {
    n.target(IMAGE_ENCODER);
    ImageEncoderConfig c = new ImageEncoderConfig(
        hiera(n.child("trunk")), fpnNeck(n.child("neck")), n.integer("scalp", ImageEncoderConfig.DEFAULT_SCALP));
    n.finish();
    return c;
  }

  private static HieraConfig hiera(ConfigNode n) {
    n.target(HIERA);
    n.forbid("weights_path", "trunk weights come from the checkpoint");
    HieraConfig c = build(n, () -> new HieraConfig(
        n.integer("embed_dim", HieraConfig.DEFAULT_EMBED_DIM),
        n.integer("num_heads", HieraConfig.DEFAULT_NUM_HEADS),
        n.number("drop_path_rate", 0.0),
        n.integer("q_pool", HieraConfig.DEFAULT_Q_POOL),
        n.intList("q_stride", HieraConfig.DEFAULT_Q_STRIDE),
        n.intList("stages", HieraConfig.DEFAULT_STAGES),
        n.number("dim_mul", HieraConfig.DEFAULT_DIM_MUL),
        n.number("head_mul", HieraConfig.DEFAULT_HEAD_MUL),
        n.intList("window_pos_embed_bkg_spatial_size", HieraConfig.DEFAULT_WINDOW_POS_EMBED_BKG_SPATIAL_SIZE),
        n.intList("window_spec", HieraConfig.DEFAULT_WINDOW_SPEC),
        n.intList("global_att_blocks", HieraConfig.DEFAULT_GLOBAL_ATT_BLOCKS),
        n.bool("return_interm_layers", true)));
    n.finish();
    return c;
  }

  private static FpnNeckConfig fpnNeck(ConfigNode n) {
    n.target(FPN_NECK);
    PositionEmbeddingSineConfig pe = positionEmbeddingSine(n.child("position_encoding"));
    int dModel = n.integer("d_model");
    List<Integer> channels = n.intList("backbone_channel_list");
    int kernelSize = n.integer("kernel_size", 1);
    int stride = n.integer("stride", 1);
    int padding = n.integer("padding", 0);
    String interp = n.string("fpn_interp_model", FpnNeckConfig.DEFAULT_FPN_INTERP_MODEL);
    String fuse = n.string("fuse_type", FpnNeckConfig.DEFAULT_FUSE_TYPE);
    List<Integer> levels = n.intListOrNull("fpn_top_down_levels");
    if (levels == null) {
      // official: None means every level gets the top-down path
      levels = java.util.stream.IntStream.range(0, channels.size()).boxed().toList();
    }
    List<Integer> topDown = levels;
    FpnNeckConfig c = build(n, () -> new FpnNeckConfig(pe, dModel, channels, kernelSize, stride, padding, interp,
        fuse, topDown));
    n.finish();
    return c;
  }

  private static PositionEmbeddingSineConfig positionEmbeddingSine(ConfigNode n) {
    n.target(POSITION_EMBEDDING_SINE);
    PositionEmbeddingSineConfig c = build(n, () -> new PositionEmbeddingSineConfig(
        n.integer("num_pos_feats"),
        n.integer("temperature", PositionEmbeddingSineConfig.DEFAULT_TEMPERATURE),
        n.bool("normalize", true),
        n.numberOrNull("scale"),
        n.bool("warmup_cache", true),
        n.integer("image_size", 1024),
        n.intList("strides", PositionEmbeddingSineConfig.DEFAULT_STRIDES)));
    n.finish();
    return c;
  }

  private static MemoryAttentionConfig memoryAttention(ConfigNode n) {
    n.target(MEMORY_ATTENTION);
    MemoryAttentionConfig c = new MemoryAttentionConfig(
        n.integer("d_model"),
        n.bool("pos_enc_at_input"),
        memoryAttentionLayer(n.child("layer")),
        n.integer("num_layers"),
        n.bool("batch_first", true));
    n.finish();
    return c;
  }

  private static MemoryAttentionLayerConfig memoryAttentionLayer(ConfigNode n) {
    n.target(MEMORY_ATTENTION_LAYER);
    MemoryAttentionLayerConfig c = build(n, () -> new MemoryAttentionLayerConfig(
        n.string("activation"),
        ropeAttention(n.child("cross_attention")),
        n.integer("d_model"),
        n.integer("dim_feedforward"),
        n.number("dropout"),
        n.bool("pos_enc_at_attn"),
        n.bool("pos_enc_at_cross_attn_keys"),
        n.bool("pos_enc_at_cross_attn_queries"),
        ropeAttention(n.child("self_attention"))));
    n.finish();
    return c;
  }

  private static RoPEAttentionConfig ropeAttention(ConfigNode n) {
    n.target(ROPE_ATTENTION);
    int embeddingDim = n.integer("embedding_dim");
    Integer kvInDim = n.integerOrNull("kv_in_dim");
    RoPEAttentionConfig c = build(n, () -> new RoPEAttentionConfig(
        embeddingDim,
        n.integer("num_heads"),
        n.integer("downsample_rate", 1),
        n.number("dropout", 0.0),
        kvInDim == null ? embeddingDim : kvInDim,
        n.number("rope_theta", RoPEAttentionConfig.DEFAULT_ROPE_THETA),
        n.bool("rope_k_repeat", false),
        n.intList("feat_sizes", RoPEAttentionConfig.DEFAULT_FEAT_SIZES)));
    n.finish();
    return c;
  }

  private static MemoryEncoderConfig memoryEncoder(ConfigNode n) {
    n.target(MEMORY_ENCODER);
    MemoryEncoderConfig c = new MemoryEncoderConfig(
        n.integer("out_dim"),
        maskDownSampler(n.child("mask_downsampler")),
        fuser(n.child("fuser")),
        positionEmbeddingSine(n.child("position_encoding")),
        n.integer("in_dim", MemoryEncoderConfig.DEFAULT_IN_DIM));
    n.finish();
    return c;
  }

  private static MaskDownSamplerConfig maskDownSampler(ConfigNode n) {
    n.target(MASK_DOWN_SAMPLER);
    n.forbid("activation", "the mask downsampler always uses the official GELU");
    MaskDownSamplerConfig c = build(n, () -> new MaskDownSamplerConfig(
        n.integer("embed_dim", MaskDownSamplerConfig.DEFAULT_EMBED_DIM),
        n.integer("kernel_size", MaskDownSamplerConfig.DEFAULT_KERNEL_SIZE),
        n.integer("stride", MaskDownSamplerConfig.DEFAULT_STRIDE),
        n.integer("padding", MaskDownSamplerConfig.DEFAULT_PADDING),
        n.integer("total_stride", MaskDownSamplerConfig.DEFAULT_TOTAL_STRIDE)));
    n.finish();
    return c;
  }

  private static FuserConfig fuser(ConfigNode n) {
    n.target(FUSER);
    FuserConfig c = build(n, () -> new FuserConfig(
        cxBlock(n.child("layer")),
        n.integer("num_layers"),
        n.integerOrNull("dim"),
        n.bool("input_projection", false)));
    n.finish();
    return c;
  }

  private static CXBlockConfig cxBlock(ConfigNode n) {
    n.target(CX_BLOCK);
    CXBlockConfig c = new CXBlockConfig(
        n.integer("dim"),
        n.integer("kernel_size", CXBlockConfig.DEFAULT_KERNEL_SIZE),
        n.integer("padding", CXBlockConfig.DEFAULT_PADDING),
        n.number("drop_path", 0.0),
        n.number("layer_scale_init_value", CXBlockConfig.DEFAULT_LAYER_SCALE_INIT_VALUE),
        n.bool("use_dwconv", true));
    n.finish();
    return c;
  }

  /** Runs a record constructor, turning its validation errors into errors naming the file and path. */
  private static <T> T build(ConfigNode n, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw n.error("invalid '" + n.path() + "': " + e.getMessage());
    }
  }
}
