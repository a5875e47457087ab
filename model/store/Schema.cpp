#include "model/store/Schema.h"

#include "model/store/SqliteDb.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSchema, "costscope.store.schema")

namespace costscope::store::Schema {

namespace {

// The line item columns after id and period_id, shared by the table of version 1 and its rebuild in
// version 16 (a macro: adjacent string literals join at compile time).
#define COSTSCOPE_LINE_ITEM_COLUMNS \
    "  charge_start INTEGER NOT NULL,\n" \
    "  charge_end INTEGER NOT NULL,\n" \
    "  day INTEGER NOT NULL,\n" \
    "  sub_account INTEGER NOT NULL REFERENCES str(id),\n" \
    "  service INTEGER NOT NULL REFERENCES str(id),\n" \
    "  service_category INTEGER NOT NULL REFERENCES str(id),\n" \
    "  region INTEGER NOT NULL REFERENCES str(id),\n" \
    "  resource INTEGER NOT NULL REFERENCES str(id),\n" \
    "  resource_name INTEGER NOT NULL REFERENCES str(id),\n" \
    "  resource_type INTEGER NOT NULL REFERENCES str(id),\n" \
    "  sku INTEGER NOT NULL REFERENCES str(id),\n" \
    "  description INTEGER NOT NULL REFERENCES str(id),\n" \
    "  charge_category INTEGER NOT NULL,\n" \
    "  pricing_category INTEGER NOT NULL REFERENCES str(id),\n" \
    "  consumed_qty REAL NOT NULL,\n" \
    "  consumed_unit INTEGER NOT NULL REFERENCES str(id),\n" \
    "  pricing_qty REAL NOT NULL,\n" \
    "  pricing_unit INTEGER NOT NULL REFERENCES str(id),\n" \
    "  billed INTEGER NOT NULL,\n" \
    "  effective INTEGER NOT NULL,\n" \
    "  list INTEGER NOT NULL,\n" \
    "  contracted INTEGER NOT NULL,\n" \
    "  commitment INTEGER NOT NULL REFERENCES str(id),\n" \
    "  tagset INTEGER NOT NULL REFERENCES kvset(id),\n" \
    "  attrset INTEGER NOT NULL REFERENCES kvset(id)"

// Version 1: cost line items (FOCUS-aligned), provenance, dictionary, tag sets, rollups.
const char *const kVersion1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Every repeating string, stored once. Id 0 is the empty string.
CREATE TABLE str(id INTEGER PRIMARY KEY, s TEXT NOT NULL UNIQUE);
INSERT INTO str(id, s) VALUES (0, '');

-- Distinct key/value sets (resource tags, provider attributes), stored once. Id 0 is the empty set.
CREATE TABLE kvset(id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE);
INSERT INTO kvset(id, digest) VALUES (0, x'');
CREATE TABLE kvset_item(
  set_id INTEGER NOT NULL REFERENCES kvset(id),
  key_id INTEGER NOT NULL REFERENCES str(id),
  value_id INTEGER NOT NULL REFERENCES str(id),
  PRIMARY KEY(set_id, key_id)) WITHOUT ROWID;
CREATE INDEX kvset_item_key ON kvset_item(key_id, set_id, value_id);

CREATE TABLE source(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  digest TEXT NOT NULL,
  format TEXT NOT NULL,
  imported_at INTEGER NOT NULL);
CREATE INDEX source_digest ON source(digest);

-- The unit of provenance and replacement.
CREATE TABLE billing_period(
  id INTEGER PRIMARY KEY,
  provider INTEGER NOT NULL REFERENCES str(id),
  account INTEGER NOT NULL REFERENCES str(id),
  account_name INTEGER NOT NULL REFERENCES str(id),
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  currency INTEGER NOT NULL REFERENCES str(id),
  source_id INTEGER NOT NULL REFERENCES source(id),
  row_count INTEGER NOT NULL,
  billed_total INTEGER NOT NULL,
  written_at INTEGER NOT NULL,
  UNIQUE(provider, account, period_start));

-- Display names of (sub-)accounts, kept current by the writer.
CREATE TABLE account(
  id INTEGER PRIMARY KEY REFERENCES str(id),
  provider INTEGER NOT NULL REFERENCES str(id),
  name INTEGER NOT NULL REFERENCES str(id));

-- Money columns are integer nano-units of the period's currency.
CREATE TABLE line_item(
  id INTEGER PRIMARY KEY,
  period_id INTEGER NOT NULL REFERENCES billing_period(id),
)sql" COSTSCOPE_LINE_ITEM_COLUMNS R"sql();
CREATE INDEX line_item_period ON line_item(period_id);

-- Day x sub-account x service x region x charge category.
CREATE TABLE rollup_daily(
  period_id INTEGER NOT NULL REFERENCES billing_period(id),
  day INTEGER NOT NULL,
  sub_account INTEGER NOT NULL,
  service INTEGER NOT NULL,
  region INTEGER NOT NULL,
  charge_category INTEGER NOT NULL,
  billed INTEGER NOT NULL,
  effective INTEGER NOT NULL,
  list INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  PRIMARY KEY(period_id, day, sub_account, service, region, charge_category)) WITHOUT ROWID;
CREATE INDEX rollup_daily_day ON rollup_daily(day, period_id, sub_account, service, region, billed, effective);

-- Day x resource (with the resource's account, service, region and tag set).
CREATE TABLE rollup_resource_daily(
  period_id INTEGER NOT NULL REFERENCES billing_period(id),
  day INTEGER NOT NULL,
  resource INTEGER NOT NULL,
  sub_account INTEGER NOT NULL,
  service INTEGER NOT NULL,
  region INTEGER NOT NULL,
  tagset INTEGER NOT NULL,
  billed INTEGER NOT NULL,
  effective INTEGER NOT NULL,
  list INTEGER NOT NULL,
  PRIMARY KEY(period_id, day, resource, sub_account, service, region, tagset)) WITHOUT ROWID;
CREATE INDEX rollup_resource_daily_day ON rollup_resource_daily(day);
CREATE INDEX rollup_resource_daily_resource ON rollup_resource_daily(resource, day);
)sql";

// Version 2: resources, attachments and metric series.
const char *const kVersion2 = R"sql(
CREATE TABLE resource(
  id INTEGER PRIMARY KEY,
  provider INTEGER NOT NULL REFERENCES str(id),
  account INTEGER NOT NULL REFERENCES str(id),
  region INTEGER NOT NULL REFERENCES str(id),
  resource INTEGER NOT NULL REFERENCES str(id),
  name INTEGER NOT NULL REFERENCES str(id),
  type INTEGER NOT NULL REFERENCES str(id),
  flavor INTEGER NOT NULL REFERENCES str(id),
  state INTEGER NOT NULL REFERENCES str(id),
  first_seen INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  tagset INTEGER NOT NULL REFERENCES kvset(id),
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE(provider, resource));
CREATE TABLE attachment(
  resource_id INTEGER NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
  target INTEGER NOT NULL REFERENCES str(id),
  kind INTEGER NOT NULL REFERENCES str(id),
  PRIMARY KEY(resource_id, target)) WITHOUT ROWID;
CREATE TABLE metric_point(
  resource_id INTEGER NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
  metric INTEGER NOT NULL REFERENCES str(id),
  t INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY(resource_id, metric, t)) WITHOUT ROWID;
CREATE TABLE metric_daily(
  resource_id INTEGER NOT NULL REFERENCES resource(id) ON DELETE CASCADE,
  metric INTEGER NOT NULL REFERENCES str(id),
  day INTEGER NOT NULL,
  avg REAL NOT NULL,
  max REAL NOT NULL,
  samples INTEGER NOT NULL,
  PRIMARY KEY(resource_id, metric, day)) WITHOUT ROWID;
)sql";

// Version 3: ML experiments and runs.
const char *const kVersion3 = R"sql(
CREATE TABLE ml_experiment(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  primary_metric TEXT NOT NULL DEFAULT '',
  maximize INTEGER NOT NULL DEFAULT 1,
  lifecycle TEXT NOT NULL DEFAULT 'active',
  created_ms INTEGER NOT NULL DEFAULT 0,
  tagset INTEGER NOT NULL DEFAULT 0 REFERENCES kvset(id));
CREATE TABLE ml_run(
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  experiment_id INTEGER NOT NULL REFERENCES ml_experiment(id),
  name TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'RUNNING',
  start_ms INTEGER NOT NULL DEFAULT 0,
  end_ms INTEGER NOT NULL DEFAULT 0,
  instance_id TEXT NOT NULL DEFAULT '',
  instance_type TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT '',
  dataset TEXT NOT NULL DEFAULT '',
  lifecycle TEXT NOT NULL DEFAULT 'active');
CREATE INDEX ml_run_experiment ON ml_run(experiment_id);
CREATE TABLE ml_param(
  run_id INTEGER NOT NULL REFERENCES ml_run(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(run_id, key)) WITHOUT ROWID;
CREATE TABLE ml_tag(
  run_id INTEGER NOT NULL REFERENCES ml_run(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(run_id, key)) WITHOUT ROWID;
CREATE TABLE ml_metric(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES ml_run(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  step INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  value REAL NOT NULL);
CREATE INDEX ml_metric_run ON ml_metric(run_id, key, step);
)sql";

// Version 4: a source remembers how many billing periods it wrote, so a file whose periods
// were partly replaced by a newer import is no longer "already imported".
const char *const kVersion4 = R"sql(
ALTER TABLE source ADD COLUMN period_count INTEGER NOT NULL DEFAULT 0;
UPDATE source SET period_count = (SELECT count(*) FROM billing_period p WHERE p.source_id = source.id);
)sql";

// Version 5: the rollups are keyed by day first, so a date range is one sequential scan of
// the table itself (no index lookups per row); resources are found by id alone.
const char *const kVersion5 = R"sql(
CREATE TABLE rollup_daily_v5(
  period_id INTEGER NOT NULL REFERENCES billing_period(id),
  day INTEGER NOT NULL,
  sub_account INTEGER NOT NULL,
  service INTEGER NOT NULL,
  region INTEGER NOT NULL,
  charge_category INTEGER NOT NULL,
  billed INTEGER NOT NULL,
  effective INTEGER NOT NULL,
  list INTEGER NOT NULL,
  rows INTEGER NOT NULL,
  PRIMARY KEY(day, period_id, sub_account, service, region, charge_category)) WITHOUT ROWID;
INSERT INTO rollup_daily_v5(period_id, day, sub_account, service, region, charge_category, billed, effective, list,
                            rows)
  SELECT period_id, day, sub_account, service, region, charge_category, billed, effective, list, rows
  FROM rollup_daily;
DROP TABLE rollup_daily;
ALTER TABLE rollup_daily_v5 RENAME TO rollup_daily;
CREATE INDEX rollup_daily_period ON rollup_daily(period_id);

CREATE TABLE rollup_resource_daily_v5(
  period_id INTEGER NOT NULL REFERENCES billing_period(id),
  day INTEGER NOT NULL,
  resource INTEGER NOT NULL,
  sub_account INTEGER NOT NULL,
  service INTEGER NOT NULL,
  region INTEGER NOT NULL,
  tagset INTEGER NOT NULL,
  billed INTEGER NOT NULL,
  effective INTEGER NOT NULL,
  list INTEGER NOT NULL,
  PRIMARY KEY(day, period_id, resource, sub_account, service, region, tagset)) WITHOUT ROWID;
INSERT INTO rollup_resource_daily_v5(period_id, day, resource, sub_account, service, region, tagset, billed,
                                     effective, list)
  SELECT period_id, day, resource, sub_account, service, region, tagset, billed, effective, list
  FROM rollup_resource_daily;
DROP TABLE rollup_resource_daily;
ALTER TABLE rollup_resource_daily_v5 RENAME TO rollup_resource_daily;
CREATE INDEX rollup_resource_daily_period ON rollup_resource_daily(period_id);
CREATE INDEX rollup_resource_daily_resource ON rollup_resource_daily(resource, day);

CREATE INDEX resource_by_id ON resource(resource);
)sql";

// Version 6: two smaller rollups for the two big regroupings. Cost by tag value per day (a tag
// with an empty value is untagged and not listed; untagged cost is the rest of the day), and
// cost by resource per month (month = day number of its first day).
const char *const kVersion6 = R"sql(
CREATE TABLE rollup_tag_daily(
  period_id INTEGER NOT NULL REFERENCES billing_period(id),
  day INTEGER NOT NULL,
  key_id INTEGER NOT NULL,
  value_id INTEGER NOT NULL,
  billed INTEGER NOT NULL,
  effective INTEGER NOT NULL,
  list INTEGER NOT NULL,
  PRIMARY KEY(key_id, day, period_id, value_id)) WITHOUT ROWID;
CREATE INDEX rollup_tag_daily_period ON rollup_tag_daily(period_id);
INSERT INTO rollup_tag_daily(period_id, day, key_id, value_id, billed, effective, list)
  SELECT r.period_id, r.day, i.key_id, i.value_id, sum(r.billed), sum(r.effective), sum(r.list)
  FROM rollup_resource_daily r JOIN kvset_item i ON i.set_id = r.tagset AND i.value_id <> 0
  GROUP BY r.period_id, r.day, i.key_id, i.value_id;

CREATE TABLE rollup_resource_monthly(
  period_id INTEGER NOT NULL REFERENCES billing_period(id),
  month INTEGER NOT NULL,
  resource INTEGER NOT NULL,
  billed INTEGER NOT NULL,
  effective INTEGER NOT NULL,
  list INTEGER NOT NULL,
  PRIMARY KEY(month, period_id, resource)) WITHOUT ROWID;
CREATE INDEX rollup_resource_monthly_period ON rollup_resource_monthly(period_id);
INSERT INTO rollup_resource_monthly(period_id, month, resource, billed, effective, list)
  SELECT period_id, CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400 AS m,
         resource, sum(billed), sum(effective), sum(list)
  FROM rollup_resource_daily GROUP BY period_id, m, resource;
)sql";

