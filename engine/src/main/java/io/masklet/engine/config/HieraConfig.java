package io.masklet.engine.config;

import java.util.List;

/**
 * Arguments of {@code sam2/modeling/backbones/hieradet.py::Hiera}; omitted YAML keys take the
 * official defaults ({@link #DEFAULT_WINDOW_SPEC} etc.). {@code weights_path} is not modelled:
 * weights always come from the checkpoint.
 */
public record HieraConfig(
    int embedDim,
    int numHeads,
    double dropPathRate,
    int qPool,
    List<Integer> qStride,
    List<Integer> stages,
    double dimMul,
    double headMul,
    List<Integer> windowPosEmbedBkgSpatialSize,
    List<Integer> windowSpec,
    List<Integer> globalAttBlocks,
    boolean returnIntermLayers) {
  public static final int DEFAULT_EMBED_DIM = 96;
  public static final int DEFAULT_NUM_HEADS = 1;
  public static final int DEFAULT_Q_POOL = 3;
  public static final List<Integer> DEFAULT_Q_STRIDE = List.of(2, 2);
  public static final List<Integer> DEFAULT_STAGES = List.of(2, 3, 16, 3);
  public static final double DEFAULT_DIM_MUL = 2.0;
  public static final double DEFAULT_HEAD_MUL = 2.0;
  public static final List<Integer> DEFAULT_WINDOW_POS_EMBED_BKG_SPATIAL_SIZE = List.of(14, 14);
  public static final List<Integer> DEFAULT_WINDOW_SPEC = List.of(8, 4, 14, 7);
  public static final List<Integer> DEFAULT_GLOBAL_ATT_BLOCKS = List.of(12, 16, 20);

  public HieraConfig {
    qStride = List.copyOf(qStride);
    stages = List.copyOf(stages);
    windowPosEmbedBkgSpatialSize = List.copyOf(windowPosEmbedBkgSpatialSize);
    windowSpec = List.copyOf(windowSpec);
    globalAttBlocks = List.copyOf(globalAttBlocks);
    if (windowSpec.size() != stages.size()) {
      throw new IllegalArgumentException("Hiera window_spec " + windowSpec + " needs one entry per stage " + stages);
    }
    if (qPool > stages.size() - 1) {
      throw new IllegalArgumentException("Hiera q_pool " + qPool + " exceeds the number of stage shifts");
    }
    if (qStride.size() != 2 || windowPosEmbedBkgSpatialSize.size() != 2) {
      throw new IllegalArgumentException("Hiera q_stride and window_pos_embed_bkg_spatial_size must have 2 entries");
    }
  }

  /** Total number of blocks ({@code sum(stages)}). */
  public int depth() {
    return stages.stream().mapToInt(Integer::intValue).sum();
  }
}
