#pragma once

#include <QString>

namespace costscope::store {

class SqliteDb;

// The workspace schema and its forward migrations.
namespace Schema {

// 'CSCP' in PRAGMA application_id marks a Costscope workspace.
constexpr int kApplicationId = 0x43534350;
constexpr int kCurrentVersion = 16;

// Brings the schema from its current user_version up to targetVersion, one step per
// transaction. Never downgrades.
bool migrate(SqliteDb &db, int targetVersion, QString *error);

int version(SqliteDb &db);

} // namespace Schema
} // namespace costscope::store
