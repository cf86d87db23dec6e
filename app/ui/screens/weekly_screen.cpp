#include "screens.h"

#include "widgets.h"

namespace htk::ui {

void DrawWeeklyScreen(UiState&) {
    ScreenTitle("周报", "排查整改阶段实行周报告制度，从第一周起每周报送整改台账");
    ComingSoon("周报将可以：",
               {"按周（第 1 周为 6月2日—6月8日）一键生成本周报告，冻结当时的台账",
                "与上周对比：新增、已完成、新超期、仍未完成",
                "导出本周整改台账 Excel，附本周统计表；历次报告可原样再次导出",
                "总结验收阶段生成整改报告草稿，导出带签字栏的最终台账"});
}

}  // namespace htk::ui
