package io.masklet.engine.modeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.masklet.engine.checkpoint.WeightBindingException;
import io.masklet.engine.config.ConfigException;
import io.masklet.engine.config.Sam2Configs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Sam2ModelsTest {
  private static Path micro() {
    Path dir = Path.of(System.getProperty("masklet.shared"), "fixtures", "sam2.1_hiera_micro");
    assumeTrue(Files.isRegularFile(dir.resolve("checkpoint.pt")), "micro fixture absent: " + dir);
    return dir;
  }

  @Test
  void loadsACheckpointWithItsConfigAndBindsEveryParameter() throws Exception {
    Path dir = micro();
    try (Sam2Model model = Sam2Models.load(dir.resolve("checkpoint.pt"), dir.resolve("config.yaml"))) {
      assertEquals(256, model.net().imageSize());
      assertEquals(model.weights().size(), model.net().parameterShapes().size());
      // the official builders' overrides are applied on top of the YAML
      assertTrue(model.config().samMaskDecoderExtraArgs().dynamicMultimaskViaStability());
      assertTrue(model.config().binarizeMaskFromPtsForMemEnc());
    }
  }

  @Test
  void aCheckpointNameThatDoesNotTellTheSizeNeedsAConfig() {
    Path dir = micro();
    ConfigException e = assertThrows(ConfigException.class,
        () -> Sam2Models.load(dir.resolve("checkpoint.pt"), (Path) null));
    assertTrue(e.getMessage().contains("checkpoint.pt"), e.getMessage());
  }

  @Test
  void aCheckpointOfAnotherSizeIsRejectedNamingAKey() {
    Path dir = micro();
    WeightBindingException e = assertThrows(WeightBindingException.class,
        () -> Sam2Models.load(dir.resolve("checkpoint.pt"),
            Sam2Configs.OfficialModel.TINY.config()));
    assertTrue(e.getMessage().contains("checkpoint.pt") && e.getMessage().contains("'"),
        e.getMessage());
  }
}
