#pragma once

#include <QString>

#include <memory>

class QJSEngine;

namespace pw::model {

// Checks that JavaScript expressions parse, with QJSEngine, without running them. Owns a
// JS engine, so it lives in one thread and is worth keeping for many checks.
class ExpressionChecker
{
public:
    ExpressionChecker();
    ~ExpressionChecker();
    ExpressionChecker(const ExpressionChecker &) = delete;
    ExpressionChecker &operator=(const ExpressionChecker &) = delete;

    // Empty when `expression` parses; otherwise the engine's description of the error.
    QString syntaxError(const QString &expression);

private:
    std::unique_ptr<QJSEngine> m_engine;
};

} // namespace pw::model
