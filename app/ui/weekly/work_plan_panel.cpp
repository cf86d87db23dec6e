// work_plan_panel.cpp — 动员部署: the unit's 工作方案 (what it screens, main
// measures, schedule, the day it was sent), whether it is due or late, and
// its export for printing. Each field is kept when it is left.

#include "weekly_ui.h"

#include "app_ui.h"
#include "export_task.h"
#include "ledger/ledger_ui.h"
#include "platform.h"
#include "test_marks.h"
#include "theme.h"
#include "widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace htk::ui {

void DrawWorkPlan(UiState& ui) {
    WeeklyUi& W = *ui.weekly;
    const Campaign& c = ui.ledger->campaign;
    const std::string unit = ui.settings.unit_name.empty() ? "未填写单位" : ui.settings.unit_name;
    if (!W.plan_loaded || W.plan_unit != unit) {
        W.plan = LoadWorkPlan(*ui.db, c.id, unit);
        W.plan_loaded = true;
        W.plan_unit = unit;
        W.plan_date = W.plan.submitted.valid() ? FormatIso(W.plan.submitted) : "";
        W.plan_date_error.clear();
    }
    auto save = [&] { SaveWorkPlan(*ui.db, c.id, unit, W.plan, platform::NowText()); };

    const WorkPlanState state = WorkPlanStateOn(W.plan, c, platform::Today());
    ImGui::PushStyleColor(ImGuiCol_Text, state.late ? kColorRed : W.plan.submitted.valid() ? kColorGreen : kColorYellow);
    ImGui::TextUnformatted(state.text.c_str());
    ImGui::PopStyleColor();
    MarkItem("plan.state", state.text.c_str());
    ColoredTextWrapped(kColorMuted, ("于" + FormatChinese(WorkPlanDue(c)) + "前制定工作方案，明确排查的具体内容和主要措施、"
                                     "时间安排，报送" + c.office + "。每项离开输入框即保存。")
                                        .c_str());
    const float fh = ImGui::GetFontSize();
    struct Field {
        const char* label;
        const char* mark;
        std::string* text;
        float lines;
    };
    for (const Field& f : {Field{"排查的具体内容", "plan.content", &W.plan.content, 5},
                           Field{"主要措施", "plan.measures", &W.plan.measures, 5},
                           Field{"时间安排", "plan.schedule", &W.plan.schedule, 3}}) {
        ImGui::TextUnformatted(f.label);
        ImGui::PushID(f.mark);
        WrappedTextField("##t", f.text, -1, f.lines, f.lines * 2);
        MarkItem(f.mark, f.text->c_str());
        if (DeactivatedAfterEdit()) save();
        ImGui::PopID();
    }
    ImGui::TextUnformatted("报送日期");
    ImGui::SetNextItemWidth(fh * 8);
    ImGui::InputTextWithHint("##date", "如 2022-05-31", &W.plan_date);
    MarkItem("plan.date", W.plan_date.c_str());
    if (DeactivatedAfterEdit()) {
        if (W.plan_date.empty()) {
            W.plan.submitted = Date{};
            W.plan_date_error.clear();
            save();
        } else {
            DateParse d = ParseDate(W.plan_date, c.Year());
            if (d.ok) {
                W.plan.submitted = d.date;
                W.plan_date = FormatIso(d.date);
                W.plan_date_error.clear();
                save();
            } else {
                W.plan_date_error = "报送日期" + d.error;  // kept on screen, not saved
            }
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("今天报送")) {
        W.plan.submitted = platform::Today();
        W.plan_date = FormatIso(W.plan.submitted);
        W.plan_date_error.clear();
        save();
    }
    MarkItem("plan.submit_today");
    if (!W.plan_date_error.empty()) {
        ColoredTextWrapped(kColorRed, W.plan_date_error.c_str());
        MarkItem("plan.date_error", W.plan_date_error.c_str());
    }
    ImGui::Spacing();
    if (ImGui::Button("导出 Excel（打印用）")) {
        LedgerWorkbook book;
        book.campaign_code = c.code;
        book.unit = unit;
        book.exported_at = platform::NowText();
        book.tables.push_back(WorkPlanSheet(W.plan, c, unit));
        ExportXlsxFile(ui.tasks, std::move(book), UnitFileName(unit, "工作方案", platform::Today(), ".xlsx"),
                       [&ui](const std::string& text, bool error) { SetMessage(ui.weekly->message, text, error, error ? 12 : 8); });
    }
    MarkItem("plan.export");
}

}  // namespace htk::ui
