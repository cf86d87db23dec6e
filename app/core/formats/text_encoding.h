// text_encoding.h — GB18030 and UTF-16 text as UTF-8.
//
// Spreadsheets saved as CSV on Chinese Windows are often GB18030 (GBK), and
// Excel's "Unicode text" is UTF-16. The two-byte GB18030 codes come from the
// C library's iconv (glibc natively, musl in wasm), read once into a table.
// The four-byte codes follow from it: by the standard's construction they
// enumerate, in order, every BMP code point the one- and two-byte codes leave
// out (surrogates excepted), then the supplementary planes linearly. Asking
// musl for them is both slow (5 s for the BMP range) and wrong above U+FFFF.
#pragma once

#include <string>
#include <string_view>

namespace htk {

enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16, kGb18030 };

// Decodes GB18030; on invalid input returns false and the byte offset.
bool DecodeGb18030(std::string_view bytes, std::string* utf8, size_t* bad_offset);
// Encodes UTF-8 text (invalid sequences are encoded as U+FFFD).
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
