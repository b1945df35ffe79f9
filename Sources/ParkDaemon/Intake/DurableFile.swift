import CSystemd
import Foundation
import Synchronization

/// The file steps of the spool, each one either done or a `SpoolFailure` naming the errno.
enum DurableFile {
    /// Writes `bytes` to `directory/name` atomically: a temporary file beside it, written and
    /// synced, then renamed over the name. The directory is synced by the caller (once for many).
    static func write(_ bytes: [UInt8], to directory: String, name: String, mode: mode_t = 0o640) throws(SpoolFailure) {
        let path = directory + "/" + name
        let temporary = try writeTemporary(bytes, to: directory, name: name, mode: mode, synced: true)
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw SpoolFailure(path: path, operation: "rename", code: code)
        }
    }

    /// Writes `bytes` to a temporary file beside `directory/name`: its path. Unless `synced`, a
    /// batch of them is made durable at once by `syncFilesystem`, then each is renamed over its
    /// name. A temporary file that could not be written whole is removed. Each has a name of its
    /// own (`.NAME.N.tmp`): two writes of one name at once (a file sent twice in one batch, the
    /// same submission entered twice) each rename their own.
    static func writeTemporary(
        _ bytes: [UInt8], to directory: String, name: String, mode: mode_t = 0o640, synced: Bool = false
    ) throws(SpoolFailure) -> String {
        let temporary = directory + "/." + name + "." + String(temporaryNumbers.add(1, ordering: .relaxed).newValue) + temporarySuffix
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SpoolFailure(path: temporary, operation: "open", code: errno) }
        defer { close(descriptor) }
        func fail(_ operation: String) -> SpoolFailure {
            let code = errno
            unlink(temporary)
            return SpoolFailure(path: temporary, operation: operation, code: code)
        }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw fail("write") }
            written += count
        }
        if synced, fsync(descriptor) != 0 { throw fail("fsync") }
        return temporary
    }

    /// What a temporary file's name ends with.
    static let temporarySuffix = ".tmp"
    private static let temporaryNumbers = Atomic<Int>(0)

    /// Removes the temporary files in `directory` older than `seconds` (a parkd stopped between
    /// writing one and renaming it).
    static func removeTemporaries(in directory: String, olderThan seconds: Int) {
        var names: [String] = []
        try? entries(in: directory) { raw in
            if let name = String(validatingCString: raw), name.hasPrefix("."), name.hasSuffix(temporarySuffix) { names.append(name) }
        }
        removeOld(names, in: directory, olderThan: seconds)
    }

    /// Removes those of `names` in `directory` last changed `seconds` ago or more (0: all but
    /// those changed after now), but for directories; the paths removed.
    @discardableResult
    static func removeOld(_ names: [String], in directory: String, olderThan seconds: Int) -> [String] {
        let limit = time(nil) - seconds
        return names.compactMap { name in
            var info = stat()
            let path = directory + "/" + name
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR, info.st_mtim.tv_sec <= limit, unlink(path) == 0 else { return nil }
            return path
        }
    }

    /// Flushes the filesystem holding `path` (syncfs): every file written on it is durable.
    static func syncFilesystem(_ path: String) throws(SpoolFailure) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SpoolFailure(path: path, operation: "open", code: errno) }
        defer { close(descriptor) }
        guard park_syncfs(descriptor) == 0 else { throw SpoolFailure(path: path, operation: "syncfs", code: errno) }
    }

    /// Makes the entries of `directory` durable (renames into and out of it).
    static func sync(directory: String) throws(SpoolFailure) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SpoolFailure(path: directory, operation: "open", code: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw SpoolFailure(path: directory, operation: "fsync", code: errno) }
    }

    /// Renames `from` to `to`; a source already gone is done (an earlier attempt moved it).
    static func move(_ from: String, to: String) throws(SpoolFailure) {
        try move(Array(from.utf8), to: to)
    }

    /// Renames the file whose path is the bytes `from` (not necessarily UTF-8) to `to`.
    static func move(_ from: [UInt8], to: String) throws(SpoolFailure) {
        let code = (from + [0]).withUnsafeBufferPointer { path in
            path.withMemoryRebound(to: CChar.self) { rename($0.baseAddress!, to) == 0 ? 0 : errno }
        }
        guard code == 0 || code == ENOENT else { throw SpoolFailure(path: String(decoding: from, as: UTF8.self), operation: "rename", code: code) }
    }

    /// Names in `directory`, dot files left out unless `dotFiles` (`.` and `..` never).
    /// A name that is not UTF-8 is left out (`undecodableNames` lists those): read as a Swift
    /// string it would be repaired into a name no file has.
    static func names(in directory: String, dotFiles: Bool = false) throws(SpoolFailure) -> [String] {
        var names: [String] = []
        try entries(in: directory) { raw in
            if let name = String(validatingCString: raw), name != ".", name != "..", dotFiles || !name.hasPrefix(".") { names.append(name) }
        }
        return names
    }

    /// The names in `directory` that are not UTF-8, as their bytes (none is `.` or `..`).
    static func undecodableNames(in directory: String) throws(SpoolFailure) -> [[UInt8]] {
        var names: [[UInt8]] = []
        try entries(in: directory) { raw in
            if String(validatingCString: raw) == nil {
                names.append(Array(UnsafeBufferPointer(start: raw, count: strlen(raw))).map { UInt8(bitPattern: $0) })
            }
        }
        return names
    }

    private static func entries(in directory: String, _ body: (UnsafePointer<CChar>) -> Void) throws(SpoolFailure) {
        guard let stream = opendir(directory) else { throw SpoolFailure(path: directory, operation: "opendir", code: errno) }
        defer { closedir(stream) }
        while let entry = readdir(stream) {
            // The name is read where it lies, up to its NUL: an entry is only as long as its
            // name (d_reclen), so copying a whole `dirent` (entry.pointee) can read past the end
            // of readdir's buffer into an unmapped page — it crashed parkd on a spool of 10,000.
            body(UnsafeRawPointer(entry).advanced(by: direntNameOffset).assumingMemoryBound(to: CChar.self))
        }
    }
}

/// Where a directory entry's name starts.
private let direntNameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
