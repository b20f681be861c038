"""The JSON documents choucha writes match the published schemas, as judged by an independent
validator: Python's jsonschema (Draft 2020-12 with date formats checked; SARIF by the OASIS
Draft 4 schema). And the check can fail: each mutation of a valid document is rejected, at the
mutated place. A CI step (.ci/run), not a Swift test: it needs Python and jsonschema, which
Tests/Vectors/check-schemas.sh installs (pinned, requirements.txt).

Usage: check_schemas.py CHOUCHA_BINARY. Exit 0 when every check holds, 1 otherwise.

Documents checked: what `choucha site` writes for Rules/ (manifest.json and site.manifest.json),
what `choucha build` writes for Rules/ (with checklists.json when its items have
check points, and sheets-2024.json from the draw Rules/ imports) and for Tests/Fixtures/issue-example.choucha,
what `choucha draw` writes for Rules/ with Examples/05-draw (with `--commit`, and with `--commitment`), the manifests (complete and as a kill
leaves them), Examples/01-basic/build/build.manifest.json, the expected documents of
Tests/Fixtures/build/ and Tests/Fixtures/draw/ok-* (the golden tests hold them equal to what the
library writes), and the SARIF golden files of Tests/Fixtures/report/.
"""

import copy
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import jsonschema
from jsonschema import Draft4Validator, Draft202012Validator

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCHEMAS = os.path.join(ROOT, "Schemas")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
DRAW_SEED = "2024-03-01 公开摇号：3 1 4 1 5 9"
choucha = os.path.abspath(sys.argv[1])
failures = []


def fail(message):
    failures.append(message)
    print("FAIL " + message)


def schema_for(name):
    """The schema a written document follows, by file name; None for CSV and Markdown files."""
    if name.endswith(".manifest.json"):
        kind = "manifest"
    elif name == "manifest.json":
        kind = "site"
    elif name == "items.json":
        kind = "items"
    elif name.startswith("plan-") and name.endswith(".json"):
        kind = "plan"
    elif name.startswith("tasks-") and name.endswith(".json"):
        kind = "tasks"
    elif name == "checklists.json":
        kind = "checklists"
    elif name.startswith("sheets-") and name.endswith(".json"):
        kind = "sheets"
    elif name.startswith("results-") and name.endswith(".json"):
        kind = "results"
    elif name.startswith("figures-") and name.endswith(".json"):
        kind = "figures"
    elif name.startswith("commitment-") and name.endswith(".json"):
        kind = "commitment.v1"
    elif name == "draw.json" or (name.startswith("draw-") and name.endswith(".json")):
        # What choucha draws today is version 2; published v1 documents are checked against
        # draw.schema.json by name below.
        kind = "draw.v2"
    else:
        return None
    return os.path.join(SCHEMAS, f"{kind}.schema.json")


def strict_object(pairs):
    keys = [key for key, _ in pairs]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise ValueError("duplicate key(s): " + ", ".join(duplicates))
    return dict(pairs)


def no_constant(name):
    raise ValueError("not JSON: " + name)


CHECKER = getattr(Draft202012Validator, "FORMAT_CHECKER", None) or jsonschema.FormatChecker()
_validators = {}


def validator(schema_path):
    if schema_path not in _validators:
        with open(schema_path, encoding="utf-8") as handle:
            schema = json.load(handle)
        if schema.get("$schema") != DRAFT:
            sys.exit(f"{schema_path}: $schema is not {DRAFT}")
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as error:
            sys.exit(f"{schema_path}: not a valid Draft 2020-12 schema: {error.message}")
        _validators[schema_path] = Draft202012Validator(schema, format_checker=CHECKER)
    return _validators[schema_path]


