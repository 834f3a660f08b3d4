/// What one query term adds to a hit's score (`--explain`): the weight of the term in the article under the
/// search's weighting scheme, with its within-document frequency (title words count `IndexSchema.titleWeight` times).
public struct ScoreContribution: Sendable, Equatable, Codable {
    /// The term as indexed: `Zattack` is the stem of attack, `haifa` the word as written, `Stitle` a title
    /// word; a synonym group or wildcard is shown as Xapian describes it.
    public let term: String
    /// Its weight in this article's score.
    public let weight: Double
    /// How often the term occurs in the article (nil for a group).
    public let wdf: Int?
    /// True for a term added by pseudo-relevance feedback, not typed in the query.
    public let expansion: Bool

    public init(term: String, weight: Double, wdf: Int?, expansion: Bool) {
        self.term = term
        self.weight = weight
        self.wdf = wdf
        self.expansion = expansion
    }
}
