package io.masklet.app.ui.project;

import io.masklet.app.ui.frames.FrameSourceOpener;
import io.masklet.app.ui.frames.SharedFrameSource;
import io.masklet.app.ui.history.CommandHistory;
import io.masklet.app.ui.session.AnnotationSession;
import io.masklet.app.ui.task.BackgroundTask;
import io.masklet.app.ui.workspace.AnnotationEditor;
import io.masklet.app.ui.workspace.Workspace;
import io.masklet.engine.video.FrameSource;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.ProjectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Opening media and projects, saving, autosave and crash recovery. A project file is written
 * atomically by the annotation model's {@link ProjectFile}; annotations without a project file
 * are autosaved to a per-media recovery file, offered back when that media is opened again.
 */
public final class ProjectViewModel {
  /** Suffix of project files. */
  /**
   * Project file names: new projects are saved as {@code <media>.masklet.json} (the name the
   * Linux installer registers as a mime glob); {@code .masklet} is the same JSON under the one
   * extension Windows can associate (see packaging/windows/masklet-project.properties).
   * Both open as projects, and so does any other {@code .json} file (ProjectFile checks its
   * {@code "format"} field and names the file when it is not a project).
   */
  public static final String PROJECT_SUFFIX = ".masklet.json";
  /** The Windows-associated project extension (same content as {@link #PROJECT_SUFFIX}). */
  public static final String SHORT_PROJECT_SUFFIX = ".masklet";
  /** File-chooser globs for project files, in the order the dialogs list them. */
  public static final List<String> PROJECT_GLOBS =
      List.of("*" + PROJECT_SUFFIX, "*" + SHORT_PROJECT_SUFFIX, "*.json");
  private static final int DISPLAY_CACHE_FRAMES = 24;

  private final Workspace ws;
  private final FrameSourceOpener opener;
  private final RecoveryStore recovery;
  private final BooleanProperty opening = new SimpleBooleanProperty();
  private final StringBinding title;
  private long savedRevision = -1;
  /** Writes submitted and not finished (UI thread); periodic autosave waits for them. */
  private int pendingWrites;
  /** Order of submitted writes (UI thread), so that of two writes of a file the newer wins. */
  private long writeSeq;
  /**
   * Held while a project or recovery file is written: the I/O pool has two threads, and a save
   * and an autosave of the same file must not interleave their temp-file-and-rename steps.
   */
  private final Object writeLock = new Object();
  /** Per file, the newest write that landed (guarded by {@link #writeLock}). */
  private final java.util.Map<Path, Long> newestWritten = new java.util.HashMap<>();

  public ProjectViewModel(Workspace ws, FrameSourceOpener opener, RecoveryStore recovery) {
    this.ws = ws;
    this.opener = opener;
    this.recovery = recovery;
    this.title = Bindings.createStringBinding(() -> {
      Path p = ws.projectFileProperty().get() != null ? ws.projectFileProperty().get()
          : ws.mediaPathProperty().get();
      String name = p == null ? "" : p.getFileName() + (ws.dirtyProperty().get() ? " *" : "")
          + " \u2014 ";
      return name + "Masklet Studio";
    }, ws.projectFileProperty(), ws.mediaPathProperty(), ws.dirtyProperty());
  }

  public StringBinding titleProperty() {
    return title;
  }

  public BooleanProperty openingProperty() {
    return opening;
  }

  /**
   * True for a file opened as a project: {@code *.masklet.json}, {@code *.masklet} or any
   * other {@code *.json}.
   */
  public static boolean isProjectFile(Path p) {
    if (p.getFileName() == null || !Files.isRegularFile(p)) {
      return false;
    }
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(SHORT_PROJECT_SUFFIX);
  }

