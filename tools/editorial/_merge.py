"""Build a temporary dataset: /work/main's data with one fragment file in place of its articles."""
import os, re, sys, tempfile
from pathlib import Path
import yaml

MAIN = Path("/work/main/data/articles.yaml")


def numbers_of(path):
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except Exception:
        return set()
    arts = data.get("articles") if isinstance(data, dict) else None
    return {str(a.get("article")) for a in arts or [] if isinstance(a, dict)}


def _without_known_facts(frag: str, tmpdir: Path) -> str:
    """A copy of the fragment whose facts/acts already declared in the main file are commented
    out (same line numbers): the main file declares shared names once, as land.py does."""
    main = yaml.safe_load(MAIN.read_text(encoding="utf-8"))
    known = {"facts": {f["name"] for f in main["facts"]}, "acts": {a["name"] for a in main["acts"]}}
    lines = Path(frag).read_text(encoding="utf-8").split("\n")
    section, dropping = None, False
    for i, l in enumerate(lines):
        if l and not l.startswith((" ", "#")):
            section = l.split(":", 1)[0]
            dropping = False
            continue
        m = re.match(r"^  - \{?\s*name: ['\"]?([a-z0-9_]+)", l)
        if section in known and l.startswith("  - "):
            dropping = bool(m and m.group(1) in known[section])
        if dropping and section in known:
            lines[i] = "#" + l
    if all(not l.strip() or l.startswith("#") for l in lines[lines.index(next(l for l in lines if l.startswith("facts:"))) + 1:][:0]):
        pass
    text = "\n".join(lines)
    text = re.sub(r"^(facts|acts):\n((?:#.*\n)+)(?=[a-z])", r"\1: []\n\2", text, flags=re.M)
    out = tmpdir / "fragment.yaml"
    out.write_text(text, encoding="utf-8")
    return str(out)


def build(frag: str) -> str:
    frag = os.path.abspath(frag)
    mine = numbers_of(frag)
    tmpdir = Path(tempfile.mkdtemp(prefix="kzlaw-check-"))
    copy = _without_known_facts(frag, tmpdir)
    lines = MAIN.read_text(encoding="utf-8").split("\n")
    out, includes, i = [], [], 0
    in_2014 = skipping = False
    while i < len(lines):
        row = lines[i]
        if row.startswith("include:"):
            i += 1
            while i < len(lines) and re.match(r"^\s+-\s", lines[i]):
                name = lines[i].split("-", 1)[1].strip().strip("'\"")
                full = str(MAIN.parent / name)
                if os.path.abspath(full) != frag and not (numbers_of(full) & mine):
                    includes.append(full)
                i += 1
            continue
        if row.startswith("  - id: "):
            in_2014 = row.strip() == "- id: kz-cc-2014"
        m = re.match(r'^      - article: "([\d-]+)"', row)
        if in_2014 and m:
            skipping = m.group(1) in mine
        elif in_2014 and skipping and re.match(r"^ {0,5}\S", row):
            skipping = False
        if not skipping:
            out.append(row)
        i += 1
    text = "\n".join(out)
    text = re.sub(r"(\n    articles:)\n(?!      - )", r"\1 []\n", text)
    includes.append(copy)
    inc = "include:\n" + "".join(f"  - {p}\n" for p in includes)
    text = text.replace("\nformat: 1\n", "\nformat: 1\n" + inc, 1)
    tmp = tmpdir / "articles.yaml"
    tmp.write_text(text, encoding="utf-8")
    return str(tmp)
