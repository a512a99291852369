package io.masklet.app.ui.settings;

import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** Settings in the user's java.util.prefs tree (per user, survives reinstalling the app). */
public final class PreferencesStore implements SettingsStore {
  private final Preferences node;

  public PreferencesStore(Preferences node) {
    this.node = node;
  }

  /** The workstation's node: {@code /io/masklet/studio}. */
  public static PreferencesStore forUser() {
    return new PreferencesStore(Preferences.userRoot().node("io/masklet/studio"));
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(node.get(key, null));
  }

  @Override
  public void put(String key, String value) {
    node.put(key, value);
    flush();
  }

  @Override
  public void remove(String key) {
    node.remove(key);
    flush();
  }

  private void flush() {
    try {
      node.flush();
    } catch (BackingStoreException e) {
      // Preferences are a convenience; failing to persist them must not break annotation work.
      System.err.println("masklet: could not save preferences: " + e.getMessage());
    }
  }
}
