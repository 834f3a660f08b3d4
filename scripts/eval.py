#!/usr/bin/env python3
"""Ranking quality of trawl on the test collections in ../shared/ir, next to the peers' MAP.

For each collection: index its docs, run its queries with `trawl search --batch --format trec --limit 1000
--any` (the defaults a user gets for natural-language queries), score with ir_measures, and print a Markdown
table of MAP, nDCG@10 and P@10 beside the three peer engines' MAP from ../shared/ir/README.md.

Usage: scripts/eval.py [--trawl PATH] [--ir DIR] [--work DIR] [--only NAME,...] [-- extra trawl search options]
"""
import argparse
import os
import re
import subprocess
import sys


def peers(readme):
    """{collection: {engine: MAP}} from the baseline table of the collections' README."""
    rows, header = {}, None
    for line in open(readme, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0] == "name" and "Xapian" in line:
            header = cells[1:]
            continue
        if header and len(cells) == len(header) + 1 and re.fullmatch(r"[0-9.]+", cells[1] or "x"):
            rows[cells[0]] = dict(zip(header, (float(c) for c in cells[1:])))
    return rows


def plain_words(line):
    """The collections' queries are natural language, not query syntax: a few hold an unclosed quote or
    bracket (a citation cut short, a "1)" enumeration) that trawl refuses as a syntax error. Those lines run
    with their quotes or brackets taken out, as the peers ran the OR of the words; every other line as is."""
    if line.count('"') % 2:
        line = line.replace('"', " ")
    if line.count("(") != line.count(")"):
        line = line.replace("(", " ").replace(")", " ")
    return line


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trawl", default=os.path.join(root, ".build/release/trawl"))
    parser.add_argument("--ir", default=os.path.join(root, "..", "shared", "ir"))
    parser.add_argument("--work", default=os.path.join(root, ".build", "eval"))
    parser.add_argument("--only", default="")
    parser.add_argument("--keep-index", action="store_true", help="reuse indexes from an earlier run (when tuning search)")
    parser.add_argument("extra", nargs="*", help="more options for trawl search (after --)")
    args = parser.parse_args()

    import ir_measures
    from ir_measures import AP, nDCG, P

    if not os.path.isdir(args.ir):
        print(f"eval: no test collections at {args.ir} (they come with ../shared, beside the repository)", file=sys.stderr)
        return 2
    baselines = peers(os.path.join(args.ir, "README.md"))
    names = [n for n in baselines if not args.only or n in args.only.split(",")]
    os.makedirs(args.work, exist_ok=True)

    print("| collection | trawl MAP | nDCG@10 | P@10 | best peer MAP | vs best | Xapian | tantivy | SQLite FTS5 |")
    print("|---|---|---|---|---|---|---|---|---|")
    below = []
    for name in names:
        coll = os.path.join(args.ir, name)
        index = os.path.join(args.work, name)
        if not (args.keep_index and os.path.isdir(index)):
            subprocess.run([args.trawl, "index", os.path.join(coll, "docs"), "--index", index, "--rebuild", "--quiet"],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run_path = os.path.join(args.work, name + ".trec")
        queries_path = os.path.join(args.work, name + ".queries.tsv")
        with open(queries_path, "w", encoding="utf-8") as out:
            for line in open(os.path.join(coll, "queries.tsv"), encoding="utf-8"):
                out.write(plain_words(line))
        with open(run_path, "w") as run:
            result = subprocess.run([args.trawl, "search", "--batch", queries_path, "--format", "trec",
                                     "--limit", "1000", "--any", "--all-copies", "--index", index] + args.extra,
                                    stdout=run, stderr=subprocess.PIPE, text=True)
        if result.returncode == 2:
            print(f"eval: {name}: some queries failed:\n{result.stderr}", file=sys.stderr)
        qrels = list(ir_measures.read_trec_qrels(os.path.join(coll, "qrels.txt")))
        # Cranfield's graded judgements: 1 (minimum interest) .. 4; all count as relevant for MAP.
        runs = list(ir_measures.read_trec_run(run_path))
        scores = ir_measures.calc_aggregate([AP, nDCG @ 10, P @ 10], qrels, runs)
        best_name, best = max(baselines[name].items(), key=lambda kv: kv[1])
        ratio = scores[AP] / best - 1
        if ratio < 0.05:
            below.append(name)
        cells = [name, f"{scores[AP]:.3f}", f"{scores[nDCG @ 10]:.3f}", f"{scores[P @ 10]:.3f}", f"{best:.3f}",
                 f"{ratio * 100:+.1f}%"] + [f"{v:.3f}" for v in baselines[name].values()]
        print("| " + " | ".join(cells) + " |", flush=True)
    print()
    print("target: MAP at least 5% above the best peer on every collection: "
          + ("met" if not below else "not met on " + ", ".join(below)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
