package io.masklet.model.sav;

import com.fasterxml.jackson.databind.JsonNode;
import io.masklet.model.io.AtomicFiles;
import io.masklet.model.io.FormatException;
import io.masklet.model.io.JsonReading;
import io.masklet.model.io.PythonJsonWriter;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes SA-V masklet JSON (the schema of the SA-V release's
 * {@code sav_*_manual.json}). The writer prints keys in the release's order in Python's
 * {@code json.dump} style, so a file read and written again is identical byte for byte.
 */
public final class SavJson {
  private SavJson() {}

  public static SavVideo read(Path file) throws IOException {
    JsonReading r = new JsonReading(file);
    JsonNode root = r.parse();
    if (!root.isObject()) {
      throw r.error("", "not an SA-V annotation (top level is not an object)");
    }
    int height = r.integer(root, "video_height", "");
    int width = r.integer(root, "video_width", "");
    int num = r.integer(root, "masklet_num", "");

    List<List<Rle>> frames = new ArrayList<>();
    JsonNode fs = r.array(root, "masklet", "");
    for (int f = 0; f < fs.size(); f++) {
      JsonNode row = fs.get(f);
      String path = "masklet[" + f + "]";
      if (!row.isArray()) {
        throw r.error(path, "expected a list of masks");
      }
      if (row.size() != num) {
        throw r.error(path, "has " + row.size() + " masks but masklet_num is " + num);
      }
      List<Rle> masks = new ArrayList<>(row.size());
      for (int i = 0; i < row.size(); i++) {
        Rle rle = r.rle(row.get(i), path + "[" + i + "]");
        if (rle.height() != height || rle.width() != width) {
          throw r.error(path + "[" + i + "].size", "mask size [" + rle.height() + ", "
              + rle.width() + "] differs from video_height/video_width [" + height + ", " + width + "]");
        }
        masks.add(rle);
      }
      frames.add(masks);
    }

    JsonNode ids = column(r, root, "masklet_id", num);
    JsonNode rel = column(r, root, "masklet_size_rel", num);
    JsonNode abs = column(r, root, "masklet_size_abs", num);
    JsonNode bucket = column(r, root, "masklet_size_bucket", num);
    JsonNode changes = column(r, root, "masklet_visibility_changes", num);
    JsonNode first = column(r, root, "masklet_first_appeared_frame", num);
    JsonNode count = column(r, root, "masklet_frame_count", num);
    JsonNode edited = column(r, root, "masklet_edited_frame_count", num);
    JsonNode type = column(r, root, "masklet_type", num);
    JsonNode stab = column(r, root, "masklet_stability_score", num);
    List<SavMasklet> masklets = new ArrayList<>();
    Map<Integer, Integer> indexOfId = new HashMap<>();
    for (int i = 0; i < num; i++) {
      String at = "[" + i + "]";
      int id = r.asInt(ids.get(i), "masklet_id" + at);
      if (id < 0) {
        throw r.error("masklet_id" + at, "object id must be >= 0, got " + id);
      }
      Integer twice = indexOfId.putIfAbsent(id, i);
      if (twice != null) {
        // two masklets with one id would become one object with two mask tracks
        throw r.error("masklet_id" + at, "masklet id " + id + " is used twice (also masklet_id["
            + twice + "])");
      }
      List<Double> scores = null;
      JsonNode s = stab.get(i);
      if (!s.isNull()) {
        if (!s.isArray()) {
          throw r.error("masklet_stability_score" + at, "expected null or a list of numbers");
        }
        scores = new ArrayList<>();
        for (JsonNode v : s) {
          scores.add(number(r, v, "masklet_stability_score" + at));
        }
      }
      masklets.add(new SavMasklet(id,
          number(r, rel.get(i), "masklet_size_rel" + at),
          number(r, abs.get(i), "masklet_size_abs" + at),
          text(r, bucket.get(i), "masklet_size_bucket" + at),
          r.asInt(changes.get(i), "masklet_visibility_changes" + at),
          r.asInt(first.get(i), "masklet_first_appeared_frame" + at),
          r.asInt(count.get(i), "masklet_frame_count" + at),
          r.asInt(edited.get(i), "masklet_edited_frame_count" + at),
          text(r, type.get(i), "masklet_type" + at), scores));
    }
    double duration = r.number(root, "video_duration", "");
    if (duration < 0) {
      throw r.error("video_duration", "must be >= 0, got " + duration);
    }
    try {
      return new SavVideo(r.text(root, "video_id", ""), duration,
          r.integer(root, "video_frame_count", ""), height, width,
          (long) r.number(root, "video_resolution", ""), r.text(root, "video_environment", ""),
          r.text(root, "video_split", ""), frames, masklets);
    } catch (IllegalArgumentException e) {
      throw r.error("", e.getMessage());
    }
  }

