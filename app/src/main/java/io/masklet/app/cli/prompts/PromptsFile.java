package io.masklet.app.cli.prompts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.masklet.app.cli.UserInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The prompts file of {@code masklet propagate}: per object, prompts on one or more frames, in
 * pixel coordinates of the original video.
 *
 * <pre>{"objects": [{"id": 1, "label": "cup", "prompts": [{"frame": 0, "points": [[x, y]],
 *   "labels": [1], "box": [x0, y0, x1, y1], "mask": "mask.png"}]}]}</pre>
 *
 * Each of {@code points}, {@code box}, {@code mask} is optional but a prompt needs at least one;
 * {@code labels} (1 positive, 0 negative) defaults to all positive. {@code mask} is a path
 * relative to the prompts file. Parsing checks the structure; {@link #checkAgainst} checks
 * frame indexes and coordinates against the video.
 */
public record PromptsFile(List<ObjectPrompts> objects) {

  /** One object to track. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ObjectPrompts(Integer id, String label, List<FramePrompt> prompts) {}

  /** The prompts of one object on one frame. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FramePrompt(
      Integer frame, double[][] points, int[] labels, double[] box, String mask) {

    /** Point labels, defaulting to positive clicks. */
    public int[] effectiveLabels() {
      if (labels != null) {
        return labels;
      }
      int[] l = new int[points == null ? 0 : points.length];
      java.util.Arrays.fill(l, 1);
      return l;
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          // frame 0.5 or id 2.0 is a mistake in the file, not frame 0 or object 2
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          // a second object or stray text after the first is not silently ignored
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Reads and structurally validates a prompts file; errors name the file and the object, and
   * JSON errors say where in the file ({@code line L, column C}) and what is wrong in plain
   * words (no parser internals).
   */
  public static PromptsFile read(Path file) {
    PromptsFile p;
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException ex) {
      throw new UserInputException("prompts file " + file + " does not exist");
    } catch (AccessDeniedException ex) {
      throw new UserInputException("cannot read prompts file " + file + ": permission denied", ex);
    } catch (IOException ex) {
      throw new UserInputException("cannot read prompts file " + file + ": " + ex.getMessage(), ex);
    }
    try (JsonParser parser = JSON.createParser(bytes)) {
      try {
        p = JSON.readValue(parser, PromptsFile.class);
      } catch (JsonProcessingException ex) {
        // still open: the error message takes the offending value from the parser
        throw new UserInputException("prompts file " + file + ": " + jsonError(ex, bytes), ex);
      }
    } catch (IOException ex) {
      throw new UserInputException("cannot read prompts file " + file + ": " + ex.getMessage(), ex);
    }
    p.validate(file);
    return p;
  }

  private static final String EMPTY = "the file is empty";

  /** {@code line L, column C: <field>: <reason>} for a JSON syntax or structure error. */
  static String jsonError(JsonProcessingException ex, byte[] content) {
    JsonLocation loc = ex.getLocation();
    String where = loc == null || loc.getLineNr() <= 0 ? ""
        : "line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ";
    List<JsonMappingException.Reference> path =
        ex instanceof JsonMappingException m ? m.getPath() : List.of();
    // Syntax errors met while mapping arrive wrapped, with the field they were in.
    JsonProcessingException why =
        ex instanceof JsonMappingException && ex.getCause() instanceof StreamReadException s ? s : ex;
    String reason = switch (why) {
      case UnrecognizedPropertyException u -> {
        path = path.isEmpty() ? path : path.subList(0, path.size() - 1);
        List<String> known = new ArrayList<>();
        if (u.getKnownPropertyIds() != null) {
          u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
        }
        known.sort(null);
        yield "unknown field \"" + u.getPropertyName() + "\""
            + (known.isEmpty() ? "" : " (known fields: " + String.join(", ", known) + ")");
      }
      case InvalidFormatException f -> "expected " + expected(f.getTargetType(), false)
          + ", found " + shown(f.getValue());
      case MismatchedInputException m when String.valueOf(m.getOriginalMessage())
          .startsWith("No content to map") -> EMPTY;
      case MismatchedInputException m when String.valueOf(m.getOriginalMessage())
          .startsWith("Trailing token") -> {
        path = List.of();
        yield "more content after the end of the JSON (one object {...} per file)";
      }
      case MismatchedInputException m -> "expected " + expected(m.getTargetType(),
          currentToken(m) == JsonToken.VALUE_NULL) + ", found " + found(m);
      case InputCoercionException c -> "the number " + text(c) + " is out of range"
          + (c.getTargetType() == Integer.TYPE || c.getTargetType() == Integer.class
              ? " (whole numbers here go up to " + Integer.MAX_VALUE + ")" : "");
      case JsonEOFException e when ex != e && isJson(content) -> {
        // Jackson 2.20 reads a string given for double[] as base64 and, when that fails,
        // reports an end of input (at the end of the file) that is not there: the file is
        // complete, the value at the path is of the wrong kind
        where = "";
        yield "expected a list of numbers, found a string";
      }
      case JsonEOFException e -> "the file ends before the JSON is complete (a closing } or ] "
          + "or a quote is missing)";
      default -> "not valid JSON: " + syntax(why.getOriginalMessage());
    };
    if (reason.equals(EMPTY)) {
      return reason;
    }
    String field = fieldPath(path);
    return where + (field.isEmpty() ? "" : field + ": ") + reason;
  }

  private static boolean isJson(byte[] content) {
    try {
      JSON.readTree(content);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** {@code objects[0].prompts[1].points[0]}; empty at the top level. */
  private static String fieldPath(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /**
   * What a field of {@code type} holds, in the prompts file's terms; {@code nullFound}: a null
   * in a list of numbers is reported against the list's type, but an element is wrong.
   */
  private static String expected(Class<?> type, boolean nullFound) {
    if (type != null && nullFound && type.isArray() && type.getComponentType().isPrimitive()) {
      type = type.getComponentType();
    }
    if (type == null) {
      return "a value";
    }
    if (type == Integer.class || type == Integer.TYPE || type == Long.class || type == Long.TYPE) {
      return "a whole number";
    }
    if (type == Double.class || type == Double.TYPE || type == Float.class || type == Float.TYPE) {
      return "a number";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == double[][].class) {
      return "a list of [x, y] points";
    }
    if (type == double[].class) {
      return "a list of numbers";
    }
    if (type == int[].class) {
      return "a list of whole numbers";
    }
    if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == PromptsFile.class) {
      return "an object {\"objects\": [...]}";
    }
    return "an object {...}";
  }

  private static JsonToken currentToken(MismatchedInputException m) {
    return m.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
  }

  /** The value the parser stood on when the mapping failed. */
  private static String found(MismatchedInputException m) {
    JsonToken t = currentToken(m);
    JsonParser p = (JsonParser) m.getProcessor();
    try {
      return switch (t) {
        case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
        case START_ARRAY, END_ARRAY -> "a list";
        case VALUE_STRING -> shown(p.getText());
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
        case VALUE_NULL -> "null";
        default -> "something else";
      };
    } catch (IOException e) {
      return "something else";
    }
  }

  private static String text(InputCoercionException c) {
    try {
      return c.getProcessor() instanceof JsonParser p ? p.getText() : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static String shown(Object value) {
    if (value instanceof String s) {
      return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    return String.valueOf(value);
  }

  /** A parser's syntax message without its internals (source descriptions, char codes). */
  private static String syntax(String message) {
    if (message == null) {
      return "syntax error";
    }
    String m = message
        .replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
        .replaceAll("\\s*(at )?\\[Source:[^\\]]*\\]", "")
        .replaceAll("\\('(.{1,2})' \\(code \\d+\\)\\)", "'$1'")
        .replaceAll("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)", "(control character $1)")
        .replace("maybe a (non-standard) comment?", "comments are not allowed in JSON")
        .replaceAll("\\s*\\([^()]*Feature[^()]*\\)", "")
        .replaceAll("\\(code \\d+\\)", "")
        .replace("JsonToken.", "")
        .replace("was expecting double-quote to start field name",
            "expected a field name in double quotes")
        .replace('\n', ' ')
        .strip();
    return m.isEmpty() ? "syntax error"
        : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("prompts are plain records and always serialize", ex);
    }
  }

  private void validate(Path file) {
    if (objects == null || objects.isEmpty()) {
      throw new UserInputException("prompts file " + file + " has no objects");
    }
    Set<Integer> ids = new HashSet<>();
    for (ObjectPrompts o : objects) {
      if (o == null || o.id() == null) {
        throw new UserInputException("prompts file " + file + ": every object needs an \"id\"");
      }
      String where = "prompts file " + file + ", object " + o.id();
      if (!ids.add(o.id())) {
        throw new UserInputException(where + ": id used twice");
      }
      if (o.id() <= 0) {
        throw new UserInputException(where + ": ids must be positive integers");
      }
      if (o.prompts() == null || o.prompts().isEmpty()) {
        throw new UserInputException(where + ": no prompts");
      }
      Set<Integer> frames = new HashSet<>();
      for (FramePrompt fp : o.prompts()) {
        if (fp == null || fp.frame() == null) {
          throw new UserInputException(where + ": every prompt needs a \"frame\"");
        }
        String at = where + ", frame " + fp.frame();
        if (fp.frame() < 0) {
          throw new UserInputException(at + ": frame index is negative");
        }
        if (!frames.add(fp.frame())) {
          throw new UserInputException(at + ": two prompts for the same frame (merge them)");
        }
        boolean hasPoints = fp.points() != null && fp.points().length > 0;
        if (!hasPoints && fp.box() == null && fp.mask() == null) {
          throw new UserInputException(at + ": needs points, a box or a mask");
        }
        if (fp.mask() != null && (hasPoints || fp.box() != null)) {
          // The predictor takes either clicks/box or a mask on a frame, not both at once.
          throw new UserInputException(at + ": a mask prompt cannot be combined with points or a box");
        }
        if (fp.points() != null) {
          for (double[] pt : fp.points()) {
            if (pt == null || pt.length != 2) {
              throw new UserInputException(at + ": every point must be [x, y]");
            }
          }
        }
        if (fp.labels() != null) {
          if (fp.points() == null || fp.labels().length != fp.points().length) {
            throw new UserInputException(at + ": labels must match points one to one");
          }
          for (int l : fp.labels()) {
            if (l != 0 && l != 1) {
              throw new UserInputException(at + ": point labels are 1 (positive) or 0 (negative), got " + l);
            }
          }
        }
        if (fp.box() != null) {
          double[] b = fp.box();
          if (b.length != 4 || b[2] <= b[0] || b[3] <= b[1]) {
            throw new UserInputException(at + ": box must be [x0, y0, x1, y1] with x1 > x0 and y1 > y0");
          }
        }
      }
    }
  }

  /**
   * Checks frame indexes and pixel coordinates against the video: frames in {@code
   * [0, frameCount)}, points and box inside {@code [0, width] x [0, height]}.
   */
  public void checkAgainst(Path file, int frameCount, int width, int height) {
    for (ObjectPrompts o : objects) {
      for (FramePrompt fp : o.prompts()) {
        String at = "prompts file " + file + ", object " + o.id() + ", frame " + fp.frame();
        if (fp.frame() >= frameCount) {
          throw new UserInputException(
              at + ": the video has only " + frameCount + " frames (0.." + (frameCount - 1) + ")");
        }
        if (fp.points() != null) {
          for (double[] pt : fp.points()) {
            if (!inside(pt[0], pt[1], width, height)) {
              throw new UserInputException(
                  at + ": point (" + fmt(pt[0]) + ", " + fmt(pt[1]) + ") is outside the "
                      + width + "x" + height + " frame" + range(width, height));
            }
          }
        }
        if (fp.box() != null) {
          double[] b = fp.box();
          if (!inside(b[0], b[1], width, height) || !inside(b[2], b[3], width, height)) {
            throw new UserInputException(
                at + ": box [" + fmt(b[0]) + ", " + fmt(b[1]) + ", " + fmt(b[2]) + ", " + fmt(b[3])
                    + "] is outside the " + width + "x" + height + " frame" + range(width, height));
          }
        }
      }
    }
  }

  private static String range(int w, int h) {
    return " (x 0.." + w + ", y 0.." + h + ")";
  }

  private static boolean inside(double x, double y, int w, int h) {
    return x >= 0 && y >= 0 && x <= w && y <= h && Double.isFinite(x) && Double.isFinite(y);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
