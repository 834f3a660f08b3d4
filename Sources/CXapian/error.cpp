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

} // namespace

cx_status cx::fail(char **error) noexcept {
    try {
        throw;
    }
    // Most derived classes first: DatabaseNotFoundError is a DatabaseOpeningError is a DatabaseError.
    catch (const Xapian::DatabaseNotFoundError &e) { return report(error, CX_ERR_DATABASE_NOT_FOUND, describe(e)); }
    catch (const Xapian::DatabaseVersionError &e) { return report(error, CX_ERR_DATABASE_VERSION, describe(e)); }
    catch (const Xapian::DatabaseOpeningError &e) { return report(error, CX_ERR_DATABASE_OPENING, describe(e)); }
    catch (const Xapian::DatabaseLockError &e) { return report(error, CX_ERR_DATABASE_LOCK, describe(e)); }
    catch (const Xapian::DatabaseModifiedError &e) { return report(error, CX_ERR_DATABASE_MODIFIED, describe(e)); }
    catch (const Xapian::DatabaseCorruptError &e) { return report(error, CX_ERR_DATABASE_CORRUPT, describe(e)); }
    catch (const Xapian::DatabaseCreateError &e) { return report(error, CX_ERR_DATABASE_CREATE, describe(e)); }
    catch (const Xapian::DatabaseClosedError &e) { return report(error, CX_ERR_DATABASE_CLOSED, describe(e)); }
    catch (const Xapian::DatabaseError &e) { return report(error, CX_ERR_DATABASE, describe(e)); }
    catch (const Xapian::DocNotFoundError &e) { return report(error, CX_ERR_DOC_NOT_FOUND, describe(e)); }
    catch (const Xapian::QueryParserError &e) { return report(error, CX_ERR_QUERY_PARSER, describe(e)); }
    catch (const Xapian::WildcardError &e) { return report(error, CX_ERR_WILDCARD, describe(e)); }
    catch (const Xapian::RangeError &e) { return report(error, CX_ERR_RANGE, describe(e)); }
    catch (const Xapian::NetworkError &e) { return report(error, CX_ERR_NETWORK, describe(e)); }
    catch (const Xapian::FeatureUnavailableError &e) { return report(error, CX_ERR_FEATURE_UNAVAILABLE, describe(e)); }
    catch (const Xapian::SerialisationError &e) { return report(error, CX_ERR_SERIALISATION, describe(e)); }
    catch (const Xapian::InvalidArgumentError &e) { return report(error, CX_ERR_INVALID_ARGUMENT, describe(e)); }
    catch (const Xapian::InvalidOperationError &e) { return report(error, CX_ERR_INVALID_OPERATION, describe(e)); }
    catch (const Xapian::UnimplementedError &e) { return report(error, CX_ERR_UNIMPLEMENTED, describe(e)); }
    catch (const Xapian::Error &e) { return report(error, CX_ERR_XAPIAN, describe(e)); }
    catch (const std::bad_alloc &) { return report(error, CX_ERR_NO_MEMORY, "out of memory"); }
    catch (const std::exception &e) { return report(error, CX_ERR_UNKNOWN, e.what()); }
    catch (...) { return report(error, CX_ERR_UNKNOWN, "unknown C++ exception"); }
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
