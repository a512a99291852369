package io.masklet.app.ui;

import io.masklet.app.ui.canvas.CanvasViewModel;
import io.masklet.app.ui.engine.FramePreparation;
import io.masklet.app.ui.engine.EngineViewModel;
import io.masklet.app.ui.export.ExportViewModel;
import io.masklet.app.ui.frames.FrameSourceOpener;
import io.masklet.app.ui.objects.ObjectListViewModel;
import io.masklet.app.ui.project.ProjectViewModel;
import io.masklet.app.ui.project.RecoveryStore;
import io.masklet.app.ui.propagation.PropagationViewModel;
import io.masklet.app.ui.timeline.TimelineViewModel;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;

/**
 * Wires the feature view-models around one {@link Workspace}. Holds no behaviour of its own
 * beyond the status-bar texts that combine several features.
 */
public final class MainViewModel {
  private final Workspace ws;
  private final AnnotationEditor editor;
  private final CanvasViewModel canvas;
  private final TimelineViewModel timeline;
  private final ObjectListViewModel objects;
  private final PropagationViewModel propagation;
  private final ProjectViewModel project;
  private final EngineViewModel engine;
  private final ExportViewModel export;
  private final FramePreparation framePreparation;
  private final StringBinding latencyText;
  private final StringBinding fpsText;

  public MainViewModel(Workspace ws, FrameSourceOpener opener, RecoveryStore recovery) {
    this.ws = ws;
    this.editor = new AnnotationEditor(ws);
    this.canvas = new CanvasViewModel(ws, editor);
    this.timeline = new TimelineViewModel(ws, canvas.displayedFrameProperty());
    this.objects = new ObjectListViewModel(ws, editor);
    this.propagation = new PropagationViewModel(ws, editor);
    this.project = new ProjectViewModel(ws, opener, recovery);
    this.engine = new EngineViewModel(ws, opener);
    this.export = new ExportViewModel(ws);
    this.framePreparation = new FramePreparation(ws);
    this.latencyText = Bindings.createStringBinding(() -> {
      double ms = ws.clickLatencyMsProperty().get();
      return Double.isNaN(ms) ? "click\u2192mask \u2013" : String.format("click\u2192mask %.0f ms", ms);
    }, ws.clickLatencyMsProperty());
    this.fpsText = Bindings.createStringBinding(() -> {
      double fps = ws.propagationFpsProperty().get();
      return Double.isNaN(fps) ? "propagation \u2013" : String.format("propagation %.1f f/s", fps);
    }, ws.propagationFpsProperty());
  }

  public Workspace workspace() {
    return ws;
  }

  public AnnotationEditor editor() {
    return editor;
  }

  public CanvasViewModel canvas() {
    return canvas;
  }

  public TimelineViewModel timeline() {
    return timeline;
  }

  public ObjectListViewModel objects() {
    return objects;
  }

  public PropagationViewModel propagation() {
    return propagation;
  }

  public FramePreparation framePreparation() {
    return framePreparation;
  }

  public ProjectViewModel project() {
    return project;
  }

  public EngineViewModel engine() {
    return engine;
  }

  public ExportViewModel export() {
    return export;
  }

  public StringBinding latencyTextProperty() {
    return latencyText;
  }

  public StringBinding fpsTextProperty() {
    return fpsText;
  }
}
