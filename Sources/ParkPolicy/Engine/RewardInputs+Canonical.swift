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
        var json = SortedJSONWriter(capacity: 256 * tenants.count + 80 * reports)
        json.object { json in
            json.member("tenants")
            json.array(tenants) { json, tenant in tenant.write(to: &json) }
        }
        return (json.bytes, Self.hash(json.bytes))
    }

    /// Reads inputs stored by `canonical()`: in its own shape directly (`CanonicalInputsReader`),
    /// any other JSON with `JSONDecoder`.
    public static func decode(_ json: [UInt8]) throws -> RewardInputs {
        if let inputs = CanonicalInputsReader.inputs(from: json) { return inputs }
        return try JSONDecoder().decode(RewardInputs.self, from: Data(json))
    }

    public static func hash(_ bytes: [UInt8]) -> String {
        ContentHash.sha256(bytes)
    }
}

extension TenantFacts {
    /// The tenant as `JSONEncoder` writes it, keys sorted (`RewardInputs.canonical`).
    fileprivate func write(to json: inout SortedJSONWriter) {
        json.object { json in
            json.member("appliedOn", appliedOn)
            json.member("businessLines", businessLines)
            json.member("creditCode", creditCode)
            if let events {
                json.member("events")
                json.array(events) { json, event in
                    json.object { json in
                        json.member("cancelled", event.cancelled)
                        if let employers = event.employers { json.member("employers", employers) }
                        json.member("ends", event.ends)
                        json.member("id", event.id)
                        json.member("kind", event.kind)
                    }
                }
            }
            json.member("id", id)
            json.member("leases")
            json.array(leases) { json, lease in
                json.object { json in
                    json.member("id", lease.id)
                    json.member("lastDay", lease.lastDay)
                    json.member("rents")
                    json.array(lease.rents) { json, rent in
                        json.object { json in
                            json.member("fenPerSquareMetre", rent.fenPerSquareMetre)
                            json.member("from", rent.from)
                        }
                    }
                    json.member("start", lease.start)
                    json.member("units")
                    json.array(lease.units) { json, unit in
                        json.object { json in
                            json.member("centiSquareMetres", unit.centiSquareMetres)
                            json.member("kind", unit.kind)
                            json.member("label", unit.label)
                        }
                    }
                }
            }
            json.member("name", name)
            json.member("origin", origin)
            json.member("reports")
            json.array(reports.indices) { json, position in
                json.object { json in
                    json.member("month", reports.months[position])
                    json.member("values")
                    json.array(reports.values[position * ReportFacts.figuresEach..<(position + 1) * ReportFacts.figuresEach]) { json, value in
                        json.number(value)
                    }
                    json.member("version", reports.versions[position])
                }
            }
            json.member("statusChanges")
            json.array(statusChanges) { json, change in
                json.object { json in
                    json.member("on", change.on)
                    json.member("to", change.to)
                }
            }
            json.member("tags", tags)
        }
    }
}
