package io.masklet.app.cli.prompts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.masklet.app.cli.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
          .enable(SerializationFeature.INDENT_OUTPUT);

  /** Reads and structurally validates a prompts file; errors name the file and the object. */
  public static PromptsFile read(Path file) {
    PromptsFile p;
    try {
      p = JSON.readValue(Files.readAllBytes(file), PromptsFile.class);
    } catch (NoSuchFileException ex) {
      throw new UserInputException("prompts file " + file + " does not exist");
    } catch (JsonMappingException ex) {
      throw new UserInputException(
          "prompts file " + file + ": " + ex.getOriginalMessage() + " at " + path(ex));
    } catch (JsonProcessingException ex) {
      throw new UserInputException("prompts file " + file + " is not valid JSON: "
          + ex.getOriginalMessage());
    } catch (IOException ex) {
      throw new UserInputException("cannot read prompts file " + file + ": " + ex, ex);
    }
    p.validate(file);
    return p;
  }

  private static String path(JsonMappingException ex) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : ex.getPath()) {
      sb.append(r.getFieldName() != null ? "/" + r.getFieldName() : "[" + r.getIndex() + "]");
    }
    return sb.isEmpty() ? "top level" : sb.toString();
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
                      + width + "x" + height + " frame");
            }
          }
        }
        if (fp.box() != null) {
          double[] b = fp.box();
          if (!inside(b[0], b[1], width, height) || !inside(b[2], b[3], width, height)) {
            throw new UserInputException(
                at + ": box [" + fmt(b[0]) + ", " + fmt(b[1]) + ", " + fmt(b[2]) + ", " + fmt(b[3])
                    + "] is outside the " + width + "x" + height + " frame");
          }
        }
      }
    }
  }

  private static boolean inside(double x, double y, int w, int h) {
    return x >= 0 && y >= 0 && x <= w && y <= h && Double.isFinite(x) && Double.isFinite(y);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
