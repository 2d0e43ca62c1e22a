"""Recall of the true copy pairs: `python bench/recall.py TRUTH.tsv FOUND.tsv`.

TRUTH is the generator's pairs.tsv (original, copy, kind, credited); FOUND has one
pair of ids a line (either order), or is prov's `score --format json` output, whose
articles' `copies[].of` are read line by line (the output of a large corpus is too
big to parse whole). Prints JSON: recall of verbatim + light pairs, of each kind,
and the number of distinct pairs found.
"""

import json
import re
import sys

ARTICLE_ID = re.compile(r'^      "id": "(?:[^"#]*#)?(.*)",$')
COPY_OF = re.compile(r'^\s+"of": "(?:[^"#]*#)?(.*)",$')


def found_pairs(path):
    pairs = set()
    with open(path, encoding="utf8") as f:
        first = f.readline()
        if first.startswith("{"):
            current = None
            for line in f:
                m = ARTICLE_ID.match(line)
                if m:
                    current = m.group(1)
                    continue
                m = COPY_OF.match(line)
                if m and current is not None:
                    pairs.add(frozenset((current, m.group(1))))
        else:
            for line in [first, *f]:
                a, b = line.rstrip("\n").split("\t")[:2]
                pairs.add(frozenset((a, b)))
    return pairs


def main():
    truth_path, found_path = sys.argv[1:3]
    found = found_pairs(found_path)
    kinds = {}
    with open(truth_path, encoding="utf8") as f:
        next(f)
        for line in f:
            original, copy, kind, _credited = line.rstrip("\n").split("\t")
            hit = frozenset((original, copy)) in found
            total, hits = kinds.get(kind, (0, 0))
            kinds[kind] = (total + 1, hits + hit)
    recall = {k: round(h / t, 4) for k, (t, h) in sorted(kinds.items()) if t}
    vl_total = sum(kinds.get(k, (0, 0))[0] for k in ("verbatim", "light"))
    vl_hits = sum(kinds.get(k, (0, 0))[1] for k in ("verbatim", "light"))
    print(
        json.dumps(
            {
                "recall_verbatim_light": round(vl_hits / vl_total, 4) if vl_total else None,
                "recall": recall,
                "pairs_found": len(found),
            }
        )
    )


if __name__ == "__main__":
    main()
