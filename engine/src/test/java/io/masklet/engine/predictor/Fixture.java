package io.masklet.engine.predictor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.checkpoint.CheckpointLoader;
import io.masklet.engine.checkpoint.StateDict;
import io.masklet.engine.modeling.sam.MaskDecoder;
import io.masklet.engine.modeling.sam.MaskDecoderOptions;
import io.masklet.engine.modeling.sam.PromptEncoder;
import io.masklet.engine.nn.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test access to ../shared/fixtures/NAME (skips the test when the folder is absent). */
final class Fixture {
  private Fixture() {}

  static Path dir(String name) {
    String shared = System.getProperty("masklet.shared");
    assumeTrue(shared != null, "system property masklet.shared is not set");
    Path dir = Path.of(shared, "fixtures", name);
    assumeTrue(Files.isRegularFile(dir.resolve("image.safetensors"))
        && Files.isRegularFile(dir.resolve("checkpoint.pt")), "fixture " + dir + " is absent");
    return dir;
  }

  static JsonNode cases(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("cases.json").toFile());
  }

  /**
   * The SAM heads alone (sam_prompt_encoder + sam_mask_decoder children, as in SAM2Base), bound
   * to those keys of a full checkpoint: lets the decoder be tested on the fixture's features
   * without the image encoder.
   */
  static final class SamHeads extends Module implements SamImageModel {
    final PromptEncoder promptEncoder;
    final MaskDecoder maskDecoder;
    final int imageSize;

    SamHeads(int hiddenDim, int imageSize) {
      this.imageSize = imageSize;
      this.promptEncoder = child("sam_prompt_encoder", PromptEncoder.forSam2(hiddenDim, imageSize, 16));
      this.maskDecoder = child("sam_mask_decoder", MaskDecoder.forSam2(hiddenDim, MaskDecoderOptions.sam21()));
    }

    /** Loads the checkpoint and binds the sam_* keys; the returned dict owns the weights. */
    StateDict loadFrom(Path checkpoint) throws IOException {
      StateDict full = CheckpointLoader.load(checkpoint);
      Map<String, NDArray> mine = new LinkedHashMap<>();
      for (String k : full.keys()) {
        if (k.startsWith("sam_prompt_encoder.") || k.startsWith("sam_mask_decoder.")) {
          mine.put(k, full.get(k));
        }
      }
      // a view sharing the full dict's arrays; closing `full` frees them
      load(new StateDict(full.source(), full.manager().newSubManager(), mine));
      return full;
    }

    @Override
    public int imageSize() {
      return imageSize;
    }

    @Override
    public PromptEncoder promptEncoder() {
      return promptEncoder;
    }

    @Override
    public MaskDecoder maskDecoder() {
      return maskDecoder;
    }

    @Override
    public ImageFeatures encodeImage(NDArray input) {
      throw new UnsupportedOperationException("the SAM heads have no image encoder");
    }
  }

  static NDManager manager() {
    return NDManager.newBaseManager("PyTorch");
  }
}
