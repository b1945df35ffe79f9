import ParkControl

/// The members of the objects nested in a call's parameters (a list of anchors, of scores)
/// that the decoded value's types do not have. `JSONDecoder` passes over such a member without
/// a word; the parameters' own members are checked by name before this is asked.
enum NestedMembers {
    /// The path (`anchors[0].extra`) of the first member, by name, that `sent` gives inside one
    /// of the parameters and `decoded` has no property for; nil when there is none.
    static func firstUnknown(in sent: [String: JSONValue], decoded: Any) -> String? {
        let properties = self.properties(of: decoded)
        for name in sent.keys.sorted() {
            guard let value = sent[name], let property = properties[name] else { continue }
            if let unknown = firstUnknown(in: value, decoded: property, path: name) { return unknown }
        }
        return nil
    }

    private static func firstUnknown(in sent: JSONValue, decoded: Any, path: String) -> String? {
        let decoded = unwrapped(decoded)
        let mirror = Mirror(reflecting: decoded)
        switch (sent, mirror.displayStyle) {
        case (.object(let members), .struct?):
            let properties = self.properties(of: decoded)
            for name in members.keys.sorted() {
                guard let property = properties[name] else { return path + "." + name }
                if let unknown = firstUnknown(in: members[name]!, decoded: property, path: path + "." + name) { return unknown }
            }
        case (.array(let elements), .collection?):
            for (index, (element, child)) in zip(elements, mirror.children).enumerated() {
                if let unknown = firstUnknown(in: element, decoded: child.value, path: "\(path)[\(index)]") { return unknown }
            }
        default:
            break
        }
        return nil
    }

    private static func properties(of value: Any) -> [String: Any] {
        Dictionary(Mirror(reflecting: value).children.compactMap { child in child.label.map { ($0, child.value) } }) { first, _ in first }
    }

    /// The value inside an optional (itself when it is none).
    private static func unwrapped(_ value: Any) -> Any {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let wrapped = mirror.children.first?.value else { return value }
        return unwrapped(wrapped)
    }
}
