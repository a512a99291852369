package io.masklet.app.ui.settings;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Settings held in memory only (tests, or a session that must not touch the user's prefs). */
public final class MemoryStore implements SettingsStore {
  private final Map<String, String> values = new ConcurrentHashMap<>();

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public void put(String key, String value) {
    values.put(key, value);
  }

  @Override
  public void remove(String key) {
    values.remove(key);
  }
}
