#pragma once

#include "model/Pipeline.h"

#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>

class QLockFile;

namespace pw::gui {

// Where a document's unsaved changes are kept so that a crash loses at most a few seconds:
// <AppDataLocation>/autosave/<slot>.yaml with <slot>.json noting the file it belongs to.
// Each document writes its own slot and holds <slot>.lock (a QLockFile) while it lives; a slot
// left behind by a session that did not close cleanly is a leftover the next session offers to
// recover, but never the slot of a window that is still open (in this or another process).
class AutosaveStore
{
public:
    AutosaveStore(); // a fresh slot, unique to this document
    ~AutosaveStore();
    AutosaveStore(const AutosaveStore &) = delete;
    AutosaveStore &operator=(const AutosaveStore &) = delete;

    struct Leftover
    {
        QString yamlPath;
        QString originalPath; // empty: the document was untitled
        QDateTime savedAt;
    };

    // Writes atomically; the error says why when it fails.
    bool write(const model::Pipeline &pipeline, const QString &originalPath, QString &error);
    // Removes this document's slot (saved, closed cleanly, or replaced by another document).
    void remove();

    // The newest slot that is not this document's own.
    std::optional<Leftover> findLeftover() const;
    static void removeLeftover(const Leftover &leftover);

    static QString directory();

private:
    QString m_slot;
    std::unique_ptr<QLockFile> m_lock; // taken at the first write, released by remove()
};

} // namespace pw::gui
