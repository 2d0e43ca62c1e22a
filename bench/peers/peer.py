"""Copy detection with a Python MinHash LSH library, for the side-by-side run of bench/run.sh.

    python bench/peers/peer.py TOOL CORPUS.jsonl PAIRS_OUT.tsv

TOOL is datasketch, rensa or gaoya. Every tool gets the same task as prov's
copy-detection stage: word 5-grams (lower-cased words), 128 permutations, LSH at
Jaccard threshold 0.5, and every pair of documents that share a bucket. The way each
library is driven is the one its README shows a user: datasketch and rensa take the
shingles from Python; gaoya tokenises in Rust and inserts and queries in parallel.
Prints one line of JSON: the tool, the seconds of MinHash + LSH (reading the JSONL is
timed apart) and the number of pairs found; writes the pairs as `id<TAB>id`.
"""

import json
import re
import sys
import time

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.5
WORD = re.compile(r"\w+")


def shingles(text):
    words = WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words)}
    return {" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def queried_pairs(lsh, sketches):
    """Every pair of documents that share a bucket: each sketch queried against the index."""
    pairs = set()
    for i, m in enumerate(sketches):
        for j in lsh.query(m):
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def run_datasketch(texts):
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    sketches = []
    for i, text in enumerate(texts):
        m = MinHash(num_perm=NUM_PERM)
        m.update_batch([s.encode("utf8") for s in shingles(text)])
        lsh.insert(i, m)
        sketches.append(m)
    return queried_pairs(lsh, sketches)


def run_rensa(texts):
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=32)
    sketches = []
    for i, text in enumerate(texts):
        m = RMinHash(num_perm=NUM_PERM, seed=42)
        m.update(list(shingles(text)))
        lsh.insert(i, m)
        sketches.append(m)
    return queried_pairs(lsh, sketches)


def run_gaoya(texts):
    from gaoya.minhash import MinHashStringIndex

    # 25 bands of 5 rows: the banding datasketch chooses for 128 permutations at 0.5.
    index = MinHashStringIndex(
        hash_size=32,
        jaccard_threshold=THRESHOLD,
        num_bands=25,
        band_size=5,
        analyzer="word",
        lowercase=True,
        ngram_range=(SHINGLE, SHINGLE),
        id_container="vec",
    )
    ids = list(range(len(texts)))
    index.par_bulk_insert_docs(ids, texts)
    pairs = set()
    for i, found in enumerate(index.par_bulk_query(texts)):
        for j in found:
            if j != i:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def main():
    tool, corpus, out = sys.argv[1:4]
    started = time.perf_counter()
    ids, texts = [], []
    with open(corpus, encoding="utf8") as f:
        for line in f:
            record = json.loads(line)
            ids.append(str(record["id"]))
            texts.append(record["text"])
    loaded = time.perf_counter()
    pairs = {"datasketch": run_datasketch, "rensa": run_rensa, "gaoya": run_gaoya}[tool](texts)
    done = time.perf_counter()
    with open(out, "w", encoding="utf8") as f:
        for a, b in sorted(pairs):
            f.write(f"{ids[a]}\t{ids[b]}\n")
    print(
        json.dumps(
            {
                "tool": tool,
                "load_seconds": round(loaded - started, 3),
                "seconds": round(done - loaded, 3),
                "pairs": len(pairs),
                "text_bytes": sum(len(t.encode("utf8")) for t in texts),
            }
        )
    )


if __name__ == "__main__":
    main()
