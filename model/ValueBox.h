#pragma once

#include <memory>

namespace pw::model {

// An optional value held by pointer so that a type can contain itself (a failure action's
// follow-up action), yet copies and compares like a plain value.
template <typename T>
class ValueBox
{
public:
    ValueBox() = default;
    ValueBox(const T &value) : m_value(std::make_unique<T>(value)) {}
    ValueBox(const ValueBox &other) : m_value(other ? std::make_unique<T>(*other) : nullptr) {}
    ValueBox(ValueBox &&) noexcept = default;
    ValueBox &operator=(const ValueBox &other)
    {
        if (this != &other)
            m_value = other ? std::make_unique<T>(*other) : nullptr;
        return *this;
    }
    ValueBox &operator=(ValueBox &&) noexcept = default;
    ~ValueBox() = default;

    explicit operator bool() const { return m_value != nullptr; }
    const T &operator*() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T *operator->() const { return m_value.get(); }
    T *operator->() { return m_value.get(); }
    void reset() { m_value.reset(); }

    friend bool operator==(const ValueBox &a, const ValueBox &b)
    {
        if (!a || !b)
            return !a && !b;
        return *a == *b;
    }

private:
    std::unique_ptr<T> m_value;
};

} // namespace pw::model
