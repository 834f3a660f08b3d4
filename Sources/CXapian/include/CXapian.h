/*
 * CXapian: a C interface to the parts of Xapian (libxapian 1.4) that Trawl uses.
 *
 * Conventions, true of every function below unless its comment says otherwise:
 *  - Every symbol is prefixed `cx_<noun>_<verb>`.
 *  - Handles are opaque. Every creator has a matching `_destroy` that accepts NULL.
 *    Handles are not thread-safe: use one handle from one thread at a time.
 *  - Functions return a `cx_status`; results come back through out-parameters, which are written only
 *    when the status is CX_OK.
 *  - `error` may be NULL. When it is not and the status is not CX_OK, `*error` receives a message
 *    allocated with malloc that the caller releases with `cx_free`. On CX_OK `*error` is left untouched.
 *  - Strings go in as pointer + length (they need not be NUL-terminated; they must be valid for the call).
 *  - Strings that come back as `char **out, size_t *out_len` are malloc'd, NUL-terminated for convenience
 *    (they may contain NUL bytes: trust the length), and released with `cx_free`.
 *  - Strings that come back as `const char **` are borrowed: valid until the next call on the same handle
 *    or its destruction, whichever comes first.
 *  - No C++ exception ever leaves this interface.
 */
#ifndef CXAPIAN_H
#define CXAPIAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Status codes: one per Xapian error class the callers may want to tell apart. ---- */
typedef enum cx_status {
    CX_OK = 0,
    CX_ERR_INVALID_ARGUMENT,     /* Xapian::InvalidArgumentError (e.g. an unknown stemmer language) */
    CX_ERR_INVALID_OPERATION,    /* Xapian::InvalidOperationError */
    CX_ERR_UNIMPLEMENTED,        /* Xapian::UnimplementedError */
    CX_ERR_DATABASE_NOT_FOUND,   /* Xapian::DatabaseNotFoundError: nothing at the path */
    CX_ERR_DATABASE_OPENING,     /* Xapian::DatabaseOpeningError: something there, not a database */
    CX_ERR_DATABASE_VERSION,     /* Xapian::DatabaseVersionError */
    CX_ERR_DATABASE_LOCK,        /* Xapian::DatabaseLockError: another writer holds the lock */
    CX_ERR_DATABASE_MODIFIED,    /* Xapian::DatabaseModifiedError: reopen and retry */
    CX_ERR_DATABASE_CORRUPT,     /* Xapian::DatabaseCorruptError */
    CX_ERR_DATABASE_CREATE,      /* Xapian::DatabaseCreateError */
    CX_ERR_DATABASE_CLOSED,      /* Xapian::DatabaseClosedError */
    CX_ERR_DATABASE,             /* any other Xapian::DatabaseError */
    CX_ERR_DOC_NOT_FOUND,        /* Xapian::DocNotFoundError */
    CX_ERR_QUERY_PARSER,         /* Xapian::QueryParserError: the query's syntax */
    CX_ERR_WILDCARD,             /* Xapian::WildcardError: a wildcard expanded past its limit */
    CX_ERR_RANGE,                /* Xapian::RangeError */
    CX_ERR_NETWORK,              /* Xapian::NetworkError (and NetworkTimeoutError) */
    CX_ERR_FEATURE_UNAVAILABLE,  /* Xapian::FeatureUnavailableError */
    CX_ERR_SERIALISATION,        /* Xapian::SerialisationError */
    CX_ERR_XAPIAN,               /* any other Xapian::Error */
    CX_ERR_NO_MEMORY,            /* std::bad_alloc */
    CX_ERR_UNKNOWN               /* any other C++ exception */
} cx_status;

/* Releases a string or buffer this interface allocated (an error message or a returned string). NULL is fine. */
void cx_free(void *pointer);

/* How many handles of any kind are alive: created and not yet destroyed. For leak checks in tests. */
int64_t cx_live_handles(void);

/* Xapian's version string, e.g. "1.4.22". Static storage; never freed. */
const char *cx_version_string(void);

