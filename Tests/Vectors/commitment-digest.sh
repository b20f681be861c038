#!/usr/bin/env bash
# Computes the content digest of the commitment (README, the draw's rule 8) with an independent
# Python implementation and compares it with what `choucha draw --commit` records, for
# Examples/05-draw as it is and re-encoded in GB18030 with its rows reversed
# (Tests/Vectors/commitment_digest.py); rewrites Tests/Fixtures/vectors/commitment-digest.txt. A
# .ci/run step: it fails on any difference, and CI then requires the vectors unchanged. Standard
# library only.
#
#   Tests/Vectors/commitment-digest.sh     # builds choucha (swift build) if CHOUCHA is not set
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${CHOUCHA:-}" ]; then
  choucha=$CHOUCHA
else
  swift build --product choucha
  choucha="$(swift build --show-bin-path)/choucha"
fi
python3 Tests/Vectors/commitment_digest.py "$choucha" Tests/Fixtures/vectors
