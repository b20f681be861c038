#!/usr/bin/env bash
# Commit subjects are at most 72 bytes of UTF-8 (a Chinese character is three), so that
# `git log --oneline` shows them whole in any terminal and the hooks that count bytes agree;
# measurements go in the body. Fails naming every commit
# after 6cc921f (the last commit before the rule, issue 11) on HEAD's history whose subject is
# longer, merges and merged branches included.
#
# On a shallow clone that lacks 6cc921f, the commits present that are newer than it (committer
# time) are checked: what is not there cannot be, and CI's fresh clone is the one it judges.
set -euo pipefail
cd "$(dirname "$0")/.."
base=6cc921fb1449334bc6b90d3506143f6d23017c06
base_time=1796405611  # its committer time, 2026-12-04T17:33:31Z
limit=72
export LC_ALL=C  # ${#subject} counts bytes

if git cat-file -e "$base^{commit}" 2>/dev/null; then
  subjects=$(git log --format='%h %s' "$base..HEAD")
elif [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  subjects=$(git log --format='%ct %h %s' HEAD | awk -v t="$base_time" '$1 > t' | cut -d' ' -f2-)
  echo "shallow clone without ${base:0:7}: checking the commits present newer than it"
else
  echo "commit $base is not in this repository's history" >&2
  exit 1
fi

long=0
checked=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  checked=$((checked + 1))
  subject=${line#* }
  if [ "${#subject}" -gt "$limit" ]; then
    echo "${line%% *}: subject of ${#subject} bytes (at most $limit): $subject" >&2
    long=$((long + 1))
  fi
done <<<"$subjects"
if [ "$long" -gt 0 ]; then
  echo "$long of $checked commit subjects are over $limit bytes: shorten them (git rebase -i, reword)" >&2
  exit 1
fi
echo "$checked commit subjects after ${base:0:7}, all at most $limit bytes"
