"""Rewrites the reference vectors in Tests/Fixtures/vectors/ from the reference implementations.

Run through Tests/Vectors/regenerate.sh, which installs the pinned packages (requirements.txt)
into a virtual environment. Usage: regenerate.py CHOUCHA_BINARY OUTPUT_FOLDER

Every file written is deterministic (no dates, no versions of Python), so that running this again
and `git diff --exit-code` proves the recorded vectors still equal the references. The draw of
Examples/05-draw is also compared here, directly, with the one the choucha binary makes: this
script exits 1 on any difference.
"""

import csv
import datetime
import hashlib
import importlib.metadata
import json
import os
import re
import subprocess
import sys
import tempfile

PINS = {"consistent-sampler": "1.0.10", "chinese-calendar": "1.11.0"}
for package, version in PINS.items():
    installed = importlib.metadata.version(package)
    if installed != version:
        sys.exit(f"{package} {installed} is installed; the vectors are recorded from {version}")

import chinese_calendar  # noqa: E402
from consistent_sampler import first_fraction, sampler  # noqa: E402

choucha, out = sys.argv[1], sys.argv[2]
root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SAMPLER_SOURCE = "consistent-sampler 1.0.10 (https://pypi.org/project/consistent-sampler/1.0.10/)"
CALENDAR_SOURCE = "chinese-calendar 1.11.0 (https://pypi.org/project/chinese-calendar/1.11.0/)"
REGENERATE = "Tests/Vectors/regenerate.sh"


def write(name, header, lines):
    with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as file:
        for line in header:
            file.write(("# " + line).rstrip() + "\n")
        for line in lines:
            file.write(line + "\n")


def text(value):
    """One field: a JSON string (tabs, spaces at the end and empty ids stay visible)."""
    return json.dumps(value, ensure_ascii=False)


# MARK: - Tickets and the sampler

SEEDS = ["01382438112797316654", "2024年双随机抽查", "", "seed with spaces ", "314159", "e\u0301\u00e9"]


def make_ids():
    ids = [
        "2024-J-餐饮|91130102MA0XXXXX1A", "AB-130", "", " ", "a", "\u00e9", "e\u0301",
        "长标识符-long-id-" * 40, "tab\there", "😀|emoji",
    ]
    n = 0
    while len(ids) < 1000:
        if n % 4 == 0:
            ids.append(f"2024-J-餐饮|91130102MA{100000 + n}")
        elif n % 4 == 1:
            ids.append(f"ENT-{n}")
        elif n % 4 == 2:
            ids.append(f"石家庄市市场监督管理局/{n}")
        else:
            ids.append("x" * (n % 150) + f"#{n}")
        n += 1
    return ids


IDS = make_ids()
write("ids.txt", [
    "The ids the ticket and sampler vectors use, one JSON string a line (line n is id n, from 0):",
    "CJK, ASCII, empty, a space, é composed and decomposed, a 520-character id, a tab, an emoji.",
    f"Written by {REGENERATE}.",
], [text(i) for i in IDS])

lines = []
for seed in SEEDS:
    for id in IDS[:12]:
        lines.append(f"{text(seed)}\t{text(id)}\t{first_fraction(id, seed)}")
write("tickets.txt", [
    f"first_fraction(id, seed) of {SAMPLER_SOURCE}",
    "for six seeds and the first twelve ids of ids.txt. Fields (tab-separated): seed, id (JSON strings), ticket.",
    f"Written by {REGENERATE}.",
], lines)

lines = []
for seed, take in [("2024年双随机抽查", 1000), ("01382438112797316654", 37), ("", 5)]:
    lines.append(f"sample\t{text(seed)}\t{take}")
    index = {id: n for n, id in enumerate(IDS)}
    # digits=1000: trim() keeps the whole ticket number.
    for number, id, generation in sampler(IDS, seed, take=take, output="tuple", digits=1000):
        assert generation == 1
        lines.append(f"{index[id]}\t{number}")
write("sampler.txt", [
    f"sampler(ids, seed, take=k, output='tuple', digits=1000) of {SAMPLER_SOURCE}, over the 1,000 ids of ids.txt.",
    "A line `sample<TAB>seed<TAB>k` starts a sample; then one line per id drawn, in order: index in ids.txt, ticket.",
    f"Written by {REGENERATE}.",
], lines)

# MARK: - The draw of Rules/ with Examples/05-draw

