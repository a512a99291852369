package io.masklet.app.ui.settings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Typed access to what the workstation remembers between sessions. */
public final class AppSettings {
  public static final int MAX_RECENT = 10;
  private static final String CHECKPOINT = "checkpoint";
  private static final String CONFIG = "checkpointConfig";
  private static final String RECENT = "recentFiles";
  private static final String OPACITY = "overlayOpacity";
  private static final String OUTLINES = "overlayOutlines";
  private static final String BRUSH = "brushRadius";
  private static final String LAST_DIR = "lastDirectory";
  private static final String FEATURE_DISK = "featureDiskCacheGiB";
  /** Default disk budget for image features of frames evicted from memory (16 MB a frame at 1024). */
  public static final int DEFAULT_FEATURE_DISK_GIB = 8;

  private final SettingsStore store;

  public AppSettings(SettingsStore store) {
    this.store = store;
  }

  public Optional<Path> checkpoint() {
    return store.get(CHECKPOINT).map(Path::of);
  }

  /** Remembers the checkpoint (and its config, null when derived from the file name). */
  public void setCheckpoint(Path checkpoint, Path config) {
    store.put(CHECKPOINT, checkpoint.toAbsolutePath().toString());
    if (config == null) {
      store.remove(CONFIG);
    } else {
      store.put(CONFIG, config.toAbsolutePath().toString());
    }
  }

  public Optional<Path> checkpointConfig() {
    return store.get(CONFIG).map(Path::of);
  }

  /** Most recent first; entries whose file vanished are dropped. */
  public List<Path> recentFiles() {
    List<Path> out = new ArrayList<>();
    for (String s : store.get(RECENT).orElse("").split("\n")) {
      if (!s.isBlank()) {
        Path p = Path.of(s);
        if (Files.exists(p)) {
          out.add(p);
        }
      }
    }
    return out;
  }

  public void addRecentFile(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    List<Path> list = new ArrayList<>(recentFiles());
    list.remove(abs);
    list.add(0, abs);
    while (list.size() > MAX_RECENT) {
      list.remove(list.size() - 1);
    }
    StringBuilder sb = new StringBuilder();
    for (Path p : list) {
      sb.append(p).append('\n');
    }
    store.put(RECENT, sb.toString());
  }

  public double overlayOpacity() {
    return store.get(OPACITY).map(Double::parseDouble).orElse(0.5);
  }

  public void setOverlayOpacity(double v) {
    store.put(OPACITY, Double.toString(v));
  }

  public boolean outlines() {
    return store.get(OUTLINES).map(Boolean::parseBoolean).orElse(true);
  }

  public void setOutlines(boolean v) {
    store.put(OUTLINES, Boolean.toString(v));
  }

  public double brushRadius() {
    return store.get(BRUSH).map(Double::parseDouble).orElse(12.0);
  }

  public void setBrushRadius(double v) {
    store.put(BRUSH, Double.toString(v));
  }

  public Optional<Path> lastDirectory() {
    return store.get(LAST_DIR).map(Path::of).filter(Files::isDirectory);
  }

  public void setLastDirectory(Path dir) {
    store.put(LAST_DIR, dir.toAbsolutePath().toString());
  }

  /** GiB of disk for image features of frames no longer in memory; 0 = off. */
  public int featureDiskCacheGiB() {
    return store.get(FEATURE_DISK).map(v -> {
      try {
        return Math.max(0, Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        return DEFAULT_FEATURE_DISK_GIB;
      }
    }).orElse(DEFAULT_FEATURE_DISK_GIB);
  }

  public void setFeatureDiskCacheGiB(int gib) {
    if (gib < 0) {
      throw new IllegalArgumentException("disk budget must not be negative: " + gib);
    }
    store.put(FEATURE_DISK, Integer.toString(gib));
  }
}
