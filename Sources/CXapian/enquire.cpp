// Enquire and match sets: running a query and reading its ranked results.
#include "internal.h"

namespace {

const Xapian::MSetIterator item_at(const Xapian::MSet &mset, uint32_t index) {
    if (index >= mset.size()) throw Xapian::RangeError("match set index out of range");
    return mset[index];
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
        enquire->enquire.set_weighting_scheme(Xapian::BM25Weight(k1, k2, k3, b, min_normlen));
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
