#include "screens.h"

#include "widgets.h"

namespace htk::ui {

void DrawLedgerScreen(UiState&) {
    ScreenTitle("整改台账", "序号 · 问题类型 · 问题性质 · 问题表述 · 整改措施 · 完成时限 · 责任单位");
    ComingSoon("整改台账是“回头看”的核心，这里将可以：",
               {"按官方格式登记问题，完成时限精准到日，逐项校验",
                "跟踪整改状态（待整改 → 整改中 → 已完成），超期和临期以颜色提示，保留每次修改的记录",
                "按问题类型、性质、状态、责任单位筛选和搜索，支持撤销和重做",
                "导出官方格式的 Excel（.xlsx）和 CSV，导入各单位报送或手工填写的表格",
                "从 Excel/WPS 复制多行后直接粘贴为新问题"});
}

}  // namespace htk::ui
