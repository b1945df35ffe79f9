extension Explanation {
    /// The explanation as JSON, byte for byte what `JSONEncoder` with `.sortedKeys` writes (what
    /// runs store for each line), written directly (`SortedJSONWriter`).
    public var sortedJSON: String {
        var json = SortedJSONWriter(escapesSlashes: true, capacity: 256 + steps.count * 160)
        json.object { json in
            json.member("amount", amount)
            json.member("clause", clause)
            json.member("period", period)
            json.member("policy", policy)
            json.member("policyDocument", policyDocument)
            json.member("rule", rule)
            json.member("steps")
            json.array(steps) { json, step in
                json.object { json in
                    if let context = step.context { json.member("context", context) }
                    json.member("kind", step.kind.rawValue)
                    json.member("name", step.name)
                    if let source = step.source { json.member("source", source) }
                    json.member("value", step.value)
                }
            }
            json.member("title", title)
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
