import ParkControl

extension GlobalOptions {
    /// A unit as an administrator names it, by id or by its label as listed (`A-1203`): its
    /// id, asking parkd for a label's (an unknown label is parkd's `NoSuchUnit`).
    func unitID(_ text: String) async throws -> Int64 {
        if let id = Int64(text) { return id }
        return try await call(UnitAPI.get, UnitAPI.Get(label: text)).unit.id
    }

    /// The ids of units named each by id or label, in the order given.
    func unitIDs(_ texts: [String]) async throws -> [Int64] {
        var ids: [Int64] = []
        for text in texts { ids.append(try await unitID(text)) }
        return ids
    }
}