// Version 7: pools (name, parent, TTL), owner/pool assignment rules with their conditions, and
// TTLs set on single resources. Settings of the workspace: clearing costs and resources keeps
// them (a resource's own TTL goes with the resource).
const char *const kVersion7 = R"sql(
CREATE TABLE pool(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES pool(id) ON DELETE SET NULL,
  ttl_hours INTEGER NOT NULL DEFAULT 0);
CREATE TABLE assignment_rule(
  id INTEGER PRIMARY KEY,
  priority INTEGER NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  pool_id INTEGER REFERENCES pool(id) ON DELETE SET NULL,
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE assignment_condition(
  rule_id INTEGER NOT NULL REFERENCES assignment_rule(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL DEFAULT '',
  value TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(rule_id, position)) WITHOUT ROWID;
CREATE TABLE resource_ttl(
  resource_id INTEGER PRIMARY KEY REFERENCES resource(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL);
)sql";

// Version 8: recommendations. Options per module, dismissed items, the items of the last run
// (with the digest of the options that found them) and the archive of items that disappeared.
const char *const kVersion8 = R"sql(
CREATE TABLE recommendation_option(
  module TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(module, key)) WITHOUT ROWID;
CREATE TABLE recommendation_dismissed(
  module TEXT NOT NULL,
  resource TEXT NOT NULL,
  dismissed_at INTEGER NOT NULL,
  PRIMARY KEY(module, resource)) WITHOUT ROWID;
CREATE TABLE recommendation_item(
  module TEXT NOT NULL,
  resource TEXT NOT NULL,
  name TEXT NOT NULL,
  saving INTEGER NOT NULL,
  currency TEXT NOT NULL,
  detail TEXT NOT NULL,
  options_digest TEXT NOT NULL,
  found_at INTEGER NOT NULL,
  PRIMARY KEY(module, resource)) WITHOUT ROWID;
CREATE TABLE recommendation_archive(
  id INTEGER PRIMARY KEY,
  module TEXT NOT NULL,
  resource TEXT NOT NULL,
  name TEXT NOT NULL,
  saving INTEGER NOT NULL,
  currency TEXT NOT NULL,
  detail TEXT NOT NULL,
  reason TEXT NOT NULL,
  archived_at INTEGER NOT NULL);
)sql";

// Version 9: the AWS CUR net unblended cost as a money column of its line item (nano-units, NULL
// when the source has none) instead of a key/value set per row. Line items written before keep
// it as their `net_unblended_cost` attribute.
const char *const kVersion9 = R"sql(
ALTER TABLE line_item ADD COLUMN net INTEGER;
)sql";