/* ---- Opaque handles ---- */
typedef struct cx_database cx_database;       /* Xapian::Database or Xapian::WritableDatabase */
typedef struct cx_document cx_document;       /* Xapian::Document */
typedef struct cx_stem cx_stem;               /* Xapian::Stem */
typedef struct cx_termgen cx_termgen;         /* Xapian::TermGenerator */
typedef struct cx_queryparser cx_queryparser; /* Xapian::QueryParser */
typedef struct cx_query cx_query;             /* Xapian::Query */
typedef struct cx_enquire cx_enquire;         /* Xapian::Enquire */
typedef struct cx_mset cx_mset;               /* Xapian::MSet */
typedef struct cx_termlist cx_termlist;       /* a list of terms (all terms, a document's, a query's, matching) */
typedef struct cx_postlist cx_postlist;       /* Xapian::PostingIterator over one term */
typedef struct cx_valuelist cx_valuelist;     /* Xapian::ValueIterator over one value slot */
typedef struct cx_eset cx_eset;               /* Xapian::ESet: terms suggested to expand a query */
typedef struct cx_explain cx_explain;         /* the weights a document gets from each part of a query */
typedef struct cx_spelling cx_spelling;       /* spelling frequencies gathered apart from any database */

/* ---- Databases (database.cpp) ---- */

/* How a writable database is opened; the values are Xapian's DB_* constants. */
typedef enum cx_db_mode {
    CX_DB_CREATE_OR_OPEN = 0x00,
    CX_DB_CREATE_OR_OVERWRITE = 0x01,
    CX_DB_CREATE = 0x02,
    CX_DB_OPEN = 0x03
} cx_db_mode;

/* May be OR'd into a mode: commits do not wait for the data to reach the disk (Xapian::DB_NO_SYNC), so a
 * database cut short by a crash may be unreadable. For scratch databases that are thrown away then. */
#define CX_DB_NO_SYNC 0x04

/* Opens a database read-only: a glass directory, a stub database file, or anything Xapian can open. */
cx_status cx_database_open(const char *path, size_t path_len, cx_database **out, char **error);

/* Opens a database for writing (it takes Xapian's write lock until closed or destroyed). */
cx_status cx_database_open_writable(const char *path, size_t path_len, cx_db_mode mode,
                                    cx_database **out, char **error);

/* Adds the databases of `other` to `db` (a read-only handle), so that `db` searches them together as one
 * (Xapian::Database::add_database): statistics are combined, so ranking is as over one merged database.
 * `other` is not taken over: it may be destroyed afterwards. */
cx_status cx_database_add(cx_database *db, cx_database *other, char **error);

/* Merges the databases at `sources` (`count` paths, each pointer + length, read-only) into a new compacted
 * database at `destination`, which must not exist. Document ids are renumbered: each source's follow the
 * previous source's, in order. Spelling data and term statistics are merged; for metadata present in several
 * sources the first source's value is kept. */
cx_status cx_database_compact(const char *const *sources, const size_t *source_lens, size_t count,
                              const char *destination, size_t destination_len, char **error);

/* Destroys the handle; for a writable database Xapian commits pending changes and releases the lock.
 * Any error in doing so is swallowed: call cx_database_close first to see it. */
void cx_database_destroy(cx_database *db);

/* Closes the database (for a writable one: commits and releases the lock). The handle must still be destroyed. */
cx_status cx_database_close(cx_database *db, char **error);

/* Reopens at the latest revision. *changed is set to whether the revision moved. */
cx_status cx_database_reopen(cx_database *db, bool *changed, char **error);

/* True when the handle was opened for writing. */
bool cx_database_is_writable(const cx_database *db);

cx_status cx_database_doccount(cx_database *db, uint32_t *out, char **error);
cx_status cx_database_lastdocid(cx_database *db, uint32_t *out, char **error);
/* The average document length, in terms (wdf sum). */
cx_status cx_database_avlength(cx_database *db, double *out, char **error);
/* How many documents contain the term. */
cx_status cx_database_termfreq(cx_database *db, const char *term, size_t term_len, uint32_t *out, char **error);
/* How many times the term occurs in the whole collection. */
cx_status cx_database_collection_freq(cx_database *db, const char *term, size_t term_len, uint32_t *out,
                                      char **error);
cx_status cx_database_doclength(cx_database *db, uint32_t docid, uint32_t *out, char **error);

/* The value stored under `key` ("" when unset). *out is malloc'd; release with cx_free. */
cx_status cx_database_get_metadata(cx_database *db, const char *key, size_t key_len,
                                   char **out, size_t *out_len, char **error);

