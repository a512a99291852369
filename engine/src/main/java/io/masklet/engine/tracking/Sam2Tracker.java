package io.masklet.engine.tracking;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Port of the tracking logic of sam2/modeling/sam2_base.py::SAM2Base ({@code track_step},
 * {@code _track_step}, {@code _prepare_memory_conditioned_features},
 * {@code _encode_new_memory}, {@code _forward_sam_heads}, {@code _use_mask_as_output},
 * {@code _use_multimask}) over a {@link Sam2TrackingModel}. Every call handles a batch of B
 * objects on the same frame; objects whose memory banks have the same token counts go through
 * memory attention together.
 */
public final class Sam2Tracker {
  /** The official NO_OBJ_SCORE: mask logits of frames where the object is absent. */
  public static final float NO_OBJ_SCORE = -1024f;

  private final Sam2TrackingModel model;
  private final TrackingOptions opt;

  /** Owns tensors derived once from the weights (reshaped views, the memory position grid). */
  private final NDManager derived;
  private NDArray[] tposRows;
  private NDArray noObjEmbed4d;

  public Sam2Tracker(Sam2TrackingModel model, TrackingOptions options) {
    this.model = model;
    this.opt = options;
    this.derived = model.noMemEmbed().getManager().newSubManager();
  }

  /**
   * A copy of a long-lived array (weights, stored memories) in {@code scope}: results of ops
   * belong to the manager of their first operand, so computing on the stored array directly
   * would park temporaries in the store.
   */
  static NDArray borrow(NDArray stored, NDManager scope) {
    NDArray d = stored.duplicate();
    d.attach(scope);
    return d;
  }

  /** Row i of {@code maskmem_tpos_enc} as (1, memDim), computed once. */
  private synchronized NDArray tposRow(int i) {
    if (tposRows == null) {
      NDArray t = model.maskmemTposEnc();
      long n = t.getShape().get(0);
      long memDim = t.getShape().get(3);
      tposRows = new NDArray[(int) n];
      for (int k = 0; k < n; k++) {
        NDArray row = t.get(new NDIndex(k)).reshape(1, memDim); // (1, 1, memDim) -> (1, memDim)
        row.attach(derived);
        tposRows[k] = row;
      }
    }
    return tposRows[i];
  }

  public Sam2TrackingModel model() {
    return model;
  }

  public TrackingOptions options() {
    return opt;
  }

  /**
   * The SAM heads' result for B objects (the official 7-tuple, without the multimask parts);
   * {@code highResMasks} null when not asked for.
   */
  public record SamOutputs(NDArray lowResMasks, NDArray highResMasks, NDArray objPtr,
      NDArray objectScoreLogits) {}

  /**
   * One tracking step's result for B objects: {@code predMasks} (B, 1, S/4, S/4) low-res
   * logits (before hole filling), {@code highResMasks} (B, 1, S, S) when the memory encoder ran
   * or a mask was used as output, else null, {@code objPtr} (B, C),
   * {@code objectScoreLogits} (B, 1), {@code maskmemFeatures} (B, memDim, H, W) in float32 or
   * null, {@code pixFeatWithMem} (B, C, H, W) the memory-conditioned features (null when the
   * mask was used as output).
   */
  public record StepOutput(NDArray predMasks, NDArray highResMasks, NDArray objPtr,
      NDArray objectScoreLogits, NDArray maskmemFeatures, NDArray pixFeatWithMem) {}

  /**
   * Port of {@code track_step}. {@code points} applies to a batch of one object (prompted
   * frames), else null; {@code maskInputs} (B, 1, S, S) or null; {@code memories} one per
   * object; {@code prevSamMaskLogits} (B, 1, S/4, S/4) or null.
   */
  public StepOutput trackStep(int frameIdx, boolean isInitCondFrame, BackboneFeatures feats, int batch,
      PointInputs points, NDArray maskInputs, List<ObjectMemory> memories, int numFrames,
      boolean reverse, boolean runMemEncoder, NDArray prevSamMaskLogits) {
    return trackStep(frameIdx, isInitCondFrame, feats, batch, points, maskInputs, memories,
        numFrames, reverse, runMemEncoder, prevSamMaskLogits, null);
  }

