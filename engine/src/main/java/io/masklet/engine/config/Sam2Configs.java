package io.masklet.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    return parse(Files.readString(yaml, StandardCharsets.UTF_8), yaml.toString());
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
   * The config for {@code checkpoint}: {@code config} when given, otherwise the shipped SAM 2.1
   * config its file name denotes; a clear error when the name does not say.
   */
  public static Sam2Config forCheckpoint(Path checkpoint, Path config) throws IOException {
    if (config != null) {
      return read(config);
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