/* Fetches a document. *out is a new handle the caller destroys. */
cx_status cx_database_get_document(cx_database *db, uint32_t docid, cx_document **out, char **error);

/* Every term in the database that starts with `prefix` (length 0: every term), in byte order,
 * with its term frequency. *out is a new handle the caller destroys. */
cx_status cx_database_allterms(cx_database *db, const char *prefix, size_t prefix_len,
                               cx_termlist **out, char **error);

/* How many distinct terms start with `prefix` (length 0: all terms). */
cx_status cx_database_count_terms(cx_database *db, const char *prefix, size_t prefix_len, uint64_t *out, char **error);

/* The documents indexed by `term`, in docid order. *out is a new handle the caller destroys. */
cx_status cx_database_postlist(cx_database *db, const char *term, size_t term_len,
                               cx_postlist **out, char **error);

/* Every document's value in `slot` (documents without one are skipped), in docid order.
 * *out is a new handle the caller destroys. */
cx_status cx_database_valuestream(cx_database *db, uint32_t slot, cx_valuelist **out, char **error);

/* Writable databases only (CX_ERR_INVALID_OPERATION otherwise). */
cx_status cx_database_set_metadata(cx_database *db, const char *key, size_t key_len,
                                   const char *value, size_t value_len, char **error);
/* Replaces every document indexed by `term` with `doc` (adds it when there is none). *docid may be NULL. */
cx_status cx_database_replace_document_by_term(cx_database *db, const char *term, size_t term_len,
                                               cx_document *doc, uint32_t *docid, char **error);
cx_status cx_database_replace_document(cx_database *db, uint32_t docid, cx_document *doc, char **error);
/* Adds `doc` as a new document, without looking for one it replaces. *docid may be NULL. */
cx_status cx_database_add_document(cx_database *db, cx_document *doc, uint32_t *docid, char **error);
cx_status cx_database_delete_document_by_term(cx_database *db, const char *term, size_t term_len, char **error);
cx_status cx_database_delete_document(cx_database *db, uint32_t docid, char **error);
/* Commits; spelling frequencies pending from cx_database_add_spelling_of_document are written first. */
cx_status cx_database_commit(cx_database *db, char **error);
/* Adds each unprefixed term of `doc` (one not starting with A-Z) to the spelling data of `db` (writable), once
 * per position the term has in the document: for a document whose unprefixed text was indexed with positions,
 * exactly what a term generator with spelling enabled adds while indexing it. The counts are kept in the handle
 * and given to Xapian, one call per word, at the next commit or close (or destroy). */
cx_status cx_database_add_spelling_of_document(cx_database *db, cx_document *doc, char **error);
/* Spelling frequencies gathered from documents, apart from any database, to be added to one later: a
 * parallel indexer gathers them in each writer and adds them all once to the merged index. */
cx_status cx_spelling_create(cx_spelling **out, char **error);
void cx_spelling_destroy(cx_spelling *spelling);
/* Adds the words of `doc` as cx_database_add_spelling_of_document would. */
cx_status cx_spelling_add_document(cx_spelling *spelling, cx_document *doc, char **error);
/* How many distinct words `spelling` holds. */
size_t cx_spelling_word_count(const cx_spelling *spelling);
/* Moves every frequency of `spelling` into the pending spelling of `db` (writable), as if each of its documents
 * had been given to cx_database_add_spelling_of_document; `spelling` is left empty. */
cx_status cx_database_add_spelling_counts(cx_database *db, cx_spelling *spelling, char **error);
/* The spelling data: each word with its frequency (read with cx_termlist_next's count). */
cx_status cx_database_spellings(cx_database *db, cx_termlist **out, char **error);

/* ---- Synonyms (database.cpp) ---- */

/* The synonyms of `term` (a term, or several separated by single spaces), in byte order.
 * *out is a new handle the caller destroys. */
cx_status cx_database_synonyms(cx_database *db, const char *term, size_t term_len, cx_termlist **out, char **error);
/* Every term that has synonyms, in byte order. *out is a new handle the caller destroys. */
cx_status cx_database_synonym_keys(cx_database *db, cx_termlist **out, char **error);
/* Writable databases only: adds `synonym` to the synonyms of `term`; clears every synonym. */
cx_status cx_database_add_synonym(cx_database *db, const char *term, size_t term_len, const char *synonym,
                                  size_t synonym_len, char **error);
