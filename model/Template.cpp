#include "Template.h"

#include <algorithm>

namespace pw::model {

bool ParsedTemplate::hasExpressions() const
{
    return std::any_of(parts.cbegin(), parts.cend(),
                       [](const TemplatePart &part) { return part.isExpression; });
}

ParsedTemplate parseTemplate(const QString &text)
{
    ParsedTemplate result;
    qsizetype position = 0;
    while (position < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), position);
        if (open < 0) {
            result.parts.append({false, text.mid(position)});
            break;
        }
        if (open > position)
            result.parts.append({false, text.mid(position, open - position)});
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            result.parts.clear();
            result.error = QStringLiteral("unterminated '{{' at character %1").arg(open + 1);
            return result;
        }
        const QString expression = text.mid(open + 2, close - open - 2).trimmed();
        if (expression.isEmpty()) {
            result.parts.clear();
            result.error = QStringLiteral("empty expression '{{ }}' at character %1").arg(open + 1);
            return result;
        }
        result.parts.append({true, expression});
        position = close + 2;
    }
    return result;
}

} // namespace pw::model
