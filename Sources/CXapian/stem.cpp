// Stemmers.
#include "internal.h"

extern "C" cx_status cx_stem_create(const char *language, size_t language_len, cx_stem **out, char **error) {
    try {
        auto handle = std::make_unique<cx_stem>();
        handle->stem = Xapian::Stem(cx::str(language, language_len));
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_stem_destroy(cx_stem *stem) {
    try {
        delete stem;
    } catch (...) {
    }
}

extern "C" cx_status cx_stem_apply(cx_stem *stem, const char *word, size_t word_len, char **out, size_t *out_len,
                                   char **error) {
    try {
        cx::copy_out(stem->stem(cx::str(word, word_len)), out, out_len);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" const char *cx_stem_languages(void) {
    // Xapian::Stem::get_available_languages() returns a std::string built on each call; keep one copy in
    // static storage so the C caller gets a pointer with a simple lifetime.
    static const std::string *languages = [] {
        try {
            return new std::string(Xapian::Stem::get_available_languages());
        } catch (...) {
            return new std::string();
        }
    }();
    return languages->c_str();
}