  /**
   * {@link #trackStep(int, boolean, BackboneFeatures, int, PointInputs, NDArray, List, int,
   * boolean, boolean, NDArray)} with the memory-conditioned features already known: when
   * {@code pixFeatWithMem} (B, C, H, W) is given, memory attention is not run (the caller
   * vouches that it was computed for this frame from these memories).
   */
  public StepOutput trackStep(int frameIdx, boolean isInitCondFrame, BackboneFeatures feats, int batch,
      PointInputs points, NDArray maskInputs, List<ObjectMemory> memories, int numFrames,
      boolean reverse, boolean runMemEncoder, NDArray prevSamMaskLogits, NDArray pixFeatWithMem) {
    NDManager m = feats.top().getManager();
    List<NDArray> highRes = new ArrayList<>();
    for (NDArray level : feats.highRes()) {
      highRes.add(expand(level, batch));
    }
    SamOutputs sam;
    boolean encodeMemory = runMemEncoder && opt.numMaskmem() > 0;
    if (maskInputs != null && opt.useMaskInputAsOutputWithoutSam()) {
      pixFeatWithMem = null;
      sam = useMaskAsOutput(expand(feats.top(), batch), highRes, maskInputs);
    } else {
      if (pixFeatWithMem == null) {
        pixFeatWithMem = prepareMemoryConditionedFeatures(frameIdx, isInitCondFrame, feats, batch,
            memories, numFrames, reverse);
      }
      NDArray maskPrompt = maskInputs;
      if (prevSamMaskLogits != null) {
        if (points == null || maskInputs != null) {
          throw new IllegalArgumentException("previous mask logits need points and no mask input");
        }
        maskPrompt = prevSamMaskLogits;
      }
      boolean multimask = useMultimask(isInitCondFrame, points);
      sam = forwardSamHeads(pixFeatWithMem, points, maskPrompt, highRes, multimask, encodeMemory,
          batch, m);
    }
    NDArray maskmem = null;
    if (encodeMemory) {
      maskmem = encodeNewMemory(feats, batch, sam.highResMasks(), sam.objectScoreLogits(),
          points != null);
    }
    return new StepOutput(sam.lowResMasks(), sam.highResMasks(), sam.objPtr(),
        sam.objectScoreLogits(), maskmem, pixFeatWithMem);
  }

  /** Port of {@code _use_multimask}. */
  boolean useMultimask(boolean isInitCondFrame, PointInputs points) {
    int numPts = points == null ? 0 : points.size();
    return opt.multimaskOutputInSam()
        && (isInitCondFrame || opt.multimaskOutputForTracking())
        && opt.multimaskMinPtNum() <= numPts && numPts <= opt.multimaskMaxPtNum();
  }

  /** (1, C, H, W) → (B, C, H, W) by broadcasting (one image, B objects). */
  private static NDArray expand(NDArray x, int batch) {
    if (x.getShape().get(0) == batch) {
      return x;
    }
    long[] s = x.getShape().getShape().clone();
    s[0] = batch;
    return x.broadcast(new Shape(s));
  }

