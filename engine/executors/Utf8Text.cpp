#include "Utf8Text.h"

namespace pw::engine {
namespace {

bool isContinuationByte(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

} // namespace

qsizetype utf8CutBefore(QByteArrayView bytes, qsizetype limit)
{
    if (limit >= bytes.size())
        return bytes.size();
    // A UTF-8 sequence is at most 4 bytes: look back no further than 3 continuation bytes,
    // so that invalid input (a long run of them) is still cut near the limit.
    for (qsizetype cut = limit; cut > 0 && cut > limit - 4; --cut) {
        if (!isContinuationByte(bytes[cut]))
            return cut;
    }
    return limit;
}

QString utf8Prefix(QByteArrayView bytes, qsizetype maxBytes)
{
    return QString::fromUtf8(bytes.first(utf8CutBefore(bytes, maxBytes)));
}

} // namespace pw::engine
