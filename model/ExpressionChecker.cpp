#include "ExpressionChecker.h"

#include <QJSEngine>

namespace pw::model {

ExpressionChecker::ExpressionChecker() = default;
ExpressionChecker::~ExpressionChecker() = default;

QString ExpressionChecker::syntaxError(const QString &expression)
{
    if (!m_engine) {
        m_engine = std::make_unique<QJSEngine>();
    }
    // The Function constructor compiles the body without calling it, and the text is passed
    // as a value, not pasted into our script: whatever the file holds never runs here.
    QJSValue compile = m_engine->globalObject().property(QStringLiteral("Function"));
    const QJSValue result = compile.callAsConstructor(
        {QJSValue(QStringLiteral("return (") + expression + QStringLiteral("\n);"))});
    if (!result.isError())
        return {};
    QString message = result.property(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = result.toString();
    return message;
}

} // namespace pw::model
