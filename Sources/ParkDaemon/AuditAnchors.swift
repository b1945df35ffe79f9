import Logging
import ParkStore

/// Notes the audit trail's head (its newest entry's id and hash) in the log — the journal under
/// systemd — at intervals when it changed and at shutdown, with a MESSAGE_ID of its own. The
/// notes are anchors outside the database: `parkctl audit verify --anchors` checks the trail
/// against them, so a trail cut short (its newest entries deleted) or rewritten is found even
/// though every link of what is left still holds.
enum AuditAnchors {
    /// The line, as `parkctl audit verify --anchors` reads it back: `audit trail head: entry 29 hash 1c35…`.
    static func message(id: Int64, hash: String) -> String { "audit trail head: entry \(id) hash \(hash)" }

    /// Notes the head when it differs from `last`; the head noted.
    @discardableResult
    static func note(database: ParkDatabase, logger: Logger, last: AuditTrailHead? = nil) async -> AuditTrailHead? {
        guard let head = try? await database.auditHead() else { return last }
        guard head != last else { return last }
        logger.notice("\(message(id: head.id, hash: head.hash))", metadata: NotableEvent.auditHead.metadata([
            "audit_id": "\(head.id)", "audit_hash": "\(head.hash)",
        ]))
        return head
    }
}
