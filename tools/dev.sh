#!/usr/bin/env bash
# Pipewright's one entry point for a fresh Debian 12 machine: installs what is missing,
# builds, then opens the designer or runs the tests. CI (.ci/run) calls the same commands.
#
#   tools/dev.sh open [FILE]   install, build, open the designer (default: an example)
#   tools/dev.sh test          install, build with warnings as errors, run every test
#   tools/dev.sh sanitize      install, build with AddressSanitizer + UBSan, run every test
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc 2>/dev/null || echo 2)"

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
    libqt6sql6-sqlite qt6-svg-dev libgl1-mesa-dri
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qtqml
    qml6-module-qtqml-models qml6-module-qtqml-workerscript qml6-module-qttest
    qml6-module-qtquick-dialogs qml6-module-qtquick-shapes qml6-module-qt-labs-settings
    qml6-module-qt-labs-platform qml6-module-qtcore
    libyaml-cpp-dev libspdlog-dev libfmt-dev
    xvfb xauth fonts-dejavu-core
)

install_missing() {
    local missing=()
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

# build DIR [cmake options...]
build() {
    local dir="$1"
    shift
    cmake -S "$root" -B "$dir" -G Ninja "$@"
    cmake --build "$dir" --parallel "$jobs"
}

run_tests() {
    ctest --test-dir "$1" --output-on-failure --parallel "$jobs"
}

case "${1:-}" in
open)
    install_missing
    build "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
    file="${2:-$root/resources/examples/harness-deploy.yaml}"
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        echo "No display: starting the designer under Xvfb (use --screenshot to see it)."
        exec xvfb-run -a "$root/build/app/pipewright" "$file" "${@:3}"
    fi
    exec "$root/build/app/pipewright" "$file" "${@:3}"
    ;;
test)
    install_missing
    build "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPW_WARNINGS_AS_ERRORS=ON
    run_tests "$root/build"
    ;;
sanitize)
    install_missing
    build "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DPW_WARNINGS_AS_ERRORS=ON \
        -DPW_SANITIZE=address,undefined
    # Qt's and Mesa's own allocations that live until exit are not ours to report.
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
    LSAN_OPTIONS="suppressions=$root/tools/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    PW_FUZZ_ITERATIONS=2000 run_tests "$root/build-asan"
    ;;
*)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
