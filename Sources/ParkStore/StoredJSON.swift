import Foundation

/// The JSON text of a value kept in a column (a decision's reasons, a sheet's scores, an event's
/// changes): its keys sorted, so that the same value is always the same bytes.
enum StoredJSON {
    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
