package io.masklet.app.ui.settings;

import java.util.Optional;

/** Key-value storage behind {@link AppSettings} (java.util.prefs in the app, memory in tests). */
public interface SettingsStore {
  Optional<String> get(String key);

  void put(String key, String value);

  void remove(String key);
}
