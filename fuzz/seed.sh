#!/bin/sh
# Fill fuzz/corpus/<target>/ with starting inputs: the five seeds, a sample of the
# shared data (../shared next to the repository, if present) and the rules files.
# The corpus is built at run time and never committed (see .gitignore).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${PROV_SHARED:-$repo/../shared}
corpus=$here/corpus
mkdir -p "$corpus/load" "$corpus/extract" "$corpus/rules"

# rules: the default rules file and every rules file the tests write.
cp "$repo/rules.toml" "$corpus/rules/default.toml"
printf '[[rule]]\nid = "r"\nkind = "regex"\npattern = "(a+)+b"\nweight = -5\ncap = 40\nmessage = "m"\n' > "$corpus/rules/regex.toml"
printf '[[rule]]\nid = "p"\nkind = "phrase"\nphrases = ["x", "y"]\nweight = nan\nmessage = "m"\n' > "$corpus/rules/phrase.toml"
printf '[[rule]]\nid = "c"\nkind = "conditional"\nif = { signal = "wire_credit", op = ">", value = 0 }\nthen = { signal = "chrome_lines", op = "==", value = 0 }\nmessage = "m"\n' > "$corpus/rules/conditional.toml"

# extract: each seed as it is; load: each seed behind a format byte (see load.rs:
# byte % 6 picks .txt .md .html .jsonl none .htm).
n=0
for f in "$repo"/seeds/*.txt "$shared"/seeds/*.txt; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    cp "$f" "$corpus/extract/seed$n"
    { printf '\000'; cat "$f"; } > "$corpus/load/seed$n.txt"
    { printf '\001'; printf '+++\noutlet = "CNN"\npublished = 2023-05-10\n+++\n'; cat "$f"; } > "$corpus/load/seed$n.md"
    { printf '\002<html><head><title>T</title><meta property="og:site_name" content="CNN"><script>x</script></head><body><p>'; cat "$f"; printf '</p></body></html>'; } > "$corpus/load/seed$n.html"
done

# A sample of real data: reuse texts (first 40 of each kind) and JSON lines.
if [ -d "$shared/data" ]; then
    for f in $(find "$shared/data/reuse" -name '*.txt' | sort | head -80); do
        n=$((n + 1))
        head -c 4000 "$f" > "$corpus/extract/data$n"
        { printf '\000'; head -c 4000 "$f"; } > "$corpus/load/data$n"
    done
    # JSON lines with their text cut to 2,000 characters, three records a file.
    python3 - "$shared/data/articles" "$corpus/load" <<'PY'
import json, pathlib, sys
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for j in sorted(src.glob("*.jsonl")):
    lines = j.read_text(errors="replace").splitlines()[:30]
    for i in range(0, len(lines), 3):
        records = []
        for line in lines[i:i + 3]:
            r = json.loads(line)
            r["text"] = (r.get("text") or "")[:2000]
            records.append(json.dumps(r))
        (out / f"{j.stem}{i}").write_bytes(b"\x03" + "\n".join(records).encode() + b"\n")
PY
fi
echo "seeded $(ls "$corpus/load" | wc -l) load, $(ls "$corpus/extract" | wc -l) extract, $(ls "$corpus/rules" | wc -l) rules inputs"
