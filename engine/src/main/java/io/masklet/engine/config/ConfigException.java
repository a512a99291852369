package io.masklet.engine.config;

/** A model config is malformed or uses a key/target this engine does not know; names file and path. */
public class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
