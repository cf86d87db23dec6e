// text_encoding.h — GB18030 and UTF-16 text as UTF-8.
//
// Spreadsheets saved as CSV on Chinese Windows are often GB18030 (GBK), and
// Excel's "Unicode text" is UTF-16. The GB18030 mapping comes from the C
// library's iconv (glibc natively, musl in wasm), read once into tables; the
// four-byte supplementary range is arithmetic (musl decodes it wrongly).
#pragma once

#include <string>
#include <string_view>

namespace htk {

enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16, kGb18030 };

const char* EncodingLabel(TextEncoding e);  // "UTF-8", "UTF-8（带 BOM）", "UTF-16", "GB18030"

// Decodes GB18030; on invalid input returns false and the byte offset.
bool DecodeGb18030(std::string_view bytes, std::string* utf8, size_t* bad_offset);
// Encodes UTF-8 text (invalid sequences become '?').
std::string EncodeGb18030(std::string_view utf8);

struct DecodedText {
    std::string utf8;
    TextEncoding encoding = TextEncoding::kUtf8;
    bool ok = false;
    std::string error;  // Chinese
};

// UTF-8 with or without BOM, UTF-16 with BOM, else GB18030.
DecodedText DecodeTextAuto(std::string_view bytes);

}  // namespace htk
