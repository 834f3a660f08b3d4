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
            for passage in hit.passages {
                let text = (passage.cutStart ? "…" : "") + mark(passage.text, passage.highlights, base: nil)
                    + (passage.cutEnd ? "…" : "")
                out += "   " + Terminal.styled("\(passage.line):", .line, enabled: color) + " " + text + "\n"
            }
            out += "\n"
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
