package io.masklet.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.masklet.app.cli.ConvertCommand.Format;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Tells the annotation format of {@code convert}'s input from what it holds, and of its output
 * from the name it is given, so the common cases need no {@code --in-format}/{@code
 * --out-format}. Only unambiguous evidence counts: a JSON file by its top-level fields, a folder
 * by its layout, an output by a suffix only one format uses; anything else asks for the option.
 */
final class AnnotationFormats {
  private static final JsonFactory JSON = new JsonFactory();

  private AnnotationFormats() {}

  /** The format of an existing input file or folder, or an error saying what to give. */
  static Format ofInput(Path in) throws IOException {
    if (Files.isDirectory(in)) {
      if (Files.isDirectory(in.resolve("images")) && Files.isDirectory(in.resolve("json"))) {
        return Format.bmpjson;
      }
      if (holdsPngs(in)) {
        return Format.png;
      }
      throw new UserInputException("--in " + in + ": cannot tell the format of this folder (a "
          + "BMP+JSON dataset holds images/ and json/, PNG masks hold <frame>.png files or "
          + "<object>/ folders of them); give --in-format");
    }
    String name = in.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".masklet")) {
      return Format.project;
    }
    Set<String> fields = topLevelFields(in);
    if (fields.contains("format") && fields.contains("source") && fields.contains("objects")) {
      return Format.project;
    }
    if (fields.contains("masklet") && fields.contains("masklet_id")) {
      return Format.sav;
    }
    if (fields.contains("annotations") && fields.contains("categories")) {
      return Format.coco;
    }
    throw new UserInputException("--in " + in + ": cannot tell the format of this file (not a "
        + "Masklet project, an SA-V masklet file or COCO instances by its fields); give "
        + "--in-format");
  }

  /** The format an output name asks for, or an error listing the candidates. */
  static Format ofOutput(Path out) {
    String name = out.getFileName() == null ? "" : out.getFileName().toString()
        .toLowerCase(Locale.ROOT);
    if (name.endsWith(".masklet.json") || name.endsWith(".masklet")) {
      return Format.project;
    }
    if (name.endsWith("_manual.json") || name.endsWith("_auto.json")) {
      return Format.sav; // SA-V's own file names
    }
    if (name.endsWith(".coco.json") || name.endsWith("_coco.json")) {
      return Format.coco;
    }
    String candidates = name.endsWith(".json") ? "sav or coco (or name it *_manual.json, "
        + "*.coco.json or *.masklet.json)" : "bmpjson or png for a folder";
    throw new UserInputException("--out " + out + ": cannot tell the output format from the "
        + "name; give --out-format (" + candidates + ")");
  }

  /** Field names of a JSON object at the top level; empty when the file holds no object. */
  private static Set<String> topLevelFields(Path file) throws IOException {
    Set<String> names = new HashSet<>();
    try (JsonParser p = JSON.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return names;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        names.add(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // not JSON, or broken further in: the fields seen so far decide, the reader reports the rest
    }
    return names;
  }

  private static boolean holdsPngs(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path e : entries) {
        String n = e.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(e) && n.endsWith(".png")) {
          return true;
        }
        if (Files.isDirectory(e) && holdsPngFiles(e)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean holdsPngFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.{png,PNG}")) {
      return entries.iterator().hasNext();
    }
  }
}
