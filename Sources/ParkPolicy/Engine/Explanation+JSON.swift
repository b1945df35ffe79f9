extension Explanation {
    /// The explanation as JSON, byte for byte what `JSONEncoder` with `.sortedKeys` writes (what
    /// runs store for each line), written directly (`SortedJSONWriter`).
    public var sortedJSON: String {
        var json = SortedJSONWriter(escapesSlashes: true, capacity: 256 + steps.count * 160)
        json.literal(#"{"amount":"#)
        json.string(amount)
        json.literal(#","clause":"#)
        json.string(clause)
        json.literal(#","period":"#)
        json.string(period)
        json.literal(#","policy":"#)
        json.string(policy)
        json.literal(#","policyDocument":"#)
        json.string(policyDocument)
        json.literal(#","rule":"#)
        json.string(rule)
        json.literal(#","steps":"#)
        json.array(steps) { json, step in
            json.literal("{")
            if let context = step.context {
                json.literal(#""context":"#)
                json.string(context)
                json.literal(",")
            }
            json.literal(#""kind":"#)
            json.string(step.kind.rawValue)
            json.literal(#","name":"#)
            json.string(step.name)
            if let source = step.source {
                json.literal(#","source":"#)
                json.string(source)
            }
            json.literal(#","value":"#)
            json.string(step.value)
            json.literal("}")
        }
        json.literal(#","title":"#)
        json.string(title)
        json.literal("}")
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
