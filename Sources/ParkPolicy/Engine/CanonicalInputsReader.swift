/// Reads back the canonical JSON of `RewardInputs.canonical()` byte by byte, in the one shape it
/// is written: keys in their sorted order, no spaces, integers without exponent or fraction,
/// strings without escapes. Anything else — a string with an escape, a key out of place, a report
/// without its eleven figures, bytes that are not UTF-8 — gives nil, and `RewardInputs.decode`
/// reads the text with `JSONDecoder` instead (which reads what this reads to the same values,
/// and names what is wrong). `Reward.Verify` reads a park's stored inputs, hundreds of thousands
/// of reports, with it: through `Codable` that took most of the verification's time.
struct CanonicalInputsReader {
    private let bytes: [UInt8]
    private var position = 0
    /// One report's figures, reused from report to report.
    private var figures: [Int64] = []

    /// The inputs `json` holds, or nil when it is not exactly in the canonical shape.
    static func inputs(from json: [UInt8]) -> RewardInputs? {
        var reader = CanonicalInputsReader(json)
        return reader.read()
    }

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
        figures.reserveCapacity(ReportFacts.figuresEach)
    }

    private mutating func read() -> RewardInputs? {
        guard expect(#"{"tenants":"#) else { return nil }
        var tenants: [TenantFacts] = []
        guard list({ (reader: inout Self) -> Bool in
            guard let tenant = reader.tenant() else { return false }
            tenants.append(tenant)
            return true
        }), expect("}"), position == bytes.count else { return nil }
        return RewardInputs(tenants: tenants)
    }

    // MARK: The shapes `TenantFacts.write(to:)` writes

    private mutating func tenant() -> TenantFacts? {
        guard expect(#"{"appliedOn":"#), let appliedOn = string(),
              expect(#","businessLines":"#), let businessLines = strings(),
              expect(#","creditCode":"#), let creditCode = string() else { return nil }
        var events: [EventFact]?
        if expect(#","events":"#) {
            var list: [EventFact] = []
            guard self.list({ (reader: inout Self) -> Bool in
                guard let event = reader.event() else { return false }
                list.append(event)
                return true
            }) else { return nil }
            events = list
        }
        guard expect(#","id":"#), let id = integer() else { return nil }
        var leases: [LeaseFact] = []
        guard expect(#","leases":"#), list({ (reader: inout Self) -> Bool in
            guard let lease = reader.lease() else { return false }
            leases.append(lease)
            return true
        }) else { return nil }
        guard expect(#","name":"#), let name = string(), expect(#","origin":"#), let origin = string() else { return nil }
        var reports = ReportFacts()
        guard expect(#","reports":"#), list({ (reader: inout Self) -> Bool in reader.report(into: &reports) }) else { return nil }
        var statusChanges: [StatusFact] = []
        guard expect(#","statusChanges":"#), list({ (reader: inout Self) -> Bool in
            guard reader.expect(#"{"on":"#), let on = reader.string(), reader.expect(#","to":"#), let to = reader.string(),
                  reader.expect("}") else { return false }
            statusChanges.append(StatusFact(to: to, on: on))
            return true
        }) else { return nil }
        guard expect(#","tags":"#), let tags = strings(), expect("}") else { return nil }
        return TenantFacts(
            id: id, name: name, creditCode: creditCode, businessLines: businessLines, tags: tags, origin: origin, appliedOn: appliedOn,
            statusChanges: statusChanges, leases: leases, reports: reports, events: events)
    }

    private mutating func event() -> EventFact? {
        guard expect(#"{"cancelled":"#), let cancelled = boolean() else { return nil }
        var employers: Int?
        if expect(#","employers":"#) {
            guard let count = integer() else { return nil }
            employers = Int(count)
        }
        guard expect(#","ends":"#), let ends = string(), expect(#","id":"#), let id = integer(),
              expect(#","kind":"#), let kind = string(), expect("}") else { return nil }
        return EventFact(id: id, kind: kind, ends: ends, cancelled: cancelled, employers: employers)
    }

    private mutating func lease() -> LeaseFact? {
        guard expect(#"{"id":"#), let id = integer(), expect(#","lastDay":"#), let lastDay = string() else { return nil }
        var rents: [RentFact] = []
        guard expect(#","rents":"#), list({ (reader: inout Self) -> Bool in
            guard reader.expect(#"{"fenPerSquareMetre":"#), let fen = reader.integer(), reader.expect(#","from":"#),
                  let from = reader.string(), reader.expect("}") else { return false }
            rents.append(RentFact(from: from, fenPerSquareMetre: fen))
            return true
        }) else { return nil }
        guard expect(#","start":"#), let start = string() else { return nil }
        var units: [LeasedUnitFact] = []
        guard expect(#","units":"#), list({ (reader: inout Self) -> Bool in
            guard reader.expect(#"{"centiSquareMetres":"#), let area = reader.integer(), reader.expect(#","kind":"#),
                  let kind = reader.string(), reader.expect(#","label":"#), let label = reader.string(), reader.expect("}") else { return false }
            units.append(LeasedUnitFact(label: label, kind: kind, centiSquareMetres: area))
            return true
        }), expect("}") else { return nil }
        return LeaseFact(id: id, start: start, lastDay: lastDay, units: units, rents: rents)
    }

    /// A report, added to `reports` when it has exactly `ReportFacts.figuresEach` figures.
    private mutating func report(into reports: inout ReportFacts) -> Bool {
        guard expect(#"{"month":"#), let month = string(), expect(#","values":"#) else { return false }
        figures.removeAll(keepingCapacity: true)
        guard list({ (reader: inout Self) -> Bool in
            guard let value = reader.integer() else { return false }
            reader.figures.append(value)
            return true
        }), figures.count == ReportFacts.figuresEach, expect(#","version":"#), let version = integer(), expect("}") else { return false }
        reports.append(month: month, version: Int(version), values: figures)
        return true
    }

    // MARK: Values

    /// `[` items separated by commas `]`, each read by `item` (false: not in shape).
    private mutating func list(_ item: (inout Self) -> Bool) -> Bool {
        guard expect("[") else { return false }
        if expect("]") { return true }
        repeat {
            guard item(&self) else { return false }
        } while expect(",")
        return expect("]")
    }

    private mutating func strings() -> [String]? {
        var strings: [String] = []
        guard list({ (reader: inout Self) -> Bool in
            guard let string = reader.string() else { return false }
            strings.append(string)
            return true
        }) else { return nil }
        return strings
    }

    /// A string without escapes or control characters, of valid UTF-8.
    private mutating func string() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var end = start
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            guard byte != UInt8(ascii: "\\"), byte >= 0x20 else { return nil }
            end += 1
        }
        guard end < bytes.count, let text = bytes.withUnsafeBufferPointer({ String(validating: $0[start..<end], as: UTF8.self) }) else {
            return nil
        }
        position = end + 1
        return text
    }

    /// An integer of Int64 written as JSON writes one: an optional minus, no leading zero.
    private mutating func integer() -> Int64? {
        var index = position
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let first = index
        var magnitude: UInt64 = 0
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            magnitude = sum
            index += 1
        }
        let digits = index - first
        guard digits > 0, digits == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
        // A fraction or an exponent is not how an integer is written.
        if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
        let value: Int64
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            value = magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        } else {
            guard let positive = Int64(exactly: magnitude) else { return nil }
            value = positive
        }
        position = index
        return value
    }

    private mutating func boolean() -> Bool? {
        if expect("true") { return true }
        if expect("false") { return false }
        return nil
    }

    /// Whether `text` comes next (then it is read).
    private mutating func expect(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let matches = text.withUTF8Buffer { expected in
            bytes.withUnsafeBufferPointer { bytes in
                for offset in 0..<count where bytes[position + offset] != expected[offset] { return false }
                return true
            }
        }
        if matches { position += count }
        return matches
    }
}