def errors(schema_path, text):
    """The validator's report on a document's text: one line per error, JSON pointer first."""
    try:
        document = json.loads(text, object_pairs_hook=strict_object, parse_constant=no_constant)
    except ValueError as error:
        return [f"not valid JSON: {error}"]
    found = sorted(validator(schema_path).iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    return ["/" + "/".join(str(part) for part in error.absolute_path) + ": " + error.message for error in found]


def assert_valid(path, what, schema=None):
    schema = schema or schema_for(os.path.basename(path))
    if schema is None:
        fail(f"{what}: {os.path.basename(path)} has no schema under Schemas/")
        return
    with open(path, encoding="utf-8") as handle:
        report = errors(schema, handle.read())
    for line in report:
        fail(f"{what}: {os.path.relpath(path, ROOT) if path.startswith(ROOT) else os.path.basename(path)}: {line}")
    return not report


def assert_rejected(name, path, expected, mutate):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    mutated = copy.deepcopy(document)
    mutate(mutated)
    report = "\n".join(errors(schema_for(os.path.basename(path)), json.dumps(mutated, ensure_ascii=False)))
    if not report:
        fail(f"{name}: the validator must reject the document")
    for text in expected:
        if text not in report:
            fail(f"{name}: expected “{text}” in the report:\n{report}")


def run(*arguments):
    result = subprocess.run([choucha, *arguments], cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"choucha {' '.join(arguments)}: exit {result.returncode}\n{result.stdout}{result.stderr}")
    return result.returncode == 0


def json_files(folder):
    return sorted(name for name in os.listdir(folder) if name.endswith(".json"))


checked = 0
with tempfile.TemporaryDirectory() as temporary:
    # Rules/: items.json, plan-YYYY.json, tasks-YYYY.json and the manifest; checklists.json, as its
    # items have check points; sheets-2024.json, as Rules/ imports its 2024 draw (`引入 抽取`); the
    # results' publication and figures, as it imports results (`引入 结果`).
    rules = os.path.join(temporary, "rules")
    run("build", "Rules", "--out", rules)
    names = json_files(rules)
    if names != ["build.manifest.json", "checklists.json", "figures-2024.json", "items.json", "plan-2024.json",
                 "results-2024.json", "sheets-2024.json", "tasks-2024.json"]:
        fail(f"Rules/: unexpected documents {names}")
    for name in names:
        checked += 1
        assert_valid(os.path.join(rules, name), "Rules/")

    # The site of Rules/ (with the draw it imports): its manifest.json and the run's manifest,
    # whose names are paths; every file manifest.json lists is there with its digest.
    site = os.path.join(temporary, "site")
    run("site", "Rules", "--out", site)
    for name in ["manifest.json", "site.manifest.json"]:
        checked += 1
        assert_valid(os.path.join(site, name), "the site of Rules/")
    listed = json.load(open(os.path.join(site, "manifest.json"), encoding="utf-8"))["files"]
    import hashlib
    for entry in listed:
        data = open(os.path.join(site, entry["path"]), "rb").read()
        if hashlib.sha256(data).hexdigest() != entry["sha256"] or len(data) != entry["size"]:
            fail(f"the site of Rules/: {entry['path']} differs from manifest.json")
    if not any(entry["path"] == "tasks/1.html" for entry in listed):
        fail("the site of Rules/: manifest.json does not list tasks/1.html")
    site_manifest = os.path.join(site, "manifest.json")
    for text, expected in [
        ('{"schema": "choucha/manifest/v1", "command": "site", "complete": true, "files": [{"name": "tasks/../../x", '
         '"size": 1, "sha256": "' + "0" * 64 + '"}]}', "tasks/../../x"),
        ('{"schema": "choucha/manifest/v1", "command": "site", "complete": true, "files": [{"name": "/etc/passwd", '
         '"size": 1, "sha256": "' + "0" * 64 + '"}]}', "/etc/passwd"),
    ]:
        report = "\n".join(errors(schema_for("site.manifest.json"), text))
        if expected not in report:
            fail(f"a site's run manifest naming “{expected}” must be rejected: {report or 'accepted'}")

    # The issue's example.
    issue = os.path.join(temporary, "issue")
    os.makedirs(os.path.join(issue, "rules"))
    shutil.copy(os.path.join(ROOT, "Tests/Fixtures/issue-example.choucha"), os.path.join(issue, "rules"))
    run("build", os.path.join(issue, "rules"), "--out", os.path.join(issue, "build"))
    for name in json_files(os.path.join(issue, "build")):
        checked += 1
        assert_valid(os.path.join(issue, "build", name), "issue example")

    # The draw of Rules/ with Examples/05-draw: the JSON document has a schema, the CSV none.
    draw = os.path.join(temporary, "draw")
    run("draw", "Rules", "--targets", "Examples/05-draw/targets.csv", "--inspectors",
        "Examples/05-draw/inspectors.csv", "--seed", DRAW_SEED, "--out", draw)
    names = json_files(draw)
    if names != ["draw-2024.json", "draw-2024.manifest.json"]:
        fail(f"the draw: unexpected documents {names}")
    for name in names:
        checked += 1
        assert_valid(os.path.join(draw, name), "the draw of Rules/ with Examples/05-draw")

    # The commitment (`draw --commit`), and a draw made against it (its `commitment` recorded).
    commit = os.path.join(temporary, "commit")
    run("draw", "Rules", "--targets", "Examples/05-draw/targets.csv", "--inspectors",
        "Examples/05-draw/inspectors.csv", "--commit", "--out", commit)
    names = json_files(commit)
    if names != ["commitment-2024.json", "commitment-2024.manifest.json"]:
        fail(f"the commitment: unexpected documents {names}")
    for name in names:
        checked += 1
        assert_valid(os.path.join(commit, name), "the commitment of Rules/ with Examples/05-draw")
    committed = os.path.join(temporary, "committed")
    run("draw", "Rules", "--targets", "Examples/05-draw/targets.csv", "--inspectors",
        "Examples/05-draw/inspectors.csv", "--seed", DRAW_SEED, "--commitment",
        os.path.join(commit, "commitment-2024.json"), "--out", committed)
    checked += 1
    if assert_valid(os.path.join(committed, "draw-2024.json"), "a draw against a commitment"):
        if json.load(open(os.path.join(committed, "draw-2024.json"), encoding="utf-8"))["commitment"] is None:
            fail("a draw against a commitment records its SHA-256")

    # Manifests as a kill leaves them (complete: false, with the names being removed).
    for path in [os.path.join(rules, "build.manifest.json"), os.path.join(draw, "draw-2024.manifest.json")]:
        text = open(path, encoding="utf-8").read()
        unfinished = os.path.join(temporary, "unfinished-" + os.path.basename(path))
        changed = text.replace('"complete": true', '"complete": false').replace("\n  ]\n}", '\n  ],\n  "removing": []\n}')
        if changed == text:
            fail(f"{path}: the unfinished form could not be made")
        open(unfinished, "w", encoding="utf-8").write(changed)
        checked += 1
        assert_valid(unfinished, "an unfinished manifest")
    checked += 1
    assert_valid(os.path.join(ROOT, "Examples/01-basic/build/build.manifest.json"), "Examples/01-basic/build")
    manifest = schema_for("build.manifest.json")
    for text, expected in [
        ('{"schema": "choucha/manifest/v1", "command": "build", "complete": false, "files": []}', "removing"),
        ('{"schema": "choucha/manifest/v1", "command": "build", "complete": true, "files": [{"name": "../notes.txt", '
         '"size": 1, "sha256": "' + "0" * 64 + '"}]}', "../notes.txt"),
    ]:
        report = "\n".join(errors(manifest, text))
        if expected not in report:
            fail(f"a broken manifest must be rejected naming “{expected}”: {report or 'accepted'}")

    # The check can fail: mutations of the Rules/ documents.
    def edit(document, key, index, change):
        change(document[key][index])

    def set_window_start(task):
        task["window"]["start"] = "2024-3-1"

    items, plan, tasks = (os.path.join(rules, name) for name in ["items.json", "plan-2024.json", "tasks-2024.json"])
    mutations = [
        ("a ratio spelt out", items, ["/items/0/sampling"],
         lambda d: edit(d, "items", 0, lambda i: i.update(sampling={"ratio": "five percent"}))),
        ("a required field removed", items, ["/items/0", "'code' is a required property"],
         lambda d: edit(d, "items", 0, lambda i: i.pop("code"))),
        ("sampling with both a ratio and a count", items, ["/items/0/sampling"],
         lambda d: edit(d, "items", 0, lambda i: i.update(sampling={"ratio": "5%", "count": 3}))),
        ("a method outside the vocabulary", items, ["/items/0/methods/0", "telepathy"],
         lambda d: edit(d, "items", 0, lambda i: i.update(methods=["telepathy"]))),
        ("a date not in YYYY-MM-DD", plan, ["/tasks/0/window/start"], lambda d: edit(d, "tasks", 0, set_window_start)),
        ("a day that does not exist", plan, ["/window/end", "is not a 'date'"],
         lambda d: d["window"].update(end="2024-02-30")),
        ("an undocumented field", plan, ["/summary", "extra"], lambda d: d["summary"].update(extra=1)),
        ("a null title", plan, ["/title"], lambda d: d.update(title=None)),
        ("a kind outside the enum", tasks, ["/tasks/0/kind", "mixed"],
         lambda d: edit(d, "tasks", 0, lambda t: t.update(kind="mixed"))),
        ("the wrong schema id", tasks, ["/schema"], lambda d: d.update(schema="choucha/tasks/v2")),
    ]

    # … and of the draw document.
    def visit(document, change):
        change(document["tasks"][0]["targets"][0])

    def inspector(document, change):
        visit(document, lambda v: change(v["inspectors"][0]))

    document = os.path.join(draw, "draw-2024.json")
    mutations += [
        ("a ticket that is not a fraction", document, ["/tasks/0/targets/0/ticket", "does not match"],
         lambda d: visit(d, lambda v: v.update(ticket="ticket-7"))),
        ("a ticket with fewer than 64 digits", document, ["/tasks/0/targets/0/inspectors/0/ticket"],
         lambda d: inspector(d, lambda i: i.update(ticket="0.5"))),
        ("a ticket as a number", document, ["/tasks/0/targets/0/ticket", "is not of type 'string'"],
         lambda d: visit(d, lambda v: v.update(ticket=0.25))),
        ("the seed hash removed", document, ["'seedHash' is a required property"], lambda d: d.pop("seedHash")),
        ("a seed hash in capitals", document, ["/seedHash"], lambda d: d.update(seedHash=d["seedHash"].upper())),
        ("an input hash cut short", document, ["/inputs/targets/sha256"],
         lambda d: d["inputs"]["targets"].update(sha256=d["inputs"]["targets"]["sha256"][:40])),
        ("another algorithm", document, ["/algorithm"], lambda d: d.update(algorithm="consistent-sampler-sha256-v1")),
        ("the v1 schema id", document, ["/schema"], lambda d: d.update(schema="choucha/draw/v1")),
        ("a certificate-less inspector", document, ["/tasks/0/targets/0/inspectors/0/certificate"],
         lambda d: inspector(d, lambda i: i.update(certificate=None))),
        ("an undocumented field on a target", document, ["/tasks/0/targets/0", "score"],
         lambda d: visit(d, lambda v: v.update(score=1))),
    ]
    # … and of the commitment.
    commitment = os.path.join(commit, "commitment-2024.json")
    mutations += [
        ("a seed in a commitment", commitment, ["seed"], lambda d: d.update(seed=DRAW_SEED)),
        ("a commitment of another algorithm", commitment, ["/algorithm"],
         lambda d: d.update(algorithm="consistent-sampler-sha256-v1")),
        ("a content digest cut short", commitment, ["/inputs/targets/contentDigest"],
         lambda d: d["inputs"]["targets"].update(contentDigest=d["inputs"]["targets"]["contentDigest"][:40])),
        ("content columns in another order", commitment, ["/inputs/inspectors/contentColumns"],
         lambda d: d["inputs"]["inspectors"]["contentColumns"].reverse()),
        ("another content digest method", commitment, ["/contentDigest"], lambda d: d.update(contentDigest="sum-mod-2^256")),
        ("a committed task with its draw", commitment, ["/tasks/0", "population"], lambda d: d["tasks"][0].update(population={})),
        ("a commitment without the enterprise base", commitment, ["'enterpriseBase' is a required property"],
         lambda d: d.pop("enterpriseBase")),
        ("a committed minimum coverage as a number", commitment, ["/minCoverage"], lambda d: d.update(minCoverage=0.5)),
        ("a committed abnormal ratio without %", commitment, ["/tasks/0/abnormal"], lambda d: d["tasks"][0].update(abnormal="5")),
        ("a draw's commitment cut short", document, ["/commitment"], lambda d: d.update(commitment={"sha256": "0" * 40})),
    ]
    # … and of the checklists and the sheets (the committed build with a draw).
    case = os.path.join(ROOT, "Tests/Fixtures/build/ok-checklists-draw/expected")
    checklists, sheets = os.path.join(case, "checklists.json"), os.path.join(case, "sheets-2024.json")

    def first_point(document, change):
        change(document["items"][0]["points"][0])

    def first_sheet(document, change):
        change(document["sheets"][0])

    mutations += [
        ("a point without text", checklists, ["/items/0/points/0", "'text' is a required property"],
         lambda d: first_point(d, lambda p: p.pop("text"))),
        ("shared as a string", checklists, ["/items/0/points/0/shared", "is not of type 'boolean'"],
         lambda d: first_point(d, lambda p: p.update(shared="是"))),
        ("no answers", checklists, ["/items/0/points/0/answers"], lambda d: first_point(d, lambda p: p.update(answers=[]))),
        ("a merged point without departments", checklists, ["/guides/0/groups/0/points/0/departments"],
         lambda d: d["guides"][0]["groups"][0]["points"][0].update(departments=[])),
        ("an undocumented field on a merged point", checklists, ["/guides/0/groups/0/points/0", "extra"],
         lambda d: d["guides"][0]["groups"][0]["points"][0].update(extra=1)),
        ("a sheet without its enterprise code", sheets, ["/sheets/0/enterprise", "'code' is a required property"],
         lambda d: first_sheet(d, lambda s: s["enterprise"].pop("code"))),
        ("a round of 0", sheets, ["/sheets/0/round"], lambda d: first_sheet(d, lambda s: s.update(round=0))),
        ("a draw hash cut short", sheets, ["/draw/sha256"], lambda d: d["draw"].update(sha256=d["draw"]["sha256"][:40])),
    ]
    # … and of the results' publication and figures (the committed build with results, as of a day).
    case = os.path.join(ROOT, "Tests/Fixtures/build/ok-results-as-of/expected")
    results, figures = os.path.join(case, "results-2024.json"), os.path.join(case, "figures-2024.json")

    def first_result(document, change):
        change(document["results"][0])

    mutations += [
        ("a published row without its publication date", results, ["/results/0/published", "is not of type 'string'"],
         lambda d: first_result(d, lambda r: r.update(published=None))),
        ("a result category in Chinese as its code", results, ["/results/0/category/code"],
         lambda d: first_result(d, lambda r: r["category"].update(code="未发现问题"))),
        ("an unknown follow-up action", results, ["/results/2/actions/0/code"],
         lambda d: d["results"][2]["actions"][0].update(code="warning")),
        ("an inspection date not a date", results, ["/results/0/inspected"],
         lambda d: first_result(d, lambda r: r.update(inspected="2024/5/8"))),
        ("a result without its items", results, ["/results/0", "'items' is a required property"],
         lambda d: first_result(d, lambda r: r.pop("items"))),
        ("a coverage as a number", figures, ["/overall/coverage"], lambda d: d["overall"].update(coverage=0.06)),
        ("a coverage guessed as zero", figures, ["/overall/coverage"], lambda d: d["overall"].update(coverage=0)),
        ("on-time figures left out", figures, ["/overall", "'publicationOnTime' is a required property"],
         lambda d: d["overall"].pop("publicationOnTime")),
        ("on-time figures without their rate", figures, ["/tasks/0/followUpOnTime", "'rate' is a required property"],
         lambda d: d["tasks"][0]["followUpOnTime"].pop("rate")),
        ("a negative count of open follow-ups", figures, ["/departments/0/followUps/open"],
         lambda d: d["departments"][0]["followUps"].update(open=-1)),
    ]
    # … and of the site's manifest.json.
    mutations += [
        ("a site file outside the site", site_manifest, ["/files/0/path"],
         lambda d: d["files"][0].update(path="../index.html")),
        ("an absolute site path", site_manifest, ["/files/0/path"], lambda d: d["files"][0].update(path="/index.html")),
        ("a site file's digest cut short", site_manifest, ["/files/0/sha256"],
         lambda d: d["files"][0].update(sha256=d["files"][0]["sha256"][:40])),
        ("the rules' digest left out", site_manifest, ["/rules", "'sha256' is a required property"],
         lambda d: d["rules"].pop("sha256")),
        ("a site without its tool", site_manifest, ["'tool' is a required property"], lambda d: d.pop("tool")),
        ("an as-of day not a date", site_manifest, ["/asOf"], lambda d: d.update(asOf="2024/5/8")),
    ]
    for mutation in mutations:
        checked += 1
        assert_rejected(*mutation)

    # A duplicated key is not JSON a consumer can trust: the validator reads strictly.
    original = open(items, encoding="utf-8").read()
    duplicated = original.replace('"schema": "choucha/items/v1",', '"schema": "choucha/items/v1",\n  "year": 1,')
    if duplicated == original or "duplicate key" not in "\n".join(errors(schema_for("items.json"), duplicated)):
        fail("a duplicated key must be rejected")

# The committed documents: build and draw fixtures, and the example's build.
for path in sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/build/*/expected/*.json"))):
    checked += 1
    assert_valid(path, "Tests/Fixtures/build/")
draws = sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/draw/ok-*")) + glob.glob(os.path.join(ROOT, "Tests/Fixtures/draw/warn-*")))
for case in draws:
    checked += 1
    assert_valid(os.path.join(case, "expected/draw.json"), "Tests/Fixtures/draw/ok-*")
if not draws:
    fail("no ok- draw case")
# Draws published under v1 (written by the v1 binary), against the v1 schema.
published = sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/draw-v1/*/draw-*.json")))
for path in published:
    checked += 1
    if path.endswith(".manifest.json"):
        assert_valid(path, "Tests/Fixtures/draw-v1/")
    else:
        assert_valid(path, "Tests/Fixtures/draw-v1/", schema=os.path.join(SCHEMAS, "draw.schema.json"))
if not published:
    fail("no published v1 draw under Tests/Fixtures/draw-v1/")

# SARIF: the golden reports of `check --format sarif`, against the OASIS schema (Draft 4).
sarif_schema = json.load(open(os.path.join(ROOT, "Tests/Fixtures/sarif-schema-2.1.0.json"), encoding="utf-8"))
sarif = Draft4Validator(sarif_schema)
reports = sorted(glob.glob(os.path.join(ROOT, "Tests/Fixtures/report/*.sarif")))
if len(reports) < 4:
    fail(f"expected the four SARIF golden reports, found {len(reports)}")
for path in reports:
    checked += 1
    for error in sarif.iter_errors(json.load(open(path, encoding="utf-8"))):
        fail(f"{os.path.relpath(path, ROOT)}: {error.message}")
if not list(sarif.iter_errors({"version": "2.1.0", "runs": [{"results": []}]})):
    fail("a SARIF document without its tool must be rejected")

if failures:
    print(f"{len(failures)} schema check(s) failed", file=sys.stderr)
    sys.exit(1)
print(f"schemas: {checked} documents and mutations checked, all as expected")