cx_status cx_database_clear_all_synonyms(cx_database *db, char **error);

/* ---- Term and posting lists (lists.cpp) ---- */

/* Advances to the next entry. *done is set when the list is exhausted (and nothing else is written).
 * Otherwise *term and *term_len borrow the term (valid until the next call or destroy), and *count receives the
 * entry's number: the term frequency for cx_database_allterms, the wdf for cx_document_termlist, 0 elsewhere.
 * `count` may be NULL. */
cx_status cx_termlist_next(cx_termlist *list, const char **term, size_t *term_len, uint32_t *count,
                           bool *done, char **error);
void cx_termlist_destroy(cx_termlist *list);

/* Advances to the next posting: *docid and *wdf (may be NULL), or *done when exhausted. */
cx_status cx_postlist_next(cx_postlist *list, uint32_t *docid, uint32_t *wdf, bool *done, char **error);
void cx_postlist_destroy(cx_postlist *list);

/* Advances to the next value: *docid and the borrowed *value and *value_len (valid until the next call or
 * destroy), or *done when exhausted. */
cx_status cx_valuelist_next(cx_valuelist *list, uint32_t *docid, const char **value, size_t *value_len,
                            bool *done, char **error);
void cx_valuelist_destroy(cx_valuelist *list);

/* ---- Documents (document.cpp) ---- */

cx_status cx_document_create(cx_document **out, char **error);
void cx_document_destroy(cx_document *doc);
cx_status cx_document_docid(cx_document *doc, uint32_t *out, char **error);
cx_status cx_document_set_data(cx_document *doc, const char *data, size_t data_len, char **error);
/* *out is malloc'd; release with cx_free. */
cx_status cx_document_get_data(cx_document *doc, char **out, size_t *out_len, char **error);
cx_status cx_document_add_value(cx_document *doc, uint32_t slot, const char *value, size_t value_len,
                                char **error);
/* The value in `slot` ("" when unset). *out is malloc'd; release with cx_free. */
cx_status cx_document_get_value(cx_document *doc, uint32_t slot, char **out, size_t *out_len, char **error);
cx_status cx_document_add_term(cx_document *doc, const char *term, size_t term_len, uint32_t wdf_inc,
                               char **error);
cx_status cx_document_add_boolean_term(cx_document *doc, const char *term, size_t term_len, char **error);
/* Removes `term` (and its positions). CX_ERR_INVALID_ARGUMENT when the document does not have it. */
cx_status cx_document_remove_term(cx_document *doc, const char *term, size_t term_len, char **error);
/* The document's terms with their wdf. *out is a new handle the caller destroys. */
cx_status cx_document_termlist(cx_document *doc, cx_termlist **out, char **error);

/* ---- Stemmers (stem.cpp) ---- */

/* A stemmer for a language name or code Xapian knows ("english", "en", "none"); CX_ERR_INVALID_ARGUMENT else. */
cx_status cx_stem_create(const char *language, size_t language_len, cx_stem **out, char **error);
void cx_stem_destroy(cx_stem *stem);
/* The stem of `word`. *out is malloc'd; release with cx_free. */
cx_status cx_stem_apply(cx_stem *stem, const char *word, size_t word_len, char **out, size_t *out_len,
                        char **error);
/* The languages Xapian's stemmers support, separated by single spaces. Static storage; never freed. */
const char *cx_stem_languages(void);

/* ---- Term generator (termgen.cpp) ---- */

/* Stemming strategies; the values are Xapian's TermGenerator::stem_strategy. */
typedef enum cx_stem_strategy {
    CX_STEM_NONE = 0,
    CX_STEM_SOME = 1,
    CX_STEM_ALL = 2,
    CX_STEM_ALL_Z = 3,
    CX_STEM_SOME_FULL_POS = 4
} cx_stem_strategy;

cx_status cx_termgen_create(cx_termgen **out, char **error);
void cx_termgen_destroy(cx_termgen *termgen);
/* The term generator keeps its own copy of the stemmer, which remembers the stems it gives (the same stems,
 * faster); `stem` may be destroyed afterwards, but must not be used by another thread while the term generator
 * is (the two share Xapian's stemmer). */
