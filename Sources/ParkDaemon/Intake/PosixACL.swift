import Glibc

/// A POSIX ACL in the kernel's form (the value of `system.posix_acl_access` or
/// `system.posix_acl_default`): a version, then entries of tag, permissions and id in the order
/// of their tags and ids.
struct PosixACL: Equatable {
    struct Entry: Equatable {
        var tag: Tag
        var permissions: UInt16
        /// A user's uid for `.user`; none for the others.
        var id = UInt32.max
    }

    enum Tag: UInt16 {
        case owner = 0x01, user = 0x02, owningGroup = 0x04, mask = 0x10, others = 0x20
    }

    static let read: UInt16 = 4, write: UInt16 = 2, search: UInt16 = 1

    var entries: [Entry]

    /// An outbox's: its owner (parkd) everything, each account read and search, nobody else anything.
    static func readAndSearch(for uids: [uid_t]) -> PosixACL {
        PosixACL(entries: [Entry(tag: .owner, permissions: read | write | search)]
            + Set(uids).sorted().map { Entry(tag: .user, permissions: read | search, id: $0) }
            + [Entry(tag: .owningGroup, permissions: 0), Entry(tag: .mask, permissions: read | search), Entry(tag: .others, permissions: 0)])
    }

    /// What each file made in an incoming directory starts with (its default ACL): its owner
    /// (the uploader) reads and writes it, parkd (`reader`) reads it, the rest of the uploader
    /// group and everyone else nothing. The mode a file is created with still bounds it: one
    /// made without the group's read bit (0600) is unreadable to parkd too, as without an ACL.
    static func ownerAndReader(_ reader: uid_t) -> PosixACL {
        PosixACL(entries: [
            Entry(tag: .owner, permissions: read | write), Entry(tag: .user, permissions: read, id: reader),
            Entry(tag: .owningGroup, permissions: 0), Entry(tag: .mask, permissions: read), Entry(tag: .others, permissions: 0),
        ])
    }

    var bytes: [UInt8] {
        var bytes = Self.littleEndian(UInt32(2))
        for entry in entries {
            bytes += Self.littleEndian(entry.tag.rawValue) + Self.littleEndian(entry.permissions) + Self.littleEndian(entry.id)
        }
        return bytes
    }

    /// The extended attributes that hold a file's ACL and a directory's default ACL.
    static let accessAttribute = "system.posix_acl_access"
    static let defaultAttribute = "system.posix_acl_default"

    private static func littleEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
