package io.masklet.engine.verify;

import java.util.Locale;

/**
 * The outcome of comparing one computed tensor with its golden value.
 *
 * @param tensor the golden tensor's name (e.g. {@code box.low_res_logits})
 * @param maxAbsError largest absolute difference (for masks 0 or 1)
 * @param agreement fraction of agreeing pixels for masks, NaN for float tensors
 * @param passed within the tolerance
 * @param problem why it could not be compared (shape mismatch, missing tensor), else null
 */
public record Comparison(String tensor, double maxAbsError, double agreement, boolean passed,
    String problem) {

  static Comparison shapeMismatch(String name, long got, long want) {
    return new Comparison(name, Double.POSITIVE_INFINITY, Double.NaN, false,
        "computed " + got + " values but the golden tensor has " + want);
  }

  public static Comparison failure(String name, String problem) {
    return new Comparison(name, Double.POSITIVE_INFINITY, Double.NaN, false, problem);
  }

  /** One report line: name, max abs error, agreement for masks, verdict. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(passed ? "PASS " : "FAIL ").append(tensor);
    if (problem != null) {
      return sb.append(": ").append(problem).toString();
    }
    sb.append(String.format(Locale.ROOT, "  max_abs_err=%.3g", maxAbsError));
    if (!Double.isNaN(agreement)) {
      sb.append(String.format(Locale.ROOT, "  agreement=%.5f%%", agreement * 100));
    }
    return sb.toString();
  }
}
