import Xapian

/// How articles are scored against a query: the weighting scheme Xapian ranks them with (`--weighting`).
public enum WeightingScheme: String, Sendable, CaseIterable {
    /// Divergence from randomness, Xapian's IneB2 with c = 1 (the default): a term weighs by how much more
    /// often it occurs in an article than chance would put it there, its frequency normalised by the
    /// article's length. It ranked best on all six test collections (see `make eval` and the README).
    case ineb2
    /// Okapi BM25, k1 1.2 and b 0.75 (Trawl's ranking before IneB2).
    case bm25

    /// The scheme a search gets unless told otherwise.
    public static let `default` = WeightingScheme.ineb2

    /// How many terms pseudo-relevance feedback adds under this scheme: IneB2 did best with 20 (15 to 40 all
    /// met the target on the six test collections), BM25 with 10 (20 cost adi; see docs/ranking-experiments.md).
    var feedbackTerms: Int {
        switch self {
        case .ineb2: 20
        case .bm25: 10
        }
    }

    /// Xapian's scheme and parameters.
    var xapian: Enquire.Weighting {
        switch self {
        case .ineb2:
            .divergenceFromRandomness(.ineB2, c: 1)
        case .bm25:
            // k1 0.9-1.6 and b 0.4-0.8 were tried over the six test collections together; these did best.
            .bm25(k1: 1.2, k2: 0, k3: 1, b: 0.75, minNormalizedLength: 0.5)
        }
    }
}
