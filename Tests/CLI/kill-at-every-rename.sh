#!/usr/bin/env bash
# Kills `choucha build` and `choucha draw` at each of their renames and unlinks in turn, and
# checks what a kill leaves in the output directory.
#
# `strace -e inject=…:signal=SIGKILL:when=N` kills the command as it enters its Nth rename, for
# N = 1, 2, 3… until a run completes without reaching an Nth rename; then the same with its
# unlinks (the removal of the previous run's stale files). After each kill:
#   - the files the command does not write (the rules with `--out .`, a user's notes.txt, the
#     other command's files and manifest) are exactly as they were;
#   - a manifest that says `"complete": true` is, byte for byte, the previous run's or the new
#     run's, and every file it lists has its SHA-256; the other run's files are absent;
#   - a manifest that says `"complete": false` (killed between the first and the last rename)
#     lists files that are each the previous run's or the new run's version, never anything else,
#     and `choucha verify` says the draw is unfinished;
#   - then the command runs again: it succeeds, leaves the new complete run, none of the previous
#     run's files it no longer writes (they are unchanged here), and no temporary file.
#
# Usage: Tests/CLI/kill-at-every-rename.sh   (CHOUCHA=path/to/choucha; default .build/debug/choucha)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
choucha="${CHOUCHA:-$root/.build/debug/choucha}"
[[ "$choucha" = /* ]] || choucha="$root/$choucha"
command -v strace >/dev/null || { echo "kill-at-every-rename: strace is not installed" >&2; exit 1; }
[ -x "$choucha" ] || { echo "kill-at-every-rename: no binary at $choucha (run swift build)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
targets="$root/Examples/05-draw/targets.csv"
inspectors="$root/Examples/05-draw/inspectors.csv"
failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# The "name sha256" pairs of one list ("files" or "removing") of a manifest.
entries() {
  awk -F'"' -v list="$2" '
    $2 == list { inside = ($0 !~ /\[\]/); next }
    inside && /^  \]/ { inside = 0 }
    inside && $2 == "name" { print $4, $10 }' "$1"
}

sha() { sha256sum "$1" | cut -c1-64; }

# The SHA-256 a run (its manifest) gives a file, or nothing.
recorded() { entries "$1" files | awk -v name="$2" '$1 == name { print $2 }'; }

# check_killed DIR MANIFEST OLD NEW: the directory after a kill, against the previous run's
# manifest OLD and the new run's NEW (the reference runs' manifests).
check_killed() {
  local dir=$1 manifest=$2 old=$3 new=$4 label=$5 name current
  local names
  names=$( (entries "$old" files; entries "$old" removing; entries "$new" files) | cut -d' ' -f1 | sort -u)
  if [ ! -f "$dir/$manifest" ]; then
    fail "$label: no $manifest (the previous run's should stay until the new one replaces it)"
    return
  fi
  if grep -q '"complete": true' "$dir/$manifest"; then
    local which=""
    cmp -s "$dir/$manifest" "$old" && which=previous
    cmp -s "$dir/$manifest" "$new" && which=new
    [ -n "$which" ] || { fail "$label: a complete $manifest that is neither the previous run's nor the new run's"; return; }
    for name in $names; do
      current=$(recorded "$dir/$manifest" "$name")
      if [ -n "$current" ]; then
        [ -f "$dir/$name" ] && [ "$(sha "$dir/$name")" = "$current" ] ||
          fail "$label: $name does not match the complete ($which) $manifest: a mix of two runs"
      elif [ -e "$dir/$name" ]; then
        fail "$label: $name is there, but not in the complete ($which) $manifest"
      fi
    done
    echo "  $label: complete, the $which run"
  elif grep -q '"complete": false' "$dir/$manifest"; then
    for name in $names; do
      [ -e "$dir/$name" ] || continue
      current=$(sha "$dir/$name")
      [ "$current" = "$(recorded "$old" "$name")" ] || [ "$current" = "$(recorded "$new" "$name")" ] ||
        [ "$current" = "$(entries "$old" removing | awk -v n="$name" '$1 == n { print $2 }')" ] ||
        fail "$label: $name is neither the previous run's nor the new run's"
    done
    echo "  $label: marked unfinished"
  else
    fail "$label: $manifest is not a manifest"
  fi
}

# check_rerun DIR MANIFEST OLD NEW: after running again, the new complete run, none of the
# previous run's files that the new one does not write, and no temporary file.
check_rerun() {
  local dir=$1 manifest=$2 old=$3 new=$4 label=$5 name
  cmp -s "$dir/$manifest" "$new" || fail "$label: after running again, $manifest is not the new run's"
  for name in $(entries "$new" files | cut -d' ' -f1); do
    [ "$(sha "$dir/$name")" = "$(recorded "$new" "$name")" ] || fail "$label: after running again, $name differs"
  done
  for name in $( (entries "$old" files; entries "$old" removing) | cut -d' ' -f1 | sort -u); do
    [ -n "$(recorded "$new" "$name")" ] || [ ! -e "$dir/$name" ] ||
      fail "$label: after running again, $name (the previous run's, not the new run's) is still there"
  done
  if ls -A "$dir" | grep -q '^\.choucha-tmp-'; then
    fail "$label: temporary files left after running again: $(ls -A "$dir" | grep '^\.choucha-tmp-' | tr '\n' ' ')"
  fi
}

# snapshot DIR FILE…: the SHA-256 of the files that must not change, and a listing of Rules/.
snapshot() {
  local dir=$1
  shift
  (cd "$dir" && sha256sum "$@" && find Rules -type f -exec sha256sum {} + | sort)
}

# kill_every_rename NAME MANIFEST OLD NEW KEEP -- COMMAND…: runs COMMAND in a fresh copy of
# $work/NAME-template, killed at its 1st, 2nd, … rename, then at its 1st, 2nd, … unlink.
kill_every_rename() {
  local name=$1 manifest=$2 old=$3 new=$4 keep=$5
  shift 6
  local n status kills=0 renameKills=0 dir="$work/$name" calls what
  # strace counts each system call on its own: the renames, then (apart) the unlinks.
  for calls in rename,renameat,renameat2 unlink,unlinkat; do
  what=${calls%%,*}
  n=1
  while :; do
    rm -rf "$dir"
    cp -a "$work/$name-template" "$dir"
    local before
    before=$(snapshot "$dir" $keep)
    set +e
    # (The braces keep bash's own "Killed" line out of the output.)
    { (cd "$dir" && exec strace -f -o /dev/null -e trace="$calls" \
      -e inject="$calls":signal=SIGKILL:when=$n "$@" >/dev/null 2>&1); } 2>/dev/null
    status=$?
    set -e
    if [ "$status" -eq 0 ]; then
      echo "  $name: $what $n not reached; the run completed"
      check_rerun "$dir" "$manifest" "$old" "$new" "$name, not killed"
      break
    fi
    [ "$status" -eq 137 ] || { fail "$name: killed at $what $n: exit $status, expected 137 (SIGKILL)"; break; }
    kills=$((kills + 1))
    [ "$what" = rename ] && renameKills=$((renameKills + 1))
    check_killed "$dir" "$manifest" "$old" "$new" "$name killed at $what $n"
    if [ "$name" = draw ] && grep -q '"complete": false' "$dir/$manifest"; then
      local said
      said=$(cd "$dir" && "$choucha" verify draw-2024.json --targets "$targets" --inspectors "$inspectors" 2>&1) &&
        fail "$name killed at $what $n: verify accepted an unfinished draw"
      grep -q '未完成' <<<"$said" || fail "$name killed at $what $n: verify did not say unfinished: $said"
    fi
    [ "$(snapshot "$dir" $keep)" = "$before" ] || fail "$name killed at $what $n: a file the command does not write changed"
    (cd "$dir" && "$@" >/dev/null) || fail "$name killed at $what $n: running again failed"
    check_rerun "$dir" "$manifest" "$old" "$new" "$name killed at $what $n, run again"
    [ "$(snapshot "$dir" $keep)" = "$before" ] || fail "$name killed at $what $n, run again: a file the command does not write changed"
    n=$((n + 1))
    [ "$n" -le 64 ] || { fail "$name: still killed at $what 64"; break; }
  done
  done
  # The manifest's first rename, each file's, and the manifest's last: at least three.
  [ "$renameKills" -ge 3 ] || fail "$name: only $renameKills kills at a rename; is strace's injection working?"
}

# The directory is flushed (fsync) after the unfinished manifest's rename and before any file's:
# after a power cut too, no new file shows beside the previous complete manifest.
check_directory_flushed() {
  local label=$1 dir=$2
  shift 2
  local calls
  calls=$(cd "$dir" && strace -f -y -e trace=rename,renameat,renameat2,fsync "$@" 2>&1 >/dev/null |
    grep -E '^(\[pid +[0-9]+\] )?(rename|fsync)' | sed -E 's/^\[pid +[0-9]+\] //' |
    awk '/^rename/ { seen = 1 } seen' | head -2)
  sed -n 1p <<<"$calls" | grep -q 'unfinished-.*manifest\.json' ||
    fail "$label: the first rename is not the unfinished manifest's: $calls"
  sed -n 2p <<<"$calls" | grep -qE "^fsync\([0-9]+<$(realpath "$dir")>\)" ||
    fail "$label: the directory is not flushed between the unfinished manifest and the first file: $calls"
}

# The reference runs: the previous run's manifest and the new run's.
"$choucha" build Examples/01-basic --out "$work/ref-old-build" >/dev/null
"$choucha" build Rules --out "$work/ref-new-build" >/dev/null
"$choucha" draw Rules --targets "$targets" --inspectors "$inspectors" --seed "the previous draw" \
  --out "$work/ref-old-draw" >/dev/null
"$choucha" draw Rules --targets "$targets" --inspectors "$inspectors" --seed "the new draw" \
  --out "$work/ref-new-draw" >/dev/null

# build --out . in a folder holding the rules, notes and a draw, over a build of other rules that
# also wrote a file this build does not (extra-2023.json, listed in the previous manifest).
template="$work/build-template"
mkdir -p "$template"
cp -a Rules "$template/Rules"
echo "会议记录：不要删除 / notes: keep" >"$template/notes.txt"
cp "$work/ref-old-build/"* "$template/"
cp "$work/ref-new-draw/"* "$template/"
echo '{"stale": true}' >"$template/extra-2023.json"
awk -v size="$(wc -c <"$template/extra-2023.json" | tr -d ' ')" -v digest="$(sha "$template/extra-2023.json")" '
  { print }
  /^  "files": \[/ { printf "    { \"name\": \"extra-2023.json\", \"size\": %s, \"sha256\": \"%s\" },\n", size, digest }
' "$work/ref-old-build/build.manifest.json" >"$template/build.manifest.json"
cp "$template/build.manifest.json" "$work/old-build.manifest.json"
echo "== build --out ., killed at every rename"
kill_every_rename build build.manifest.json "$work/old-build.manifest.json" "$work/ref-new-build/build.manifest.json" \
  "notes.txt draw-2024.json draw-2024.csv draw-2024.manifest.json" -- "$choucha" build Rules --out .

# Killed at each rename, then a build of another year's plan: every file the killed run or the run
# before it wrote, and the new one does not, is removed (the killed run's manifest lists them all).
echo "== build --out ., killed at every rename, then a build of 2025"
mkdir -p "$work/rules-2025"
for file in Examples/01-basic/*.choucha; do sed 's/2024/2025/g' "$file" >"$work/rules-2025/$(basename "$file")"; done
"$choucha" build "$work/rules-2025" --out "$work/ref-2025-build" >/dev/null
n=1
while :; do
  dir="$work/build-2025"
  rm -rf "$dir"
  cp -a "$work/build-template" "$dir"
  set +e
  { (cd "$dir" && exec strace -f -o /dev/null -e trace=rename,renameat,renameat2 \
    -e inject=rename,renameat,renameat2:signal=SIGKILL:when=$n "$choucha" build Rules --out . >/dev/null 2>&1); } 2>/dev/null
  status=$?
  set -e
  [ "$status" -eq 137 ] || break
  (cd "$dir" && "$choucha" build "$work/rules-2025" --out . >/dev/null) || fail "2025 build after a kill at rename $n failed"
  check_rerun "$dir" build.manifest.json "$work/old-build.manifest.json" "$work/ref-2025-build/build.manifest.json" \
    "build killed at rename $n, then 2025"
  for name in plan-2024.json tasks-2024.json; do
    [ ! -e "$dir/$name" ] || fail "build killed at rename $n, then 2025: $name is still there"
  done
  n=$((n + 1))
  [ "$n" -le 64 ] || { fail "build then 2025: still killed at rename 64"; break; }
done
echo "  killed at renames 1 to $((n - 1)); each time the 2025 build removed every earlier file"

# draw over a previous draw (another seed, so --replace: a draw not yet published, redrawn), beside
# a build and notes.
template="$work/draw-template"
mkdir -p "$template"
cp -a Rules "$template/Rules"
echo "会议记录：不要删除 / notes: keep" >"$template/notes.txt"
cp "$work/ref-new-build/"* "$template/"
cp "$work/ref-old-draw/"* "$template/"
echo "== draw, killed at every rename"
kill_every_rename draw draw-2024.manifest.json "$work/ref-old-draw/draw-2024.manifest.json" \
  "$work/ref-new-draw/draw-2024.manifest.json" \
  "notes.txt items.json items.csv items.md plan-2024.json tasks-2024.json build.manifest.json" -- \
  "$choucha" draw Rules --targets "$targets" --inspectors "$inspectors" --seed "the new draw" --replace --out .

echo "== the directory is flushed before the first file's rename"
rm -rf "$work/flushed" && mkdir -p "$work/flushed"
check_directory_flushed build "$work/flushed" "$choucha" build "$root/Rules" --out .
check_directory_flushed draw "$work/flushed" "$choucha" draw "$root/Rules" --targets "$targets" \
  --inspectors "$inspectors" --seed "the new draw" --out .

# Many files (a site's 337 pages and papers): closed unflushed, then one `syncfs` for them all,
# before the first rename, and no file's own `fsync`; a few files (build) keep one `fsync` each.
echo "== a run of many files flushes the file system once, before the first rename"
calls=$(cd "$work/flushed" && strace -f -e trace=rename,renameat,renameat2,fsync,syncfs "$choucha" site "$root/Rules" \
  --out site 2>&1 >/dev/null | grep -oE '(rename|renameat|renameat2|fsync|syncfs)\(' | tr -d '(' | uniq -c)
first=$(awk '{ print $2; exit }' <<<"$calls")
[ "$first" = syncfs ] || fail "site: the first of its flushes and renames is not one syncfs: $calls"
grep -q ' fsync$' <<<"$(sed -n 2,3p <<<"$calls")" || fail "site: no directory fsync after the first rename: $calls"
[ "$(grep -c syncfs <<<"$calls")" -eq 1 ] || fail "site: not exactly one syncfs: $calls"
[ "$(awk '$2 ~ /^rename/ { n += $1 } END { print n }' <<<"$calls")" -ge 337 ] || fail "site: fewer renames than files: $calls"
calls=$(cd "$work/flushed" && strace -f -e trace=fsync,syncfs "$choucha" build "$root/Rules" --out build-few 2>&1 >/dev/null |
  grep -cE '^(\[pid +[0-9]+\] )?syncfs\(' || true)
[ "$calls" -eq 0 ] || fail "build: a run of a few files called syncfs"

if [ "$failures" -gt 0 ]; then
  echo "kill-at-every-rename: $failures failure(s)" >&2
  exit 1
fi
echo "kill-at-every-rename: every kill left a complete run or one marked unfinished; every run again completed"