// Version 10: what the MLflow tracking API needs. Experiments get an artifact location, an update
// time and their own tags; runs a user and an artifact URI; a metric point records NaN apart
// (SQLite stores NaN as NULL). Experiment 0, "Default", exists as in MLflow.
const char *const kVersion10 = R"sql(
ALTER TABLE ml_experiment ADD COLUMN artifact_location TEXT NOT NULL DEFAULT '';
ALTER TABLE ml_experiment ADD COLUMN updated_ms INTEGER NOT NULL DEFAULT 0;
CREATE TABLE ml_experiment_tag(
  experiment_id INTEGER NOT NULL REFERENCES ml_experiment(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(experiment_id, key)) WITHOUT ROWID;
ALTER TABLE ml_run ADD COLUMN user_id TEXT NOT NULL DEFAULT '';
ALTER TABLE ml_run ADD COLUMN artifact_uri TEXT NOT NULL DEFAULT '';
ALTER TABLE ml_metric ADD COLUMN is_nan INTEGER NOT NULL DEFAULT 0;
INSERT OR IGNORE INTO ml_experiment(id, name, created_ms, updated_ms) VALUES (0, 'Default', 0, 0);
)sql";

// Version 11: budgets. A monthly limit per pool, the pool's scope (terms of a dimension are
// alternatives, dimensions must all hold), alert thresholds, the alerts already fired (once per
// pool, month and threshold) and OptScale's constraints on pools or single resources. Money in
// nano-units, dates ISO text.
const char *const kVersion11 = R"sql(
CREATE TABLE pool_budget(
  pool_id INTEGER PRIMARY KEY REFERENCES pool(id) ON DELETE CASCADE,
  monthly_limit INTEGER NOT NULL DEFAULT 0);
