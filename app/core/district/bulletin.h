// bulletin.h — 通报: the district office's notice on the campaign's progress,
// as the campaign document's 四（三） asks: units ranked by open and overdue
// problems and by spot-check findings, and those with many problems, slow
// progress or findings named.
//
// Who is named, so that the rule can be read and checked:
//   问题较多   open problems at least 1.5 × the average of units with problems,
//              and at least 3 (at most five units, most open first);
//   进度较慢   completion rate 10 points or more below the district's;
//   超期       any problem past its 完成时限 and not done;
//   抽查发现   any finding other than 属实, in any round (漏报 found on site too);
//   迟报/未报  the latest week due.
// Praised (整改完成率较高, at most three, by rank): a unit with problems, no
// overdue problem, no adverse finding, and named in none of the lists above — no unit is both praised
// and criticised. The rules are written in the 通报 itself (RulesText).
#pragma once

#include "reporting.h"
#include "spot_check.h"
#include "unit_stats.h"

#include <string>
#include <vector>

namespace htk {

struct Campaign;

struct Bulletin {
    std::string title;
    std::vector<std::string> paragraphs;  // the text, a paragraph each (headings too); no spaces around numbers
    std::vector<std::string> many_open, slow, overdue, adverse;  // units named, in the order named
    std::vector<std::string> late, missing;                      // in the latest week due
    std::vector<std::string> praised;
    std::vector<std::vector<std::string>> ranking;  // 排名 table, header first
};

// `stats` ranked (RankUnits), built with every round's findings; `rounds`
// the spot checks drawn (SpotCheckStore::List), all of which the 通报 reports.
Bulletin BuildBulletin(const Campaign& campaign, const std::vector<UnitStats>& stats, const UnitStats& total,
                       const ReportingTable& reporting, const std::vector<SpotCheckInfo>& rounds, const Date& today);

// The naming rules, as the 通报 states them.
std::string RulesText();

// The whole text, paragraphs separated by blank lines (for the clipboard).
std::string BulletinText(const Bulletin& b);

// The per-unit table, header first: 排名 单位 问题数 已完成 整改中 未完成 超期 临期 完成率 抽查 发现问题 发现率.
std::vector<std::vector<std::string>> UnitStatsTable(const std::vector<UnitStats>& stats, const UnitStats* total);

}  // namespace htk
