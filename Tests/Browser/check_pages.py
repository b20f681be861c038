#!/usr/bin/env python3
"""Opens every page of a generated site in headless Chromium and fails on what a reader would meet.

    check_pages.py SITE [--screens FILE] [--references DIR] [--out DIR] [--bless]

For every *.html under SITE, through the DevTools protocol (cdp.py):
- no console message of level warning or error, no uncaught exception, no browser log error;
- every request is a file:// URL inside SITE, and none fails (a missing stylesheet, image or script);
- the page: <html lang="zh-CN">, a non-empty <title>, one <h1>, no skipped heading level, images with
  alt, tables with header cells, form fields with labels, text contrast at least 4.5:1 (3:1 for large
  text; WCAG 2.1 AA), no text a program left by mistake ("undefined", "NaN", "Optional(", U+FFFD,
  "[object Object]"), nothing wider than the 1280 px window, and the Chinese of its <h1> drawn with a
  CJK font (without one Chinese renders as boxes).
A page under papers/ (a document to print) must also fit the printable width of A4 as print media.
The pages named in FILE (default: screens.txt beside this script) are also photographed at a fixed
viewport (1280 px wide, device scale 1, at most MAX_HEIGHT px of the page, COLOURS colours; those
marked print: as print media, PRINT_WIDTH px wide) and compared with the reviewed references in
DIR: same size, and at most TOLERANCE_PIXELS pixels differing by more than TOLERANCE_VALUE in a
channel. The text layout (each text's first and last line box) is kept beside each reference: a
failure names the texts that changed or moved; and when the running Chromium is not the one that
made the references (DIR/chromium-version.txt: Debian updates its package), only the layout is
compared, within LAYOUT_TOLERANCE px, and the output says so. A failed comparison leaves the new
image and a diff (changed pixels in red) in --out. --bless writes the references instead: review
them (look at them) before committing.
Prints one line per problem and ends with "browser: N passed, N failed" (pages); exits 1 on any problem.
"""

import argparse
import glob
import io
import os
import sys
import time
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

WIDTH, HEIGHT, SCALE = 1280, 900, 1
MAX_HEIGHT = 1600             # two screens: the references stay about 100 KB each
COLOURS = 64                  # references are 64-colour PNGs (median cut, no dithering: deterministic)
# Measured: the same pages photographed in separate runs give identical pixels (0 changed), and one
# changed Chinese character changes about 250 pixels, so the tolerance is a few pixels, not a fraction.
TOLERANCE_VALUE = 32          # a channel differing by more than this counts the pixel as changed
TOLERANCE_PIXELS = 8          # at most this many changed pixels per screenshot

PAGE_CHECKS = r"""
(() => {
  const problems = [];
  const say = (text) => { if (problems.length < 12) problems.push(text); };
  const short = (el) => {
    const text = (el.innerText || el.textContent || '').trim().replace(/\s+/g, ' ');
    return `<${el.tagName.toLowerCase()}> "${text.length > 40 ? text.slice(0, 40) + '…' : text}"`;
  };
  const lang = document.documentElement.getAttribute('lang');
  if (lang !== 'zh-CN') say(`<html lang="${lang}">: zh-CN expected`);
  if (!document.title.trim()) say('the <title> is empty');
  const h1 = document.querySelectorAll('h1').length;
  if (h1 !== 1) say(`${h1} <h1> elements: one expected`);
  let previous = 0;
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Number(h.tagName[1]);
    if (previous && level > previous + 1) say(`heading level skipped: h${previous} then ${short(h)}`);
    previous = level;
  }
  for (const img of document.querySelectorAll('img:not([alt])')) say(`image without alt: ${img.getAttribute('src')}`);
  for (const table of document.querySelectorAll('table')) {
    if (!table.querySelector('th')) say(`table without header cells (th): ${short(table).slice(0, 60)}`);
  }
  for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
    const labelled = field.labels && field.labels.length > 0 || field.getAttribute('aria-label') ||
      field.getAttribute('aria-labelledby') || field.getAttribute('title');
    if (!labelled) say(`form field without a label: ${field.outerHTML.slice(0, 80)}`);
  }
  const text = document.body ? document.body.innerText : '';
  for (const [pattern, name] of [[/\bundefined\b/, 'undefined'], [/\bNaN\b/, 'NaN'], [/Optional\(/, 'Optional('],
                                 [/\uFFFD/, 'U+FFFD (a decoding error)'], [/\[object Object\]/, '[object Object]']]) {
    const match = pattern.exec(text);
    if (match) say(`the text shows ${name}: "…${text.slice(Math.max(0, match.index - 20), match.index + 20)}…"`);
  }
  const wide = document.documentElement.scrollWidth;
  if (wide > window.innerWidth) {
    const over = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
    const widest = over.find((el) => ['TABLE', 'PRE', 'IMG', 'CODE'].includes(el.tagName)) || over[0];
    say(`the page is ${wide} px wide in a ${window.innerWidth} px window` + (widest ? `: ${short(widest).slice(0, 60)}` : ''));
  }
  // Contrast (WCAG 2.1 relative luminance) of each element that holds text of its own.
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => { let layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let rgb = [255, 255, 255];
    for (const c of layers.reverse()) rgb = rgb.map((v, i) => c[i] * c[3] + v * (1 - c[3]));
    return rgb; };
  let low = 0;
  for (const el of document.body ? document.body.querySelectorAll('*') : []) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || el.getClientRects().length === 0) continue;
    const fg = parse(style.color); if (!fg) continue;
    const bg = background(el);
    const color = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(color), lum(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed && low++ < 3) say(`contrast ${ratio.toFixed(2)}:1 (at least ${needed}:1): ${short(el)} ${style.color} on rgb(${bg.map(Math.round)})`);
  }
  return problems;
})()
"""

