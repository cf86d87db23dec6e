#include "screens.h"

#include "theme.h"
#include "widgets.h"

#include <imgui.h>

namespace htk::ui {

void DrawHomeScreen(UiState& ui, const PlatformStatus&) {
    ScreenTitle("首页", "建安区 2022 年度第一轮巩固拓展脱贫攻坚成果行业政策落实“回头看”");
    if (ui.settings.unit_name.empty()) {
        ColoredTextWrapped(kColorYellow, "还没有填写单位名称。导出的台账要写明“单位（盖章）”，请先到“设置”中填写。");
        if (ImGui::Button("去填写单位名称")) ui.section = Section::kSettings;
        ImGui::Spacing();
    } else {
        ImGui::Text("单位：%s（%s）", ui.settings.unit_name.c_str(), RoleLabel(ui.settings.role));
        ImGui::Spacing();
    }
    ImGui::TextUnformatted("工作步骤");
    ImGui::BulletText("动员部署：6月1日前，制定工作方案并报送区巩固拓展脱贫攻坚工作领导小组办公室");
    ImGui::BulletText("排查整改：6月2日—6月29日，边排查边整改，每周报送整改台账");
    ImGui::BulletText("总结验收：6月30日，报送加盖公章、主要负责同志签字的整改报告和整改台账");
    ImGui::Spacing();
    ComingSoon("首页将汇总本单位的整改进展：",
               {"活动时间轴：标出今天所处阶段和剩余天数",
                "八个问题类型 × 整改状态的数量和完成率",
                "超期（红色）和三日内到期（黄色）的问题预警",
                "每周新发现问题数的图表，鼠标悬停显示数字"});
}

}  // namespace htk::ui
