#!/usr/bin/env python3
"""Writes a synthetic corpus SCALE times the benchmark corpus, for `make bench`.

Each synthetic article is assembled from sentences of different real articles (so no two are near-duplicates of
each other or of a real one), with as many sentences as a real article drawn at random has, and a headline from
the first words of another sentence. Deterministic (fixed seed). Files go 1,000 to a folder.

Usage: scripts/synth_corpus.py --scale 8 --out bench/synthetic-8x [ROOT ...]
"""
import argparse
import os
import random
import re
import sys

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def articles(roots):
    """(title, [sentences]) of every .txt and .md article under the roots."""
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or not name.lower().endswith((".txt", ".md")):
                    continue
                with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if name.lower().endswith(".md") and text.startswith("---"):
                    end = text.find("\n---", 3)
                    text = text[end + 4:] if end > 0 else text
                lines = [l.strip() for l in text.splitlines()]
                body = " ".join(l for l in lines if l)
                sentences = [s for s in SENTENCE.split(body) if len(s.split()) >= 4]
                if sentences:
                    yield sentences


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=int, default=8)
    parser.add_argument("--out", required=True)
    parser.add_argument("roots", nargs="*")
    args = parser.parse_args()
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.path.join(here, "..", "..", "shared")
    roots = args.roots or [os.path.join(shared, "corpus", "seeds"), os.path.join(shared, "corpora")]
    pool, lengths, origin = [], [], []
    for number, sentences in enumerate(articles(roots)):
        lengths.append(len(sentences))
        for sentence in sentences:
            pool.append(sentence)
            origin.append(number)
    if not pool:
        sys.exit(f"no articles under {', '.join(roots)}")
    rng = random.Random(42)
    total = len(lengths) * args.scale
    tmp = args.out + ".partial"
    os.makedirs(tmp, exist_ok=True)
    for n in range(total):
        count = lengths[rng.randrange(len(lengths))]
        chosen, used = [], set()
        while len(chosen) < count:
            i = rng.randrange(len(pool))
            if origin[i] in used:
                continue
            used.add(origin[i])
            chosen.append(pool[i])
        title = " ".join(pool[rng.randrange(len(pool))].split()[:8]).rstrip(".,;:")
        folder = os.path.join(tmp, f"{n // 1000:04d}")
        if n % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        paragraphs = [" ".join(chosen[i:i + 3]) for i in range(0, len(chosen), 3)]
        with open(os.path.join(folder, f"{n:07d}.txt"), "w", encoding="utf-8") as f:
            f.write(title + "\n\n" + "\n\n".join(paragraphs) + "\n")
    os.replace(tmp, args.out)
    print(f"wrote {total} synthetic articles ({args.scale}x {len(lengths)}) to {args.out}")


if __name__ == "__main__":
    main()
