import Foundation
import ParkControl
import Synchronization

/// Files being uploaded for import, a part at a time (each message is at most 1 MiB), kept in
/// memory until the import is finished. Each belongs to the user who began it.
final class ImportStaging: Sendable {
    private struct Upload {
        let owner: UInt32
        var text: String
    }

    /// The largest file accepted, and how many uploads may be open at once (the oldest is dropped).
    static let maximumBytes = 256 << 20
    static let maximumOpen = 8

    private let uploads = Mutex<[(id: String, upload: Upload)]>([])

    func begin(owner: UInt32) -> String {
        let id = UUID().uuidString.lowercased()
        uploads.withLock { uploads in
            if uploads.count >= Self.maximumOpen { uploads.removeFirst() }
            uploads.append((id, Upload(owner: owner, text: "")))
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
