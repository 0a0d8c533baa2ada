#!/usr/bin/env bash
# packaging/ci-package.sh BUILD_DIR
# Builds the .deb from an already built BUILD_DIR (tools/setup.sh --build), installs it with apt-get,
# checks the INSTALLED programs from a folder outside the source tree (genrescope-cli --version,
# genrescope-cli classify on a clip made here with the installed default model, the GUI starts), validates
# the installed desktop entry and AppStream metainfo, then purges the package and checks that none of its
# files is left. Exits non-zero with a message on the first failure. Runs as root or through sudo;
# installs desktop-file-utils and appstream when they are missing.
set -euo pipefail

die() {
    echo "ci-package: FAILED: $*" >&2
    exit 1
}
step() { echo "ci-package: $*"; }

[ $# -eq 1 ] || {
    echo "usage: bash packaging/ci-package.sh BUILD_DIR" >&2
    exit 2
}
start=$(date +%s)
[ -f "$1/CMakeCache.txt" ] || die "$1 is not a configured CMake build folder (run tools/setup.sh --build first)"
build="$(cd "$1" && pwd)"
cache_value() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
src="$(cache_value Genrescope_SOURCE_DIR)"
version="$(cache_value CMAKE_PROJECT_VERSION)"
if [ -z "$src" ] || [ -z "$version" ]; then
    die "$build/CMakeCache.txt names no Genrescope source folder or version"
fi
app_id=io.github.genrescope.Genrescope

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "run as root or install sudo"
    sudo_cmd=(sudo)
