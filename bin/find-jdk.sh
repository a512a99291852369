# Sourced by ./mvn21 and ./masklet: prints the home of a JDK >= 21 or fails with a clear reason.
masklet_java_major() {
  # "openjdk version "25.0.1" ..." / "java version "21"" -> 25 / 21
  "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}'
}
masklet_find_jdk() {
  local want=21 candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major="$(masklet_java_major "$JAVA_HOME")"
    if [ "${major:-0}" -ge "$want" ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/javac" ] || continue
    major="$(masklet_java_major "$candidate")"
    if [ "${major:-0}" -ge "$want" ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return 0; fi
  if command -v javac >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    major="$(masklet_java_major "$candidate")"
    if [ "${major:-0}" -ge "$want" ]; then echo "$candidate"; return 0; fi
  fi
  echo "masklet: no JDK $want or newer found (set JAVA_HOME to one)" >&2
  return 1
}
