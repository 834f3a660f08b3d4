#!/usr/bin/env python3
"""Ranking experiments on the test collections of ../shared/ir without rebuilding trawl per setting.

It opens the indexes `scripts/eval.py` built with trawl (.build/eval/<name>), runs each collection's queries
the way `trawl search --batch --any --all-copies --limit 1000` does (the same Xapian query parser settings,
the same pseudo-relevance feedback), with Xapian's Python bindings (apt-get install python3-xapian), and
prints one Markdown row of MAP per configuration. The row "trawl" reproduces trawl's defaults and matches
`make eval` run for run; check it again after changing how trawl parses or ranks.

Usage: scripts/rank_grid.py [--only COLLECTION,...] [--groups GROUP,...|all] [--configs PART,...] [--list]
(make eval first: it builds the indexes.) Add a configuration to GROUPS to measure it.
"""
import argparse
import os
import sys

sys.path.append("/usr/lib/python3/dist-packages")  # Debian's python3-xapian beside another Python 3.11
import xapian  # noqa: E402
from eval import peers, plain_words  # noqa: E402  (scripts/eval.py: the peers' MAP; queries as eval runs them)
import ir_measures  # noqa: E402
from ir_measures import AP  # noqa: E402

STOPWORDS = """a about an and are as at be been but by can could did do does for from had has have he her his i
if in into is it its it's me my no not of on or our she so than that the their them then there these they this
those to too us was we were what when where which while who whom why will with would you your""".split()

FLAGS = (xapian.QueryParser.FLAG_BOOLEAN | xapian.QueryParser.FLAG_PHRASE | xapian.QueryParser.FLAG_LOVEHATE
         | xapian.QueryParser.FLAG_WILDCARD | xapian.QueryParser.FLAG_PURE_NOT
         | xapian.QueryParser.FLAG_AUTO_SYNONYMS | xapian.QueryParser.FLAG_AUTO_MULTIWORD_SYNONYMS)


class Collection:
    def __init__(self, name, ir, work):
        self.name = name
        self.db = xapian.Database(os.path.join(work, name))
        self.names = {}
        for term in self.db.allterms("Q"):
            t = term.term.decode()
            for posting in self.db.postlist(term.term):
                stem = t[1:]
                if "." in stem.rsplit("/", 1)[-1]:
                    stem = stem[:stem.rfind(".")]
                self.names[posting.docid] = stem
        self.queries = []
        for line in open(os.path.join(ir, name, "queries.tsv"), encoding="utf-8"):
            line = plain_words(line.rstrip("\n"))
            if not line.strip():
                continue
            qid, _, text = line.partition("\t")
            self.queries.append((qid.strip(), text))
        self.qrels = list(ir_measures.read_trec_qrels(os.path.join(ir, name, "qrels.txt")))
        qp = xapian.QueryParser()
        qp.set_stemmer(xapian.Stem("english"))
        qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
        qp.set_database(self.db)
        qp.set_default_op(xapian.Query.OP_OR)
        stopper = xapian.SimpleStopper()
        for word in STOPWORDS:
            stopper.add(word)
        self.stopper = stopper
        qp.set_stopper(stopper)
        qp.add_prefix("title", "S")
        qp.add_prefix("author", "A")
        for field, prefix in [("source", "XSOURCE"), ("section", "XSECTION"), ("category", "XSECTION"),
                              ("tag", "K"), ("lang", "L")]:
            qp.add_boolean_prefix(field, prefix)
        qp.set_max_expansion(1000)
        self.parser = qp
        self.parsed = [(qid, qp.parse_query(text, FLAGS)) for qid, text in self.queries]


def weighting(spec):
    kind, *args = spec
    return getattr(xapian, kind)(*args)


