package io.masklet.app.cli.checkpoints;

import io.masklet.app.cli.UserInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The four SAM 2.1 checkpoints Meta publishes, with the short name users type ({@code t}, {@code
 * s}, {@code b+}, {@code l}), the file name Meta serves and the official config that builds them.
 */
public enum OfficialCheckpoint {
  TINY("t", "tiny", "sam2.1_hiera_tiny.pt", "sam2.1_hiera_t.yaml"),
  SMALL("s", "small", "sam2.1_hiera_small.pt", "sam2.1_hiera_s.yaml"),
  BASE_PLUS("b+", "base_plus", "sam2.1_hiera_base_plus.pt", "sam2.1_hiera_b+.yaml"),
  LARGE("l", "large", "sam2.1_hiera_large.pt", "sam2.1_hiera_l.yaml");

  /** Where Meta serves the SAM 2.1 release (2024-09-28); the file name is appended. */
  public static final String META_BASE_URL =
      "https://dl.fbaipublicfiles.com/segment_anything_2/092824/";

  private final String shortName;
  private final String longName;
  private final String fileName;
  private final String configName;

  OfficialCheckpoint(String shortName, String longName, String fileName, String configName) {
    this.shortName = shortName;
    this.longName = longName;
    this.fileName = fileName;
    this.configName = configName;
  }

  public String shortName() {
    return shortName;
  }

  public String fileName() {
    return fileName;
  }

  public String configName() {
    return configName;
  }

  /** Accepts the short name ({@code b+}) or the long one ({@code base_plus}, {@code base-plus}). */
  public static OfficialCheckpoint parse(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
    for (OfficialCheckpoint c : values()) {
      if (c.shortName.equals(n) || c.longName.equals(n)) {
        return c;
      }
    }
    throw new UserInputException(
        "unknown checkpoint size '" + name + "': expected one of " + names());
  }

  static String names() {
    return Arrays.stream(values()).map(c -> c.shortName).collect(Collectors.joining(", "));
  }

  public static List<OfficialCheckpoint> all() {
    return List.of(values());
  }
}
