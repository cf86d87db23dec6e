// rectification_report.h — 总结验收: the 整改报告 draft, written from the
// ledger in Chinese (what was found, by area and nature; what is done, in
// progress and overdue; the completion rate; the main causes from 原因分析 and
// the typical measures), for the unit to edit, copy and export; the draft the
// user edits is kept per campaign.
#pragma once

#include "campaign.h"
#include "domain/ledger_xlsx.h"
#include "problem.h"

#include <string>
#include <vector>

namespace htk {

class Database;

std::string DraftRectificationReport(const std::vector<Problem>& rows, const Campaign& campaign,
                                     const std::string& unit, const Date& today);

// The workbook to print, sign and stamp: the final ledger (every row, dated
// `date`, with the signature lines) and the report (its first line the title;
// the sender and date lines at its end right-aligned and kept with the last
// paragraph).
LedgerWorkbook RectificationReportWorkbook(const std::string& report, const std::vector<Problem>& rows,
                                           const Campaign& campaign, const std::string& unit, const Date& date,
                                           const std::string& exported_at);

// `<单位>_整改报告_<YYYYMMDD><extension>`
std::string RectificationReportFileName(const std::string& unit, const Date& date, const char* extension);

// The edited draft ("" when none was kept).
std::string LoadReportDraft(Database& db, int64_t campaign_id);
void SaveReportDraft(Database& db, int64_t campaign_id, const std::string& text);

}  // namespace htk
