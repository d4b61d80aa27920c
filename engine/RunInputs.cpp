#include "RunInputs.h"

#include "output/SecretMasker.h"

#include <cmath>

namespace pw::engine {

std::optional<QVariant> typedValue(model::InputType type, const QString &text)
{
    bool ok = false;
    switch (type) {
    case model::InputType::String: return QVariant(text);
    case model::InputType::Number: {
        const double value = text.trimmed().toDouble(&ok);
        // inf and nan parse, but have no place in expressions or the JSON report.
        if (!ok || !std::isfinite(value))
            return std::nullopt;
        return QVariant(value);
    }
    case model::InputType::Integer: {
        const qlonglong value = text.trimmed().toLongLong(&ok);
        return ok ? std::optional(QVariant(value)) : std::nullopt;
    }
    case model::InputType::Boolean:
        // The spellings the format accepts for defaults, so a file and a command agree.
        if (text == QLatin1String("true"))
            return QVariant(true);
        if (text == QLatin1String("false"))
            return QVariant(false);
        return std::nullopt;
    }
    return std::nullopt;
}

std::variant<QVariantMap, QString> typedInputs(const model::Pipeline &pipeline,
                                               const QStringList &arguments)
{
    QHash<QString, const model::Input *> declared;
    QStringList ids;
    for (const model::Input &input : pipeline.inputs) {
        declared.insert(input.id, &input);
        ids << input.id;
    }
    const QString known = ids.isEmpty()
                              ? QStringLiteral("the pipeline declares no inputs")
                              : QStringLiteral("inputs: ") + ids.join(QStringLiteral(", "));

    QVariantMap values;
    for (const QString &argument : arguments) {
        const qsizetype equals = argument.indexOf(u'=');
        if (equals < 0)
            return QStringLiteral("--input '%1': expected ID=VALUE").arg(argument);
        const QString id = argument.left(equals);
        const QString text = argument.mid(equals + 1);
        const model::Input *input = declared.value(id);
        if (!input)
            return QStringLiteral("--input '%1': no input named '%2' (%3)")
                .arg(argument, id, known);
        if (values.contains(id))
            return QStringLiteral("--input: '%1' is given more than once").arg(id);
        const auto value = typedValue(input->effectiveType(), text);
        if (!value) {
            return QStringLiteral("--input %1: '%2' is not a valid %3")
                .arg(id, text, model::toString(input->effectiveType()));
        }
        values.insert(id, *value);
    }

    QStringList missing;
    for (const model::Input &input : pipeline.inputs) {
        if (values.contains(input.id))
            continue;
        if (!input.defaultValue) {
            missing << input.id;
            continue;
        }
        // The validator has checked defaults; a bad one here would be a bug, not a usage error.
        values.insert(
            input.id,
            typedValue(input.effectiveType(), *input.defaultValue).value_or(*input.defaultValue));
    }
    if (!missing.isEmpty()) {
        return QStringLiteral("required input(s) not given: %1 (use --input ID=VALUE)")
            .arg(missing.join(QStringLiteral(", ")));
    }
    return values;
}

std::variant<QHash<QString, QString>, QStringList> readSecrets(
    const model::Pipeline &pipeline, const QProcessEnvironment &environment)
{
    QHash<QString, QString> secrets;
    QStringList missing;
    for (const QString &name : pipeline.secrets) {
        if (environment.contains(name))
            secrets.insert(name, environment.value(name));
        else
            missing << name;
    }
    if (!missing.isEmpty())
        return missing;
    return secrets;
}

QStringList secretsTooShortToMask(const QHash<QString, QString> &secrets)
{
    QStringList names;
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it) {
        if (!it.value().isEmpty() && it.value().size() < SecretMasker::kMinimumLength)
            names << it.key();
    }
    names.sort();
    return names;
}

} // namespace pw::engine
