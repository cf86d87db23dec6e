#include "screening_ui.h"

#include "app_ui.h"
#include "domain/household_members.h"
#include "households_ui.h"
#include "ledger/ledger_ui.h"
#include "platform.h"
#include "rules/id_number.h"
#include "rules/text.h"
#include "test_marks.h"
#include "theme.h"
#include "keys.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace htk::ui {
namespace {

constexpr int kKeyUp = 38, kKeyDown = 40, kKey0 = 48;

bool Key(int code, bool repeat = false) { return DomKeyPressed(code, repeat); }

ImU32 ResultColor(ScreenResult r) {
    switch (r) {
        case ScreenResult::kOk: return kColorGreen;
        case ScreenResult::kProblem: return kColorRed;
        case ScreenResult::kNotApplicable: return kColorMuted;
        case ScreenResult::kUnchecked: break;
    }
    return kColorMuted;
}

void Load(ScreeningUi& S, const ScreeningTarget& t) {
    if (S.loaded && S.target.household_id == t.household_id && S.target.township == t.township &&
        S.target.village == t.village)
        return;
    S.target = t;
    S.entries = S.store.Load(t);
    S.loaded = true;
    S.cursor = 0;
    S.note.clear();
    S.last_problem = 0;
    S.counts_for = 0;
}

// Stores one point's entry for the target; 有问题 without a linked problem
// starts one in the ledger (an undoable ledger step) and links it.
void Commit(UiState& ui, ScreeningUi& S, const CheckPoint& point, ScreeningEntry e, const Household* h) {
    LedgerUi& L = *ui.ledger;
    e.point_id = point.id;
    e.checked_on = FormatIso(platform::Today());
    e.screener = ui.settings.contact_name;
    const Area* area = AreaOfPoint(L.campaign, point.id);
    if (e.result == ScreenResult::kProblem && e.problem_id == 0 && area) {
        Problem p = ProblemFromScreening(L.campaign, *area, point, h, S.target, e, platform::Today());
        p[ProblemField::kReportingUnit] = ui.settings.unit_name;
        e.problem_id = S.store.SetWithFinding(S.target, e, p, L.model, MakeContext(ui.settings, "screening"),
                                              platform::NowText());
        AfterWrite(L);
        S.last_problem = e.problem_id;
    } else {
        S.store.Set(S.target, e, platform::NowText());
    }
    if (e.result == ScreenResult::kUnchecked) S.entries.erase(point.id);
    else S.entries[point.id] = e;
    S.progress_dirty = true;
}

void SetResult(UiState& ui, ScreeningUi& S, const CheckPoint& point, ScreenResult result, const Household* h) {
    ScreeningEntry e = S.entries.count(point.id) ? S.entries[point.id] : ScreeningEntry{};
    e.result = result;
    if (!S.note.empty()) e.note = S.note;
    Commit(ui, S, point, e, h);
}

void OpenProblem(UiState& ui, int64_t id) {
    ui.section = Section::kLedger;
    SelectProblem(*ui.ledger, ui.settings, id);
    ui.ledger->scroll_to_selected = true;
}

std::string MemberLabel(const HouseholdMember& m, const MemberFacts& f) {
    std::string s = m.name;
    if (f.age >= 0) s += "（" + std::to_string(f.age) + " 岁";
    else s += "（年龄不详";
    return s;
}

// Under an area's title: the members it concerns, so that the official asks
// about the right people (the school-age children for 教育保障 …).
void ConcernedMembers(const Campaign& c, const Area& area, const std::vector<HouseholdMember>& members) {
    const MemberConcern concern = ConcernOfArea(c, area);
    if (concern == MemberConcern::kNone || members.empty()) return;
    const Date day = MemberFactsDay(c);
    const std::vector<size_t> who = MembersConcerned(members, concern, day);
    std::string line;
    if (concern == MemberConcern::kSchoolAge) {
        line = who.empty() ? "义务教育阶段（6–15 岁）：无" : "义务教育阶段（6–15 岁）：";
        for (size_t k = 0; k < who.size(); ++k) {
            const HouseholdMember& m = members[who[k]];
            line += (k ? "、" : "") + MemberLabel(m, FactsOf(m, day)) + (m.school.empty() ? "" : "，" + m.school) + "）";
        }
    } else if (concern == MemberConcern::kWorkingAge) {
        line = who.empty() ? "劳动年龄（男 16–59 岁、女 16–54 岁）：无" : "劳动年龄（男 16–59 岁、女 16–54 岁）：";
        for (size_t k = 0; k < who.size(); ++k) {
            const HouseholdMember& m = members[who[k]];
            std::string extra;
            if (!m.skill.empty()) extra += "，" + m.skill;
            if (!m.work_months.empty()) extra += "，务工 " + m.work_months + " 个月";
            line += (k ? "、" : "") + MemberLabel(m, FactsOf(m, day)) + extra + "）";
        }
    } else {
        line = "参保核对：全家 " + std::to_string(members.size()) + " 人";
        std::string uninsured, ill;
        for (const HouseholdMember& m : members) {
            if (NormalizeKey(m.medical_insurance) == "否" || NormalizeKey(m.illness_insurance) == "否")
                uninsured += (uninsured.empty() ? "" : "、") + m.name;
            if (!m.health.empty() && m.health != "健康") ill += (ill.empty() ? "" : "、") + m.name + "（" + m.health + "）";
        }
        if (!uninsured.empty()) line += "；名单显示未参保：" + uninsured;
        if (!ill.empty()) line += "；健康状况需关注：" + ill;
    }
    ImGui::Indent(ImGui::GetFontSize());
    ColoredTextWrapped(concern == MemberConcern::kEveryone ? kColorMuted : kColorGreen, line.c_str());
    ImGui::Unindent(ImGui::GetFontSize());
    char mark[40];
    std::snprintf(mark, sizeof mark, "screening.concern.%d", area.no);
    MarkItem(mark, line.c_str());
}

// The household's members: relation, ID (masked unless asked), age on the
// campaign's day, and what the registry says of school, health and work.
void MembersTable(const Campaign& c, const std::vector<HouseholdMember>& members, bool full_id) {
    if (members.empty()) return;
    const Date day = MemberFactsDay(c);
    char title[64];
    std::snprintf(title, sizeof title, "家庭成员（%zu 人，年龄按 %s 计）###members", members.size(), FormatIso(day).c_str());
    if (!ImGui::CollapsingHeader(title, ImGuiTreeNodeFlags_DefaultOpen)) return;
    const float fh = ImGui::GetFontSize();
    // School, health and skills get a column where the panel has room (a wide
    // screen); otherwise they show when the pointer rests on the row.
    const bool details_column = ImGui::GetContentRegionAvail().x > 32 * fh;
    const int columns = details_column ? 5 : 4;
    // At most ~6 rows high, so the points stay in view on a 768-pixel screen.
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float height = std::min(float(members.size()) + 1.0f, 6.5f) * row_h + 2;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("##members", columns, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Names (up to four characters) and the masked ID keep their width; the
    // age with its tag (义务教育, 劳动年龄) and the details take what is left.
    ImGui::TableSetupColumn("姓名", ImGuiTableColumnFlags_WidthFixed, 4 * fh);
    ImGui::TableSetupColumn("关系", ImGuiTableColumnFlags_WidthFixed, 3 * fh);
    ImGui::TableSetupColumn("证件号码", ImGuiTableColumnFlags_WidthFixed, 9.2f * fh);
    ImGui::TableSetupColumn("年龄", ImGuiTableColumnFlags_WidthStretch, 4);
    if (details_column) ImGui::TableSetupColumn("在校/健康/劳动技能", ImGuiTableColumnFlags_WidthStretch, 7);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < members.size(); ++i) {
        const HouseholdMember& m = members[i];
        const MemberFacts f = FactsOf(m, day);
        const std::string id = full_id ? m.id_number : MaskIdNumber(m.id_number);
        const char* tag = f.school_age ? "义务教育" : f.working_age ? "劳动年龄" : "";
        std::string more;
        for (const std::string* t : {&m.school, &m.health, &m.skill})
            if (!t->empty()) more += (more.empty() ? "" : " / ") + *t;
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(m.name.c_str());
        if (!details_column && !more.empty()) Tooltip(more.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(m.relation.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(id.c_str());
        ImGui::TableSetColumnIndex(3);
        if (f.age >= 0) ImGui::Text("%d", f.age);
        if (*tag) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, kColorGreen);
            ImGui::TextUnformatted(tag);
            ImGui::PopStyleColor();
            if (!details_column) Tooltip((std::string(tag) + (more.empty() ? "" : "：" + more)).c_str());
        }
        if (details_column) {
            ImGui::TableSetColumnIndex(4);
            ImGui::TextUnformatted(more.c_str());
        }
        char mark[32];
        std::snprintf(mark, sizeof mark, "screening.member.%zu", i);
        const std::string text = m.name + "|" + m.relation + "|" + id + "|" + (f.age >= 0 ? std::to_string(f.age) : "") +
                                 "|" + tag;
        MarkItem(mark, text.c_str());
    }
    ImGui::EndTable();
}

// The points of one target, grouped by area, with result buttons; the keys
// act on the cursor's point when no text field has the keyboard.
void PointsList(UiState& ui, ScreeningUi& S, const std::vector<const CheckPoint*>& points, const Household* h) {
    const Campaign& c = ui.ledger->campaign;
    if (points.empty()) return;
    if (S.cursor >= int(points.size())) S.cursor = int(points.size()) - 1;
    if (!ImGui::GetIO().WantTextInput && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) {
        // Up/Down move the cursor while no keyboard focus is shown (with one, they move the focus).
        if (ClaimKeys("screening.points", {ImGuiKey_UpArrow, ImGuiKey_DownArrow})) {
            if (Key(kKeyDown, true)) S.cursor = std::min(int(points.size()) - 1, S.cursor + 1);
            if (Key(kKeyUp, true)) S.cursor = std::max(0, S.cursor - 1);
        }
        const CheckPoint& at = *points[size_t(S.cursor)];
        ScreenResult keyed = ScreenResult::kUnchecked;
        bool pressed = false;
        for (int k = 0; k <= 3; ++k)
            if (Key(kKey0 + k) || Key(96 + k)) {  // the digit row or the keypad
                keyed = ScreenResult(k);
                pressed = true;
            }
        if (pressed && at.rule.empty() && !InDisabledBlock()) {
            SetResult(ui, S, at, keyed, h);
            S.note.clear();
            if (keyed != ScreenResult::kProblem) S.cursor = std::min(int(points.size()) - 1, S.cursor + 1);
        }
    }
    int64_t area_id = -1;
    const float fh = ImGui::GetFontSize();
    for (size_t i = 0; i < points.size(); ++i) {
        const CheckPoint& p = *points[i];
        const Area* area = AreaOfPoint(c, p.id);
        if (area && area->id != area_id) {
            area_id = area->id;
            ImGui::Spacing();
            ImGui::PushStyleColor(ImGuiCol_Text, kColorMuted);
            ImGui::Text("%s、%s（%s）", std::to_string(area->no).c_str(), area->name.c_str(),
                        area->lead_units.empty() ? "" : area->lead_units[0].c_str());
            ImGui::PopStyleColor();
            if (h) ConcernedMembers(c, *area, S.members);
        }
        ImGui::PushID(int(p.id));
        const ScreenResult r = S.entries.count(p.id) ? S.entries[p.id].result : ScreenResult::kUnchecked;
        const bool at_cursor = int(i) == S.cursor;
        if (ImGui::Selectable("##pt", at_cursor, 0, ImVec2(0, ImGui::GetFrameHeight()))) S.cursor = int(i);
        ImGui::SameLine(0, 0);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() - ImGui::GetContentRegionAvail().x);
        ImGui::SetCursorPosX(ImGui::GetStyle().WindowPadding.x + fh * 0.3f);
        ImGui::PushStyleColor(ImGuiCol_Text, ResultColor(r));
        ImGui::Text("%-4s", ScreenResultLabel(r));
        ImGui::PopStyleColor();
        ImGui::SameLine(fh * 4);
        ImGui::TextUnformatted(p.short_name.c_str());
        Tooltip(p.text.c_str());
        char mark[32];
        std::snprintf(mark, sizeof mark, "screening.point.%zu", i);
        std::string text = p.short_name + "|" + ScreenResultLabel(r);
        MarkItem(mark, text.c_str());
        if (at_cursor && p.rule.empty()) {
            ImGui::SameLine(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - fh * 12.5f);
            for (ScreenResult choice : {ScreenResult::kOk, ScreenResult::kProblem, ScreenResult::kNotApplicable}) {
                char label[32];
                std::snprintf(label, sizeof label, "%d %s", int(choice), ScreenResultLabel(choice));
                if (ImGui::SmallButton(label)) {
                    SetResult(ui, S, p, choice, h);
                    S.note.clear();
                }
                ImGui::SameLine();
            }
            ImGui::NewLine();
        }
        ImGui::PopID();
    }
}

