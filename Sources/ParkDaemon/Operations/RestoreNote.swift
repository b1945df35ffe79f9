import Foundation
import Logging
import ParkControl
import ParkCore
import ParkStore

/// What `parkd --restore` did, left in the state directory (`restored.json`) for the next start
/// to record in the audit trail as `io.parkd.Service.Restore`: the restore runs while parkd is
/// stopped, and the trail it puts in place is a backup's, which knows nothing of it. The entry
/// names the trail's head before and after, so that `audit verify --anchors` tells an anchor
/// of the replaced trail (checked against the database kept aside) from a trail cut short.
struct RestoreNote: Codable, Equatable, Sendable {
    static let fileName = "restored.json"
    static let method = ParkDatabase.restoreMethod
    /// The outcome of a note parkd cannot take at its word.
    static let unverified = "unverified: the note was not sealed with the audit key parkd holds; no anchor is checked against the database it names"

    /// The backup restored, its absolute path.
    var file: String
    var restoredAt: String
    /// Who ran the restore, and its process.
    var uid: Int64
    var user: String
    var pid: Int64
    /// Where the replaced database is kept; nil when there was none.
    var keptAside: String?
    /// The head of the trail put in place; nil when it was empty.
    var restoredHead: AuditTrailHead?
    /// The head of the trail replaced; nil when there was none, or it could not be read.
    var replacedHead: AuditTrailHead?
    /// The changes the replaced database recorded that the copy undid (`--discard-newer`), in
    /// words; nil when it undid none.
    var discarded: String? = nil
    /// The note sealed with the audit key the restore could read (`sealNote` of `sealedText`),
    /// and that key's id; nil when it read none. Anyone who can write the state directory can
    /// write a note: only a sealed one is taken at its word.
    var seal: String? = nil
    var keyId: String? = nil

    /// The parameters of a note recorded as a claim: who it says restored among them.
    var claimedParameters: String {
        var members = members
        members["claimedBy"] = .object(["uid": .integer(uid), "user": .string(user), "pid": .integer(pid)])
        return JSONValue.object(members).canonicalText
    }

    /// What the seal covers: the entry's parameters and who restored.
    var sealedText: String { "\(parameters)\n\(uid)\n\(user)\n\(pid)" }

    /// The note sealed with `key`.
    func sealed(with key: AuditKey?) -> RestoreNote {
        var note = self
        note.seal = key?.sealNote(sealedText)
        note.keyId = key?.id
        return note
    }

    /// The audit entry's parameters: the note itself, keys sorted.
    var parameters: String { JSONValue.object(members).canonicalText }

    private var members: [String: JSONValue] {
        var members: [String: JSONValue] = ["file": .string(file), "restoredAt": .string(restoredAt)]
        members["keptAside"] = keptAside.map { .string($0) }
        members["restoredHead"] = restoredHead.map { .object(["id": .integer($0.id), "hash": .string($0.hash)]) }
        members["replacedHead"] = replacedHead.map { .object(["id": .integer($0.id), "hash": .string($0.hash)]) }
        members["discarded"] = discarded.map { .string($0) }
        return members
    }

    /// Writes the note durably into `stateDirectory`, before the copy takes the database's name.
    func write(into stateDirectory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            try DurableFile.write(Array(try encoder.encode(self)), to: stateDirectory, name: Self.fileName, mode: 0o640)
        } catch {
            throw RestoreRefused("cannot write \(stateDirectory)/\(Self.fileName): \(error)")
        }
    }

    /// At start: records a restore's note in the trail when the database is the one it put in
    /// place (its trail's head is the one noted), then removes it. Its outcome is `ok` when the
    /// note is sealed with `key` (or parkd holds none), `unverified: …` otherwise. A note whose
    /// restore did not finish (the copy never took the database's name) is removed with a
    /// warning; one recorded already (parkd stopped before removing it) is removed alone.
    static func record(stateDirectory: String, database: ParkDatabase, key: AuditKey?, at instant: String, logger: Logger) async throws {
        let path = stateDirectory + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else { return }
        guard let note = try? JSONDecoder().decode(RestoreNote.self, from: data) else {
            logger.warning("\(path) is not a restore's note parkd can read; it is removed, and the restore is not in the audit trail")
            unlink(path)
            return
        }
        let parameters = note.parameters
        if let recorded = try await database.auditEntries(AuditQuery(limit: 1, methods: [method])).first?.parameters,
           [parameters, note.claimedParameters].contains(recorded) {
            // Recorded already: parkd stopped before removing the note.
            unlink(path)
            return
        }
        guard try await database.auditHead() == note.restoredHead else {
            logger.warning("a restore of \(note.file) at \(note.restoredAt) did not finish: the database is not the copy it made; its note is removed")
            unlink(path)
            return
        }
        // With a key, the note is the restore's only when the restore sealed it with that key:
        // else it is recorded as a claim, by parkd, with who the note says restored among its
        // parameters, and no anchor is checked against the database it names.
        if let key, note.keyId != key.id || note.seal != key.sealNote(note.sealedText) {
            let claim = AuditedCall(
                uid: Int64(getuid()), user: "parkd", pid: Int64(getpid()), method: method,
                parameters: note.claimedParameters)
            try await database.recordCall(claim, at: instant, outcome: Self.unverified)
            logger.warning("a restore note not sealed with the audit key is recorded as a claim: anchors are not checked against the database it names", metadata: [
                "note_key": "\(note.keyId ?? "none")", "key": "\(key.id)",
            ])
            unlink(path)
            return
        }
        let call = AuditedCall(uid: note.uid, user: note.user, pid: note.pid, method: method, parameters: parameters)
        try await database.recordCall(call, at: instant, outcome: "ok")
        if let discarded = note.discarded {
            logger.warning("the restore undid changes the database it replaced recorded (--discard-newer): \(discarded)")
        }
        logger.notice("the database restored from \(note.file) at \(note.restoredAt) is recorded in the audit trail", metadata: [
            "replaced_head": "\(note.replacedHead.map { "\($0.id)" } ?? "none")", "restored_head": "\(note.restoredHead.map { "\($0.id)" } ?? "none")",
        ])
        unlink(path)
    }
}
