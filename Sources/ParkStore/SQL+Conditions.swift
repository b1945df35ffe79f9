import GRDB

extension SQL {
    /// `WHERE` and the conditions given (nil ones left out) joined by `AND`, each with its
    /// values bound where it is written; nothing when none is given.
    static func whereClause(_ conditions: [SQL?]) -> SQL {
        let given = conditions.compactMap { $0 }
        return given.isEmpty ? "" : "WHERE \(given.joined(separator: " AND "))"
    }
}
