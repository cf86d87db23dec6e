#include "screens.h"

#include "widgets.h"

namespace htk::ui {

void DrawDistrictScreen(UiState& ui) {
    ScreenTitle("区级汇总", "区巩固拓展脱贫攻坚工作领导小组办公室使用");
    if (ui.settings.role != Role::kDistrictOffice)
        ColoredTextWrapped(IM_COL32(107, 114, 128, 255), "提示：本栏目供区办使用，可在“设置”中把角色改为“区办”。");
    ComingSoon("区级汇总将可以：",
               {"一次导入各乡镇、区直单位报送的台账文件（本工具导出的或手工填写的）",
                "查看各单位每周报送情况：已报、迟报、未报",
                "合并查看全区问题，按单位统计完成率、超期数并排名",
                "按比例分层抽查，记录抽查结果（属实、整改不到位、漏报、瞒报、弄虚作假）",
                "生成通报和全区汇总表"});
}

}  // namespace htk::ui
