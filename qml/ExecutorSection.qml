import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Pipewright

// Where Shell steps run (pipeline-format.md "Executors"): this machine or a Slurm cluster,
// with the job's resources. An element that sets nothing shows, greyed, what it inherits
// from its stage, group or the pipeline.
PanelSection {
    id: section

    property PipelineDocument document
    property string path
    property var props: ({})

    readonly property var own: props.executor ?? null
    readonly property var inherited: props.inheritedExecutor ?? ({})
    readonly property string ownType: own ? (own.type ?? "") : ""
    readonly property string inheritedText: inherited.summary
                                            ? qsTr("Inherited from %1: %2").arg(inherited.from).arg(inherited.summary)
                                            : qsTr("This machine (default)")

    function setExecutor(type) {
        // "" unsets the element's own executor: it inherits again.
        return type === "" ? document.setField(path, "executor", null)
                           : document.setField(path, "executor.type", type)
    }

    title: qsTr("Runs on")
    iconName: "cluster"

    ChoiceField {
        objectName: "executorType"
        document: section.document
        path: section.path
        field: "executor.type"
        label: qsTr("Executor of Shell steps")
        value: section.ownType
        choices: ["local", "slurm"]
        defaultText: section.inheritedText
        commitHandler: value => section.setExecutor(value)
    }

    Label {
        objectName: "inheritedExecutor"
        visible: section.own === null
        text: section.inherited.summary
              ? qsTr("Set on %1. Choose an executor here to override it.").arg(section.inherited.from)
              : qsTr("Shell steps run as processes on this machine.")
        color: Theme.textMuted
        font.pixelSize: Theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    ColumnLayout {
        visible: section.ownType === "slurm"
        spacing: 8
        Layout.fillWidth: true

        FieldEditor {
            objectName: "executorPartition"
            document: section.document
            path: section.path
            field: "executor.partition"
            label: qsTr("Partition")
            value: section.own ? section.own.partition : ""
            placeholder: qsTr("the cluster's default")
            monospace: true
        }
        FieldEditor {
            objectName: "executorCpus"
            document: section.document
            path: section.path
            field: "executor.cpus"
            label: qsTr("CPUs per task")
            value: section.own && section.own.cpus !== null && section.own.cpus !== undefined
                   ? String(section.own.cpus) : ""
            placeholder: "1"
            monospace: true
        }
        FieldEditor {
            objectName: "executorMemory"
            document: section.document
            path: section.path
            field: "executor.memory"
            label: qsTr("Memory")
            value: section.own ? section.own.memory : ""
            placeholder: qsTr("e.g. 512M, 8G")
            monospace: true
        }
        DurationField {
            objectName: "executorTime"
            document: section.document
            path: section.path
            field: "executor.time"
            label: qsTr("Time limit")
            value: section.own ? section.own.time : ""
            hint: qsTr("Empty: the step's timeout, else none.")
        }
        FieldEditor {
            objectName: "executorAccount"
            document: section.document
            path: section.path
            field: "executor.account"
            label: qsTr("Account")
            value: section.own ? section.own.account : ""
            monospace: true
        }
        FieldEditor {
            objectName: "executorExtraArgs"
            document: section.document
            path: section.path
            field: "executor.extraArgs"
            label: qsTr("More sbatch options")
            value: section.own ? section.own.extraArgs.join(" ") : ""
            placeholder: "--gres=gpu:1 --qos=high"
            monospace: true
        }
        FieldEditor {
            objectName: "executorOutputDir"
            document: section.document
            path: section.path
            field: "executor.outputDir"
            label: qsTr("Job output folder (shared with the nodes)")
            value: section.own ? section.own.outputDir : ""
            placeholder: qsTr("beside the run store")
            monospace: true
        }
    }
}
