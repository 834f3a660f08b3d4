/*
 * CTOML: a C interface to the toml++ 3 parser (Debian: libtomlplusplus-dev), for reading TOML documents.
 * It knows TOML and nothing of what a document is for.
 *
 * A parsed document is a tree of plain C structs, `ctoml_node`, kept in one array that the document owns:
 * node 0 is the root table; the children of a table or an array are `child_count` consecutive nodes
 * starting at index `first_child`. Every node carries the line and column where its value begins.
 *
 * Conventions:
 *  - Every symbol is prefixed `ctoml_`.
 *  - Functions return a `ctoml_status`; results come back through out-parameters, written only on CTOML_OK.
 *  - `error` may be NULL. When it is not and the status is not CTOML_OK, `*error` receives a message
 *    allocated with malloc that the caller releases with `ctoml_free`.
 *  - Text goes in as pointer + length (need not be NUL-terminated; valid for the call only).
 *  - Everything a document hands out (nodes, keys, strings) is borrowed: valid until the document is destroyed.
 *  - No C++ exception ever leaves this interface.
 */
#ifndef CTOML_H
#define CTOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ctoml_status {
    CTOML_OK = 0,
    CTOML_ERR_SYNTAX,     /* the text is not valid TOML: see ctoml_document_parse */
    CTOML_ERR_NO_MEMORY,  /* std::bad_alloc */
    CTOML_ERR_UNKNOWN     /* any other C++ exception */
} ctoml_status;

typedef enum ctoml_kind {
    CTOML_TABLE = 0,
    CTOML_ARRAY,
    CTOML_STRING,
    CTOML_INTEGER,
    CTOML_FLOAT,
    CTOML_BOOLEAN,
    CTOML_DATE,       /* a local date: year, month, day */
    CTOML_TIME,       /* a local time: hour, minute, second, nanosecond */
    CTOML_DATE_TIME   /* date and time, with offset_minutes when has_offset */
} ctoml_kind;

typedef struct ctoml_node {
    ctoml_kind kind;
    /* The key naming this node in its parent table (UTF-8, key_length bytes, NUL-terminated); NULL for the root
       and for the elements of an array. */
    const char *key;
    size_t key_length;
    /* Where the value begins in the text, 1-based; 0 when toml++ does not know. */
    uint32_t line;
    uint32_t column;
    /* CTOML_TABLE and CTOML_ARRAY: the children, nodes [first_child, first_child + child_count) of the
       document. A table's children come in toml++'s order (by key); sort by line and column for file order. */
    size_t first_child;
    size_t child_count;
    /* CTOML_STRING: the value (UTF-8, string_length bytes, NUL-terminated; it may contain NUL: trust the length).
       Dates and times: the value as TOML text (e.g. "2024-02-01", "07:32:00", "1979-05-27T07:32:00Z"). */
    const char *string;
    size_t string_length;
    int64_t integer;   /* CTOML_INTEGER */
    double floating;   /* CTOML_FLOAT */
    bool boolean;      /* CTOML_BOOLEAN */
    /* CTOML_DATE and CTOML_DATE_TIME */
    int32_t year, month, day;
    /* CTOML_TIME and CTOML_DATE_TIME */
    int32_t hour, minute, second, nanosecond;
    /* CTOML_DATE_TIME */
    bool has_offset;
    int32_t offset_minutes;
} ctoml_node;

typedef struct ctoml_document ctoml_document;

/* Parses `text`. On CTOML_OK *out receives a document, released with ctoml_document_destroy.
   On CTOML_ERR_SYNTAX, *error (when not NULL) receives toml++'s description of the mistake (one line), and
   *error_line / *error_column (each may be NULL) where it is, 1-based. */
ctoml_status ctoml_document_parse(const char *text, size_t length, ctoml_document **out,
                                  char **error, uint32_t *error_line, uint32_t *error_column);

/* Releases a document and everything it handed out. NULL is fine. */
void ctoml_document_destroy(ctoml_document *document);

/* The document's nodes; node 0 is the root table. Never NULL for a parsed document; *count >= 1. */
const ctoml_node *ctoml_document_nodes(const ctoml_document *document, size_t *count);

/* Releases an error message. NULL is fine. */
void ctoml_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif /* CTOML_H */
