package io.masklet.model.io;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Streams JSON exactly as Python's {@code json.dump(obj, f)} prints it with default settings:
 * separators {@code ", "} and {@code ": "}, no indentation, non-ASCII escaped as lowercase
 * {@code \\uXXXX}, and floats in {@code repr} form ({@code 483.0}, {@code 1e-05}). Files made
 * by Python tools (SA-V) therefore round-trip byte for byte.
 */
public final class PythonJsonWriter {
  private final Writer out;
  // per open container: has it got an element yet?
  private final Deque<boolean[]> stack = new ArrayDeque<>();
  private boolean afterKey;

  public PythonJsonWriter(Writer out) {
    this.out = out;
  }

  private void beforeValue() throws IOException {
    if (afterKey) {
      afterKey = false;
      return;
    }
    boolean[] top = stack.peek();
    if (top != null) {
      if (top[0]) {
        out.write(", ");
      }
      top[0] = true;
    }
  }

  public PythonJsonWriter beginObject() throws IOException {
    beforeValue();
    out.write('{');
    stack.push(new boolean[1]);
    return this;
  }

  public PythonJsonWriter endObject() throws IOException {
    stack.pop();
    out.write('}');
    return this;
  }

  public PythonJsonWriter beginArray() throws IOException {
    beforeValue();
    out.write('[');
    stack.push(new boolean[1]);
    return this;
  }

  public PythonJsonWriter endArray() throws IOException {
    stack.pop();
    out.write(']');
    return this;
  }

  public PythonJsonWriter key(String name) throws IOException {
    beforeValue();
    writeString(name);
    out.write(": ");
    afterKey = true;
    return this;
  }

  public PythonJsonWriter value(String s) throws IOException {
    beforeValue();
    if (s == null) {
      out.write("null");
    } else {
      writeString(s);
    }
    return this;
  }

  public PythonJsonWriter value(long v) throws IOException {
    beforeValue();
    out.write(Long.toString(v));
    return this;
  }

  /** A Python float. */
  public PythonJsonWriter value(double v) throws IOException {
    beforeValue();
    out.write(floatRepr(v));
    return this;
  }

  public PythonJsonWriter nullValue() throws IOException {
    beforeValue();
    out.write("null");
    return this;
  }

  public PythonJsonWriter value(boolean b) throws IOException {
    beforeValue();
    out.write(b ? "true" : "false");
    return this;
  }

  private void writeString(String s) throws IOException {
    out.write('"');
    // runs of characters that need no escape (all of an RLE counts string) go out in one call
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape = switch (c) {
        case '"' -> "\\\"";
        case '\\' -> "\\\\";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\t' -> "\\t";
        case '\b' -> "\\b";
        case '\f' -> "\\f";
        default -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : null;
      };
      if (escape != null) {
        out.write(s, run, i - run);
        out.write(escape);
        run = i + 1;
      }
    }
    out.write(s, run, s.length() - run);
    out.write('"');
  }

  /**
   * Python's {@code repr(float)}: the shortest digits that read back to the same double (what
   * Java's {@code Double.toString} also finds), printed in fixed notation when the decimal
   * exponent is in [-4, 16), otherwise as {@code d.ddde±XX}.
   */
  public static String floatRepr(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0.0" : "0.0";
    }
    double a = Math.abs(v);
    BigDecimal bd = new BigDecimal(Double.toString(a)).stripTrailingZeros();
    if (bd.precision() == 2) {
      bd = oneDigitIfExact(a, bd);
    }
    String digits = bd.unscaledValue().toString();
    int decpt = digits.length() - bd.scale(); // value = 0.digits × 10^decpt
    StringBuilder sb = new StringBuilder(v < 0 ? "-" : "");
    if (decpt <= -4 || decpt > 16) {
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      int exp = decpt - 1;
      sb.append('e').append(exp < 0 ? '-' : '+');
      int e = Math.abs(exp);
      if (e < 10) {
        sb.append('0');
      }
      sb.append(e);
    } else if (decpt <= 0) {
      sb.append("0.").append("0".repeat(-decpt)).append(digits);
    } else if (decpt < digits.length()) {
      sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
    } else {
      sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
    }
    return sb.toString();
  }

  /**
   * Java prints at least two significant digits ({@code 4.9E-324}) where Python's shortest
   * repr may need one ({@code 5e-324}): use a one-digit decimal when it reads back as the same
   * double, preferring the one nearer the exact value.
   */
  private static BigDecimal oneDigitIfExact(double a, BigDecimal twoDigits) {
    java.math.MathContext one = new java.math.MathContext(1, java.math.RoundingMode.FLOOR);
    BigDecimal down = twoDigits.round(one);
    BigDecimal up = twoDigits.round(new java.math.MathContext(1, java.math.RoundingMode.CEILING));
    BigDecimal exact = new BigDecimal(a);
    BigDecimal best = null;
    for (BigDecimal c : new BigDecimal[] {down, up}) {
      if (Double.parseDouble(c.toString()) == a
          && (best == null || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
        best = c;
      }
    }
    return best == null ? twoDigits : best.stripTrailingZeros();
  }
}
