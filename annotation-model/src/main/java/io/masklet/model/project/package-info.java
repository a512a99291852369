/**
 * The annotation data: immutable records ({@link io.masklet.model.project.Project},
 * {@link io.masklet.model.project.MediaSource}, {@link io.masklet.model.project.TrackedObject},
 * {@link io.masklet.model.project.Masklet}, {@link io.masklet.model.project.FrameMask} with its
 * {@link io.masklet.model.project.Provenance}, {@link io.masklet.model.project.Prompt},
 * {@link io.masklet.model.project.InteractionEvent}, and what an imported SA-V or COCO file said
 * beyond the masks: {@link io.masklet.model.project.ImportOrigin}, and per object
 * {@link io.masklet.model.project.ObjectOrigin}) and one mutable holder,
 * {@link io.masklet.model.project.Annotation}, through which the UI and services edit the
 * working state frame by frame and take snapshots.
 *
 * <p>Design: masks are immutable COCO RLE values shared between snapshots, so replacing one
 * frame's mask is a map put and a snapshot never copies pixels. {@code Annotation} is confined
 * to one thread. {@link io.masklet.model.project.ProjectFile} saves a snapshot atomically and
 * loads it back with errors that name the file and JSON path.
 */
package io.masklet.model.project;
