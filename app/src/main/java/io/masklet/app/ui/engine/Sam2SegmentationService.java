package io.masklet.app.ui.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.masklet.app.ui.session.FramePrompts;
import io.masklet.app.ui.task.TaskContext;
import io.masklet.engine.config.Sam2Configs;
import io.masklet.engine.modeling.Sam2Model;
import io.masklet.engine.modeling.Sam2Models;
import io.masklet.engine.predictor.video.CancelToken;
import io.masklet.engine.predictor.video.FrameImages;
import io.masklet.engine.predictor.video.ForgottenFrames;
import io.masklet.engine.predictor.video.FrameResult;
import io.masklet.engine.predictor.video.InferenceState;
import io.masklet.engine.predictor.video.ObjectMask;
import io.masklet.engine.predictor.video.ObjectTrack;
import io.masklet.engine.predictor.video.PropagationListener;
import io.masklet.engine.predictor.video.SAM2VideoPredictor;
import io.masklet.engine.preprocess.VideoFrameTransform;
import io.masklet.engine.tracking.Sam2BaseTracking;
import io.masklet.engine.tracking.TrackingOptions;
import io.masklet.engine.video.FrameSource;
import io.masklet.model.project.PointPrompt;
import io.masklet.model.rle.Rle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The workstation's door to the SAM 2.1 engine: one {@link SAM2VideoPredictor} with one
 * inference state for the open video. Calls are serialised (the tracking state is not
 * thread-safe) and all tensors live under this service's NDManager.
 */
public final class Sam2SegmentationService implements SegmentationService {
  private final Supplier<FeatureDiskCache> featureDisk;
  private final EngineThreads threads;
  private NDManager root;
  private Sam2Model model;
  private SAM2VideoPredictor predictor;
  /**
   * Published for the UI thread, which asks {@link #isLoaded()} on every frame change and must
   * not wait for the lock a propagation holds for minutes.
   */
  private volatile ModelInfo info;
  private FrameSource frames;
  private InferenceState state;
  /** The click rehearsal's progress; the JIT's warm-up is the process's, so never reset. */
  private final RehearsalPolicy rehearsal = new RehearsalPolicy();
  /** Published after every engine step for the UI, which must not wait for the lock. */
  private volatile FeatureCacheUse cacheUse = FeatureCacheUse.NONE;

  /** Image features in memory only (16 frames), every call on all of libtorch's threads. */
  public Sam2SegmentationService() {
    this(FeatureDiskCache::off, EngineThreads.forThisJvm(new AnnotatorActivity()));
  }

  /**
   * With a disk tier for image features, asked for each video opened (a changed setting applies
   * from the next video on), and libtorch's threads per call as {@code threads} has them.
   */
  public Sam2SegmentationService(Supplier<FeatureDiskCache> featureDisk, EngineThreads threads) {
    this.featureDisk = featureDisk;
    this.threads = threads;
  }

  @Override
  public synchronized ModelInfo loadCheckpoint(Path checkpoint, Path config, TaskContext ctx)
      throws IOException {
    ctx.updateMessage("Loading " + checkpoint.getFileName());
    Path cfg = config != null ? config : Sam2Configs.configNextTo(checkpoint);
    Sam2Model loaded = Sam2Models.load(checkpoint, cfg);
    closeState();
    if (model != null) {
      model.close();
    }
    if (root == null) {
      root = NDManager.newBaseManager("PyTorch");
    }
    model = loaded;
    threads.interactive();
    int size = loaded.config().imageSize();
    // Bounded memory: outputs evicted from the memory bank are spilled to disk and restored
    // around a correction behind the propagation head, with results identical to the
    // unbounded (official) bank, so long videos do not grow the heap frame by frame.
    predictor = newPredictor();
    String device = "CPU, " + Engine.getInstance().getEngineName() + " "
        + Engine.getInstance().getVersion();
    info = new ModelInfo(modelName(checkpoint, cfg), checkpoint, device, size);
    if (frames != null) {
      initState();
    }
    return info;
  }

