#!/usr/bin/env python3
"""Writes a synthetic billing file for the import benchmark: a CUR-like (legacy AWS CUR columns)
or a FOCUS 1.0 CSV with ROWS rows, deterministic for a given seed.

Usage: gen_bill.py cur|focus ROWS OUT.csv [SEED]
"""
import random
import sys

SERVICES = ['AmazonEC2', 'AmazonS3', 'AmazonRDS', 'AWSLambda', 'AmazonCloudWatch', 'AmazonDynamoDB',
            'AmazonEKS', 'AWSDataTransfer', 'AmazonSageMaker', 'AmazonElastiCache']
REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1']
TYPES = ['Usage'] * 18 + ['Tax', 'Credit']
ACCOUNTS = ['%012d' % (100000000000 + i * 7919) for i in range(20)]


def main():
    kind, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 42)
    resources = ['i-%017x' % rnd.getrandbits(68) for _ in range(5000)]
    with open(out, 'w', newline='') as f:
        w = f.write
        if kind == 'cur':
            w('identity/LineItemId,bill/PayerAccountId,bill/BillingPeriodStartDate,bill/BillingPeriodEndDate,'
              'lineItem/UsageAccountId,lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageEndDate,'
              'lineItem/ProductCode,lineItem/UsageType,lineItem/Operation,lineItem/ResourceId,'
              'lineItem/UsageAmount,lineItem/CurrencyCode,lineItem/UnblendedCost,lineItem/LineItemDescription,'
              'product/region,pricing/publicOnDemandCost,pricing/term,resourceTags/user:team\n')
        else:
            w('BilledCost,BillingAccountId,BillingAccountName,BillingCurrency,BillingPeriodEnd,BillingPeriodStart,'
              'ChargeCategory,ChargeDescription,ChargePeriodEnd,ChargePeriodStart,ConsumedQuantity,ConsumedUnit,'
              'EffectiveCost,ListCost,PricingCategory,ProviderName,RegionId,ResourceId,ServiceName,SubAccountId,Tags\n')
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