class ZDecider(xapian.ExpandDecider):
    """Z-prefixed stems only (as trawl's prefix filter), optionally without stop words or title stems."""

    def __init__(self, stopper=None, no_title=False, min_len=0):
        super().__init__()
        self.stopper, self.no_title, self.min_len = stopper, no_title, min_len

    def __call__(self, term):
        t = term.decode() if isinstance(term, bytes) else term
        if not t.startswith("Z"):
            return False
        if self.no_title and t.startswith("ZS"):
            return False
        if self.stopper is not None and self.stopper(t[1:]):
            return False
        if len(t) - 1 < self.min_len:
            return False
        return True


def run_config(coll, cfg):
    enquire = xapian.Enquire(coll.db)
    w = weighting(cfg.get("w", ("BM25Weight", 1.2, 0, 1, 0.75, 0.5)))
    enquire.set_weighting_scheme(w)
    if "exp" in cfg:
        enquire.set_expansion_scheme(*cfg["exp"])
    fb_docs, fb_terms, fb_weight = cfg.get("fb", (5, 10, 0.15))
    decider = ZDecider(coll.stopper if cfg.get("fb_nostop") else None, cfg.get("fb_notitle", False),
                       cfg.get("fb_minlen", 0))
    # Keep a reference: SWIG does not.
    run = []
    for qid, query in coll.parsed:
        enquire.set_query(query)
        final = query
        if fb_docs > 0 and fb_terms > 0 and fb_weight > 0:
            top = enquire.get_mset(0, fb_docs)
            if not top.empty():
                rset = xapian.RSet()
                for item in top:
                    rset.add_document(item.docid)
                eset = enquire.get_eset(fb_terms, rset, xapian.Enquire.USE_EXACT_TERMFREQ, decider,
                                        cfg.get("fb_min", 0.0))
                if eset.size() > 0:
                    mode = cfg.get("fb_mode", "flat")
                    if mode == "flat":
                        exp = xapian.Query(xapian.Query.OP_OR, [xapian.Query(t.term) for t in eset])
                    else:  # per-term scale by ESet weight relative to the best
                        best = max(t.weight for t in eset)
                        exp = xapian.Query(xapian.Query.OP_OR, [
                            xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(t.term),
                                         (t.weight / best) if mode == "rel" else len(eset) * t.weight /
                                         sum(x.weight for x in eset))
                            for t in eset])
                    exp = xapian.Query(xapian.Query.OP_SCALE_WEIGHT, exp, fb_weight)
                    orig = query
                    if cfg.get("orig_boost", 1.0) != 1.0:
                        orig = xapian.Query(xapian.Query.OP_SCALE_WEIGHT, query, cfg["orig_boost"])
                    final = xapian.Query(xapian.Query.OP_OR, [orig, exp])
                    enquire.set_query(final)
        mset = enquire.get_mset(0, 1000, 1000)
        for item in mset:
            run.append(ir_measures.ScoredDoc(qid, coll.names[item.docid], item.weight))
    return ir_measures.calc_aggregate([AP], coll.qrels, run)[AP]


def bm25(k1=1.2, k2=0, k3=1, b=0.75, mn=0.5):
    return ("BM25Weight", k1, k2, k3, b, mn)


