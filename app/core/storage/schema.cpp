#include "schema.h"

#include "check.h"
#include "database.h"

#include <string>

namespace htk {

// Each entry is one migration; index i takes version i to version i+1.
static const char* const kMigrations[] = {
    // 1: key/value settings of this installation (unit name, role, ...).
    R"sql(
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) WITHOUT ROWID;
    )sql",

    // 2: the campaign (its phases, policy areas, check points and units) and
    //    the rectification ledger with a history of every change.
    R"sql(
    CREATE TABLE campaign (
        id           INTEGER PRIMARY KEY,
        code         TEXT NOT NULL UNIQUE,
        name         TEXT NOT NULL,
        district     TEXT NOT NULL DEFAULT '',
        ledger_title TEXT NOT NULL,
        office       TEXT NOT NULL DEFAULT '',
        ledger_note  TEXT NOT NULL DEFAULT '',
        natures      TEXT NOT NULL,             -- '、'-joined, e.g. 共性问题、个性问题
        issued       TEXT NOT NULL DEFAULT ''   -- ISO date
    );
    CREATE TABLE campaign_phase (
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        seq         INTEGER NOT NULL,
        code        TEXT NOT NULL,
        name        TEXT NOT NULL,
        start_date  TEXT NOT NULL,
        end_date    TEXT NOT NULL,
        task        TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (campaign_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE area (
        id            INTEGER PRIMARY KEY,
        campaign_id   INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        no            INTEGER NOT NULL,
        name          TEXT NOT NULL,
        section_title TEXT NOT NULL DEFAULT '',
        lead_units    TEXT NOT NULL DEFAULT '',  -- '、'-joined
        UNIQUE (campaign_id, name)
    );
    CREATE TABLE area_synonym (
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        key         TEXT NOT NULL,               -- NormalizeKey() of the synonym
        area_id     INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
        PRIMARY KEY (campaign_id, key)
    ) WITHOUT ROWID;
    CREATE TABLE check_point (
        id       INTEGER PRIMARY KEY,
        area_id  INTEGER NOT NULL REFERENCES area(id) ON DELETE CASCADE,
        no       INTEGER NOT NULL,
        short    TEXT NOT NULL,
        text     TEXT NOT NULL,
        scope    TEXT NOT NULL DEFAULT 'household',  -- or 'village'
        rule     TEXT NOT NULL DEFAULT ''            -- JSON, e.g. {"kind":"min_percent","value":85}
    );
    CREATE TABLE unit (
        id          INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('department', 'township')),
        UNIQUE (campaign_id, name)
    );
    CREATE TABLE problem (
        id             INTEGER PRIMARY KEY,
        uuid           TEXT NOT NULL UNIQUE,
        campaign_id    INTEGER NOT NULL REFERENCES campaign(id),
        area           TEXT NOT NULL,              -- 问题类型, canonical area name
        nature         TEXT NOT NULL,              -- 问题性质
        description    TEXT NOT NULL,              -- 问题表述
        measures       TEXT NOT NULL,              -- 整改措施
        deadline       TEXT NOT NULL,              -- 完成时限, ISO date
        resp_units     TEXT NOT NULL,              -- 责任单位
        resp_leader    TEXT NOT NULL DEFAULT '',   -- 责任领导
        cause          TEXT NOT NULL DEFAULT '',   -- 原因分析
        progress       TEXT NOT NULL DEFAULT '',   -- 整改进度
        effect         TEXT NOT NULL DEFAULT '',   -- 落实效果
        found_date     TEXT NOT NULL DEFAULT '',   -- 发现日期, ISO date
        township       TEXT NOT NULL DEFAULT '',   -- 所属乡镇
        village        TEXT NOT NULL DEFAULT '',   -- 所属村
        reporting_unit TEXT NOT NULL DEFAULT '',   -- 填报单位
        status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
        done_date      TEXT NOT NULL DEFAULT '',   -- 完成日期, ISO date
        created_at     TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        deleted        INTEGER NOT NULL DEFAULT 0  -- kept for undo and history
    );
    CREATE INDEX problem_by_campaign ON problem(campaign_id, deleted);
    CREATE INDEX problem_by_unit ON problem(campaign_id, reporting_unit);
    CREATE TABLE problem_history (
        id         INTEGER PRIMARY KEY,
        problem_id INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        field      TEXT NOT NULL,   -- a problem column, or 'created' / 'deleted' / 'restored'
        old_value  TEXT,
        new_value  TEXT,
        changed_at TEXT NOT NULL,
        actor      TEXT NOT NULL DEFAULT '',
        source     TEXT NOT NULL DEFAULT ''   -- edit / import / paste / undo / redo
    );
    CREATE INDEX problem_history_by_problem ON problem_history(problem_id, id);
    )sql",
    // 3: villages and the household registry (not tied to a campaign: the
    //    next campaign screens the same households).
    R"sql(
    CREATE TABLE village (
        id       INTEGER PRIMARY KEY,
        township TEXT NOT NULL,
        name     TEXT NOT NULL,
        UNIQUE (township, name)
    );
    CREATE TABLE household (
        id         INTEGER PRIMARY KEY,
        code       TEXT NOT NULL DEFAULT '',   -- 户编号
        head_name  TEXT NOT NULL,              -- 户主姓名
        id_number  TEXT NOT NULL DEFAULT '',   -- 身份证号, normalised (upper-case X)
        township   TEXT NOT NULL DEFAULT '',   -- 所属乡镇
        village    TEXT NOT NULL DEFAULT '',   -- 所属村
        kind       TEXT NOT NULL,              -- 户类型, one of HouseholdKindLabel()
        population INTEGER NOT NULL DEFAULT 0, -- 人口数
        phone      TEXT NOT NULL DEFAULT '',
        note       TEXT NOT NULL DEFAULT '',
        demo       INTEGER NOT NULL DEFAULT 0, -- part of the removable demo data
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX household_by_code ON household(code) WHERE code <> '';
    CREATE INDEX household_by_id_number ON household(id_number) WHERE id_number <> '';
    CREATE INDEX household_by_place ON household(township, village);
    )sql",
    // 4: 入户排查 results, per campaign: a household's or a village's result
    //    for one check point ('' = 未查 is no row at all).
    R"sql(
    CREATE TABLE screening (
        id           INTEGER PRIMARY KEY,
        campaign_id  INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        household_id INTEGER NOT NULL DEFAULT 0,  -- 0 for a village-level point
        township     TEXT NOT NULL DEFAULT '',    -- the village, for village-level points
        village      TEXT NOT NULL DEFAULT '',
        point_id     INTEGER NOT NULL REFERENCES check_point(id),
        result       TEXT NOT NULL CHECK (result IN ('ok', 'problem', 'na')),
        note         TEXT NOT NULL DEFAULT '',
        checked_on   TEXT NOT NULL DEFAULT '',    -- ISO date
        screener     TEXT NOT NULL DEFAULT '',    -- 排查人
        done_count   INTEGER NOT NULL DEFAULT 0,  -- counts for a min_percent point
        total_count  INTEGER NOT NULL DEFAULT 0,
        problem_id   INTEGER NOT NULL DEFAULT 0,  -- the ledger problem a 有问题 created
        updated_at   TEXT NOT NULL,
        UNIQUE (campaign_id, household_id, township, village, point_id)
    );
    )sql",
    // 5: 周报: a frozen copy of the unit's ledger as reported in week k of the
    //    排查整改 phase (rows as JSON objects of the problem's columns), so a
    //    report stays what it was whatever changes later.
    R"sql(
    CREATE TABLE weekly_report (
        id          INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        week_no     INTEGER NOT NULL,
        unit        TEXT NOT NULL,
        report_date TEXT NOT NULL,   -- ISO date printed on the sheet
        created_at  TEXT NOT NULL,
        UNIQUE (campaign_id, week_no, unit)
    );
    CREATE TABLE weekly_report_row (
        report_id INTEGER NOT NULL REFERENCES weekly_report(id) ON DELETE CASCADE,
        seq       INTEGER NOT NULL,
        uuid      TEXT NOT NULL,
        data      TEXT NOT NULL,     -- {"area": …, "description": …, …}
        PRIMARY KEY (report_id, seq)
    ) WITHOUT ROWID;
    )sql",
    // 6: 工作方案 (动员部署), one per unit and campaign.
    R"sql(
    CREATE TABLE work_plan (
        campaign_id  INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        unit         TEXT NOT NULL,
        content      TEXT NOT NULL DEFAULT '',  -- 排查的具体内容
        measures     TEXT NOT NULL DEFAULT '',  -- 主要措施
        schedule     TEXT NOT NULL DEFAULT '',  -- 时间安排
        submitted_on TEXT NOT NULL DEFAULT '',  -- 报送日期, ISO; '' = not yet
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (campaign_id, unit)
    ) WITHOUT ROWID;
    )sql",
    // 7: 区级汇总: the files the district office received from every unit
    //    (attributed to a unit and a report week), which file last set each
    //    problem (so that a newer version wins), and the spot checks (抽查):
    //    each sample keeps its seed and what was asked, and a finding per item.
    R"sql(
    CREATE TABLE received_file (
        id           INTEGER PRIMARY KEY,
        campaign_id  INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        unit         TEXT NOT NULL,
        week_no      INTEGER NOT NULL,           -- report week; 1000 = the final ledger (终期)
        file_name    TEXT NOT NULL,
        content_hash TEXT NOT NULL,              -- XXH64 of the file's bytes, hex
        version_time TEXT NOT NULL,              -- when the file's data was so: orders versions
        report_date  TEXT NOT NULL DEFAULT '',   -- ISO date the file is dated
        received_at  TEXT NOT NULL,
        row_count    INTEGER NOT NULL DEFAULT 0, -- problems the file lists
        added        INTEGER NOT NULL DEFAULT 0,
        updated      INTEGER NOT NULL DEFAULT 0,
        unchanged    INTEGER NOT NULL DEFAULT 0,
        conflicts    INTEGER NOT NULL DEFAULT 0,
        rejected     INTEGER NOT NULL DEFAULT 0,
        UNIQUE (campaign_id, content_hash, unit, week_no)
    );
    CREATE TABLE problem_source (
        problem_id   INTEGER PRIMARY KEY REFERENCES problem(id) ON DELETE CASCADE,
        file_id      INTEGER NOT NULL REFERENCES received_file(id) ON DELETE CASCADE,
        version_time TEXT NOT NULL
    );
    CREATE TABLE spot_check (
        id          INTEGER PRIMARY KEY,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        seed        INTEGER NOT NULL,
        spec        TEXT NOT NULL,   -- JSON: size, percent, strata, only_done
        created_at  TEXT NOT NULL
    );
    CREATE TABLE spot_check_item (
        spot_check_id INTEGER NOT NULL REFERENCES spot_check(id) ON DELETE CASCADE,
        seq           INTEGER NOT NULL,
        problem_id    INTEGER NOT NULL REFERENCES problem(id),
        finding       TEXT NOT NULL DEFAULT '',  -- '' (not yet), 属实, 整改不到位, 漏报, 瞒报, 弄虚作假
        note          TEXT NOT NULL DEFAULT '',
        checked_on    TEXT NOT NULL DEFAULT '',  -- ISO date
        PRIMARY KEY (spot_check_id, seq)
    ) WITHOUT ROWID;
    )sql",
    // 8: the members of each registered household (家庭成员), as the national
    //    system's person-level registry lists them; the person columns as the
    //    file words them.
    R"sql(
    CREATE TABLE household_member (
        id                INTEGER PRIMARY KEY,
        household_id      INTEGER NOT NULL REFERENCES household(id) ON DELETE CASCADE,
        person_code       TEXT NOT NULL DEFAULT '',  -- 人编号
        name              TEXT NOT NULL,             -- 姓名
        id_number         TEXT NOT NULL DEFAULT '',  -- 证件号码, normalised
        relation          TEXT NOT NULL DEFAULT '',  -- 与户主关系
        ethnicity         TEXT NOT NULL DEFAULT '',  -- 民族
        education         TEXT NOT NULL DEFAULT '',  -- 文化程度
        school            TEXT NOT NULL DEFAULT '',  -- 在校生状况
        health            TEXT NOT NULL DEFAULT '',  -- 健康状况
        skill             TEXT NOT NULL DEFAULT '',  -- 劳动技能
        work_months       TEXT NOT NULL DEFAULT '',  -- 务工时间（月）
        medical_insurance TEXT NOT NULL DEFAULT '',  -- 是否参加城乡居民基本医疗保险
        illness_insurance TEXT NOT NULL DEFAULT ''   -- 是否参加大病保险
    );
    CREATE INDEX household_member_by_household ON household_member(household_id);
    )sql",
    // 9: 区级汇总 the office can correct: a received file can be removed (kept,
    //    marked, so that undo brings it back) or moved to another unit/week;
    //    every file is linked to every problem it lists (a problem goes with
    //    its file unless another file lists it too; replaces problem_source,
    //    which kept only the last file); the rows each file could not give,
    //    with their reasons; and the other names units sign with (别名).
    R"sql(
    ALTER TABLE received_file ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE file_problem (
        file_id    INTEGER NOT NULL REFERENCES received_file(id) ON DELETE CASCADE,
        problem_id INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
        PRIMARY KEY (file_id, problem_id)
    ) WITHOUT ROWID;
    CREATE INDEX file_problem_by_problem ON file_problem(problem_id);
    INSERT INTO file_problem(file_id, problem_id) SELECT file_id, problem_id FROM problem_source;
    DROP TABLE problem_source;
    CREATE TABLE received_file_error (
        file_id INTEGER NOT NULL REFERENCES received_file(id) ON DELETE CASCADE,
        seq     INTEGER NOT NULL,
        row     INTEGER NOT NULL,  -- the sheet's row number
        message TEXT NOT NULL,
        PRIMARY KEY (file_id, seq)
    ) WITHOUT ROWID;
    CREATE TABLE unit_alias (
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        alias       TEXT NOT NULL,  -- as typed
        unit        TEXT NOT NULL,
        PRIMARY KEY (campaign_id, alias)
    ) WITHOUT ROWID;
    )sql",
    // 10: findings and drift. Each file's own version of each problem it
    //     lists (so that removing or moving a newer file gives the problem back
    //     the values of the latest file left; '' for links made before); a
    //     problem found on site that the unit's ledger lacked (漏报), recorded
    //     as a finding of its spot check round; and the problems missing from
    //     a unit's latest file that the office chose to keep open.
    R"sql(
    ALTER TABLE file_problem ADD COLUMN data TEXT NOT NULL DEFAULT '';  -- {"area": …, "description": …, …}
    ALTER TABLE spot_check_item ADD COLUMN on_site INTEGER NOT NULL DEFAULT 0;  -- 1: registered on site, not drawn
    CREATE TABLE drift_kept (
        problem_id  INTEGER PRIMARY KEY REFERENCES problem(id) ON DELETE CASCADE,
        campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
        decided_at  TEXT NOT NULL
    );
    )sql",
};

int SchemaVersion() { return int(sizeof(kMigrations) / sizeof(kMigrations[0])); }

int StoredSchemaVersion(Database& db) {
    Stmt s = db.Prepare("PRAGMA user_version");
    return s.Step() ? int(s.Int(0)) : 0;
}

MigrateResult Migrate(Database& db, int up_to, std::string* error) {
    const int target = up_to > 0 ? up_to : SchemaVersion();
    HTK_CHECK(target <= SchemaVersion());
    int v = StoredSchemaVersion(db);
    if (v > SchemaVersion()) return MigrateResult::kTooNew;
    for (; v < target; ++v) {
        Transaction tx(db);
        // PRAGMA takes no bound parameters; the value is our own integer.
        if (!db.TryExecScript(kMigrations[v], error) ||
            !db.TryExecScript(("PRAGMA user_version=" + std::to_string(v + 1)).c_str(), error))
            return MigrateResult::kFailed;  // tx rolls back
        HTK_CHECK_MSG(tx.Commit(), "migration commit failed");
    }
    return MigrateResult::kOk;
}

}  // namespace htk
