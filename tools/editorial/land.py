"""land.py OUT FRAG... : write /work/main/data/kz-cc-2014/OUT.yaml from checked fragment files.

Articles keep the editors' text (sorted by number across the fragments); chapters, facts,
acts and the age list are re-emitted from the parsed YAML. Facts and acts already in the
main file are dropped (it declares them once); a name in two fragments is kept once.
"""
import re, sys
from pathlib import Path
import yaml

MAIN = Path("/work/main/data/articles.yaml")
args = sys.argv[1:]
checked_only = "--checked-only" in args
args = [a for a in args if a != "--checked-only"]
out_name, frags = args[0], args[1:]
main = yaml.safe_load(MAIN.read_text(encoding="utf-8"))
known_facts = {f["name"] for f in main["facts"]}
known_acts = {a["name"] for a in main["acts"]}


def flow(item):
    return yaml.safe_dump(item, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10**6).strip()


def key(n):
    return tuple(int(x) for x in n.split("-"))


chapters, facts, acts, ages, blocks = [], {}, {}, {}, {}
for f in frags:
    text = Path(f).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for c in data.get("chapters") or []:
        if all(str(c["chapter"]) != str(o["chapter"]) for o in chapters):
            chapters.append(c)
    for x in data.get("facts") or []:
        if x["name"] not in known_facts:
            facts.setdefault(x["name"], x)
    for x in data.get("acts") or []:
        if x["name"] not in known_acts:
            acts.setdefault(x["name"], x)
    for entry in ((data.get("liability") or {}).get("lower_ages") or []):
        ages.setdefault(entry["age"], []).extend(entry.get("articles") or [])
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith("articles:"))
    cur = None
    for l in lines[start + 1:]:
        if l and not l.startswith(" ") and not l.startswith("#"):
            break  # the next top-level key
        m = re.match(r'^  - article: ["\']?([\d-]+)["\']?\s*(#.*)?$', l)
        if m:
            cur = m.group(1)
            assert cur not in blocks, f"article {cur} twice"
            blocks[cur] = []
        if cur is not None:
            blocks[cur].append(l)
    parsed = [str(a["article"]) for a in data["articles"]]
    assert set(parsed) <= set(blocks), (f, set(parsed) - set(blocks))
    if checked_only:
        for a in data["articles"]:
            last = a["versions"][-1]
            if (last.get("checked") or {}).get("readings", 1) < 2:
                blocks.pop(str(a["article"]), None)
                print("left out (not checked):", a["article"])

if checked_only:
    kept_text = "\n".join("\n".join(b) for b in blocks.values())
    acts = {k: v for k, v in acts.items() if re.search(rf"\b{k}\b", kept_text)}
    facts = {k: v for k, v in facts.items() if re.search(rf"\b{k}\b", kept_text)}
head = [
    "# yaml-language-server: $schema=../../src/kzlaw/dataset.schema.json#/$defs/fragment",
    f"# kz-cc-2014, Special Part: {out_name}. Included from ../articles.yaml; format: docs/dataset.md.",
    "# Encoded from the official text (kazakhstan-law/codes, edition of 08.03.2026 unless a version says",
    "# otherwise) and checked figure by figure by a second reading (`checked` in each version).",
    "format: 1",
    "code: kz-cc-2014",
]
if chapters:
    head.append("chapters:")
    head += [f"  - {flow(c)}" for c in sorted(chapters, key=lambda c: key(str(c['chapter'])))]
if facts:
    head.append("facts:")
    head += [f"  - {flow(x)}" for x in facts.values()]
if acts:
    head.append("acts:")
    head += [f"  - {flow(x)}" for x in acts.values()]
ages = {age: [r for r in refs if str(r["article"]) in blocks] for age, refs in ages.items()}
if any(ages.values()):
    head += ["liability:", "  lower_ages:"]
    for age, refs in sorted(ages.items()):
        if refs:
            head += [f"    - age: {age}", "      articles:"] + [f"        - {flow(r)}" for r in refs]
head.append("articles:")
body = []
for n in sorted(blocks, key=key):
    b = blocks[n]
    while b and not b[-1].strip():
        b.pop()
    body += b
target = Path("/work/main/data/kz-cc-2014") / f"{out_name}.yaml"
target.write_text("\n".join(head + body) + "\n", encoding="utf-8")
print(target, len(blocks), "articles", len(facts), "facts", len(acts), "acts")
