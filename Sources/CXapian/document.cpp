// Documents: data, values and terms.
#include "internal.h"

extern "C" cx_status cx_document_create(cx_document **out, char **error) {
    try {
        *out = new cx_document();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_document_destroy(cx_document *doc) {
    try {
        delete doc;
    } catch (...) {
    }
}

extern "C" cx_status cx_document_docid(cx_document *doc, uint32_t *out, char **error) {
    try {
        *out = doc->doc.get_docid();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_set_data(cx_document *doc, const char *data, size_t data_len, char **error) {
    try {
        doc->doc.set_data(cx::str(data, data_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_get_data(cx_document *doc, char **out, size_t *out_len, char **error) {
    try {
        cx::copy_out(doc->doc.get_data(), out, out_len);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_add_value(cx_document *doc, uint32_t slot, const char *value, size_t value_len,
                                           char **error) {
    try {
        doc->doc.add_value(slot, cx::str(value, value_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_get_value(cx_document *doc, uint32_t slot, char **out, size_t *out_len,
                                           char **error) {
    try {
        cx::copy_out(doc->doc.get_value(slot), out, out_len);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_add_term(cx_document *doc, const char *term, size_t term_len, uint32_t wdf_inc,
                                          char **error) {
    try {
        doc->doc.add_term(cx::str(term, term_len), wdf_inc);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_add_boolean_term(cx_document *doc, const char *term, size_t term_len,
                                                  char **error) {
    try {
        doc->doc.add_boolean_term(cx::str(term, term_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_remove_term(cx_document *doc, const char *term, size_t term_len, char **error) {
    try {
        doc->doc.remove_term(cx::str(term, term_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_document_termlist(cx_document *doc, cx_termlist **out, char **error) {
    try {
        auto handle = std::make_unique<cx_termlist>();
        handle->doc_keepalive = doc->doc;
        handle->it = handle->doc_keepalive.termlist_begin();
        handle->end = handle->doc_keepalive.termlist_end();
        handle->count_kind = cx_termlist::Count::wdf;
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}
