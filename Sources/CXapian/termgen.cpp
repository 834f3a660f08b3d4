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

namespace {
// A stemmer that remembers the stems it gave last. News text repeats its words, and Snowball's English stemmer
// was about 4% of a full index. The memory is a small direct-mapped table (a word's hash picks its one slot,
// which a later word may take over), so that it stays in the processor's cache: a hash map of every word seen
// took as long to look a word up in as stemming it did. Each term generator gets its own (Xapian objects are
// not shared between threads).
class CachingStem : public Xapian::StemImplementation {
    struct Slot {
        uint64_t hash = 0;
        std::string word, stem;
    };
    static constexpr size_t slots = 8192;
    Xapian::Stem stem;
    std::vector<Slot> table;

  public:
    explicit CachingStem(const Xapian::Stem &stem) : stem(stem), table(slots) {}

    std::string operator()(const std::string &word) override {
        uint64_t hash = 0xcbf29ce484222325ULL;
        for (unsigned char c : word) hash = (hash ^ c) * 0x100000001b3ULL;
        Slot &slot = table[(hash ^ (hash >> 29)) & (slots - 1)];
        if (slot.hash == hash && slot.word == word) return slot.stem;
        slot.hash = hash;
        slot.word = word;
        slot.stem = stem(word);
        return slot.stem;
    }

    std::string get_description() const override { return stem.get_description(); }
};
} // namespace

extern "C" cx_status cx_termgen_set_stemmer(cx_termgen *termgen, cx_stem *stem, char **error) {
    try {
        // No stemmer ("none") stays none: the term generator asks is_none() and then adds no stems at all.
        termgen->termgen.set_stemmer(stem->stem.is_none() ? stem->stem : Xapian::Stem(new CachingStem(stem->stem)));
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
