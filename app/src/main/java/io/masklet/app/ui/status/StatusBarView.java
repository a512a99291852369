package io.masklet.app.ui.status;

import io.masklet.app.ui.MainViewModel;
import io.masklet.app.ui.workspace.Workspace;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.StatusBar;

/**
 * Bottom status bar: last message, propagation progress with cancel, and the engine facts an
 * annotator watches (device, model, click-to-mask latency, propagation frames per second).
 */
public final class StatusBarView extends StatusBar {
  public StatusBarView(MainViewModel vm) {
    Workspace ws = vm.workspace();
    setId("statusBar");
    textProperty().bind(Bindings.createStringBinding(
        () -> ws.propagatingProperty().get() ? vm.propagation().progressTextProperty().get()
            : ws.statusMessageProperty().get(),
        ws.propagatingProperty(), vm.propagation().progressTextProperty(),
        ws.statusMessageProperty()));
    progressProperty().bind(Bindings.when(ws.propagatingProperty())
        .then(vm.propagation().progressProperty()).otherwise(0.0));

    Button cancel = new Button("Cancel");
    cancel.setId("cancelPropagationButton");
    cancel.setTooltip(new Tooltip("Stop the propagation (Esc); frames done so far are kept"));
    cancel.visibleProperty().bind(ws.propagatingProperty());
    cancel.managedProperty().bind(ws.propagatingProperty());
    cancel.setOnAction(e -> vm.propagation().cancel());

    Label device = label("statusDevice", "Where the engine runs");
    device.textProperty().bind(vm.engine().deviceTextProperty());
    Label model = label("statusModel", "Loaded SAM 2.1 model (File \u25b8 Load checkpoint)");
    model.textProperty().bind(vm.engine().modelTextProperty());
    Label latency = label("statusLatency", "Time from the last click to its mask on screen");
    latency.textProperty().bind(vm.latencyTextProperty());
    Label fps = label("statusFps", "Frames per second of the last propagation");
    fps.textProperty().bind(vm.fpsTextProperty());
    Label cache = label("statusFeatureCache", "Image features of frames no longer in memory,"
        + " cached on disk for this video (Tools \u25b8 Image-feature cache on disk\u2026)");
    cache.textProperty().bind(vm.engine().featureCacheTextProperty());
    cache.visibleProperty().bind(cache.textProperty().isNotEmpty());
    cache.managedProperty().bind(cache.visibleProperty());
    Separator cacheSeparator = new Separator();
    cacheSeparator.visibleProperty().bind(cache.visibleProperty());
    cacheSeparator.managedProperty().bind(cache.visibleProperty());
    getRightItems().addAll(cancel, new Separator(), device, new Separator(), model,
        new Separator(), latency, new Separator(), fps, cacheSeparator, cache);
    // the engine publishes its cache use without locking; a light poll keeps the label current
    // during long propagations without a callback per frame
    javafx.animation.Timeline poll = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
        javafx.util.Duration.seconds(1), e -> vm.engine().refreshFeatureCacheUse()));
    poll.setCycleCount(javafx.animation.Animation.INDEFINITE);
    poll.play();
  }

  private static Label label(String id, String tip) {
    Label l = new Label();
    l.setId(id);
    l.setTooltip(new Tooltip(tip));
    l.setStyle("-fx-padding: 0 6 0 6;");
    return l;
  }
}
