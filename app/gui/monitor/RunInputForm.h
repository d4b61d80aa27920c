#pragma once

#include "model/Pipeline.h"

#include <QString>
#include <QVariantList>
#include <QVariantMap>

#include <variant>

// The Run dialog's form: a field per declared input, the values given last time for the file
// (SettingsStore), and the text typed into a field checked and typed as the engine wants it.
namespace pw::gui::RunInputForm {

// One map per declared input: id, type ("string", "number", "integer", "boolean"),
// description, required, defaultValue, value (the one given last for `filePath`, or the
// default).
QVariantList fields(const model::Pipeline &pipeline, const QString &filePath);

// Empty when `text` is a value of `type` (a form field's type name); else what is wrong.
QString problemWith(const QString &type, const QString &text);

// Keeps the values given (input id -> text) for the next run of `filePath`.
void remember(const QString &filePath, const QVariantMap &given);

// Every declared input typed from the text given, or its default; else the first input that
// does not fit, said for a notification.
std::variant<QVariantMap, QString> typedInputs(const model::Pipeline &pipeline, const QVariantMap &given);

} // namespace pw::gui::RunInputForm
