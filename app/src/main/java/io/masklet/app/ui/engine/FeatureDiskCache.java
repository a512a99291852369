package io.masklet.app.ui.engine;

import java.nio.file.Path;

/**
 * Where and how much of the disk the engine may use for image features of frames it no longer
 * holds in memory: a correction click on such a frame, or a re-propagation over it, then reads
 * them back instead of running the image encoder again. Off when {@code bytes} is 0.
 */
public record FeatureDiskCache(Path directory, long bytes) {
  public FeatureDiskCache {
    if (bytes < 0) {
      throw new IllegalArgumentException("disk budget must not be negative: " + bytes);
    }
  }

  public static FeatureDiskCache off() {
    return new FeatureDiskCache(null, 0);
  }

  public static FeatureDiskCache gib(Path directory, int gib) {
    return new FeatureDiskCache(directory, (long) gib << 30);
  }

  public boolean enabled() {
    return directory != null && bytes > 0;
  }

  /**
   * {@code <cache>/features}, the cache being the {@code masklet.cache.dir} system property
   * (portable installs, tests), else {@code $XDG_CACHE_HOME/masklet-studio}, else
   * {@code %LOCALAPPDATA%\masklet-studio} on Windows, else {@code ~/.cache/masklet-studio}.
   * Deliberately not the temporary directory, which is often in memory (tmpfs).
   */
  public static Path defaultDirectory() {
    String own = System.getProperty("masklet.cache.dir");
    if (own != null && !own.isBlank()) {
      return Path.of(own).resolve("features");
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "masklet-studio", "features");
    }
    String local = System.getenv("LOCALAPPDATA");
    if (local != null && !local.isBlank()) {
      return Path.of(local, "masklet-studio", "features");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "masklet-studio", "features");
  }
}
