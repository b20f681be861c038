#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer (README.md, "Fuzzing and sanitizers").
#
#   Fuzz/run.sh --list                    the targets, one a line
#   Fuzz/run.sh TARGET SECONDS [FLAG...]  builds TARGET and fuzzes it for SECONDS over the
#                                         committed corpus, Fuzz/corpus/TARGET; FLAGs go to libFuzzer
#
# Exits non-zero on a crash, a broken invariant, a leak or an input taking over 2 s (libFuzzer
# writes it to .build-fuzz/artifacts/TARGET/). The seed is fixed (CHOUCHA_FUZZ_SEED changes it)
# and the inputs found start each run empty, in .build-fuzz/corpus/TARGET (CHOUCHA_FUZZ_KEEP=1
# keeps them for a longer run by hand): the same build runs the same inputs in the same order.
# The build is a debug build with the fuzzer and address sanitizers, in .build-fuzz, of the
# env-gated targets at the end of Package.swift (CHOUCHA_FUZZ=1).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(compiler tables results directory document selection)
product() {
  case $1 in
    compiler) echo FuzzCompiler ;;
    tables) echo FuzzTables ;;
    results) echo FuzzResults ;;
    directory) echo FuzzDirectory ;;
    document) echo FuzzDocument ;;
    selection) echo FuzzSelection ;;
    *) return 1 ;;
  esac
}

if [ "${1:-}" = --list ]; then
  printf '%s\n' "${targets[@]}"
  exit 0
fi
if [ $# -lt 2 ] || ! product "$1" >/dev/null || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: Fuzz/run.sh --list | Fuzz/run.sh TARGET SECONDS [libFuzzer flag...]" >&2
  echo "targets: ${targets[*]}" >&2
  exit 2
fi
target=$1
seconds=$2
shift 2
name=$(product "$target")

scratch=.build-fuzz
mkdir -p "$scratch"
log="$scratch/build-$target.log"
# `--sanitize` tells SwiftPM to link libFuzzer's `main`; the combined flag is what instruments
# the code (swiftc keeps only the last of two `-sanitize=` flags).
if ! CHOUCHA_FUZZ=1 swift build --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
  --scratch-path "$scratch" --product "$name" >"$log" 2>&1; then
  grep -v 'ld.gold: warning: Cannot export local symbol' "$log" >&2
  echo "Fuzz/run.sh: the build of $name failed" >&2
  exit 1
fi
# (Not `--show-bin-path`: asked without the sanitizer flags, it replans the build, and the next
# target's build compiles everything again.)
binary="$scratch/debug/$name"

found="$scratch/corpus/$target"
[ "${CHOUCHA_FUZZ_KEEP:-0}" = 1 ] || rm -rf "$found"
artifacts="$scratch/artifacts/$target"
mkdir -p "$found" "$artifacts"
dictionary=()
[ -f "Fuzz/dict/$target.dict" ] && dictionary=("-dict=Fuzz/dict/$target.dict")
# The inputs of past findings (Fuzz/crashes/TARGET, each with its regression test) are read too.
corpora=("$found" "Fuzz/corpus/$target")
[ -d "Fuzz/crashes/$target" ] && corpora+=("Fuzz/crashes/$target")

echo "Fuzz/run.sh: $target for $seconds s ($binary)"
# New inputs go to the first folder, the scratch one; the committed corpus is only read.
# Swift's own backtracer would race ASan's report: libFuzzer and ASan report crashes here.
export SWIFT_BACKTRACE=enable=no
exec "$binary" -seed="${CHOUCHA_FUZZ_SEED:-20261204}" -max_total_time="$seconds" -timeout=2 -detect_leaks=1 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "${dictionary[@]}" "$@" \
  "${corpora[@]}"
