#include "RunInputForm.h"

#include "app/gui/SettingsStore.h"
#include "engine/RunInputs.h"

#include <QCoreApplication>

#include <optional>

namespace pw::gui::RunInputForm {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("RunInputForm", text);
}

QString settingsKey(const QString &filePath)
{
    // QSettings keys may not hold slashes.
    return QStringLiteral("RunInputs/") + QString(filePath).replace(u'/', u'|');
}

QString typeName(model::InputType type)
{
    switch (type) {
    case model::InputType::String: return QStringLiteral("string");
    case model::InputType::Number: return QStringLiteral("number");
    case model::InputType::Integer: return QStringLiteral("integer");
    case model::InputType::Boolean: return QStringLiteral("boolean");
    }
    return QStringLiteral("string");
}

std::optional<model::InputType> parseTypeName(const QString &text)
{
    for (model::InputType type : {model::InputType::String, model::InputType::Number, model::InputType::Integer,
                                  model::InputType::Boolean}) {
        if (typeName(type) == text)
            return type;
    }
    return std::nullopt;
}

} // namespace

QVariantList fields(const model::Pipeline &pipeline, const QString &filePath)
{
    QVariantList form;
    const QVariantMap last = SettingsStore::instance().value(settingsKey(filePath)).toMap();
    for (const model::Input &input : pipeline.inputs) {
        const QString defaultValue = input.defaultValue.value_or(QString());
        form << QVariantMap{{QStringLiteral("id"), input.id},
                            {QStringLiteral("type"), typeName(input.effectiveType())},
                            {QStringLiteral("description"), input.description},
                            {QStringLiteral("required"), !input.defaultValue.has_value()},
                            {QStringLiteral("defaultValue"), defaultValue},
                            {QStringLiteral("value"), last.value(input.id, defaultValue).toString()}};
    }
    return form;
}

QString problemWith(const QString &type, const QString &text)
{
    const auto parsed = parseTypeName(type);
    if (!parsed)
        return tr("unknown type %1").arg(type);
    if (engine::typedValue(*parsed, text))
        return {};
    switch (*parsed) {
    case model::InputType::Number: return tr("not a number");
    case model::InputType::Integer: return tr("not a whole number");
    case model::InputType::Boolean: return tr("true or false");
    case model::InputType::String: break;
    }
    return tr("not valid");
}

void remember(const QString &filePath, const QVariantMap &given)
{
    // Written only when changed: each write is a save of the whole file (off the GUI thread).
    SettingsStore &settings = SettingsStore::instance();
    if (settings.value(settingsKey(filePath)).toMap() != given)
        settings.setValue(settingsKey(filePath), given);
}

std::variant<QVariantMap, QString> typedInputs(const model::Pipeline &pipeline, const QVariantMap &given)
{
    QVariantMap typed;
    for (const model::Input &input : pipeline.inputs) {
        const QString text = given.contains(input.id) ? given.value(input.id).toString()
                                                      : input.defaultValue.value_or(QString());
        if (text.isEmpty() && !input.defaultValue && input.effectiveType() != model::InputType::String)
            return tr("Input %1 is required.").arg(input.id);
        const auto value = engine::typedValue(input.effectiveType(), text);
        if (!value)
            return tr("Input %1: %2").arg(input.id, problemWith(typeName(input.effectiveType()), text));
        typed.insert(input.id, *value);
    }
    return typed;
}

} // namespace pw::gui::RunInputForm
