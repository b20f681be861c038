#!/usr/bin/env python3
"""Link checker of a generated site, opened from disk. Standard library only.

    check_links.py SITE

Every href, src, srcset, action, poster and data of every *.html page, and every url(...) and
@import of every *.css file, must be a relative reference to a file inside SITE that exists (not a
folder: a browser shows a folder from disk as a listing), and its #fragment, if any, must name an
id (or an <a name>) of the page it points to. Fails on an absolute URL (http:, https:, //host,
file:, data:, javascript:; a site for intranets without internet links nothing outside), a path
from the root ("/x", which from disk means the disk's root), an empty reference, a path that leaves
SITE, and a page that no other page links to (a reader cannot reach it from index.html).
`mailto:` and `tel:` are allowed: they load nothing.
If SITE has manifest.json, every file it lists must exist with the SHA-256 it states, and every
file of SITE but the manifest (and site.manifest.json, the command's record of its output folder,
written after it) must be listed (keys "files", each with "path" and "sha256").
Prints one line per problem and ends with "links: N passed, N failed" (files); exits 1 on any.
"""

import hashlib
import html.parser
import json
import os
import re
import sys
import urllib.parse

ATTRIBUTES = {"href", "src", "action", "poster", "data", "cite", "formaction"}
ALLOWED_SCHEMES = {"mailto", "tel"}
# The CLI's record of the output directory (OutputDirectory), written after manifest.json: not in it.
OUTPUT_MANIFEST = "site.manifest.json"
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.references = []  # (line, tag, attribute, value)
        self.anchors = set()
        self.styles = []      # (line, text of <style> or style=)
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        for name, value in attrs:
            if name == "id" and value is not None:
                self.anchors.add(value)
            elif name == "name" and tag == "a" and value is not None:
                self.anchors.add(value)
            elif name in ATTRIBUTES:
                self.references.append((line, tag, name, value or ""))
            elif name in ("srcset", "imagesrcset") and value:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.references.append((line, tag, name, candidate.strip().split()[0]))
            elif name == "style" and value:
                self.styles.append((line, value))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append((self.getpos()[0], data))


def css_references(text, first_line=1):
    for match in CSS_URL.finditer(text):
        value = next(group for group in match.groups() if group is not None)
        yield first_line + text.count("\n", 0, match.start()), value


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    site = os.path.realpath(sys.argv[1])
    if not os.path.isdir(site):
        print(f"links: no site at {sys.argv[1]}", file=sys.stderr)
        return 1
    files = sorted(os.path.relpath(os.path.join(root, name), site)
                   for root, _, names in os.walk(site) for name in names)
    pages = [f for f in files if f.endswith(".html")]
    if not pages:
        print(f"links: no page (*.html) in {sys.argv[1]}", file=sys.stderr)
        return 1
    parsed = {}
    for page in pages:
        parser = Page()
        with open(os.path.join(site, page), encoding="utf-8") as source:
            parser.feed(source.read())
        parser.close()
        parsed[page] = parser

    problems = {}  # file -> [problem]
    linked = set()

    def check(origin, line, what, value, fragment_allowed=True):
        where = f"{origin}:{line}: {what}"
        say = problems.setdefault(origin, []).append
        if not value.strip():
            say(f"{where} is empty")
            return
        split = urllib.parse.urlsplit(value)
        if split.scheme:
            if split.scheme.lower() not in ALLOWED_SCHEMES:
                say(f"{where}={value[:120]!r} leaves the site (only relative links work on an intranet and from disk)")
            return
        if split.netloc or value.startswith("//"):
            say(f"{where}={value[:120]!r} names a host: only relative links")
            return
        if split.path.startswith("/"):
            say(f"{where}={value[:120]!r} starts at the root ('/'): from disk that is the disk's root")
            return
        if split.path:
            target = os.path.normpath(os.path.join(os.path.dirname(origin), urllib.parse.unquote(split.path)))
            if target == ".." or target.startswith("../") or os.path.isabs(target):
                say(f"{where}={value!r} points outside the site")
                return
            full = os.path.join(site, target)
            if os.path.isdir(full):
                say(f"{where}={value!r} is a folder (from disk a browser lists it): link the page inside")
                return
            if not os.path.isfile(full):
                say(f"{where}={value!r}: no file {target}")
                return
        else:
            target = origin
        linked.add(target)
        if split.fragment and fragment_allowed:
            fragment = urllib.parse.unquote(split.fragment)
            if target not in parsed:
                say(f"{where}={value!r}: #{fragment} in a file that is not a page")
            elif fragment not in parsed[target].anchors and fragment != "top":
                say(f"{where}={value!r}: {target} has no id {fragment!r}")

    for page in pages:
        for line, tag, attribute, value in parsed[page].references:
            check(page, line, f"<{tag} {attribute}>", value)
        for line, style in parsed[page].styles:
            for at, value in css_references(style, line):
                check(page, at, "url() in a style", value)
    for css in (f for f in files if f.endswith(".css")):
        with open(os.path.join(site, css), encoding="utf-8") as source:
            for line, value in css_references(source.read()):
                check(css, line, "url()", value)

    for page in pages:
        if page != "index.html" and page not in linked:
            problems.setdefault(page, []).append(f"{page}: no page links to it (unreachable from index.html)")
    if "index.html" not in parsed:
        problems.setdefault("index.html", []).append("index.html is missing")

    manifest_path = os.path.join(site, "manifest.json")
    if os.path.exists(manifest_path):
        say = problems.setdefault("manifest.json", []).append
        try:
            with open(manifest_path, encoding="utf-8") as source:
                listed = {entry["path"]: entry["sha256"] for entry in json.load(source)["files"]}
        except (ValueError, KeyError, TypeError) as error:
            say(f"manifest.json: not a list of files with path and sha256 ({error})")
            listed = None
        if listed is not None:
            for path, digest in sorted(listed.items()):
                full = os.path.join(site, path)
                if not os.path.isfile(full):
                    say(f"manifest.json lists {path}, which is missing")
                    continue
                with open(full, "rb") as data:
                    actual = hashlib.sha256(data.read()).hexdigest()
                if actual != digest:
                    say(f"manifest.json: {path} has SHA-256 {actual}, the manifest says {digest}")
            for path in files:
                if path not in ("manifest.json", OUTPUT_MANIFEST) and path not in listed:
                    say(f"manifest.json does not list {path}")

    failed = 0
    for origin in sorted(problems):
        for problem in problems[origin]:
            print(f"FAIL {problem}")
        failed += bool(problems[origin])
    checked = len(files)
    references = sum(len(p.references) for p in parsed.values())
    print(f"links: {references} references in {len(pages)} pages, {len(files)} files")
    print(f"links: {checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
