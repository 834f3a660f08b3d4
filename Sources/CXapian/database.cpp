// Databases: opening read-only or for writing, statistics, metadata, and document updates.
#include "internal.h"

#include <algorithm>
#include <vector>

namespace {

// Writes need the WritableDatabase; asking a read-only handle to write is the caller's mistake, reported
// as Xapian would report it rather than crashing.
Xapian::WritableDatabase &writable(cx_database *db) {
    if (db == nullptr || db->writable == nullptr) {
        throw Xapian::InvalidOperationError("database was opened read-only");
    }
    return *db->writable;
}

} // namespace

extern "C" cx_status cx_database_open(const char *path, size_t path_len, cx_database **out, char **error) {
    try {
        auto handle = std::make_unique<cx_database>();
        handle->db = std::make_unique<Xapian::Database>(cx::str(path, path_len));
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_open_writable(const char *path, size_t path_len, cx_db_mode mode,
                                               cx_database **out, char **error) {
    try {
        auto handle = std::make_unique<cx_database>();
        // `mode` may carry CX_DB_NO_SYNC, which is Xapian's DB_NO_SYNC: passed on with the mode's bits.
        static_assert(CX_DB_NO_SYNC == Xapian::DB_NO_SYNC, "CX_DB_NO_SYNC must be Xapian's flag");
        auto wdb = std::make_unique<Xapian::WritableDatabase>(cx::str(path, path_len), static_cast<int>(mode));
        handle->writable = wdb.get();
        handle->db = std::move(wdb);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_add(cx_database *db, cx_database *other, char **error) {
    try {
        // Adding to a WritableDatabase would only be allowed for shards being written together; the combined
        // handle is for reading.
        if (db->writable != nullptr) throw Xapian::InvalidOperationError("cannot add databases to a writable one");
        db->db->add_database(*other->db);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_compact(const char *const *sources, const size_t *source_lens, size_t count,
                                         const char *destination, size_t destination_len, char **error) {
    try {
        Xapian::Database all;
        for (size_t i = 0; i < count; ++i) all.add_database(Xapian::Database(cx::str(sources[i], source_lens[i])));
        // Standard compaction (not FULL): the result is updated in place by later runs, and fully packed
        // blocks would all split on the first update.
        all.compact(cx::str(destination, destination_len), Xapian::Compactor::STANDARD);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

namespace {
// Xapian's own term generator calls add_spelling once per word it indexes, and each call looks the word up in
// a std::map of pending changes: about a fifth of indexing. Counting words per document in a hash map and
// handing Xapian one total per word per commit leaves the same spelling data.
//
// The words go in sorted: Xapian files each new word under every fragment of it (head, tail, middle trigrams) in
// std::sets, and a word that sorts after all before it takes the same path down each set as the last one did,
// still in cache.
void flush_spelling(cx_database *db) {
    if (db->writable == nullptr || db->pending_spelling.empty()) return;
    std::vector<const cx::WordCounts::Entry *> sorted;
    sorted.reserve(db->pending_spelling.size());
    for (const auto &entry : db->pending_spelling.entries()) sorted.push_back(&entry);
    std::sort(sorted.begin(), sorted.end(), [](const auto *a, const auto *b) { return a->word < b->word; });
    for (const auto *entry : sorted) db->writable->add_spelling(entry->word, entry->count);
    db->pending_spelling.clear();
}
} // namespace

extern "C" void cx_database_destroy(cx_database *db) {
    // The WritableDatabase destructor commits and may fail; Xapian swallows errors in destructors, but we
    // guard anyway since nothing may escape.
    try {
        if (db != nullptr) flush_spelling(db);
    } catch (...) {
    }
    try {
        delete db;
    } catch (...) {
    }
}

extern "C" cx_status cx_database_close(cx_database *db, char **error) {
    try {
        flush_spelling(db);
        db->db->close();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_reopen(cx_database *db, bool *changed, char **error) {
    try {
        bool moved = db->db->reopen();
        if (changed != nullptr) *changed = moved;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" bool cx_database_is_writable(const cx_database *db) { return db != nullptr && db->writable != nullptr; }

extern "C" cx_status cx_database_doccount(cx_database *db, uint32_t *out, char **error) {
    try {
        *out = db->db->get_doccount();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_lastdocid(cx_database *db, uint32_t *out, char **error) {
    try {
        *out = db->db->get_lastdocid();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_avlength(cx_database *db, double *out, char **error) {
    try {
        *out = db->db->get_avlength();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_termfreq(cx_database *db, const char *term, size_t term_len, uint32_t *out,
                                          char **error) {
    try {
        *out = db->db->get_termfreq(cx::str(term, term_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_collection_freq(cx_database *db, const char *term, size_t term_len,
                                                 uint32_t *out, char **error) {
    try {
        *out = db->db->get_collection_freq(cx::str(term, term_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_doclength(cx_database *db, uint32_t docid, uint32_t *out, char **error) {
    try {
        *out = db->db->get_doclength(docid);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_get_metadata(cx_database *db, const char *key, size_t key_len, char **out,
                                              size_t *out_len, char **error) {
    try {
        cx::copy_out(db->db->get_metadata(cx::str(key, key_len)), out, out_len);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_get_document(cx_database *db, uint32_t docid, cx_document **out, char **error) {
    try {
        auto handle = std::make_unique<cx_document>();
        handle->doc = db->db->get_document(docid);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_allterms(cx_database *db, const char *prefix, size_t prefix_len,
                                          cx_termlist **out, char **error) {
    try {
        auto handle = std::make_unique<cx_termlist>();
        handle->db_keepalive = *db->db;
        std::string p = cx::str(prefix, prefix_len);
        handle->it = handle->db_keepalive.allterms_begin(p);
        handle->end = handle->db_keepalive.allterms_end(p);
        handle->count_kind = cx_termlist::Count::termfreq;
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_count_terms(cx_database *db, const char *prefix, size_t prefix_len, uint64_t *out,
                                             char **error) {
    try {
        // Xapian keeps no count of distinct terms: walk the term list, which reads keys only.
        std::string p = cx::str(prefix, prefix_len);
        uint64_t count = 0;
        for (Xapian::TermIterator it = db->db->allterms_begin(p); it != db->db->allterms_end(p); ++it) ++count;
        *out = count;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_postlist(cx_database *db, const char *term, size_t term_len, cx_postlist **out,
                                          char **error) {
    try {
        auto handle = std::make_unique<cx_postlist>();
        handle->db_keepalive = *db->db;
        std::string t = cx::str(term, term_len);
        handle->it = handle->db_keepalive.postlist_begin(t);
        handle->end = handle->db_keepalive.postlist_end(t);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_valuestream(cx_database *db, uint32_t slot, cx_valuelist **out, char **error) {
    try {
        auto handle = std::make_unique<cx_valuelist>();
        handle->db_keepalive = *db->db;
        handle->it = handle->db_keepalive.valuestream_begin(slot);
        handle->end = handle->db_keepalive.valuestream_end(slot);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_set_metadata(cx_database *db, const char *key, size_t key_len, const char *value,
                                              size_t value_len, char **error) {
    try {
        writable(db).set_metadata(cx::str(key, key_len), cx::str(value, value_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_replace_document_by_term(cx_database *db, const char *term, size_t term_len,
                                                          cx_document *doc, uint32_t *docid, char **error) {
    try {
        Xapian::docid id = writable(db).replace_document(cx::str(term, term_len), doc->doc);
        if (docid != nullptr) *docid = id;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_add_document(cx_database *db, cx_document *doc, uint32_t *docid, char **error) {
    try {
        Xapian::docid id = writable(db).add_document(doc->doc);
        if (docid != nullptr) *docid = id;
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_replace_document(cx_database *db, uint32_t docid, cx_document *doc,
                                                  char **error) {
    try {
        writable(db).replace_document(docid, doc->doc);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_delete_document_by_term(cx_database *db, const char *term, size_t term_len,
                                                         char **error) {
    try {
        writable(db).delete_document(cx::str(term, term_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_delete_document(cx_database *db, uint32_t docid, char **error) {
    try {
        writable(db).delete_document(docid);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_commit(cx_database *db, char **error) {
    try {
        writable(db);
        flush_spelling(db);
        writable(db).commit();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

namespace {
// Each unprefixed term once per position: what a term generator with spelling enabled adds.
// The words are gathered first, and their slots and entries asked for ahead (WordCounts::prefetch): the table
// is megabytes, and a look-up cache miss after cache miss was most of counting.
void count_spelling(cx::WordCounts &counts, const Xapian::Document &document) {
    struct Word {
        std::string text;
        uint64_t hash;
        Xapian::termcount positions;
    };
    std::vector<Word> words;
    words.reserve(document.termlist_count());
    for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
        std::string term = *it;
        if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
        Xapian::termcount positions = it.positionlist_count();
        if (positions == 0) continue;
        const uint64_t hash = cx::WordCounts::hash_of(term);
        counts.prefetch(hash);
        words.push_back(Word{std::move(term), hash, positions});
    }
    for (const auto &word : words) counts.prefetch_entry(word.hash);
    for (const auto &word : words) counts.add(word.text, word.hash, word.positions);
}
} // namespace

extern "C" cx_status cx_database_add_spelling_of_document(cx_database *db, cx_document *doc, char **error) {
    try {
        writable(db);
        count_spelling(db->pending_spelling, doc->doc);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_spelling_create(cx_spelling **out, char **error) {
    try {
        *out = new cx_spelling();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_spelling_destroy(cx_spelling *spelling) {
    try {
        delete spelling;
    } catch (...) {
    }
}

extern "C" size_t cx_spelling_word_count(const cx_spelling *spelling) {
    return spelling == nullptr ? 0 : spelling->counts.size();
}

extern "C" cx_status cx_spelling_add_document(cx_spelling *spelling, cx_document *doc, char **error) {
    try {
        count_spelling(spelling->counts, doc->doc);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

// Spelling data gathered apart and added once: each writer of a parallel run used to add its own to its
// shard, so every shard's commits merged the common words' fragment lists again, and compaction merged the
// shards' lists once more. Xapian adds frequencies, so one total per word gives the same data.
extern "C" cx_status cx_database_add_spelling_counts(cx_database *db, cx_spelling *spelling, char **error) {
    try {
        writable(db);
        for (const auto &entry : spelling->counts.entries()) db->pending_spelling.add(entry.word, entry.count);
        spelling->counts.clear();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_spellings(cx_database *db, cx_termlist **out, char **error) {
    try {
        auto handle = std::make_unique<cx_termlist>();
        handle->db_keepalive = *db->db;
        handle->it = handle->db_keepalive.spellings_begin();
        handle->end = handle->db_keepalive.spellings_end();
        handle->count_kind = cx_termlist::Count::termfreq;
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_synonyms(cx_database *db, const char *term, size_t term_len, cx_termlist **out,
                                         char **error) {
    try {
        auto handle = std::make_unique<cx_termlist>();
        handle->db_keepalive = *db->db;
        std::string key = cx::str(term, term_len);
        handle->it = handle->db_keepalive.synonyms_begin(key);
        handle->end = handle->db_keepalive.synonyms_end(key);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_synonym_keys(cx_database *db, cx_termlist **out, char **error) {
    try {
        auto handle = std::make_unique<cx_termlist>();
        handle->db_keepalive = *db->db;
        handle->it = handle->db_keepalive.synonym_keys_begin();
        handle->end = handle->db_keepalive.synonym_keys_end();
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_add_synonym(cx_database *db, const char *term, size_t term_len, const char *synonym,
                                            size_t synonym_len, char **error) {
    try {
        writable(db).add_synonym(cx::str(term, term_len), cx::str(synonym, synonym_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_database_clear_all_synonyms(cx_database *db, char **error) {
    try {
        // Xapian clears one key at a time: collect the keys first, since clearing moves the key iterator's table.
        Xapian::WritableDatabase &wdb = writable(db);
        std::vector<std::string> keys(wdb.synonym_keys_begin(), wdb.synonym_keys_end());
        for (const std::string &key : keys) wdb.clear_synonyms(key);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}