// Counts for a min_percent point (整村户厕改造率): the result follows them,
// taken when a count field is left (not at every digit typed).
void PercentPoint(UiState& ui, ScreeningUi& S, const CheckPoint& p) {
    PercentRule rule;
    if (!ParsePercentRule(p.rule, &rule)) return;
    const ScreeningEntry stored = S.entries.count(p.id) ? S.entries[p.id] : ScreeningEntry{};
    if (S.counts_for != p.id) {
        S.counts_for = p.id;
        S.done = stored.done;
        S.total = stored.total;
    }
    const float fh = ImGui::GetFontSize();
    ImGui::PushID(int(p.id));
    ImGui::Text("%s（不低于 %.0f%%）", rule.of.empty() ? p.short_name.c_str() : rule.of.c_str(), rule.min);
    ImGui::SetNextItemWidth(6 * fh);
    ImGui::InputInt("已改造户数", &S.done, 0);
    MarkItem("village.toilets.done");
    bool left = DeactivatedAfterEdit();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(6 * fh);
    ImGui::InputInt("应改造户数", &S.total, 0);
    MarkItem("village.toilets.total");
    left |= DeactivatedAfterEdit();
    if (left) {
        ScreeningEntry e = stored;
        e.done = S.done;
        e.total = S.total;
        e.result = ResultFromCounts(rule, S.done, S.total);
        if (S.total > 0)
            e.note = "整村户厕改造率 " + std::to_string(S.done * 100 / S.total) + "%" +
                     (e.result == ScreenResult::kProblem ? "，低于 " + std::to_string(int(rule.min)) + "%" : "");
        Commit(ui, S, p, e, nullptr);
    }
    if (stored.total > 0 && stored.result != ScreenResult::kUnchecked) {
        ImGui::SameLine();
        char text[64];
        std::snprintf(text, sizeof text, "改造率 %.1f%%：%s", 100.0 * stored.done / stored.total,
                      ScreenResultLabel(stored.result));
        ImGui::PushStyleColor(ImGuiCol_Text, ResultColor(stored.result));
        ImGui::TextUnformatted(text);
        ImGui::PopStyleColor();
        MarkItem("village.toilets.result", text);
    }
    ImGui::PopID();
}

