package io.masklet.app.ui.workspace;

import io.masklet.app.ui.engine.ModelInfo;
import io.masklet.app.ui.engine.SegmentationService;
import io.masklet.app.ui.frames.SharedFrameSource;
import io.masklet.app.ui.history.CommandHistory;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.model.project.TrackedObject;
import io.masklet.app.ui.settings.AppSettings;
import io.masklet.app.ui.task.TaskExecutor;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.collections.SetChangeListener;

/**
 * State shared by the workstation's view-models: the open document (session, history, frames),
 * the cursor (current frame, selected object), the engine and the executors. Lives on the UI
 * thread; workers never touch it directly (their results come back through the executors).
 */
public final class Workspace {
  private final TaskExecutor ioExecutor;
  private final TaskExecutor engineExecutor;
  private final SegmentationService engine;
  private final AppSettings settings;

  private final ObjectProperty<AnnotationSession> session = new SimpleObjectProperty<>();
  private final ObjectProperty<CommandHistory> history = new SimpleObjectProperty<>();
  private final ObjectProperty<SharedFrameSource> frames = new SimpleObjectProperty<>();
  private final ObjectProperty<Path> projectFile = new SimpleObjectProperty<>();
  private final ObjectProperty<Path> mediaPath = new SimpleObjectProperty<>();
  private final IntegerProperty currentFrame = new SimpleIntegerProperty(0);
  private final IntegerProperty selectedObjectId = new SimpleIntegerProperty(0);
  private final ObservableSet<Integer> hiddenObjects = FXCollections.observableSet();
  /**
   * Bumped once per change of {@link #hiddenObjects}, and once for a whole {@link #setHidden}:
   * an observable set reports every element of an {@code addAll} on its own, so hiding 10,000
   * objects at once rebuilt the object list and the overlays 10,000 times (20 s).
   */
  private final ReadOnlyIntegerWrapper hiddenRevision = new ReadOnlyIntegerWrapper();
  private boolean hidingInBatch;
  private final ObjectProperty<ModelInfo> model = new SimpleObjectProperty<>();
  private final BooleanProperty engineVideoReady = new SimpleBooleanProperty();
  private final BooleanProperty propagating = new SimpleBooleanProperty();
  private final StringProperty statusMessage = new SimpleStringProperty("");
  private final DoubleProperty clickLatencyMs = new SimpleDoubleProperty(Double.NaN);
  private final DoubleProperty propagationFps = new SimpleDoubleProperty(Double.NaN);
  private final BooleanProperty dirty = new SimpleBooleanProperty();

  /**
   * @param ioExecutor frame decoding, file IO (may run several tasks at once)
   * @param engineExecutor engine calls, run one at a time in submission order
   */
  public Workspace(TaskExecutor ioExecutor, TaskExecutor engineExecutor,
      SegmentationService engine, AppSettings settings) {
    this.ioExecutor = Objects.requireNonNull(ioExecutor);
    this.engineExecutor = Objects.requireNonNull(engineExecutor);
    this.engine = Objects.requireNonNull(engine);
    this.settings = Objects.requireNonNull(settings);
    hiddenObjects.addListener((SetChangeListener<Integer>) c -> {
      if (!hidingInBatch) {
        bumpHidden();
      }
    });
  }

  public TaskExecutor ioExecutor() {
    return ioExecutor;
  }

  public TaskExecutor engineExecutor() {
    return engineExecutor;
  }

  public SegmentationService engine() {
    return engine;
  }

  public AppSettings settings() {
    return settings;
  }

  public ObjectProperty<AnnotationSession> sessionProperty() {
    return session;
  }

  /**
   * Keeps {@code listener} on the open session: added to the current one and to every later
   * one, removed from the one replaced; {@code afterSwitch} runs after each switch.
   */
  public void followSessions(io.masklet.app.ui.session.SessionListener listener,
      Runnable afterSwitch) {
    if (session.get() != null) {
      session.get().addListener(listener);
    }
    session.addListener((o, old, now) -> {
      if (old != null) {
        old.removeListener(listener);
      }
      if (now != null) {
        now.addListener(listener);
      }
      afterSwitch.run();
    });
  }

  public AnnotationSession session() {
    return session.get();
  }

  public ObjectProperty<CommandHistory> historyProperty() {
    return history;
  }

  public CommandHistory history() {
    return history.get();
  }

  public ObjectProperty<SharedFrameSource> framesProperty() {
    return frames;
  }

  public ObjectProperty<Path> projectFileProperty() {
    return projectFile;
  }

  /** The open video or image folder. */
  public ObjectProperty<Path> mediaPathProperty() {
    return mediaPath;
  }

  public IntegerProperty currentFrameProperty() {
    return currentFrame;
  }

  public int currentFrame() {
    return currentFrame.get();
  }

  /** 0 when no object is selected. */
  public IntegerProperty selectedObjectIdProperty() {
    return selectedObjectId;
  }

  public TrackedObject selectedObject() {
    AnnotationSession s = session.get();
    return s == null ? null : s.object(selectedObjectId.get());
  }

  /** Objects whose overlays are not drawn; listen to {@link #hiddenRevisionProperty()}. */
  public ObservableSet<Integer> hiddenObjects() {
    return hiddenObjects;
  }

  /** Changes whenever the hidden objects do: once per element, or once per {@link #setHidden}. */
  public ReadOnlyIntegerProperty hiddenRevisionProperty() {
    return hiddenRevision.getReadOnlyProperty();
  }

  /** Hides (or shows) all of {@code ids} with one {@link #hiddenRevisionProperty()} change. */
  public void setHidden(Collection<Integer> ids, boolean hidden) {
    // a set argument: removeAll with a list asks the list whether it contains each element
    Set<Integer> batch = new HashSet<>(ids);
    hidingInBatch = true;
    boolean changed;
    try {
      changed = hidden ? hiddenObjects.addAll(batch) : hiddenObjects.removeAll(batch);
    } finally {
      hidingInBatch = false;
    }
    if (changed) {
      bumpHidden();
    }
  }

  /** Shows every object, with at most one {@link #hiddenRevisionProperty()} change. */
  public void showAllObjects() {
    setHidden(java.util.List.copyOf(hiddenObjects), false);
  }

  private void bumpHidden() {
    hiddenRevision.set(hiddenRevision.get() + 1);
  }

  public ObjectProperty<ModelInfo> modelProperty() {
    return model;
  }

  /** True once the engine's tracking state for the open video exists. */
  public BooleanProperty engineVideoReadyProperty() {
    return engineVideoReady;
  }

  public BooleanProperty propagatingProperty() {
    return propagating;
  }

  public StringProperty statusMessageProperty() {
    return statusMessage;
  }

  public void status(String message) {
    statusMessage.set(message);
  }

  public DoubleProperty clickLatencyMsProperty() {
    return clickLatencyMs;
  }

  public DoubleProperty propagationFpsProperty() {
    return propagationFps;
  }

  /** Unsaved changes exist (autosave clears it). */
  public BooleanProperty dirtyProperty() {
    return dirty;
  }

  /** True when the engine can take prompts for the open video. */
  public boolean engineUsable() {
    return model.get() != null && session.get() != null;
  }
}
