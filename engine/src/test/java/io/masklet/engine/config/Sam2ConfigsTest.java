package io.masklet.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.engine.config.Sam2Configs.OfficialModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sam2ConfigsTest {
  @TempDir Path tmp;

  static String microYaml() throws IOException {
    try (InputStream in = Sam2ConfigsTest.class.getResourceAsStream("/io/masklet/engine/configs/sam2.1_hiera_micro.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void shippedConfigsAreTheOfficialFiles() throws IOException {
    String shared = System.getProperty("masklet.shared");
    Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared)), "../shared is absent");
    for (OfficialModel m : OfficialModel.values()) {
      Path official = Path.of(shared, "reference", "sam2.1-configs", m.configFileName());
      assertEquals(Files.readString(official), m.yaml(), m.configFileName());
    }
  }

  @Test
  void tinyConfigHasOfficialValuesAndSignatureDefaults() {
    Sam2Config t = OfficialModel.TINY.config();
    HieraConfig h = t.imageEncoder().trunk();
    assertEquals(96, h.embedDim());
    assertEquals(1, h.numHeads());
    assertEquals(List.of(1, 2, 7, 2), h.stages());
    assertEquals(List.of(5, 7, 9), h.globalAttBlocks());
    assertEquals(List.of(7, 7), h.windowPosEmbedBkgSpatialSize());
    // not in the YAML: Hiera's defaults
    assertEquals(List.of(8, 4, 14, 7), h.windowSpec());
    assertEquals(3, h.qPool());
    assertEquals(List.of(2, 2), h.qStride());
    assertEquals(2.0, h.dimMul());
    assertEquals(2.0, h.headMul());
    assertEquals(12, h.depth());
    assertEquals(1, t.imageEncoder().scalp());
    FpnNeckConfig neck = t.imageEncoder().neck();
    assertEquals(256, neck.dModel());
    assertEquals(List.of(768, 384, 192, 96), neck.backboneChannelList());
    assertEquals(List.of(2, 3), neck.fpnTopDownLevels());
    assertEquals("nearest", neck.fpnInterpModel());
    assertEquals("sum", neck.fuseType());
    assertEquals(1, neck.kernelSize());
    assertNull(neck.positionEncoding().scale());
    assertEquals(2 * Math.PI, neck.positionEncoding().effectiveScale());
    assertEquals(256, neck.positionEncoding().numPosFeats());

    MemoryAttentionConfig ma = t.memoryAttention();
    assertEquals(4, ma.numLayers());
    assertTrue(ma.posEncAtInput());
    assertEquals("relu", ma.layer().activation());
    assertEquals(2048, ma.layer().dimFeedforward());
    assertEquals(64, ma.layer().crossAttention().kvInDim());
    assertTrue(ma.layer().crossAttention().ropeKRepeat());
    assertEquals(256, ma.layer().selfAttention().kvInDim(), "kv_in_dim defaults to embedding_dim");
    assertFalse(ma.layer().selfAttention().ropeKRepeat());
    assertEquals(List.of(64, 64), ma.layer().selfAttention().featSizes());

    MemoryEncoderConfig me = t.memoryEncoder();
    assertEquals(64, me.outDim());
    assertEquals(256, me.inDim());
    assertEquals(new MaskDownSamplerConfig(256, 3, 2, 1, 16), me.maskDownsampler());
    assertEquals(4, me.maskDownsampler().numLayers());
    assertEquals(new CXBlockConfig(256, 7, 3, 0.0, 1e-6, true), me.fuser().layer());
    assertEquals(2, me.fuser().numLayers());
    assertNull(me.fuser().dim());

    assertEquals(7, t.numMaskmem());
    assertEquals(1024, t.imageSize());
    assertEquals(16, t.backboneStride());
    assertEquals(64, t.imageEmbeddingSize());
    assertEquals(20.0, t.sigmoidScaleForMemEnc());
    assertEquals(-10.0, t.sigmoidBiasForMemEnc());
    assertTrue(t.useMaskInputAsOutputWithoutSam() && t.directlyAddNoMemEmbed() && t.noObjEmbedSpatial());
    assertTrue(t.useHighResFeaturesInSam() && t.multimaskOutputInSam() && t.iouPredictionUseSigmoid());
    assertTrue(t.useObjPtrsInEncoder() && t.addTposEncToObjPtrs() && t.projTposEncInObjPtrs());
    assertTrue(t.useSignedTposEncToObjPtrs() && t.onlyObjPtrsInThePastForEval());
    assertTrue(t.predObjScores() && t.predObjScoresMlp() && t.fixedNoObjPtr());
    assertTrue(t.multimaskOutputForTracking() && t.useMultimaskTokenForObjPtr() && t.useMlpForObjPtrProj());
    assertEquals(0, t.multimaskMinPtNum());
    assertEquals(1, t.multimaskMaxPtNum());
    // SAM2Base defaults for keys the YAML omits
    assertEquals(-1, t.maxCondFramesInAttn());
    assertEquals(16, t.maxObjPtrsInEncoder());
    assertEquals(1, t.memoryTemporalStrideForEval());
    assertFalse(t.softNoObjPtr() || t.nonOverlapMasksForMemEnc() || t.binarizeMaskFromPtsForMemEnc());
    assertEquals(MaskDecoderExtraArgs.DEFAULTS, t.samMaskDecoderExtraArgs());
    assertEquals(VideoPredictorOptions.DEFAULTS, t.videoPredictor());
    assertEquals(256, t.hiddenDim());
    assertEquals(64, t.memDim());
  }

  @Test
  void otherOfficialSizesDifferWhereTheirYamlSays() {
    Sam2Config s = OfficialModel.SMALL.config();
    assertEquals(List.of(1, 2, 11, 2), s.imageEncoder().trunk().stages());
    assertEquals(List.of(7, 10, 13), s.imageEncoder().trunk().globalAttBlocks());
    Sam2Config b = OfficialModel.BASE_PLUS.config();
    assertEquals(112, b.imageEncoder().trunk().embedDim());
    assertEquals(2, b.imageEncoder().trunk().numHeads());
    assertEquals(List.of(14, 14), b.imageEncoder().trunk().windowPosEmbedBkgSpatialSize(), "Hiera default");
    assertEquals(List.of(2, 3, 16, 3), b.imageEncoder().trunk().stages(), "Hiera default");
    assertEquals(List.of(12, 16, 20), b.imageEncoder().trunk().globalAttBlocks(), "Hiera default");
    assertEquals(List.of(896, 448, 224, 112), b.imageEncoder().neck().backboneChannelList());
    Sam2Config l = OfficialModel.LARGE.config();
    assertEquals(144, l.imageEncoder().trunk().embedDim());
    assertEquals(List.of(2, 6, 36, 4), l.imageEncoder().trunk().stages());
    assertEquals(List.of(8, 4, 16, 8), l.imageEncoder().trunk().windowSpec());
    assertEquals(List.of(23, 33, 43), l.imageEncoder().trunk().globalAttBlocks());
  }

  @Test
  void microConfigFromTestResourcesAndFixtureParse() throws IOException {
    Sam2Config micro = Sam2Configs.parse(microYaml(), "sam2.1_hiera_micro.yaml");
    assertEquals(8, micro.imageEncoder().trunk().embedDim());
    assertEquals(List.of(1, 2, 3, 1), micro.imageEncoder().trunk().stages());
    assertEquals(256, micro.imageSize());
    assertEquals(32, micro.memoryEncoder().inDim());
    assertEquals(32, micro.memoryEncoder().maskDownsampler().embedDim());
    assertEquals(16, micro.memoryEncoder().outDim());
    assertEquals(2, micro.memoryAttention().numLayers());
    assertEquals(List.of(16, 16), micro.memoryAttention().layer().crossAttention().featSizes());
    String shared = System.getProperty("masklet.shared");
    Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared)), "../shared is absent");
    Path fixture = Path.of(shared, "fixtures", "sam2.1_hiera_micro", "config.yaml");
    Sam2Config fromFixture = Sam2Configs.read(fixture);
    assertEquals(micro.imageEncoder(), fromFixture.imageEncoder());
    assertEquals(micro.memoryAttention(), fromFixture.memoryAttention());
    assertEquals(micro.memoryEncoder(), fromFixture.memoryEncoder());
    assertEquals(fixture.toString(), fromFixture.source());
    assertEquals(OfficialModel.TINY.config().imageEncoder(),
        Sam2Configs.read(Path.of(shared, "fixtures", "sam2.1_hiera_t", "config.yaml")).imageEncoder());
  }

  @Test
  void officialBuildOverridesAreExplicitSteps() {
    Sam2Config t = OfficialModel.TINY.config();
    Sam2Config image = OfficialBuild.image(t);
    assertEquals(new MaskDecoderExtraArgs(true, 0.05, 0.98), image.samMaskDecoderExtraArgs());
    assertFalse(image.binarizeMaskFromPtsForMemEnc());
    assertEquals(0, image.videoPredictor().fillHoleArea());
    Sam2Config video = OfficialBuild.video(t);
    assertEquals(new MaskDecoderExtraArgs(true, 0.05, 0.98), video.samMaskDecoderExtraArgs());
    assertTrue(video.binarizeMaskFromPtsForMemEnc());
    assertEquals(8, video.videoPredictor().fillHoleArea());
    assertEquals(t.imageEncoder(), video.imageEncoder());
  }

  @Test
  void videoPredictorTargetAcceptsItsExtraArguments() throws IOException {
    String yaml = microYaml().replace("sam2.modeling.sam2_base.SAM2Base", "sam2.sam2_video_predictor.SAM2VideoPredictor")
        .replace("  image_size: 256", "  image_size: 256\n  fill_hole_area: 8\n  non_overlap_masks: true");
    Sam2Config c = Sam2Configs.parse(yaml, "video.yaml");
    assertEquals(new VideoPredictorOptions(8, true, false, false), c.videoPredictor());
    // the same keys are not arguments of SAM2Base
    String base = microYaml().replace("  image_size: 256", "  image_size: 256\n  fill_hole_area: 8");
    ConfigException e = assertThrows(ConfigException.class, () -> Sam2Configs.parse(base, "base.yaml"));
    assertTrue(e.getMessage().contains("unknown key 'model.fill_hole_area' for SAM2Base"), e.getMessage());
  }

  @Test
  void clearingMemoryAroundInputsIsRejectedAsTheOfficialPredictorFailsOnIt() throws IOException {
    String yaml = microYaml().replace("sam2.modeling.sam2_base.SAM2Base", "sam2.sam2_video_predictor.SAM2VideoPredictor")
        .replace("  image_size: 256", "  image_size: 256\n  clear_non_cond_mem_around_input: true");
    ConfigException e = assertThrows(ConfigException.class, () -> Sam2Configs.parse(yaml, "v.yaml"));
    assertTrue(e.getMessage().startsWith("v.yaml: 'model.clear_non_cond_mem_around_input: true' is not supported"),
        e.getMessage());
    String off = yaml.replace("clear_non_cond_mem_around_input: true", "clear_non_cond_mem_around_input: false");
    assertEquals(new VideoPredictorOptions(0, false, false, false), Sam2Configs.parse(off, "v.yaml").videoPredictor());
  }

  @Test
  void unknownKeyIsNamedWithFileAndPath() throws IOException {
    Path file = tmp.resolve("typo.yaml");
    Files.writeString(file, microYaml().replace("      embed_dim: 8", "      embed_dim: 8\n      embed_dimm: 9"));
    ConfigException e = assertThrows(ConfigException.class, () -> Sam2Configs.read(file));
    assertTrue(e.getMessage().startsWith(file.toString() + ": unknown key 'model.image_encoder.trunk.embed_dimm' for Hiera"),
        e.getMessage());
    assertTrue(e.getMessage().contains("window_spec"), "lists the known keys: " + e.getMessage());
  }

  @Test
  void unknownTargetIsNamed() throws IOException {
    String yaml = microYaml().replace("sam2.modeling.backbones.hieradet.Hiera", "sam2.modeling.backbones.vit.ViT");
    ConfigException e = assertThrows(ConfigException.class, () -> Sam2Configs.parse(yaml, "vit.yaml"));
    assertTrue(e.getMessage().contains("vit.yaml: unknown _target_ 'sam2.modeling.backbones.vit.ViT' at"
        + " 'model.image_encoder.trunk'"), e.getMessage());
  }

  @Test
  void unknownTopLevelKeyAndMissingRequiredKeyAreNamed() throws IOException {
    ConfigException top = assertThrows(ConfigException.class,
        () -> Sam2Configs.parse(microYaml() + "\ntrainer:\n  max_epochs: 3\n", "train.yaml"));
    assertTrue(top.getMessage().contains("unknown key 'trainer'"), top.getMessage());
    String noDim = microYaml().replace("      d_model: 32\n      backbone_channel_list", "      backbone_channel_list");
    ConfigException missing = assertThrows(ConfigException.class, () -> Sam2Configs.parse(noDim, "m.yaml"));
    assertTrue(missing.getMessage().contains("missing required key 'model.image_encoder.neck.d_model'"),
        missing.getMessage());
  }

  @Test
  void badValuesAreNamed() throws IOException {
    String yaml = microYaml().replace("num_maskmem: 7", "num_maskmem: seven");
    ConfigException e = assertThrows(ConfigException.class, () -> Sam2Configs.parse(yaml, "m.yaml"));
    assertTrue(e.getMessage().contains("'model.num_maskmem' must be an integer"), e.getMessage());
    String spec = microYaml().replace("      global_att_blocks: [4, 5]", "      global_att_blocks: [4, 5]\n      window_spec: [8, 4]");
    ConfigException s = assertThrows(ConfigException.class, () -> Sam2Configs.parse(spec, "m.yaml"));
    assertTrue(s.getMessage().contains("invalid 'model.image_encoder.trunk'") && s.getMessage().contains("window_spec"),
        s.getMessage());
  }

  @Test
  void modelIsPickedFromCheckpointFileName() throws IOException {
    assertEquals(Optional.of(OfficialModel.TINY), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_tiny.pt"));
    assertEquals(Optional.of(OfficialModel.TINY), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_t.safetensors"));
    assertEquals(Optional.of(OfficialModel.SMALL), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_small.pt"));
    assertEquals(Optional.of(OfficialModel.SMALL), Sam2Configs.modelFromCheckpointName("SAM2.1_Hiera_S.pt"));
    assertEquals(Optional.of(OfficialModel.BASE_PLUS), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_base_plus.pt"));
    assertEquals(Optional.of(OfficialModel.BASE_PLUS), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_b+.pt"));
    assertEquals(Optional.of(OfficialModel.BASE_PLUS), Sam2Configs.modelFromCheckpointName("sam2.1-hiera-base-plus.pt"));
    assertEquals(Optional.of(OfficialModel.LARGE), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_large.pt"));
    assertEquals(Optional.of(OfficialModel.LARGE), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_l.pt"));
    assertEquals(Optional.empty(), Sam2Configs.modelFromCheckpointName("checkpoint.pt"));
    assertEquals(Optional.empty(), Sam2Configs.modelFromCheckpointName("sam2.1_hiera_tinyish.pt"));

    assertEquals(OfficialModel.LARGE.config(), Sam2Configs.forCheckpoint(Path.of("/x/sam2.1_hiera_large.pt"), null));
    ConfigException e = assertThrows(ConfigException.class,
        () -> Sam2Configs.forCheckpoint(Path.of("/x/checkpoint.pt"), null));
    assertTrue(e.getMessage().contains("'checkpoint.pt'"), e.getMessage());
    ConfigException old = assertThrows(ConfigException.class,
        () -> Sam2Configs.forCheckpoint(Path.of("sam2_hiera_large.pt"), null));
    assertTrue(old.getMessage().contains("SAM 2.0"), old.getMessage());
    Path explicit = tmp.resolve("micro.yaml");
    Files.writeString(explicit, microYaml());
    assertEquals(8, Sam2Configs.forCheckpoint(Path.of("sam2.1_hiera_large.pt"), explicit).imageEncoder().trunk().embedDim());
  }
}
