package io.masklet.model.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that cannot be read as the expected format. The message names the file, where in it
 * the problem is (a line/column, a JSON path such as {@code masklets[2].frames[7].counts}, a
 * frame) and what is wrong, so the command line can print it as a one-line error.
 */
public class FormatException extends IOException {
  private final transient Path file;
  private final String where;

  public FormatException(Path file, String where, String problem) {
    this(file, where, problem, null);
  }

  public FormatException(Path file, String where, String problem, Throwable cause) {
    super(file + (where == null || where.isEmpty() ? "" : ": " + where) + ": " + problem, cause);
    this.file = file;
    this.where = where;
  }

  /** The file that failed to read. */
  public Path file() {
    return file;
  }

  /** Position of the fault inside the file (line/column or JSON path); may be empty. */
  public String where() {
    return where;
  }
}
