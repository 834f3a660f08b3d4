// Term lists and posting lists: Xapian's iterators, stepped one entry at a time from C.
#include "internal.h"

namespace {

// Xapian iterators start on their first entry; the C interface starts before it, so the first call reads
// without advancing. Returns whether there is a current entry.
template <typename List> bool advance(List *list) {
    if (list->started) {
        if (list->it != list->end) ++list->it;
    } else {
        list->started = true;
    }
    return list->it != list->end;
}

} // namespace

extern "C" cx_status cx_termlist_next(cx_termlist *list, const char **term, size_t *term_len, uint32_t *count,
                                      bool *done, char **error) {
    try {
        if (!advance(list)) {
            *done = true;
            return CX_OK;
        }
        list->current = *list->it;
        *term = list->current.data();
        *term_len = list->current.size();
        if (count != nullptr) {
            switch (list->count_kind) {
            case cx_termlist::Count::termfreq: *count = list->it.get_termfreq(); break;
            case cx_termlist::Count::wdf: *count = list->it.get_wdf(); break;
            case cx_termlist::Count::none: *count = 0; break;
            }
        }
        *done = false;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_termlist_destroy(cx_termlist *list) {
    try {
        delete list;
    } catch (...) {
    }
}

extern "C" cx_status cx_postlist_next(cx_postlist *list, uint32_t *docid, uint32_t *wdf, bool *done,
                                      char **error) {
    try {
        if (!advance(list)) {
            *done = true;
            return CX_OK;
        }
        *docid = *list->it;
        if (wdf != nullptr) *wdf = list->it.get_wdf();
        *done = false;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_postlist_destroy(cx_postlist *list) {
    try {
        delete list;
    } catch (...) {
    }
}

extern "C" cx_status cx_valuelist_next(cx_valuelist *list, uint32_t *docid, const char **value, size_t *value_len,
                                       bool *done, char **error) {
    try {
        if (!advance(list)) {
            *done = true;
            return CX_OK;
        }
        list->current = *list->it;
        *docid = list->it.get_docid();
        *value = list->current.data();
        *value_len = list->current.size();
        *done = false;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_valuelist_destroy(cx_valuelist *list) {
    try {
        delete list;
    } catch (...) {
    }
}
