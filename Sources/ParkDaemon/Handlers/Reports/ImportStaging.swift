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
    /// 32 MiB is some 300,000 rows, decades of reports of a large park; reading a file takes
    /// about twelve times its size in memory, so the bound is what keeps eight uploads affordable.
    static let maximumBytes = 32 << 20
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
            Self.dropIdle(&uploads, now: now)
            if uploads.count(where: { $0.upload.owner == owner }) >= Self.maximumPerUser,
               let oldest = uploads.firstIndex(where: { $0.upload.owner == owner }) {
                uploads.remove(at: oldest)
            }
            guard uploads.count < Self.maximumOpen else { throw ReportAPI.ImportsBusy(open: uploads.count) }
            uploads.append((id, Upload(owner: owner, text: "", touched: now)))
        }
        return id
    }

    /// Appends a part; the total size so far.
    func append(_ text: String, to id: String, owner: UInt32) throws -> Int {
        let now = self.now()
        return try uploads.withLock { uploads in
            Self.dropIdle(&uploads, now: now)
            guard let index = uploads.firstIndex(where: { $0.id == id && $0.upload.owner == owner }) else {
                throw ReportAPI.NoSuchImport(import: id)
            }
            guard uploads[index].upload.text.utf8.count + text.utf8.count <= Self.maximumBytes else {
                uploads.remove(at: index)
                throw ServiceAPI.InvalidField(field: "text", reason: "the file is larger than \(Self.maximumBytes >> 20) MiB; the import was dropped")
            }
            uploads[index].upload.text += text
            uploads[index].upload.touched = now
            return uploads[index].upload.text.utf8.count
        }
    }

    /// Removes an upload and returns its text.
    func take(_ id: String, owner: UInt32) throws -> String {
        let now = self.now()
        return try uploads.withLock { uploads in
            Self.dropIdle(&uploads, now: now)
            guard let index = uploads.firstIndex(where: { $0.id == id && $0.upload.owner == owner }) else {
                throw ReportAPI.NoSuchImport(import: id)
            }
            return uploads.remove(at: index).upload.text
        }
    }

    /// Uploads left unused for `idleSeconds`: their clients are gone.
    private static func dropIdle(_ uploads: inout [(id: String, upload: Upload)], now: ContinuousClock.Instant) {
        uploads.removeAll { now - $0.upload.touched > .seconds(idleSeconds) }
    }
}
