// ledger_editor.cpp — the panel that edits one problem, with inline validation.
//
// The draft is a copy of the row. For a stored row, a field is written the
// moment it is left (or Enter is pressed) with a valid value: one history
// entry and one undo step per field, and nothing typed waits for a "save"
// button. A new row is stored as soon as every required field is valid
// (保存, Ctrl+S); until then it is a draft with its errors shown.

#include "ledger_ui.h"

#include "domain/problem_rules.h"
#include "domain/settings.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace htk::ui {
namespace {

const std::string* ErrorFor(const LedgerUi& L, ProblemField f) {
    if (!L.touched[size_t(f)] && !L.show_all_errors) return nullptr;
    for (const FieldError& e : L.draft_errors)
        if (e.field == f) return &e.message;
    return nullptr;
}

// Validates the draft; for a stored row writes `field` if it is now valid.
void Commit(LedgerUi& L, const Settings& s, ProblemField field) {
    L.touched[size_t(field)] = true;
    Problem check = L.draft;
    L.draft_errors = NormalizeAndValidate(check, L.campaign);
    if (!L.draft.id) return;  // a new row waits for 保存
    for (const FieldError& e : L.draft_errors)
        if (e.field == field) return;  // keep the typed text, show the error
    const Problem* stored = L.view.Find(L.draft.id);
    if (!stored) return;
    Problem after = *stored;
    after[field] = L.draft[field] = check[field];
    if (field == ProblemField::kStatus) after[ProblemField::kDoneDate] = check[ProblemField::kDoneDate];
    L.model.Update(after, MakeContext(s, "edit"));
    AfterWrite(L, false);
    // The store may fill 完成日期 when a problem is marked done.
    if (const Problem* now = L.view.Find(L.draft.id)) L.draft[ProblemField::kDoneDate] = (*now)[ProblemField::kDoneDate];
}

void Label(const LedgerUi& L, ProblemField f) {
    bool bad = ErrorFor(L, f) != nullptr;
    if (bad) ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
    ImGui::TextUnformatted(FieldInfo(f).label);
    if (FieldInfo(f).required) {
        ImGui::SameLine(0, 2);
        ImGui::TextColored(ImColor(kColorRed), "*");
    }
    if (bad) ImGui::PopStyleColor();
}

void ErrorLine(const LedgerUi& L, ProblemField f) {
    if (const std::string* e = ErrorFor(L, f)) ColoredTextWrapped(kColorRed, e->c_str());
}

void Mark(ProblemField f, const std::string& value) {
    std::string id = std::string("editor.") + FieldInfo(f).column;
    MarkItem(id.c_str(), value.c_str());
}

// A text field; commits when left after an edit. With `lines` > 1, a
// multi-line field of prose that wraps, `lines` high and growing with its
// text up to `max_lines`.
void TextField(LedgerUi& L, const Settings& s, ProblemField f, const char* hint, float lines = 1, float max_lines = 0) {
    Label(L, f);
    std::string& value = L.draft[f];
    std::string id = std::string("##") + FieldInfo(f).column;
    ImGui::SetNextItemWidth(-1);
    int shown_lines = 0;
    if (lines > 1) {
        WrappedTextField(id.c_str(), &value, -1, lines, std::max(lines, max_lines), &shown_lines);
    } else {
        ImGui::InputTextWithHint(id.c_str(), hint, &value);
    }
    Mark(f, value);
    if (shown_lines > 0) {  // for the tests: how many lines the text wraps to
        const std::string lines_id = std::string("editor.") + FieldInfo(f).column + ".lines";
        MarkItem(lines_id.c_str(), std::to_string(shown_lines).c_str());
    }
    if (DeactivatedAfterEdit()) Commit(L, s, f);
    ErrorLine(L, f);
}

// A choice among fixed words (问题类型, 问题性质).
void ChoiceField(LedgerUi& L, const Settings& s, ProblemField f, const std::vector<std::string>& options) {
    Label(L, f);
    std::string& value = L.draft[f];
    ImGui::SetNextItemWidth(-1);
    std::string id = std::string("##") + FieldInfo(f).column;
    const bool open = ImGui::BeginCombo(id.c_str(), value.empty() ? "请选择" : value.c_str());
    Mark(f, value);
    if (open) {
        for (const std::string& o : options) {
            if (ImGui::Selectable(o.c_str(), o == value)) {
                value = o;
                Commit(L, s, f);
            }
            std::string mark = std::string("editor.") + FieldInfo(f).column + ".option." + o;
            MarkItem(mark.c_str());
        }
        ImGui::EndCombo();
    }
    ErrorLine(L, f);
}

void DeadlineField(LedgerUi& L, const Settings& s, ProblemField f) {
    TextField(L, s, f, "例如 2022-06-15 或 2022年6月15日");
    const std::string& v = L.draft[f];
    if (!v.empty() && !ErrorFor(L, f)) {
        DateParse d = ParseDate(v, L.campaign.Year());
        static const char* kWeek[] = {"日", "一", "二", "三", "四", "五", "六"};
        if (d.ok) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s（星期%s）", FormatChinese(d.date).c_str(), kWeek[Weekday(d.date)]);
            ImGui::TextDisabled("%s", buf);
        }
    }
}

