#pragma once

#include "Duration.h"
#include "Enums.h"

#include <QList>
#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace pw::model {

// Ordered string map (env, headers): file order is kept so saving does not reshuffle.
using StringPairs = QList<std::pair<QString, QString>>;

struct ShellSpec
{
    QString command;
    std::optional<QString> shell; // unset: /bin/sh
    QString workingDir;
    StringPairs env;
    QList<std::pair<int, ErrorType>> exitCodes;
    std::optional<Duration> killGrace; // unset: 5s
    bool operator==(const ShellSpec &) const = default;
};

struct HttpSpec
{
    QString url;
    std::optional<QString> method; // unset: GET
    StringPairs headers;
    std::optional<QString> body;
    QList<int> expectStatus; // empty: any 2xx
    bool operator==(const HttpSpec &) const = default;
};

struct EchoSpec
{
    QString message;
    std::optional<LogLevel> level; // unset: INFO
    bool operator==(const EchoSpec &) const = default;
};

struct WaitSpec
{
    std::optional<Duration> duration; // required
    bool operator==(const WaitSpec &) const = default;
};

struct FailSpec
{
    QString message;
    std::optional<ErrorType> errorType; // unset: Unknown
    std::optional<int> succeedOnAttempt;
    bool operator==(const FailSpec &) const = default;
};

struct VerifySpec
{
    QString condition;
    QString message;
    bool operator==(const VerifySpec &) const = default;
};

struct ApprovalSpec
{
    QString message;
    QString approvers;
    bool operator==(const ApprovalSpec &) const = default;
};

// Alternatives are in StepType order, so the variant index is the step type.
using StepSpec = std::variant<ShellSpec, HttpSpec, EchoSpec, WaitSpec, FailSpec, VerifySpec,
                              ApprovalSpec>;

inline StepType stepTypeOf(const StepSpec &spec) { return static_cast<StepType>(spec.index()); }
StepSpec defaultSpecFor(StepType type);

} // namespace pw::model
