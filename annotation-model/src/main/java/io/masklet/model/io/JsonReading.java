package io.masklet.model.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads JSON files into trees, or for files too large for one tree as a stream of small trees
 * ({@link #parser}), and pulls typed, required fields out of them; every failure is a
 * {@link FormatException} naming the file and the JSON path (or the line and column of a syntax
 * error, e.g. a truncated file).
 */
public final class JsonReading {
  /**
   * Text after the first JSON value is an error rather than ignored: a file with two documents
   * pasted together, or a save appended to an older one, must not load as whichever came first.
   */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  /**
   * For {@link #parser}: without the trailing-token check, which would look past every small
   * tree read from the stream (the caller checks the end with {@link #expectEnd}), and leaving
   * the input open so that a caller can read the file a second time from the same channel.
   */
  private static final ObjectMapper STREAM_MAPPER = new ObjectMapper(
      JsonFactory.builder().disable(StreamReadFeature.AUTO_CLOSE_SOURCE).build());
  private static final String TRAILING =
      "more content after the end of the JSON (a file holds one JSON value)";

  private final Path file;

  public JsonReading(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  /** Parses the whole file; syntax errors report line and column. */
  public JsonNode parse() throws IOException {
    requireFile();
    try (InputStream in = Files.newInputStream(file)) {
      JsonNode root = MAPPER.readTree(in);
      if (root == null || root.isMissingNode()) {
        throw emptyFile();
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(e);
    }
  }

  /** The file opened for one or more passes of {@link #parser}. */
  public FileChannel openChannel() throws IOException {
    requireFile();
    return FileChannel.open(file);
  }

  /**
   * A parser over {@code in} (the file's content) for reading it token by token, with small
   * values as trees ({@link JsonParser#readValueAsTree}, typed as by {@link #parse}); it leaves
   * {@code in} open. Its {@link JsonProcessingException}s become this file's errors through
   * {@link #syntaxError}, and the caller ends with {@link #expectEnd}.
   */
  public JsonParser parser(InputStream in) throws IOException {
    return STREAM_MAPPER.createParser(in);
  }

  /** Refuses anything after the top-level value that {@code p} has just finished, as parse(). */
  public void expectEnd(JsonParser p) throws IOException {
    if (p.nextToken() != null) {
      throw new FormatException(file, where(p.currentTokenLocation()), TRAILING);
    }
  }

  /** A file with no JSON value at all. */
  public FormatException emptyFile() {
    return new FormatException(file, "line 1", "file is empty");
  }

  /** A syntax error (or a trailing value, as parse() finds it) with its line and column. */
  public FormatException syntaxError(JsonProcessingException e) {
    String why = String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")
        ? TRAILING
        : "not valid JSON (" + e.getOriginalMessage() + ")";
    return new FormatException(file, where(e.getLocation()), why, e);
  }

  private static String where(JsonLocation loc) {
    return loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private void requireFile() throws NoSuchFileException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "file not found");
    }
  }

  public FormatException error(String path, String problem) {
    return new FormatException(file, path, problem);
  }

  public JsonNode field(JsonNode obj, String key, String path) throws FormatException {
    if (obj == null || !obj.isObject()) {
      throw expectedObject(path);
    }
    JsonNode v = obj.get(key);
    if (v == null || v.isNull()) {
      throw error(join(path, key), "missing");
    }
    return v;
  }

  /** What {@link #field} says when the value at {@code path} is not an object. */
  public FormatException expectedObject(String path) {
    return error(path, "expected an object");
  }

  public JsonNode optional(JsonNode obj, String key) {
    JsonNode v = obj.get(key);
    return v == null || v.isNull() ? null : v;
  }

  public JsonNode array(JsonNode obj, String key, String path) throws FormatException {
    JsonNode v = field(obj, key, path);
    if (!v.isArray()) {
      throw error(join(path, key), "expected an array, found " + kind(v));
    }
    return v;
  }

  public String text(JsonNode obj, String key, String path) throws FormatException {
    JsonNode v = field(obj, key, path);
    if (!v.isTextual()) {
      throw error(join(path, key), "expected a string, found " + kind(v));
    }
    return v.asText();
  }

  public int integer(JsonNode obj, String key, String path) throws FormatException {
    JsonNode v = field(obj, key, path);
    // the path is spelt out only for asInt's slow path: this runs for every number of a file
    return isInt(v) ? v.intValue() : asInt(v, join(path, key));
  }

  public int asInt(JsonNode v, String path) throws FormatException {
    if (isInt(v)) {
      return v.intValue();
    }
    if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) {
      return (int) v.doubleValue(); // Python writes some counts as floats (483.0)
    }
    throw error(path, "expected an integer, found " + kind(v) + " " + v);
  }

  /** Like {@link #asInt} for ids that may exceed an {@code int} (COCO annotation ids). */
  public long asLong(JsonNode v, String path) throws FormatException {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    // 2^53: beyond it a double no longer holds every integer
    if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())
        && Math.abs(v.doubleValue()) <= 9007199254740992.0) {
      return (long) v.doubleValue();
    }
    throw error(path, "expected an integer, found " + kind(v) + " " + v);
  }

  public double number(JsonNode obj, String key, String path) throws FormatException {
    JsonNode v = field(obj, key, path);
    if (!v.isNumber()) {
      throw error(join(path, key), "expected a number, found " + kind(v));
    }
    return v.doubleValue();
  }

  public boolean bool(JsonNode obj, String key, String path) throws FormatException {
    JsonNode v = field(obj, key, path);
    if (!v.isBoolean()) {
      throw error(join(path, key), "expected true/false, found " + kind(v));
    }
    return v.booleanValue();
  }

  public <E extends Enum<E>> E enumValue(JsonNode obj, String key, String path, Class<E> type)
      throws FormatException {
    String s = text(obj, key, path);
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw error(join(path, key), "unknown value \"" + s + "\", expected one of "
          + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }

  /** A COCO RLE object {@code {"size": [h, w], "counts": "..."}} (compressed string form). */
  public Rle rle(JsonNode node, String path) throws FormatException {
    JsonNode size = field(node, "size", path);
    if (!size.isArray() || size.size() != 2) {
      throw error(join(path, "size"), "expected [height, width]");
    }
    int h = element(size, 0, path, "size");
    int w = element(size, 1, path, "size");
    JsonNode counts = field(node, "counts", path);
    try {
      if (counts.isTextual()) {
        return Rle.fromString(h, w, counts.asText());
      }
      if (counts.isArray()) { // uncompressed COCO RLE
        int[] c = new int[counts.size()];
        for (int i = 0; i < c.length; i++) {
          c[i] = element(counts, i, path, "counts");
        }
        return new Rle(h, w, c);
      }
    } catch (IllegalArgumentException e) {
      throw error(join(path, "counts"), e.getMessage());
    }
    throw error(join(path, "counts"), "expected a string or an array, found " + kind(counts));
  }

  /** Integer {@code i} of the array under {@code key}; the path spelt out only when it is not. */
  private int element(JsonNode array, int i, String path, String key) throws FormatException {
    JsonNode v = array.get(i);
    return isInt(v) ? v.intValue() : asInt(v, join(path, key) + "[" + i + "]");
  }

  private static boolean isInt(JsonNode v) {
    return v.isIntegralNumber() && v.canConvertToInt();
  }

  public static String join(String path, String key) {
    return path == null || path.isEmpty() ? key : path + "." + key;
  }

  private static String kind(JsonNode v) {
    JsonNodeType t = v.getNodeType();
    return t.name().toLowerCase(java.util.Locale.ROOT);
  }
}
