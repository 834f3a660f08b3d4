// Query parser: the user's query string to a Xapian::Query.
#include "internal.h"

#include <fnmatch.h>

namespace {

// A boolean filter whose terms are stored lower-cased: the parser's default would keep the user's case.
class LowercaseFieldProcessor : public Xapian::FieldProcessor {
    std::string prefix;

  public:
    explicit LowercaseFieldProcessor(std::string p) : prefix(std::move(p)) {}

    Xapian::Query operator()(const std::string &value) override {
        return Xapian::Query(prefix + Xapian::Unicode::tolower(value));
    }
};

// A glob (`*`, `?`, `[...]`, as fnmatch(3) without flags, so `*` also matches `/`) over the values of
// boolean terms with a prefix: the matching terms, ORed. Xapian's own wildcards match only a trailing `*`,
// so the terms are listed here, starting from the glob's literal beginning to skip what cannot match.
class GlobFieldProcessor : public Xapian::FieldProcessor {
    Xapian::Database db;
    std::string field;
    std::string prefix;
    uint32_t limit;

  public:
    GlobFieldProcessor(Xapian::Database d, std::string f, std::string p, uint32_t l)
        : db(std::move(d)), field(std::move(f)), prefix(std::move(p)), limit(l) {}

    Xapian::Query operator()(const std::string &glob) override {
        std::string start = prefix + glob.substr(0, glob.find_first_of("*?[\\"));
        std::vector<std::string> terms;
        for (auto it = db.allterms_begin(start); it != db.allterms_end(start); ++it) {
            std::string term = *it;
            if (fnmatch(glob.c_str(), term.c_str() + prefix.size(), 0) != 0) continue;
            // Like a wildcard past its limit: an error, not a silent cut (the message names the glob).
            if (limit != 0 && terms.size() >= limit)
                throw Xapian::WildcardError(field + ":" + glob + " matches more than " + std::to_string(limit) +
                                            " terms");
            terms.push_back(std::move(term));
        }
        if (terms.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    }
};

} // namespace

extern "C" cx_status cx_queryparser_create(cx_queryparser **out, char **error) {
    try {
        *out = new cx_queryparser();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" void cx_queryparser_destroy(cx_queryparser *parser) {
    try {
        delete parser;
    } catch (...) {
    }
}

extern "C" cx_status cx_queryparser_set_stemmer(cx_queryparser *parser, cx_stem *stem, char **error) {
    try {
        parser->parser.set_stemmer(stem->stem);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_set_stemming_strategy(cx_queryparser *parser, cx_stem_strategy strategy,
                                                          char **error) {
    try {
        parser->parser.set_stemming_strategy(static_cast<Xapian::QueryParser::stem_strategy>(strategy));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_set_database(cx_queryparser *parser, cx_database *db, char **error) {
    try {
        parser->parser.set_database(*db->db);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_set_default_op(cx_queryparser *parser, cx_query_op op, char **error) {
    try {
        parser->parser.set_default_op(static_cast<Xapian::Query::op>(op));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_set_stopwords(cx_queryparser *parser, const char *const *words, size_t count,
                                                  char **error) {
    try {
        auto stopper = std::make_unique<Xapian::SimpleStopper>();
        for (size_t i = 0; i < count; ++i) stopper->add(words[i]);
        // release() hands ownership to Xapian's reference counting: the parser frees the stopper when it is
        // done with it, so the stopper outlives this call without the caller managing it.
        parser->parser.set_stopper(stopper.release()->release());
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_add_prefix(cx_queryparser *parser, const char *field, size_t field_len,
                                               const char *prefix, size_t prefix_len, char **error) {
    try {
        parser->parser.add_prefix(cx::str(field, field_len), cx::str(prefix, prefix_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_add_boolean_prefix(cx_queryparser *parser, const char *field, size_t field_len,
                                                       const char *prefix, size_t prefix_len, char **error) {
    try {
        parser->parser.add_boolean_prefix(cx::str(field, field_len), cx::str(prefix, prefix_len));
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_add_boolean_prefix_lowercase(cx_queryparser *parser, const char *field,
                                                                 size_t field_len, const char *prefix,
                                                                 size_t prefix_len, char **error) {
    try {
        // release() hands the processor to Xapian's reference counting; the parser frees it.
        auto processor = std::make_unique<LowercaseFieldProcessor>(cx::str(prefix, prefix_len));
        parser->parser.add_boolean_prefix(cx::str(field, field_len), processor.release()->release());
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_add_glob_prefix(cx_queryparser *parser, cx_database *db, const char *field,
                                                    size_t field_len, const char *prefix, size_t prefix_len,
                                                    uint32_t limit, char **error) {
    try {
        // release() hands the processor to Xapian's reference counting; the parser frees it.
        auto processor = std::make_unique<GlobFieldProcessor>(*db->db, cx::str(field, field_len),
                                                              cx::str(prefix, prefix_len), limit);
        parser->parser.add_boolean_prefix(cx::str(field, field_len), processor.release()->release());
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_add_range_prefix(cx_queryparser *parser, uint32_t slot, const char *field,
                                                     size_t field_len, char **error) {
    try {
        auto processor = std::make_unique<Xapian::RangeProcessor>(slot, cx::str(field, field_len) + ":");
        parser->parser.add_rangeprocessor(processor.release()->release());
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_set_max_expansion(cx_queryparser *parser, uint32_t max_expansion,
                                                      char **error) {
    try {
        // WILDCARD_LIMIT_ERROR makes an over-broad wildcard an error (Xapian::WildcardError when the query
        // runs) instead of a silent truncation, so the user learns the wildcard was too broad.
        parser->parser.set_max_expansion(max_expansion, Xapian::Query::WILDCARD_LIMIT_ERROR,
                                         Xapian::QueryParser::FLAG_WILDCARD);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_corrected_query(cx_queryparser *parser, char **out, size_t *out_len,
                                                    char **error) {
    try {
        cx::copy_out(parser->parser.get_corrected_query_string(), out, out_len);
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}

extern "C" cx_status cx_queryparser_parse(cx_queryparser *parser, const char *text, size_t text_len,
                                          unsigned flags, cx_query **out, char **error) {
    try {
        auto handle = std::make_unique<cx_query>();
        handle->query = parser->parser.parse_query(cx::str(text, text_len), flags);
        *out = handle.release();
        return CX_OK;
    } catch (...) {
        return cx::fail(error);
    }
}