void LastProblemNotice(UiState& ui, ScreeningUi& S) {
    if (!S.last_problem) return;
    ImGui::Spacing();
    ColoredTextWrapped(kColorRed, "已在整改台账中生成问题（问题类型、责任单位已预填），请完善整改措施和完成时限。");
    MarkItem("screening.problem", std::to_string(S.last_problem).c_str());
    if (ImGui::Button("打开并完善 (Enter)") ||
        (!ImGui::GetIO().WantTextInput && !InDisabledBlock() &&
         ImGui::IsKeyPressed(ImGuiKey_Enter, false))) {
        int64_t id = S.last_problem;
        S.last_problem = 0;
        OpenProblem(ui, id);
    }
    MarkItem("screening.open_problem");
}

}  // namespace

void DrawHouseholdScreening(UiState& ui, int64_t household_id) {
    ScreeningUi& S = *ui.screening;
    const Household* h = ui.households->view.Find(household_id);
    if (!h) {
        ColoredTextWrapped(kColorMuted, "在左侧名册中点选一户开始排查。选中要点后按 1 正常、2 有问题、3 不适用、"
                                        "0 未查；↑↓ 换要点，PgUp/PgDn 换户。");
        return;
    }
    Load(S, ScreeningTarget{h->id, h->township, h->village});
    HouseholdsUi& H = *ui.households;
    if (S.members_of != h->id || S.members_generation != H.generation) {
        S.members = H.store.LoadMembers(h->id);
        S.members_of = h->id;
        S.members_generation = H.generation;
    }
    ImGui::Text("%s户 · %s%s · %s", h->head_name.c_str(), h->township.c_str(), h->village.c_str(), h->kind.c_str());
    MarkItem("screening.household", h->head_name.c_str());
    MembersTable(ui.ledger->campaign, S.members, H.show_full_id);
    const auto points = PointsFor(ui.ledger->campaign, false);
    int done = 0;
    for (const CheckPoint* p : points) done += S.entries.count(p->id) ? 1 : 0;
    char progress[64];
    std::snprintf(progress, sizeof progress, "已查 %d / %zu 个要点", done, points.size());
    ImGui::TextDisabled("%s", progress);
    MarkItem("screening.count", progress);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##note", "情况说明（可选，标记“有问题”时写入问题表述）", &S.note);
    MarkItem("screening.note");
    LastProblemNotice(ui, S);
    ImGui::Separator();
    ImGui::BeginChild("##points", ImVec2(0, 0), ImGuiChildFlags_NavFlattened);
    PointsList(ui, S, points, h);
    ImGui::EndChild();
}

