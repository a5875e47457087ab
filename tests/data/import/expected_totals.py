#!/usr/bin/env python3
"""Billed cost per billing account and billing period of a billing file, computed with the csv
module and decimal.Decimal only, independently of Costscope's importer.

Prints one JSON object: {"ACCOUNT|YYYY-MM-DD": {"cents": "12.35", "exact": "12.3456"}, ...} where the
date is the first day of the billing period, "cents" the total rounded half away from zero to cents
and "exact" the unrounded decimal sum. Usage: expected_totals.py FILE
"""
import csv
import datetime
import decimal
import gzip
import json
import re
import sys

D = decimal.Decimal


def amount(text):
    text = text.strip().replace('$', '').replace(',', '')
    return D(text)


def day(text):
    text = text.strip()
    m = re.match(r'^(\d{4})-(\d{2})-(\d{2})', text)
    if m:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    m = re.match(r'^(\d{1,2})/(\d{1,2})/(\d{2,4})', text)
    if m:
        y = int(m[3])
        return datetime.date(y + 2000 if y < 100 else y, int(m[1]), int(m[2]))
    raise ValueError('not a date: %r' % text)


def month_of(text):
    d = day(text)
    return datetime.date(d.year, d.month, 1)


def credits_total(text):
    text = text.strip()
    if not text or text == '[]':
        return D(0)
    return sum((D(x) for x in re.findall(r'["\']amount["\']\s*:\s*([-+0-9.eE]+)', text)), D(0))


def main(path):
    opener = gzip.open if open(path, 'rb').read(2) == b'\x1f\x8b' else open
    with opener(path, 'rt', encoding='utf-8-sig', newline='') as f:
        rows = csv.DictReader(f)
        cols = set(rows.fieldnames)
        sums = {}

        def add(account, period, value):
            key = '%s|%s' % (account, period.isoformat())
            sums[key] = sums.get(key, D(0)) + value

        for r in rows:
            if 'BilledCost' in cols:  # FOCUS
                account = r.get('BillingAccountId') or ''
                if account == 'NULL':
                    account = ''
                add(account, day(r['BillingPeriodStart']), amount(r['BilledCost']))
            elif 'lineItem/UnblendedCost' in cols:  # AWS CUR legacy
                add(r['bill/PayerAccountId'], day(r['bill/BillingPeriodStartDate']), amount(r['lineItem/UnblendedCost']))
            elif 'line_item_unblended_cost' in cols:  # AWS CUR snake_case / 2.0
                add(r['bill_payer_account_id'], day(r['bill_billing_period_start_date']),
                    amount(r['line_item_unblended_cost']))
            elif 'cost/myCost' in cols:  # OCI
                add(r['lineItem/tenantId'], month_of(r['lineItem/intervalUsageStart']), amount(r['cost/myCost']))
            elif 'service.description' in cols:  # GCP
                m = r['invoice.month']
                period = datetime.date(int(m[:4]), int(m[4:]), 1)
                add(r['billing_account_id'], period, amount(r['cost']) + credits_total(r.get('credits', '')))
            elif 'CostInBillingCurrency' in cols:  # Azure EA / v2
                add(r['BillingAccountId'], day(r['BillingPeriodStartDate']), amount(r['CostInBillingCurrency']))
            elif 'costInBillingCurrency' in cols:  # Azure MCA
                add(r['billingAccountId'], day(r['billingPeriodStartDate']), amount(r['costInBillingCurrency']))
            elif 'PreTaxCost' in cols:  # Azure legacy
                add(r['SubscriptionGuid'], month_of(r['UsageDateTime']), amount(r['PreTaxCost']))
            else:
                raise SystemExit('unknown format')
    cents = D('0.01')
    print(json.dumps({k: {'cents': str(v.quantize(cents, rounding=decimal.ROUND_HALF_UP)), 'exact': str(v)}
                      for k, v in sorted(sums.items())}))


if __name__ == '__main__':
    main(sys.argv[1])