  /**
   * The file a project chosen as {@code chosen} is written to: names that already end in
   * {@code .masklet.json} or {@code .masklet} are kept (the user picked the convention), a
   * bare {@code .json} becomes {@code .masklet.json}, anything else gets {@code .masklet.json}
   * appended, so every saved project opens again by double-click and by its suffix.
   */
  public static Path projectFileFor(Path chosen) {
    String name = chosen.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(PROJECT_SUFFIX) || lower.endsWith(SHORT_PROJECT_SUFFIX)) {
      return chosen;
    }
    if (lower.endsWith(".json")) {
      name = name.substring(0, name.length() - ".json".length());
    }
    return chosen.resolveSibling(name + PROJECT_SUFFIX);
  }

  /** Opens a project file, or a video / image folder as a new annotation. */
  public void open(Path path) {
    if (!Files.exists(path)) {
      ws.status("Cannot open " + path + ": no such file or folder.");
      return;
    }
    if (isProjectFile(path)) {
      openProject(path);
    } else if (DatasetImport.isDataset(path)) {
      openDataset(path);
    } else {
      openMedia(path, null, null);
    }
  }

  /** Opens a BMP+JSON dataset folder: its images as the video, its masks as hand edits. */
  public void openDataset(Path dir) {
    opening.set(true);
    ws.ioExecutor().submit(BackgroundTask.of("Read dataset", ctx -> DatasetImport.read(dir))
        .onSuccess(imp -> {
          openMedia(imp.images(), imp.project(), null);
          if (imp.renumbered()) {
            ws.status("Dataset " + dir.getFileName() + ": frames are numbered by picture here "
                + "(0.." + (imp.project().source().frameCount() - 1) + ").");
          }
        })
        .onFailure(e -> {
          opening.set(false);
          ws.status("Cannot open dataset " + dir + ": " + AnnotationEditor.message(e));
        }));
  }

  /** The recovery file of {@code media} if an unsaved annotation of it survived a crash. */
  public Optional<Path> recoveryFor(Path media) {
    Path f = recovery.fileFor(media);
    return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
  }

  /** Unsaved annotations kept by autosave from earlier sessions (newest first). */
  public java.util.List<RecoveryStore.Entry> recoverable() {
    return recovery.entries();
  }

  /** Opens {@code media} restoring the autosaved annotation in {@code recoveryFile}. */
  public void recover(Path media, Path recoveryFile) {
    opening.set(true);
    ws.ioExecutor().submit(BackgroundTask.of("Read recovery file",
            ctx -> ProjectFile.load(recoveryFile))
        .onSuccess(project -> {
          openMedia(media, project, null);
          ws.status("Recovered the unsaved annotation of " + media.getFileName()
              + " (save it with Ctrl+S).");
        })
        .onFailure(e -> {
          opening.set(false);
          ws.status("Cannot read recovery file " + recoveryFile + ": "
              + AnnotationEditor.message(e));
        }));
  }

  public void openProject(Path file) {
    opening.set(true);
    ws.ioExecutor().submit(BackgroundTask.of("Read project", ctx -> ProjectFile.load(file))
        .onSuccess(project -> {
          Path media = resolveMedia(file, project.source());
          openMedia(media, project, file);
        })
        .onFailure(e -> {
          opening.set(false);
          ws.status("Cannot open project " + file + ": " + AnnotationEditor.message(e));
        }));
  }

  static Path resolveMedia(Path projectFile, MediaSource src) {
    Path p = Path.of(src.location());
    if (!p.isAbsolute()) {
      Path dir = projectFile.toAbsolutePath().getParent();
      p = dir == null ? p : dir.resolve(p).normalize();
    }
    return p;
  }

  /**
   * Opens {@code media}; with {@code project} its annotation is loaded (its geometry must match
   * the media), otherwise a fresh annotation starts.
   */
  public void openMedia(Path media, Project project, Path projectFile) {
    opening.set(true);
    ws.ioExecutor().submit(BackgroundTask.of("Open " + media.getFileName(), ctx -> {
          FrameSource src = opener.open(media);
          try {
            if (project != null) {
              checkGeometry(media, src, project.source());
            }
            return new SharedFrameSource(src, DISPLAY_CACHE_FRAMES);
          } catch (IOException | RuntimeException e) {
            src.close();
            throw e;
          }
        })
        .onSuccess(frames -> install(media, frames, project, projectFile))
        .onFailure(e -> ws.status("Cannot open " + media + ": " + AnnotationEditor.message(e)))
        .onFinished(() -> opening.set(false)));
  }

  private static void checkGeometry(Path media, FrameSource src, MediaSource expected)
      throws IOException {
    if (src.width() != expected.width() || src.height() != expected.height()
        || src.frameCount() != expected.frameCount()) {
      throw new IOException(media + " is " + src.width() + "x" + src.height() + " with "
          + src.frameCount() + " frames, but the project expects " + expected.width() + "x"
          + expected.height() + " with " + expected.frameCount() + " frames");
    }
  }

  private void install(Path media, SharedFrameSource frames, Project project, Path projectFile) {
    // whatever the way in (project, dataset, recovery, media), the open document's unsaved
    // edits are written before it is dropped
    flush();
    closeDocument();
    MediaSource.Kind kind = Files.isDirectory(media) ? MediaSource.Kind.IMAGE_FOLDER
        : frames.frameCount() == 1 && isStillImage(media) ? MediaSource.Kind.IMAGE
        : MediaSource.Kind.VIDEO;
    AnnotationSession session = project != null ? AnnotationSession.of(project)
        : AnnotationSession.create(new MediaSource(kind, media.toAbsolutePath().toString(),
            frames.frameCount(), frames.fps(), frames.width(), frames.height()));
    ws.currentFrameProperty().set(0);
    ws.showAllObjects();
    ws.mediaPathProperty().set(media);
    ws.projectFileProperty().set(projectFile);
    ws.historyProperty().set(new CommandHistory(session));
    ws.sessionProperty().set(session);
    ws.framesProperty().set(frames);
    ws.selectedObjectIdProperty().set(session.objects().isEmpty() ? 0
        : session.objects().get(0).id());
    ws.dirtyProperty().set(false);
    savedRevision = session.revision();
    ws.settings().addRecentFile(projectFile != null ? projectFile : media);
    if (media.toAbsolutePath().getParent() != null) {
      ws.settings().setLastDirectory(media.toAbsolutePath().getParent());
    }
    ws.status("Opened " + media.getFileName() + ": " + frames.frameCount() + " frames, "
        + frames.width() + "x" + frames.height()
        + (project != null ? ", " + session.objects().size() + " objects" : ""));
  }

  private static boolean isStillImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
  }

  /** Closes the open document (after autosave has had its chance: call {@link #autosave}). */
  public void closeDocument() {
    SharedFrameSource old = ws.framesProperty().get();
    ws.framesProperty().set(null);
    ws.sessionProperty().set(null);
    ws.historyProperty().set(null);
    ws.mediaPathProperty().set(null);
    ws.projectFileProperty().set(null);
    ws.selectedObjectIdProperty().set(0);
    ws.dirtyProperty().set(false);
    if (old != null) {
      ws.ioExecutor().submit(BackgroundTask.ofRunnable("Close frames", ctx -> old.close()));
    }
  }

  /** Default project path for the open media: next to it, {@code <name>.masklet.json}. */
  public Path suggestedProjectFile() {
    Path media = ws.mediaPathProperty().get();
    if (ws.projectFileProperty().get() != null) {
      return ws.projectFileProperty().get();
    }
    if (media == null) {
      return null;
    }
    String name = media.getFileName().toString();
    int dot = name.lastIndexOf('.');
    if (dot > 0 && !Files.isDirectory(media)) {
      name = name.substring(0, dot);
    }
    Path dir = media.toAbsolutePath().getParent();
    return dir == null ? Path.of(name + PROJECT_SUFFIX) : dir.resolve(name + PROJECT_SUFFIX);
  }

  /** Saves to the project file; false when there is none yet (ask for one: {@link #saveAs}). */
  public boolean save() {
    Path file = ws.projectFileProperty().get();
    if (file == null) {
      return false;
    }
    saveAs(file);
    return true;
  }

  /** Saves the annotation to {@code file} (atomically) and makes it the project file. */
  public void saveAs(Path file) {
    AnnotationSession s = ws.session();
    Path media = ws.mediaPathProperty().get();
    if (s == null) {
      return;
    }
    Project snapshot = s.snapshot();
    long revision = s.revision();
    ws.projectFileProperty().set(file);
    write(snapshot, file, revision, () -> {
      ws.status("Saved " + file);
      ws.settings().addRecentFile(file);
      if (media != null) {
        recovery.discard(media);
      }
    });
  }

  /**
   * Writes unsaved changes: to the project file when there is one, else to the media's
   * recovery file. Called periodically by the main window and before closing.
   */
  public void autosave() {
    if (pendingWrites == 0) {
      flush();
    }
  }

  /** {@link #autosave} even while earlier writes are under way (they cannot land after it). */
  private void flush() {
    AnnotationSession s = ws.session();
    Path media = ws.mediaPathProperty().get();
    if (s == null || media == null || s.revision() == savedRevision) {
      return;
    }
    Path file = ws.projectFileProperty().get();
    Project snapshot = s.snapshot();
    long revision = s.revision();
    if (file != null) {
      write(snapshot, file, revision, () -> ws.status("Autosaved " + file.getFileName()));
    } else {
      try {
        Path target = recovery.prepare(media);
        writeRecovery(snapshot, target, revision);
      } catch (IOException e) {
        ws.status("Autosave failed: " + AnnotationEditor.message(e));
      }
    }
  }

  /** Blocks until written: used when the window closes, where nothing else must happen. */
  public void saveNowForExit() throws IOException {
    AnnotationSession s = ws.session();
    Path media = ws.mediaPathProperty().get();
    if (s == null || media == null || s.revision() == savedRevision) {
      return;
    }
    Path file = ws.projectFileProperty().get();
    // waits for a save or autosave under way, then lands last
    saveInOrder(s.snapshot(), file != null ? file : recovery.prepare(media), ++writeSeq);
  }

  /**
   * Writes {@code snapshot} (atomically) unless a write submitted after this one has already
   * landed in {@code target}: of two overlapping writes of a file the newer one wins.
   */
  private void saveInOrder(Project snapshot, Path target, long seq) throws IOException {
    synchronized (writeLock) {
      Path key = target.toAbsolutePath().normalize();
      if (newestWritten.getOrDefault(key, -1L) > seq) {
        return;
      }
      ProjectFile.save(snapshot, target);
      newestWritten.put(key, seq);
    }
  }

  private void writeRecovery(Project snapshot, Path target, long revision) {
    AnnotationSession owner = ws.session();
    long seq = ++writeSeq;
    pendingWrites++;
    ws.ioExecutor().submit(BackgroundTask.ofRunnable("Autosave",
            ctx -> saveInOrder(snapshot, target, seq))
        .onSuccess(v -> {
          if (ws.session() == owner) {
            savedRevision = Math.max(savedRevision, revision);
          }
        })
        .onFailure(e -> ws.status("Autosave failed: " + AnnotationEditor.message(e)))
        .onFinished(() -> pendingWrites--));
  }

  private void write(Project snapshot, Path file, long revision, Runnable done) {
    // a write finishing after the annotator opened another document must not mark that one
    // saved
    AnnotationSession owner = ws.session();
    long seq = ++writeSeq;
    pendingWrites++;
    ws.ioExecutor().submit(BackgroundTask.ofRunnable("Save project",
            ctx -> saveInOrder(snapshot, file, seq))
        .onSuccess(v -> {
          AnnotationSession s = ws.session();
          if (s == owner) {
            savedRevision = Math.max(savedRevision, revision);
            ws.dirtyProperty().set(s.revision() != savedRevision);
          }
          done.run();
        })
        .onFailure(e -> ws.status("Saving " + file + " failed: " + AnnotationEditor.message(e)))
        .onFinished(() -> pendingWrites--));
  }
}
