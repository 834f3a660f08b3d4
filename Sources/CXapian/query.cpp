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
