package io.masklet.app;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (set by Maven), so the CLI, the UI and the installers agree. */
public final class MaskletVersion implements IVersionProvider {
  public static String version() {
    String v = Masklet.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"Masklet Studio " + version()};
  }
}
