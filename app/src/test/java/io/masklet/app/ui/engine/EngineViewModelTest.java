package io.masklet.app.ui.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.masklet.app.ui.testing.TestWorkspace;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineViewModelTest {
  @TempDir
  Path tmp;

  @Test
  void choosingAFeatureDiskBudgetIsRememberedAndSaysWhenItApplies() {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 5);
    EngineViewModel engine = t.vm.engine();
    assertEquals(8, engine.featureDiskCacheGiB(), "default");
    engine.setFeatureDiskCacheGiB(16);
    assertEquals(16, t.settings.featureDiskCacheGiB());
    String said = t.ws.statusMessageProperty().get();
    assertTrue(said.contains("16 GiB") && said.contains("next video"), said);
    engine.setFeatureDiskCacheGiB(0);
    assertEquals(0, t.settings.featureDiskCacheGiB());
    assertTrue(t.ws.statusMessageProperty().get().contains("no longer be cached"),
        t.ws.statusMessageProperty().get());
  }

  @Test
  void theStatusShowsTheFeatureCacheOnDiskOnlyWhenThereIsSome() {
    TestWorkspace t = new TestWorkspace(tmp, 64, 48, 5);
    EngineViewModel engine = t.vm.engine();
    engine.refreshFeatureCacheUse();
    assertEquals("", engine.featureCacheTextProperty().get());
    t.engine.cacheUse = new FeatureCacheUse(37, 37L * 16 << 20, null);
    engine.refreshFeatureCacheUse();
    assertEquals("features on disk: 37 frames, 592 MiB", engine.featureCacheTextProperty().get());
    t.engine.cacheUse = new FeatureCacheUse(80, 80L * 16 << 20, null);
    engine.refreshFeatureCacheUse();
    assertEquals("features on disk: 80 frames, 1.3 GiB", engine.featureCacheTextProperty().get());
    t.engine.cacheUse = new FeatureCacheUse(3, 48L << 20, "no space left on /cache");
    engine.refreshFeatureCacheUse();
    assertEquals("feature disk cache off: no space left on /cache",
        engine.featureCacheTextProperty().get());
  }

  @Test
  void everyOfferedBudgetIsAWholeNumberOfGibStartingWithOff() {
    assertEquals(0, EngineViewModel.FEATURE_DISK_CHOICES.get(0));
    assertTrue(EngineViewModel.FEATURE_DISK_CHOICES.contains(
        io.masklet.app.ui.settings.AppSettings.DEFAULT_FEATURE_DISK_GIB), "the default is offered");
  }
}
