// Enquire and match sets: running a query and reading its ranked results.
#include "internal.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace {

const Xapian::MSetIterator item_at(const Xapian::MSet &mset, uint32_t index) {
    if (index >= mset.size()) throw Xapian::RangeError("match set index out of range");
    return mset[index];
}

// Accepts the documents explained: keeps an explanation's runs to them whatever else matches.
class SomeDocuments : public Xapian::MatchDecider {
  public:
    explicit SomeDocuments(std::vector<Xapian::docid> docids) : docids(std::move(docids)) {
        std::sort(this->docids.begin(), this->docids.end());
    }
    bool operator()(const Xapian::Document &doc) const override {
        return std::binary_search(docids.begin(), docids.end(), doc.get_docid());
    }

  private:
    std::vector<Xapian::docid> docids;
};

// The factor of an OP_SCALE_WEIGHT node. Xapian 1.4 has no accessor for it, so it is read from the node's
// description, "Query(0.15 * ...)", which Xapian writes with 15 significant digits. NaN if unreadable.
double scale_factor(const Xapian::Query &query) {
    std::string text = query.get_description();
    const std::string head = "Query(";
    if (text.compare(0, head.size(), head) != 0) return std::nan("");
    const char *start = text.c_str() + head.size();
    char *end = nullptr;
    double factor = std::strtod(start, &end);
    if (end == start || std::strncmp(end, " * ", 3) != 0) return std::nan("");
    return factor;
}

// A piece of a query that Xapian weighs by itself: a term, or a group weighed as one (a synonym group or
// wildcard); the factor OP_SCALE_WEIGHT nodes above it scale it by; the nodes above it.
struct Piece {
    Xapian::Query query;
    double factor;
    std::vector<Xapian::Query> ancestors;
};

// The pieces of `query`. BM25 weighs each piece by itself, and a node's weight is the sum of its matching
// children's (only the left side of FILTER and AND_NOT weighs), so a document's weight is the sum over the
// pieces it matches whose every ancestor matches it too (a term under NOT, or in a phrase that is not there,
// adds nothing). Each piece can then be run alone, filtered by its ancestors, and the weights added up.
void weighted_pieces(const Xapian::Query &query, double factor, std::vector<Xapian::Query> ancestors,
                     std::vector<Piece> &out) {
    const size_t count = query.get_num_subqueries();
    switch (query.get_type()) {
    case Xapian::Query::LEAF_TERM:
        if (!(*query.get_terms_begin()).empty()) out.push_back({query, factor, ancestors});
        return;
    case Xapian::Query::OP_SYNONYM:
    case Xapian::Query::OP_WILDCARD:
    case Xapian::Query::OP_MAX:
    case Xapian::Query::OP_ELITE_SET:
    case Xapian::Query::LEAF_POSTING_SOURCE:
        // Weighed as a whole (MAX and ELITE_SET choose among their parts per document).
        out.push_back({query, factor, ancestors});
        return;
    case Xapian::Query::OP_VALUE_RANGE:
    case Xapian::Query::OP_VALUE_GE:
    case Xapian::Query::OP_VALUE_LE:
    case Xapian::Query::LEAF_MATCH_ALL:
    case Xapian::Query::LEAF_MATCH_NOTHING:
        return;
    default:
        break;
    }
    // A node that matches wherever the piece below it does (OR, a scale, the left side of AND_MAYBE) is left
    // out of the piece's ancestors: filtering by it changes nothing but opens its every term's posting list
    // (the 20 feedback terms, for each of them).
    std::vector<Xapian::Query> within = ancestors;
    within.push_back(query);
    switch (query.get_type()) {
    case Xapian::Query::OP_FILTER:
    case Xapian::Query::OP_AND_NOT:
        // Only the left side weighs: the others filter or exclude.
        if (count > 0) weighted_pieces(query.get_subquery(0), factor, within, out);
        break;
    case Xapian::Query::OP_SCALE_WEIGHT: {
        double scale = scale_factor(query);
        if (std::isnan(scale)) {
            out.push_back({query, factor, ancestors});
        } else if (count > 0 && scale != 0) {
            weighted_pieces(query.get_subquery(0), factor * scale, ancestors, out);
        }
        break;
    }
    case Xapian::Query::OP_OR:
        for (size_t i = 0; i < count; ++i) weighted_pieces(query.get_subquery(i), factor, ancestors, out);
        break;
    case Xapian::Query::OP_AND_MAYBE:
        // It matches where its left side does; the right side counts only there.
        for (size_t i = 0; i < count; ++i) {
            weighted_pieces(query.get_subquery(i), factor, i == 0 ? ancestors : within, out);
        }
        break;
    default:
        // AND, XOR, PHRASE, NEAR: the sum of their parts, where the node matches.
        for (size_t i = 0; i < count; ++i) weighted_pieces(query.get_subquery(i), factor, within, out);
        break;
    }
}

} // namespace

