"""The content digest of a directory (README, the draw's rule 8: `sha256-bucketed-row-sha256-v2`,
and `sha256-sorted-row-sha256-v1` of earlier artefacts), computed independently of choucha from the
README's words, with the standard library only, and compared with what `choucha draw --commit`
records (v2). Also checks that the digest depends neither on the encoding (UTF-8, with a BOM or not,
or GB18030) nor on the rows' order or the padding the draw trims, and that it changes with a cell.
Writes the pathological directories content-digest-*.csv (all rows in one bucket, duplicated rows,
no rows) and Tests/Fixtures/vectors/commitment-digest.txt with both methods' digests of every
directory, which CommitmentTests reads (the Swift digest of the same files must equal it).

Usage: commitment_digest.py CHOUCHA_BINARY VECTORS_FOLDER. Exit 0 when every check holds.
       commitment_digest.py --method v1|v2 [--inspectors] FILE.csv: prints FILE's rows and digest
       (an auditor's independent check of a directory's content digest).
"""

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TARGET_COLUMNS = [["统一社会信用代码"], ["名称", "企业名称"], ["行业"], ["标签"], ["信用风险分类"], ["经营异常"]]
INSPECTOR_COLUMNS = [["工号"], ["姓名"], ["部门"], ["执法证号"], ["专长"], ["回避"]]
TRIMMED = " \t\r\n\u3000"
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def text_of(data):
    """UTF-8 (a BOM dropped) or else GB18030, as the draw reads a directory."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return text[1:] if text.startswith("\ufeff") else text


def without_notes(heading):
    """A heading without its bracketed notes: 信用风险分类（2024） is 信用风险分类."""
    result, depth = [], 0
    for character in heading:
        if character in "(（[【":
            depth += 1
        elif character in ")）]】":
            depth = max(0, depth - 1)
        elif depth == 0:
            result.append(character)
    return "".join(result).strip(" ")


EMPTY = hashlib.sha256(b"").digest()


def combine(digests, method):
    """v1: SHA-256 of the row digests sorted bytewise, concatenated. v2: 256 buckets by the row
    digest's first byte; each bucket's digest is SHA-256 of its row digests sorted bytewise and
    concatenated (an empty bucket: SHA-256 of nothing); the result, SHA-256 of the 256 bucket
    digests in bucket order."""
    digests = sorted(digests)  # bytes compare unsigned, bytewise; duplicates kept
    if method == "v1":
        return hashlib.sha256(b"".join(digests)).hexdigest()
    buckets = [[] for _ in range(256)]
    for digest in digests:
        buckets[digest[0]].append(digest)
    return hashlib.sha256(b"".join(hashlib.sha256(b"".join(bucket)).digest() for bucket in buckets)).hexdigest()


def content_digest(data, columns, method="v2"):
    """(digest, rows): the content digest of the canonical rows by `method`."""
    records = list(csv.reader(io.StringIO(text_of(data), newline="")))
    headings = ["".join(c for c in cell.strip(TRIMMED) if c not in " \u3000") for cell in records[0]]
    positions = []
    for names in columns:
        found = [i for i, h in enumerate(headings) if h in names or without_notes(h) in names]
        positions.append(found[0] if found else None)
    digests = []
    for record in records[1:]:
        cells = [cell.replace("\r\n", "\n").replace("\r", "\n") for cell in record]
        if all(not cell.strip(TRIMMED) for cell in cells):
            continue  # a blank row
        canonical = "\u001f".join("" if p is None else cells[p].strip(TRIMMED) for p in positions)
        digests.append(hashlib.sha256(canonical.encode("utf-8")).digest())
    return combine(digests, method), len(digests)


def variant(data):
    """The same rows in GB18030, in reverse order, with LF line breaks and padded cells."""
    lines = text_of(data).replace("\r\n", "\n").split("\n")
    header, rows = lines[0], [line for line in lines[1:] if line]
    padded = [line.replace(",", " ,", 1) for line in reversed(rows)]
    return ("\n".join([header] + padded) + "\n").encode("gb18030")


def committed(choucha, targets, inspectors, out):
    result = subprocess.run(
        [choucha, "draw", "Rules", "--targets", targets, "--inspectors", inspectors, "--commit", "--out", out],
        cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"choucha draw --commit: exit {result.returncode}\n{result.stdout}{result.stderr}")
        return None
    with open(os.path.join(out, "commitment-2024.json"), encoding="utf-8") as handle:
        return json.load(handle)["inputs"]


HEADER = "统一社会信用代码,名称,行业,标签,信用风险分类,经营异常\r\n"


def row_digest(cells):
    return hashlib.sha256("\u001f".join(cells).encode("utf-8")).digest()


def pathological():
    """(file name, bytes, what): directories at the edges of the v2 buckets."""
    one_bucket, number = [], 0
    while len(one_bucket) < 24:  # rows whose digest's first byte is 0x00 (about 1 in 256)
        number += 1
        cells = [f"91110000{number:010d}", f"同一桶第{number}户", "餐饮", "", "A", ""]
        if row_digest(cells)[0] == 0:
            one_bucket.append(cells)
    distinct = [[f"9132000000000{i:05d}", f"重复第{i}户", "零售", "食品经营者", "B", "否"] for i in range(5)]
    repeated = distinct + [distinct[0], distinct[0], distinct[3]]
    text = lambda rows: (HEADER + "".join(",".join(cells) + "\r\n" for cells in rows)).encode("utf-8")
    return [
        ("content-digest-one-bucket.csv", text(one_bucket), "24 rows, every digest in bucket 00"),
        ("content-digest-duplicates.csv", text(repeated), "8 rows, one of them three times and one twice"),
        ("content-digest-empty.csv", text([]), "no rows"),
    ]


def main():
    if sys.argv[1] == "--method":
        method, inspectors = sys.argv[2], "--inspectors" in sys.argv
        if method not in ("v1", "v2"):
            sys.exit("--method v1 or v2")
        digest, rows = content_digest(open(sys.argv[-1], "rb").read(), INSPECTOR_COLUMNS if inspectors else TARGET_COLUMNS, method)
        print(f"{rows}\t{digest}")
        return
    choucha, vectors = os.path.abspath(sys.argv[1]), sys.argv[2]
    examples = {name: open(os.path.join(ROOT, "Examples/05-draw", name), "rb").read() for name in ["targets.csv", "inspectors.csv"]}
    lines = []
    with tempfile.TemporaryDirectory() as temporary:
        paths = {}
        for name, data in examples.items():
            paths[name] = os.path.join(temporary, "gb18030-reversed-" + name)
            open(paths[name], "wb").write(variant(data))
        for label, targets, inspectors in [
            ("Examples/05-draw", "Examples/05-draw/targets.csv", "Examples/05-draw/inspectors.csv"),
            ("GB18030, rows reversed, cells padded", paths["targets.csv"], paths["inspectors.csv"]),
        ]:
            inputs = committed(choucha, targets, inspectors, os.path.join(temporary, str(len(lines))))
            if inputs is None:
                continue
            for key, name, columns in [("targets", "targets.csv", TARGET_COLUMNS), ("inspectors", "inspectors.csv", INSPECTOR_COLUMNS)]:
                digest, rows = content_digest(examples[name], columns)
                if (inputs[key]["contentDigest"], inputs[key]["rows"]) != (digest, rows):
                    fail(f"{label} {key}: choucha {inputs[key]['contentDigest']} ({inputs[key]['rows']} rows), "
                         f"Python {digest} ({rows} rows)")
                if label == "Examples/05-draw":
                    for method in ("v1", "v2"):
                        lines.append(f"Examples/05-draw/{name}\t{method}\t{rows}\t{content_digest(examples[name], columns, method)[0]}")
    # A changed cell changes the digest.
    data = examples["targets.csv"]
    original, _ = content_digest(data, TARGET_COLUMNS)
    changed, _ = content_digest(data.replace("第2户".encode(), "第2号".encode(), 1), TARGET_COLUMNS)
    if changed == original:
        fail("a changed cell must change the content digest")
    # The GB18030 vector directory (its rows but the last, a ragged one the draw refuses).
    text = open(os.path.join(vectors, "gb18030-directory.txt"), "rb").read()
    hex_lines = open(os.path.join(vectors, "gb18030-directory.hex"), encoding="utf-8").read().split("\n")
    encoded = bytes.fromhex("".join(line for line in hex_lines if not line.startswith("#")))
    cut = lambda data: b"\n".join(data.split(b"\n")[:7]) + b"\n"
    utf8, rows = content_digest(cut(text), TARGET_COLUMNS)
    if content_digest(cut(encoded), TARGET_COLUMNS)[0] != utf8:
        fail("gb18030-directory: GB18030 and UTF-8 give different digests")
    lines.append(f"gb18030-directory.txt (first 7 lines)\tv1\t{rows}\t{content_digest(cut(text), TARGET_COLUMNS, 'v1')[0]}")
    lines.append(f"gb18030-directory.txt (first 7 lines)\tv2\t{rows}\t{utf8}")
    # The edges of v2's buckets, written here for CommitmentTests (the draw refuses a duplicated
    # code, so these are compared through the vectors, not through draw --commit).
    for name, data, what in pathological():
        open(os.path.join(vectors, name), "wb").write(data)
        for method in ("v1", "v2"):
            digest, rows = content_digest(data, TARGET_COLUMNS, method)
            lines.append(f"{name}\t{method}\t{rows}\t{digest}")
    one = content_digest(pathological()[0][1], TARGET_COLUMNS, "v2")[0]
    spread = content_digest(examples["targets.csv"], TARGET_COLUMNS, "v2")[0]
    if one == spread or content_digest(pathological()[2][1], TARGET_COLUMNS, "v1")[0] != EMPTY.hex():
        fail("the pathological directories are not what they claim")
    out = os.path.join(vectors, "commitment-digest.txt")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("# The content digest (README, the draw's rule 8), by Tests/Vectors/commitment_digest.py: file, method, rows, digest\n")
        handle.write("\n".join(lines) + "\n")
    if failures:
        print(f"{len(failures)} content digest check(s) failed", file=sys.stderr)
        sys.exit(1)
    print(f"content digest: {len(lines)} directories, choucha and Python agree")


main()
