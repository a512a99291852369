package io.masklet.app.ui.engine;

/**
 * How much of the engine's image-feature cache is on disk for the open video: frames and bytes
 * in the cache file, and why the disk tier was turned off (null while it works or when it was
 * never on).
 */
public record FeatureCacheUse(int framesOnDisk, long bytesOnDisk, String offReason) {
  /** Nothing on disk. */
  public static final FeatureCacheUse NONE = new FeatureCacheUse(0, 0, null);
}
