package io.masklet.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One mapping of a hydra-style YAML config, read key by key. It remembers which keys were
 * consumed so {@link #finish()} can reject unknown ones, and every error names the file, the
 * dotted path and the official class the mapping instantiates.
 */
final class ConfigNode {
  static final String TARGET = "_target_";

  private final String file;
  private final String path;
  private final JsonNode node;
  private final Set<String> consumed = new LinkedHashSet<>();
  private String className = "";

  ConfigNode(String file, String path, JsonNode node) {
    this.file = file;
    this.path = path;
    if (node == null || !node.isObject()) {
      throw new ConfigException(file + ": '" + path + "' must be a mapping");
    }
    this.node = node;
  }

  String path() {
    return path;
  }

  /** Checks {@code _target_} is one of {@code allowed} (fully qualified Python names) and returns it. */
  String target(String... allowed) {
    JsonNode t = node.get(TARGET);
    consumed.add(TARGET);
    if (t == null || !t.isTextual()) {
      throw error("'" + path + "' needs a _target_ (expected " + String.join(" or ", allowed) + ")");
    }
    for (String a : allowed) {
      if (a.equals(t.asText())) {
        className = a.substring(a.lastIndexOf('.') + 1);
        return a;
      }
    }
    throw error("unknown _target_ '" + t.asText() + "' at '" + path + "' (expected " + String.join(" or ", allowed) + ")");
  }

  boolean has(String key) {
    return node.has(key) && !node.get(key).isNull();
  }

  private JsonNode take(String key) {
    consumed.add(key);
    JsonNode v = node.get(key);
    if (v != null && v.isTextual() && v.asText().contains("${")) {
      throw error("'" + where(key) + "' uses an interpolation, which is not supported: " + v.asText());
    }
    return v == null || v.isNull() ? null : v;
  }

  private JsonNode required(String key) {
    JsonNode v = take(key);
    if (v == null) {
      throw error("missing required key '" + where(key) + "'");
    }
    return v;
  }

  int integer(String key) {
    return toInt(key, required(key));
  }

  int integer(String key, int defaultValue) {
    JsonNode v = take(key);
    return v == null ? defaultValue : toInt(key, v);
  }

  /** An optional int whose official default is {@code None}. */
  Integer integerOrNull(String key) {
    JsonNode v = take(key);
    return v == null ? null : toInt(key, v);
  }

  double number(String key) {
    return toDouble(key, required(key));
  }

  double number(String key, double defaultValue) {
    JsonNode v = take(key);
    return v == null ? defaultValue : toDouble(key, v);
  }

  Double numberOrNull(String key) {
    JsonNode v = take(key);
    return v == null ? null : toDouble(key, v);
  }

  boolean bool(String key) {
    return toBool(key, required(key));
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode v = take(key);
    return v == null ? defaultValue : toBool(key, v);
  }

  String string(String key) {
    JsonNode v = required(key);
    if (!v.isTextual()) {
      throw error("'" + where(key) + "' must be a string, got " + v);
    }
    return v.asText();
  }

  String string(String key, String defaultValue) {
    return has(key) ? string(key) : consumeDefault(key, defaultValue);
  }

  private <T> T consumeDefault(String key, T value) {
    consumed.add(key);
    return value;
  }

  List<Integer> intList(String key) {
    return toIntList(key, required(key));
  }

  List<Integer> intList(String key, List<Integer> defaultValue) {
    JsonNode v = take(key);
    return v == null ? defaultValue : toIntList(key, v);
  }

  List<Integer> intListOrNull(String key) {
    JsonNode v = take(key);
    return v == null ? null : toIntList(key, v);
  }

  ConfigNode child(String key) {
    return new ConfigNode(file, where(key), required(key));
  }

  ConfigNode childOrNull(String key) {
    JsonNode v = take(key);
    return v == null ? null : new ConfigNode(file, where(key), v);
  }

  /** Rejects a key this engine knows but cannot honour, with the reason. */
  void forbid(String key, String reason) {
    if (has(key)) {
      throw error("'" + where(key) + "' is not supported: " + reason);
    }
    consumed.add(key);
  }

  /** Fails on the first key that no getter consumed. */
  void finish() {
    Set<String> unknown = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!consumed.contains(k)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      Set<String> known = new TreeSet<>(consumed);
      known.remove(TARGET);
      throw error("unknown key '" + where(unknown.iterator().next()) + "'"
          + (className.isEmpty() ? "" : " for " + className)
          + (unknown.size() > 1 ? " (also unknown: " + new ArrayList<>(unknown).subList(1, unknown.size()) + ")" : "")
          + "; known keys: " + known);
    }
  }

  private String where(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private int toInt(String key, JsonNode v) {
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.asInt();
    }
    if (v.isTextual()) {
      try {
        return Integer.parseInt(v.asText().trim());
      } catch (NumberFormatException ignored) {
        // fall through to the error
      }
    }
    throw error("'" + where(key) + "' must be an integer, got " + v);
  }

  private double toDouble(String key, JsonNode v) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      // YAML 1.1 reads "1e-6" (no dot) as a string; OmegaConf reads it as a float, so do we
      try {
        return Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException ignored) {
        // fall through to the error
      }
    }
    throw error("'" + where(key) + "' must be a number, got " + v);
  }

  private boolean toBool(String key, JsonNode v) {
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual()) {
      switch (v.asText().trim().toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> {
          return true;
        }
        case "false" -> {
          return false;
        }
        default -> {
          // fall through to the error
        }
      }
    }
    throw error("'" + where(key) + "' must be true or false, got " + v);
  }

  private List<Integer> toIntList(String key, JsonNode v) {
    if (!v.isArray()) {
      throw error("'" + where(key) + "' must be a list of integers, got " + v);
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : v) {
      out.add(toInt(key, e));
    }
    return Collections.unmodifiableList(out);
  }

  ConfigException error(String message) {
    return new ConfigException(file + ": " + message);
  }
}
