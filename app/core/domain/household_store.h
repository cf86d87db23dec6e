// household_store.h — the household registry in SQLite.
#pragma once

#include "household.h"

#include <string>
#include <vector>

namespace htk {

class Database;

struct VillageCount {
    std::string township, village;
    int households = 0;
};

class HouseholdStore {
public:
    explicit HouseholdStore(Database& db) : db_(db) {}

    // Every household, by 乡镇, 村, 户编号.
    std::vector<Household> LoadAll() const;
    int64_t Count() const;
    // Villages known from typing or from households, with their household counts.
    std::vector<VillageCount> Villages() const;

    // A village typed by the user (before any household of it is imported).
    // Returns "" or why not, in Chinese (a name missing, already listed).
    std::string AddVillage(const std::string& township, const std::string& village);

    // Adds and updates (rows that passed NormalizeAndValidateHousehold) in one
    // transaction; their villages are recorded too. `now` as "2022-06-15 10:00:00".
    void Apply(const std::vector<Household>& adds, const std::vector<Household>& updates, const std::string& now);

private:
    Database& db_;
};

}  // namespace htk
