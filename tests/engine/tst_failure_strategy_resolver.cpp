#include "engine/FailureStrategyResolver.h"

#include "model/Enums.h"

#include <QTest>

using pw::engine::FailureStrategyResolver;
using pw::engine::ResolvedFailureAction;
using pw::engine::StepPlacement;
using pw::engine::StrategyChain;
using pw::engine::StrategyLevel;
using pw::engine::StrategyOrigin;
using pw::model::ActionType;
using pw::model::ErrorType;
using pw::model::FailureAction;
using pw::model::FailureStrategies;
using pw::model::FailureStrategy;

Q_DECLARE_METATYPE(pw::model::ErrorType)
Q_DECLARE_METATYPE(pw::model::ActionType)
Q_DECLARE_METATYPE(pw::model::FailureAction)
Q_DECLARE_METATYPE(pw::model::FailureStrategies)
Q_DECLARE_METATYPE(pw::engine::StrategyLevel)
Q_DECLARE_METATYPE(pw::engine::StepPlacement)

namespace {

FailureAction act(ActionType type)
{
    FailureAction action;
    action.type = type;
    return action;
}

FailureStrategy on(QList<ErrorType> errors, ActionType type)
{
    return FailureStrategy{errors, act(type)};
}

FailureStrategy onAll(ActionType type)
{
    return on({ErrorType::AllErrors}, type);
}

// QTest cannot print the model's enums (their toString returns QString), so they are
// compared by name, which also makes a failure readable.
QStringList names(const QList<ActionType> &types)
{
    QStringList result;
    for (ActionType type : types)
        result.append(pw::model::toString(type));
    return result;
}

constexpr StepPlacement kPlainStep{false, false};
constexpr StepPlacement kStepInGroup{true, false};
constexpr StepPlacement kRollbackStep{false, true};
constexpr StepPlacement kHandlerStepInGroup{true, true};

// The fixed shape every resolve row uses: step, inner group, outer group, stage, pipeline.
// Lists are passed by value in the row and chained here by pointer, as the scheduler does.
struct Levels
{
    FailureStrategies step, innerGroup, outerGroup, stage, pipeline;

    StrategyChain chain() const
    {
        return {{&step, StrategyLevel::Step, QStringLiteral("push")},
                {&innerGroup, StrategyLevel::StepGroup, QStringLiteral("inner")},
                {&outerGroup, StrategyLevel::StepGroup, QStringLiteral("outer")},
                {&stage, StrategyLevel::Stage, QStringLiteral("deploy")},
                {&pipeline, StrategyLevel::Pipeline, QStringLiteral("release")}};
    }
};

} // namespace

