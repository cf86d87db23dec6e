#include "print_layout.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace htk {
namespace {

constexpr double kDigitPx = 7;       // Calibri 11's digit at 96 dpi, as Excel rounds it: one width unit
constexpr double kColumnPadPx = 5;   // a column w units wide is 7w + 5 px in Excel
// LibreOffice takes the digit unrounded (Carlito's, 7.43 px) and the stored
// width with its padding ((7w + 5) / 7 units): its columns are ~6 % wider.
// Text is fitted to Excel's narrower columns, pages to LibreOffice's wider.
constexpr double kPageDigitPx = 7.5;
constexpr double kInsetPx = 8;       // what a cell keeps free of text, both sides and the grid line
constexpr double kSparePx = 6;       // one-line cells: room for a bold font and other renderers' rounding
constexpr double kA4Short = 8.27, kA4Long = 11.69;  // inches
constexpr double kMarginLeftRight = 0.4, kMarginTopBottom = 0.6;
constexpr double kWidthFill = 0.96;  // of the printable width the columns may take
constexpr double kPageFill = 0.92;   // of the printable height the rows may take

double HalfEmPx(double pt) { return pt * 96.0 / 72.0 / 2.0; }

double PrintableWidthPx(bool landscape) {
    return ((landscape ? kA4Long : kA4Short) - 2 * kMarginLeftRight) * 96.0;
}
double PrintableHeightPt(bool landscape) {
    return ((landscape ? kA4Short : kA4Long) - 2 * kMarginTopBottom) * 72.0;
}

}  // namespace

// Counts the bytes that start a character (ASCII 1, any other 2), eight at a
// time: a 50,000-row export measures every cell, and wasm has no vectors here.
double HalfEms(std::string_view s) {
    constexpr uint64_t kHigh = 0x8080808080808080ull;
    size_t w = 0, i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t x;
        std::memcpy(&x, s.data() + i, 8);
        const uint64_t ascii = ~x & kHigh;           // 0xxxxxxx
        const uint64_t lead = x & (x << 1) & kHigh;  // 11xxxxxx
        w += size_t(__builtin_popcountll(ascii)) + 2 * size_t(__builtin_popcountll(lead));
    }
    for (; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        w += c < 0x80 ? 1 : c >= 0xC0 ? 2 : 0;
    }
    return double(w);
}

double TextPx(std::string_view s, double pt) { return HalfEms(s) * HalfEmPx(pt); }

double ColumnPx(double width) { return width * kDigitPx + kColumnPadPx; }

double PrintedColumnPx(double width) { return (width + kColumnPadPx / kDigitPx) * kPageDigitPx; }

double WidthFor(std::string_view s, double pt) {
    double longest = 0;  // the longest of its lines
    for (size_t start = 0;;) {
        const size_t nl = s.find('\n', start);
        longest = std::max(longest, TextPx(s.substr(start, nl == s.npos ? s.npos : nl - start), pt));
        if (nl == s.npos) break;
        start = nl + 1;
    }
    // LinesFor's line less one half-em, and room for a bold font.
    const double px = longest + HalfEmPx(pt) + kInsetPx + kSparePx;
    return std::ceil((px - kColumnPadPx) / kDigitPx * 4) / 4;  // quarter units
}

int LinesFor(std::string_view text, double width, double pt) {
    // Half-ems a line holds, less one: a 汉字 does not split at the line's end
    // (and a Latin word wraps whole, which the row's spare points absorb).
    const double usable = ColumnPx(width) - kInsetPx;
    const double per_line = std::max(1.0, std::floor(usable / HalfEmPx(pt)) - 1);
    int lines = 0;
    size_t start = 0;
    while (true) {
        const size_t nl = text.find('\n', start);
        const std::string_view line = text.substr(start, nl == std::string_view::npos ? text.npos : nl - start);
        lines += std::max(1, int(std::ceil(HalfEms(line) / per_line)));
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

double RowPoints(int lines, double pt) { return std::max(1, lines) * pt * 1.3 + 6; }

PageSetup PageFor(double total_px, bool landscape) {
    PageSetup p;
    p.landscape = landscape;
    const double fit = PrintableWidthPx(landscape) * kWidthFill / std::max(1.0, total_px);
    p.scale = std::clamp(int(std::floor(fit * 100)), 10, 100);
    p.body_points = PrintableHeightPt(landscape) * kPageFill * 100.0 / p.scale;
    return p;
}

double PrintableColumnsPx(bool landscape, int min_scale) {
    return PrintableWidthPx(landscape) * kWidthFill * 100.0 / min_scale;
}

std::vector<int> PageBreaks(const std::vector<double>& heights, const std::vector<bool>& keep_with_next,
                            int first_body, int repeat, double body_points) {
    std::vector<int> breaks;
    const int n = int(heights.size());
    const double repeat_h = repeat >= 0 && repeat < n ? heights[size_t(repeat)] : 0;
    auto keep = [&](int i) { return size_t(i) < keep_with_next.size() && keep_with_next[size_t(i)]; };
    double used = 0;
    for (int i = 0; i < std::min(first_body, n); ++i) used += heights[size_t(i)];
    bool body_on_page = false;  // a page is never left with only its header
    auto new_page = [&](int at) {
        breaks.push_back(at);
        used = at > repeat ? repeat_h : 0;
        body_on_page = false;
    };
    for (int i = std::max(0, first_body); i < n;) {
        int j = i;
        double unit = heights[size_t(i)];
        while (j + 1 < n && keep(j)) unit += heights[size_t(++j)];
        if (used + unit <= body_points) {
            used += unit;
            body_on_page = true;
            i = j + 1;
            continue;
        }
        if (body_on_page && repeat_h + unit <= body_points) {  // on the next page
            new_page(i);
            used += unit;
            body_on_page = true;
            i = j + 1;
            continue;
        }
        // A group taller than a page: row by row.
        for (int k = i; k <= j; ++k) {
            const double h = heights[size_t(k)];
            if (used + h > body_points && body_on_page) new_page(k);
            used += h;
            body_on_page = true;
        }
        i = j + 1;
    }
    return breaks;
}

void FitColumns(std::vector<double>& widths, double total, double min_width) {
    double sum = 0, widest = 0;
    for (double w : widths) sum += w, widest = std::max(widest, w);
    if (sum <= total) return;
    auto capped = [&](double cap) {
        double s = 0;
        for (double w : widths) s += w > cap ? std::max(cap, min_width) : w;
        return s;
    };
    double lo = min_width, hi = widest;
    for (int k = 0; k < 40; ++k) {
        const double mid = (lo + hi) / 2;
        (capped(mid) <= total ? lo : hi) = mid;
    }
    const double cap = std::floor(lo * 4) / 4;
    for (double& w : widths)
        if (w > cap) w = std::max(cap, min_width);
}

}  // namespace htk
