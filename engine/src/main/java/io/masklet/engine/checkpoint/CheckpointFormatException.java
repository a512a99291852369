package io.masklet.engine.checkpoint;

import java.io.IOException;

/**
 * A checkpoint or tensor file is malformed, truncated, unsafe or uses something this reader
 * does not support. The message names the file and the offending entry, key or global.
 */
public class CheckpointFormatException extends IOException {
  public CheckpointFormatException(String message) {
    super(message);
  }

  public CheckpointFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
