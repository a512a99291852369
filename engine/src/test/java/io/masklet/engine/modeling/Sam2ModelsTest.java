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
import org.junit.jupiter.api.io.TempDir;

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
  void aCheckpointNameThatDoesNotTellTheSizeNeedsAConfig(@TempDir Path tmp) throws Exception {
    // alone in its folder: no YAML beside it to take as its config
    Path alone = Files.copy(micro().resolve("checkpoint.pt"), tmp.resolve("checkpoint.pt"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> Sam2Models.load(alone, (Path) null));
    assertTrue(e.getMessage().contains("checkpoint.pt"), e.getMessage());
  }

  @Test
  void theOnlyYamlBesideACheckpointIsItsConfig() throws Exception {
    try (Sam2Model model = Sam2Models.load(micro().resolve("checkpoint.pt"), (Path) null)) {
      assertEquals(256, model.net().imageSize());
    }
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
