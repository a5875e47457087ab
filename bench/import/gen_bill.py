#!/usr/bin/env python3
"""Writes a synthetic billing file for the import benchmark: a CUR-like (legacy AWS CUR columns)
or a FOCUS 1.0 CSV with ROWS rows, deterministic for a given seed.

Usage: gen_bill.py cur|focus|cur-scattered|focus-scattered ROWS OUT.csv [SEED]

cur, focus: like a real bill. 5,000 resources, each with its own service, region, account, usage
  type, team tag and price for the whole month, bill hourly usage; rows come in day order with the
  resources in random order within a day. About 1 in 20 rows is a tax row (no resource) or a credit.
  So a resource has several rows a day, as in a real CUR (hourly line items).
cur-scattered, focus-scattered: the worst case for the store's rollups. Every row draws its
  service, region, account and tag independently of its resource, so almost every row is a day x
  resource rollup cell of its own (nothing in a real bill looks like this). These are the files
  the benchmark used before 2026-11-29, byte for byte.
"""
import random
import sys

SERVICES = ['AmazonEC2', 'AmazonS3', 'AmazonRDS', 'AWSLambda', 'AmazonCloudWatch', 'AmazonDynamoDB',
            'AmazonEKS', 'AWSDataTransfer', 'AmazonSageMaker', 'AmazonElastiCache']
REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1']
TYPES = ['Usage'] * 18 + ['Tax', 'Credit']
ACCOUNTS = ['%012d' % (100000000000 + i * 7919) for i in range(20)]


CUR_HEADER = ('identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,'
              'lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,'
              'lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/ResourceId,'
              'lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,lineItem/LineItemDescription,'
              'product/region,pricing/publicOnDemandCost,pricing/term,resourceTags/user:team\n')
FOCUS_HEADER = ('BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,'
                'ChargeCategory,ChargeDescription,ChargePeriodEnd,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,'
                'EffectiveCost,ListCost,PricingCategory,ProviderName,RegionId,ResourceId,ServiceName,SubAccountId,'
                'Tags\n')
USAGE_TYPES = {'AmazonEC2': 'BoxUsage:m5.large', 'AmazonS3': 'TimedStorage-ByteHrs', 'AmazonRDS': 'InstanceUsage:db.r5',
               'AWSLambda': 'Request', 'AmazonCloudWatch': 'MetricMonitorUsage', 'AmazonDynamoDB': 'ReadCapacityUnit-Hrs',
               'AmazonEKS': 'AmazonEKS-Hours:perCluster', 'AWSDataTransfer': 'DataTransfer-Out-Bytes',
               'AmazonSageMaker': 'ml.g5.xlarge-Hosting', 'AmazonElastiCache': 'NodeUsage:cache.r6g'}


def realistic(kind, rows, rnd, w):
    """Rows of 5,000 resources that keep their attributes all month (see the module's text)."""
    resources = []
    for _ in range(5000):
        svc = rnd.choice(SERVICES)
        resources.append({'id': 'i-%017x' % rnd.getrandbits(68), 'svc': svc, 'region': rnd.choice(REGIONS),
                          'sub': rnd.choice(ACCOUNTS), 'team': rnd.choice(['web', 'data', 'ml', 'platform', '']),
                          'usage': USAGE_TYPES[svc], 'price': rnd.choice([0.0116, 0.096, 0.192, 0.504, 1.212, 3.06])})
    w(CUR_HEADER if kind == 'cur' else FOCUS_HEADER)
    for i in range(rows):
        r = rnd.choice(resources)
        day = 1 + (i * 31 // rows) % 31
        hour = rnd.randrange(24)
        typ = rnd.choice(TYPES)
        qty = rnd.uniform(0.5, 1.0)
        cost = round(qty * r['price'], 10)
        res, usage, desc = r['id'], r['usage'], '%s usage in %s, hourly' % (r['svc'], r['region'])
        if typ == 'Tax':
            res, usage, desc, cost = '', 'Tax', 'Tax for %s' % r['svc'], round(cost * 0.08, 10)
        elif typ == 'Credit':
            cost, desc = -cost, 'Promotional credit'
        start = '2024-01-%02dT%02d:00:00Z' % (day, hour)
        end = '2024-01-%02dT%02d:59:59Z' % (day, hour)
        if kind == 'cur':
            w('%d,999999999999,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,%s,%s,%s,%s,%s,%s:%s,Run,%s,%.6f,USD,'
              '%.10f,"%s",%s,%.10f,OnDemand,%s\n'
              % (i, r['sub'], typ, start, end, r['svc'], r['region'], usage, res, qty, cost, desc, r['region'],
                 abs(cost) * 1.2, r['team']))
        else:
            tags = '"{""team"": ""%s""}"' % r['team'] if r['team'] else ''
            w('%.10f,999999999999,Bench Org,USD,2024-02-01T00:00:00Z,2024-01-01T00:00:00Z,%s,'
              '"%s",%s,%s,%.6f,Hours,%.10f,%.10f,Standard,AWS,%s,%s,%s,%s,%s\n'
              % (cost, 'Usage' if typ == 'Usage' else typ, desc, end, start, qty, cost, abs(cost) * 1.2, r['region'],
                 res, r['svc'], r['sub'], tags))


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ('cur', 'focus', 'cur-scattered', 'focus-scattered'):
        sys.exit(__doc__)
    kind, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    if not kind.endswith('-scattered'):
        with open(out, 'w', newline='') as f:
            realistic(kind, rows, rnd, f.write)
        return
    kind = kind[:-len('-scattered')]
    resources = ['i-%017x' % rnd.getrandbits(68) for _ in range(5000)]
    with open(out, 'w', newline='') as f:
        w = f.write
        w(CUR_HEADER if kind == 'cur' else FOCUS_HEADER)
        for i in range(rows):
            svc = rnd.choice(SERVICES)
            region = rnd.choice(REGIONS)
            res = rnd.choice(resources)
            sub = rnd.choice(ACCOUNTS)
            day = 1 + (i * 31 // rows) % 31
            hour = rnd.randrange(24)
            typ = rnd.choice(TYPES)
            cost = rnd.randrange(0, 10**10) / 10**10 * rnd.choice([0.01, 0.1, 1, 10])
            if typ == 'Credit':
                cost = -cost
            start = '2024-01-%02dT%02d:00:00Z' % (day, hour)
            end = '2024-01-%02dT%02d:59:59Z' % (day, hour)
            team = rnd.choice(['web', 'data', 'ml', 'platform', ''])
            if kind == 'cur':
                w('%d,999999999999,2024-01-01T00:00:00Z,2024-02-01T00:00:00Z,%s,%s,%s,%s,%s,%s:Usage,Run,%s,%.6f,USD,'
                  '%.10f,"%s usage in %s, hourly",%s,%.10f,OnDemand,%s\n'
                  % (i, sub, typ, start, end, svc, region, res, rnd.random() * 10, cost, svc, region, region,
                     abs(cost) * 1.2, team))
            else:
                tags = '"{""team"": ""%s""}"' % team if team else ''
                w('%.10f,999999999999,Bench Org,USD,2024-02-01T00:00:00Z,2024-01-01T00:00:00Z,%s,'
                  '"%s usage in %s, hourly",%s,%s,%.6f,Hours,%.10f,%.10f,Standard,AWS,%s,%s,%s,%s,%s\n'
                  % (cost, 'Usage' if typ == 'Usage' else typ, svc, region, end, start, rnd.random() * 10, cost,
                     abs(cost) * 1.2, region, res, svc, sub, tags))


if __name__ == '__main__':
    main()
