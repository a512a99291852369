package io.masklet.model.rle;

/**
 * pycocotools' compressed counts text: each count (after the third, as the difference to the
 * count two places earlier) is written as signed 5-bit groups, low group first, each group
 * stored in one character {@code '0' + group} with bit 0x20 meaning "more groups follow" and bit
 * 0x10 of the last group being the sign.
 */
final class RleStrings {
  private RleStrings() {}

  static String encode(int[] counts) {
    StringBuilder sb = new StringBuilder(counts.length * 2);
    for (int i = 0; i < counts.length; i++) {
      long x = counts[i];
      if (i > 2) {
        x -= counts[i - 2];
      }
      boolean more = true;
      while (more) {
        int c = (int) (x & 0x1f);
        x >>= 5;
        more = (c & 0x10) != 0 ? x != -1 : x != 0;
        if (more) {
          c |= 0x20;
        }
        sb.append((char) (c + 48));
      }
    }
    return sb.toString();
  }

  static int[] decode(String s) {
    int n = s.length();
    // sized by the characters that end a number (more-bit clear), exactly the count for a valid
    // string: sized by the string's length, the arrays took four bytes per character (on
    // loading a project, its whole mask text over again) and a copy to trim each
    int ends = 0;
    for (int i = 0; i < n; i++) {
      if (((s.charAt(i) - 48) & 0x20) == 0) {
        ends++;
      }
    }
    int[] counts = new int[ends];
    int m = 0;
    int p = 0;
    while (p < n) {
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        if (p >= n) {
          throw new IllegalArgumentException("RLE counts string ends inside a number (char " + p + ")");
        }
        int ch = s.charAt(p);
        int c = ch - 48;
        if (c < 0 || c > 63) {
          throw new IllegalArgumentException("RLE counts string has invalid char '" + (char) ch
              + "' at " + p);
        }
        if (k >= 7) {
          throw new IllegalArgumentException("RLE counts string has an over-long number at char " + p);
        }
        x |= (long) (c & 0x1f) << (5 * k);
        more = (c & 0x20) != 0;
        p++;
        k++;
        if (!more && (c & 0x10) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += counts[m - 2];
      }
      if (x < 0 || x > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("RLE counts string gives invalid count " + x
            + " for run " + m + " (ending at char " + p + ")");
      }
      counts[m++] = (int) x;
    }
    return counts; // full: every character was read, and one that is no digit threw
  }
}
