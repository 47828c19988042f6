"""replace.py FRAGMENT... : put each fragment article's block in place of the same article's block in
the shipped file that holds it (data/kz-cc-2014/*.yaml), keeping every other line of that file.

For earlier wordings added to articles already shipped: the fragment holds the whole article entry
(its current versions copied, the earlier ones added). Facts and acts the fragment declares that no
shipped file declares are appended to the first target file's `facts:`/`acts:`. Only articles whose
every version added by the fragment has `checked.readings` >= 2 are replaced (the others are named).
"""
import re, sys
from pathlib import Path
import yaml

DATA = Path("/work/main/data/kz-cc-2014")
ART = re.compile(r'^  - article: ["\']?([\d-]+)["\']?\s*(#.*)?$')


def blocks(lines):
    out, cur, start = {}, None, None
    in_articles = False
    for i, l in enumerate(lines + ["END:"]):
        if l.startswith("articles:"):
            in_articles = True
            continue
        top = l and not l.startswith((" ", "#"))
        m = ART.match(l) if in_articles else None
        if (m or top) and cur is not None:
            end = i
            while end > start and not lines[end - 1].strip():
                end -= 1
            out[cur] = (start, end)
            cur = None
        if top:
            in_articles = False
        if m:
            cur, start = m.group(1), i
    return out


def main(frags):
    shipped = {f: f.read_text(encoding="utf-8").split("\n") for f in sorted(DATA.glob("*.yaml"))}
    where = {n: f for f, ls in shipped.items() for n in blocks(ls)}
    for frag in frags:
        text = Path(frag).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        lines = text.split("\n")
        fb = blocks(lines)
        for a in data["articles"]:
            n = str(a["article"])
            block = shipped[where[n]][slice(*blocks(shipped[where[n]])[n])]
            old = yaml.safe_load("articles:\n" + "\n".join(block))["articles"][0]
            known = {str(v.get("valid_from")) for v in (old.get("versions") or [])}
            added = [v for v in a["versions"] if str(v.get("valid_from")) not in known]
            if any((v.get("checked") or {}).get("readings", 1) < 2 for v in added):
                print(f"{frag}: Art. {n} left out: an added version is not checked twice")
                continue
            target = shipped[where[n]]
            s, e = blocks(target)[n]
            target[s:e] = lines[slice(*fb[n])]
            print(f"Art. {n}: {len(added)} earlier version(s) into {where[n].name}")
        for kind in ("facts", "acts"):
            names = {x["name"] for ls in shipped.values() for x in (yaml.safe_load("\n".join(ls)).get(kind) or [])}
            main = yaml.safe_load((DATA.parent / "articles.yaml").read_text(encoding="utf-8"))
            names |= {x["name"] for x in main.get(kind) or []}
            for x in data.get(kind) or []:
                if x["name"] not in names:
                    print(f"NEW {kind[:-1]} {x['name']}: add it by hand")
    for f, ls in shipped.items():
        f.write_text("\n".join(ls), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
