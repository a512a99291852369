package io.masklet.engine.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Port of {@code torch.nn.ModuleList} / {@code nn.Sequential} naming: children are "0", "1", ... */
public final class ModuleList<M extends Module> extends Module {
  private final List<M> items = new ArrayList<>();

  public ModuleList<M> add(M module) {
    items.add(child(Integer.toString(items.size()), module));
    return this;
  }

  public M get(int i) {
    return items.get(i);
  }

  public int size() {
    return items.size();
  }

  public List<M> items() {
    return Collections.unmodifiableList(items);
  }
}
