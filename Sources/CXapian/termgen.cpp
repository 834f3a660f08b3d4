// Term generator: turns text into terms (and positions) on a document.
#include "internal.h"

extern "C" cx_status cx_termgen_create(cx_termgen **out, char **error) {
    try {
        *out = new cx_termgen();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_termgen_destroy(cx_termgen *termgen) {
    try {
        delete termgen;
    } catch (...) {
    }
}

extern "C" cx_status cx_termgen_set_stemmer(cx_termgen *termgen, cx_stem *stem, char **error) {
    try {
        termgen->termgen.set_stemmer(stem->stem);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_termgen_set_stemming_strategy(cx_termgen *termgen, cx_stem_strategy strategy,
                                                      char **error) {
    try {
        termgen->termgen.set_stemming_strategy(static_cast<Xapian::TermGenerator::stem_strategy>(strategy));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_termgen_set_document(cx_termgen *termgen, cx_document *doc, char **error) {
    try {
        // Xapian::Document is a reference-counted handle: the term generator shares the caller's document,
        // so terms it adds are seen through `doc`.
        termgen->termgen.set_document(doc->doc);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_termgen_index_text(cx_termgen *termgen, const char *text, size_t text_len,
                                           uint32_t wdf_inc, const char *prefix, size_t prefix_len, char **error) {
    try {
        termgen->termgen.index_text(cx::str(text, text_len), wdf_inc, cx::str(prefix, prefix_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_termgen_index_text_without_positions(cx_termgen *termgen, const char *text,
                                                             size_t text_len, uint32_t wdf_inc, const char *prefix,
                                                             size_t prefix_len, char **error) {
    try {
        termgen->termgen.index_text_without_positions(cx::str(text, text_len), wdf_inc,
                                                      cx::str(prefix, prefix_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_termgen_enable_spelling(cx_termgen *termgen, cx_database *db, char **error) {
    try {
        if (db->writable == nullptr) throw Xapian::InvalidOperationError("spelling data needs a writable database");
        termgen->termgen.set_database(*db->writable);
        termgen->termgen.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_termgen_increase_termpos(cx_termgen *termgen, uint32_t delta, char **error) {
    try {
        termgen->termgen.increase_termpos(delta);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}
