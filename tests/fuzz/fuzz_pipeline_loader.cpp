// libFuzzer target: the pipeline file loader (text checks, YAML syntax, reading, validation)
// on any bytes. Whatever it is given, it must return problems, never crash, hang or leak
// (ASan and UBSan watch), and a file it accepts must save to a text it accepts again.
#include "model/PipelineFile.h"
#include "model/PipelineWriter.h"
#include "model/Validator.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static QCoreApplication application(*argc, *argv); // the validator's JavaScript engine
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static pw::model::Validator validator;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const pw::model::LoadResult loaded = pw::model::loadPipeline(bytes, &validator);
    if (!loaded.pipeline || loaded.hasErrors())
        return 0;
    const QByteArray saved = pw::model::writePipeline(*loaded.pipeline);
    const pw::model::LoadResult again = pw::model::loadPipeline(saved, &validator);
    if (!again.pipeline || again.hasErrors())
        std::abort(); // a valid file saved into one that does not load
    return 0;
}
