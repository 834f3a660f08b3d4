// The C interface of CTOML.h over toml++ 3 (Debian's libtomlplusplus-dev).

#include "CTOML.h"

// Header-only: the parser is compiled into this file, so the binary needs no libtomlplusplus.so at run time
// (one shared library fewer to load at start-up). Syntax errors come back as a parse_result rather than as
// an exception, and the formatters (TOML/JSON/YAML writers) are left out: this interface only reads.
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 0
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <new>
#include <string>
#include <vector>

struct ctoml_document {
    // The parsed tree; the nodes' key and string pointers point into it (std::map nodes and the strings they
    // hold never move while the table lives).
    toml::table root;
    std::vector<ctoml_node> nodes;
    // Dates and times written out as text; a deque, so earlier strings stay put as later ones are added.
    std::deque<std::string> texts;
};

namespace {

char *copy(std::string_view text) {
    char *out = static_cast<char *>(std::malloc(text.size() + 1));
    if (!out) return nullptr;
    std::memcpy(out, text.data(), text.size());
    out[text.size()] = '\0';
    return out;
}

// Classifies the exception being handled (call only inside a catch block). Never throws.
ctoml_status fail(char **error) noexcept {
    ctoml_status status;
    const char *message;
    try {
        throw;
    } catch (const std::bad_alloc &) {
        status = CTOML_ERR_NO_MEMORY;
        message = "out of memory";
    } catch (const std::exception &e) {
        status = CTOML_ERR_UNKNOWN;
        message = e.what();
    } catch (...) {
        status = CTOML_ERR_UNKNOWN;
        message = "unknown error";
    }
    if (error) *error = copy(message);
    return status;
}

std::string two(int value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%02d", value);
    return buffer;
}

std::string text(const toml::date &date) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-", int(date.year));
    return buffer + two(date.month) + "-" + two(date.day);
}

std::string text(const toml::time &time) {
    std::string out = two(time.hour) + ":" + two(time.minute) + ":" + two(time.second);
    if (time.nanosecond != 0) {
        char buffer[16];
        std::snprintf(buffer, sizeof buffer, ".%09u", unsigned(time.nanosecond));
        std::string fraction = buffer;
        while (fraction.back() == '0') fraction.pop_back();
        out += fraction;
    }
    return out;
}

// Writes what `value` holds into `node`, except its children.
void describe(ctoml_document &document, const toml::node &value, ctoml_node &node) {
    const auto begin = value.source().begin;
    node.line = begin.line;
    node.column = begin.column;
    switch (value.type()) {
    case toml::node_type::table:
        node.kind = CTOML_TABLE;
        break;
    case toml::node_type::array:
        node.kind = CTOML_ARRAY;
        break;
    case toml::node_type::string: {
        const std::string &string = value.as_string()->get();
        node.kind = CTOML_STRING;
        node.string = string.c_str();
        node.string_length = string.size();
        break;
    }
    case toml::node_type::integer:
        node.kind = CTOML_INTEGER;
        node.integer = value.as_integer()->get();
        break;
    case toml::node_type::floating_point:
        node.kind = CTOML_FLOAT;
        node.floating = value.as_floating_point()->get();
        break;
    case toml::node_type::boolean:
        node.kind = CTOML_BOOLEAN;
        node.boolean = value.as_boolean()->get();
        break;
    case toml::node_type::date: {
        const toml::date date = value.as_date()->get();
        node.kind = CTOML_DATE;
        node.year = date.year;
        node.month = date.month;
        node.day = date.day;
        document.texts.push_back(text(date));
        break;
    }
    case toml::node_type::time: {
        const toml::time time = value.as_time()->get();
        node.kind = CTOML_TIME;
        node.hour = time.hour;
        node.minute = time.minute;
        node.second = time.second;
        node.nanosecond = int32_t(time.nanosecond);
        document.texts.push_back(text(time));
        break;
    }
    case toml::node_type::date_time: {
        const toml::date_time moment = value.as_date_time()->get();
        node.kind = CTOML_DATE_TIME;
        node.year = moment.date.year;
        node.month = moment.date.month;
        node.day = moment.date.day;
        node.hour = moment.time.hour;
        node.minute = moment.time.minute;
        node.second = moment.time.second;
        node.nanosecond = int32_t(moment.time.nanosecond);
        std::string written = text(moment.date) + "T" + text(moment.time);
        if (moment.offset) {
            const int minutes = moment.offset->minutes;
            node.has_offset = true;
            node.offset_minutes = minutes;
            if (minutes == 0) {
                written += "Z";
            } else {
                const int magnitude = minutes < 0 ? -minutes : minutes;
                written += (minutes < 0 ? "-" : "+") + two(magnitude / 60) + ":" + two(magnitude % 60);
            }
        }
        document.texts.push_back(std::move(written));
        break;
    }
    case toml::node_type::none:
        break;
    }
    if (node.kind >= CTOML_DATE) {
        node.string = document.texts.back().c_str();
        node.string_length = document.texts.back().size();
    }
}

// Lays out the children of nodes[index] (which is `value`) as consecutive nodes, then theirs, depth first.
// The vector grows as it goes, so nodes are reached by index, never kept by reference across a growth.
void add_children(ctoml_document &document, size_t index, const toml::node &value) {
    std::vector<const toml::node *> children;
    std::vector<const toml::key *> keys;
    if (const toml::table *table = value.as_table()) {
        for (auto &&[key, child] : *table) {
            keys.push_back(&key);
            children.push_back(&child);
        }
    } else if (const toml::array *array = value.as_array()) {
        for (const toml::node &child : *array) children.push_back(&child);
    } else {
        return;
    }
    const size_t first = document.nodes.size();
    document.nodes.resize(first + children.size(), ctoml_node{});
    document.nodes[index].first_child = first;
    document.nodes[index].child_count = children.size();
    for (size_t i = 0; i < children.size(); i++) {
        ctoml_node &node = document.nodes[first + i];
        if (!keys.empty()) {
            node.key = keys[i]->str().data();  // a view of the key's std::string: NUL-terminated
            node.key_length = keys[i]->str().size();
        }
        describe(document, *children[i], node);
    }
    for (size_t i = 0; i < children.size(); i++) add_children(document, first + i, *children[i]);
}

} // namespace

extern "C" {

ctoml_status ctoml_document_parse(const char *text, size_t length, ctoml_document **out,
                                  char **error, uint32_t *error_line, uint32_t *error_column) {
    try {
        toml::parse_result result = toml::parse(std::string_view(length == 0 ? "" : text, length));
        if (!result) {
            const toml::parse_error &mistake = result.error();
            // A message is one line wherever it is shown.
            std::string description(mistake.description());
            for (char &c : description) if (c == '\n' || c == '\r') c = ' ';
            if (error) *error = copy(description);
            if (error_line) *error_line = mistake.source().begin.line;
            if (error_column) *error_column = mistake.source().begin.column;
            return CTOML_ERR_SYNTAX;
        }
        auto document = std::make_unique<ctoml_document>();
        document->root = std::move(result).table();
        document->nodes.push_back(ctoml_node{});
        describe(*document, document->root, document->nodes[0]);
        add_children(*document, 0, document->root);
        *out = document.release();
        return CTOML_OK;
    } catch (...) {
        return fail(error);
    }
}

void ctoml_document_destroy(ctoml_document *document) {
    delete document;
}

const ctoml_node *ctoml_document_nodes(const ctoml_document *document, size_t *count) {
    *count = document->nodes.size();
    return document->nodes.data();
}

void ctoml_free(void *pointer) {
    std::free(pointer);
}

} // extern "C"