DRAW_SEED = "2024-03-01 公开摇号：3 1 4 1 5 9"
with tempfile.TemporaryDirectory() as folder:
    subprocess.run(
        [choucha, "draw", "Rules", "--targets", "Examples/05-draw/targets.csv", "--inspectors",
         "Examples/05-draw/inspectors.csv", "--seed", DRAW_SEED, "--out", folder],
        cwd=root, check=True, stdout=subprocess.DEVNULL)
    document = json.load(open(os.path.join(folder, "draw-2024.json"), encoding="utf-8"))

SEPARATORS = re.compile("[、，,；;/ \u3000]+")
targets = []
with open(os.path.join(root, "Examples/05-draw/targets.csv"), encoding="utf-8-sig", newline="") as file:
    for row in csv.DictReader(file):
        targets.append({
            "code": row["统一社会信用代码"].strip(),
            "industry": row["行业"].strip(),
            "tags": [tag for tag in SEPARATORS.split(row.get("标签", "").strip()) if tag],
            "class": row["信用风险分类"].strip(),
        })

# The public specification (README, "双随机抽取"): the population by the task's kind, stratified by
# risk class; each class's sample is the smallest tickets of `task|code`; a target already drawn
# by max-visits tasks is skipped for the next ticket.
visits = {}
lines = []
mismatches = []
for task in document["tasks"]:
    drawn_codes = []
    for risk_class in document["classes"]:
        if task["kind"] == "joint":
            members = [t for t in targets if t["class"] == risk_class and t["industry"] in task["industries"]]
        else:
            members = [t for t in targets if t["class"] == risk_class
                       and set([t["industry"]] + t["tags"]) & set(task["objects"])]
        take = task["sampleSize"].get(risk_class, 0)
        ids = [f"{task['id']}|{t['code']}" for t in members]
        chosen, skipped = [], []
        if take > 0:
            for id in sampler(ids, DRAW_SEED, output="id"):
                code = id[len(task["id"]) + 1:]
                if visits.get(code, 0) >= document["maxVisits"]:
                    skipped.append(code)
                    continue
                chosen.append(code)
                if len(chosen) == take:
                    break
        drawn_codes += chosen
        lines.append("\t".join([task["id"], risk_class, str(len(members)), " ".join(chosen), " ".join(skipped)]))
        # Directly against the binary's draw.
        theirs = [t["code"] for t in task["targets"] if t["class"] == risk_class]
        if theirs != chosen:
            mismatches.append(f"{task['id']} {risk_class}: choucha {theirs}, consistent_sampler {chosen}")
        if task["population"].get(risk_class, 0) != len(members):
            mismatches.append(f"{task['id']} {risk_class}: population {task['population'].get(risk_class)} ≠ {len(members)}")
    theirs = [s["code"] if isinstance(s, dict) else s for s in task["skipped"]]
    ours = [code for line in lines[-len(document["classes"]):] for code in line.split("\t")[4].split()]
    if sorted(theirs) != sorted(ours):
        mismatches.append(f"{task['id']}: skipped by choucha {theirs}, by the specification {ours}")
    for code in drawn_codes:
        visits[code] = visits.get(code, 0) + 1
write("draw-05.txt", [
    f"The draw of Rules/ with Examples/05-draw and the seed {text(DRAW_SEED)}, by {SAMPLER_SOURCE}:",
    "each task's population is found by the README's public specification (双随机抽取, rule 4), its sample sizes",
    "are those the draw document states, skipped targets are those already drawn by max-visits tasks (rule 5).",
    "Fields (tab-separated): task, risk class, population, drawn codes in ticket order, skipped codes.",
    f"Written by {REGENERATE}, which also compares them with the draw the choucha binary makes.",
], lines)

# MARK: - The official calendar

lines = ["date,kind,name"]
day = datetime.date(2019, 1, 1)
while day <= datetime.date(2026, 12, 31):
    if day in chinese_calendar.holidays:
        assert day not in chinese_calendar.workdays
        lines.append(f"{day.isoformat()},holiday,{chinese_calendar.holidays[day]}")
    elif day in chinese_calendar.workdays:
        lines.append(f"{day.isoformat()},workday,{chinese_calendar.workdays[day]}")
    day += datetime.timedelta(days=1)
write("calendar-2019-2026.csv", [
    f"China's official holidays and make-up working days, 2019-01-01..2026-12-31, from {CALENDAR_SOURCE}:",
    "chinese_calendar.holidays (days off of a statutory holiday, weekends inside it included) and",
    "chinese_calendar.workdays (weekend days worked in lieu). Every other Monday-Friday is a working day,",
    "every other Saturday and Sunday a day off. The package follows the State Council General Office's",
    "yearly notices on holiday arrangements (国务院办公厅关于部分节假日安排的通知).",
    f"Written by {REGENERATE}.",
], lines)

