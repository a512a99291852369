package io.masklet.engine.verify;

import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replays a golden fixture folder ({@code checkpoint.pt}, {@code config.yaml}, {@code cases.json}
 * and the {@code *.safetensors} goldens) on this engine and compares every output, part by part.
 * Works on any folder of that layout (other seeds, prompts or sizes).
 */
public final class FixtureVerifier {
  public static final String CHECKPOINT_FILE = "checkpoint.pt";
  public static final String CONFIG_FILE = "config.yaml";

  private final List<FixturePart> parts;

  public FixtureVerifier(List<FixturePart> parts) {
    this.parts = List.copyOf(parts);
  }

  /** The parts this engine verifies. */
  public static FixtureVerifier standard() {
    return new FixtureVerifier(List.of(new ImageFixturePart(), new VideoFixturePart()));
  }

  /** Outcome of a whole folder. */
  public record Summary(List<Comparison> comparisons) {
    public long passed() {
      return comparisons.stream().filter(Comparison::passed).count();
    }

    public long failed() {
      return comparisons.size() - passed();
    }

    public boolean allPassed() {
      return !comparisons.isEmpty() && failed() == 0;
    }
  }

  /**
   * Loads {@code dir}'s checkpoint with its config and runs every applicable part.
   *
   * @param partStarted told the name of each part before it runs
   * @param sink told every comparison as it is made
   * @throws IOException when the folder lacks a file or a file is unreadable; the message names it
   */
  public Summary verify(Path dir, Consumer<String> partStarted, Consumer<Comparison> sink)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException(dir + ": not a directory");
    }
    for (String f : List.of(CHECKPOINT_FILE, CONFIG_FILE)) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        throw new IOException(dir.resolve(f) + ": not found (a fixture folder holds "
            + CHECKPOINT_FILE + ", " + CONFIG_FILE + ", cases.json and the golden safetensors)");
      }
    }
    List<FixturePart> applicable = parts.stream().filter(p -> p.appliesTo(dir)).toList();
    if (applicable.isEmpty()) {
      throw new IOException(dir + ": no golden file of any known part ("
          + parts.stream().map(FixturePart::name).toList() + ")");
    }
    List<Comparison> all = new ArrayList<>();
    try (Sam2Model model = Sam2Models.load(dir.resolve(CHECKPOINT_FILE), dir.resolve(CONFIG_FILE))) {
      for (FixturePart part : applicable) {
        partStarted.accept(part.name());
        all.addAll(part.verify(model, dir, sink));
      }
    }
    return new Summary(all);
  }
}
