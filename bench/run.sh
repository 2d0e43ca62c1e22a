#!/usr/bin/env bash
# End-to-end benchmark of prov, side by side with the Python MinHash LSH peers.
#
#   bash bench/run.sh [MEGABYTES ...]      (default: 10 100)
#
# For each size: generates bench/data/<N>mb/ (corpus.jsonl + pairs.tsv, seed 7) with
# examples/bench_corpus.rs, then runs under /usr/bin/time -v on the same JSONL:
#   - prov end to end: `prov score --format json --quiet` (load → extract → reuse →
#     graph → rules → score → JSON), recall read from its JSON;
#   - prov copy detection alone (examples/bench_reuse.rs: word 5-grams, 128 bins);
#   - datasketch, rensa and gaoya (bench/peers/peer.py: word 5-grams, 128
#     permutations, LSH threshold 0.5), installed into bench/.venv.
# Prints one table per size: tool, seconds, MB/s of text, peak RSS, pairs found,
# recall of the true verbatim + light pairs, and prov's speed-up (peer seconds / prov's).
# Seconds are the tool's own timing of its work after reading the JSONL (prov end to
# end: the whole process's wall time); peak RSS is the whole process's.
# Set PEERS="gaoya rensa" to skip datasketch on large sizes, PEERS= to run prov alone.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10 100}")
read -r -a SIZES <<<"${SIZES[*]}"
PEERS=${PEERS-"datasketch rensa gaoya"}

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time) for peak RSS" >&2
  apt-get install -y time >/dev/null
fi
if [ ! -x bench/.venv/bin/python ]; then
  python3 -m venv bench/.venv
fi
for peer in $PEERS; do
  if ! bench/.venv/bin/python -c "import $peer" 2>/dev/null; then
    bench/.venv/bin/pip install -q "$peer" || echo "could not install $peer: skipped" >&2
  fi
done

cargo build --release --quiet --bin prov --example bench_corpus --example bench_reuse

# Run a command under /usr/bin/time -v; echo "<stdout of the command> <peak KB> <wall s>".
timed() {
  local out err
  out=$(mktemp) err=$(mktemp)
  /usr/bin/time -v "$@" >"$out" 2>"$err"
  local kb wall
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$err")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$err" |
    awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  echo "$(tail -n 1 "$out") $kb $wall"
  rm -f "$out" "$err"
}

for mb in "${SIZES[@]}"; do
  dir=bench/data/${mb}mb
  if [ ! -s "$dir/corpus.jsonl" ]; then
    ./target/release/examples/bench_corpus --out "$dir" --megabytes "$mb" --seed 7
  fi
  bytes=$(bench/.venv/bin/python -c "
import json,sys
print(sum(len(json.loads(l)['text'].encode()) for l in open('$dir/corpus.jsonl')))")
  articles=$(wc -l <"$dir/corpus.jsonl")
  rows=()

  # prov end to end.
  read -r _ kb wall < <(timed bash -c "./target/release/prov score --quiet --format json '$dir/corpus.jsonl' > '$dir/prov-score.json'; echo ok")
  rec=$(bench/.venv/bin/python bench/recall.py "$dir/pairs.tsv" "$dir/prov-score.json")
  rows+=("prov end to end|$wall|$kb|$rec")

  # Copy detection alone: prov, then each peer.
  for tool in prov $PEERS; do
    if [ "$tool" = prov ]; then
      line=$(timed ./target/release/examples/bench_reuse "$dir/corpus.jsonl" "$dir/pairs-prov.tsv")
    else
      bench/.venv/bin/python -c "import $tool" 2>/dev/null || continue
      line=$(timed bench/.venv/bin/python bench/peers/peer.py "$tool" "$dir/corpus.jsonl" "$dir/pairs-$tool.tsv")
    fi
    json=${line% * *}
    kb=$(echo "$line" | awk '{print $(NF-1)}')
    secs=$(echo "$json" | bench/.venv/bin/python -c "import json,sys; print(json.load(sys.stdin)['seconds'])")
    rec=$(bench/.venv/bin/python bench/recall.py "$dir/pairs.tsv" "$dir/pairs-$tool.tsv")
    rows+=("$tool copy detection|$secs|$kb|$rec")
  done

  echo
  echo "## ${mb} MB: $articles articles, $bytes bytes of text"
  bench/.venv/bin/python - "$bytes" "$articles" "${rows[@]}" <<'PY'
import json, sys
text_bytes, articles = int(sys.argv[1]), int(sys.argv[2])
rows = []
for row in sys.argv[3:]:
    tool, secs, kb, rec = row.split("|", 3)
    rows.append((tool, float(secs), int(kb), json.loads(rec)))
prov = next((s for t, s, _, _ in rows if t == "prov copy detection"), None)
print("| tool | seconds | MB/s | articles/s | peak RSS MB | pairs found | recall verbatim+light | prov speed-up (peer s / prov s) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for tool, secs, kb, rec in rows:
    ratio = ""
    if prov is not None and tool not in ("prov copy detection", "prov end to end"):
        ratio = f"{secs / prov:.2f}x"
    print(f"| {tool} | {secs:.2f} | {text_bytes / 1e6 / secs:.1f} | {articles / secs:.0f} | "
          f"{kb / 1024:.0f} | {rec['pairs_found']} | {rec['recall_verbatim_light']} | {ratio} |")
PY
done
