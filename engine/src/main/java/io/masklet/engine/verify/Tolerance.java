package io.masklet.engine.verify;

/**
 * A golden-comparison tolerance from the fixtures README: float tensors pass when every element
 * satisfies {@code |got - want| <= atol + rtol * |want|}; binary masks when at least
 * {@code maskAgreement} of the pixels agree.
 */
public record Tolerance(double atol, double rtol, double maskAgreement) {
  /** Image-encoder features, IoU scores and low-res logits: atol 1e-3 + rtol 1e-3; masks 99.9 %. */
  public static final Tolerance IMAGE = new Tolerance(1e-3, 1e-3, 0.999);
  /** Video low-res logits through the interaction script: atol 1e-2 + rtol 1e-2; masks 99.9 %. */
  public static final Tolerance VIDEO = new Tolerance(1e-2, 1e-2, 0.999);

  /** Compares two float arrays of one tensor named {@code name}. */
  public Comparison compare(String name, float[] got, float[] want) {
    if (got.length != want.length) {
      return Comparison.shapeMismatch(name, got.length, want.length);
    }
    double maxAbs = 0;
    boolean ok = true;
    for (int i = 0; i < got.length; i++) {
      double d = Math.abs((double) got[i] - want[i]);
      if (!(d <= atol + rtol * Math.abs(want[i]))) { // also false for NaN
        ok = false;
      }
      if (!(d <= maxAbs)) {
        maxAbs = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
      }
    }
    return new Comparison(name, maxAbs, Double.NaN, ok, null);
  }

  /** Compares two binary masks (non-zero = inside) by the fraction of agreeing pixels. */
  public Comparison compareMask(String name, byte[] got, byte[] want) {
    if (got.length != want.length) {
      return Comparison.shapeMismatch(name, got.length, want.length);
    }
    long agree = 0;
    for (int i = 0; i < got.length; i++) {
      if ((got[i] != 0) == (want[i] != 0)) {
        agree++;
      }
    }
    double fraction = got.length == 0 ? 1.0 : (double) agree / got.length;
    double maxAbs = agree == got.length ? 0 : 1;
    return new Comparison(name, maxAbs, fraction, fraction >= maskAgreement, null);
  }
}