cx_status cx_termgen_set_stemmer(cx_termgen *termgen, cx_stem *stem, char **error);
cx_status cx_termgen_set_stemming_strategy(cx_termgen *termgen, cx_stem_strategy strategy, char **error);
/* Terms go to `doc`, which must outlive its use by the term generator (until the next set_document). */
cx_status cx_termgen_set_document(cx_termgen *termgen, cx_document *doc, char **error);
/* Indexes `text`: each word's wdf grows by wdf_inc; terms get `prefix` (length 0 for none). */
cx_status cx_termgen_index_text(cx_termgen *termgen, const char *text, size_t text_len, uint32_t wdf_inc,
                                const char *prefix, size_t prefix_len, char **error);
cx_status cx_termgen_index_text_without_positions(cx_termgen *termgen, const char *text, size_t text_len,
                                                  uint32_t wdf_inc, const char *prefix, size_t prefix_len,
                                                  char **error);
/* Also records the words of unprefixed text as spelling data in `db` (a writable database), from which the
 * query parser suggests corrections. The term generator keeps a reference to the database. */
cx_status cx_termgen_enable_spelling(cx_termgen *termgen, cx_database *db, char **error);
/* Moves the term position on, so that phrases do not match across the gap. */
cx_status cx_termgen_increase_termpos(cx_termgen *termgen, uint32_t delta, char **error);

/* ---- Queries (query.cpp) ---- */

/* Query operators; the values are Xapian's Query::op, plus the leaf kinds. */
typedef enum cx_query_op {
    CX_QUERY_AND = 0,
    CX_QUERY_OR = 1,
    CX_QUERY_AND_NOT = 2,
    CX_QUERY_XOR = 3,
    CX_QUERY_AND_MAYBE = 4,
    CX_QUERY_FILTER = 5,
    CX_QUERY_NEAR = 6,
    CX_QUERY_PHRASE = 7,
    CX_QUERY_VALUE_RANGE = 8,
    CX_QUERY_SCALE_WEIGHT = 9,
    CX_QUERY_ELITE_SET = 10,
    CX_QUERY_VALUE_GE = 11,
    CX_QUERY_VALUE_LE = 12,
    CX_QUERY_SYNONYM = 13,
    CX_QUERY_MAX = 14,
    CX_QUERY_WILDCARD = 15,
    CX_QUERY_INVALID = 99,
    CX_QUERY_LEAF_TERM = 100,
    CX_QUERY_LEAF_POSTING_SOURCE = 101,
    CX_QUERY_LEAF_MATCH_ALL = 102,
    CX_QUERY_LEAF_MATCH_NOTHING = 103
} cx_query_op;

/* A query for one term. */
cx_status cx_query_create_term(const char *term, size_t term_len, uint32_t wqf, uint32_t pos,
                               cx_query **out, char **error);
/* Combines `count` subqueries with `op` (AND, OR, AND_NOT, XOR, AND_MAYBE, FILTER, NEAR, PHRASE, ELITE_SET,
 * SYNONYM, MAX). `window` is for NEAR and PHRASE (0: the number of subqueries). The subqueries are copied. */
cx_status cx_query_create_combined(cx_query_op op, cx_query *const *subqueries, size_t count, uint32_t window,
                                   cx_query **out, char **error);
/* Matches documents whose value in `slot` lies in [low, high] compared as bytes; an empty `low` or `high`
 * leaves that end open. */
cx_status cx_query_create_value_range(uint32_t slot, const char *low, size_t low_len, const char *high,
                                      size_t high_len, cx_query **out, char **error);
/* `query` with its weight multiplied by `factor` (OP_SCALE_WEIGHT; factor >= 0). */
cx_status cx_query_create_scaled(cx_query *query, double factor, cx_query **out, char **error);
void cx_query_destroy(cx_query *query);
/* The operator at the top of the query, or the leaf kind. */
cx_status cx_query_op_get(cx_query *query, cx_query_op *out, char **error);
cx_status cx_query_subquery_count(cx_query *query, size_t *out, char **error);
/* Subquery n (0-based). *out is a new handle the caller destroys. */
cx_status cx_query_subquery(cx_query *query, size_t n, cx_query **out, char **error);
/* The query's terms in query-position order (duplicates removed only where Xapian does). */
cx_status cx_query_terms(cx_query *query, cx_termlist **out, char **error);
/* Xapian's description of the query, e.g. "Query((Zdrone@1 AND haifa@2))". *out is malloc'd. */
cx_status cx_query_description(cx_query *query, char **out, size_t *out_len, char **error);
/* True when the query is empty (matches nothing, as Xapian::Query()). */
cx_status cx_query_is_empty(cx_query *query, bool *out, char **error);
/* A copy of `query` where every term of an OP_SYNONYM that holds spaces (a several-word synonym from the
 * synonym table) is a phrase of its words. *out is a new handle the caller destroys. */
