// Queries: building them, and walking the tree the query parser produced.
#include "internal.h"

extern "C" cx_status cx_query_create_term(const char *term, size_t term_len, uint32_t wqf, uint32_t pos,
                                          cx_query **out, char **error) {
    try {
        auto handle = std::make_unique<cx_query>();
        handle->query = Xapian::Query(cx::str(term, term_len), wqf, pos);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_create_combined(cx_query_op op, cx_query *const *subqueries, size_t count,
                                              uint32_t window, cx_query **out, char **error) {
    try {
        std::vector<Xapian::Query> subs;
        subs.reserve(count);
        for (size_t i = 0; i < count; ++i) subs.push_back(subqueries[i]->query);
        auto handle = std::make_unique<cx_query>();
        handle->query = Xapian::Query(static_cast<Xapian::Query::op>(op), subs.begin(), subs.end(), window);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_create_value_range(uint32_t slot, const char *low, size_t low_len, const char *high,
                                                 size_t high_len, cx_query **out, char **error) {
    try {
        auto handle = std::make_unique<cx_query>();
        std::string lo = cx::str(low, low_len), hi = cx::str(high, high_len);
        if (lo.empty() && hi.empty()) {
            handle->query = Xapian::Query::MatchAll;
        } else if (lo.empty()) {
            handle->query = Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
        } else if (hi.empty()) {
            handle->query = Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
        } else {
            handle->query = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
        }
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_create_scaled(cx_query *query, double factor, cx_query **out, char **error) {
    try {
        auto handle = std::make_unique<cx_query>();
        handle->query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query->query, factor);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_query_destroy(cx_query *query) {
    try {
        delete query;
    } catch (...) {
    }
}

extern "C" cx_status cx_query_op_get(cx_query *query, cx_query_op *out, char **error) {
    try {
        *out = static_cast<cx_query_op>(query->query.get_type());
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_subquery_count(cx_query *query, size_t *out, char **error) {
    try {
        *out = query->query.get_num_subqueries();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_subquery(cx_query *query, size_t n, cx_query **out, char **error) {
    try {
        if (n >= query->query.get_num_subqueries()) {
            throw Xapian::InvalidArgumentError("subquery index out of range");
        }
        auto handle = std::make_unique<cx_query>();
        handle->query = query->query.get_subquery(n);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_terms(cx_query *query, cx_termlist **out, char **error) {
    try {
        auto handle = std::make_unique<cx_termlist>();
        handle->query_keepalive = query->query;
        handle->it = handle->query_keepalive.get_terms_begin();
        handle->end = handle->query_keepalive.get_terms_end();
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_description(cx_query *query, char **out, size_t *out_len, char **error) {
    try {
        cx::copy_out(query->query.get_description(), out, out_len);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_query_is_empty(cx_query *query, bool *out, char **error) {
    try {
        *out = query->query.empty();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

namespace {

// Xapian's synonym table maps a term to terms, and the query parser turns each synonym into a term query.
// A synonym that is several words ("israel defense forces") is only useful as a phrase, so rebuild the
// parts of the tree that hold such a term. Only the operators the parser puts above an expanded synonym
// are rebuilt (they carry no parameters); any other subtree is kept as it is. Only the direct term children
// of an OP_SYNONYM are synonyms.
Xapian::Query phrase_spaced_terms(const Xapian::Query &query, bool in_synonym, bool &changed) {
    const Xapian::Query::op type = query.get_type();
    // Only a synonym's own terms: a boolean filter term may hold spaces too (source:"BBC Sport").
    if (type == Xapian::Query::LEAF_TERM && in_synonym) {
        std::string term = *query.get_terms_begin();
        if (term.find(' ') == std::string::npos) return query;
        std::vector<Xapian::Query> words;
        size_t start = 0;
        while (start < term.size()) {
            size_t end = term.find(' ', start);
            if (end == std::string::npos) end = term.size();
            if (end > start) words.emplace_back(term.substr(start, end - start));
            start = end + 1;
        }
        changed = true;
        return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), words.size());
    }
    switch (type) {
        case Xapian::Query::OP_AND:
        case Xapian::Query::OP_OR:
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_XOR:
        case Xapian::Query::OP_AND_MAYBE:
        case Xapian::Query::OP_FILTER:
        case Xapian::Query::OP_SYNONYM:
        case Xapian::Query::OP_MAX: {
            bool any = false;
            std::vector<Xapian::Query> subqueries;
            for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
                subqueries.push_back(phrase_spaced_terms(query.get_subquery(i), type == Xapian::Query::OP_SYNONYM, any));
            }
            if (!any) return query;
            changed = true;
            return Xapian::Query(type, subqueries.begin(), subqueries.end());
        }
        default:
            return query;
    }
}

} // namespace

extern "C" cx_status cx_query_phrase_spaced_terms(cx_query *query, cx_query **out, char **error) {
    try {
        auto handle = std::make_unique<cx_query>();
        bool changed = false;
        handle->query = phrase_spaced_terms(query->query, false, changed);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}
