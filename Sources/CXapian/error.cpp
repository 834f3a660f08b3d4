// The one place where C++ exceptions become status codes and messages.
#include "internal.h"

#include <new>
#include <stdexcept>

std::atomic<int64_t> cx::live_handles{0};

namespace {

// malloc'd copy of a message; NULL if even that allocation fails (the status still says what happened).
char *dup_message(const std::string &message) noexcept {
    char *copy = static_cast<char *>(std::malloc(message.size() + 1));
    if (copy != nullptr) {
        std::memcpy(copy, message.data(), message.size());
        copy[message.size()] = '\0';
    }
    return copy;
}

// A copy of a message in static storage, allocated without C++ (so it cannot throw).
char *dup_message_static(const char *message) noexcept {
    size_t length = std::strlen(message);
    char *copy = static_cast<char *>(std::malloc(length + 1));
    if (copy != nullptr) std::memcpy(copy, message, length + 1);
    return copy;
}

// Xapian's message, with the context and system error where Xapian gives them, since "Couldn't open" alone
// does not tell a user which file or why.
std::string describe(const Xapian::Error &e) {
    std::string message = e.get_msg();
    if (message.empty()) message = e.get_type();
    const std::string &context = e.get_context();
    if (!context.empty()) message += " (" + context + ")";
    if (const char *system = e.get_error_string()) {
        message += ": ";
        message += system;
    }
    return message;
}

cx_status report(char **error, cx_status status, const std::string &message) noexcept {
    if (error != nullptr) *error = dup_message(message);
    return status;
}

// Building a message allocates; if even that fails, a fixed message stands in (nothing may throw here).
template <typename E> cx_status report_xapian(char **error, cx_status status, const E &e) noexcept {
    try {
        return report(error, status, describe(e));
    } catch (...) {
        if (error != nullptr) *error = dup_message_static("out of memory while reporting a Xapian error");
        return status;
    }
}

} // namespace

cx_status cx::fail(char **error) noexcept {
    try {
        throw;
    }
    // Most derived classes first: DatabaseNotFoundError is a DatabaseOpeningError is a DatabaseError.
    catch (const Xapian::DatabaseNotFoundError &e) { return report_xapian(error, CX_ERR_DATABASE_NOT_FOUND, e); }
    catch (const Xapian::DatabaseVersionError &e) { return report_xapian(error, CX_ERR_DATABASE_VERSION, e); }
    catch (const Xapian::DatabaseOpeningError &e) { return report_xapian(error, CX_ERR_DATABASE_OPENING, e); }
    catch (const Xapian::DatabaseLockError &e) { return report_xapian(error, CX_ERR_DATABASE_LOCK, e); }
    catch (const Xapian::DatabaseModifiedError &e) { return report_xapian(error, CX_ERR_DATABASE_MODIFIED, e); }
    catch (const Xapian::DatabaseCorruptError &e) { return report_xapian(error, CX_ERR_DATABASE_CORRUPT, e); }
    catch (const Xapian::DatabaseCreateError &e) { return report_xapian(error, CX_ERR_DATABASE_CREATE, e); }
    catch (const Xapian::DatabaseClosedError &e) { return report_xapian(error, CX_ERR_DATABASE_CLOSED, e); }
    catch (const Xapian::DatabaseError &e) { return report_xapian(error, CX_ERR_DATABASE, e); }
    catch (const Xapian::DocNotFoundError &e) { return report_xapian(error, CX_ERR_DOC_NOT_FOUND, e); }
    catch (const Xapian::QueryParserError &e) { return report_xapian(error, CX_ERR_QUERY_PARSER, e); }
    catch (const Xapian::WildcardError &e) { return report_xapian(error, CX_ERR_WILDCARD, e); }
    catch (const Xapian::RangeError &e) { return report_xapian(error, CX_ERR_RANGE, e); }
    catch (const Xapian::NetworkError &e) { return report_xapian(error, CX_ERR_NETWORK, e); }
    catch (const Xapian::FeatureUnavailableError &e) { return report_xapian(error, CX_ERR_FEATURE_UNAVAILABLE, e); }
    catch (const Xapian::SerialisationError &e) { return report_xapian(error, CX_ERR_SERIALISATION, e); }
    catch (const Xapian::InvalidArgumentError &e) { return report_xapian(error, CX_ERR_INVALID_ARGUMENT, e); }
    catch (const Xapian::InvalidOperationError &e) { return report_xapian(error, CX_ERR_INVALID_OPERATION, e); }
    catch (const Xapian::UnimplementedError &e) { return report_xapian(error, CX_ERR_UNIMPLEMENTED, e); }
    catch (const Xapian::Error &e) { return report_xapian(error, CX_ERR_XAPIAN, e); }
    catch (const std::bad_alloc &) {
        if (error != nullptr) *error = dup_message_static("out of memory");
        return CX_ERR_NO_MEMORY;
    }
    catch (const std::exception &e) {
        if (error != nullptr) *error = dup_message_static(e.what());
        return CX_ERR_UNKNOWN;
    }
    catch (...) {
        if (error != nullptr) *error = dup_message_static("unknown C++ exception");
        return CX_ERR_UNKNOWN;
    }
}

void cx::copy_out(const std::string &bytes, char **out, size_t *out_len) {
    char *copy = static_cast<char *>(std::malloc(bytes.size() + 1));
    if (copy == nullptr) throw std::bad_alloc();
    if (!bytes.empty()) std::memcpy(copy, bytes.data(), bytes.size());
    copy[bytes.size()] = '\0';
    *out = copy;
    if (out_len != nullptr) *out_len = bytes.size();
}

extern "C" void cx_free(void *pointer) { std::free(pointer); }

extern "C" int64_t cx_live_handles(void) { return cx::live_handles.load(std::memory_order_relaxed); }

extern "C" const char *cx_version_string(void) {
    // Xapian::version_string() returns a pointer to static storage and does not throw.
    return Xapian::version_string();
}
