# Sourced by the scripts of Tests/Vectors/ from the repository's root: makes .build/vectors-venv
# with the pinned packages of Tests/Vectors/requirements.txt and sets $python to its interpreter,
# and $choucha to the binary (CHOUCHA, or `swift build`'s). Installs python3 with venv and pip
# through apt-get when they are missing; fails if it cannot.
if ! command -v python3 >/dev/null || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "python3 with venv and pip is missing: installing it"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update && $sudo apt-get install -y python3 python3-venv python3-pip; } \
    || ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "cannot install python3 with venv: the Python checks cannot run" >&2
    exit 1
  fi
fi
venv=.build/vectors-venv
if [ ! -x "$venv/bin/python" ]; then
  mkdir -p .build
  python3 -m venv "$venv"
fi
python="$venv/bin/python"
"$python" -m pip install --quiet --disable-pip-version-check -r Tests/Vectors/requirements.txt
if [ -n "${CHOUCHA:-}" ]; then
  choucha=$CHOUCHA
else
  swift build --product choucha
  choucha="$(swift build --show-bin-path)/choucha"
fi