class TestFailureStrategyResolver : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data()
    {
        QTest::addColumn<FailureStrategies>("step");
        QTest::addColumn<FailureStrategies>("innerGroup");
        QTest::addColumn<FailureStrategies>("outerGroup");
        QTest::addColumn<FailureStrategies>("stage");
        QTest::addColumn<FailureStrategies>("pipeline");
        QTest::addColumn<StepPlacement>("placement");
        QTest::addColumn<ErrorType>("error");
        QTest::addColumn<ActionType>("action");
        QTest::addColumn<bool>("matched");
        QTest::addColumn<StrategyLevel>("level");
        QTest::addColumn<QString>("owner");
        QTest::addColumn<int>("index");

        const FailureStrategies none;
        const auto E = ErrorType::Timeout;
        const auto S = StrategyLevel::Step;
        const auto G = StrategyLevel::StepGroup;

        QTest::newRow("step level wins over group")
            << FailureStrategies{onAll(ActionType::Ignore)}
            << FailureStrategies{onAll(ActionType::Abort)}
            << none << none << none << kStepInGroup << E << ActionType::Ignore << true << S
            << QStringLiteral("push") << 0;
        QTest::newRow("innermost group wins over outer")
            << none << FailureStrategies{onAll(ActionType::RetryStepGroup)}
            << FailureStrategies{onAll(ActionType::Abort)} << none << none << kStepInGroup << E
            << ActionType::RetryStepGroup << true << G << QStringLiteral("inner") << 0;
        QTest::newRow("outer group when the inner has no match")
            << none << FailureStrategies{on({ErrorType::Unknown}, ActionType::Ignore)}
            << FailureStrategies{onAll(ActionType::StepGroupRollback)} << none << none
            << kStepInGroup << E << ActionType::StepGroupRollback << true << G
            << QStringLiteral("outer") << 0;
        QTest::newRow("stage when no step or group entry matches")
            << FailureStrategies{on({ErrorType::Unknown}, ActionType::Ignore)} << none << none
            << FailureStrategies{onAll(ActionType::StageRollback)}
            << FailureStrategies{onAll(ActionType::Abort)} << kPlainStep << E
            << ActionType::StageRollback << true << StrategyLevel::Stage
            << QStringLiteral("deploy") << 0;
        QTest::newRow("pipeline last") << none << none << none << none
                                       << FailureStrategies{onAll(ActionType::Abort)} << kPlainStep
                                       << E << ActionType::Abort << true << StrategyLevel::Pipeline
                                       << QStringLiteral("release") << 0;
        QTest::newRow("first matching entry in a list wins")
            << FailureStrategies{on({ErrorType::Unknown}, ActionType::Ignore),
                                 on({ErrorType::Connectivity, E}, ActionType::MarkAsSuccess),
                                 onAll(ActionType::Abort)}
            << none << none << none << none << kPlainStep << E << ActionType::MarkAsSuccess << true
            << S << QStringLiteral("push") << 1;
        QTest::newRow("AllErrors matches any type")
            << FailureStrategies{on({ErrorType::Unknown}, ActionType::Ignore),
                                 onAll(ActionType::ManualIntervention)}
            << none << none << none << none << kPlainStep << ErrorType::DelegateRestart
            << ActionType::ManualIntervention << true << S << QStringLiteral("push") << 1;
        QTest::newRow("no match anywhere: MarkAsFailure")
            << FailureStrategies{on({ErrorType::Unknown}, ActionType::Ignore)} << none << none
            << FailureStrategies{on({ErrorType::Verification}, ActionType::Abort)} << none
            << kPlainStep << E << ActionType::MarkAsFailure << false << S << QString() << 0;
        QTest::newRow("RetryStepGroup outside a group: MarkAsFailure")
            << none << none << none << FailureStrategies{onAll(ActionType::RetryStepGroup)} << none
            << kPlainStep << E << ActionType::MarkAsFailure << true << StrategyLevel::Stage
            << QStringLiteral("deploy") << 0;
        QTest::newRow("StepGroupRollback outside a group: MarkAsFailure")
            << none << none << none << none
            << FailureStrategies{onAll(ActionType::StepGroupRollback)}
            << kPlainStep << E << ActionType::MarkAsFailure << true << StrategyLevel::Pipeline
            << QStringLiteral("release") << 0;
        QTest::newRow("group action at stage level applies inside a group")
            << none << none << none << FailureStrategies{onAll(ActionType::StepGroupRollback)}
            << none << kStepInGroup << E << ActionType::StepGroupRollback << true
            << StrategyLevel::Stage << QStringLiteral("deploy") << 0;
        QTest::newRow("StageRollback in a rollback step: MarkAsFailure")
            << FailureStrategies{onAll(ActionType::StageRollback)} << none << none << none << none
            << kRollbackStep << E << ActionType::MarkAsFailure << true << S
            << QStringLiteral("push") << 0;
        QTest::newRow("PipelineRollback in a rollback step: MarkAsFailure")
            << none << none << none << FailureStrategies{onAll(ActionType::PipelineRollback)}
            << none
            << kRollbackStep << E << ActionType::MarkAsFailure << true << StrategyLevel::Stage
            << QStringLiteral("deploy") << 0;
        QTest::newRow("StepGroupRollback in a handler step in a group: MarkAsFailure")
            << none << FailureStrategies{onAll(ActionType::StepGroupRollback)} << none << none
            << none << kHandlerStepInGroup << E << ActionType::MarkAsFailure << true << G
            << QStringLiteral("inner") << 0;
        QTest::newRow("RetryStepGroup in a handler step in a group: MarkAsFailure")
            << FailureStrategies{onAll(ActionType::RetryStepGroup)} << none << none << none << none
            << kHandlerStepInGroup << E << ActionType::MarkAsFailure << true << S
            << QStringLiteral("push") << 0;
        QTest::newRow("Retry stays Retry in a rollback step")
            << FailureStrategies{onAll(ActionType::Retry)} << none << none << none << none
            << kRollbackStep << E << ActionType::Retry << true << S << QStringLiteral("push") << 0;
        QTest::newRow("Abort stays Abort in a handler step")
            << none << none << none << none << FailureStrategies{onAll(ActionType::Abort)}
            << kHandlerStepInGroup << E << ActionType::Abort << true << StrategyLevel::Pipeline
            << QStringLiteral("release") << 0;
    }
    void resolve()
    {
        QFETCH(FailureStrategies, step);
        QFETCH(FailureStrategies, innerGroup);
        QFETCH(FailureStrategies, outerGroup);
        QFETCH(FailureStrategies, stage);
        QFETCH(FailureStrategies, pipeline);
        QFETCH(StepPlacement, placement);
        QFETCH(ErrorType, error);
        QFETCH(ActionType, action);
        QFETCH(bool, matched);
        QFETCH(StrategyLevel, level);
        QFETCH(QString, owner);
        QFETCH(int, index);
        const Levels levels{step, innerGroup, outerGroup, stage, pipeline};

        const ResolvedFailureAction resolved =
            FailureStrategyResolver(levels.chain(), placement).resolve(error);
        QCOMPARE(toString(resolved.action.type), toString(action));
        QCOMPARE(resolved.origin.has_value(), matched);
        if (matched)
            QCOMPARE(*resolved.origin, (StrategyOrigin{level, owner, index}));
    }

    void skipsMissingLists()
    {
        const FailureStrategies stage{onAll(ActionType::Ignore)};
        const StrategyChain chain{{nullptr, StrategyLevel::Step, QStringLiteral("push")},
                                  {&stage, StrategyLevel::Stage, QStringLiteral("deploy")}};
        const FailureStrategyResolver resolver(chain, kPlainStep);
        const auto resolved = resolver.resolve(ErrorType::Unknown);
        QCOMPARE(toString(resolved.action.type), QStringLiteral("Ignore"));
        QCOMPARE(resolved.origin,
                 (StrategyOrigin{StrategyLevel::Stage, QStringLiteral("deploy"), 0}));

        const auto empty = FailureStrategyResolver({}, kPlainStep).resolve(ErrorType::Unknown);
        QCOMPARE(empty.action, FailureAction());
        QVERIFY(!empty.origin);
    }

    void keepsTheMatchedSpec()
    {
        FailureAction retry = act(ActionType::Retry);
        retry.retryCount = 3;
        retry.retryIntervals = {pw::model::Duration::fromMilliseconds(1000)};
        retry.onRetryFailure = act(ActionType::Ignore);
        const FailureStrategies step{FailureStrategy{{ErrorType::AllErrors}, retry}};
        const StrategyChain chain{{&step, StrategyLevel::Step, QStringLiteral("push")}};
        const FailureStrategyResolver resolver(chain, kPlainStep);
        const auto resolved = resolver.resolve(ErrorType::Timeout);
        QCOMPARE(resolved.action, retry);
        QVERIFY(!resolved.demotedFrom);
    }

    void followUpsObeyPlacement_data()
    {
        QTest::addColumn<FailureAction>("action");
        QTest::addColumn<StepPlacement>("placement");
        QTest::addColumn<FailureAction>("expected");

        FailureAction retryThenGroupRollback = act(ActionType::Retry);
        retryThenGroupRollback.retryCount = 2;
        retryThenGroupRollback.onRetryFailure = act(ActionType::StepGroupRollback);
        FailureAction retryThenFail = retryThenGroupRollback;
        retryThenFail.onRetryFailure = FailureAction();

        FailureAction askThenRollBack = act(ActionType::ManualIntervention);
        askThenRollBack.onTimeout = act(ActionType::StageRollback);
        FailureAction askThenFail = askThenRollBack;
        askThenFail.onTimeout = FailureAction();

        FailureAction retryGroupWithSpec = act(ActionType::RetryStepGroup);
        retryGroupWithSpec.retryCount = 2;
        retryGroupWithSpec.onRetryFailure = act(ActionType::Ignore);

        QTest::newRow("onRetryFailure group rollback outside a group")
            << retryThenGroupRollback << kPlainStep << retryThenFail;
        QTest::newRow("onRetryFailure group rollback inside a group")
            << retryThenGroupRollback << kStepInGroup << retryThenGroupRollback;
        QTest::newRow("onTimeout StageRollback in a rollback step")
            << askThenRollBack << kRollbackStep << askThenFail;
        QTest::newRow("onTimeout StageRollback in a normal step")
            << askThenRollBack << kPlainStep << askThenRollBack;
        QTest::newRow("demoted action drops its spec")
            << retryGroupWithSpec << kPlainStep << FailureAction();
    }
    void followUpsObeyPlacement()
    {
        QFETCH(FailureAction, action);
        QFETCH(StepPlacement, placement);
        QFETCH(FailureAction, expected);
        QCOMPARE(FailureStrategyResolver({}, placement).applyPlacementRules(action), expected);
    }

    void interventionDecisions_data()
    {
        QTest::addColumn<StepPlacement>("placement");
        QTest::addColumn<QList<ActionType>>("decisions");

        const QList<ActionType> everywhere = {
            ActionType::MarkAsSuccess, ActionType::Ignore,        ActionType::Retry,
            ActionType::Abort,         ActionType::StageRollback, ActionType::MarkAsFailure,
            ActionType::PipelineRollback};
        QTest::newRow("step in no group") << kPlainStep << everywhere;
        QTest::newRow("step in a group")
            << kStepInGroup
            << (everywhere + QList{ActionType::StepGroupRollback, ActionType::RetryStepGroup});
        const QList<ActionType> noRollback = {ActionType::MarkAsSuccess, ActionType::Ignore,
                                              ActionType::Retry, ActionType::Abort,
                                              ActionType::MarkAsFailure};
        QTest::newRow("rollback step") << kRollbackStep << noRollback;
        QTest::newRow("handler step in a group") << kHandlerStepInGroup << noRollback;
    }
    void interventionDecisions()
    {
        QFETCH(StepPlacement, placement);
        QFETCH(QList<ActionType>, decisions);
        QCOMPARE(names(FailureStrategyResolver({}, placement).allowedInterventionDecisions()),
                 names(decisions));
    }

    void describesTheOrigin_data()
    {
        QTest::addColumn<FailureStrategies>("stage");
        QTest::addColumn<StepPlacement>("placement");
        QTest::addColumn<QString>("text");

        const FailureStrategies rollBack{on({ErrorType::Unknown}, ActionType::Ignore),
                                         onAll(ActionType::StageRollback)};
        QTest::newRow("matched") << rollBack << kPlainStep
                                 << QStringLiteral("stage 'deploy' entry 2");
        QTest::newRow("demoted")
            << rollBack << kRollbackStep
            << QStringLiteral("stage 'deploy' entry 2 "
                              "(StageRollback not possible here, taken as MarkAsFailure)");
        QTest::newRow("no match") << FailureStrategies() << kPlainStep
                                  << QStringLiteral("no failure strategy matched");
    }
    void describesTheOrigin()
    {
        QFETCH(FailureStrategies, stage);
        QFETCH(StepPlacement, placement);
        QFETCH(QString, text);
        const StrategyChain chain{{&stage, StrategyLevel::Stage, QStringLiteral("deploy")}};
        const auto resolved = FailureStrategyResolver(chain, placement).resolve(ErrorType::Timeout);
        QCOMPARE(resolved.describeOrigin(), text);
    }
};

QTEST_GUILESS_MAIN(TestFailureStrategyResolver)
#include "tst_failure_strategy_resolver.moc"
