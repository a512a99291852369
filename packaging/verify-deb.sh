#!/usr/bin/env bash
# Builds the Linux installer (.deb), installs it with dpkg, runs the installed launcher
# headless (--help, --version, sample-data, frames, convert, and an engine command when the
# micro fixture is at hand) with a fresh HOME and, when possible, without network, then removes
# the package. CI runs it after the Maven tests (.ci/run). Skips with a message where it cannot
# run (not Linux, no dpkg/fakeroot, not root).
#
#   packaging/verify-deb.sh            # build + install + check + remove
#   VERIFY_DEB_SKIP_BUILD=1 packaging/verify-deb.sh   # reuse packaging/target/installer/*.deb
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="$root/../shared"
pkg=masklet-studio
launcher=/opt/masklet-studio/bin/masklet

skip() { echo "verify-deb: skipped: $*"; exit 0; }
[ "$(uname -s)" = Linux ] || skip "not Linux"
command -v dpkg >/dev/null 2>&1 || skip "no dpkg (not a Debian-like system)"
command -v fakeroot >/dev/null 2>&1 || skip "no fakeroot (jpackage needs it to build a .deb)"
if [ "$(id -u)" = 0 ]; then
  SUDO=()
elif sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  skip "not root and no password-less sudo (dpkg -i needs root)"
fi
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
  echo "verify-deb: $pkg is already installed on this machine; refusing to replace it" >&2
  exit 1
fi

t0=$(date +%s)
if [ -z "${VERIFY_DEB_SKIP_BUILD:-}" ]; then
  echo "verify-deb: building the .deb (jlink + jpackage)..."
  ./mvn21 -B -ntp -q -pl packaging -am package -DskipTests -Dinstaller
fi
t1=$(date +%s)
shopt -s nullglob
debs=(packaging/target/installer/*.deb)
[ ${#debs[@]} -eq 1 ] || { echo "verify-deb: expected one .deb, found ${#debs[@]}" >&2; exit 1; }
deb="${debs[0]}"
echo "verify-deb: $(basename "$deb"): $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1))"

work="$(mktemp -d)"
cleanup() {
  "${SUDO[@]}" dpkg --purge "$pkg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
if ! "${SUDO[@]}" dpkg -i "$deb" >"$work/dpkg.log" 2>&1; then
  # dpkg does not fetch dependencies (xdg-utils for the menu entry and file association);
  # apt completes the half-configured install from its cache or mirror, as `apt install ./x.deb`.
  echo "verify-deb: dpkg -i left dependencies open; completing with apt-get -f install"
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -f install -y --no-install-recommends \
      >>"$work/dpkg.log" 2>&1; then
    cat "$work/dpkg.log" >&2
    echo "verify-deb: FAILED: could not install $deb and its dependencies" >&2
    exit 1
  fi
fi
dpkg-query -W -f='${Status}' "$pkg" | grep -q 'ok installed' || { cat "$work/dpkg.log" >&2; exit 1; }
echo "verify-deb: ok: dpkg -i $(basename "$deb")"

# Run the installed app as a first-time user: empty HOME (DJL and JavaCPP extract their natives
# there), no display, and no network when unshare can take it away.
run() {
  # Java takes user.home from the password database, not $HOME: set it too, so DJL (~/.djl.ai)
  # and JavaCPP (~/.javacpp) really start from an empty cache.
  local cmd=(env -i PATH=/usr/bin:/bin HOME="$work/home" LANG=C.UTF-8
    JAVA_TOOL_OPTIONS="-Duser.home=$work/home" "$launcher" "$@")
  if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
    unshare -n "${cmd[@]}"
  else
    "${cmd[@]}"
  fi
}
mkdir -p "$work/home"
offline="online"
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then offline="without network (unshare -n)"; fi
echo "verify-deb: running the installed launcher $offline with an empty HOME"

check() { # NAME, then the command; prints the output on failure
  local name="$1"; shift
  if ! out="$("$@" 2>&1)"; then
    echo "verify-deb: FAILED: $name" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "verify-deb: ok: $name"
}

check "--help" run --help
grep -q 'Usage: masklet' <<<"$out" || { echo "verify-deb: FAILED: --help printed no usage" >&2; exit 1; }
commands="$out"
[ -L /usr/bin/masklet ] || { echo "verify-deb: FAILED: /usr/bin/masklet link missing" >&2; exit 1; }
echo "verify-deb: ok: /usr/bin/masklet -> $(readlink /usr/bin/masklet)"
version="$(run --version)"
echo "verify-deb: ok: --version: $version"
check "sample-data (FFmpeg encoder natives)" run sample-data --out "$work/sample"
check "frames (FFmpeg decoder natives)" run frames "$work/sample/masklet-sample.mp4" --index 45 --out "$work/frames"
[ -s "$work/frames/45.png" ] || { echo "verify-deb: FAILED: frames wrote no 45.png" >&2; exit 1; }
if grep -qw convert <<<"$commands"; then
  sav="$shared/data/sav/sav_000001_manual.json"
  if [ -f "$sav" ]; then
    check "convert sav -> coco" run convert --in "$sav" --in-format sav --out "$work/coco.json" --out-format coco
    [ -s "$work/coco.json" ] || { echo "verify-deb: FAILED: convert wrote nothing" >&2; exit 1; }
  else
    echo "verify-deb: convert not checked: $sav is absent"
  fi
else
  echo "verify-deb: FAILED: the installed launcher has no convert command" >&2
  exit 1
fi
micro="$shared/fixtures/sam2.1_hiera_micro"
if grep -qw segment <<<"$commands" && [ -f "$micro/checkpoint.pt" ]; then
  # DJL extracts libtorch from the bundled pytorch-native-cpu jar into the empty HOME, offline.
  check "segment with the micro checkpoint (DJL PyTorch natives, offline)" \
    run segment --checkpoint "$micro/checkpoint.pt" --config "$micro/config.yaml" \
      --image "$shared/data/images/truck.jpg" --point 500,375 --out "$work/mask.png"
  [ -s "$work/mask.png" ] || { echo "verify-deb: FAILED: segment wrote no mask" >&2; exit 1; }
  libtorch="$(find "$work/home/.djl.ai" -name 'libtorch_cpu.so' 2>/dev/null | head -1)"
  [ -n "$libtorch" ] \
    || { echo "verify-deb: FAILED: libtorch was not extracted into the empty HOME" >&2; exit 1; }
  echo "verify-deb: ok: libtorch extracted offline to ${libtorch#"$work/home/"}"
else
  echo "verify-deb: engine not checked: no segment command in this build or no micro fixture"
fi
if find "$work/home" -maxdepth 1 -name '.m2' | grep -q .; then
  echo "verify-deb: FAILED: the installed app touched a Maven repository" >&2
  exit 1
fi
"${SUDO[@]}" dpkg -r "$pkg" >/dev/null
[ ! -e "$launcher" ] && [ ! -e /usr/bin/masklet ] || { echo "verify-deb: FAILED: files left after dpkg -r" >&2; exit 1; }
echo "verify-deb: ok: dpkg -r removed the launcher and the /usr/bin link"
"${SUDO[@]}" dpkg --purge "$pkg" >/dev/null
t2=$(date +%s)
echo "verify-deb: passed (build $((t1 - t0)) s, install+checks $((t2 - t1)) s)"