# The printable width of A4 (210 mm) less the stylesheet's @page margins (15 mm each side), in CSS px.
PRINT_WIDTH = round((210 - 2 * 15) / 25.4 * 96)

OVERFLOW = r"""
(() => {
  const wide = document.documentElement.scrollWidth;
  if (wide <= window.innerWidth) return null;
  const over = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
  const widest = over.find((el) => ['TABLE', 'PRE', 'IMG', 'CODE'].includes(el.tagName)) || over[0];
  const text = widest ? (widest.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 40) : '';
  return `${wide} px wide` + (widest ? `: <${widest.tagName.toLowerCase()}> "${text}"` : '');
})()
"""

# The text layout of the photographed part: every text node's first line box and last line box.
LAYOUT = r"""
((limit) => {
  const lines = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const text = node.textContent.trim().replace(/\s+/g, ' ');
    if (!text) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const boxes = [...range.getClientRects()].filter((box) => box.width > 0 && box.height > 0);
    if (!boxes.length || boxes[0].top + window.scrollY >= limit) continue;
    const first = boxes[0], last = boxes[boxes.length - 1];
    const r = (v) => Math.round(v);
    lines.push(`${r(first.left)} ${r(first.top + window.scrollY)} ${r(last.right)} ${r(last.bottom + window.scrollY)} ${boxes.length} ${text.slice(0, 40)}`);
  }
  return lines.join('\n') + '\n';
})
"""
LAYOUT_TOLERANCE = 2          # px: a text box may move this much when only the layout is compared

HAN = r"[\u3400-\u9fff]"
CJK_FONT = ("CJK", "Hei", "Song", "Ming", "Kai", "Fang", "WenQuanYi", "Source Han", "Droid Sans Fallback")


def file_url(path):
    return urllib.parse.urljoin("file:", urllib.request.pathname2url(os.path.abspath(path)))


def read_screens(path, site):
    """(name, relative path) of each page to photograph; a missing page is a problem, not a skip."""
    screens, problems = [], []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if len(fields) not in (2, 3) or (len(fields) == 3 and fields[2] != "print"):
                problems.append(f"{path}:{number}: 'name path [print]' expected")
                continue
            name, pattern, printed = fields[0], fields[1], len(fields) == 3
            matches = sorted(glob.glob(pattern, root_dir=site))
            if not matches:
                problems.append(f"{path}:{number}: no page {pattern} in {site} for the screenshot {name!r}")
            else:
                screens.append((name, matches[0], printed))
    return screens, problems


