#pragma once

#include "ElementPath.h"
#include "model/Pipeline.h"
#include "model/Problem.h"

#include <QList>
#include <QVariantMap>

// Values the user typed that the document could not take ("30 minutes" for a duration): kept,
// with why, until they are fixed, taken back or undone, so that the field still shows them
// and Problems lists them, whatever is selected meanwhile (issue 12: they used to vanish).
namespace pw::gui {

struct RejectedField
{
    QString path;   // the element
    QString nodeId; // its id when rejected: a path that now names another element drops it
    QString field;
    QString text;
    QString error;   // what setting it said: "timeout: '30 minutes' is not a duration ..."
    QString message; // complete, for Problems: "step 'a': timeout: ... (not applied: ...)"
};

class RejectedFields
{
public:
    void reject(RejectedField rejected); // replaces one for the same path and field
    bool discard(const QString &path, const QString &field); // whether there was one
    bool discardAll();
    // Drops those whose element is gone or is another one now (after a structural edit).
    bool discardStale(model::Pipeline &pipeline);

    // {text, error, message} for one field; empty when nothing is rejected there.
    QVariantMap at(const QString &path, const QString &field) const;
    model::Problems problems() const;
    bool isEmpty() const { return m_fields.isEmpty(); }

private:
    QList<RejectedField> m_fields;
};

// What to keep for `text` typed into `field` of `element` and refused with `error`.
RejectedField rejectedField(const ElementRef &element, const QString &path, const QString &field,
                            const QString &text, const QString &error);

} // namespace pw::gui