// Villages come with the household list; one can also be typed here, or a
// list of them (乡镇, 村) imported.
static void AddVillageRow(UiState& ui, ScreeningUi& S) {
    const float fh = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(fh * 6);
    ImGui::InputTextWithHint("##new_township", "乡镇", &S.new_township);
    MarkItem("village.new_township");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fh * 6);
    ImGui::InputTextWithHint("##new_village", "村", &S.new_village);
    MarkItem("village.new_village");
    ImGui::SameLine();
    if (ImGui::Button("添加村")) {
        S.village_error = ui.households->store.AddVillage(S.new_township, S.new_village);
        if (S.village_error.empty()) {
            S.new_village.clear();
            S.villages_dirty = true;
            S.progress_dirty = true;
        }
    }
    MarkItem("village.add");
    ImGui::SameLine();
    if (ImGui::Button("导入村名单…")) platform::OpenFilePicker();
    MarkItem("village.import");
    Tooltip("选择有“乡镇”“村”两列的 .xlsx 或 .csv 文件，也可以直接拖到页面上");
    if (!S.village_error.empty()) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, kColorRed);
        ImGui::TextUnformatted(S.village_error.c_str());
        ImGui::PopStyleColor();
    }
}

void DrawVillageScreening(UiState& ui) {
    ScreeningUi& S = *ui.screening;
    AddVillageRow(ui, S);
    if (S.villages_dirty) {
        S.villages = ui.households->store.Villages();
        S.villages_dirty = false;
    }
    if (S.villages.empty()) {
        ColoredTextWrapped(kColorMuted, "导入农户名册，或在上面添加村后，这里按村排查村卫生室、集中供水点和整村户厕改造率。");
        return;
    }
    if (S.village < 0 || S.village >= int(S.villages.size())) S.village = 0;
    const VillageCount& v = S.villages[size_t(S.village)];
    const std::string shown = v.township + " " + v.village;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::BeginCombo("村", shown.c_str())) {
        for (size_t i = 0; i < S.villages.size(); ++i) {
            std::string label = S.villages[i].township + " " + S.villages[i].village;
            if (ImGui::Selectable(label.c_str(), int(i) == S.village)) S.village = int(i);
        }
        ImGui::EndCombo();
    }
    MarkItem("village.select", shown.c_str());
    Load(S, ScreeningTarget{0, v.township, v.village});
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##vnote", "情况说明（可选）", &S.note);
    LastProblemNotice(ui, S);
    ImGui::Separator();
    std::vector<const CheckPoint*> keyed;
    for (const CheckPoint* p : PointsFor(ui.ledger->campaign, true)) {
        if (p->rule.empty()) keyed.push_back(p);
        else PercentPoint(ui, S, *p);
    }
    PointsList(ui, S, keyed, nullptr);
}

