import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Blocklist`.
enum BlocklistHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(BlocklistAPI.interface)

        table.register(BlocklistAPI.create) { request, call in
            let today = call.state.today()
            let entry = try BlocklistEntry(
                creditCode: request.creditCode, name: request.name, reason: request.reason,
                listedOn: try request.listedOn.map { try CivilDate.parseRecorded($0, field: "listedOn") } ?? today, today: today)
            return BlocklistAPI.EntryReply(entry: wire(try await database.addToBlocklist(entry, context: call.change())))
        }

        table.register(BlocklistAPI.list) { request, _ in
            BlocklistAPI.ListReply(entries: try await database.blocklist(includeRemoved: request.includeRemoved ?? false).map(wire))
        }

        table.register(BlocklistAPI.delete) { request, call in
            let code = try CreditCode(request.creditCode)
            return BlocklistAPI.EntryReply(entry: wire(try await database.removeFromBlocklist(code, reason: request.reason, context: call.change())))
        }
    }

    static func wire(_ stored: StoredBlocklistEntry) -> BlocklistAPI.Entry {
        BlocklistAPI.Entry(
            id: stored.id, creditCode: stored.entry.creditCode.value, name: stored.entry.name, reason: stored.entry.reason,
            listedOn: stored.entry.listedOn.description, createdAt: stored.createdAt, createdBy: stored.createdBy,
            removedAt: stored.removedAt, removedBy: stored.removedBy, removalReason: stored.removalReason)
    }
}
