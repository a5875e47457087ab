#include "model/ml/SearchFilter.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace costscope::ml {

namespace {

// Attribute names as MLflow accepts them, mapped to the canonical name and whether it is a number.
struct AttributeName
{
    const char16_t *name;
    const char16_t *canonical;
    bool numeric;
};

constexpr AttributeName kRunAttributes[] = {
    {u"run_id", u"run_id", false},          {u"run_uuid", u"run_id", false},
    {u"run_name", u"run_name", false},      {u"status", u"status", false},
    {u"user_id", u"user_id", false},        {u"artifact_uri", u"artifact_uri", false},
    {u"start_time", u"start_time", true},   {u"end_time", u"end_time", true},
    {u"created", u"start_time", true},      {u"Created", u"start_time", true},
};

constexpr AttributeName kExperimentAttributes[] = {
    {u"name", u"name", false},
    {u"experiment_id", u"experiment_id", false},
    {u"creation_time", u"creation_time", true},
    {u"last_update_time", u"last_update_time", true},
};

std::optional<SearchKey> attributeKey(const QString &name, SearchEntity entity)
{
    auto find = [&](const auto &table) -> std::optional<SearchKey> {
        for (const AttributeName &a : table)
            if (name == QStringView(a.name))
                return SearchKey{SearchKey::Kind::Attribute, QString::fromUtf16(a.canonical), a.numeric};
        return std::nullopt;
    };
    return entity == SearchEntity::Runs ? find(kRunAttributes) : find(kExperimentAttributes);
}

QString attributeList(SearchEntity entity)
{
    QStringList names;
    auto add = [&](const auto &table) {
        for (const AttributeName &a : table)
            if (QStringView(a.name) == QStringView(a.canonical))
                names << QString::fromUtf16(a.name);
    };
    if (entity == SearchEntity::Runs)
        add(kRunAttributes);
    else
        add(kExperimentAttributes);
    return names.join(u", ");
}

// A small cursor over the text being parsed.
class Cursor
{
public:
    explicit Cursor(const QString &text) : m_text(text) {}

    void skipSpace()
    {
        while (m_pos < m_text.size() && m_text[m_pos].isSpace())
            ++m_pos;
    }
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const
    {
        return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : QChar();
    }
    qsizetype pos() const { return m_pos; }
    void advance(qsizetype n = 1) { m_pos += n; }
    const QString &text() const { return m_text; }

