#pragma once

#include "model/Domain.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace costscope::analysis {

// The conditions of OptScale's assignment rules.
enum class ConditionKind {
    NameIs,
    NameStartsWith,
    NameEndsWith,
    NameContains,
    TypeIs,
    CloudIs,
    RegionIs,
    TagIs,            // key = value
    TagExists,        // key
    TagValueStartsWith // key, value prefix
};

QString conditionKindName(ConditionKind kind); // "name_is", "tag_value_starts_with" ... (stored)
std::optional<ConditionKind> conditionKindFromName(QStringView name);

struct RuleCondition
{
    ConditionKind kind = ConditionKind::NameIs;
    QString key;   // tag key for the tag conditions
    QString value; // name, type, cloud, region, tag value or prefix

    bool operator==(const RuleCondition &) const = default;
};

// A rule sets owner and pool of the resources that meet all its conditions. Rules are tried in
// priority order (1 first, ties by id); the first active rule that matches wins.
struct AssignmentRule
{
    int64_t id = 0;
    int priority = 1;
    QString name;
    std::vector<RuleCondition> conditions; // all must hold; a rule without conditions matches nothing
    QString owner;
    QString pool; // pool name; empty leaves the pool unset
    bool active = true;
};

// What the rules look at.
struct AssignmentSubject
{
    QString provider; // "AWS", "Azure" ... (cloud is)
    QString name;
    QString resourceId;
    QString type;
    QString region;
    Tags tags;
};

struct Assignment
{
    QString owner;
    QString pool;
    int64_t ruleId = 0; // 0: no rule matched
};

bool matches(const RuleCondition &condition, const AssignmentSubject &subject);
bool matches(const AssignmentRule &rule, const AssignmentSubject &subject);

// Rules sorted into evaluation order (priority, then id); inactive rules stay in the list.
std::vector<AssignmentRule> inEvaluationOrder(std::vector<AssignmentRule> rules);
// The first matching active rule of rules, which must be in evaluation order.
Assignment assign(const std::vector<AssignmentRule> &orderedRules, const AssignmentSubject &subject);

// Conditions as one line of text, for the rule editor and the command line:
//   name is web-1 and tag env = prod and tag owner exists and region is eu-west-1
// Kinds: "name is|starts with|ends with|contains V", "type is V", "cloud is V", "region is V",
// "tag K = V", "tag K exists", "tag K starts with V"; conditions joined by " and ".
QString conditionsText(const std::vector<RuleCondition> &conditions);
// Parses conditionsText(); false with *error naming the part it did not understand.
bool parseConditions(const QString &text, std::vector<RuleCondition> *out, QString *error);

} // namespace costscope::analysis