cx_status cx_query_phrase_spaced_terms(cx_query *query, cx_query **out, char **error);

/* ---- Query parser (queryparser.cpp) ---- */

/* Parser flags; the values are Xapian's QueryParser::feature_flag. */
enum {
    CX_QP_FLAG_BOOLEAN = 1,
    CX_QP_FLAG_PHRASE = 2,
    CX_QP_FLAG_LOVEHATE = 4,
    CX_QP_FLAG_BOOLEAN_ANY_CASE = 8,
    CX_QP_FLAG_WILDCARD = 16,
    CX_QP_FLAG_PURE_NOT = 32,
    CX_QP_FLAG_PARTIAL = 64,
    CX_QP_FLAG_SPELLING_CORRECTION = 128,
    CX_QP_FLAG_SYNONYM = 256,
    CX_QP_FLAG_AUTO_SYNONYMS = 512,
    CX_QP_FLAG_AUTO_MULTIWORD_SYNONYMS = 1024
};

cx_status cx_queryparser_create(cx_queryparser **out, char **error);
void cx_queryparser_destroy(cx_queryparser *parser);
/* The parser keeps its own copy of the stemmer. */
cx_status cx_queryparser_set_stemmer(cx_queryparser *parser, cx_stem *stem, char **error);
cx_status cx_queryparser_set_stemming_strategy(cx_queryparser *parser, cx_stem_strategy strategy, char **error);
/* The parser keeps a reference to the database (for wildcards and spelling): the handle `db` may be
 * destroyed afterwards. */
cx_status cx_queryparser_set_database(cx_queryparser *parser, cx_database *db, char **error);
/* The operator between words with no explicit one: CX_QUERY_AND or CX_QUERY_OR (others as Xapian allows). */
cx_status cx_queryparser_set_default_op(cx_queryparser *parser, cx_query_op op, char **error);
/* Words the parser drops from queries outside phrases: `count` NUL-terminated strings (copied). */
cx_status cx_queryparser_set_stopwords(cx_queryparser *parser, const char *const *words, size_t count,
                                       char **error);
/* `field:` in a query searches terms with `prefix` (free text). */
cx_status cx_queryparser_add_prefix(cx_queryparser *parser, const char *field, size_t field_len,
                                    const char *prefix, size_t prefix_len, char **error);
/* `field:` in a query filters on boolean terms with `prefix`. */
cx_status cx_queryparser_add_boolean_prefix(cx_queryparser *parser, const char *field, size_t field_len,
                                            const char *prefix, size_t prefix_len, char **error);
/* Like cx_queryparser_add_boolean_prefix, but the value is lower-cased first (`source:Reuters` finds the
 * term prefix + "reuters"), for filters whose terms are written in lower case. */
cx_status cx_queryparser_add_boolean_prefix_lowercase(cx_queryparser *parser, const char *field, size_t field_len,
                                                      const char *prefix, size_t prefix_len, char **error);
/* `field:GLOB` filters on the boolean terms with `prefix` whose rest matches GLOB as fnmatch(3) matches
 * with no flags (`*`, `?`, `[...]`; `*` also matches `/`), read from `db` when a query is parsed (the parser
 * keeps a reference: `db` may be destroyed afterwards). More than `limit` matching terms (0: no limit) is
 * CX_ERR_WILDCARD from cx_queryparser_parse, with the message "field:GLOB matches more than N terms". */
cx_status cx_queryparser_add_glob_prefix(cx_queryparser *parser, cx_database *db, const char *field,
                                         size_t field_len, const char *prefix, size_t prefix_len, uint32_t limit,
                                         char **error);
/* `field:low..high` (either end may be empty) matches documents whose value in `slot` lies in the range,
 * compared as bytes (Xapian's RangeProcessor with a prefix). */
