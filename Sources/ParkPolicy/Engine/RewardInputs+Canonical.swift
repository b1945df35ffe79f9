import Foundation
import ParkCore

extension RewardInputs {
    /// The inputs as canonical JSON (keys sorted, no spaces, `/` unescaped: byte for byte what
    /// `JSONEncoder` with `.sortedKeys` and `.withoutEscapingSlashes` writes, so hashes of runs
    /// stored before still match) and its SHA-256 in hex: what a run stores and records, so
    /// that it can be recomputed and checked bit for bit. Written directly
    /// (`SortedJSONWriter`): a park's inputs are hundreds of thousands of reports.
    public func canonical() -> (json: [UInt8], hash: String) {
        let reports = tenants.reduce(0) { $0 + $1.reports.count }
        var json = SortedJSONWriter(escapesSlashes: false, capacity: 256 * tenants.count + 80 * reports)
        json.literal(#"{"tenants":"#)
        json.array(tenants) { json, tenant in tenant.write(to: &json) }
        json.literal("}")
        return (json.bytes, Self.hash(json.bytes))
    }

    /// Reads inputs stored by `canonical()`.
    public static func decode(_ json: [UInt8]) throws -> RewardInputs {
        try JSONDecoder().decode(RewardInputs.self, from: Data(json))
    }

    public static func hash(_ bytes: [UInt8]) -> String {
        ContentHash.sha256(bytes)
    }
}

extension TenantFacts {
    /// The tenant as `JSONEncoder` writes it, keys sorted (`RewardInputs.canonical`).
    fileprivate func write(to json: inout SortedJSONWriter) {
        json.literal(#"{"appliedOn":"#)
        json.string(appliedOn)
        json.literal(#","businessLines":"#)
        json.array(businessLines) { json, line in json.string(line) }
        json.literal(#","creditCode":"#)
        json.string(creditCode)
        if let events {
            json.literal(#","events":"#)
            json.array(events) { json, event in
                json.literal(#"{"cancelled":"#)
                json.bool(event.cancelled)
                if let employers = event.employers {
                    json.literal(#","employers":"#)
                    json.number(employers)
                }
                json.literal(#","ends":"#)
                json.string(event.ends)
                json.literal(#","id":"#)
                json.number(event.id)
                json.literal(#","kind":"#)
                json.string(event.kind)
                json.literal("}")
            }
        }
        json.literal(#","id":"#)
        json.number(id)
        json.literal(#","leases":"#)
        json.array(leases) { json, lease in
            json.literal(#"{"id":"#)
            json.number(lease.id)
            json.literal(#","lastDay":"#)
            json.string(lease.lastDay)
            json.literal(#","rents":"#)
            json.array(lease.rents) { json, rent in
                json.literal(#"{"fenPerSquareMetre":"#)
                json.number(rent.fenPerSquareMetre)
                json.literal(#","from":"#)
                json.string(rent.from)
                json.literal("}")
            }
            json.literal(#","start":"#)
            json.string(lease.start)
            json.literal(#","units":"#)
            json.array(lease.units) { json, unit in
                json.literal(#"{"centiSquareMetres":"#)
                json.number(unit.centiSquareMetres)
                json.literal(#","kind":"#)
                json.string(unit.kind)
                json.literal(#","label":"#)
                json.string(unit.label)
                json.literal("}")
            }
            json.literal("}")
        }
        json.literal(#","name":"#)
        json.string(name)
        json.literal(#","origin":"#)
        json.string(origin)
        json.literal(#","reports":"#)
        json.array(reports.indices) { json, position in
            json.literal(#"{"month":"#)
            json.string(reports.months[position])
            json.literal(#","values":"#)
            json.array(reports.values[position * ReportFacts.figuresEach..<(position + 1) * ReportFacts.figuresEach]) { json, value in
                json.number(value)
            }
            json.literal(#","version":"#)
            json.number(reports.versions[position])
            json.literal("}")
        }
        json.literal(#","statusChanges":"#)
        json.array(statusChanges) { json, change in
            json.literal(#"{"on":"#)
            json.string(change.on)
            json.literal(#","to":"#)
            json.string(change.to)
            json.literal("}")
        }
        json.literal(#","tags":"#)
        json.array(tags) { json, tag in json.string(tag) }
        json.literal("}")
    }
}