CREATE TABLE pool_scope(
  pool_id INTEGER NOT NULL REFERENCES pool(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  dimension TEXT NOT NULL,
  key TEXT NOT NULL DEFAULT '',
  value TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(pool_id, position)) WITHOUT ROWID;
CREATE TABLE budget_threshold(
  pool_id INTEGER NOT NULL REFERENCES pool(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  basis TEXT NOT NULL,
  kind TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY(pool_id, position)) WITHOUT ROWID;
CREATE TABLE budget_alert(
  pool_id INTEGER NOT NULL REFERENCES pool(id) ON DELETE CASCADE,
  month TEXT NOT NULL,
  threshold TEXT NOT NULL,
  fired_at INTEGER NOT NULL,
  value INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY(pool_id, month, threshold)) WITHOUT ROWID;
CREATE TABLE budget_constraint(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  pool_id INTEGER REFERENCES pool(id) ON DELETE CASCADE,
  resource TEXT NOT NULL DEFAULT '',
  amount INTEGER NOT NULL DEFAULT 0,
  count INTEGER NOT NULL DEFAULT 0,
  resource_type TEXT NOT NULL DEFAULT '',
  required_tags TEXT NOT NULL DEFAULT '',
  forbidden_tags TEXT NOT NULL DEFAULT '',
  date_from TEXT NOT NULL DEFAULT '',
  date_until TEXT NOT NULL DEFAULT '');
)sql";

// Version 12: cost allocation. Rules in order (what they take: untagged, a service, an account, a
// team value or Kubernetes idle cost; split by fixed basis points or by usage), their target teams,
// and the tag key that names teams. Settings: a demo regeneration keeps them.
const char *const kVersion12 = R"sql(
CREATE TABLE allocation_option(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE allocation_rule(
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  source TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT '',
  method TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE allocation_target(
  rule_id INTEGER NOT NULL REFERENCES allocation_rule(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  team TEXT NOT NULL,
  basis_points INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(rule_id, position)) WITHOUT ROWID;
)sql";

// Version 13: a recommendation item names the provider of its resource, so it is matched to the
// resource by (provider, id): ids can collide across clouds. Items stored before have ''.
const char *const kVersion13 = R"sql(
ALTER TABLE recommendation_item ADD COLUMN provider TEXT NOT NULL DEFAULT '';
)sql";

// Version 14: three contracts shared by later work.
// - SaaS/PaaS usage (issue 8): per day and entity (bucket, cluster, warehouse, user, workspace,
//   project) the usage of S3, Redshift, BigQuery, Databricks and Snowflake, and their queries. The
//   cost of these services is also in line_item like any other cost (from CUR, the GCP export or the
//   SaaS providers' own billing periods); these tables hold the usage detail behind it. Money is
//   integer nano-units of `currency`; days are dayNumber() values.
// - Currency rates (issue 7): 1 unit of from_currency = rate units of to_currency from valid_from
//   (a day number) on; rate is a decimal string, exact. The original currency of every amount stays
//   in the cost tables; rates only convert for display.
// - Budgeted sweeps (issue 6): a planned hyperparameter grid with its projected cost and budget;
//   its runs carry the tag costscope.sweep = <sweep id>.
const char *const kVersion14 = R"sql(
CREATE TABLE saas_usage_daily(
  service TEXT NOT NULL,
  account TEXT NOT NULL,
  day INTEGER NOT NULL,
  entity_kind TEXT NOT NULL,
  entity TEXT NOT NULL,
  usage_type TEXT NOT NULL,
  quantity REAL NOT NULL,
  unit TEXT NOT NULL,
  cost INTEGER NOT NULL,
  currency TEXT NOT NULL,
  source TEXT NOT NULL,
  PRIMARY KEY(service, account, day, entity_kind, entity, usage_type)) WITHOUT ROWID;
CREATE INDEX saas_usage_daily_day ON saas_usage_daily(day, service);
CREATE TABLE saas_query(
  service TEXT NOT NULL,
  account TEXT NOT NULL,
  query_id TEXT NOT NULL,
  day INTEGER NOT NULL,
  started_ms INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  user_name TEXT NOT NULL,
  scope TEXT NOT NULL,
  statement_type TEXT NOT NULL,
  query_text TEXT NOT NULL,
  bytes_scanned INTEGER NOT NULL,
  bytes_billed INTEGER NOT NULL,
  slot_ms INTEGER NOT NULL,
  credits REAL NOT NULL,
  cost INTEGER NOT NULL,
  currency TEXT NOT NULL,
  full_scan INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  PRIMARY KEY(service, account, query_id)) WITHOUT ROWID;
CREATE INDEX saas_query_day ON saas_query(day, service);
CREATE INDEX saas_query_cost ON saas_query(cost);
CREATE TABLE currency_rate(
  from_currency TEXT NOT NULL,
  to_currency TEXT NOT NULL,
  valid_from INTEGER NOT NULL,
  rate TEXT NOT NULL,
  origin TEXT NOT NULL DEFAULT 'user',
  PRIMARY KEY(from_currency, to_currency, valid_from)) WITHOUT ROWID;
CREATE TABLE ml_sweep(
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  instance_type TEXT NOT NULL,
  minutes_per_run REAL NOT NULL,
  hourly_price INTEGER NOT NULL,
  budget INTEGER NOT NULL,
  currency TEXT NOT NULL,
  grid_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'planned',
  status_reason TEXT NOT NULL DEFAULT '');
)sql";

// Version 15: the rollups keyed by day (or month) first lose their period index. Rows of a
// billing period lie inside its days [period_start, period_end), so the writer deletes a replaced
// period by that day range on the primary key; the index cost an import one sort and one entry
// per rollup row for nothing else (every query reads these tables by day range or by resource).
// The tag rollup is keyed by tag key first and keeps its period index.
const char *const kVersion15 = R"sql(
DROP INDEX IF EXISTS rollup_daily_period;
DROP INDEX IF EXISTS rollup_resource_daily_period;
DROP INDEX IF EXISTS rollup_resource_monthly_period;
)sql";