cx_status cx_queryparser_add_range_prefix(cx_queryparser *parser, uint32_t slot, const char *field, size_t field_len,
                                          char **error);
/* A limit on how many terms one wildcard may expand to (0: no limit); past it, parsing succeeds and
 * running the query fails with CX_ERR_WILDCARD. */
cx_status cx_queryparser_set_max_expansion(cx_queryparser *parser, uint32_t max_expansion, char **error);
/* Parses `text` with CX_QP_FLAG_* `flags`. A syntax error is CX_ERR_QUERY_PARSER with Xapian's message. */
cx_status cx_queryparser_parse(cx_queryparser *parser, const char *text, size_t text_len, unsigned flags,
                               cx_query **out, char **error);

/* After a parse with CX_QP_FLAG_SPELLING_CORRECTION: the query with misspelt words corrected from the
 * database's spelling data, or "" when nothing needed correcting. *out is malloc'd. */
cx_status cx_queryparser_corrected_query(cx_queryparser *parser, char **out, size_t *out_len, char **error);

/* ---- Enquire and match sets (enquire.cpp) ---- */

/* The enquire keeps a reference to the database: the handle `db` may be destroyed afterwards. */
cx_status cx_enquire_create(cx_database *db, cx_enquire **out, char **error);
void cx_enquire_destroy(cx_enquire *enquire);
/* The query is copied. */
cx_status cx_enquire_set_query(cx_enquire *enquire, cx_query *query, char **error);
/* Ranks with BM25 (Xapian::BM25Weight) and these parameters. */
cx_status cx_enquire_set_weighting_bm25(cx_enquire *enquire, double k1, double k2, double k3, double b,
                                        double min_normlen, char **error);
/* Divergence-from-randomness schemes of Xapian 1.4 that take one parameter, c (how strongly a term's
 * within-document frequency is normalised by the document's length). */
typedef enum cx_dfr_scheme {
    CX_DFR_INEB2 = 0, /* Xapian::IneB2Weight */
    CX_DFR_BB2 = 1,   /* Xapian::BB2Weight */
    CX_DFR_IFB2 = 2,  /* Xapian::IfB2Weight */
    CX_DFR_INL2 = 3,  /* Xapian::InL2Weight */
    CX_DFR_PL2 = 4    /* Xapian::PL2Weight */
} cx_dfr_scheme;
/* Ranks with a divergence-from-randomness scheme and its parameter c (> 0; CX_ERR_INVALID_ARGUMENT otherwise). */
cx_status cx_enquire_set_weighting_dfr(cx_enquire *enquire, cx_dfr_scheme scheme, double c, char **error);
/* Shows at most `max` documents per value of `slot` (Xapian's collapse key); documents with no value in
 * the slot are never collapsed. Pass CX_NO_SLOT to turn collapsing off. */
#define CX_NO_SLOT 0xFFFFFFFFu
cx_status cx_enquire_set_collapse_key(cx_enquire *enquire, uint32_t slot, uint32_t max, char **error);
/* Orders matches by the value in `slot` (as bytes), largest first when `reverse`, relevance breaking ties;
 * CX_NO_SLOT restores ordering by relevance. */
cx_status cx_enquire_set_sort_by_value(cx_enquire *enquire, uint32_t slot, bool reverse, char **error);
/* Runs the query: up to `max_items` matches after skipping `first`, checking at least `check_at_least`
 * documents for the estimate. *out is a new handle the caller destroys. */
cx_status cx_enquire_get_mset(cx_enquire *enquire, uint32_t first, uint32_t max_items, uint32_t check_at_least,
                              cx_mset **out, char **error);
/* The `max_items` terms that best tell the documents `relevant` (`count` docids) apart from the rest of the
 * collection (Xapian's ESet over an RSet), best first; only terms starting with `prefix` are considered
 * (length 0: all), and terms of the current query are left out. *out is a new handle the caller destroys. */
cx_status cx_enquire_get_eset(cx_enquire *enquire, uint32_t max_items, const uint32_t *relevant, size_t count,
                              const char *prefix, size_t prefix_len, cx_eset **out, char **error);
