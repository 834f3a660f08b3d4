// Internal to the shim: the handle structs behind the opaque types in CXapian.h, and the helpers every
// `extern "C"` function uses to keep C++ exceptions on this side of the interface.
#ifndef CXAPIAN_INTERNAL_H
#define CXAPIAN_INTERNAL_H

#include "CXapian.h"

#include <xapian.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace cx {

// Live-handle accounting, so tests can check that the Swift wrapper frees everything it creates.
extern std::atomic<int64_t> live_handles;

// Every handle struct derives from this, so creation and destruction are counted in one place.
struct Counted {
    Counted() { live_handles.fetch_add(1, std::memory_order_relaxed); }
    Counted(const Counted &) = delete;
    Counted &operator=(const Counted &) = delete;
    ~Counted() { live_handles.fetch_sub(1, std::memory_order_relaxed); }
};

// Classifies the exception being handled (call only inside a catch block), writes its message to *error
// when error is not NULL, and returns the matching status. Never throws.
cx_status fail(char **error) noexcept;

// A malloc'd, NUL-terminated copy of `bytes`, written to *out and *out_len. Throws std::bad_alloc.
void copy_out(const std::string &bytes, char **out, size_t *out_len);

inline std::string str(const char *p, size_t n) { return n == 0 ? std::string() : std::string(p, n); }

} // namespace cx

struct cx_database : cx::Counted {
    // A WritableDatabase is a Database, so readers use `db` whatever the mode; `writable` points at the same
    // object when it was opened for writing.
    std::unique_ptr<Xapian::Database> db;
    Xapian::WritableDatabase *writable = nullptr;
    // Spelling frequencies added by cx_database_add_spelling_of_document and not yet given to Xapian: they go
    // in one add_spelling call per word at the next commit or close (see flush_spelling in database.cpp).
    std::unordered_map<std::string, Xapian::termcount> pending_spelling;
};

struct cx_spelling : cx::Counted {
    std::unordered_map<std::string, Xapian::termcount> counts;
};

struct cx_document : cx::Counted {
    Xapian::Document doc;
};

struct cx_stem : cx::Counted {
    Xapian::Stem stem;
};

struct cx_termgen : cx::Counted {
    Xapian::TermGenerator termgen;
};

struct cx_queryparser : cx::Counted {
    Xapian::QueryParser parser;
};

struct cx_query : cx::Counted {
    Xapian::Query query;
};

struct cx_enquire : cx::Counted {
    explicit cx_enquire(const Xapian::Database &database) : db(database), enquire(db) {}
    Xapian::Database db;  // Enquire keeps a reference to the database internally; we keep it alive too.
    Xapian::Enquire enquire;
    // The weighting scheme last set (NULL: Xapian's default), so explanations weigh as the match did;
    // Enquire keeps its own clone and has no getter for it.
    std::unique_ptr<Xapian::Weight> weight;
    // The value-count spies added with cx_enquire_add_value_count, by slot. Enquire holds plain pointers to
    // them and never calls them once destroyed, so these may go first.
    std::vector<std::pair<uint32_t, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies;
};

struct cx_explain : cx::Counted {
    struct Part {
        std::string term;
        double weight;
        uint32_t wdf;
    };
    std::vector<Part> parts;
};

struct cx_mset : cx::Counted {
    Xapian::MSet mset;
};

struct cx_eset : cx::Counted {
    Xapian::ESet eset;
    std::vector<std::string> terms;  // copied out once, so borrowed pointers stay valid until destroy
};

// A term list is materialised lazily from a Xapian::TermIterator, which keeps its source alive itself
// (Xapian iterators hold reference-counted internals). `count_kind` says what the count column means.
struct cx_termlist : cx::Counted {
    enum class Count { none, termfreq, wdf };
    Xapian::TermIterator it, end;
    Count count_kind = Count::none;
    bool started = false;
    std::string current;
    // Keep what the iterator reads from alive for the iterator's lifetime (these are cheap, shared handles).
    Xapian::Database db_keepalive;
    Xapian::Document doc_keepalive;
    Xapian::Query query_keepalive;
};

struct cx_postlist : cx::Counted {
    Xapian::Database db_keepalive;
    Xapian::PostingIterator it, end;
    bool started = false;
};

struct cx_valuelist : cx::Counted {
    Xapian::Database db_keepalive;
    Xapian::ValueIterator it, end;
    bool started = false;
    std::string current;
};

#endif