// Version 16: a line item's id is (its billing period's id << 32) + its number within the period
// (the writer numbers a period's items from 0 in the order written), so a period's line items are
// one range of the table's own key: a replaced period is deleted by that range and its items are
// read by it. The period index goes: it cost every import a sort and an entry per line item (0.3 s
// for a million rows). An existing item keeps its old id as its number (old ids are below 2^32; the
// CHECKs stop the migration otherwise), copied in the old order, which needs no sort: a workspace's
// items were written a period at a time, so the copy mostly appends. The old table is emptied
// before it is dropped: in WAL mode, with foreign keys on, dropping it full held a page per old page
// in memory (226 MiB for a million items, 639 MiB for five), emptied first the page cache's 64 MiB
// (and migrate() now runs with foreign keys off: 97 MiB in all for five million). period_id is no
// longer a foreign key: without its index, deleting a billing period made SQLite scan every line
// item for the check (50 ms per million items per replaced period); the id range is the link now,
// kept by the writer.
const char *const kVersion16 = R"sql(
CREATE TEMP TABLE v16_check(min_id INTEGER CHECK (min_id >= 0), max_id INTEGER CHECK (max_id < 4294967296),
                            min_period INTEGER CHECK (min_period >= 0),
                            max_period INTEGER CHECK (max_period < 1073741824));
