// household_store.h — the household registry in SQLite.
#pragma once

#include "household.h"
#include "task.h"

#include <memory>
#include <string>
#include <vector>

namespace htk {

class Database;
class Stmt;
class Transaction;

// One household as an import writes it: the household row (id 0: a new one)
// and, when the file lists its members, the changes to them.
struct HouseholdWrite {
    Household household;
    bool write_household = true;  // false: the row stays as it is; only members change
    std::vector<HouseholdMember> member_adds;     // household_id is set on writing
    std::vector<HouseholdMember> member_updates;  // by id
    std::vector<int64_t> member_removes;
};

struct VillageCount {
    std::string township, village;
    int households = 0;
};

// Writes an import's households over several calls inside one transaction,
// for an import too large for one frame: nothing is saved (a save waits for
// the transaction) until Commit, and a writer destroyed uncommitted rolls
// everything back, so a cancelled import changes nothing.
class HouseholdWriter {
public:
    HouseholdWriter(Database& db, std::string now);
    ~HouseholdWriter();
    HouseholdWriter(const HouseholdWriter&) = delete;
    HouseholdWriter& operator=(const HouseholdWriter&) = delete;
    // A new household (id 0) gets its id. False: a write failed; only
    // destroying the writer is left.
    bool Write(HouseholdWrite& w);
    bool Commit();

private:
    Database& db_;
    std::unique_ptr<Transaction> tx_;
    std::string now_;
    Stmt *insert_, *update_, *village_, *add_member_, *update_member_, *remove_member_;
};

// The whole registry read a slice at a time (task.h): a district's 250,000
// households take 0.7 s in the browser, too long for one frame. Reads only;
// destroying it unfinished leaves nothing behind.
class HouseholdLoadTask : public Task {
public:
    explicit HouseholdLoadTask(Database& db);
    ~HouseholdLoadTask() override;
    bool Step(Slice& slice) override;
    double progress() const override;
    std::string stage() const override;
    // After Step returned true: every household, by 乡镇, 村, 户编号.
    std::vector<Household> TakeRows() { return std::move(rows_); }

private:
    std::unique_ptr<Stmt> query_;
    std::vector<Household> rows_;
    int64_t total_ = 0;
};

class HouseholdStore {
public:
    explicit HouseholdStore(Database& db) : db_(db) {}

    // Every household, by 乡镇, 村, 户编号.
    std::vector<Household> LoadAll() const;
    int64_t Count() const;
    // The members of one household: the head first, then the others in the
    // order the registry listed them.
    std::vector<HouseholdMember> LoadMembers(int64_t household_id) const;
    // Every member, by household then list order (for planning an import).
    std::vector<HouseholdMember> LoadAllMembers() const;
    // Villages known from typing or from households, with their household counts.
    std::vector<VillageCount> Villages() const;

    // A village typed by the user (before any household of it is imported).
    // Returns "" or why not, in Chinese (a name missing, already listed).
    std::string AddVillage(const std::string& township, const std::string& village);

    // Adds and updates (rows that passed NormalizeAndValidateHousehold) in one
    // transaction; their villages are recorded too. `now` as "2022-06-15 10:00:00".
    // Returns false (and changes nothing) if a write failed.
    bool Apply(const std::vector<Household>& adds, const std::vector<Household>& updates, const std::string& now);
    // The same for households with their members (an import plan's adds and
    // updates), in one transaction. Failed writes roll everything back and
    // return false.
    bool Apply(const std::vector<HouseholdWrite>& adds, const std::vector<HouseholdWrite>& updates,
               const std::string& now);

private:
    Database& db_;
};

}  // namespace htk
