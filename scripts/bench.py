#!/usr/bin/env python3
"""`make bench`: indexing and search speed of trawl beside Xapian's own tools, at 1x and 8x the benchmark corpus.

For each scale: a full index by trawl (--jobs N) and by Xapian's scriptindex on the same articles (a dump made
beforehand, not timed); a re-index with nothing changed and with 10 new articles; `trawl search` and `quest`
end to end per process over the 40 queries of scripts/bench-queries.txt (p50, p95); and trawl's in-process time
per query with passages (a --batch of the query 11 times less a --batch of it once, over 10). Prints a Markdown
table, with ratios and how each figure grows from 1x to 8x. Generated data stays under --work (git-ignored).

The machine may be shared, so each ratio compares runs made side by side: the full indexes alternate, trawl then
scriptindex, --index-runs times (3 at 1x and 1 at 8x unless given; times are medians, the ratio is the median of
the pairs' ratios), and each query runs as `trawl search` then as `quest` before the next query.

Usage: scripts/bench.py [--trawl PATH] [--work DIR] [--scales 1,8] [--jobs N] [--index-runs 1=3,8=1]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
SHARED = os.path.join(REPO, "..", "shared")

SCRIPT = """id : boolean=Q unique=Q
title : field=title index=S index
text : index field=text
"""


def timed(command, **kw):
    """(seconds, peak RSS in MB) of a command, via GNU time."""
    kw.setdefault("stdout", subprocess.PIPE)
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stderr=subprocess.PIPE, text=True, **kw)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{out.stderr}")
    seconds, kb = out.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kb) / 1024


def wall(command):
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def size_mb(path):
    total = 0
    for folder, _, files in os.walk(path):
        total += sum(os.path.getsize(os.path.join(folder, f)) for f in files)
    return total / 1e6


def corpus_stats(roots):
    files = size = 0
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if not name.startswith(".") and name.lower().endswith((".txt", ".md")):
                    files += 1
                    size += os.path.getsize(os.path.join(folder, name))
    return files, size / 1e6


def dump(roots, path):
    """The articles as scriptindex records: id, title, text (continuation lines start with '=')."""
    with open(path, "w", encoding="utf-8") as out:
        for root in roots:
            base = os.path.basename(os.path.normpath(root))
            for folder, dirs, names in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if name.startswith(".") or not name.lower().endswith((".txt", ".md")):
                        continue
                    full = os.path.join(folder, name)
                    with open(full, encoding="utf-8", errors="replace") as f:
                        text = f.read()
                    title = ""
                    if name.lower().endswith(".md") and text.startswith("---"):
                        end = text.find("\n---", 3)
                        m = re.search(r'^title:\s*"?(.*?)"?\s*$', text[:end], re.M)
                        title = m.group(1) if m else ""
                        text = text[end + 4:] if end > 0 else text
                    lines = text.strip().splitlines()
                    if not title and lines:
                        title, lines = lines[0], lines[1:]
                    ident = base + "/" + os.path.relpath(full, root)
                    body = "\n=".join(lines) if lines else ""
                    out.write(f"id={ident}\ntitle={title.strip()}\ntext={body}\n\n")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def run_scale(scale, roots, args, queries):
    work = args.work
    extra = os.path.join(work, f"extra-{scale}x")
    shutil.rmtree(extra, ignore_errors=True)
    os.makedirs(extra)
    roots = roots + [extra]
    idx = os.path.join(work, f"trawl-{scale}x")
    xidx = os.path.join(work, f"scriptindex-{scale}x")
    files, mb = corpus_stats(roots)
    r = {"files": files, "mb": mb}
    print(f"{scale}x: {files} files, {mb:.1f} MB", file=sys.stderr)

    dumpfile = os.path.join(work, f"dump-{scale}x.txt")
    dump(roots, dumpfile)
    script = os.path.join(work, "index.script")
    with open(script, "w") as f:
        f.write(SCRIPT)
    # Side by side, so that a busy minute on a shared machine falls on both of a pair rather than on one tool.
    pairs = []
    for n in range(args.index_runs.get(scale, 1)):
        t, t_rss = timed([args.trawl, "index", *roots, "--index", idx, "--rebuild", "--quiet", "--jobs", str(args.jobs)])
        x, x_rss = timed(["scriptindex", "--overwrite", "--stemmer=english", xidx, script, dumpfile],
                         stdout=subprocess.DEVNULL)
        pairs.append((t, t_rss, x, x_rss))
        print(f"  full index, run {n + 1}: trawl {t:.1f} s, scriptindex {x:.1f} s ({t / x:.2f})", file=sys.stderr)
    r["index_runs"] = len(pairs)
    r["trawl_s"] = statistics.median(p[0] for p in pairs)
    r["xap_s"] = statistics.median(p[2] for p in pairs)
    r["index_ratio"] = statistics.median(p[0] / p[2] for p in pairs)
    r["trawl_rss"] = max(p[1] for p in pairs)
    r["xap_rss"] = max(p[3] for p in pairs)
    r["trawl_size"] = size_mb(idx)
    r["xap_size"] = size_mb(xidx)

    r["noop_s"], _ = timed([args.trawl, "index", "--index", idx, "--quiet"], stdout=subprocess.DEVNULL)
    for n in range(10):
        with open(os.path.join(extra, f"new-{n}.txt"), "w") as f:
            f.write(f"Bench article {n}\n\nA new article number {n} about oil prices, drones and the harbour "
                    f"of Haifa, written for the re-index benchmark. It has a second sentence for passages.\n")
    r["ten_s"], _ = timed([args.trawl, "index", "--index", idx, "--quiet"], stdout=subprocess.DEVNULL)
    shutil.rmtree(extra)
    os.makedirs(extra)
    subprocess.run([args.trawl, "index", "--index", idx, "--quiet"], stdout=subprocess.DEVNULL, check=True)

    # Warm the page cache and the binaries first, with every query: the machine may have dropped much of an
    # index from the page cache while the other was built (at 8x, one query left trawl's p50 at 16.7 ms where a
    # warm index gives 5-7 ms).
    for q in queries:
        wall([args.trawl, "search", q, "--index", idx])
        wall(["quest", "-d", xidx, q])
    r["trawl_q"], r["quest_q"] = [], []
    for q in queries:
        r["trawl_q"].append(wall([args.trawl, "search", q, "--index", idx]))
        r["quest_q"].append(wall(["quest", "-d", xidx, q]))
    batch = os.path.join(work, "batch.txt")
    inproc = []
    for q in queries:
        with open(batch, "w") as f:
            f.write(f"{q}\n")
        once = wall([args.trawl, "search", "--batch", batch, "--index", idx, "--format", "json"])
        with open(batch, "w") as f:
            f.write(f"{q}\n" * 11)
        eleven = wall([args.trawl, "search", "--batch", batch, "--index", idx, "--format", "json"])
        inproc.append(max(0.0, (eleven - once) / 10))
    r["inproc_q"] = inproc
    return r


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trawl", default=os.path.join(REPO, ".build", "release", "trawl"))
    parser.add_argument("--work", default=os.path.join(REPO, "bench"))
    parser.add_argument("--scales", default="1,8")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--index-runs", default="1=3,8=1",
                        help="full index pairs per scale, as SCALE=RUNS,... (1 for a scale not listed)")
    args = parser.parse_args()
    try:
        args.index_runs = {int(k): int(v) for k, v in (item.split("=") for item in args.index_runs.split(","))}
    except ValueError:
        sys.exit(f"--index-runs: expected SCALE=RUNS,... such as 1=3,8=1, not {args.index_runs!r}")
    if any(v < 1 for v in args.index_runs.values()):
        sys.exit("--index-runs: each scale needs at least one run")
    args.trawl = os.path.abspath(args.trawl)
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(HERE, "bench-queries.txt")) as f:
        queries = [l.strip() for l in f if l.strip()]
    results = {}
    for scale in [int(s) for s in args.scales.split(",")]:
        if scale == 1:
            roots = [os.path.join(SHARED, "corpus", "seeds"), os.path.join(SHARED, "corpora")]
        else:
            roots = [os.path.join(args.work, f"synthetic-{scale}x")]
            if not os.path.isdir(roots[0]):
                sys.exit(f"no {roots[0]} — run `make bench-corpus` first")
        results[scale] = run_scale(scale, [os.path.abspath(r) for r in roots], args, queries)

    ms = lambda s: f"{s * 1000:.1f} ms"
    print(f"trawl --jobs {args.jobs}, {os.cpu_count()} cores; times are wall-clock on a possibly shared machine.\n")
    scales = sorted(results)
    header = "| figure | " + " | ".join(f"{s}x" for s in scales)
    if len(scales) > 1:
        header += f" | {scales[-1]}x / {scales[0]}x"
    print(header + " | target |")
    print("|---" * (len(scales) + (3 if len(scales) > 1 else 2)) + "|")

    def row(name, key, fmt, target=""):
        values = [key(results[s]) for s in scales]
        cells = [fmt(v) for v in values]
        if len(scales) > 1:
            cells.append(f"{values[-1] / values[0]:.2f}" if values[0] else "-")
        print(f"| {name} | " + " | ".join(cells) + f" | {target} |")

    row("articles (files)", lambda r: r["files"], str)
    row("corpus MB", lambda r: r["mb"], lambda v: f"{v:.1f}")
    row("trawl full index, s", lambda r: r["trawl_s"], lambda v: f"{v:.1f}", "≤ 9x growth")
    row("scriptindex full index, s", lambda r: r["xap_s"], lambda v: f"{v:.1f}")
    row("full index runs (pairs; medians below)", lambda r: r["index_runs"], str)
    row("trawl / scriptindex time (median of the pairs)", lambda r: r["index_ratio"], lambda v: f"{v:.2f}", "≤ 0.50")
    row("trawl articles/s", lambda r: r["files"] / r["trawl_s"], lambda v: f"{v:.0f}")
    row("scriptindex articles/s", lambda r: r["files"] / r["xap_s"], lambda v: f"{v:.0f}")
    row("trawl MB/s", lambda r: r["mb"] / r["trawl_s"], lambda v: f"{v:.2f}")
    row("trawl peak RSS, MB", lambda r: r["trawl_rss"], lambda v: f"{v:.0f}", "≤ 400")
    row("scriptindex peak RSS, MB", lambda r: r["xap_rss"], lambda v: f"{v:.0f}")
    row("trawl index size, MB", lambda r: r["trawl_size"], lambda v: f"{v:.0f}")
    row("scriptindex index size, MB", lambda r: r["xap_size"], lambda v: f"{v:.0f}")
    row("re-index, nothing changed, s", lambda r: r["noop_s"], lambda v: f"{v:.2f}", "< 0.5 (1x)")
    row("re-index, 10 new articles, s", lambda r: r["ten_s"], lambda v: f"{v:.2f}", "< 1.5 (1x)")
    row("trawl search p50 (process)", lambda r: statistics.median(r["trawl_q"]), ms, "≤ 2.5x quest")
    row("trawl search p95 (process)", lambda r: percentile(r["trawl_q"], 95), ms)
    row("quest p50 (process)", lambda r: statistics.median(r["quest_q"]), ms)
    row("quest p95 (process)", lambda r: percentile(r["quest_q"], 95), ms)
    row("trawl / quest p50 (queries alternated)", lambda r: statistics.median(r["trawl_q"]) / statistics.median(r["quest_q"]),
        lambda v: f"{v:.2f}", "≤ 2.5")
    row("trawl in-process p50 (--batch, passages)", lambda r: statistics.median(r["inproc_q"]), ms, "< 2 ms")
    row("trawl in-process p95 (--batch, passages)", lambda r: percentile(r["inproc_q"], 95), ms)


if __name__ == "__main__":
    main()
