#pragma once

#include <QString>
#include <QStringList>

namespace pw::model {

// The candidate closest to a misspelt word ("Retyr" -> "Retry"), or empty when none is
// close enough to be a likely typo.
QString closestMatch(const QString &word, const QStringList &candidates);

// " (did you mean 'X'?)" or empty, ready to append to a message.
QString didYouMean(const QString &word, const QStringList &candidates);

} // namespace pw::model
