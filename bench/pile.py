"""A pile of copies of one story: the case prov is for, at a size that strains it.

    python3 bench/pile.py [N] > pile.jsonl

Writes N (default 1000) JSON lines, each a copy of the seed article
seeds/002_f40a1664c5cdecd9.txt with about a tenth of its paragraphs left out (each
paragraph kept or not at random, seed 3), on fifty made-up sites. Every copy is a
candidate pair with every other, so the run verifies N(N-1)/2 pairs.
"""

import json
import random
import sys
from pathlib import Path

SEED_ARTICLE = Path(__file__).resolve().parent.parent / "seeds" / "002_f40a1664c5cdecd9.txt"


def main():
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(3)
    paragraphs = [p for p in SEED_ARTICLE.read_text().split("\n") if p.strip()]
    for i in range(copies):
        kept = [p for p in paragraphs if rng.random() > 0.1]
        line = {
            "id": f"copy{i:04d}",
            "url": f"https://site{i % 50}.example/story{i}",
            "text": "\n\n".join(kept),
        }
        print(json.dumps(line))


if __name__ == "__main__":
    main()
