#include "RunExpressions.h"

#include "model/ShellContext.h"

#include <QJsonDocument>

#include <algorithm>

namespace pw::engine {
namespace {

const QString kRawMarker = QStringLiteral("__pipewrightRaw");

QJSValue errorObject(QJSEngine &js, const std::optional<RunError> &error)
{
    if (!error)
        return QJSValue(QJSValue::UndefinedValue);
    QJSValue object = js.newObject();
    object.setProperty(QStringLiteral("type"), model::toString(error->type));
    object.setProperty(QStringLiteral("message"), error->message);
    object.setProperty(QStringLiteral("step"), error->step);
    object.setProperty(QStringLiteral("stage"), error->stage.isEmpty() ? QJSValue(QJSValue::NullValue)
                                                                       : QJSValue(error->stage));
    return object;
}

} // namespace

RunExpressions::RunExpressions(RunInfo info) : m_info(std::move(info)), m_masker(m_info.secrets)
{
}

QJSEngine &RunExpressions::js()
{
    if (m_js)
        return *m_js;
    m_js = std::make_unique<QJSEngine>();
    QJSEngine &js = *m_js;
    m_steps = js.newObject();
    m_varsObject = js.newObject();
    for (auto it = m_vars.cbegin(); it != m_vars.cend(); ++it)
        m_varsObject.setProperty(it.key(), js.toScriptValue(it.value()));
    m_context = js.newObject();
    m_context.setProperty(QStringLiteral("inputs"), js.toScriptValue(m_info.inputs));
    QVariantMap secrets;
    for (auto it = m_info.secrets.cbegin(); it != m_info.secrets.cend(); ++it)
        secrets.insert(it.key(), it.value());
    m_context.setProperty(QStringLiteral("secrets"), js.toScriptValue(secrets));
    QJSValue run = js.newObject();
    run.setProperty(QStringLiteral("id"), m_info.runId);
    run.setProperty(QStringLiteral("startedAt"), m_info.startedAt.toString(Qt::ISODateWithMs));
    m_context.setProperty(QStringLiteral("run"), run);
    QJSValue pipeline = js.newObject();
    pipeline.setProperty(QStringLiteral("id"), m_info.pipelineId);
    pipeline.setProperty(QStringLiteral("name"), m_info.pipelineName);
    m_context.setProperty(QStringLiteral("pipeline"), pipeline);
    m_raw = js.evaluate(QStringLiteral("(function (value) { return { %1: String(value) }; })").arg(kRawMarker));
    return js;
}

void RunExpressions::stepChanged(const NodeState &state)
{
    m_dirtySteps.insert(state.id, state);
}

void RunExpressions::setVar(const QString &name, const QVariantMap &value)
{
    m_vars.insert(name, value);
    if (m_js) // otherwise js() converts every var when it is made
        m_varsObject.setProperty(name, m_js->toScriptValue(value));
}

void RunExpressions::flushSteps()
{
    QJSEngine &engine = js();
    for (const NodeState &state : std::as_const(m_dirtySteps)) {
        QJSValue step = engine.newObject();
        step.setProperty(QStringLiteral("status"), toString(state.status));
        step.setProperty(QStringLiteral("attempts"), state.attempts);
        step.setProperty(QStringLiteral("outputs"), engine.toScriptValue(state.outputs));
        if (state.error) {
            QJSValue error = engine.newObject();
            error.setProperty(QStringLiteral("type"), model::toString(state.error->type));
            error.setProperty(QStringLiteral("message"), state.error->message);
            step.setProperty(QStringLiteral("error"), error);
        } else {
            step.setProperty(QStringLiteral("error"), QJSValue(QJSValue::NullValue));
        }
        m_steps.setProperty(state.id, step);
    }
    m_dirtySteps.clear();
}

QJSValue RunExpressions::compiled(const QString &expression, QString *error)
{
    const auto found = m_compiled.constFind(expression);
    if (found != m_compiled.cend())
        return *found;
    // Compiled as a function of the context names, so an expression sees exactly the context
    // and each distinct expression is parsed once per run.
    const QJSValue constructor = js().globalObject().property(QStringLiteral("Function"));
    QJSValue function = constructor.callAsConstructor(
        {QJSValue(QStringLiteral("inputs")), QJSValue(QStringLiteral("secrets")),
         QJSValue(QStringLiteral("steps")), QJSValue(QStringLiteral("vars")),
         QJSValue(QStringLiteral("run")), QJSValue(QStringLiteral("pipeline")),
         QJSValue(QStringLiteral("stage")), QJSValue(QStringLiteral("attempt")),
         QJSValue(QStringLiteral("error")), QJSValue(QStringLiteral("raw")),
         QJSValue(QStringLiteral("return (") + expression + QStringLiteral("\n);"))});
    if (function.isError()) {
        *error = function.toString();
        return {};
    }
    m_compiled.insert(expression, function);
    return function;
}

RunExpressions::Result RunExpressions::evaluate(const QString &expression, const Scope &scope)
{
    flushSteps();
    QString error;
    QJSValue function = compiled(expression, &error);
    if (!error.isEmpty())
        return {{}, QStringLiteral("expression '%1' failed: %2").arg(expression, error)};
    QJSValue stage = js().newObject();
    stage.setProperty(QStringLiteral("id"), scope.stageId);
    const QJSValue value = function.call(
        {m_context.property(QStringLiteral("inputs")), m_context.property(QStringLiteral("secrets")),
         m_steps, m_varsObject, m_context.property(QStringLiteral("run")),
         m_context.property(QStringLiteral("pipeline")), stage, QJSValue(scope.attempt),
         errorObject(js(), scope.error), m_raw});
    if (value.isError())
        return {{}, QStringLiteral("expression '%1' failed: %2").arg(expression, mask(value.toString()))};
    return {value, {}};
}

RunExpressions::BoolResult RunExpressions::condition(const QString &expression, const Scope &scope)
{
    const Result result = evaluate(expression, scope);
    if (!result.error.isEmpty())
        return {false, result.error};
    return {result.value.toBool(), {}};
}

QString RunExpressions::toText(const QJSValue &value) const
{
    if (value.isUndefined() || value.isNull())
        return {};
    if (value.isString() || value.isNumber() || value.isBool())
        return value.toString();
    // Objects and lists read best as JSON (a whole outputs map, a list of names).
    const QJsonDocument json = QJsonDocument::fromVariant(value.toVariant());
    return json.isNull() ? value.toString() : QString::fromUtf8(json.toJson(QJsonDocument::Compact));
}

QString RunExpressions::fill(const QString &text, const Scope &scope, QString &out, const Insert &insert)
{
    if (!text.contains(QLatin1String("{{"))) {
        out = text;
        return {};
    }
    const model::ParsedTemplate parsed = model::parseTemplate(text);
    if (!parsed.error.isEmpty())
        return parsed.error;
    qsizetype index = 0; // of the expression among the expressions
    for (const model::TemplatePart &part : parsed.parts) {
        if (!part.isExpression) {
            out += part.text;
            continue;
        }
        const qsizetype expression = index++;
        const Result result = evaluate(part.text, scope);
        if (!result.error.isEmpty())
            return result.error;
        if (result.value.isObject() && result.value.hasOwnProperty(kRawMarker)) {
            out += result.value.property(kRawMarker).toString();
            continue;
        }
        if (QString error = insert(expression, part.text, toText(result.value)); !error.isEmpty())
            return error;
    }
    return {};
}

RunExpressions::TextResult RunExpressions::expand(const QString &text, const Scope &scope)
{
    TextResult result;
    result.error = fill(text, scope, result.text, [&](qsizetype, const QString &, const QString &value) {
        result.text += value;
        return QString();
    });
    if (!result.error.isEmpty())
        result.text.clear();
    return result;
}

RunExpressions::ShellCommand RunExpressions::expandShellCommand(const QString &command, const Scope &scope)
{
    ShellCommand out;
    const QList<model::ShellPlace> places = command.contains(QLatin1String("{{"))
        ? model::shellPlaces(model::parseTemplate(command).parts)
        : QList<model::ShellPlace>();
    out.error = fill(command, scope, out.text, [&](qsizetype index, const QString &expression, const QString &value) {
        const model::ShellPlace &place = places[index];
        if (place.context == model::ShellContext::QuotedHereDocument) {
            // Nothing is expanded there, and nothing needs to be: only the end line matters.
            for (QString line : value.split(u'\n')) {
                while (line.startsWith(u'\t'))
                    line.remove(0, 1);
                if (line == place.hereDocumentEnd)
                    return QStringLiteral("the value of {{ %1 }} holds the line '%2', which would end its here-document")
                        .arg(expression, place.hereDocumentEnd);
            }
            out.text += value;
            return QString();
        }
        const QString name = QStringLiteral("PW_VALUE_%1").arg(out.variables.size() + 1);
        out.variables.append({name, value});
        const QString reference = u"${" + name + u'}';
        switch (place.context) {
        case model::ShellContext::Unquoted: out.text += u'"' + reference + u'"'; break;
        case model::ShellContext::SingleQuoted: out.text += u"'\"" + reference + u"\"'"; break;
        case model::ShellContext::DoubleQuoted:
        case model::ShellContext::HereDocument:
        case model::ShellContext::Comment:
        case model::ShellContext::QuotedHereDocument: out.text += reference; break;
        }
        return QString();
    });
    return out;
}

QString RunExpressions::mask(const QString &text) const
{
    return m_masker.mask(text);
}

QVariantMap RunExpressions::mask(const QVariantMap &map) const
{
    if (m_masker.isEmpty())
        return map;
    QVariantMap masked;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        if (it.value().typeId() == QMetaType::QString)
            masked.insert(it.key(), mask(it.value().toString()));
        else if (it.value().typeId() == QMetaType::QVariantMap)
            masked.insert(it.key(), mask(it.value().toMap()));
        else
            masked.insert(it.key(), it.value());
    }
    return masked;
}

} // namespace pw::engine