INSERT INTO v16_check SELECT min(id), max(id), min(period_id), max(period_id) FROM line_item;
DROP TABLE v16_check;
CREATE TABLE line_item_v16(
  id INTEGER PRIMARY KEY,
  period_id INTEGER NOT NULL,
)sql" COSTSCOPE_LINE_ITEM_COLUMNS R"sql(,
  net INTEGER);
INSERT INTO line_item_v16(id, period_id, charge_start, charge_end, day, sub_account, service, service_category,
                          region, resource, resource_name, resource_type, sku, description, charge_category,
                          pricing_category, consumed_qty, consumed_unit, pricing_qty, pricing_unit, billed, effective,
                          list, contracted, commitment, tagset, attrset, net)
  SELECT (period_id << 32) + id, period_id, charge_start, charge_end, day, sub_account, service, service_category,
         region, resource, resource_name, resource_type, sku, description, charge_category, pricing_category,
         consumed_qty, consumed_unit, pricing_qty, pricing_unit, billed, effective, list, contracted, commitment,
         tagset, attrset, net
  FROM line_item;
DELETE FROM line_item;
DROP TABLE line_item;
ALTER TABLE line_item_v16 RENAME TO line_item;
)sql";

const char *const kSteps[] = {kVersion1, kVersion2, kVersion3, kVersion4,
                              kVersion5, kVersion6, kVersion7, kVersion8, kVersion9, kVersion10,
                              kVersion11, kVersion12, kVersion13, kVersion14, kVersion15, kVersion16};
