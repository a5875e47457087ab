#pragma once

// A small element tree read with QXmlStreamReader, for the EC2 Query API's XML answers:
// elements, their text and children; attributes and namespaces are not kept.

#include <QString>
#include <QStringView>

#include <memory>
#include <vector>

namespace costscope::providers::aws {

class XmlTree
{
public:
    QString name;
    QString text; // the element's own text, trimmed
    std::vector<std::unique_ptr<XmlTree>> children;

    // Parses a document; nullptr with *error (line and column) when it is not well-formed.
    static std::unique_ptr<XmlTree> parse(const QByteArray &xml, QString *error);

    // The first child with this name, or nullptr.
    const XmlTree *child(QStringView childName) const;
    // Follows a path of child names ("instanceState/name"); nullptr when any step is missing.
    const XmlTree *at(QStringView path) const;
    // The text at a path, or an empty string.
    QString textAt(QStringView path) const;
    // The <item> children of the element at path (EC2 wraps every list in <item>, CloudWatch in
    // <member>).
    std::vector<const XmlTree *> items(QStringView path, QStringView childName = u"item") const;
};

} // namespace costscope::providers::aws