void DrawScreeningProgress(UiState& ui) {
    ScreeningUi& S = *ui.screening;
    if (S.progress_dirty) {
        S.progress = S.store.Progress(int(PointsFor(ui.ledger->campaign, false).size()));
        S.progress_dirty = false;
    }
    if (S.progress.empty()) {
        ColoredTextWrapped(kColorMuted, "导入农户名册后，这里按村、乡镇统计排查进度和发现的问题。");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                                  ImGuiTableFlags_ScrollY;
    if (!ImGui::BeginTable("##progress", 7, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"所属乡镇", "村", "户数", "已排查", "排查中", "未排查", "发现问题"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    VillageProgress total;
    total.township = "合计";
    for (size_t i = 0; i <= S.progress.size(); ++i) {
        const bool sum = i == S.progress.size();
        const VillageProgress& p = sum ? total : S.progress[i];
        if (!sum) {
            total.households += p.households;
            total.screened += p.screened;
            total.started += p.started;
            total.problems += p.problems;
        }
        ImGui::TableNextRow();
        const int values[] = {p.households, p.screened, p.started, p.households - p.screened - p.started, p.problems};
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(p.township.c_str());
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(p.village.c_str());
        std::string text = p.township + "|" + p.village;
        for (int k = 0; k < 5; ++k) {
            ImGui::TableSetColumnIndex(2 + k);
            ImGui::Text("%d", values[k]);
            text += "|" + std::to_string(values[k]);
        }
        char mark[32];
        std::snprintf(mark, sizeof mark, sum ? "progress.total" : "progress.row.%zu", i);
        MarkItem(mark, text.c_str());
    }
    ImGui::EndTable();
}

}  // namespace htk::ui
