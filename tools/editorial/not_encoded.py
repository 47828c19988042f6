"""Rewrite the 2014 age-14 `not_encoded` prose without the articles the included files list."""
import re, sys, textwrap
sys.path.insert(0, "/work/main/src")
from kzlaw import load
import kzlaw.dataset as ds
p = "/work/main/data/articles.yaml"
s = open(p, encoding="utf-8").read()
start = s.index("          not_encoded: >-\n", s.index("  - id: kz-cc-2014"))
end = s.index("      sources:", start)
text = " ".join(l.strip() for l in s[start:end].split("\n")[1:] if l.strip())
listed = {n for low in load().by_id["kz-cc-2014"].liability.lower_ages for n, _ in low.articles}
items = re.split(r"(?<=\)), (?:and )?", text)
keep = [i for i in items if not (set(re.findall(r"Art\. (\d+(?:-\d+)?)", i)) & listed)]
if keep and not keep[-1].endswith(")"):
    pass
joined = ", ".join(keep[:-1]) + (", and " if len(keep) > 1 else "") + keep[-1] if keep else ""
joined = joined.replace(", and and ", ", and ")
wrapped = "\n".join("            " + l for l in textwrap.wrap(joined, 80))
s = s[:start] + "          not_encoded: >-\n" + wrapped + "\n" + s[end:]
open(p, "w", encoding="utf-8").write(s)
print(joined)