    // A word of letters/digits/underscores at the cursor (not consumed).
    QString peekWord() const
    {
        qsizetype end = m_pos;
        while (end < m_text.size() && (m_text[end].isLetterOrNumber() || m_text[end] == u'_'))
            ++end;
        return m_text.mid(m_pos, end - m_pos);
    }
    // Consumes a keyword (case-insensitive) that stands alone.
    bool takeKeyword(QStringView word)
    {
        const QString w = peekWord();
        if (w.compare(word, Qt::CaseInsensitive) != 0)
            return false;
        m_pos += w.size();
        return true;
    }

private:
    const QString &m_text;
    qsizetype m_pos = 0;
};

bool fail(QString *error, const Cursor &c, const QString &what)
{
    if (error)
        *error = QStringLiteral("%1 at position %2").arg(what).arg(c.pos() + 1);
    return false;
}

// A quoted string ('...' or "...", a doubled quote inside stands for one); nullopt when unterminated.
std::optional<QString> takeQuoted(Cursor &c)
{
    const QChar quote = c.peek();
    c.advance();
    QString out;
    while (!c.atEnd()) {
        const QChar ch = c.peek();
        c.advance();
        if (ch == quote) {
            if (c.peek() == quote) {
                out += quote;
                c.advance();
                continue;
            }
            return out;
        }
        out += ch;
    }
    return std::nullopt;
}

bool isKeyChar(QChar ch)
{
    return ch.isLetterOrNumber() || ch == u'_' || ch == u'.' || ch == u'-' || ch == u'/' || ch == u':';
}

// entity.key, where key may be quoted with backticks or double quotes.
std::optional<SearchKey> takeIdentifier(Cursor &c, SearchEntity entity, QString *error)
{
    const qsizetype start = c.pos();
    QString prefix;
    while (!c.atEnd() && (c.peek().isLetterOrNumber() || c.peek() == u'_'))
        prefix += c.peek(), c.advance();
    if (prefix.isEmpty()) {
        fail(error, c, QStringLiteral("expected an identifier such as metrics.<key>, params.<key>, tags.<key> or "
                                      "attributes.<name>"));
        return std::nullopt;
    }
    if (c.peek() != u'.') {
        // A bare name is an attribute, as "status" or "name".
        if (auto key = attributeKey(prefix, entity))
            return key;
        if (error)
            *error = QStringLiteral("unknown identifier '%1' at position %2; expected metrics.<key>, params.<key>, "
                                    "tags.<key> or an attribute (%3)")
                         .arg(prefix)
                         .arg(start + 1)
                         .arg(attributeList(entity));
        return std::nullopt;
    }
    c.advance(); // '.'
    QString key;
    if (c.peek() == u'`' || c.peek() == u'"') {
        const QChar q = c.peek();
        c.advance();
        bool closed = false;
        while (!c.atEnd()) {
            if (c.peek() == q) {
                c.advance();
                closed = true;
                break;
            }
            key += c.peek();
            c.advance();
        }
        if (!closed) {
            fail(error, c, QStringLiteral("unterminated quoted key"));
            return std::nullopt;
        }
    } else {
        while (!c.atEnd() && isKeyChar(c.peek()))
            key += c.peek(), c.advance();
    }
    if (key.isEmpty()) {
        fail(error, c, QStringLiteral("expected a key after '%1.'").arg(prefix));
        return std::nullopt;
    }
    const QString p = prefix.toLower();
    const bool runs = entity == SearchEntity::Runs;
    if (runs && (p == u"metric" || p == u"metrics"))
        return SearchKey{SearchKey::Kind::Metric, key, true};
    if (runs && (p == u"param" || p == u"params" || p == u"parameter" || p == u"parameters"))
        return SearchKey{SearchKey::Kind::Param, key, false};
    if (p == u"tag" || p == u"tags")
        return SearchKey{SearchKey::Kind::Tag, key, false};
    if (p == u"attribute" || p == u"attributes" || p == u"attr" || (runs && p == u"run")) {
        if (auto a = attributeKey(key, entity))
            return a;
        if (error)
            *error = QStringLiteral("unknown attribute '%1' at position %2; searchable attributes: %3")
                         .arg(key)
                         .arg(start + 1)
                         .arg(attributeList(entity));
        return std::nullopt;
    }
    if (error)
        *error = QStringLiteral("invalid identifier '%1' at position %2; expected %3")
                     .arg(prefix + u'.' + key)
                     .arg(start + 1)
                     .arg(runs ? QStringLiteral("metrics., params., tags. or attributes.")
                               : QStringLiteral("tags. or attributes."));
    return std::nullopt;
}

std::optional<double> takeNumber(Cursor &c)
{
    const qsizetype start = c.pos();
    qsizetype end = start;
    const QString &t = c.text();
    if (end < t.size() && (t[end] == u'-' || t[end] == u'+'))
        ++end;
    while (end < t.size() && (t[end].isDigit() || t[end] == u'.' || t[end] == u'e' || t[end] == u'E'
                              || ((t[end] == u'-' || t[end] == u'+') && (t[end - 1] == u'e' || t[end - 1] == u'E'))))
        ++end;
    bool ok = false;
    const double v = t.mid(start, end - start).toDouble(&ok);
    if (!ok || end == start)
        return std::nullopt;
    c.advance(end - start);
    return v;
}

bool parseComparison(Cursor &c, SearchEntity entity, Comparison *out, QString *error)
{
    auto key = takeIdentifier(c, entity, error);
    if (!key)
        return false;
    out->key = *key;
    c.skipSpace();
    const qsizetype opPos = c.pos();
    static const char16_t *const kSymbols[] = {u"<=", u">=", u"!=", u"<>", u"=", u"<", u">"};
    QString op;
    for (const char16_t *s : kSymbols) {
        const QStringView sv(s);
        if (QStringView(c.text()).mid(c.pos()).startsWith(sv)) {
            op = sv == u"<>" ? QStringLiteral("!=") : sv.toString();
            c.advance(sv.size());
            break;
        }
    }
    if (op.isEmpty()) {
        if (c.takeKeyword(u"LIKE")) {
            op = QStringLiteral("LIKE");
        } else if (c.takeKeyword(u"ILIKE")) {
            op = QStringLiteral("ILIKE");
        } else if (c.takeKeyword(u"IN")) {
            op = QStringLiteral("IN");
        } else if (c.takeKeyword(u"NOT")) {
            c.skipSpace();
            if (!c.takeKeyword(u"IN"))
                return fail(error, c, QStringLiteral("expected IN after NOT"));
            op = QStringLiteral("NOT IN");
        } else {
            return fail(error, c,
                        QStringLiteral("expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN) "
                                       "after %1")
                            .arg(key->display()));
        }
    }
    const bool textOp = op == u"LIKE" || op == u"ILIKE" || op == u"IN" || op == u"NOT IN";
    const bool orderOp = op == u"<" || op == u"<=" || op == u">" || op == u">=";
    if (key->numeric && textOp) {
        c.advance(opPos - c.pos());
        return fail(error, c, QStringLiteral("%1 is a number: use =, !=, <, <=, > or >=, not %2").arg(key->display(), op));
    }
    if (!key->numeric && orderOp) {
        c.advance(opPos - c.pos());
        return fail(error, c, QStringLiteral("%1 is a string: use =, !=, LIKE, ILIKE, IN or NOT IN, not %2")
                                  .arg(key->display(), op));
    }
    out->op = op;
    c.skipSpace();
    if (op == u"IN" || op == u"NOT IN") {
        if (c.peek() != u'(')
            return fail(error, c, QStringLiteral("expected '(' and a list of quoted strings after %1").arg(op));
        c.advance();
        for (;;) {
            c.skipSpace();
            if (c.peek() != u'\'' && c.peek() != u'"')
                return fail(error, c, QStringLiteral("expected a quoted string in the %1 list").arg(op));
            auto s = takeQuoted(c);
            if (!s)
                return fail(error, c, QStringLiteral("unterminated string"));
            out->list << *s;
            c.skipSpace();
            if (c.peek() == u',') {
                c.advance();
                continue;
            }
            if (c.peek() == u')') {
                c.advance();
                break;
            }
            return fail(error, c, QStringLiteral("expected ',' or ')' in the %1 list").arg(op));
        }
        return true;
    }
    if (key->numeric) {
        if (c.peek() == u'\'' || c.peek() == u'"')
            return fail(error, c, QStringLiteral("%1 is a number: the value must not be quoted").arg(key->display()));
        auto n = takeNumber(c);
        if (!n)
            return fail(error, c, QStringLiteral("expected a number to compare %1 with").arg(key->display()));
        out->number = *n;
        return true;
    }
    if (c.peek() != u'\'' && c.peek() != u'"')
        return fail(error, c, QStringLiteral("expected a quoted string to compare %1 with").arg(key->display()));
    auto s = takeQuoted(c);
    if (!s)
        return fail(error, c, QStringLiteral("unterminated string"));
    out->text = *s;
    return true;
}

bool compareNumber(double a, const QString &op, double b)
{
    // Python semantics, as MLflow's file store: NaN is unequal to everything and unordered.
    if (op == u"=")
        return a == b;
    if (op == u"!=")
        return !(a == b);
    if (op == u"<")
        return a < b;
    if (op == u"<=")
        return a <= b;
    if (op == u">")
        return a > b;
    return a >= b;
}

bool compareText(const QString &value, const Comparison &c)
{
    if (c.op == u"=")
        return value == c.text;
    if (c.op == u"!=")
        return value != c.text;
    if (c.op == u"LIKE")
        return likeMatch(c.text, value, false);
    if (c.op == u"ILIKE")
        return likeMatch(c.text, value, true);
    if (c.op == u"IN")
        return c.list.contains(value);
    return !c.list.contains(value); // NOT IN
}

// A value of a run or experiment as a comparison or a sort sees it.
struct Value
{
    bool present = false;
    bool numeric = false;
    double number = 0;
    QString text;
};

Value numberValue(double v) { return Value{true, true, v, {}}; }
Value textValue(const QString &s) { return Value{true, false, 0, s}; }

Value valueOf(const Run &run, const SearchKey &key)
{
    bool found = false;
    switch (key.kind) {
    case SearchKey::Kind::Metric:
        if (const Metric *m = run.metric(key.key))
            return numberValue(m->value);
        return {};
    case SearchKey::Kind::Param: {
        const QString v = run.param(key.key, &found);
        return found ? textValue(v) : Value{};
    }
    case SearchKey::Kind::Tag: {
        const QString v = run.tag(key.key, &found);
        return found ? textValue(v) : Value{};
    }
    case SearchKey::Kind::Attribute:
        break;
    }
    const RunInfo &i = run.info;
    if (key.key == u"run_id")
        return textValue(i.runId);
    if (key.key == u"run_name")
        return textValue(i.runName);
    if (key.key == u"status")
        return textValue(i.status);
    if (key.key == u"user_id")
        return textValue(i.userId);
    if (key.key == u"artifact_uri")
        return textValue(i.artifactUri);
    if (key.key == u"start_time")
        return numberValue(static_cast<double>(i.startTime));
    if (key.key == u"end_time")
        return i.endTime ? numberValue(static_cast<double>(*i.endTime)) : Value{};
    return {};
}

Value valueOf(const Experiment &e, const SearchKey &key)
{
    if (key.kind == SearchKey::Kind::Tag) {
        for (const auto &t : e.tags)
            if (t.first == key.key)
                return textValue(t.second);
        return {};
    }
    if (key.key == u"name")
        return textValue(e.name);
    if (key.key == u"experiment_id") // compared as text, sorted as a number
        return Value{true, true, e.experimentId.toDouble(), e.experimentId};
    if (key.key == u"creation_time")
        return numberValue(static_cast<double>(e.creationTime));
    if (key.key == u"last_update_time")
        return numberValue(static_cast<double>(e.lastUpdateTime));
    return {};
}

bool matchesValue(const Value &v, const Comparison &c)
{
    if (!v.present)
        return false;
    if (c.key.numeric)
        return compareNumber(v.number, c.op, c.number);
    return compareText(v.text, c);
}

// <0, 0, >0 for two values of one key: missing last, then NaN, whatever the direction.
int compareForSort(const Value &a, const Value &b, bool ascending)
{
    auto rank = [](const Value &v) { return !v.present ? 2 : (v.numeric && std::isnan(v.number) ? 1 : 0); };
    const int ra = rank(a);
    const int rb = rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    if (ra != 0)
        return 0;
    int c = 0;
    if (a.numeric)
        c = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
    else
        c = a.text.compare(b.text);
    return ascending ? c : -c;
}

std::optional<OrderKey> parseOrderClause(const QString &clause, SearchEntity entity, QString *error)
{
    Cursor c(clause);
    c.skipSpace();
    QString err;
    auto key = takeIdentifier(c, entity, &err);
    if (!key) {
        if (error)
            *error = QStringLiteral("invalid order_by clause '%1': %2").arg(clause, err);
        return std::nullopt;
    }
    OrderKey out{*key, true};
    c.skipSpace();
    if (c.takeKeyword(u"DESC"))
        out.ascending = false;
    else
        c.takeKeyword(u"ASC");
    c.skipSpace();
    if (!c.atEnd()) {
        if (error)
            *error = QStringLiteral("invalid order_by clause '%1': expected ASC or DESC after %2")
                         .arg(clause, key->display());
        return std::nullopt;
    }
    return out;
}

} // namespace

