package io.masklet.app.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AppSettingsTest {
  @Test
  void featureDiskCacheDefaultsToEightGibAndRemembersAChoice() {
    MemoryStore store = new MemoryStore();
    AppSettings settings = new AppSettings(store);
    assertEquals(AppSettings.DEFAULT_FEATURE_DISK_GIB, settings.featureDiskCacheGiB());
    settings.setFeatureDiskCacheGiB(0);
    assertEquals(0, new AppSettings(store).featureDiskCacheGiB(), "off is a choice, not the default");
    settings.setFeatureDiskCacheGiB(32);
    assertEquals(32, new AppSettings(store).featureDiskCacheGiB());
  }

  @Test
  void aDamagedFeatureDiskValueFallsBackToTheDefaultAndNegativeOnesAreRefused() {
    MemoryStore store = new MemoryStore();
    store.put("featureDiskCacheGiB", "lots");
    assertEquals(AppSettings.DEFAULT_FEATURE_DISK_GIB, new AppSettings(store).featureDiskCacheGiB());
    assertThrows(IllegalArgumentException.class, () -> new AppSettings(store).setFeatureDiskCacheGiB(-1));
  }
}
