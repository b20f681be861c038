#!/usr/bin/env bash
# Re-runs the draw's matching (v2) with an independent Python reimplementation of the README's
# specification and compares every assignment with the choucha binary's draw of Examples/05-draw
# (Tests/Vectors/matching_v2.py); rewrites Tests/Fixtures/vectors/matching-v2.txt. A .ci/run step:
# it fails on any difference, and CI then requires the vectors unchanged. Standard library only.
#
#   Tests/Vectors/matching-v2.sh           # builds choucha (swift build) if CHOUCHA is not set
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${CHOUCHA:-}" ]; then
  choucha=$CHOUCHA
else
  swift build --product choucha
  choucha="$(swift build --show-bin-path)/choucha"
fi
python3 Tests/Vectors/matching_v2.py "$choucha" Tests/Fixtures/vectors
