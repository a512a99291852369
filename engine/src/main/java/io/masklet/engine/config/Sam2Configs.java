package io.masklet.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reading model configs: any official-format YAML file, the four shipped SAM 2.1 configs, and
 * the choice of a shipped config from a checkpoint's file name when the user gives none.
 */
public final class Sam2Configs {
  private static final String RESOURCE_DIR = "/io/masklet/engine/configs/";
  // sam2.1_hiera_tiny.pt, sam2.1_hiera_t.safetensors, sam2.1-hiera-base-plus, sam2.1_hiera_b+ ...
  private static final Pattern SIZE = Pattern.compile(
      "hiera[_-](tiny|t|small|s|base[_-]?plus|b\\+|large|l)(?![a-z0-9])");
  private static final Pattern SAM2_0 = Pattern.compile("sam2[_-]hiera");

  private Sam2Configs() {}

  /** The four official SAM 2.1 sizes and their shipped config files. */
  public enum OfficialModel {
    TINY("t"),
    SMALL("s"),
    BASE_PLUS("b+"),
    LARGE("l");

    private final String shortName;

    OfficialModel(String shortName) {
      this.shortName = shortName;
    }

    /** The official short name: t, s, b+ or l. */
    public String shortName() {
      return shortName;
    }

    public String configFileName() {
      return "sam2.1_hiera_" + shortName + ".yaml";
    }

    /** The official YAML text as shipped in the engine's resources. */
    public String yaml() {
      String resource = RESOURCE_DIR + configFileName();
      try (InputStream in = Sam2Configs.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("engine resource " + resource + " is missing from the build");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read engine resource " + resource, e);
      }
    }

    /** The parsed shipped config (plain YAML, without the builders' overrides; see {@link OfficialBuild}). */
    public Sam2Config config() {
      return parse(yaml(), configFileName());
    }

    /** Parses t, s, b+, l (also tiny, small, base_plus, large); empty if none matches. */
    public static Optional<OfficialModel> byName(String name) {
      return switch (name.toLowerCase(Locale.ROOT).replace('-', '_')) {
        case "t", "tiny" -> Optional.of(TINY);
        case "s", "small" -> Optional.of(SMALL);
        case "b+", "base_plus", "baseplus", "b" -> Optional.of(BASE_PLUS);
        case "l", "large" -> Optional.of(LARGE);
        default -> Optional.empty();
      };
    }
  }

  /** Parses a YAML config file. */
  public static Sam2Config read(Path yaml) throws IOException {
    String text;
    try {
      text = Files.readString(yaml, StandardCharsets.UTF_8);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new ConfigException(yaml + " is not a YAML config (binary content; a checkpoint "
          + "given as the config?)", e);
    }
    return parse(text, yaml.toString());
  }

  /**
   * The config for a checkpoint whose file name does not name an official size: a YAML file
   * with the checkpoint's stem, or the only YAML file in its folder (how the fixtures and
   * fine-tuned models are usually shipped). Null leaves the choice to the file name.
   */
  public static Path configNextTo(Path checkpoint) throws IOException {
    String name = checkpoint.getFileName().toString();
    int dot = name.lastIndexOf('.');
    Path dir = checkpoint.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return null;
    }
    Path same = dir.resolve((dot > 0 ? name.substring(0, dot) : name) + ".yaml");
    if (Files.isRegularFile(same)) {
      return same;
    }
    if (modelFromCheckpointName(name).isPresent()) {
      return null;
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> yamls = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).toList();
      return yamls.size() == 1 ? yamls.get(0) : null;
    }
  }

  /** Parses YAML text; {@code source} names it in error messages. */
  public static Sam2Config parse(String yamlText, String source) {
    return Sam2ConfigParser.parse(yamlText, source);
  }

  /**
   * The official model a checkpoint file name denotes ({@code sam2.1_hiera_tiny.pt} → TINY,
   * {@code sam2.1_hiera_b+.safetensors} → BASE_PLUS, ...), if the name says.
   */
  public static Optional<OfficialModel> modelFromCheckpointName(String fileName) {
    Matcher m = SIZE.matcher(fileName.toLowerCase(Locale.ROOT));
    return m.find() ? OfficialModel.byName(m.group(1)) : Optional.empty();
  }

  /**
   * The config for {@code checkpoint}: {@code config} when given, else a YAML next to it (see
   * {@link #configNextTo}), else the shipped SAM 2.1 config its file name denotes; a clear error
   * when none says.
   */
  public static Sam2Config forCheckpoint(Path checkpoint, Path config) throws IOException {
    if (config != null) {
      return read(config);
    }
    Path next = configNextTo(checkpoint);
    if (next != null) {
      return read(next);
    }
    String name = checkpoint.getFileName().toString();
    Optional<OfficialModel> model = modelFromCheckpointName(name);
    if (model.isEmpty()) {
      throw new ConfigException("cannot tell the model size from the checkpoint name '" + name
          + "'; give a config file (official YAML) or use a name like sam2.1_hiera_tiny.pt");
    }
    if (SAM2_0.matcher(name.toLowerCase(Locale.ROOT)).find()) {
      throw new ConfigException("'" + name + "' looks like a SAM 2.0 checkpoint; only SAM 2.1 configs are shipped,"
          + " so give its official YAML config explicitly");
    }
    return model.get().config();
  }
}
