#include "model/analysis/AssignmentRules.h"

#include <QRegularExpression>

#include <algorithm>

namespace costscope::analysis {

namespace {

struct KindName
{
    ConditionKind kind;
    const char16_t *name;
};

constexpr KindName kKindNames[] = {
    {ConditionKind::NameIs, u"name_is"},
    {ConditionKind::NameStartsWith, u"name_starts_with"},
    {ConditionKind::NameEndsWith, u"name_ends_with"},
    {ConditionKind::NameContains, u"name_contains"},
    {ConditionKind::TypeIs, u"resource_type_is"},
    {ConditionKind::CloudIs, u"cloud_is"},
    {ConditionKind::RegionIs, u"region_is"},
    {ConditionKind::TagIs, u"tag_is"},
    {ConditionKind::TagExists, u"tag_exists"},
    {ConditionKind::TagValueStartsWith, u"tag_value_starts_with"},
};

const QString *tagValue(const Tags &tags, const QString &key)
{
    for (const auto &t : tags)
        if (t.first == key)
            return &t.second;
    return nullptr;
}

// A resource without a name is matched by its id, as the clouds show one for the other.
QString displayName(const AssignmentSubject &s) { return s.name.isEmpty() ? s.resourceId : s.name; }

} // namespace

QString conditionKindName(ConditionKind kind)
{
    for (const KindName &k : kKindNames)
        if (k.kind == kind)
            return QString::fromUtf16(k.name);
    return {};
}

std::optional<ConditionKind> conditionKindFromName(QStringView name)
{
    for (const KindName &k : kKindNames)
        if (name == QStringView(k.name))
            return k.kind;
    return std::nullopt;
}

bool matches(const RuleCondition &c, const AssignmentSubject &s)
{
    // Names compare without regard to case (people write "Web-1" and "web-1"); ids, types,
    // clouds, regions and tags exactly, as the clouds spell them.
    switch (c.kind) {
    case ConditionKind::NameIs: return displayName(s).compare(c.value, Qt::CaseInsensitive) == 0;
    case ConditionKind::NameStartsWith: return displayName(s).startsWith(c.value, Qt::CaseInsensitive);
    case ConditionKind::NameEndsWith: return displayName(s).endsWith(c.value, Qt::CaseInsensitive);
    case ConditionKind::NameContains: return displayName(s).contains(c.value, Qt::CaseInsensitive);
    case ConditionKind::TypeIs: return s.type == c.value;
    case ConditionKind::CloudIs: return s.provider == canonicalProvider(c.value);
    case ConditionKind::RegionIs: return s.region == c.value;
    case ConditionKind::TagIs: {
        const QString *v = tagValue(s.tags, c.key);
        return v && *v == c.value;
    }
    case ConditionKind::TagExists: return tagValue(s.tags, c.key) != nullptr;
    case ConditionKind::TagValueStartsWith: {
        const QString *v = tagValue(s.tags, c.key);
        return v && v->startsWith(c.value);
    }
    }
    return false;
}

bool matches(const AssignmentRule &rule, const AssignmentSubject &subject)
{
    if (rule.conditions.empty())
        return false;
    for (const RuleCondition &c : rule.conditions)
        if (!matches(c, subject))
            return false;
    return true;
}

std::vector<AssignmentRule> inEvaluationOrder(std::vector<AssignmentRule> rules)
{
    std::stable_sort(rules.begin(), rules.end(), [](const AssignmentRule &a, const AssignmentRule &b) {
        return a.priority != b.priority ? a.priority < b.priority : a.id < b.id;
    });
    return rules;
}

Assignment assign(const std::vector<AssignmentRule> &orderedRules, const AssignmentSubject &subject)
{
    for (const AssignmentRule &r : orderedRules) {
        if (r.active && matches(r, subject))
            return Assignment{r.owner, r.pool, r.id};
    }
    return {};
}

QString conditionsText(const std::vector<RuleCondition> &conditions)
{
    QStringList parts;
    for (const RuleCondition &c : conditions) {
        switch (c.kind) {
        case ConditionKind::NameIs: parts << QStringLiteral("name is ") + c.value; break;
        case ConditionKind::NameStartsWith: parts << QStringLiteral("name starts with ") + c.value; break;
        case ConditionKind::NameEndsWith: parts << QStringLiteral("name ends with ") + c.value; break;
        case ConditionKind::NameContains: parts << QStringLiteral("name contains ") + c.value; break;
        case ConditionKind::TypeIs: parts << QStringLiteral("type is ") + c.value; break;
        case ConditionKind::CloudIs: parts << QStringLiteral("cloud is ") + c.value; break;
        case ConditionKind::RegionIs: parts << QStringLiteral("region is ") + c.value; break;
        case ConditionKind::TagIs: parts << QStringLiteral("tag ") + c.key + QStringLiteral(" = ") + c.value; break;
        case ConditionKind::TagExists: parts << QStringLiteral("tag ") + c.key + QStringLiteral(" exists"); break;
        case ConditionKind::TagValueStartsWith:
            parts << QStringLiteral("tag ") + c.key + QStringLiteral(" starts with ") + c.value;
            break;
        }
    }
    return parts.join(QStringLiteral(" and "));
}

bool parseConditions(const QString &text, std::vector<RuleCondition> *out, QString *error)
{
    out->clear();
    static const QRegularExpression andSep(QStringLiteral("\\s+and\\s+"), QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression subjectRe(
        QStringLiteral("^(name|type|cloud|region)\\s+(is|starts with|ends with|contains)\\s+(.+)$"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression tagRe(QStringLiteral("^tag\\s+(\\S+)\\s+(=|exists|starts with)\\s*(.*)$"),
                                          QRegularExpression::CaseInsensitiveOption);
    const QStringList parts = text.trimmed().split(andSep, Qt::SkipEmptyParts);
    if (parts.isEmpty()) {
        if (error)
            *error = QStringLiteral("a rule needs at least one condition");
        return false;
    }
    for (const QString &rawPart : parts) {
        const QString part = rawPart.trimmed();
        RuleCondition c;
        bool ok = false;
        if (const auto m = subjectRe.match(part); m.hasMatch()) {
            const QString subject = m.captured(1).toLower();
            const QString op = m.captured(2).toLower();
            c.value = m.captured(3).trimmed();
            ok = true;
            if (subject == u"name") {
                c.kind = op == u"is"            ? ConditionKind::NameIs
                         : op == u"starts with" ? ConditionKind::NameStartsWith
                         : op == u"ends with"   ? ConditionKind::NameEndsWith
                                                : ConditionKind::NameContains;
            } else if (op != u"is") {
                ok = false; // type/cloud/region only know "is"
            } else {
                c.kind = subject == u"type" ? ConditionKind::TypeIs
                         : subject == u"cloud" ? ConditionKind::CloudIs
                                               : ConditionKind::RegionIs;
            }
        } else if (const auto t = tagRe.match(part); t.hasMatch()) {
            c.key = t.captured(1);
            const QString op = t.captured(2).toLower();
            c.value = t.captured(3).trimmed();
            ok = true;
            if (op == u"exists") {
                c.kind = ConditionKind::TagExists;
                ok = c.value.isEmpty();
            } else {
                c.kind = op == u"=" ? ConditionKind::TagIs : ConditionKind::TagValueStartsWith;
                ok = op == u"=" || !c.value.isEmpty();
            }
        }
        if (!ok || (c.kind != ConditionKind::TagIs && c.kind != ConditionKind::TagExists && c.value.isEmpty())) {
            if (error)
                *error = QStringLiteral("cannot read the condition \u201c%1\u201d").arg(part);
            out->clear();
            return false;
        }
        out->push_back(c);
    }
    return true;
}

} // namespace costscope::analysis