  /**
   * Port of {@code _forward_sam_heads}; {@code backbone} (B, C, H, W). The high-resolution
   * masks (B, 1, S, S) are made only with {@code needHighRes}: they feed only the memory
   * encoder (an interaction without it keeps the low-res masks), and upsampling 3 masks to
   * 1024² is a sizeable part of a click.
   */
  public SamOutputs forwardSamHeads(NDArray backbone, PointInputs points, NDArray maskInputs,
      List<NDArray> highRes, boolean multimask, boolean needHighRes, int batch, NDManager m) {
    NDArray coords;
    NDArray labels;
    if (points != null) {
      if (batch != 1) {
        throw new IllegalArgumentException("point prompts are given for one object at a time");
      }
      coords = m.create(points.coords(), new Shape(1, points.size(), 2));
      labels = m.create(points.labels(), new Shape(1, points.size()));
    } else {
      // no points: one padding point with label -1
      coords = m.zeros(new Shape(batch, 1, 2));
      labels = m.full(new Shape(batch, 1), -1, DataType.INT32);
    }
    NDArray maskPrompt = null;
    if (maskInputs != null) {
      int size = model.maskInputSize();
      long[] s = maskInputs.getShape().getShape();
      maskPrompt = s[2] != size || s[3] != size
          ? MaskOps.bilinearAntialias(maskInputs, size, size) : maskInputs;
    }
    Sam2TrackingModel.DecoderResult d = model.decode(backbone, coords, labels, maskPrompt, highRes, multimask);
    NDArray lowMulti = d.lowResMultimasks();
    NDArray score = d.objectScoreLogits();
    NDArray isObj = null;
    if (opt.predObjScores()) {
      isObj = score.gt(0f); // (B, 1)
      // the mask for memory is always a hard choice between object and no object
      NDArray cond = isObj.reshape(batch, 1, 1, 1); // (B, 1) -> (B, 1, 1, 1)
      lowMulti = NDArrays.where(cond.broadcast(lowMulti.getShape()), lowMulti,
          lowMulti.onesLike().mul(NO_OBJ_SCORE));
    }
    NDArray highMulti = needHighRes
        ? MaskOps.bilinear(lowMulti, opt.imageSize(), opt.imageSize()) : null;
    NDArray tokens = d.samOutputTokens(); // (B, T, C)
    NDArray token;
    NDArray low;
    NDArray high;
    if (multimask) {
      NDArray best = d.ious().argMax(-1); // (B)
      long[] bestIdx = best.toLongArray();
      List<NDArray> lows = new ArrayList<>();
      List<NDArray> highs = new ArrayList<>();
      List<NDArray> toks = new ArrayList<>();
      for (int b = 0; b < batch; b++) {
        long k = bestIdx[b];
        lows.add(lowMulti.get(new NDIndex(b + ":" + (b + 1) + ", " + k + ":" + (k + 1))));
        if (highMulti != null) {
          highs.add(highMulti.get(new NDIndex(b + ":" + (b + 1) + ", " + k + ":" + (k + 1))));
        }
        long tk = tokens.getShape().get(1) > 1 ? k : 0;
        toks.add(tokens.get(new NDIndex(b + ":" + (b + 1) + ", " + tk)));
      }
      low = NDArrays.concat(new NDList(lows), 0);
      high = highMulti == null ? null : NDArrays.concat(new NDList(highs), 0);
      token = NDArrays.concat(new NDList(toks), 0); // (B, C)
    } else {
      low = lowMulti;
      high = highMulti;
      token = tokens.get(new NDIndex(":, 0")); // (B, T, C) -> (B, C)
    }
    NDArray objPtr = model.objPtrProj(token);
    if (opt.predObjScores()) {
      NDArray lambda = opt.softNoObjPtr() ? score.getNDArrayInternal().sigmoid()
          : isObj.toType(DataType.FLOAT32, false);
      objPtr = mixNoObjPtr(objPtr, lambda);
    }
    return new SamOutputs(low, high, objPtr, score);
  }

  /** {@code obj_ptr = lambda * obj_ptr (if fixed) + (1 - lambda) * no_obj_ptr}, lambda (B, 1). */
  private NDArray mixNoObjPtr(NDArray objPtr, NDArray lambda) {
    if (opt.fixedNoObjPtr()) {
      objPtr = lambda.mul(objPtr);
    }
    return objPtr.add(lambda.mul(-1f).add(1f).mul(model.noObjPtr()));
  }

  /** Port of {@code _use_mask_as_output}; {@code maskInputs} (B, 1, S, S) binary. */
  public SamOutputs useMaskAsOutput(NDArray backbone, List<NDArray> highRes, NDArray maskInputs) {
    float outScale = 20f;
    float outBias = -10f;
    int batch = (int) maskInputs.getShape().get(0);
    NDArray maskF = maskInputs.toType(DataType.FLOAT32, false);
    NDArray high = maskF.mul(outScale).add(outBias);
    long[] s = high.getShape().getShape();
    NDArray low = MaskOps.bilinearAntialias(high, (int) (s[2] / 4), (int) (s[3] / 4));
    NDManager m = maskInputs.getManager();
    NDArray objPtr;
    if (!opt.useObjPtrsInEncoder()) {
      objPtr = m.zeros(new Shape(batch, model.hiddenDim()));
    } else {
      objPtr = forwardSamHeads(backbone, null, model.maskDownsample(maskF), highRes, false, false,
          batch, m).objPtr();
    }
    // whether the object appears follows the mask input, not the decoder's score
    NDArray lambda = maskF.reshape(batch, -1).max(new int[] {1}).gt(0f).toType(DataType.FLOAT32, false)
        .reshape(batch, 1); // (B) -> (B, 1)
    NDArray score = lambda.mul(outScale).add(outBias);
    if (opt.predObjScores()) {
      objPtr = mixNoObjPtr(objPtr, lambda);
    }
    return new SamOutputs(low, high, objPtr, score);
  }