  private static String modelName(Path checkpoint, Path config) {
    String n = checkpoint.getFileName().toString();
    return config == null ? n : n + " (" + config.getFileName() + ")";
  }

  @Override
  public ModelInfo model() {
    return info;
  }

  @Override
  public synchronized void openVideo(FrameSource source, TaskContext ctx) throws IOException {
    closeState();
    if (frames != null) {
      frames.close();
    }
    frames = source;
    if (predictor != null) {
      threads.interactive();
      initState();
    }
  }

  private SAM2VideoPredictor newPredictor() {
    SAM2VideoPredictor.Settings settings = SAM2VideoPredictor.Settings.defaults();
    FeatureDiskCache disk = featureDisk.get();
    if (disk.enabled()) {
      settings = settings.withFeatureDisk(disk.directory(), disk.bytes());
    }
    return new SAM2VideoPredictor(new Sam2BaseTracking(model.net()), WORKSTATION_TRACKING
        .apply(TrackingOptions.sam21Video(model.config().imageSize())), settings);
  }

  /**
   * The workstation makes every frame the annotator prompts a conditioning frame, also one
   * propagation already reached ({@code add_all_frames_to_correct_as_cond}, an official option
   * of the video predictor). With the SAM 2.1 default (off) a correction on a tracked frame is
   * an ordinary tracked output, which the next propagation through that frame recomputes from
   * memory: the correction (a click, a painted mask, "not on this frame") would stay on screen
   * but stop steering the frames after it. The click itself is still computed as the official
   * correction (memory-conditioned, with the previous mask); only where it is kept changes.
   */
  static final java.util.function.UnaryOperator<TrackingOptions> WORKSTATION_TRACKING =
      o -> o.withAddAllFramesToCorrectAsCond(true);

  private void initState() {
    predictor = newPredictor();
    int size = info.imageSize();
    FrameSource src = frames;
    FrameImages images = new FrameImages() {
      @Override
      public int numFrames() {
        return src.frameCount();
      }

      @Override
      public int videoHeight() {
        return src.height();
      }

      @Override
      public int videoWidth() {
        return src.width();
      }

      @Override
      public NDArray image(int index, NDManager manager) throws IOException {
        return VideoFrameTransform.toModelInput(src.frame(index), size, manager);
      }
    };
    state = predictor.initState(images, root);
    publishCacheUse();
  }

  @Override
  public FeatureCacheUse featureCacheUse() {
    return cacheUse;
  }

  private void publishCacheUse() {
    InferenceState s = state;
    cacheUse = s == null ? FeatureCacheUse.NONE : new FeatureCacheUse(
        s.featureCache().framesOnDisk(), s.featureCache().diskBytes(),
        s.featureCache().diskOff().orElse(null));
  }

  private InferenceState requireState() throws IOException {
    if (predictor == null) {
      throw new IOException("no SAM 2.1 checkpoint is loaded");
    }
    if (state == null) {
      throw new IOException("no video is open in the engine");
    }
    return state;
  }

  @Override
  public synchronized Prediction predict(int frame, int objectId, FramePrompts prompts,
      TaskContext ctx) throws IOException {
    InferenceState s = requireState();
    threads.interactive();
    float[][] points = null;
    int[] labels = null;
    if (!prompts.points().isEmpty()) {
      points = new float[prompts.points().size()][];
      labels = new int[points.length];
      for (int i = 0; i < points.length; i++) {
        PointPrompt p = prompts.points().get(i);
        points[i] = new float[] {(float) p.x(), (float) p.y()};
        labels[i] = p.samLabel();
      }
    }
    float[] box = prompts.box() == null ? null : new float[] {(float) prompts.box().x0(),
        (float) prompts.box().y0(), (float) prompts.box().x1(), (float) prompts.box().y1()};
    SAM2VideoPredictor.PromptResult r =
        predictor.addNewPointsOrBox(s, frame, objectId, points, labels, box, true,
            SAM2VideoPredictor.Masks.PROMPTED_OBJECT);
    publishCacheUse();
    return prediction(frame, objectId, r);
  }