class Checker:
    def __init__(self, browser, site):
        self.b = browser
        self.site = os.path.realpath(site)
        self.site_url = file_url(self.site).rstrip("/") + "/"
        b = browser
        for domain in ("Page", "Runtime", "Log", "Network", "DOM", "CSS"):
            b.page(f"{domain}.enable")
        b.page("Emulation.setDeviceMetricsOverride",
               {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": SCALE, "mobile": False})
        b.page("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Shanghai"})
        b.events()

    def load(self, relative):
        """Loads one page; returns its problems (strings)."""
        b = self.b
        problems = []
        url = self.site_url + urllib.request.pathname2url(relative)
        answer = b.page("Page.navigate", {"url": url})
        if answer.get("errorText"):
            return [f"does not load: {answer['errorText']}"]
        events = b.events(until="Page.loadEventFired")
        # Two animation frames and the fonts: what the load event started has run.
        b.page("Runtime.evaluate", {"expression": "document.fonts.ready.then(() => new Promise((r) => "
                                    "requestAnimationFrame(() => requestAnimationFrame(r))))", "awaitPromise": True})
        events += b.events()
        requests = {}
        for event in events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                request_url = params["request"]["url"]
                requests[params["requestId"]] = request_url
                if not request_url.startswith(self.site_url):
                    problems.append(f"requests {request_url[:200]}, outside the site")
            elif method == "Network.loadingFailed":
                problems.append(f"cannot load {requests.get(params['requestId'], '?')}: {params.get('errorText')}")
            elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "warning", "assert"):
                text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
                problems.append(f"console {params['type']}: {text[:300]}")
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                text = details.get("exception", {}).get("description") or details.get("text")
                problems.append(f"uncaught exception: {str(text)[:300]}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
                entry = params["entry"]
                problems.append(f"browser {entry['level']} ({entry['source']}): {entry['text'][:300]} {entry.get('url', '')}")
        result = b.page("Runtime.evaluate", {"expression": PAGE_CHECKS, "returnByValue": True})
        if "exceptionDetails" in result:
            problems.append(f"the page checks failed: {result['exceptionDetails'].get('text')}")
        else:
            problems += result["result"]["value"]
        problems += self.fonts()
        if relative.startswith("papers/"):
            problems += self.printed()
        return problems

    def printed(self):
        """A paper printed on A4: nothing wider than the printable width (print media)."""
        b = self.b
        try:
            self.media("print", PRINT_WIDTH)
            wide = b.page("Runtime.evaluate", {"expression": OVERFLOW, "returnByValue": True})["result"].get("value")
        finally:
            self.media("screen", WIDTH)
        return [f"printed on A4 ({PRINT_WIDTH} px between the margins) the page is {wide}: cut off on paper"] if wide else []

    def pages_printed(self):
        """The number of A4 pages the page prints on (the PDF's page tree /Count)."""
        import base64
        import re
        # Printed as a browser prints: without the screen's device metrics (they change the layout).
        self.b.page("Emulation.clearDeviceMetricsOverride")
        try:
            pdf = base64.b64decode(self.b.page("Page.printToPDF", {"preferCSSPageSize": True}, timeout=60)["data"])
        finally:
            self.media("screen", WIDTH)
        counts = [int(n) for n in re.findall(rb"/Count (\d+)", pdf)]
        if not pdf.startswith(b"%PDF") or not counts:
            raise cdp.BrowserError("Page.printToPDF gave no PDF with a page count")
        return max(counts)

    def media(self, media, width):
        """Print or screen media at a width; screen clears the override (printing then prints)."""
        self.b.page("Emulation.setEmulatedMedia", {"media": "" if media == "screen" else media})
        self.b.page("Emulation.setDeviceMetricsOverride",
                    {"width": width, "height": HEIGHT, "deviceScaleFactor": SCALE, "mobile": False})

    def fonts(self):
        b = self.b
        root = b.page("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = b.page("DOM.querySelector", {"nodeId": root, "selector": "h1"}).get("nodeId")
        if not node:
            return []
        text = b.page("Runtime.evaluate", {"expression": "document.querySelector('h1').innerText",
                                           "returnByValue": True})["result"].get("value", "")
        import re
        if not re.search(HAN, text):
            return []
        fonts = b.page("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        names = [font["familyName"] for font in fonts]
        if not any(any(mark.lower() in name.lower() for mark in CJK_FONT) for name in names):
            return [f"the Chinese of <h1> is drawn with {names or 'no font'}, no CJK font "
                    "(apt-get install fonts-noto-cjk)"]
        return []

    def screenshot(self, printed=False):
        """The top of the page (MAX_HEIGHT px at most); printed: as print media, PRINT_WIDTH wide."""
        b = self.b
        width = PRINT_WIDTH if printed else WIDTH
        try:
            if printed:
                self.media("print", width)
            metrics = b.page("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            height = max(1, min(MAX_HEIGHT, int(round(size["height"]))))
            import base64
            data = b.page("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True, "fromSurface": True,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})["data"]
            layout = b.page("Runtime.evaluate", {"expression": f"({LAYOUT})({height})",
                                                 "returnByValue": True})["result"]["value"]
        finally:
            if printed:
                self.media("screen", WIDTH)
        return base64.b64decode(data), layout


def layout_changes(actual, reference, tolerance):
    """The first differences of two text layouts (lines "left top right bottom lines text")."""
    def parse(text):
        rows = []
        for line in text.splitlines():
            fields = line.split(" ", 5)
            rows.append(([int(v) for v in fields[:5]], fields[5] if len(fields) > 5 else ""))
        return rows
    ours, theirs = parse(actual), parse(reference)
    changes = []
    for index in range(max(len(ours), len(theirs))):
        if index >= len(ours) or index >= len(theirs):
            extra = (ours if len(ours) > len(theirs) else theirs)[index]
            changes.append(f"{'new' if len(ours) > len(theirs) else 'gone'} text {extra[1]!r} and {abs(len(ours) - len(theirs)) - 1} more")
            break
        (box, text), (was, old) = ours[index], theirs[index]
        if text != old:
            changes.append(f"text {old!r} is now {text!r} at {box[:2]}")
        elif any(abs(a - b) > tolerance for a, b in zip(box, was)):
            changes.append(f"{text!r} moved from {was[:4]} to {box[:4]} (left top right bottom; {box[4]} lines, was {was[4]})")
        if len(changes) == 3:
            break
    return changes


def compare(name, png, layout, references, out, bless, browser_version):
    """Problems of one screenshot against its reference (or writes the reference with --bless).

    The pixels are compared when the references were made by the same Chromium; with another version
    (an update of Debian's package: anti-aliasing may differ) only the text layout is, and it says so.
    """
    from PIL import Image, ImageChops
    reference_path = os.path.join(references, f"{name}.png")
    layout_path = os.path.join(references, f"{name}.layout.txt")
    version_path = os.path.join(references, "chromium-version.txt")
    # The same quantisation on both sides: the reference is what this gives on the reviewed page.
    actual = Image.open(io.BytesIO(png)).convert("RGB").quantize(
        COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    if bless:
        os.makedirs(references, exist_ok=True)
        actual.save(reference_path, optimize=True)
        with open(layout_path, "w", encoding="utf-8") as file:
            file.write(layout)
        with open(version_path, "w", encoding="utf-8") as file:
            file.write(browser_version + "\n")
        return [], f"blessed {reference_path} ({os.path.getsize(reference_path) // 1024} KB) and its layout"
    os.makedirs(out, exist_ok=True)
    actual_path = os.path.join(out, f"{name}.png")
    actual.save(actual_path)
    with open(os.path.join(out, f"{name}.layout.txt"), "w", encoding="utf-8") as file:
        file.write(layout)
    if not (os.path.exists(reference_path) and os.path.exists(layout_path) and os.path.exists(version_path)):
        return [f"no reference {reference_path} (with {name}.layout.txt, chromium-version.txt): look at "
                f"{actual_path}, then bless (Tests/Browser/run.sh --bless)"], None
    with open(layout_path, encoding="utf-8") as file:
        reference_layout = file.read()
    with open(version_path, encoding="utf-8") as file:
        reference_version = file.read().strip()
    changes = layout_changes(layout, reference_layout, 0)
    if reference_version != browser_version:
        moved = layout_changes(layout, reference_layout, LAYOUT_TOLERANCE)
        note = (f"{name}: {browser_version}, the references {reference_version}: text layout compared "
                f"(tolerance {LAYOUT_TOLERANCE} px), not pixels; bless again to compare pixels")
        if moved:
            return [f"screenshot {name}: the text layout differs from {layout_path}: " + "; ".join(moved)
                    + f": see {actual_path}"], note
        return [], note
    reference = Image.open(reference_path).convert("RGB")
    actual = actual.convert("RGB")
    why = (": " + "; ".join(changes)) if changes else ""
    if reference.size != actual.size:
        return [f"screenshot {name}: {actual.size[0]}x{actual.size[1]} px, the reference {reference.size[0]}x"
                f"{reference.size[1]} px (the layout changed{why}): see {actual_path}"], None
    difference = ImageChops.difference(actual, reference)
    channels = difference.split()
    changed = ImageChops.lighter(ImageChops.lighter(channels[0], channels[1]), channels[2])
    mask = changed.point(lambda v: 255 if v > TOLERANCE_VALUE else 0)
    count = mask.histogram()[255]
    total = actual.size[0] * actual.size[1]
    note = f"{name}: {count} of {total} pixels changed"
    if count > TOLERANCE_PIXELS:
        diff_path = os.path.join(out, f"{name}-diff.png")
        faded = Image.blend(actual.convert("L").convert("RGB"), Image.new("RGB", actual.size, "white"), 0.6)
        faded.paste(Image.new("RGB", actual.size, (255, 0, 0)), mask=mask)
        faded.save(diff_path)
        box = mask.getbbox()
        return [f"screenshot {name}: {count} pixels ({100 * count / total:.2f} %) differ from {reference_path} "
                f"(at most {TOLERANCE_PIXELS} pixels), in the box {box}{why}: see {actual_path} and {diff_path}"], note
    return [], note


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--screens", default=os.path.join(here, "screens.txt"))
    parser.add_argument("--references", default=os.path.join(here, "references"))
    parser.add_argument("--out", default=".build/browser")
    parser.add_argument("--bless", action="store_true")
    parser.add_argument("--no-screens", action="store_true", help="check the pages, photograph none")
    parser.add_argument("--containing", help="check only the pages whose source holds this text")
    parser.add_argument("--expect-text", action="append", default=[],
                        help="a text some page must show, character for character (the escaping test)")
    args = parser.parse_args()
    started = time.monotonic()
    if not os.path.isdir(args.site):
        print(f"browser: no site at {args.site}", file=sys.stderr)
        return 1
    pages = sorted(os.path.relpath(os.path.join(root, name), args.site)
                   for root, _, names in os.walk(args.site) for name in names if name.endswith(".html"))
    if args.containing:
        def holds(page):
            with open(os.path.join(args.site, page), encoding="utf-8") as source:
                return args.containing in source.read()
        pages = [page for page in pages if holds(page)]
    if not pages:
        print(f"browser: no page (*.html) in {args.site}" + (f" holding {args.containing!r}" if args.containing else ""),
              file=sys.stderr)
        return 1
    screens, failures = ([], []) if args.no_screens else read_screens(args.screens, args.site)
    for problem in failures:
        print(f"FAIL {problem}")
    shots = {}
    for name, path, printed in screens:
        shots.setdefault(path, []).append((name, printed))
    failed = 0
    found = set()
    try:
        with cdp.Browser() as browser:
            print(f"browser: {browser.version['product']}, {len(pages)} pages of {args.site}")
            checker = Checker(browser, args.site)
            for page in pages:
                problems = checker.load(page)
                if args.expect_text:
                    shown = browser.page("Runtime.evaluate", {"expression": "document.body.innerText",
                                                              "returnByValue": True})["result"].get("value", "")
                    found.update(text for text in args.expect_text if text in shown)
                for name, printed in shots.get(page, []):
                    png, layout = checker.screenshot(printed)
                    more, note = compare(name, png, layout, args.references, args.out, args.bless,
                                         browser.version["product"])
                    problems += more
                    if printed:
                        note = f"{note or name}; prints on {checker.pages_printed()} A4 page(s)"
                    if note:
                        print(f"  {page}: {note}")
                for problem in problems:
                    print(f"FAIL {page}: {' '.join(problem.split())}")
                failed += bool(problems)
    except cdp.BrowserError as error:
        print(f"FAIL browser: {error}", file=sys.stderr)
        return 1
    for text in args.expect_text:
        if text not in found:
            print(f"FAIL no page shows {text!r} as text")
            failures.append(text)
    failed_total = failed + len(failures)
    print(f"browser: {len(pages) - failed} passed, {failed_total} failed ({time.monotonic() - started:.1f} s)")
    return 1 if failed_total else 0


if __name__ == "__main__":
    sys.exit(main())
