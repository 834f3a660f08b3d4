#!/usr/bin/env python3
"""Ranking quality of trawl on the test collections in ../shared/ir, next to the peers' MAP.

For each collection: index its docs, run its queries with `trawl search --batch --format trec --limit 1000
--any` (the defaults a user gets for natural-language queries), score with ir_measures, and print a Markdown
table of MAP, nDCG@10 and P@10 beside the three peer engines' MAP from ../shared/ir/README.md.

With --keywords it measures instead what pseudo-relevance feedback does to searches with every word required
(trawl's default, without --any), for which the collections have no queries of their own. Each natural-language
query becomes four keyword queries of its own words (3 letters or more, not a function word or a query's
boilerplate such as "papers" or "describe"), picked by how many of the collection's documents hold them: the two
rarest (rare2), the three rarest (rare3), the two around the median (mid2), the two most common (common2). Each
runs with --expand and with --no-expand, and the table compares the two per query over the six collections: how
many rankings changed, how many got better or worse, the mean change of AP and nDCG@10, and how often a random
sign flip of the per-query changes (5,000 times, seeded) gives a mean as far from 0 (two-sided p).

Usage: scripts/eval.py [--trawl PATH] [--ir DIR] [--work DIR] [--only NAME,...] [--keywords] [-- extra trawl search options]
"""
import argparse
import collections
import os
import random
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


def index_collection(args, name):
    """The collection's trawl index under --work, built unless --keep-index finds one."""
    index = os.path.join(args.work, name)
    if not (args.keep_index and os.path.isdir(index)):
        subprocess.run([args.trawl, "index", os.path.join(args.ir, name, "docs"), "--index", index, "--rebuild", "--quiet"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return index


def run_batch(args, index, queries_path, run_path, flags, label):
    """`trawl search --batch` of a file of queries into a TREC run file; says on stderr when some queries failed."""
    with open(run_path, "w") as run:
        result = subprocess.run([args.trawl, "search", "--batch", queries_path, "--format", "trec", "--limit", "1000",
                                 "--all-copies", *flags, "--index", index] + args.extra,
                                stdout=run, stderr=subprocess.PIPE, text=True)
    if result.returncode == 2:
        print(f"eval: {label}: some queries failed:\n{result.stderr}", file=sys.stderr)


FUNCTION_WORDS = set("""
    about above after again against all also and any are because been before being below between both but can could
    did does doing down during each few for from further had has have having her here hers him his how into its itself
    just may more most must nor not now off once only other our out over own same she should some such than that the
    their them then there these they this those through too under until very was were what when where whether which
    while who whom why will with would you your
    article articles concerning describe described describing discuss discussed document documents find given
    information method methods paper papers pertaining problem problems relate related relating use used using various
    """.split())


def words(text):
    return re.findall(r"[a-z][a-z0-9]+", text.lower())


def keyword_queries(coll):
    """{variant: [(query id, keywords)]} for a collection's queries (see the module's docstring)."""
    df = collections.Counter()
    docs = os.path.join(coll, "docs")
    for file in os.listdir(docs):
        with open(os.path.join(docs, file), encoding="utf-8", errors="replace") as f:
            df.update(set(words(f.read())))
    out = {"rare2": [], "rare3": [], "mid2": [], "common2": []}
    for line in open(os.path.join(coll, "queries.tsv"), encoding="utf-8"):
        qid, text = line.rstrip("\n").split("\t", 1)
        kept = sorted({w for w in words(text) if len(w) > 2 and w not in FUNCTION_WORDS and df[w] > 0},
                      key=lambda w: (df[w], w))
        if len(kept) < 2:
            continue
        middle = len(kept) // 2
        picks = {"rare2": kept[:2], "rare3": kept[:3], "mid2": kept[max(0, middle - 1):middle + 1], "common2": kept[-2:]}
        for variant, pick in picks.items():
            out[variant].append((qid, " ".join(pick)))
    return out


def keywords(args, names):
    """Feedback on and off for keyword queries with every word required: a Markdown table on stdout."""
    import ir_measures
    from ir_measures import AP, nDCG

    measures = [AP, nDCG @ 10]
    # {variant: {measure: [(on, off) per query]}}
    pairs = collections.defaultdict(lambda: collections.defaultdict(list))
    for name in names:
        coll = os.path.join(args.ir, name)
        index = index_collection(args, name)
        qrels = list(ir_measures.read_trec_qrels(os.path.join(coll, "qrels.txt")))
        for variant, queries in keyword_queries(coll).items():
            path = os.path.join(args.work, f"{name}.{variant}.tsv")
            with open(path, "w", encoding="utf-8") as out:
                out.writelines(f"{qid}\t{text}\n" for qid, text in queries)
            per_query = {}
            for flag in ["--expand", "--no-expand"]:
                run_path = os.path.join(args.work, f"{name}.{variant}{flag}.trec")
                run_batch(args, index, path, run_path, [flag], f"{name} {variant} {flag}")
                runs = list(ir_measures.read_trec_run(run_path))
                per_query[flag] = {(m.query_id, str(m.measure)): m.value for m in ir_measures.iter_calc(measures, qrels, runs)}
            judged = {qid for qid, _ in queries} & {q.query_id for q in qrels}
            for measure in measures:
                for qid in sorted(judged):
                    key = (qid, str(measure))
                    pairs[variant][measure].append((per_query["--expand"].get(key, 0.0), per_query["--no-expand"].get(key, 0.0)))

    print("| keywords | measure | queries | changed | better with feedback | worse | mean with | mean without | change | p |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for variant, by_measure in pairs.items():
        for measure, values in by_measure.items():
            diffs = [on - off for on, off in values]
            changed = [d for d in diffs if abs(d) > 1e-9]
            mean = sum(diffs) / len(diffs)
            rng = random.Random(1)
            extreme = sum(abs(sum(d if rng.random() < 0.5 else -d for d in changed)) / len(diffs) >= abs(mean) - 1e-12
                          for _ in range(5000))
            cells = [variant, str(measure), str(len(diffs)), str(len(changed)), str(sum(d > 0 for d in changed)),
                     str(sum(d < 0 for d in changed)), f"{sum(on for on, _ in values) / len(values):.4f}",
                     f"{sum(off for _, off in values) / len(values):.4f}", f"{mean:+.4f}", f"{extreme / 5000:.3f}"]
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trawl", default=os.path.join(root, ".build/release/trawl"))
    parser.add_argument("--ir", default=os.path.join(root, "..", "shared", "ir"))
    parser.add_argument("--work", default=os.path.join(root, ".build", "eval"))
    parser.add_argument("--only", default="")
    parser.add_argument("--keep-index", action="store_true", help="reuse indexes from an earlier run (when tuning search)")
    parser.add_argument("--keywords", action="store_true",
                        help="measure feedback on keyword queries with every word required instead")
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
    if args.keywords:
        return keywords(args, names)

    print("| collection | trawl MAP | nDCG@10 | P@10 | best peer MAP | vs best | Xapian | tantivy | SQLite FTS5 |")
    print("|---|---|---|---|---|---|---|---|---|")
    below = []
    for name in names:
        coll = os.path.join(args.ir, name)
        index = index_collection(args, name)
        run_path = os.path.join(args.work, name + ".trec")
        queries_path = os.path.join(args.work, name + ".queries.tsv")
        with open(queries_path, "w", encoding="utf-8") as out:
            for line in open(os.path.join(coll, "queries.tsv"), encoding="utf-8"):
                out.write(plain_words(line))
        run_batch(args, index, queries_path, run_path, ["--any"], name)
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
