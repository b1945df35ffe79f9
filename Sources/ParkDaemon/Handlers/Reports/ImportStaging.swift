import Foundation
import ParkControl
import Synchronization

/// Files being uploaded for import, a part at a time (each message is at most 1 MiB), kept in
/// memory until the import is finished. Each belongs to the user who began it, and no one's
/// upload is dropped for another's: an upload left unused for `idleSeconds` (its client gone)
/// is dropped, a user's own oldest makes room for their next past `maximumPerUser`, and past
/// `maximumOpen` a new one is refused.
final class ImportStaging: Sendable {
    private struct Upload {
        let owner: UInt32
        var text: String
        var touched: ContinuousClock.Instant
    }

    /// The largest file accepted, and how many uploads may be open at once, by one user and by all.
    static let maximumBytes = 256 << 20
    static let maximumPerUser = 4
    static let maximumOpen = 8
    static let idleSeconds = 600

    private let uploads = Mutex<[(id: String, upload: Upload)]>([])
    private let now: @Sendable () -> ContinuousClock.Instant

    init(now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.now = now
    }

    func begin(owner: UInt32) throws -> String {
        let id = UUID().uuidString.lowercased()
        let now = self.now()
        try uploads.withLock { uploads in
            uploads.removeAll { now - $0.upload.touched > .seconds(Self.idleSeconds) }
            if uploads.count(where: { $0.upload.owner == owner }) >= Self.maximumPerUser,
               let oldest = uploads.firstIndex(where: { $0.upload.owner == owner }) {
                uploads.remove(at: oldest)
            }
            guard uploads.count < Self.maximumOpen else {
                throw ServiceAPI.InvalidField(
                    field: "import", reason: "\(Self.maximumOpen) imports are being uploaded already; try again once one is finished")
            }
            uploads.append((id, Upload(owner: owner, text: "", touched: now)))
        }
        return id
    }

    /// Appends a part; the total size so far.
    func append(_ text: String, to id: String, owner: UInt32) throws -> Int {
        try uploads.withLock { uploads in
            guard let index = uploads.firstIndex(where: { $0.id == id && $0.upload.owner == owner }) else {
                throw ReportAPI.NoSuchImport(import: id)
            }
            guard uploads[index].upload.text.utf8.count + text.utf8.count <= Self.maximumBytes else {
                uploads.remove(at: index)
                throw ServiceAPI.InvalidField(field: "text", reason: "the file is larger than \(Self.maximumBytes >> 20) MiB; the import was dropped")
            }
            uploads[index].upload.text += text
            uploads[index].upload.touched = now()
            return uploads[index].upload.text.utf8.count
        }
    }

    /// Removes an upload and returns its text.
    func take(_ id: String, owner: UInt32) throws -> String {
        try uploads.withLock { uploads in
            guard let index = uploads.firstIndex(where: { $0.id == id && $0.upload.owner == owner }) else {
                throw ReportAPI.NoSuchImport(import: id)
            }
            return uploads.remove(at: index).upload.text
        }
    }
}