fi
apt_get() { "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -q -y "$@"; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

work="$(mktemp -d /tmp/genrescope-ci-package.XXXXXX)"
chmod 755 "$work" # apt's _apt user reads the .deb from here
package_installed_here=0
cleanup() {
    if [ "$package_installed_here" = 1 ]; then
        echo "ci-package: removing the package after the failure" >&2
        apt_get purge genrescope >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- tools the checks use ---------------------------------------------------------------------------
tools=()
for p in desktop-file-utils appstream dpkg-dev; do
    installed "$p" || tools+=("$p")
done
if [ ${#tools[@]} -gt 0 ]; then
    step "installing ${tools[*]}"
    apt_get update >/dev/null
    apt_get install --no-install-recommends "${tools[@]}" >/dev/null || die "cannot install ${tools[*]}"
fi

# --- build the package ------------------------------------------------------------------------------
step "building the packaged targets in $build (nothing to do after a full build)"
cmake --build "$build" --target genrescope genrescope-cli genrescope_manpages >/dev/null ||
    die "cmake --build $build failed"
rm -f "$build"/genrescope_*.deb
step "cpack -G DEB"
(cd "$build" && cpack -G DEB >"$work/cpack.log" 2>&1) || {
    cat "$work/cpack.log" >&2
    die "cpack failed"
}
debs=("$build"/genrescope_"$version"_*.deb)
[ -f "${debs[0]}" ] || die "cpack wrote no genrescope_${version}_*.deb into $build"
deb="$work/$(basename "${debs[0]}")"
cp "${debs[0]}" "$deb"
chmod 644 "$deb"
step "$(basename "$deb"): $(du -h "$deb" | cut -f1)"
dpkg-deb -f "$deb" Depends Recommends | sed 's/^/    /'

expected=(
    /usr/bin/genrescope
    /usr/bin/genrescope-cli
    /usr/share/genrescope/models/default.gsm
    "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    /usr/share/man/man1/genrescope.1.gz
    /usr/share/man/man1/genrescope-cli.1.gz
)
contents="$(dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's|^\./|/|')"
for f in "${expected[@]}"; do
    grep -qxF "$f" <<<"$contents" || die "the package lacks $f"
done
for lib in libtorch1.13 libqt6widgets6 libqt6charts6 libqt6multimedia6 libqt6svg6 libavcodec59 libfftw3-single3; do
    dpkg-deb -f "$deb" Depends | grep -q "\b$lib\b" || die "Depends lacks $lib"
done

# --- install ----------------------------------------------------------------------------------------
if installed genrescope; then
    step "purging the genrescope package already installed"
    apt_get purge genrescope >/dev/null || die "cannot remove the installed genrescope"
fi
step "apt-get install $deb"
package_installed_here=1
apt_get install "$deb" >"$work/apt-install.log" 2>&1 || {
    cat "$work/apt-install.log" >&2
    die "apt-get install failed"
}
dpkg-query -L genrescope | sort >"$work/files-before-removal"
for f in "${expected[@]}"; do
    [ -f "$f" ] || die "$f is not installed"
done

# --- the installed programs, run from outside the source tree ----------------------------------------
cd "$work"
unset GENRESCOPE_DEFAULT_MODEL
step "/usr/bin/genrescope-cli --version"
/usr/bin/genrescope-cli --version >"$work/version.txt" || die "genrescope-cli --version failed"
sed 's/^/    /' "$work/version.txt"
grep -qx "Genrescope $version" "$work/version.txt" || die "genrescope-cli --version does not say Genrescope $version"

# A 6-s clip, mono 16-bit PCM at 22050 Hz: a 441-Hz square wave, written with printf alone.
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }
rate=22050
bytes=$((6 * rate * 2))
period="$(printf '\\x40\\x1f%.0s' $(seq 25))$(printf '\\xc0\\xe0%.0s' $(seq 25))"
printf '%b' "$period" >"$work/samples"
while [ "$(stat -c %s "$work/samples")" -lt "$bytes" ]; do
    cat "$work/samples" "$work/samples" >"$work/samples2"
    mv "$work/samples2" "$work/samples"
done
clip="$work/clip.wav"
{
    printf 'RIFF'
    printf '%b' "$(le32 $((36 + bytes)))"
    printf 'WAVEfmt '
    printf '%b' "$(le32 16)" '\x01\x00\x01\x00' "$(le32 $rate)" "$(le32 $((rate * 2)))" '\x02\x00\x10\x00'
    printf 'data'
    printf '%b' "$(le32 $bytes)"
    head -c "$bytes" "$work/samples"
} >"$clip"
[ "$(stat -c %s "$clip")" -eq $((44 + bytes)) ] || die "the generated clip has the wrong size"

# The executables fall back to the model in the source tree they were built from; hide that folder in
# a private mount namespace, so that a classification proves the installed model is found.
classify=(/usr/bin/genrescope-cli classify "$clip")
if [ ! -d "$src/resources/models" ]; then
    step "genrescope-cli classify (default model; the source tree $src is not on this machine)"
    "${classify[@]}" >"$work/classify.txt" 2>"$work/classify.err" ||
        die "genrescope-cli classify failed: $(cat "$work/classify.err")"
elif "${sudo_cmd[@]}" unshare --mount true 2>/dev/null; then
    step "genrescope-cli classify (default model; $src/resources/models hidden)"
    # shellcheck disable=SC2016 # $1 and $@ are the inner shell's
    "${sudo_cmd[@]}" unshare --mount sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && shift && exec "$@"' sh \
        "$src/resources/models" "${classify[@]}" >"$work/classify.txt" 2>"$work/classify.err" ||
        die "genrescope-cli classify failed: $(cat "$work/classify.err")"
else
    installed strace || apt_get install --no-install-recommends strace >/dev/null || die "cannot install strace"
    step "genrescope-cli classify (default model; checking with strace which model file it opens)"
    strace -f -qq -e trace=openat -o "$work/classify.trace" "${classify[@]}" >"$work/classify.txt" \
        2>"$work/classify.err" || die "genrescope-cli classify failed: $(cat "$work/classify.err")"
    model_opened="$(grep 'default\.gsm' "$work/classify.trace" | grep -v ENOENT | head -1)"
    case "$model_opened" in
    *'"/usr/bin/../share/genrescope/models/default.gsm"'* | *'"/usr/share/genrescope/models/default.gsm"'*) ;;
    *) die "genrescope-cli classify did not open the installed default model (opened: ${model_opened:-none})" ;;
    esac
fi
sed 's/^/    /' "$work/classify.txt"
genres='blues|classical|country|disco|hiphop|jazz|metal|pop|reggae|rock'
grep -qP "^\Q$clip\E\tmean\t($genres) \((0|1)\.[0-9]+\)$" "$work/classify.txt" ||
    die "genrescope-cli classify printed no genre for $clip"

step "genrescope --version, --language de --help, and a start with the clip (offscreen, 15 s)"
gui_env=(env QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache")
"${gui_env[@]}" /usr/bin/genrescope --version 2>/dev/null | grep -q "$version" || die "genrescope --version failed"
"${gui_env[@]}" /usr/bin/genrescope --language de --help 2>/dev/null | grep -q "Werkbank" ||
    die "genrescope --language de --help is not German (translations not embedded?)"
set +e
"${gui_env[@]}" timeout 15 /usr/bin/genrescope "$clip" >"$work/gui.log" 2>&1
gui_status=$?
set -e
# 124: still running when timeout stopped it, the only result that shows it started and kept running.
[ "$gui_status" -eq 124 ] || die "genrescope exited with status $gui_status within 15 s: $(tail -5 "$work/gui.log")"

# --- desktop integration ----------------------------------------------------------------------------
step "desktop-file-validate, appstreamcli validate --no-net"
desktop-file-validate "/usr/share/applications/$app_id.desktop" || die "the installed desktop entry does not validate"
appstreamcli validate --no-net "/usr/share/metainfo/$app_id.metainfo.xml" >"$work/appstream.log" 2>&1 || {
    cat "$work/appstream.log" >&2
    die "the installed metainfo does not validate"
}
# desktop-file-utils' dpkg trigger registers the MIME types: that is what makes "Open with" offer it.
grep -q "^audio/flac=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
    die "audio/flac is not associated with $app_id.desktop in /usr/share/applications/mimeinfo.cache"
for page in genrescope genrescope-cli; do
    gzip -dc "/usr/share/man/man1/$page.1.gz" | grep -q '^\.TH ' || die "$page.1.gz is not a man page"
done

# --- remove -----------------------------------------------------------------------------------------
cd /
step "apt-get purge genrescope"
apt_get purge genrescope >"$work/apt-purge.log" 2>&1 || {
    cat "$work/apt-purge.log" >&2
    die "apt-get purge failed"
}
package_installed_here=0
! installed genrescope || die "genrescope is still installed after the purge"
left=()
while IFS= read -r f; do
    if [ -e "$f" ] && [ ! -d "$f" ]; then
        left+=("$f")
    fi
done <"$work/files-before-removal"
[ ${#left[@]} -eq 0 ] || die "files left after the purge: ${left[*]}"
[ ! -e /usr/share/genrescope ] || die "/usr/share/genrescope is left after the purge"
if grep -q "$app_id.desktop" /usr/share/applications/mimeinfo.cache 2>/dev/null; then
    die "$app_id.desktop is still in /usr/share/applications/mimeinfo.cache after the purge"
fi

step "passed in $(($(date +%s) - start)) s"