static_assert(sizeof(kSteps) / sizeof(kSteps[0]) == kCurrentVersion);
#undef COSTSCOPE_LINE_ITEM_COLUMNS

} // namespace

int version(SqliteDb &db) { return static_cast<int>(db.queryInt("PRAGMA user_version", -1)); }

bool migrate(SqliteDb &db, int targetVersion, QString *error)
{
    // The steps run with foreign keys off (SQLite's own advice for rebuilding a table): they only
    // copy, add or drop, and none relies on a cascade; version 16 copies the line items 3x faster.
    // The pragma cannot change inside a transaction, so it is set around all the steps.
    struct ForeignKeysOff
    {
        explicit ForeignKeysOff(SqliteDb &connection)
            : m_db(connection), m_wasOn(connection.queryInt("PRAGMA foreign_keys", 0) == 1)
        {
            if (m_wasOn)
                m_db.exec("PRAGMA foreign_keys = OFF");
        }
        ~ForeignKeysOff()
        {
            if (m_wasOn)
                m_db.exec("PRAGMA foreign_keys = ON");
        }
        ForeignKeysOff(const ForeignKeysOff &) = delete;
        ForeignKeysOff &operator=(const ForeignKeysOff &) = delete;
        SqliteDb &m_db;
        const bool m_wasOn;
    };
    int current = version(db);
    if (current < 0) {
        if (error)
            *error = db.lastError();
        return false;
    }
    if (current > targetVersion) {
        if (error)
            *error = QStringLiteral("schema version %1 is newer than %2").arg(current).arg(targetVersion);
        return false;
    }
    const ForeignKeysOff keysOff(db);
    while (current < targetVersion) {
        Transaction txn(db);
        if (!txn.isActive()) {
            if (error)
                *error = txn.error();
            return false;
        }
        QString stepError;
        if (!db.exec(kSteps[current], &stepError)) {
            if (error)
                *error = QStringLiteral("migration to version %1 failed: %2").arg(current + 1).arg(stepError);
            return false;
        }
        const QByteArray pragma = "PRAGMA user_version = " + QByteArray::number(current + 1);
        const QByteArray appId = "PRAGMA application_id = " + QByteArray::number(kApplicationId);
        if (!db.exec(pragma.constData(), &stepError) || !db.exec(appId.constData(), &stepError)) {
            if (error)
                *error = stepError;
            return false;
        }
        if (!txn.commit()) {
            if (error)
                *error = txn.error();
            return false;
        }
        ++current;
        qCInfo(lcSchema) << "migrated workspace schema to version" << current;
    }
    return true;
}

} // namespace costscope::store::Schema
