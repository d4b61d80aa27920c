#pragma once

#include <QList>
#include <QString>

namespace pw::model {

// A string of a step's spec split into literal text and `{{ expression }}` parts. The
// validator checks the expressions parse; the engine evaluates them.
struct TemplatePart
{
    bool isExpression = false;
    QString text; // literal text, or the expression without braces, trimmed
    bool operator==(const TemplatePart &) const = default;
};

struct ParsedTemplate
{
    QList<TemplatePart> parts;
    QString error; // e.g. an unterminated '{{'; parts are empty then

    bool hasExpressions() const;
};

ParsedTemplate parseTemplate(const QString &text);

} // namespace pw::model
