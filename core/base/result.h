#pragma once

#include "error.h"

#include <cassert>
#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

namespace genrescope::base {

/**
 * A value or an Error. Expected failures travel as values, never as exceptions across a public
 * entry point. Accessing value() of a failed Result (or error() of a good one) is a programming
 * error and throws std::logic_error, so a bug cannot silently read garbage.
 */
template <typename T>
class [[nodiscard]] Result
{
public:
    Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() &
    {
        check(true);
        return std::get<0>(m_v);
    }
    const T &value() const &
    {
        check(true);
        return std::get<0>(m_v);
    }
    T &&value() &&
    {
        check(true);
        return std::get<0>(std::move(m_v));
    }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const
    {
        check(false);
        return std::get<1>(m_v);
    }

    T valueOr(T fallback) const & { return ok() ? std::get<0>(m_v) : std::move(fallback); }

private:
    void check(bool wantValue) const
    {
        if (ok() != wantValue)
            throw std::logic_error(wantValue ? "Result::value() on an error: " + std::get<1>(m_v).toString()
                                             : "Result::error() on a value");
    }
    std::variant<T, Error> m_v;
};

/** Result of an operation that yields nothing but may fail. */
template <>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const
    {
        if (!m_error)
            throw std::logic_error("Result::error() on success");
        return *m_error;
    }

private:
    std::optional<Error> m_error;
};

using Status = Result<void>;

inline Error makeError(ErrorCode code, std::string detail = {})
{
    return Error{code, std::move(detail)};
}

} // namespace genrescope::base

/** Propagate an error from an expression yielding Result<...> to the caller's Result. */
#define GS_TRY(expr)                                                                                         \
    do {                                                                                                     \
        auto gsTryResult_ = (expr);                                                                          \
        if (!gsTryResult_.ok())                                                                              \
            return gsTryResult_.error();                                                                     \
    } while (false)
