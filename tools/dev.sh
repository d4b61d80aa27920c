#!/usr/bin/env bash
# Pipewright's one entry point for a fresh Debian 12 machine: installs what is missing,
# builds, then opens the designer or runs the tests. CI (.ci/run) calls the same commands.
#
#   tools/dev.sh open [FILE]   install, build, open the designer (default: an example)
#   tools/dev.sh test          install, build with warnings as errors, start a local Slurm
#                              (tools/slurm-dev.sh), run every test
#   tools/dev.sh sanitize      install, build with AddressSanitizer + UBSan, run every test
#   tools/dev.sh tsan          install, build with ThreadSanitizer, run the threaded suites
#   tools/dev.sh fuzz [SECONDS] install clang, fuzz the file loader and the expression checker
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
    qml6-module-qt-labs-folderlistmodel
    libyaml-cpp-dev libspdlog-dev libfmt-dev libsqlite3-dev
    xvfb xauth fonts-dejavu-core
)
# Only the tests need these: the HTML report is rendered in headless Chromium; the process
# tests look for leftovers with pgrep (procps: not in minimal images).
test_packages=(chromium procps)
# The fuzz targets need clang and its libFuzzer runtime.
fuzz_packages=(clang-14 libclang-rt-14-dev)

# install_missing [more packages...]
install_missing() {
    local missing=()
    for package in "${packages[@]}" "$@"; do
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

# Line tables only (-g1): backtraces and sanitizer reports keep file and line, and the builds
# take a good part less time than with full debug information (CI's 30 minutes hold three).
# Unity builds (CMake compiles a target's sources eight to a file): Qt's headers are parsed
# once per eight files instead of once per file. On the 2-core machine the designer's build
# went from about 12.5 to 9.4 minutes and the sanitizer build from 9.3 to 6.4. A name in an
# anonymous namespace is then shared with the other files of its batch: give helpers
# distinct names. (tools/fuzz.sh still builds the model file by file.)
common_flags=(-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" -DCMAKE_CXX_FLAGS_DEBUG="-g1"
             -DCMAKE_UNITY_BUILD=ON)

# build DIR [cmake options...]
build() {
    local dir="$1"
    shift
    cmake -S "$root" -B "$dir" -G Ninja "${common_flags[@]}" "$@"
    cmake --build "$dir" --parallel "$jobs"
}

run_tests() {
    ctest --test-dir "$1" --output-on-failure --parallel "$jobs"
}

# A local single-node Slurm for the Slurm executor's end-to-end suite (tst_cli_slurm), stopped
# again when this script exits; the suite fails rather than skips when it is missing.
with_local_slurm() {
    "$root/tools/slurm-dev.sh" start
    trap '"$root/tools/slurm-dev.sh" stop' EXIT
    eval "$("$root/tools/slurm-dev.sh" env)"
    export PW_REQUIRE_SLURM=1
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
    install_missing "${test_packages[@]}"
    build "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPW_WARNINGS_AS_ERRORS=ON
    with_local_slurm
    run_tests "$root/build"
    ;;
sanitize)
    install_missing "${test_packages[@]}"
    # The designer is left out: its QML engine is Qt's, and the logic under test is below it.
    build "$root/build-asan" -DCMAKE_BUILD_TYPE=Debug -DPW_WARNINGS_AS_ERRORS=ON \
        -DPW_SANITIZE=address,undefined -DPW_BUILD_GUI=OFF
    # Qt's and Mesa's own allocations that live until exit are not ours to report.
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" \
    LSAN_OPTIONS="suppressions=$root/tools/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    PW_FUZZ_ITERATIONS=2000 run_tests "$root/build-asan"
    ;;
tsan)
    install_missing
    # The suites where more than one thread runs our code, under ThreadSanitizer:
    # `pipewright run` as a process (tst_cli_run: the engine thread and the main thread that
    # prints, answers interventions from the terminal and handles signals), the executors
    # (Qt's network threads for Http) and the store. The semantics suites are left out: they
    # run the engine on the test's own thread, where there is no race to find, and building
    # them under TSan cost CI minutes. Races inside Qt's own threads (Debian's Qt is not built
    # with TSan) are suppressed in tools/tsan.supp. Only these suites are built.
    suites="^tst_(cli_run|engine_smoke|.*_executor|simple_executors|run_store)$"
    cmake -S "$root" -B "$root/build-tsan" -G Ninja "${common_flags[@]}" -DCMAKE_BUILD_TYPE=Debug -DPW_WARNINGS_AS_ERRORS=ON \
        -DPW_SANITIZE=thread -DPW_BUILD_GUI=OFF
    mapfile -t targets < <(ctest --test-dir "$root/build-tsan" -N -R "$suites" | sed -n 's/^ *Test *#[0-9]*: //p')
    [ ${#targets[@]} -gt 0 ] || { echo "no engine suites found" >&2; exit 1; }
    cmake --build "$root/build-tsan" --parallel "$jobs" --target "${targets[@]}"
    TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$root/tools/tsan.supp" \
    ctest --test-dir "$root/build-tsan" --output-on-failure --parallel "$jobs" -R "$suites"
    ;;
fuzz)
    install_missing "${fuzz_packages[@]}"
    PATH="/usr/lib/llvm-14/bin:$PATH" "$root/tools/fuzz.sh" "${2:-60}"
    ;;
*)
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
