import QtQuick
import QtQuick.Controls
import QtTest
import Pipewright
import PipewrightTest

// "Runs on": where an element's Shell steps run. What a step inherits shows greyed; choosing
// Slurm on the step gives it its own executor with resources, edited field by field and
// undone as one step each; choosing the default again inherits again.
TestCase {
    id: testCase
    name: "ExecutorSection"
    width: 420
    height: 3000
    when: windowShown
    visible: true

    Component {
        id: panelComponent
        PropertyPanel {
            width: 420
            height: 3000
        }
    }

    readonly property string pipelineText: "pipeline:\n"
        + "  id: cluster\n"
        + "  executor: {type: slurm, partition: batch, cpus: 2}\n"
        + "  stages:\n"
        + "    - stage:\n"
        + "        id: prepare\n"
        + "        steps:\n"
        + "          - step: {id: train, type: Shell, spec: {command: 'python train.py'}}\n"
        + "          - step: {id: note, type: Echo, spec: {message: hi}}\n"

    function init() {
        failOnWarning(/.*/)
    }

    function cleanupTestCase() {
        Fixture.release()
    }

    function openOn(stepId) {
        const document = Fixture.load(Fixture.writeFile("cluster.yaml", pipelineText))
        verify(document.hasPipeline)
        const panel = createTemporaryObject(panelComponent, testCase,
                                            {document: document, path: document.outline.pathOfNode(stepId)})
        return {document: document, panel: panel}
    }

    function typeInto(editor, text) {
        const input = editor.input
        input.forceActiveFocus()
        input.selectAll()
        keyClick(Qt.Key_Delete)
        for (const character of text)
            keyClick(character)
        keyClick(Qt.Key_Return)
    }

    function test_aStepShowsWhatItInherits() {
        const opened = openOn("train")
        const section = findChild(opened.panel, "executorSection")
        tryVerify(() => section.visible)
        const choice = findChild(section, "executorType")
        compare(choice.value, "")
        compare(choice.defaultText, "Inherited from the pipeline: Slurm · batch · 2 CPUs")
        verify(findChild(section, "inheritedExecutor").visible)
        verify(!findChild(section, "executorPartition").visible)
    }

    function test_onlyShellStepsHaveTheSection() {
        const opened = openOn("note")
        const section = findChild(opened.panel, "executorSection")
        verify(!section.visible)
    }

    function test_choosingSlurmGivesTheStepItsOwnResources() {
        const opened = openOn("train")
        const document = opened.document
        const section = findChild(opened.panel, "executorSection")
        tryVerify(() => section.visible)
        const choice = findChild(section, "executorType")
        const combo = choice.input
        // Pick "slurm" with the mouse: open the list, click the entry.
        mouseClick(combo)
        tryVerify(() => combo.popup.opened)
        const entry = combo.popup.contentItem.itemAtIndex(2)
        verify(entry)
        compare(entry.text, "slurm")
        mouseClick(entry)
        tryCompare(choice, "value", "slurm")
        verify(document.yamlText.indexOf("executor:\n                type: slurm") >= 0, document.yamlText)

        const partition = findChild(section, "executorPartition")
        tryVerify(() => partition.visible)
        typeInto(partition, "gpu")
        tryCompare(partition, "value", "gpu")
        const memory = findChild(section, "executorMemory")
        typeInto(memory, "8G")
        tryCompare(memory, "value", "8G")
        verify(document.yamlText.indexOf("partition: gpu") >= 0, document.yamlText)
        verify(document.yamlText.indexOf("memory: 8G") >= 0, document.yamlText)

        // A value Slurm would refuse reaches Problems, with the field named.
        typeInto(memory, "8GB")
        tryVerify(() => opened.panel.problems.some(p => p.message.indexOf("'8GB' is not a size") >= 0))

        // Each field's edits are one undo step (edits of one field in a row merge, as typing
        // does); undoing them all inherits again.
        document.undo()
        tryCompare(memory, "value", "")
        compare(partition.value, "gpu")
        document.undo()
        tryCompare(partition, "value", "")
        compare(choice.value, "slurm")
        document.undo()
        tryCompare(choice, "value", "")
        verify(document.yamlText.indexOf("gpu") < 0)
    }

    function test_theDefaultEntryInheritsAgain() {
        const opened = openOn("train")
        const document = opened.document
        verify(document.setField(opened.panel.elementPath, "executor.type", "local"))
        const section = findChild(opened.panel, "executorSection")
        const choice = findChild(section, "executorType")
        tryCompare(choice, "value", "local")
        verify(section.setExecutor(""))
        tryCompare(choice, "value", "")
        verify(document.yamlText.indexOf("type: local") < 0, document.yamlText)
    }
}
