#!/usr/bin/env bash
# Validates the JSON documents choucha writes (and the committed ones) against Schemas/ and the
# SARIF reports against the OASIS schema with Python's jsonschema, and checks that mutated
# documents are rejected (Tests/Vectors/check_schemas.py). A .ci/run step.
#
#   Tests/Vectors/check-schemas.sh         # builds choucha (swift build) if CHOUCHA is not set
set -euo pipefail
cd "$(dirname "$0")/../.."
. Tests/Vectors/venv.sh
"$python" Tests/Vectors/check_schemas.py "$choucha"