  @Override
  public synchronized boolean prepareFrame(int frame, int objectId, TaskContext ctx) {
    if (predictor == null || state == null || frame < 0 || frame >= state.numFrames()) {
      return false;
    }
    threads.interactive();
    boolean encoded = predictor.encodeFrame(state, frame);
    boolean corrected = objectId > 0 && !ctx.isCancelled()
        && predictor.prepareCorrection(state, frame, objectId);
    publishCacheUse();
    return encoded || corrected;
  }

  /**
   * Rehearses one decoder pass at a time, first clicks and corrections alternating (see {@link
   * RehearsalPolicy} for how many). Measured through this service (tiny at 1024, random weights,
   * bedroom.mp4, 2 cores, {@code FirstClicksBench}, three alternating pairs of runs): the first
   * 20 clicks after opening a video averaged 68–74 ms without a rehearsal (the first one 102–127
   * ms, the slowest 128–141 ms) and 47–53 ms after it (the first 48–51 ms, the slowest 65–85 ms);
   * it ran 40–42 clicks in 2.2–2.3 s in the background. The steady click is 41–43 ms there.
   */
  @Override
  public synchronized boolean rehearseClicks(int frame, TaskContext ctx) {
    if (rehearsal.finished()) {
      return true;
    }
    if (predictor == null || state == null || frame < 0 || frame >= state.numFrames()) {
      return false;
    }
    threads.interactive();
    InferenceState s = state;
    while (!rehearsal.finished() && !ctx.isCancelled()) {
      int k = rehearsal.rehearsed();
      // spread over the frame (an R2 low-discrepancy sequence), so masks differ in size
      float x = (float) ((0.5 + k * 0.7548776662) % 1.0) * (s.videoWidth() - 1);
      float y = (float) ((0.5 + k * 0.5698402910) % 1.0) * (s.videoHeight() - 1);
      if (!rehearsal.rehearse(() -> predictor.rehearseClick(s, frame, x, y, k % 2 == 1))) {
        return false; // the frame is not encoded: a rehearsal never runs the image encoder
      }
    }
    return rehearsal.finished();
  }

  /** Clicks rehearsed so far (see {@link #rehearseClicks}). */
  synchronized int rehearsedClicks() {
    return rehearsal.rehearsed();
  }

  private static Prediction prediction(int frame, int objectId, SAM2VideoPredictor.PromptResult r)
      throws IOException {
    for (ObjectMask m : r.masks()) {
      if (m.objId() == objectId) {
        return new Prediction(frame, objectId, m.mask(), m.objectScore());
      }
    }
    throw new IOException("the engine returned no mask for object " + objectId + " on frame "
        + frame);
  }

  @Override
  public synchronized void setMaskPrompt(int frame, int objectId, Rle mask, TaskContext ctx)
      throws IOException {
    InferenceState s = requireState();
    threads.interactive();
    predictor.addNewMask(s, frame, objectId, mask.decode(), mask.height(), mask.width(),
        SAM2VideoPredictor.Masks.PROMPTED_OBJECT);
  }

  @Override
  public synchronized void clearPrompts(int frame, int objectId, TaskContext ctx)
      throws IOException {
    InferenceState s = requireState();
    ObjectTrack t = s.object(objectId);
    if (t == null) {
      return;
    }
    predictor.clearAllPromptsInFrame(s, frame, objectId);
    if (t.promptedFrames().isEmpty()) {
      // an object without any prompt cannot be tracked: the predictor refuses to propagate
      predictor.removeObject(s, objectId, false);
    }
  }

  @Override
  public synchronized ForgottenTracking forgetTracking(int objectId, java.util.Set<Integer> frames,
      TaskContext ctx) throws IOException {
    return new Forgotten(this, predictor.forgetTrackedFrames(requireState(), objectId, frames));
  }