INEB2 = ("IneB2Weight", 1.0)
# Every configuration measured so far (docs/ranking-experiments.md), by group. Keys: w (Xapian weighting class and
# its arguments), fb (feedback documents, terms, weight), exp (Enquire.set_expansion_scheme arguments), fb_mode
# ("flat": every feedback term alike; "rel": scaled by its ESet weight / the best; "norm": by weight / mean),
# fb_nostop / fb_notitle (leave stop words / title stems out of feedback), orig_boost (scale the query itself).
GROUPS = {
    "default": {
        "trawl": dict(w=INEB2, fb=(5, 20, 0.15)),
        "trawl --weighting bm25": dict(w=bm25(), fb=(5, 10, 0.15)),
    },
    "bm25": {
        "bm25 min_normlen 0": dict(w=bm25(mn=0)),
        "bm25 min_normlen 0.3": dict(w=bm25(mn=0.3)),
        "bm25 min_normlen 0.6": dict(w=bm25(mn=0.6)),
        "bm25 min_normlen 0.7": dict(w=bm25(mn=0.7)),
        "bm25 min_normlen 0.8": dict(w=bm25(mn=0.8)),
        "bm25 k3 0": dict(w=bm25(k3=0)),
        "bm25 k3 8": dict(w=bm25(k3=8)),
        "bm25+ delta 0.5": dict(w=("BM25PlusWeight", 1.2, 0, 1, 0.75, 0.5, 0.5)),
        "bm25+ delta 1": dict(w=("BM25PlusWeight", 1.2, 0, 1, 0.75, 0.5, 1.0)),
        "bm25 feedback 20 terms": dict(w=bm25(), fb=(5, 20, 0.15)),
    },
    "schemes": {
        "dph": dict(w=("DPHWeight",)),
        "dlh": dict(w=("DLHWeight",)),
        "pl2 c1": dict(w=("PL2Weight", 1.0)),
        "pl2 c4": dict(w=("PL2Weight", 4.0)),
        "pl2 c7": dict(w=("PL2Weight", 7.0)),
        "pl2+ c1 delta 0.8": dict(w=("PL2PlusWeight", 1.0, 0.8)),
        "inl2 c1": dict(w=("InL2Weight", 1.0)),
        "ifb2 c0.5": dict(w=("IfB2Weight", 0.5)),
        "ifb2 c1": dict(w=("IfB2Weight", 1.0)),
        "ifb2 c2": dict(w=("IfB2Weight", 2.0)),
        "bb2 c0.5": dict(w=("BB2Weight", 0.5)),
        "bb2 c1": dict(w=("BB2Weight", 1.0)),
        "bb2 c2": dict(w=("BB2Weight", 2.0)),
        "lm dirichlet 300": dict(w=("LMWeight", 0.0, xapian.Weight.DIRICHLET_SMOOTHING, 300, 0)),
        "lm dirichlet 1000": dict(w=("LMWeight", 0.0, xapian.Weight.DIRICHLET_SMOOTHING, 1000, 0)),
        "lm dirichlet 2000": dict(w=("LMWeight", 0.0, xapian.Weight.DIRICHLET_SMOOTHING, 2000, 0)),
        "lm jelinek-mercer 0.7": dict(w=("LMWeight", 0.0, xapian.Weight.JELINEK_MERCER_SMOOTHING, 0.7, 0)),
        "lm two-stage 0.7 2000": dict(w=("LMWeight", 0.0, xapian.Weight.TWO_STAGE_SMOOTHING, 0.7, 2000)),
    },
    "feedback-bm25": {
        "expansion trad k 0.5": dict(exp=("trad", 0.5)),
        "expansion trad k 1": dict(exp=("trad", 1.0)),
        "expansion trad k 2": dict(exp=("trad", 2.0)),
        "expansion bo1": dict(exp=("bo1", 1.0)),
        "expansion bo1, 20 terms, 0.2": dict(exp=("bo1", 1.0), fb=(5, 20, 0.2)),
        "expansion bo1, 10 docs, 20 terms": dict(exp=("bo1", 1.0), fb=(10, 20, 0.15)),
        "feedback terms by ESet weight / best": dict(fb_mode="rel"),
        "feedback terms by ESet weight / best, 0.25": dict(fb_mode="rel", fb=(5, 10, 0.25)),
        "feedback terms by ESet weight / best, 20 terms, 0.3": dict(fb_mode="rel", fb=(5, 20, 0.3)),
        "feedback terms by ESet weight / mean": dict(fb_mode="norm"),
        "no feedback": dict(fb=(0, 0, 0)),
    },
    "ineb2": {
        **{f"ineb2 c{c}, 10 terms": dict(w=("IneB2Weight", c)) for c in (0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)},
        **{f"ineb2 c1, 10 terms, {fw}": dict(w=INEB2, fb=(5, 10, fw)) for fw in (0.1, 0.2, 0.3)},
        "ineb2 c1, no feedback": dict(w=INEB2, fb=(0, 0, 0)),
        "ineb2 c1, 10 docs, 10 terms": dict(w=INEB2, fb=(10, 10, 0.15)),
        "ineb2 c1, 3 docs, 10 terms": dict(w=INEB2, fb=(3, 10, 0.15)),
        "ineb2 c1, 5 terms": dict(w=INEB2, fb=(5, 5, 0.15)),
        "ineb2 c1, 10 terms, bo1": dict(w=INEB2, exp=("bo1", 1.0)),
        "ineb2 c1, 10 terms by ESet weight / best": dict(w=INEB2, fb_mode="rel"),
        **{f"ineb2 c1, {t} terms": dict(w=INEB2, fb=(5, t, 0.15)) for t in (15, 25, 30, 40)},
        **{f"ineb2 c1, 20 terms, {fw}": dict(w=INEB2, fb=(5, 20, fw)) for fw in (0.1, 0.2)},
        **{f"ineb2 c1, {d} docs, 20 terms": dict(w=INEB2, fb=(d, 20, 0.15)) for d in (3, 4, 7, 10)},
        **{f"ineb2 c{c}, 20 terms": dict(w=("IneB2Weight", c), fb=(5, 20, 0.15)) for c in (0.75, 1.25)},
        "ineb2 c1, 20 terms by ESet weight / best": dict(w=INEB2, fb=(5, 20, 0.15), fb_mode="rel"),
        "ineb2 c1, 20 terms, no stop words": dict(w=INEB2, fb=(5, 20, 0.15), fb_nostop=True),
        "ineb2 c1, 20 terms, no stop words or title stems": dict(w=INEB2, fb=(5, 20, 0.15), fb_nostop=True,
                                                                 fb_notitle=True),
        "ineb2 c1, 20 terms, bo1": dict(w=INEB2, fb=(5, 20, 0.15), exp=("bo1", 1.0)),
        "ineb2 c1, 20 terms, trad k 0.5": dict(w=INEB2, fb=(5, 20, 0.15), exp=("trad", 0.5)),
        "ineb2 c1, 20 terms, query x1.5": dict(w=INEB2, fb=(5, 20, 0.15), orig_boost=1.5),
    },
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ir", default=os.path.join(root, "..", "shared", "ir"))
    ap.add_argument("--work", default=os.path.join(root, ".build", "eval"))
    ap.add_argument("--only", default="")
    ap.add_argument("--groups", default="default", help="comma-separated groups, or all: " + ", ".join(GROUPS))
    ap.add_argument("--configs", default="", help="only configurations whose name contains one of these (comma-separated)")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    groups = list(GROUPS) if args.groups == "all" else args.groups.split(",")
    configs = {name: cfg for group in groups for name, cfg in GROUPS[group].items()
               if not args.configs or any(part and part in name for part in args.configs.split(","))}
    if args.list:
        print("\n".join(configs))
        return 0
    baselines = peers(os.path.join(args.ir, "README.md"))
    names = [n for n in baselines if not args.only or n in args.only.split(",")]
    colls = [Collection(n, args.ir, args.work) for n in names]
    print("| config | " + " | ".join(names) + " | min vs best peer |")
    print("|---|" + "---|" * len(names) + "---|")
    for name, cfg in configs.items():
        cells, worst = [], None
        for coll in colls:
            value = run_config(coll, cfg)
            ratio = value / max(baselines[coll.name].values()) - 1
            worst = ratio if worst is None else min(worst, ratio)
            cells.append(f"{value:.3f} ({ratio * 100:+.1f}%)")
        mark = " **met**" if worst >= 0.05 else ""
        print(f"| {name} | " + " | ".join(cells) + f" | {worst * 100:+.1f}%{mark} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
