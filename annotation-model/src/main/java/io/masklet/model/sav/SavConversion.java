package io.masklet.model.sav;

import io.masklet.model.project.FrameMask;
import io.masklet.model.project.Masklet;
import io.masklet.model.project.MediaSource;
import io.masklet.model.project.Project;
import io.masklet.model.project.Provenance;
import io.masklet.model.project.TrackedObject;
import io.masklet.model.rle.Rle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * SA-V ⇄ project. Annotated frame {@code f} of an SA-V file is video frame
 * {@code f × stride}: stride 4 in the release, 1 in files this class writes for masks on other
 * frames (see {@link #annotationStride}). SA-V has no labels, prompts or per-frame
 * provenance: imported masks are {@link Provenance#EDITED} (human-made) and unscored, objects
 * are labelled "object"; exporting recomputes the statistics from the masks and counts frames
 * with prompted or edited masks as {@code masklet_edited_frame_count}.
 *
 * <p>SA-V counts masklet ids from 0, projects count objects from 1 (0 is the background of an
 * indexed PNG mask and "no object" in the workstation): masklet {@code k} is object
 * {@code k + 1}, both ways, so an SA-V file comes back with its own ids. A project that has an
 * object 0 (converted by an earlier version) is written with its ids as they are.
 */
public final class SavConversion {
  private SavConversion() {}

  public static final String DEFAULT_LABEL = "object";
  /** Object id of masklet 0. */
  public static final int ID_OFFSET = 1;

  public static Project toProject(SavVideo v, String videoLocation) {
    int stride = annotationStride(v);
    int frameCount = Math.max(v.videoFrameCount(), (v.frames().size() - 1) * stride + 1);
    double fps = v.videoDuration() > 0 ? v.videoFrameCount() / v.videoDuration() : 0;
    MediaSource src = new MediaSource(MediaSource.Kind.VIDEO, videoLocation, frameCount, fps,
        v.videoWidth(), v.videoHeight());
    List<TrackedObject> objects = new ArrayList<>();
    List<Masklet> masklets = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < v.masklets().size(); i++) {
      int id = v.masklets().get(i).id();
      if (!ids.add(id)) {
        throw new IllegalArgumentException("masklet id " + id + " is used twice");
      }
      int objectId = id + ID_OFFSET;
      objects.add(new TrackedObject(objectId, DEFAULT_LABEL,
          TrackedObject.defaultColor(objectId)));
      TreeMap<Integer, FrameMask> frames = new TreeMap<>();
      for (int f = 0; f < v.frames().size(); f++) {
        frames.put(f * stride, FrameMask.unscored(v.frames().get(f).get(i), Provenance.EDITED));
      }
      masklets.add(new Masklet(objectId, frames));
    }
    return new Project(src, objects, masklets, List.of(), List.of());
  }

  /**
   * Video frames per annotated frame of {@code v}: 1 when it has a row for every video frame
   * ({@link #fromProject} writes such files when masks sit on frames that are not multiples of
   * 4), else the release's 4 (483 frames, 121 rows in {@code sav_000001}). The two agree for
   * 0- and 1-frame videos only, where the stride does not matter.
   */
  public static int annotationStride(SavVideo v) {
    return v.videoFrameCount() > 0 && v.frames().size() == v.videoFrameCount()
        ? 1 : SavVideo.ANNOTATION_STRIDE;
  }

  /**
   * {@code written} with what a project cannot carry taken from {@code original}, the SA-V file
   * it was converted from: environment, split, and per masklet id the edited-frame count, type
   * and stability scores (a project marks every imported mask as hand-made, so it would count
   * every annotated frame as edited). For SA-V → SA-V conversions, where the masks are the
   * original's.
   */
  public static SavVideo withMetadataOf(SavVideo written, SavVideo original) {
    java.util.Map<Integer, SavMasklet> byId = new java.util.HashMap<>();
    original.masklets().forEach(m -> byId.put(m.id(), m));
    List<SavMasklet> masklets = new ArrayList<>();
    for (SavMasklet m : written.masklets()) {
      SavMasklet o = byId.get(m.id());
      masklets.add(o == null ? m : new SavMasklet(m.id(), m.sizeRel(), m.sizeAbs(),
          m.sizeBucket(), m.visibilityChanges(), m.firstAppearedFrame(), m.frameCount(),
          o.editedFrameCount(), o.type(), o.stabilityScores()));
    }
    return new SavVideo(written.videoId(), written.videoDuration(), written.videoFrameCount(),
        written.videoHeight(), written.videoWidth(), written.videoResolution(),
        original.videoEnvironment(), original.videoSplit(), written.frames(), masklets);
  }

  /**
   * The project's masklets on annotated frames {@code 0, stride, 2·stride, ...}: stride 4 (the
   * SA-V convention) when every masked frame is a multiple of 4, else 1. Objects without a mask
   * on an annotated frame get an empty mask there.
   */
  public static SavVideo fromProject(Project p, String videoId) {
    MediaSource s = p.source();
    int stride = SavVideo.ANNOTATION_STRIDE;
    for (Masklet m : p.masklets()) {
      for (int f : m.frames().keySet()) {
        if (f % stride != 0) {
          stride = 1;
        }
      }
    }
    int annotated = (s.frameCount() + stride - 1) / stride;
    List<TrackedObject> objects = p.objects();
    List<List<Rle>> frames = new ArrayList<>(annotated);
    Rle empty = Rle.empty(s.height(), s.width());
    for (int f = 0; f < annotated; f++) {
      List<Rle> row = new ArrayList<>(objects.size());
      for (TrackedObject o : objects) {
        Masklet m = p.masklet(o.id());
        FrameMask fm = m == null ? null : m.at(f * stride);
        row.add(fm == null ? empty : fm.rle());
      }
      frames.add(row);
    }
    int offset = objects.stream().allMatch(o -> o.id() >= ID_OFFSET) ? ID_OFFSET : 0;
    List<SavMasklet> masklets = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      Masklet m = p.masklet(objects.get(i).id());
      int edited = 0;
      if (m != null) {
        for (var e : m.frames().entrySet()) {
          if (e.getKey() % stride == 0 && e.getValue().provenance() != Provenance.PROPAGATED) {
            edited++;
          }
        }
      }
      SavStats st = SavStats.of(frames, i, s.height(), s.width());
      masklets.add(new SavMasklet(objects.get(i).id() - offset, st.sizeRel(), st.sizeAbs(),
          st.sizeBucket(), st.visibilityChanges(), st.firstAppearedFrame(), st.frameCount(),
          edited, "manual", null));
    }
    double duration = s.fps() > 0 ? s.frameCount() / s.fps() : 0;
    return new SavVideo(videoId, duration, s.frameCount(), s.height(), s.width(),
        (long) s.height() * s.width(), "", "", frames, masklets);
  }
}