# MARK: - SHA-256 padding boundaries (hashlib)


def pattern(count):
    return bytes((n * 131 + 7 + (n >> 8)) & 0xFF for n in range(count))


write("sha256-padding.txt", [
    "SHA-256 by Python's hashlib of the messages of 0 to 200 bytes, byte n = (131 n + 7 + n / 256) mod 256:",
    "the padding boundaries at 55, 56, 64 and 119, 120, 128 bytes. Fields: length, digest.",
    f"Written by {REGENERATE}.",
], [f"{n} {hashlib.sha256(pattern(n)).hexdigest()}" for n in range(201)])

# MARK: - GB18030 (Python's gb18030 codec, the GB18030-2000 mapping)

TRAILS = list(range(0x40, 0x7F)) + list(range(0x80, 0xFF))
lines = []
for lead in range(0x81, 0xFF):
    points = ""
    for trail in TRAILS:
        decoded = bytes([lead, trail]).decode("gb18030")
        assert len(decoded) == 1
        points += "%X\n" % ord(decoded)
    lines.append("%02X %s" % (lead, hashlib.sha256(points.encode("ascii")).hexdigest()))
write("gb18030-two-byte.txt", [
    "Python's gb18030 codec on every two-byte sequence: per lead byte 81-FE, the SHA-256 of the code points",
    "its 190 sequences (trail bytes 40-7E, 80-FE) decode to, each in upper-case hex and a line feed.",
    "Python keeps GB18030-2000's A8BC = U+E7C7 (GB18030-2005: U+1E3F).",
    f"Written by {REGENERATE}.",
], lines)


def four_byte(pointer):
    return bytes([0x81 + pointer // 12600, 0x30 + pointer // 1260 % 10, 0x81 + pointer // 10 % 126, 0x30 + pointer % 10])


lines = []
for first, last in [(0, 39419), (189000, 1237575)]:
    decoded = b"".join(four_byte(p) for p in range(first, last + 1)).decode("gb18030")
    assert len(decoded) == last - first + 1
    start = first
    for pointer in range(first + 1, last + 2):
        if pointer > last or ord(decoded[pointer - first]) != ord(decoded[pointer - first - 1]) + 1:
            lines.append("%d %X %d" % (start, ord(decoded[start - first]), pointer - start))
            start = pointer
write("gb18030-four-byte.txt", [
    "Python's gb18030 codec on every four-byte sequence of the BMP (pointers 0-39419, 81308130-8431A439) and the",
    "supplementary planes (pointers 189000-1237575, 90308130-E3329A35), as runs: first pointer, its code point",
    "(hex), length (pointer p + i decodes to code point c + i). Pointer p is the bytes 81 + p / 12600,",
    "30 + p / 1260 % 10, 81 + p / 10 % 126, 30 + p % 10. Python keeps GB18030-2000's 8135F437 = U+1E3F.",
    f"Written by {REGENERATE}.",
], lines)

ERROR_CASES = [
    "41FF42", "414281", "D6D08120", "817F", "81FF41", "41813020", "8431A530", "E3329A36", "D6D0813081",
    "81308141", "FFFF", "FE", "D6D0CEC42C8130",
]
lines = []
for case in ERROR_CASES:
    try:
        bytes.fromhex(case).decode("gb18030")
        lines.append(f"{case} none")
    except UnicodeDecodeError as error:
        lines.append(f"{case} {error.start}")
write("gb18030-errors.txt", [
    "Where Python's strict gb18030 decoder stops: the bytes (hex), the offset of the first invalid sequence.",
    f"Written by {REGENERATE}.",
], lines)

directory = open(os.path.join(out, "gb18030-directory.txt"), encoding="utf-8", newline="").read()
encoded = directory.encode("gb18030")
assert encoded.decode("gb18030") == directory
hex_text = encoded.hex().upper()
write("gb18030-directory.hex", [
    "gb18030-directory.txt encoded by Python's gb18030 codec, in hex, 64 digits a line.",
    f"Written by {REGENERATE}.",
], [hex_text[i:i + 64] for i in range(0, len(hex_text), 64)])

if mismatches:
    print("The choucha binary's draw differs from consistent_sampler:", file=sys.stderr)
    for line in mismatches:
        print("  " + line, file=sys.stderr)
    sys.exit(1)
print(f"vectors written to {out}; the draw of Examples/05-draw equals consistent_sampler's "
      f"({len(document['tasks'])} tasks)")
