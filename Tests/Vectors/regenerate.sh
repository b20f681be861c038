#!/usr/bin/env bash
# Rewrites the reference vectors in Tests/Fixtures/vectors/ from the reference implementations
# (Tests/Vectors/requirements.txt, pinned), installed into a virtual environment under .build/.
# Also compares the draw of Examples/05-draw by the choucha binary with consistent_sampler's, and
# fails if they differ. CI runs it and then `git diff --exit-code Tests/Fixtures/vectors`.
#
#   Tests/Vectors/regenerate.sh            # builds choucha (swift build) if CHOUCHA is not set
#   CHOUCHA=path/to/choucha Tests/Vectors/regenerate.sh
#
# Needs python3 with venv and pip, and the network to reach PyPI (or a pip cache): it installs
# them with apt-get when they are missing and fails if it cannot.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=.build/vectors-venv
if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "python3 with venv and pip is missing: installing it"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update && $sudo apt-get install -y python3 python3-venv python3-pip; }; then
    echo "cannot install python3-venv: the vectors cannot be regenerated" >&2
    exit 1
  fi
fi
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p .build
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r Tests/Vectors/requirements.txt

if [ -z "${CHOUCHA:-}" ]; then
  swift build --product choucha
  CHOUCHA="$(swift build --show-bin-path)/choucha"
fi
"$venv/bin/python" Tests/Vectors/regenerate.py "$CHOUCHA" Tests/Fixtures/vectors
