package io.masklet.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's minor page-fault count, for benchmarks: a pass that faults in fresh pages (the
 * kernel zeroes each one) is not yet in the steady state an annotator's long session runs in.
 */
public final class PageFaults {
  private static final Path STAT = Path.of("/proc/self/stat");

  private PageFaults() {}

  /** Minor faults of this process so far, or -1 where {@code /proc/self/stat} is not readable. */
  public static long minor() {
    try {
      return parseMinor(Files.readString(STAT));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Field 10 (minflt) of a {@code /proc/<pid>/stat} line. The command name, field 2, is in
   * parentheses and may itself hold spaces and parentheses, so fields are counted after the last
   * ')'.
   */
  static long parseMinor(String stat) {
    String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // after[0] is field 3 (state), so field 10 is after[7]
    return Long.parseLong(after[7]);
  }
}