QString SearchKey::display() const
{
    switch (kind) {
    case Kind::Metric:
        return u"metrics." + key;
    case Kind::Param:
        return u"params." + key;
    case Kind::Tag:
        return u"tags." + key;
    case Kind::Attribute:
        break;
    }
    return u"attributes." + key;
}

std::optional<SearchFilter> SearchFilter::parse(const QString &filter, SearchEntity entity, QString *error)
{
    SearchFilter out;
    Cursor c(filter);
    c.skipSpace();
    if (c.atEnd())
        return out;
    for (;;) {
        Comparison cmp;
        if (!parseComparison(c, entity, &cmp, error))
            return std::nullopt;
        out.m_comparisons.push_back(cmp);
        c.skipSpace();
        if (c.atEnd())
            break;
        const qsizetype before = c.pos();
        if (c.takeKeyword(u"AND")) {
            c.skipSpace();
            if (c.atEnd()) {
                fail(error, c, QStringLiteral("expected a comparison after AND"));
                return std::nullopt;
            }
            continue;
        }
        if (c.peekWord().compare(u"OR", Qt::CaseInsensitive) == 0) {
            fail(error, c, QStringLiteral("OR is not supported; join comparisons with AND"));
            return std::nullopt;
        }
        c.advance(before - c.pos());
        fail(error, c, QStringLiteral("expected AND or the end of the filter"));
        return std::nullopt;
    }
    return out;
}

