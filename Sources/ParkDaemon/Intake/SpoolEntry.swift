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

    /// A file as the filesystem knows it: its device and inode.
    struct Identity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }

        /// What `name` in the directory open as `directory` is now; nil when it is gone.
        static func of(_ name: String, in directory: Int32) -> Identity? {
            var info = stat()
            guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
            return Identity(info)
        }
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
        var info = stat()
        guard fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
            return errno == ENOENT ? .vanished : .refused("cannot be examined: \(String(cString: strerror(errno)))", nil)
        }
        if let refusal = refusal(info, maxBytes: maxBytes, mayUpload: mayUpload) { return .refused(refusal, Identity(info)) }
        // O_NONBLOCK: should the entry become a FIFO between the two looks, opening it does not wait.
        let descriptor = openat(directory, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT: return .vanished
            case ELOOP: return .refused("is a symbolic link", Identity(info))
            default: return .refused("cannot be opened: \(String(cString: strerror(errno)))", Identity(info))
            }
        }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0 else { return .refused("cannot be examined: \(String(cString: strerror(errno)))", Identity(info)) }
        // Replaced between the two looks: the new file is taken at the next scan, as one arriving.
        guard opened.st_dev == info.st_dev, opened.st_ino == info.st_ino else { return .vanished }
        if let refusal = refusal(opened, maxBytes: maxBytes, mayUpload: mayUpload) { return .refused(refusal, Identity(opened)) }
        var bytes = [UInt8](repeating: 0, count: Int(opened.st_size) + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { return .refused("cannot be read: \(String(cString: strerror(errno)))", Identity(opened)) }
            if read == 0 { break }
            count += read
        }
        // A file still growing is not complete: the writer broke the protocol (rename when done).
        guard count == Int(opened.st_size) else {
            return .refused("changed size while it was being read; write it in incoming/tmp and rename it into incoming/new when complete", Identity(opened))
        }
        bytes.removeLast()
        return .file(File(name: name, bytes: bytes, owner: opened.st_uid, identity: Identity(opened)))
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