  private static JsonNode column(JsonReading r, JsonNode root, String key, int num)
      throws FormatException {
    JsonNode a = r.array(root, key, "");
    if (a.size() != num) {
      throw r.error(key, "has " + a.size() + " entries but masklet_num is " + num);
    }
    return a;
  }

  private static double number(JsonReading r, JsonNode v, String path) throws FormatException {
    if (!v.isNumber()) {
      throw r.error(path, "expected a number");
    }
    return v.doubleValue();
  }

  private static String text(JsonReading r, JsonNode v, String path) throws FormatException {
    if (!v.isTextual()) {
      throw r.error(path, "expected a string");
    }
    return v.asText();
  }

  /** Writes {@code video} atomically in the release's layout. */
  public static void write(SavVideo v, Path file) throws IOException {
    AtomicFiles.write(file, os -> {
      // buffered: the JSON is written a few characters at a time, and OutputStreamWriter's
      // single-character write allocates an array per call (7 GB for a 10,000-frame,
      // 20-object video)
      Writer w = new java.io.BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8),
          1 << 16);
      PythonJsonWriter j = new PythonJsonWriter(w);
      j.beginObject();
      j.key("video_id").value(v.videoId());
      j.key("video_duration").value(v.videoDuration());
      j.key("video_frame_count").value((double) v.videoFrameCount());
      j.key("video_height").value((double) v.videoHeight());
      j.key("video_width").value((double) v.videoWidth());
      j.key("video_resolution").value((double) v.videoResolution());
      j.key("video_environment").value(v.videoEnvironment());
      j.key("video_split").value(v.videoSplit());
      j.key("masklet").beginArray();
      for (List<Rle> row : v.frames()) {
        j.beginArray();
        for (Rle rle : row) {
          j.beginObject();
          j.key("size").beginArray().value(rle.height()).value(rle.width()).endArray();
          j.key("counts").value(rle.toCompressedString());
          j.endObject();
        }
        j.endArray();
      }
      j.endArray();
      List<SavMasklet> ms = v.masklets();
      j.key("masklet_id").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.id());
      }
      j.endArray();
      j.key("masklet_size_rel").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.sizeRel());
      }
      j.endArray();
      j.key("masklet_size_abs").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.sizeAbs());
      }
      j.endArray();
      j.key("masklet_size_bucket").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.sizeBucket());
      }
      j.endArray();
      j.key("masklet_visibility_changes").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.visibilityChanges());
      }
      j.endArray();
      j.key("masklet_first_appeared_frame").beginArray();
      for (SavMasklet m : ms) {
        j.value((double) m.firstAppearedFrame());
      }
      j.endArray();
      j.key("masklet_frame_count").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.frameCount());
      }
      j.endArray();
      j.key("masklet_edited_frame_count").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.editedFrameCount());
      }
      j.endArray();
      j.key("masklet_type").beginArray();
      for (SavMasklet m : ms) {
        j.value(m.type());
      }
      j.endArray();
      j.key("masklet_stability_score").beginArray();
      for (SavMasklet m : ms) {
        if (m.stabilityScores() == null) {
          j.nullValue();
        } else {
          j.beginArray();
          for (double d : m.stabilityScores()) {
            j.value(d);
          }
          j.endArray();
        }
      }
      j.endArray();
      j.key("masklet_num").value(ms.size());
      j.endObject();
      w.flush();
    });
  }
}