extern "C" cx_status cx_enquire_create(cx_database *db, cx_enquire **out, char **error) {
    try {
        *out = new cx_enquire(*db->db);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_enquire_destroy(cx_enquire *enquire) {
    try {
        delete enquire;
    } catch (...) {
    }
}

extern "C" cx_status cx_enquire_set_query(cx_enquire *enquire, cx_query *query, char **error) {
    try {
        enquire->enquire.set_query(query->query);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_set_weighting_bm25(cx_enquire *enquire, double k1, double k2, double k3, double b,
                                                   double min_normlen, char **error) {
    try {
        auto weight = std::make_unique<Xapian::BM25Weight>(k1, k2, k3, b, min_normlen);
        enquire->enquire.set_weighting_scheme(*weight);
        enquire->weight = std::move(weight);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_set_weighting_dfr(cx_enquire *enquire, cx_dfr_scheme scheme, double c,
                                                  char **error) {
    try {
        std::unique_ptr<Xapian::Weight> weight;
        switch (scheme) {
        case CX_DFR_INEB2: weight = std::make_unique<Xapian::IneB2Weight>(c); break;
        case CX_DFR_BB2: weight = std::make_unique<Xapian::BB2Weight>(c); break;
        case CX_DFR_IFB2: weight = std::make_unique<Xapian::IfB2Weight>(c); break;
        case CX_DFR_INL2: weight = std::make_unique<Xapian::InL2Weight>(c); break;
        case CX_DFR_PL2: weight = std::make_unique<Xapian::PL2Weight>(c); break;
        default: throw Xapian::InvalidArgumentError("unknown divergence-from-randomness scheme");
        }
        enquire->enquire.set_weighting_scheme(*weight);
        enquire->weight = std::move(weight);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_set_collapse_key(cx_enquire *enquire, uint32_t slot, uint32_t max, char **error) {
    try {
        enquire->enquire.set_collapse_key(slot == CX_NO_SLOT ? Xapian::BAD_VALUENO : slot, max);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_set_sort_by_value(cx_enquire *enquire, uint32_t slot, bool reverse, char **error) {
    try {
        if (slot == CX_NO_SLOT) {
            enquire->enquire.set_sort_by_relevance();
        } else {
            enquire->enquire.set_sort_by_value_then_relevance(slot, reverse);
        }
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_get_mset(cx_enquire *enquire, uint32_t first, uint32_t max_items,
                                         uint32_t check_at_least, cx_mset **out, char **error) {
    try {
        auto handle = std::make_unique<cx_mset>();
        handle->mset = enquire->enquire.get_mset(first, max_items, check_at_least);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_matching_terms(cx_enquire *enquire, uint32_t docid, cx_termlist **out,
                                               char **error) {
    try {
        auto handle = std::make_unique<cx_termlist>();
        handle->it = enquire->enquire.get_matching_terms_begin(docid);
        handle->end = enquire->enquire.get_matching_terms_end(docid);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_get_eset(cx_enquire *enquire, uint32_t max_items, const uint32_t *relevant,
                                         size_t count, const char *prefix, size_t prefix_len, cx_eset **out,
                                         char **error) {
    try {
        Xapian::RSet rset;
        for (size_t i = 0; i < count; ++i) rset.add_document(relevant[i]);
        auto handle = std::make_unique<cx_eset>();
        // A prefix filter keeps expansion to one kind of term (e.g. Z-prefixed stems), so boolean filter terms
        // and ids never get in.
        Xapian::ExpandDeciderFilterPrefix decider(cx::str(prefix, prefix_len));
        // Exact term frequencies: over several databases searched together Xapian otherwise estimates them, and
        // the expansion (so the ranking) would differ from that of one merged database.
        handle->eset = enquire->enquire.get_eset(max_items, rset, Xapian::Enquire::USE_EXACT_TERMFREQ,
                                                 prefix_len > 0 ? &decider : nullptr);
        for (Xapian::ESetIterator it = handle->eset.begin(); it != handle->eset.end(); ++it) {
            handle->terms.push_back(*it);
        }
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_add_value_count(cx_enquire *enquire, uint32_t slot, char **error) {
    try {
        for (const auto &spy : enquire->spies) {
            if (spy.first == slot) return CX_OK;
        }
        auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        enquire->enquire.add_matchspy(spy.get());
        enquire->spies.emplace_back(slot, std::move(spy));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_value_counts(cx_enquire *enquire, uint32_t slot, cx_termlist **out, char **error) {
    try {
        for (const auto &spy : enquire->spies) {
            if (spy.first != slot) continue;
            // The iterator holds a reference to the spy's counts, so it outlives a later run or the enquire.
            auto handle = std::make_unique<cx_termlist>();
            handle->it = spy.second->values_begin();
            handle->end = spy.second->values_end();
            handle->count_kind = cx_termlist::Count::termfreq;
            *out = handle.release();
            return CX_OK;
        }
        throw Xapian::InvalidArgumentError("no value count was added for slot " + std::to_string(slot));
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_enquire_explain(cx_enquire *enquire, cx_query *query, cx_query *filter,
                                        const uint32_t *docids, size_t count, cx_explain **out, char **error) {
    try {
        std::vector<Piece> pieces;
        weighted_pieces(query->query, 1.0, {}, pieces);
        auto handle = std::make_unique<cx_explain>();
        std::vector<Xapian::docid> wanted(docids, docids + count);
        SomeDocuments only(wanted);
        // A document's weight from a piece's run depends on the piece and the collection, not on which other
        // documents the run matches, so one run per piece serves every document (one per piece and document
        // made a query with --explain cost 13 times the instructions of the query without it).
        Xapian::Enquire single(enquire->db);
        if (enquire->weight) single.set_weighting_scheme(*enquire->weight);
        for (const auto &piece : pieces) {
            Xapian::Query run = piece.factor == 1.0 ? piece.query
                                                    : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, piece.query,
                                                                    piece.factor);
            // The piece counts only where the nodes above it match (the right side of FILTER weighs nothing).
            for (const Xapian::Query &ancestor : piece.ancestors) {
                run = Xapian::Query(Xapian::Query::OP_FILTER, run, ancestor);
            }
            if (filter != nullptr) run = Xapian::Query(Xapian::Query::OP_FILTER, run, filter->query);
            single.set_query(run);
            Xapian::MSet mset = single.get_mset(0, static_cast<Xapian::doccount>(count), 0, nullptr, &only);
            std::unordered_map<Xapian::docid, double> weights;
            for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) weights[*it] = it.get_weight();
            for (size_t document = 0; document < count; ++document) {
                auto found = weights.find(docids[document]);
                if (found == weights.end()) continue;
                cx_explain::Part part{static_cast<uint32_t>(document), std::string(), found->second, 0};
                if (piece.query.get_type() == Xapian::Query::LEAF_TERM) {
                    part.term = *piece.query.get_terms_begin();
                    Xapian::TermIterator terms = enquire->db.termlist_begin(docids[document]);
                    terms.skip_to(part.term);
                    if (terms != enquire->db.termlist_end(docids[document]) && *terms == part.term) {
                        part.wdf = terms.get_wdf();
                    }
                } else {
                    part.term = piece.query.get_description();
                    // "Query(...)" → "..."
                    if (part.term.size() > 7 && part.term.compare(0, 6, "Query(") == 0) {
                        part.term = part.term.substr(6, part.term.size() - 7);
                    }
                }
                handle->parts.push_back(std::move(part));
            }
        }
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_explain_destroy(cx_explain *explain) {
    try {
        delete explain;
    } catch (...) {
    }
}

extern "C" cx_status cx_explain_size(cx_explain *explain, uint32_t *out, char **error) {
    try {
        *out = static_cast<uint32_t>(explain->parts.size());
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_explain_item(cx_explain *explain, uint32_t index, uint32_t *document, const char **term,
                                     size_t *term_len, double *weight, uint32_t *wdf, char **error) {
    try {
        if (index >= explain->parts.size()) throw Xapian::RangeError("explanation index out of range");
        const cx_explain::Part &part = explain->parts[index];
        if (document != nullptr) *document = part.document;
        *term = part.term.data();
        *term_len = part.term.size();
        if (weight != nullptr) *weight = part.weight;
        if (wdf != nullptr) *wdf = part.wdf;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_eset_destroy(cx_eset *eset) {
    try {
        delete eset;
    } catch (...) {
    }
}

extern "C" cx_status cx_eset_size(cx_eset *eset, uint32_t *out, char **error) {
    try {
        *out = static_cast<uint32_t>(eset->terms.size());
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_eset_item(cx_eset *eset, uint32_t index, const char **term, size_t *term_len, double *weight,
                                  char **error) {
    try {
        if (index >= eset->terms.size()) throw Xapian::RangeError("expand set index out of range");
        *term = eset->terms[index].data();
        *term_len = eset->terms[index].size();
        if (weight != nullptr) *weight = (eset->eset.begin() + index).get_weight();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_mset_destroy(cx_mset *mset) {
    try {
        delete mset;
    } catch (...) {
    }
}

extern "C" cx_status cx_mset_size(cx_mset *mset, uint32_t *out, char **error) {
    try {
        *out = mset->mset.size();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_mset_matches(cx_mset *mset, uint32_t *estimated, uint32_t *lower, uint32_t *upper,
                                     char **error) {
    try {
        if (estimated != nullptr) *estimated = mset->mset.get_matches_estimated();
        if (lower != nullptr) *lower = mset->mset.get_matches_lower_bound();
        if (upper != nullptr) *upper = mset->mset.get_matches_upper_bound();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_mset_item(cx_mset *mset, uint32_t index, uint32_t *docid, double *weight, uint32_t *rank,
                                  char **error) {
    try {
        Xapian::MSetIterator it = item_at(mset->mset, index);
        if (docid != nullptr) *docid = *it;
        if (weight != nullptr) *weight = it.get_weight();
        if (rank != nullptr) *rank = it.get_rank();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_mset_item_collapse_count(cx_mset *mset, uint32_t index, uint32_t *out, char **error) {
    try {
        *out = item_at(mset->mset, index).get_collapse_count();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_mset_document(cx_mset *mset, uint32_t index, cx_document **out, char **error) {
    try {
        auto handle = std::make_unique<cx_document>();
        handle->doc = item_at(mset->mset, index).get_document();
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_mset_termfreq(cx_mset *mset, const char *term, size_t term_len, uint32_t *out,
                                      char **error) {
    try {
        *out = mset->mset.get_termfreq(cx::str(term, term_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_mset_termweight(cx_mset *mset, const char *term, size_t term_len, double *out,
                                        char **error) {
    try {
        *out = mset->mset.get_termweight(cx::str(term, term_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}
