#include "problem_rules.h"

#include "campaign.h"
#include "rules/text.h"

namespace htk {

std::vector<FieldError> NormalizeAndValidate(Problem& p, const Campaign& c) {
    std::vector<FieldError> errors;
    auto error = [&](ProblemField f, std::string msg) { errors.push_back(FieldError{f, std::move(msg)}); };
    for (int i = 0; i < kProblemFieldCount; ++i) {
        std::string& value = p.v[size_t(i)];
        value = FieldInfo(i).multiline ? Trim(value) : CollapseSpaces(value);
    }

    std::string& area = p[ProblemField::kArea];
    if (area.empty()) {
        error(ProblemField::kArea, "问题类型不能为空");
    } else if (const Area* a = c.FindArea(area)) {
        area = a->name;
    } else {
        error(ProblemField::kArea, "问题类型“" + area + "”不是本次排查的方面之一（" + c.AreaNames() + "）");
    }

    std::string& nature = p[ProblemField::kNature];
    if (nature.empty()) {
        error(ProblemField::kNature, "问题性质不能为空");
    } else if (c.IsNature(nature)) {
        nature = NormalizeKey(nature);
    } else if (c.IsNature(nature + "问题")) {  // 共性 / 个性
        nature = NormalizeKey(nature + "问题");
    } else {
        error(ProblemField::kNature, "问题性质只能是“共性问题”或“个性问题”，不能是“" + nature + "”");
    }

    for (ProblemField f : {ProblemField::kDescription, ProblemField::kMeasures, ProblemField::kRespUnits})
        if (p[f].empty()) error(f, std::string(FieldInfo(f).label) + "不能为空");

    for (ProblemField f : {ProblemField::kDeadline, ProblemField::kFoundDate, ProblemField::kDoneDate}) {
        std::string& value = p[f];
        if (value.empty()) {
            if (FieldInfo(f).required) error(f, std::string(FieldInfo(f).label) + "不能为空，要精准到日");
            continue;
        }
        DateParse d = ParseDate(value, c.Year());
        if (d.ok) value = FormatIso(d.date);
        else error(f, std::string(FieldInfo(f).label) + d.error);
    }

    std::string& status = p[ProblemField::kStatus];
    ProblemStatus s;
    if (status.empty()) status = StatusCode(ProblemStatus::kOpen);
    else if (ParseStatusText(status, &s)) status = StatusCode(s);
    else error(ProblemField::kStatus, "整改状态只能是待整改、整改中或已完成，不能是“" + status + "”");
    return errors;
}

std::string JoinErrors(const std::vector<FieldError>& errors) {
    std::string out;
    for (const FieldError& e : errors) {
        if (!out.empty()) out += "；";
        out += e.message;
    }
    return out;
}

namespace {
constexpr const char* kGeneratedHead = "对照“";
constexpr const char* kGeneratedTail = "”要求，限期整改到位";
}  // namespace

std::string GeneratedMeasure(const std::string& point_name) { return kGeneratedHead + point_name + kGeneratedTail; }

bool IsGeneratedMeasure(const std::string& measures) {
    const std::string t = Trim(measures);
    const std::string head = kGeneratedHead, tail = kGeneratedTail;
    return t.size() >= head.size() + tail.size() && t.compare(0, head.size(), head) == 0 &&
           t.compare(t.size() - tail.size(), tail.size(), tail) == 0;
}

std::string WeakMeasureReason(const std::string& measures) {
    const std::string t = Trim(measures);
    if (t.empty()) return "";  // a missing measure is an error, said elsewhere
    if (IsGeneratedMeasure(t)) return "整改措施还是排查时自动生成的套话，请写明具体怎么改、谁来改、何时改完";
    if (Utf8Length(t) < kMinMeasureChars)
        return "整改措施过于简短（少于 " + std::to_string(kMinMeasureChars) + " 个字），请写具体、可操作的措施";
    return "";
}

}  // namespace htk