bool SearchFilter::matches(const Run &run) const
{
    return std::all_of(m_comparisons.begin(), m_comparisons.end(),
                       [&](const Comparison &c) { return matchesValue(valueOf(run, c.key), c); });
}

bool SearchFilter::matches(const Experiment &experiment) const
{
    return std::all_of(m_comparisons.begin(), m_comparisons.end(),
                       [&](const Comparison &c) { return matchesValue(valueOf(experiment, c.key), c); });
}

std::optional<std::vector<OrderKey>> parseOrderBy(const QStringList &clauses, SearchEntity entity, QString *error)
{
    std::vector<OrderKey> out;
    for (const QString &clause : clauses) {
        auto k = parseOrderClause(clause, entity, error);
        if (!k)
            return std::nullopt;
        out.push_back(*k);
    }
    return out;
}

void sortRuns(std::vector<Run> &runs, const std::vector<OrderKey> &order)
{
    std::vector<OrderKey> keys = order;
    auto has = [&](const QString &attr) {
        return std::any_of(keys.begin(), keys.end(), [&](const OrderKey &k) {
            return k.key.kind == SearchKey::Kind::Attribute && k.key.key == attr;
        });
    };
    if (!has(QStringLiteral("start_time")))
        keys.push_back({SearchKey{SearchKey::Kind::Attribute, QStringLiteral("start_time"), true}, false});
    if (!has(QStringLiteral("run_id")))
        keys.push_back({SearchKey{SearchKey::Kind::Attribute, QStringLiteral("run_id"), false}, true});
    std::stable_sort(runs.begin(), runs.end(), [&](const Run &a, const Run &b) {
        for (const OrderKey &k : keys) {
            const int c = compareForSort(valueOf(a, k.key), valueOf(b, k.key), k.ascending);
            if (c != 0)
                return c < 0;
        }
        return false;
    });
}

