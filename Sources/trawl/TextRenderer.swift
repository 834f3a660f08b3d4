import TrawlKit

/// Renders search results for people: per hit, its rank and title, where it is (`path:line`, ready for an
/// editor), date and source when known, its score, then its passages with the matched words marked.
struct TextRenderer {
    let color: Bool

    /// `notes`, when given, adds a word per hit after its place (e.g. "new" for `saved run --new`).
    func render(_ results: SearchResults, notes: [String?] = []) -> String {
        var out = ""
        for (index, hit) in results.hits.enumerated() {
            out += "\(hit.rank). " + Terminal.styled(mark(hit.title, hit.titleHighlights, base: .bold), .bold, enabled: color) + "\n"
            var facts = [Terminal.styled("\(hit.path):\(hit.line)", .path, enabled: color)]
            if index < notes.count, let note = notes[index] { facts.append(Terminal.styled(note, .bold, enabled: color)) }
            if let date = hit.date { facts.append(date) }
            if let source = hit.source { facts.append(source) }
            if let author = hit.author { facts.append("by \(author)") }
            if let section = hit.section { facts.append(section) }
            facts.append("score \(Formatting.fixed(hit.score, 2))")
            if hit.similar > 0 { facts.append("+\(hit.similar) similar") }
            out += "   " + facts.joined(separator: " · ") + "\n"
            if let parts = hit.explain { out += explanation(parts) }
            for passage in hit.passages {
                let text = (passage.cutStart ? "…" : "") + mark(passage.text, passage.highlights, base: nil)
                    + (passage.cutEnd ? "…" : "")
                out += "   " + Terminal.styled("\(passage.line):", .line, enabled: color) + " " + text + "\n"
            }
            out += "\n"
        }
        return out
    }

    /// With `--fields`: a line per hit of the chosen fields' values (those it has), joined by " · "; the
    /// passages and the explanation, when chosen, on indented lines below it as usual.
    func render(_ results: SearchResults, fields: [HitField], queryID: String) throws -> String {
        var out = ""
        for hit in results.hits {
            var values: [String] = []
            for field in fields {
                switch field {
                case .passages, .explain: continue
                case .title, .titleHighlights:
                    values.append(mark(hit.title, hit.titleHighlights, base: nil))
                case .path:
                    values.append(Terminal.styled(hit.path, .path, enabled: color))
                case .passage:
                    if let passage = hit.passages.first { values.append(mark(passage.text, passage.highlights, base: nil)) }
                default:
                    let value = try field.cell(hit, queryID: queryID)
                    if !value.isEmpty { values.append(value) }
                }
            }
            out += values.joined(separator: " · ") + "\n"
            for field in fields {
                if field == .explain, let parts = hit.explain { out += explanation(parts) }
                if field == .passages {
                    for passage in hit.passages {
                        out += "   " + Terminal.styled("\(passage.line):", .line, enabled: color) + " "
                            + mark(passage.text, passage.highlights, base: nil) + "\n"
                    }
                }
            }
        }
        return out
    }

    /// `--explain`: one line per term, as a sum that comes to the score.
    private func explanation(_ parts: [ScoreContribution]) -> String {
        if parts.isEmpty { return "   = 0 (no weighted term)\n" }
        return parts.enumerated().map { index, part in
            var notes: [String] = []
            if let wdf = part.wdf { notes.append("wdf \(wdf)") }
            if part.expansion { notes.append("feedback") }
            let note = notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")"
            return "   \(index == 0 ? "=" : "+") \(Formatting.fixed(part.weight, 4)) \(part.term)\(note)\n"
        }.joined()
    }

    /// `--facets`: a block after the hits, each facet's most frequent values with their counts.
    static let facetValuesShown = 10

    func render(_ facets: Facets) -> String {
        var out = "facets:\n"
        for field in facets.fields {
            var values = field.counts.prefix(Self.facetValuesShown).map { "\($0.value) \($0.count)" }
            if values.isEmpty { values = ["none"] }
            if field.counts.count > Self.facetValuesShown {
                values.append("… \(field.counts.count - Self.facetValuesShown) more")
            }
            out += "  " + Terminal.styled(field.facet.rawValue + ":", .bold, enabled: color) + " "
                + values.joined(separator: " · ") + "\n"
        }
        return out
    }

    /// The text with its highlight spans styled (or left plain without colour).
    private func mark(_ text: String, _ spans: [HighlightSpan], base: Terminal.Style?) -> String {
        guard color, !spans.isEmpty else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        // After a highlight the reset also ends the surrounding style; restore it.
        let restore = base.map { "\u{1B}[\($0.rawValue)m" } ?? ""
        for span in spans where span.start >= position && span.end <= scalars.count && span.start < span.end {
            out.append(contentsOf: scalars[position..<span.start])
            out.append(contentsOf: Terminal.styled(String(String.UnicodeScalarView(scalars[span.start..<span.end])), .match, enabled: true).unicodeScalars)
            out.append(contentsOf: restore.unicodeScalars)
            position = span.end
        }
        out.append(contentsOf: scalars[position...])
        return String(out)
    }
}
