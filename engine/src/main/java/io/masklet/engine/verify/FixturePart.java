package io.masklet.engine.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masklet.engine.modeling.Sam2Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One part of a fixture folder's verification (the image cases, the video script, ...): runs
 * the model on the folder's inputs and compares with its goldens.
 */
public interface FixturePart {
  /** The interaction script every part reads, in the fixture folder. */
  String CASES_FILE = "cases.json";

  /** Short name for the report ("image", "video"). */
  String name();

  /** This part's golden tensors file in the fixture folder ({@code image.safetensors}, ...). */
  String goldenFile();

  /** Whether {@code dir} holds this part's goldens (a folder may have only some parts). */
  default boolean appliesTo(Path dir) {
    return Files.isRegularFile(dir.resolve(goldenFile()));
  }

  /** Runs the part, reporting every comparison to {@code sink} as it is made; returns them all. */
  List<Comparison> verify(Sam2Model model, Path dir, Consumer<Comparison> sink) throws IOException;

  /** The parts' shared script file ({@code cases.json}), parsed; an error naming it if absent. */
  static JsonNode readCases(Path casesFile) throws IOException {
    if (!Files.isRegularFile(casesFile)) {
      throw new IOException(casesFile + ": not found");
    }
    return new ObjectMapper().readTree(casesFile.toFile());
  }
}