void sortExperiments(std::vector<Experiment> &experiments, const std::vector<OrderKey> &order)
{
    std::vector<OrderKey> keys = order;
    if (keys.empty())
        keys.push_back({SearchKey{SearchKey::Kind::Attribute, QStringLiteral("creation_time"), true}, false});
    const bool hasId = std::any_of(keys.begin(), keys.end(), [](const OrderKey &k) {
        return k.key.kind == SearchKey::Kind::Attribute && k.key.key == u"experiment_id";
    });
    if (!hasId)
        keys.push_back({SearchKey{SearchKey::Kind::Attribute, QStringLiteral("experiment_id"), true}, true});
    std::stable_sort(experiments.begin(), experiments.end(), [&](const Experiment &a, const Experiment &b) {
        for (const OrderKey &k : keys) {
            const int c = compareForSort(valueOf(a, k.key), valueOf(b, k.key), k.ascending);
            if (c != 0)
                return c < 0;
        }
        return false;
    });
}

bool likeMatch(const QString &pattern, const QString &text, bool caseInsensitive)
{
    const QString p = caseInsensitive ? pattern.toCaseFolded() : pattern;
    const QString t = caseInsensitive ? text.toCaseFolded() : text;
    // Greedy match with backtracking to the last %, linear in practice.
    qsizetype pi = 0, ti = 0, starP = -1, starT = -1;
    while (ti < t.size()) {
        if (pi < p.size() && p[pi] == u'%') {
            starP = pi++;
            starT = ti;
        } else if (pi < p.size() && (p[pi] == u'_' || p[pi] == t[ti])) {
            ++pi;
            ++ti;
        } else if (starP >= 0) {
            pi = starP + 1;
            ti = ++starT;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == u'%')
        ++pi;
    return pi == p.size();
}

} // namespace costscope::ml
