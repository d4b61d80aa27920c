#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace pw::gui {

// The stages and step groups a user collapsed on the canvas, by id (ids survive edits that
// move elements; paths do not), remembered per file in the user's settings so that a big
// pipeline opens as it was left.
class CollapsedElements : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    // The file they belong to; empty (an untitled pipeline, a run): kept for the session only.
    Q_PROPERTY(QString filePath READ filePath WRITE setFilePath NOTIFY filePathChanged)
    Q_PROPERTY(QStringList ids READ ids NOTIFY idsChanged)

public:
    explicit CollapsedElements(QObject *parent = nullptr) : QObject(parent) {}

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    QStringList ids() const { return m_ids; }

    Q_INVOKABLE bool isCollapsed(const QString &id) const { return m_ids.contains(id); }
    Q_INVOKABLE void setCollapsed(const QString &id, bool collapsed);
    Q_INVOKABLE void toggle(const QString &id) { setCollapsed(id, !isCollapsed(id)); }

signals:
    void filePathChanged();
    void idsChanged();

private:
    QString settingsKey() const;

    QString m_filePath;
    QStringList m_ids;
};

} // namespace pw::gui
