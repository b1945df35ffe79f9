import CSystemd
import Foundation

/// One entry of `incoming/new`, read with the checks the spool demands: a regular file of its
/// own (never followed through a symbolic link, never a FIFO or a device, never one of several
/// hard links), owned by an allowed uploader, no larger than the limit.
enum SpoolEntry {
    /// A file read whole.
    struct File: Sendable {
        let name: String
        let bytes: [UInt8]
        let owner: uid_t
        /// The file that was read, whatever its name holds later.
        let identity: Identity
    }

    /// A file as the filesystem knows it: its device and inode, and, for an entry that was
    /// read, the entry held open. While it is held no other file can be given its inode, so a
    /// name found holding this identity later holds this very entry (a filesystem gives a freed
    /// inode to the next file made, as ext4 does at once).
    struct Identity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
        let held: Held?

        init(_ info: stat, held: Held? = nil) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            self.held = held
        }

        /// What `path` names now; nil when it is gone.
        static func of(_ path: String) -> Identity? {
            var info = stat()
            guard lstat(path, &info) == 0 else { return nil }
            return Identity(info)
        }

        static func == (lhs: Identity, rhs: Identity) -> Bool { lhs.device == rhs.device && lhs.inode == rhs.inode }
    }

    /// An entry held open without being followed or read (`O_PATH`): a symbolic link, a FIFO
    /// or a file alike. Closed when the last reference goes, once its entry has left `new/`.
    final class Held: Sendable {
        let descriptor: Int32
        init(_ descriptor: Int32) { self.descriptor = descriptor }
        deinit { close(descriptor) }
    }

    /// What reading an entry gave.
    enum Reading: Sendable {
        case file(File)
        /// Set aside: why, in words that quote none of its content, and the entry that was looked
        /// at (nil when it could not be), which alone is moved.
        case refused(String, Identity?)
        /// Gone before it could be read (another scan took it), or replaced while it was: the
        /// next scan takes what the name holds then.
        case vanished
    }

    /// Reads `name` in the directory open as `directory`.
    static func read(_ name: String, in directory: Int32, maxBytes: Int, mayUpload: (uid_t) -> Bool) -> Reading {
        // Held from the first look: what is examined, refused or read is this entry.
        let path = openat(directory, name, PARK_O_PATH | O_NOFOLLOW | O_CLOEXEC)
        guard path >= 0 else {
            return errno == ENOENT ? .vanished : .refused("cannot be examined: \(String(cString: strerror(errno)))", nil)
        }
        let held = Held(path)
        var info = stat()
        guard fstat(path, &info) == 0 else { return .refused("cannot be examined: \(String(cString: strerror(errno)))", nil) }
        if let refusal = refusal(info, maxBytes: maxBytes, mayUpload: mayUpload) { return .refused(refusal, Identity(info, held: held)) }
        // O_NONBLOCK: should the entry become a FIFO between the two looks, opening it does not wait.
        let descriptor = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: return .vanished
            case ELOOP: return .refused("is a symbolic link", Identity(info, held: held))
            default: return .refused("cannot be opened: \(String(cString: strerror(errno)))", Identity(info, held: held))
            }
        }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0 else { return .refused("cannot be examined: \(String(cString: strerror(errno)))", Identity(info, held: held)) }
        // Replaced between the two looks: the new file is taken at the next scan, as one arriving.
        guard opened.st_dev == info.st_dev, opened.st_ino == info.st_ino else { return .vanished }
        if let refusal = refusal(opened, maxBytes: maxBytes, mayUpload: mayUpload) { return .refused(refusal, Identity(opened, held: held)) }
        var bytes = [UInt8](repeating: 0, count: Int(opened.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { return .refused("cannot be read: \(String(cString: strerror(errno)))", Identity(opened, held: held)) }
            if read == 0 { break }
            count += read
        }
        // A file still growing is not complete: the writer broke the protocol (rename when done).
        guard count == Int(opened.st_size) else {
            return .refused("changed size while it was being read; write it in incoming/tmp and rename it into incoming/new when complete", Identity(opened, held: held))
        }
        bytes.removeLast()
        return .file(File(name: name, bytes: bytes, owner: opened.st_uid, identity: Identity(opened, held: held)))
    }

    private static func refusal(_ info: stat, maxBytes: Int, mayUpload: (uid_t) -> Bool) -> String? {
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return "is a symbolic link"
        case S_IFIFO: return "is a FIFO"
        case S_IFCHR, S_IFBLK: return "is a device"
        case S_IFDIR: return "is a directory"
        case S_IFSOCK: return "is a socket"
        default: return "is not a regular file"
        }
        guard info.st_nlink == 1 else { return "has \(info.st_nlink) hard links; a submission is a file of its own" }
        guard mayUpload(info.st_uid) else { return "belongs to uid \(info.st_uid), who is not an uploader" }
        guard info.st_size <= maxBytes else { return "has \(info.st_size) bytes, more than the limit of \(maxBytes)" }
        return nil
    }
}