  @Override
  public synchronized int restoreTracking(ForgottenTracking forgotten, TaskContext ctx) {
    if (!(forgotten instanceof Forgotten f) || f.service() != this || state == null) {
      forgotten.close();
      return 0;
    }
    // the predictor checks that the snapshot belongs to this state and the object's track
    return predictor.restoreTrackedFrames(state, f.frames());
  }

  /**
   * The engine's snapshot of forgotten frames, released under the service's lock: it gives
   * spill-file space back to the tracking state, which the engine thread may be using.
   */
  private record Forgotten(Sam2SegmentationService service, ForgottenFrames frames)
      implements ForgottenTracking {
    @Override
    public void close() {
      synchronized (service) {
        frames.close();
      }
    }
  }

  /** Native arrays under this service's manager (a leak check for tests). */
  synchronized int liveArrays() {
    return root == null ? 0 : ((ai.djl.ndarray.BaseNDManager) root).getManagedArrays().size();
  }

  @Override
  public synchronized void removeObject(int objectId, TaskContext ctx) throws IOException {
    predictor.removeObject(requireState(), objectId, false);
  }

  @Override
  public synchronized void propagate(int startFrame, Direction direction, int maxFrames,
      Set<Integer> objectIds, PropagationSink sink, TaskContext ctx) throws IOException {
    InferenceState s = requireState();
    if (s.objIds().isEmpty()) {
      throw new IOException("nothing to propagate: no object has prompts in the engine");
    }
    if (objectIds != null && !s.objIds().containsAll(objectIds)) {
      throw new IOException("nothing to propagate for object " + objectIds.stream()
          .filter(id -> !s.objIds().contains(id)).findFirst().orElseThrow()
          + ": it has no prompts in the engine");
    }
    threads.propagationFrame();
    int n = s.numFrames();
    int max = maxFrames <= 0 ? n : maxFrames;
    int forward = direction == Direction.BACKWARD ? 0 : Math.min(n - startFrame, max + 1);
    int backward = direction == Direction.FORWARD || startFrame == 0 ? 0
        : Math.min(startFrame + 1, max + 1);
    int total = forward + backward;
    CancelToken cancel = new CancelToken();
    int[] done = {0};
    PropagationListener listener = new PropagationListener() {
      @Override
      public void onFrame(FrameResult result) {
        List<Prediction> preds = new ArrayList<>();
        for (ObjectMask m : result.objects()) {
          preds.add(new Prediction(result.frameIdx(), m.objId(), m.mask(), m.objectScore()));
        }
        publishCacheUse();
        sink.frameDone(result.frameIdx(), preds, ++done[0], total);
        if (ctx.isCancelled()) {
          cancel.cancel();
        }
        threads.propagationFrame(); // for the next frame
      }
    };
    Integer limit = maxFrames <= 0 ? null : maxFrames;
    if (forward > 0) {
      predictor.propagate(s, objectIds, startFrame, limit, false, listener, cancel);
    }
    if (backward > 0 && !cancel.isCancelled()) {
      predictor.propagate(s, objectIds, startFrame, limit, true, listener, cancel);
    }
    if (cancel.isCancelled() || ctx.isCancelled()) {
      throw new CancellationException("propagation cancelled after " + done[0] + " frames");
    }
  }

  @Override
  public synchronized void resetState(TaskContext ctx) throws IOException {
    predictor.resetState(requireState());
  }

  private void closeState() {
    if (state != null) {
      state.close();
      state = null;
    }
    cacheUse = FeatureCacheUse.NONE;
  }

  @Override
  public synchronized void close() {
    closeState();
    try {
      if (frames != null) {
        frames.close();
      }
    } catch (IOException e) {
      System.err.println("masklet: closing the engine's video failed: " + e.getMessage());
    }
    frames = null;
    if (model != null) {
      model.close();
      model = null;
    }
    if (root != null) {
      root.close();
      root = null;
    }
  }
}
