"""Recall of the true copy pairs: `python bench/recall.py TRUTH.tsv FOUND.tsv`.

TRUTH is the generator's pairs.tsv (original, copy, kind, credited); FOUND has one
pair of ids a line (either order), or is prov's `score --format json` output, whose
articles' `copies[].of` are read as the file streams by (the output of a large corpus
is too big to parse whole), whether it is indented (written to a terminal) or on one
line (written to a file). Prints JSON: recall of verbatim + light pairs, of each kind,
and the number of distinct pairs found.
"""

import json
import re
import sys

# An article's id is the string before its "path" string (a path in the graph's origins
# is a list); a copy names what it copies with "of".
STRING = rb'"((?:[^"\\]|\\.)*)"'
FIELD = re.compile(rb'"id":\s*' + STRING + rb',\s*"path":\s*"|"of":\s*' + STRING)
CHUNK = 1 << 24


def short_id(raw):
    """The id without the `file.jsonl#` prefix the generator's pairs do not have."""
    return raw.decode("utf8").rsplit("#", 1)[-1]


def json_pairs(f):
    """Pairs from prov's JSON report, read a chunk at a time."""
    pairs, current, pending = set(), None, b""
    while True:
        chunk = f.read(CHUNK)
        buffer = pending + chunk
        # Fields that end near the end of a chunk may go on in the next one.
        safe = len(buffer) if not chunk else max(0, len(buffer) - 4096)
        done = 0
        for m in FIELD.finditer(buffer):
            if m.end() > safe:
                break
            if m.group(1) is not None:
                current = short_id(m.group(1))
            elif current is not None:
                pairs.add(frozenset((current, short_id(m.group(2)))))
            done = m.end()
        if not chunk:
            return pairs
        # Keep what may hold the start of a field that ends in the next chunk.
        pending = buffer[max(done, safe - 4096, 0) :]


def found_pairs(path):
    with open(path, "rb") as f:
        if f.read(1) == b"{":
            f.seek(0)
            return json_pairs(f)
    pairs = set()
    with open(path, encoding="utf8") as f:
        for line in f:
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