void cx_eset_destroy(cx_eset *eset);
cx_status cx_eset_size(cx_eset *eset, uint32_t *out, char **error);
/* Term `index` and its expansion weight; *term is borrowed until the handle is destroyed. */
cx_status cx_eset_item(cx_eset *eset, uint32_t index, const char **term, size_t *term_len, double *weight,
                       char **error);

/* The terms of the current query that index the document, in query order. *out is a new handle. */
cx_status cx_enquire_matching_terms(cx_enquire *enquire, uint32_t docid, cx_termlist **out, char **error);

/* Counts the values in `slot` among every document the next matches see (Xapian's ValueCountMatchSpy);
 * documents with no value there are not counted. To count every match, not just those needed for the
 * page, run the match with check_at_least at least the database's document count. Adding a slot twice
 * is fine (one spy). */
cx_status cx_enquire_add_value_count(cx_enquire *enquire, uint32_t slot, char **error);
/* After cx_enquire_get_mset: the values counted in `slot`, in byte order, each with its count in the
 * termlist's count column. CX_ERR_INVALID_ARGUMENT if no count was added for the slot. *out is a new handle. */
cx_status cx_enquire_value_counts(cx_enquire *enquire, uint32_t slot, cx_termlist **out, char **error);

/* How each of the `count` documents `docids` gets its weight from `query`, under the enquire's weighting
 * scheme: one part per weighted piece of the query (a term, or a synonym group or wildcard, which Xapian
 * weighs as one), each with the weight it adds to the document's score (scaled as OP_SCALE_WEIGHT scales it)
 * and, for a term, its wdf in the document. Pieces that do not weigh (the right side of FILTER and AND_NOT,
 * value ranges), pieces the document lacks, and pieces under a node it does not match (a word of a phrase that
 * is not there, the left side of an AND_NOT whose right side it has) are left out, so a document's weights add
 * up to its weight for `query` (0 parts when it does not match). Each piece is run alone, filtered by the
 * nodes above it that need not match where it does (AND, PHRASE, the right side of AND_MAYBE ...): one small
 * match per piece, for all the documents at once.
 * `filter` (may be NULL) narrows each piece's run, e.g. to the documents' unique-id terms, for speed: it
 * must match every document of `docids`. Parts come in piece order, and within a piece in the order of
 * `docids`. *out is a new handle the caller destroys. */
cx_status cx_enquire_explain(cx_enquire *enquire, cx_query *query, cx_query *filter, const uint32_t *docids,
                             size_t count, cx_explain **out, char **error);
void cx_explain_destroy(cx_explain *explain);
cx_status cx_explain_size(cx_explain *explain, uint32_t *out, char **error);
/* Part `index`: which document it is of (an index into the `docids` explained); the term (or Xapian's
 * description of a group), borrowed until the handle is destroyed; its weight; its wdf in the document (0 for
 * a group). `document`, `weight` and `wdf` may be NULL. */
cx_status cx_explain_item(cx_explain *explain, uint32_t index, uint32_t *document, const char **term,
                          size_t *term_len, double *weight, uint32_t *wdf, char **error);

void cx_mset_destroy(cx_mset *mset);
cx_status cx_mset_size(cx_mset *mset, uint32_t *out, char **error);
/* Estimated number of matches, with its lower and upper bounds. Any out-pointer may be NULL. */
cx_status cx_mset_matches(cx_mset *mset, uint32_t *estimated, uint32_t *lower, uint32_t *upper, char **error);
/* Item `index` (0-based within this match set): its docid, weight and rank (0-based in the whole result). */
cx_status cx_mset_item(cx_mset *mset, uint32_t index, uint32_t *docid, double *weight, uint32_t *rank,
                       char **error);
/* How many documents were collapsed into item `index` (a lower bound when the match stopped early). */
cx_status cx_mset_item_collapse_count(cx_mset *mset, uint32_t index, uint32_t *out, char **error);
/* The document of item `index`. *out is a new handle the caller destroys. */
cx_status cx_mset_document(cx_mset *mset, uint32_t index, cx_document **out, char **error);
/* Statistics of a query term as the match saw them (combined over all shards). */
cx_status cx_mset_termfreq(cx_mset *mset, const char *term, size_t term_len, uint32_t *out, char **error);
cx_status cx_mset_termweight(cx_mset *mset, const char *term, size_t term_len, double *out, char **error);

#ifdef __cplusplus
}
#endif

#endif /* CXAPIAN_H */
