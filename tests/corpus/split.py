"""Splits the corpus once into train / dev / test (see README.md, "Split").

usage: python3 split.py FINAL_DIR   (reads FINAL_DIR/a.jsonl, b.jsonl, c.jsonl;
                                     writes train.jsonl, dev.jsonl, test.jsonl here)

Per writer set, ids are sorted by the SHA-256 of the id (hex) and cut 60/20/20,
so every split holds each writer's styles in the same proportion, and the cut
depends on nothing but the ids. Lines are copied verbatim, in id order.
"""
import hashlib, json, os, sys

SPLITS = [("train", 0.6), ("dev", 0.2), ("test", 0.2)]
here = os.path.dirname(os.path.abspath(__file__))
out = {name: [] for name, _ in SPLITS}
for writer_set in "abc":
    lines = {}
    for line in open(os.path.join(sys.argv[1], f"{writer_set}.jsonl"), encoding="utf-8"):
        if line.strip():
            lines[json.loads(line)["id"]] = line.rstrip("\n")
    ids = sorted(lines, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    start = 0
    for idx, (name, share) in enumerate(SPLITS):
        end = len(ids) if idx == len(SPLITS) - 1 else start + round(share * len(ids))
        out[name] += [lines[i] for i in sorted(ids[start:end])]
        start = end
for name, lines in out.items():
    with open(os.path.join(here, f"{name}.jsonl"), "w", encoding="utf-8") as f:
        f.write("".join(l + "\n" for l in lines))
    print(f"{name}: {len(lines)} answers")
