#include "test_marks.h"

#include <imgui.h>

#include <string>
#include <unordered_map>

namespace htk::ui {
namespace {
std::unordered_map<std::string, MarkRect> g_marks[2];  // [0] this frame, [1] last frame
}

void BeginMarksFrame() {
    g_marks[1].swap(g_marks[0]);
    g_marks[0].clear();
}

void MarkItem(const char* id, const char* text) {
    ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    g_marks[0][id] = MarkRect{a.x, a.y, b.x - a.x, b.y - a.y, text ? text : "", ImGui::IsItemFocused()};
}

bool FindMark(const char* id, MarkRect* out) {
    for (auto& m : g_marks) {
        auto it = m.find(id);
        if (it != m.end()) {
            *out = it->second;
            return true;
        }
    }
    return false;
}

}  // namespace htk::ui
