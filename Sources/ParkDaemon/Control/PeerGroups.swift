import Glibc
import NIOCore

/// The supplementary groups of a socket's peer as the kernel recorded them when it connected
/// (`SO_PEERGROUPS`, Linux 4.13): they stay the caller's whatever its process does afterwards.
enum PeerGroups {
    /// The groups, or nil when the kernel gives none (too old, or more than 1,024 groups).
    static func read(from options: any SocketOptionProvider) -> EventLoopFuture<[UInt32]?> {
        read(InlineArray<64, UInt32>.self, from: options)
            .flatMapError { _ in read(InlineArray<1024, UInt32>.self, from: options) }
            .map { Optional($0) }
            .recover { _ in nil }
    }

    /// One try with room for `count` groups; a peer with more makes the kernel refuse (ERANGE).
    private static func read<let count: Int>(
        _: InlineArray<count, UInt32>.Type, from options: any SocketOptionProvider
    ) -> EventLoopFuture<[UInt32]> {
        let recorded: EventLoopFuture<InlineArray<count, UInt32>> = options.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERGROUPS))
        return recorded.map { slots in nonZero(slots) }
    }

    /// The kernel writes the groups in ascending order and leaves the slots after them as NIO
    /// zeroed them, so a 0 is either room to spare or the root group at the head of the list:
    /// 0 is never counted as a supplementary group (a caller is in group 0 only by its primary
    /// group), which can take a role away from a caller, never give one.
    static func nonZero<let count: Int>(_ slots: InlineArray<count, UInt32>) -> [UInt32] {
        var groups: [UInt32] = []
        for index in slots.indices where slots[index] != 0 { groups.append(slots[index]) }
        return groups
    }
}
