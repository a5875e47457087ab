#!/usr/bin/env bash
# Prints a digest of what an import wrote, to compare two workspaces (two builds, the same file):
# the md5 of the line items and of each rollup table, in a fixed order, with every string id
# resolved to its text and tag sets to their key=value lists (ids may differ between workspaces),
# the S3/Redshift usage (saas_usage_daily) the CUR reader gathers,
# then the row counts, the string and set counts and the billed sum. Line items are taken by billing
# period (provider, account, start), then in the order written (the low 32 bits of the id: the id
# itself before schema 16), so workspaces of either schema compare.
# Usage: workspace-digest.sh WORKSPACE      e.g.  diff <(workspace-digest.sh a.db) <(workspace-digest.sh b.db)
set -euo pipefail
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 WORKSPACE" >&2; exit 2; }
db=$1
q() { sqlite3 -batch "$db" "$1" | md5sum | cut -c1-12; }
echo "line_item   $(q "SELECT p.period_start, l.charge_start, l.charge_end, l.day, a.s, sv.s, rg.s, rs.s, l.charge_category, l.billed, l.effective, l.list, l.contracted, l.consumed_qty, (SELECT group_concat(k.s||'='||v.s, ';') FROM (SELECT * FROM kvset_item i WHERE i.set_id = l.tagset ORDER BY key_id) i JOIN str k ON k.id=i.key_id JOIN str v ON v.id=i.value_id) FROM line_item l JOIN billing_period p ON p.id=l.period_id JOIN str a ON a.id=l.sub_account JOIN str sv ON sv.id=l.service JOIN str rg ON rg.id=l.region JOIN str rs ON rs.id=l.resource JOIN str pv ON pv.id=p.provider JOIN str pa ON pa.id=p.account ORDER BY pv.s, pa.s, p.period_start, l.id & 4294967295")"
echo "rollup_daily $(q "SELECT r.day, a.s, sv.s, rg.s, r.charge_category, r.billed, r.effective, r.list, r.rows FROM rollup_daily r JOIN str a ON a.id=r.sub_account JOIN str sv ON sv.id=r.service JOIN str rg ON rg.id=r.region ORDER BY 1,2,3,4,5")"
echo "rollup_res   $(q "SELECT r.day, rs.s, a.s, sv.s, rg.s, r.billed, r.effective, r.list, (SELECT group_concat(k.s||'='||v.s, ';') FROM (SELECT * FROM kvset_item i WHERE i.set_id = r.tagset ORDER BY key_id) i JOIN str k ON k.id=i.key_id JOIN str v ON v.id=i.value_id) FROM rollup_resource_daily r JOIN str a ON a.id=r.sub_account JOIN str sv ON sv.id=r.service JOIN str rg ON rg.id=r.region JOIN str rs ON rs.id=r.resource ORDER BY 1,2,3,4,5,9")"
echo "rollup_tag   $(q "SELECT r.day, k.s, v.s, r.billed, r.effective, r.list FROM rollup_tag_daily r JOIN str k ON k.id=r.key_id JOIN str v ON v.id=r.value_id ORDER BY 1,2,3")"
echo "rollup_month $(q "SELECT r.month, rs.s, r.billed, r.effective, r.list FROM rollup_resource_monthly r JOIN str rs ON rs.id=r.resource ORDER BY 1,2")"
echo "saas_usage   $(q "SELECT service, account, day, entity_kind, entity, usage_type, quantity, unit, cost, currency FROM saas_usage_daily ORDER BY 1,2,3,4,5,6")"
echo "counts       $(sqlite3 "$db" "SELECT (SELECT count(*) FROM line_item)||' '||(SELECT count(*) FROM rollup_daily)||' '||(SELECT count(*) FROM rollup_resource_daily)||' '||(SELECT count(*) FROM rollup_tag_daily)||' '||(SELECT count(*) FROM rollup_resource_monthly)||' '||(SELECT count(*) FROM str)||' '||(SELECT count(*) FROM kvset)||' '||(SELECT sum(billed) FROM line_item)")"
