// Internal to the shim: the handle structs behind the opaque types in CXapian.h, and the helpers every
// `extern "C"` function uses to keep C++ exceptions on this side of the interface.
#ifndef CXAPIAN_INTERNAL_H
#define CXAPIAN_INTERNAL_H

#include "CXapian.h"

#include <xapian.h>

#include <atomic>
#include <cstdint>
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

// Words and how often each was seen, for spelling data: an open-addressing hash table (linear probing, at most
// half full) over a vector of entries in the order they were first seen. std::unordered_map took about three
// cache misses a look-up (bucket, node before, node), 3% of a full index for counting every unprefixed word of
// every document; here a look-up is a slot and, when the hashes agree, its entry.
class WordCounts {
  public:
    struct Entry {
        std::string word;
        Xapian::termcount count;
        uint64_t hash;
    };

    void add(const std::string &word, Xapian::termcount count) { add(word, hash_of(word), count); }

    // `add` with the word's `hash_of`, worked out before (see `prefetch`).
    void add(const std::string &word, uint64_t hash, Xapian::termcount count) {
        if ((entries_.size() + 1) * 2 > slots_.size()) grow();
        const size_t mask = slots_.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot &slot = slots_[i];
            if (slot.entry == 0) {
                entries_.push_back(Entry{word, count, hash});
                slot = Slot{hash, entries_.size()};
                return;
            }
            if (slot.hash == hash) {
                Entry &entry = entries_[slot.entry - 1];
                if (entry.word == word) {
                    entry.count += count;
                    return;
                }
            }
        }
    }

    // Asks the processor for the slot where a word with this hash is looked up first, and when that slot is
    // already in cache, for the entry it holds: called for every word of a document before adding any, the
    // look-ups' cache misses overlap instead of coming one after another.
    void prefetch(uint64_t hash) const {
        if (slots_.empty()) return;
        __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
    }
    void prefetch_entry(uint64_t hash) const {
        if (slots_.empty()) return;
        const Slot &slot = slots_[hash & (slots_.size() - 1)];
        if (slot.entry != 0 && slot.hash == hash) __builtin_prefetch(&entries_[slot.entry - 1]);
    }

    // FNV-1a, then its bits mixed down so that the low bits (the slot) depend on every byte.
    static uint64_t hash_of(const std::string &word) {
        uint64_t hash = 0xcbf29ce484222325ULL;
        for (unsigned char c : word) hash = (hash ^ c) * 0x100000001b3ULL;
        return hash ^ (hash >> 29);
    }

    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    // In the order first seen.
    const std::vector<Entry> &entries() const { return entries_; }
    // Empties the table and gives its memory back (counts are cleared when written, to bound memory).
    void clear() {
        std::vector<Entry>().swap(entries_);
        std::vector<Slot>().swap(slots_);
    }

  private:
    struct Slot {
        uint64_t hash;
        size_t entry;  // 1-based index into entries_; 0 for an empty slot
    };
    std::vector<Entry> entries_;
    std::vector<Slot> slots_;

    void grow() {
        std::vector<Slot> fresh(slots_.empty() ? 1024 : slots_.size() * 2, Slot{0, 0});
        const size_t mask = fresh.size() - 1;
        for (size_t e = 0; e < entries_.size(); ++e) {
            size_t i = entries_[e].hash & mask;
            while (fresh[i].entry != 0) i = (i + 1) & mask;
            fresh[i] = Slot{entries_[e].hash, e + 1};
        }
        slots_.swap(fresh);
    }
};

} // namespace cx

struct cx_database : cx::Counted {
    // A WritableDatabase is a Database, so readers use `db` whatever the mode; `writable` points at the same
    // object when it was opened for writing.
    std::unique_ptr<Xapian::Database> db;
    Xapian::WritableDatabase *writable = nullptr;
    // Spelling frequencies added by cx_database_add_spelling_of_document and not yet given to Xapian: they go
    // in one add_spelling call per word at the next commit or close (see flush_spelling in database.cpp).
    cx::WordCounts pending_spelling;
};

struct cx_spelling : cx::Counted {
    cx::WordCounts counts;
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
        uint32_t document;
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
