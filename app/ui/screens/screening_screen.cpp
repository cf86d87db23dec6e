#include "screens.h"

#include "widgets.h"

namespace htk::ui {

void DrawScreeningScreen(UiState&) {
    ScreenTitle("入户排查", "对照八个方面 39 个排查要点逐户筛查");
    ComingSoon("入户排查将可以：",
               {"导入农户名册（户编号、户主姓名、身份证号、所属乡镇和村、户类型），身份证号默认打码",
                "逐户对照住房、健康、教育、饮水、就业、综合保障、金融、户厕 39 个要点，用键盘快速录入",
                "标记“有问题”时自动生成整改台账中的问题，预填问题类型和责任单位",
                "村级要点（村卫生室、集中供水点、整村户厕改造率≥85%）按村排查",
                "按村、乡镇统计排查进度和发现的问题"});
}

}  // namespace htk::ui
