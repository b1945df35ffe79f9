import Foundation
import ParkControl
import ParkCore

/// 10,000 monthly reports dropped in the spool at once (100 tenants, 100 months each), each
/// signed with its tenant's key: the time from the first rename into incoming/new until every
/// file is archived with its durable receipt in the outbox.
enum SpoolBench {
    struct Figures {
        var files: Int
        var elapsed: Duration
    }

    static func run(socketPath: String, spool: String, tenants: Int = 100, months: Int = 100) async throws -> Figures {
        let codes = try await ReportImportBench.createActiveTenants(socketPath: socketPath, count: tenants)
        let keys = try await VarlinkConnection.using(socketPath: socketPath) { connection in
            var keys: [ReceiptKey] = []
            for code in codes {
                let issued = try await connection.call(TenantKeyAPI.issue, TenantKeyAPI.Issue(tenant: code, label: "bench"))
                guard let key = ReceiptKey(fileText: issued.privateKey) else { throw BenchError("parkd issued a key that is not one") }
                keys.append(key)
            }
            return keys
        }

        // Written and synced in incoming/tmp first, as a client does; only the renames are timed.
        var names: [String] = []
        for (index, code) in codes.enumerated() {
            for offset in 0..<months {
                let month = String(format: "%04d-%02d", 2016 + offset / 12, offset % 12 + 1)
                let envelope = Array(#"{"submissionId":"report-\#(month)","tenant":"\#(code)","keyId":"\#(keys[index].publicKey.keyId)","type":"monthly-report","createdAt":"2026-12-01T10:00:00+08:00","payload":{"month":"\#(month)","revenue":"\#(100_000 + offset * 37).00","tax":"\#(4_000 + offset).00","placements":\#(offset % 50)}}"#.utf8)
                let file = SubmissionFile(envelopeBytes: envelope, signature: try keys[index].sign(envelope))
                let name = "\(code)-\(month).json"
                guard FileManager.default.createFile(atPath: spool + "/incoming/tmp/" + name, contents: Data(file.bytes)) else {
                    throw BenchError("cannot write \(spool)/incoming/tmp/\(name)")
                }
                names.append(name)
            }
        }
        sync()
        // Counted as parkd moves them into archive/ (inotify), not by listing the directory:
        // a listing of thousands of names costs the CPU parkd is being timed on.
        let archive = try ArchiveWatch(directory: spool + "/archive")
        defer { archive.close() }
        let clock = ContinuousClock()
        let start = clock.now
        for name in names {
            guard rename(spool + "/incoming/tmp/" + name, spool + "/incoming/new/" + name) == 0 else {
                throw BenchError("cannot rename \(name) into incoming/new")
            }
        }
        let deadline = start + .seconds(600)
        var archived = 0
        while archived < names.count {
            guard clock.now < deadline else { throw BenchError("only \(archived) of \(names.count) files taken in 600 s") }
            archived = archive.wait(total: archived)
        }
        let elapsed = clock.now - start
        var receipts = 0
        for code in codes {
            receipts += (try? FileManager.default.contentsOfDirectory(atPath: spool + "/outbox/" + code).count) ?? 0
        }
        guard receipts == names.count else { throw BenchError("\(receipts) receipts for \(names.count) files") }
        return Figures(files: names.count, elapsed: elapsed)
    }

    static func print(_ figures: Figures) {
        let seconds = ReportImportBench.seconds(figures.elapsed)
        Swift.print("\nspool: \(figures.files) signed monthly reports dropped at once, taken with durable receipts in "
            + "\(String(format: "%.2f", seconds)) s: \(Int((Double(figures.files) / seconds).rounded())) submissions/s")
    }
}

/// Counts the files renamed into a directory, each name once (parkd moves a file there, then
/// renames its own copy of the bytes over it), with inotify; after an overflow of its queue,
/// by listing the directory once.
private final class ArchiveWatch {
    private let descriptor: Int32
    private let directory: String
    private var buffer = [UInt8](repeating: 0, count: 65_536)
    private var names: Set<[UInt8]> = []

    init(directory: String) throws {
        self.directory = directory
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0, inotify_add_watch(descriptor, directory, UInt32(IN_MOVED_TO)) >= 0 else {
            throw BenchError("cannot watch \(directory): errno \(errno)")
        }
    }

    /// Waits up to 100 ms for more arrivals; the new total.
    func wait(total: Int) -> Int {
        var descriptors = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)]
        guard poll(&descriptors, 1, 100) > 0 else { return total }
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return total }
        var offset = 0
        while offset + MemoryLayout<inotify_event>.size <= count {
            let event = buffer.withUnsafeBytes { $0.load(fromByteOffset: offset, as: inotify_event.self) }
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                return (try? FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }.count) ?? total
            }
            let nameStart = offset + MemoryLayout<inotify_event>.size
            if event.mask & UInt32(IN_MOVED_TO) != 0 {
                names.insert(Array(buffer[nameStart..<nameStart + Int(event.len)].prefix { $0 != 0 }))
            }
            offset = nameStart + Int(event.len)
        }
        return max(total, names.count)
    }

    func close() { Glibc.close(descriptor) }
}
