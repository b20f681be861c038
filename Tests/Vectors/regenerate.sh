#!/usr/bin/env bash
# Rewrites the reference vectors in Tests/Fixtures/vectors/ from the reference implementations
# (Tests/Vectors/requirements.txt, pinned), installed into a virtual environment under .build/.
# Also compares the draw of Examples/05-draw by the choucha binary with consistent_sampler's, and
# fails if they differ. CI runs it and then `git diff --exit-code Tests/Fixtures/vectors`.
#
#   Tests/Vectors/regenerate.sh            # builds choucha (swift build) if CHOUCHA is not set
#   CHOUCHA=path/to/choucha Tests/Vectors/regenerate.sh
#
# Needs python3 with venv and pip (installed with apt-get when missing) and PyPI or a pip cache.
set -euo pipefail
cd "$(dirname "$0")/../.."
. Tests/Vectors/venv.sh
"$python" Tests/Vectors/regenerate.py "$choucha" Tests/Fixtures/vectors
