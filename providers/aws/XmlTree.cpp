#include "providers/aws/XmlTree.h"

#include <QXmlStreamReader>

namespace costscope::providers::aws {

std::unique_ptr<XmlTree> XmlTree::parse(const QByteArray &xml, QString *error)
{
    QXmlStreamReader reader(xml);
    std::unique_ptr<XmlTree> root;
    std::vector<XmlTree *> stack;
    constexpr size_t kMaxDepth = 64;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            auto node = std::make_unique<XmlTree>();
            node->name = reader.name().toString();
            XmlTree *raw = node.get();
            if (stack.empty()) {
                root = std::move(node);
            } else {
                stack.back()->children.push_back(std::move(node));
            }
            stack.push_back(raw);
            if (stack.size() > kMaxDepth) {
                *error = QStringLiteral("XML nested deeper than %1 elements").arg(kMaxDepth);
                return nullptr;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (!stack.empty()) {
                stack.back()->text = stack.back()->text.trimmed();
                stack.pop_back();
            }
        } else if (token == QXmlStreamReader::Characters && !stack.empty()) {
            stack.back()->text += reader.text();
        }
    }
    if (reader.hasError()) {
        *error = QStringLiteral("malformed XML at line %1, column %2: %3")
                     .arg(reader.lineNumber())
                     .arg(reader.columnNumber())
                     .arg(reader.errorString());
        return nullptr;
    }
    if (!root) {
        *error = QStringLiteral("empty XML document");
        return nullptr;
    }
    return root;
}

const XmlTree *XmlTree::child(QStringView childName) const
{
    for (const auto &c : children) {
        if (c->name == childName)
            return c.get();
    }
    return nullptr;
}

const XmlTree *XmlTree::at(QStringView path) const
{
    const XmlTree *node = this;
    for (const QStringView part : path.split(u'/')) {
        if (part.isEmpty())
            continue;
        node = node->child(part);
        if (!node)
            return nullptr;
    }
    return node;
}

QString XmlTree::textAt(QStringView path) const
{
    const XmlTree *node = at(path);
    return node ? node->text : QString();
}

std::vector<const XmlTree *> XmlTree::items(QStringView path, QStringView childName) const
{
    std::vector<const XmlTree *> out;
    const XmlTree *list = at(path);
    if (!list)
        return out;
    for (const auto &c : list->children) {
        if (c->name == childName)
            out.push_back(c.get());
    }
    return out;
}

} // namespace costscope::providers::aws
