"""How much unrelated articles overlap: the generator against real news pages.

    python bench/realism.py GENERATED_DIR REAL.jsonl [N]

GENERATED_DIR holds the generator's corpus.jsonl and pairs.tsv; REAL.jsonl is a JSON lines
file of real articles (`../shared/data/articles/politifact_real.jsonl`). Takes the first N
articles of each (default 365) with at least 500 characters of text, leaving out the
generator's copies, and prints, for word 3-grams, the share of an article's distinct
3-grams found in any other article, and over all pairs: the median and 99th percentile of
containment (shared distinct 3-grams over the smaller set) and the share of pairs at or
above 0.1, prov's default `min-containment`. Quadratic in N: meant for a few hundred.
"""

import itertools
import json
import re
import sys
from collections import Counter

WORD = re.compile(r"\w+")


def texts(path, n, skip=frozenset()):
    out = []
    with open(path, errors="replace") as f:
        for line in f:
            record = json.loads(line)
            text = record.get("text") or ""
            if record.get("id") in skip or len(text) < 500:
                continue
            out.append(text)
            if len(out) == n:
                break
    return out


def trigrams(text):
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def report(name, docs):
    sets = [trigrams(t) for t in docs]
    frequency = Counter(g for s in sets for g in s)
    in_another = sum(1 for s in sets for g in s if frequency[g] > 1) / sum(map(len, sets))
    containment = sorted(
        len(a & b) / max(1, min(len(a), len(b))) for a, b in itertools.combinations(sets, 2)
    )
    n = len(containment)
    at_least = sum(c >= 0.1 for c in containment) / n
    print(
        f"{name}: {len(docs)} articles; 3-grams found in another article {in_another:.3f}; "
        f"pairwise containment median {containment[n // 2]:.3f}, "
        f"p99 {containment[int(n * 0.99)]:.3f}, share >= 0.1 {at_least:.4f}"
    )


def main():
    generated, real = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 365
    with open(f"{generated}/pairs.tsv") as f:
        copies = frozenset(line.split("\t")[1] for line in f.read().splitlines()[1:])
    report("generated", texts(f"{generated}/corpus.jsonl", n, copies))
    report("real", texts(real, n))


if __name__ == "__main__":
    main()
