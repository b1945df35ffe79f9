@testable import ParkDaemon
import Testing

@Suite("A peer's groups as the kernel wrote them")
struct PeerGroupsTests {
    @Test("the slots after the groups are room to spare, and a 0 is never counted as a supplementary group")
    func slots() {
        let written: InlineArray<6, UInt32> = [0, 50, 100, 62001, 0, 0]
        #expect(PeerGroups.nonZero(written) == [50, 100, 62001])
        let none: InlineArray<4, UInt32> = [0, 0, 0, 0]
        #expect(PeerGroups.nonZero(none).isEmpty)
    }
}
