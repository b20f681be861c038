#!/usr/bin/env bash
# Rebuilds the committed seed corpus, Fuzz/corpus/TARGET/, from Rules/, Examples/ and
# Tests/Fixtures: one file per distinct input, named by where it came from. Run it by hand when
# those change; the fuzzers' own finds go to .build-fuzz/corpus, never here.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=Fuzz/corpus
rm -rf "$corpus"
mkdir -p "$corpus"/{compiler,tables,directory,document}

# add TARGET NAME FILE...: the files joined as one input (`%% PATH` lines between them, the form
# FuzzCompiler splits), skipped when the same bytes are there already.
add() {
  local target=$1 name=$2
  shift 2
  local tmp
  tmp=$(mktemp)
  if [ $# -eq 1 ]; then
    cat "$1" >"$tmp"
  else
    local first=1
    for file in "$@"; do
      if [ $first -eq 0 ]; then printf '\n%%%% %s\n' "${file#*/*/}" >>"$tmp"; fi
      first=0
      cat "$file" >>"$tmp"
    done
  fi
  local sum
  sum=$(sha1sum <"$tmp" | cut -c1-8)
  if compgen -G "$corpus/$target/*-$sum" >/dev/null; then rm "$tmp"; return; fi
  mv "$tmp" "$corpus/$target/$(echo "$name" | tr '/' '_')-$sum"
}

# The compiler: every rule file alone, then repositories of several files (the first file is
# a.choucha, so paths are given from the second on), tables imported among them.
for file in $(find Rules Examples Tests/Fixtures -name '*.choucha' | sort); do add compiler "$file" "$file"; done
add compiler Examples/01-basic Examples/01-basic/*.choucha
add compiler Examples/02-english-keywords Examples/02-english-keywords/*.choucha
add compiler Examples/03-import-authorities Examples/03-import-authorities/*.choucha Examples/03-import-authorities/权责清单.csv
for department in fgj nyj xfjy; do
  files=(Rules/departments.choucha Rules/laws.choucha Rules/plan-2024.choucha Rules/calendar.choucha
    Rules/items/$department.choucha)
  [ -f Rules/authorities/$department.choucha ] && files+=(Rules/authorities/$department.choucha)
  [ -f Rules/authorities/$department.csv ] && files+=(Rules/imports.choucha Rules/authorities/$department.csv)
  add compiler "Rules-$department" "${files[@]}"
done
add compiler Rules-bundles Rules/departments.choucha Rules/laws.choucha Rules/plan-2024.choucha Rules/bundles.choucha Rules/items/*.choucha

# Tables: every CSV but the large directories, as a sheet to import or a table to read.
for file in $(find Rules Examples Tests/Fixtures -name '*.csv' -size -16k | sort); do add tables "$file" "$file"; done

# The draw's target directory: the draw fixtures' directories, the first rows of the example's,
# and the inspector lists (another shape of table).
for file in $(find Tests/Fixtures/draw Examples/05-draw -name '*.csv' -size -16k | sort); do add directory "$file" "$file"; done
head -c 4096 Examples/05-draw/targets.csv | sed '$d' >.build-fuzz-seed.tmp
add directory Examples/05-draw/targets-head .build-fuzz-seed.tmp
rm -f .build-fuzz-seed.tmp

# Draw documents and other JSON the project writes.
for file in $(find Tests/Fixtures/draw -name '*.json' | sort) $(find Examples -name '*.json' | sort); do add document "$file" "$file"; done

# Only the seeds that bring coverage of their own: libFuzzer's merge keeps them (naming its copies
# by their SHA-1), and the named files with those contents stay.
for target in $(Fuzz/run.sh --list); do
  Fuzz/run.sh "$target" 0 -merge=1 >".build-fuzz/seed-$target.log" 2>&1 || { cat ".build-fuzz/seed-$target.log" >&2; exit 1; }
  for file in "$corpus/$target"/*; do
    compgen -G ".build-fuzz/corpus/$target/${file##*-}*" >/dev/null || rm "$file"
  done
done

du -sh --apparent-size "$corpus" "$corpus"/*