  /** Memory tokens of one object: (M, memDim) features, their (M, memDim) positions. */
  private record MemoryTokens(NDArray memory, NDArray pos, int numPtrTokens) {}

  /**
   * The memory-conditioned features (1, C, H, W) of one object on a frame it was tracked on
   * (not an initial conditioning frame), exactly as {@link #trackStep} computes them there.
   */
  public NDArray memoryConditionedFeatures(int frameIdx, BackboneFeatures feats,
      ObjectMemory memory, int numFrames, boolean reverse) {
    return prepareMemoryConditionedFeatures(frameIdx, false, feats, 1, List.of(memory), numFrames,
        reverse);
  }

  /**
   * Port of {@code _prepare_memory_conditioned_features} for B objects sharing the frame's
   * features → (B, C, H, W).
   */
  NDArray prepareMemoryConditionedFeatures(int frameIdx, boolean isInitCondFrame,
      BackboneFeatures feats, int batch, List<ObjectMemory> memories, int numFrames,
      boolean reverse) {
    NDArray top = feats.top(); // (1, C, H, W)
    long c = top.getShape().get(1);
    long h = top.getShape().get(2);
    long w = top.getShape().get(3);
    if (opt.numMaskmem() == 0) {
      return expand(top, batch);
    }
    // (1, C, H, W) -> (1, C, HW) -> (1, HW, C)
    NDArray curr = top.reshape(1, c, h * w).transpose(0, 2, 1);
    NDArray currPos = feats.topPos().reshape(1, c, h * w).transpose(0, 2, 1);
    List<MemoryTokens> perObject = new ArrayList<>();
    if (isInitCondFrame) {
      if (opt.directlyAddNoMemEmbed()) {
        // (1, HW, C) + (1, 1, C) -> (1, HW, C) -> (1, C, H, W)
        NDArray out = curr.add(model.noMemEmbed()).transpose(0, 2, 1).reshape(1, c, h, w);
        return expand(out, batch);
      }
      NDManager scope = top.getManager();
      for (int b = 0; b < batch; b++) {
        perObject.add(new MemoryTokens(borrow(model.noMemEmbed(), scope).reshape(1, -1),
            borrow(model.noMemPosEnc(), scope).reshape(1, -1), 0));
      }
    } else {
      for (int b = 0; b < batch; b++) {
        perObject.add(gatherMemory(frameIdx, memories.get(b), numFrames, reverse, c, top.getManager()));
      }
    }
    // group objects whose memories have equal token counts and run them through together
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int b = 0; b < batch; b++) {
      MemoryTokens t = perObject.get(b);
      groups.computeIfAbsent(t.memory().getShape().get(0) + "/" + t.numPtrTokens(),
          k -> new ArrayList<>()).add(b);
    }
    NDArray[] outs = new NDArray[batch];
    for (List<Integer> g : groups.values()) {
      List<NDArray> mem = new ArrayList<>();
      List<NDArray> pos = new ArrayList<>();
      for (int b : g) {
        mem.add(perObject.get(b).memory().expandDims(0));
        pos.add(perObject.get(b).pos().expandDims(0));
      }
      int n = g.size();
      NDArray out = model.memoryAttention().forward(expand(curr, n),
          NDArrays.concat(new NDList(mem), 0), expand(currPos, n),
          NDArrays.concat(new NDList(pos), 0), perObject.get(g.get(0)).numPtrTokens());
      // (n, HW, C) -> (n, C, HW) -> (n, C, H, W)
      out = out.transpose(0, 2, 1).reshape(n, c, h, w);
      for (int i = 0; i < n; i++) {
        outs[g.get(i)] = out.get(new NDIndex(i + ":" + (i + 1)));
      }
    }
    return batch == 1 ? outs[0] : NDArrays.concat(new NDList(outs), 0);
  }

  /** The memory frames and object pointers one object attends to on {@code frameIdx}. */
  private MemoryTokens gatherMemory(int frameIdx, ObjectMemory mem, int numFrames,
      boolean reverse, long c, NDManager scope) {
    if (mem.cond().isEmpty()) {
      throw new IllegalStateException("tracking frame " + frameIdx + " needs a conditioning frame");
    }
    CondFrameSelection.Selection sel = CondFrameSelection.selectClosest(frameIdx, mem.cond(),
        opt.maxCondFramesInAttn());
    List<Integer> tPos = new ArrayList<>();
    List<FrameOutput> prevs = new ArrayList<>();
    for (FrameOutput o : sel.selected().values()) {
      tPos.add(0);
      prevs.add(o);
    }
    int stride = opt.memoryTemporalStrideForEval();
    int nm = opt.numMaskmem();
    for (int t = 1; t < nm; t++) {
      int tRel = nm - t;
      int prevIdx;
      if (tRel == 1) {
        prevIdx = reverse ? frameIdx + tRel : frameIdx - tRel;
      } else if (!reverse) {
        prevIdx = Math.floorDiv(frameIdx - 2, stride) * stride;
        prevIdx = prevIdx - (tRel - 2) * stride;
      } else {
        prevIdx = -Math.floorDiv(-(frameIdx + 2), stride) * stride;
        prevIdx = prevIdx + (tRel - 2) * stride;
      }
      FrameOutput out = mem.nonCond().get(prevIdx);
      if (out == null) {
        out = sel.unselected().get(prevIdx);
      }
      if (out != null) {
        tPos.add(t);
        prevs.add(out);
      }
    }
    long memDim = model.maskmemTposEnc().getShape().get(3);
    NDArray posFlat = borrow(maskmemPosFlat(), scope); // (HW, memDim)
    long hw = posFlat.getShape().get(0);
    List<NDArray> memTokens = new ArrayList<>();
    List<NDArray> posTokens = new ArrayList<>();
    for (int i = 0; i < prevs.size(); i++) {
      NDArray f = prevs.get(i).maskmemFeatures();
      if (f == null) {
        throw new IllegalStateException("memory of a frame before " + frameIdx + " was not encoded");
      }
      // (1, memDim, H, W) -> (memDim, HW) -> (HW, memDim)
      memTokens.add(borrow(f, scope).reshape(memDim, hw).transpose());
      int idx = nm - tPos.get(i) - 1;
      posTokens.add(posFlat.add(tposRow(idx)));
    }
    int numPtrTokens = 0;
    if (opt.useObjPtrsInEncoder()) {
      int maxPtrs = Math.min(numFrames, opt.maxObjPtrsInEncoder());
      List<Integer> posList = new ArrayList<>();
      List<NDArray> ptrs = new ArrayList<>();
      int sign = reverse ? -1 : 1;
      for (Map.Entry<Integer, FrameOutput> e : sel.selected().entrySet()) {
        int t = e.getKey();
        if (opt.onlyObjPtrsInThePastForEval() && !(reverse ? t >= frameIdx : t <= frameIdx)) {
          continue;
        }
        posList.add(opt.useSignedTposEncToObjPtrs() ? (frameIdx - t) * sign : Math.abs(frameIdx - t));
        ptrs.add(borrow(e.getValue().objPtr(), scope));
      }
      for (int tDiff = 1; tDiff < maxPtrs; tDiff++) {
        int t = reverse ? frameIdx + tDiff : frameIdx - tDiff;
        if (t < 0 || t >= numFrames) {
          break;
        }
        FrameOutput out = mem.nonCond().get(t);
        if (out == null) {
          out = sel.unselected().get(t);
        }
        if (out != null) {
          posList.add(tDiff);
          ptrs.add(borrow(out.objPtr(), scope));
        }
      }
      if (!ptrs.isEmpty()) {
        NDManager m = scope;
        NDArray objPtrs = NDArrays.concat(new NDList(ptrs), 0); // (P, C)
        int p = ptrs.size();
        NDArray objPos;
        if (opt.addTposEncToObjPtrs()) {
          float tDiffMax = maxPtrs - 1;
          float[] rel = new float[p];
          for (int i = 0; i < p; i++) {
            rel[i] = posList.get(i) / tDiffMax;
          }
          int tposDim = opt.projTposEncInObjPtrs() ? (int) c : (int) memDim;
          objPos = model.objPtrTposProj(MaskOps.sinePe1d(m.create(rel), tposDim)); // (P, memDim)
        } else {
          objPos = m.zeros(new Shape(p, memDim));
        }
        if (memDim < c) {
          long split = c / memDim;
          // each pointer (C) becomes C/memDim tokens: (P, C) -> (P*split, memDim)
          objPtrs = objPtrs.reshape(p * split, memDim);
          objPos = objPos.repeat(0, split); // repeat_interleave along the pointers
        }
        memTokens.add(objPtrs);
        posTokens.add(objPos);
        numPtrTokens = (int) objPtrs.getShape().get(0);
      }
    }
    return new MemoryTokens(NDArrays.concat(new NDList(memTokens), 0),
        NDArrays.concat(new NDList(posTokens), 0), numPtrTokens);
  }

  /** The memory encoder's position encoding as (HW, memDim): the same for every frame. */
  private NDArray maskmemPosFlat;

  private synchronized NDArray maskmemPosFlat() {
    if (maskmemPosFlat == null) {
      throw new IllegalStateException("no memory was encoded yet");
    }
    return maskmemPosFlat;
  }

  private synchronized void rememberMaskmemPosEnc(NDArray pos) {
    if (maskmemPosFlat == null) {
      long[] s = pos.getShape().getShape();
      // (B, memDim, H, W) -> (memDim, H*W) -> (H*W, memDim)
      NDArray p = pos.get(new NDIndex("0")).reshape(s[1], s[2] * s[3]).transpose().duplicate();
      p.attach(derived);
      maskmemPosFlat = p;
    }
  }

  /**
   * Port of {@code _encode_new_memory}: the frame's raw top-level features fused with the
   * (binarized or sigmoid, scaled and shifted) high-res mask → (B, memDim, H, W) float32.
   */
  public NDArray encodeNewMemory(BackboneFeatures feats, int batch, NDArray predMasksHighRes,
      NDArray objectScoreLogits, boolean isMaskFromPts) {
    NDArray pixFeat = expand(feats.top(), batch);
    NDArray masks = predMasksHighRes;
    if (opt.nonOverlapMasksForMemEnc()) {
      masks = applyNonOverlappingConstraints(masks);
    }
    NDArray maskForMem = opt.binarizeMaskFromPtsForMemEnc() && isMaskFromPts
        ? masks.gt(0f).toType(DataType.FLOAT32, false)
        : masks.getNDArrayInternal().sigmoid();
    if (opt.sigmoidScaleForMemEnc() != 1f) {
      maskForMem = maskForMem.mul(opt.sigmoidScaleForMemEnc());
    }
    if (opt.sigmoidBiasForMemEnc() != 0f) {
      maskForMem = maskForMem.add(opt.sigmoidBiasForMemEnc());
    }
    var out = model.memoryEncoder().forward(pixFeat, maskForMem, true);
    rememberMaskmemPosEnc(out.pos());
    NDArray features = out.features();
    NDArray noObj = noObjEmbed4d();
    if (noObj != null) {
      // (B, 1) -> (B, 1, 1, 1); (1, memDim) -> (1, memDim, 1, 1)
      NDArray absent = objectScoreLogits.gt(0f).toType(DataType.FLOAT32, false).mul(-1f).add(1f)
          .reshape(batch, 1, 1, 1);
      features = features.add(absent.mul(noObj));
    }
    return features;
  }

  /** {@code no_obj_embed_spatial} as (1, memDim, 1, 1), or null. */
  private synchronized NDArray noObjEmbed4d() {
    if (noObjEmbed4d == null && model.noObjEmbedSpatial() != null) {
      noObjEmbed4d = model.noObjEmbedSpatial().reshape(1, -1, 1, 1); // (1, memDim) -> (1, memDim, 1, 1)
      noObjEmbed4d.attach(derived);
    }
    return noObjEmbed4d;
  }

  /** Port of {@code _apply_non_overlapping_constraints}: only the top object keeps its score. */
  public static NDArray applyNonOverlappingConstraints(NDArray predMasks) {
    long b = predMasks.getShape().get(0);
    if (b == 1) {
      return predMasks;
    }
    NDArray maxIdx = predMasks.argMax(0).expandDims(0); // (1, 1, H, W)
    NDArray objIdx = predMasks.getManager().arange(b).toType(maxIdx.getDataType(), false)
        .reshape(b, 1, 1, 1);
    NDArray keep = maxIdx.eq(objIdx);
    return NDArrays.where(keep, predMasks, predMasks.minimum(-10f));
  }
}
