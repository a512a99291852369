package io.masklet.engine.checkpoint;

/** A checkpoint does not fit the model: names the file and the first offending key. */
public class WeightBindingException extends IllegalArgumentException {
  public WeightBindingException(String message) {
    super(message);
  }

  public WeightBindingException(String message, Throwable cause) {
    super(message, cause);
  }
}