void UnitsField(LedgerUi& L, const Settings& s) {
    const ProblemField f = ProblemField::kRespUnits;
    TextField(L, s, f, "区直牵头单位，多个用“、”分隔");
    // Quick picks: the chosen area's lead units, then every district department.
    std::vector<std::string> picks;
    if (const Area* a = L.campaign.FindArea(L.draft[ProblemField::kArea])) picks = a->lead_units;
    if (ImGui::SmallButton("选择牵头单位…")) ImGui::OpenPopup("units");
    if (ImGui::BeginPopup("units")) {
        std::vector<std::string> all = picks;
        for (const std::string& d : L.campaign.departments)
            if (std::find(all.begin(), all.end(), d) == all.end()) all.push_back(d);
        for (const std::string& u : all) {
            std::string& v = L.draft[f];
            bool has = v.find(u) != std::string::npos;
            if (ImGui::MenuItem(u.c_str(), nullptr, has)) {
                if (!has) v = v.empty() ? u : v + "、" + u;
                Commit(L, s, f);
            }
        }
        ImGui::EndPopup();
    }
}

void StatusField(LedgerUi& L, const Settings& s) {
    Label(L, ProblemField::kStatus);
    bool first = true;
    for (ProblemStatus st : {ProblemStatus::kOpen, ProblemStatus::kInProgress, ProblemStatus::kDone}) {
        // On one line while they fit, the next one below when not (a narrow editor).
        const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(StatusLabel(st)).x;
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
        }
        first = false;
        if (ImGui::RadioButton(StatusLabel(st), L.draft.status() == st)) {
            const Problem before = L.draft;
            L.draft[ProblemField::kStatus] = StatusCode(st);
            FillDoneDate(before, L.draft, FormatIso(platform::Today()));
            Commit(L, s, ProblemField::kStatus);
        }
        std::string id = std::string("editor.status.") + StatusCode(st);
        MarkItem(id.c_str(), L.draft.status() == st ? "selected" : "");
    }
}

}  // namespace

bool SaveNewProblem(LedgerUi& L, const Settings& s) {
    Problem p = L.draft;
    L.draft_errors = NormalizeAndValidate(p, L.campaign);
    L.show_all_errors = true;
    if (!L.draft_errors.empty()) return false;
    int64_t id = L.model.Add(p, MakeContext(s, "edit"));
    L.editing = false;  // the draft is stored; nothing to flush
    SelectProblem(L, s, id);
    L.scroll_to_selected = true;
    ShowMessage(L, "已新增问题");
    return true;
}

