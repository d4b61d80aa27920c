#pragma once

#include <functional>

#include "engine/RunTypes.h"
#include "engine/output/SecretMasker.h"
#include "model/IdKey.h"
#include "model/Pipeline.h"
#include "model/Template.h"

#include <QHash>
#include <QJSEngine>
#include <QSet>
#include <QVariantMap>

#include <memory>
#include <optional>

namespace pw::engine {

// Evaluates a run's JavaScript expressions (`when.condition`, Verify conditions and the
// `{{ }}` in step specs) over the context of semantics.md, with one QJSEngine per run on
// the engine thread. Step states reach JavaScript lazily: only what changed since the last
// evaluation is converted, so a run of 10,000 steps pays nothing for steps nobody reads. The
// JavaScript engine itself is made at the first evaluation: a run without expressions (most
// short runs, the CLI benchmarks) never pays for one.
class RunExpressions
{
public:
    struct RunInfo
    {
        QString runId;
        QDateTime startedAt;
        QString pipelineId;
        QString pipelineName;
        QVariantMap inputs; // typed values
        QHash<QString, QString> secrets; // name -> value
    };
    RunExpressions(RunInfo info);

    // What varies from one evaluation to the next.
    struct Scope
    {
        QString stageId;
        int attempt = 0;
        std::optional<RunError> error; // in handlers and rollback steps
    };

    void stepChanged(const NodeState &state);
    void setVar(const QString &name, const QVariantMap &value);
    QVariantMap vars() const { return m_vars; }

    struct Result
    {
        QJSValue value;
        QString error; // "expression 'x.y' failed: TypeError: ..." when it did not evaluate
    };
    Result evaluate(const QString &expression, const Scope &scope);

    struct BoolResult
    {
        bool value = false;
        QString error;
    };
    BoolResult condition(const QString &expression, const Scope &scope);

    struct TextResult
    {
        QString text;
        QString error;
    };
    // Replaces every `{{ expr }}` by its value as text.
    TextResult expand(const QString &text, const Scope &scope);

    // A Shell command with every `{{ expr }}` replaced by a reference to an environment
    // variable that holds its value, written to fit where it stands (model/ShellContext.h):
    // the shell reads the value as data, exactly as it is, whatever it holds. `raw(expr)`
    // inserts the value itself, on purpose. In a quoted here-document, where nothing is
    // expanded, the value itself is written (it may not hold the line that ends the body).
    struct ShellCommand
    {
        QString text;
        QString error;
        QList<QPair<QString, QString>> variables; // PW_VALUE_<n> -> value
    };
    ShellCommand expandShellCommand(const QString &command, const Scope &scope);

    // Replaces every secret value by ***.
    QString mask(const QString &text) const;
    QVariantMap mask(const QVariantMap &map) const;
    const SecretMasker &masker() const { return m_masker; }


private:
    // Walks a template into `out`: literal text and raw() values as they are, every other
    // value through `insert` (its index among the expressions, the expression, the value as
    // text), which appends what stands for it or returns an error. Returns the first error.
    using Insert = std::function<QString(qsizetype, const QString &, const QString &)>;
    QString fill(const QString &text, const Scope &scope, QString &out, const Insert &insert);

    QJSEngine &js(); // made on first use, with the run's context
    void flushSteps();
    QJSValue compiled(const QString &expression, QString *error);
    QString toText(const QJSValue &value) const;

    RunInfo m_info;
    std::unique_ptr<QJSEngine> m_js; // first: every QJSValue below goes before it
    QJSValue m_steps;
    QJSValue m_varsObject;
    QJSValue m_context; // inputs, secrets, run, pipeline: fixed for the run
    QJSValue m_raw;
    QHash<QString, QJSValue> m_compiled;
    QHash<model::IdKey, NodeState> m_dirtySteps;
    QVariantMap m_vars;
    SecretMasker m_masker;
};

} // namespace pw::engine