void DrawLedgerEditor(LedgerUi& L, const Settings& s) {
    if (!L.editing) return;
    const bool is_new = L.draft.id == 0;
    ImGui::TextUnformatted(is_new ? "新增问题" : "编辑问题");
    if (!is_new) {
        Tooltip("每一项离开输入框（或按 Enter）即自动保存");
        ImGui::SameLine();
        if (ImGui::SmallButton("关闭 (Esc)")) CloseEditor(L, s);
        MarkItem("editor.close");
        ImGui::SameLine();
        ImGui::TextDisabled("自动保存");
    }
    ImGui::Separator();
    if (L.focus_editor) {
        ImGui::SetKeyboardFocusHere();
        L.focus_editor = false;
    }
    std::vector<std::string> areas;
    for (const Area& a : L.campaign.areas) areas.push_back(a.name);
    // What weeks 2-4 change most (整改状态, 完成时限) first, where a small
    // screen shows it without scrolling; a new problem starts at 问题表述.
    if (!is_new) {
        StatusField(L, s);
        if (L.draft.status() == ProblemStatus::kDone) DeadlineField(L, s, ProblemField::kDoneDate);
        DeadlineField(L, s, ProblemField::kDeadline);
    }
    TextField(L, s, ProblemField::kDescription, "", 3, 8);
    ChoiceField(L, s, ProblemField::kArea, areas);
    ChoiceField(L, s, ProblemField::kNature, L.campaign.natures);
    TextField(L, s, ProblemField::kMeasures, "", 3, 8);
    const std::string weak = WeakMeasureReason(L.draft[ProblemField::kMeasures]);
    if (!weak.empty() && !ErrorFor(L, ProblemField::kMeasures)) {
        ColoredTextWrapped(kColorYellow, weak.c_str());
        MarkItem("editor.measures.weak", weak.c_str());
    }
    if (is_new) DeadlineField(L, s, ProblemField::kDeadline);
    UnitsField(L, s);
    if (is_new) {
        StatusField(L, s);
        if (L.draft.status() == ProblemStatus::kDone) DeadlineField(L, s, ProblemField::kDoneDate);
    }

    if (is_new) {
        ImGui::Spacing();
        bool ok = ImGui::Button("保存新问题 (Ctrl+S)");
        MarkItem("editor.save");
        if (ok) SaveNewProblem(L, s);
        ImGui::SameLine();
        if (ImGui::Button("放弃 (Esc)")) CloseEditor(L, s);
        MarkItem("editor.discard");
        if (!L.draft_errors.empty()) ColoredTextWrapped(kColorRed, "还有必填项未填好，见上方红字。");
    }

    if (ImGui::CollapsingHeader("更多信息（责任领导、原因分析、进度、效果等）")) {
        TextField(L, s, ProblemField::kRespLeader, "");
        TextField(L, s, ProblemField::kCause, "", 2, 6);
        TextField(L, s, ProblemField::kProgress, "", 2, 6);
        TextField(L, s, ProblemField::kEffect, "", 2, 6);
        DeadlineField(L, s, ProblemField::kFoundDate);
        TextField(L, s, ProblemField::kTownship, "");
        TextField(L, s, ProblemField::kVillage, "");
        TextField(L, s, ProblemField::kReportingUnit, "");
    }
    if (!is_new && ImGui::CollapsingHeader("修改记录")) {
        // Read when shown: the history lives in SQLite, not in the view.
        for (const HistoryEntry& e : L.store.History(L.draft.id)) {
            ImGui::TextDisabled("%s  %s", e.changed_at.c_str(), e.actor.c_str());
            if (e.source == "conflict")  // a version that lost to a newer one (区级汇总)
                ImGui::TextWrapped("%s：另一版本为“%s”（较旧，未采用）", e.field.c_str(), e.new_value.c_str());
            else if (e.field == "新增" || (e.old_value.empty() && e.new_value.empty()))
                ImGui::TextWrapped("%s", e.field.c_str());
            else
                ImGui::TextWrapped("%s：%s → %s", e.field.c_str(), e.old_value.empty() ? "（空）" : e.old_value.c_str(),
                                   e.new_value.c_str());
        }
    }
    // Ctrl+S stores a new row (a stored row is already saved field by field).
    ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_S, false) && !InDisabledBlock()) {
        if (is_new) SaveNewProblem(L, s);
        else FlushDraft(L, s);
    }
}

}  // namespace htk::ui
