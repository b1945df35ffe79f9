import ParkControl
@testable import ParkDaemon
import Synchronization
import Testing

@Suite("Report uploads staged for import")
struct ImportStagingTests {
    /// A clock the test moves.
    final class TestClock: Sendable {
        let instant = Mutex(ContinuousClock.now)
        func advance(seconds: Int) { instant.withLock { $0 += .seconds(seconds) } }
        var now: @Sendable () -> ContinuousClock.Instant { { self.instant.withLock { $0 } } }
    }

    @Test("no one's upload is dropped for another's: past the limit a new one is refused, naming the field")
    func othersNeverEvict() throws {
        let staging = ImportStaging()
        let mine = try staging.begin(owner: 1001)
        _ = try staging.append("tenant,month\n", to: mine, owner: 1001)
        for owner in 2001..<(2001 + UInt32(ImportStaging.maximumOpen) - 1) { _ = try staging.begin(owner: owner) }
        #expect(throws: ReportAPI.ImportsBusy(open: 8)) { try staging.begin(owner: 3001) }
        #expect(try staging.take(mine, owner: 1001) == "tenant,month\n")
        #expect(throws: ReportAPI.NoSuchImport(import: mine)) { try staging.take(mine, owner: 1001) }
    }

    @Test("a user's own oldest upload makes room for their next, past their share")
    func ownOldestMakesRoom() throws {
        let staging = ImportStaging()
        let first = try staging.begin(owner: 1001)
        let others = try (1..<ImportStaging.maximumPerUser).map { _ in try staging.begin(owner: 1001) }
        let theirs = try staging.begin(owner: 1002)
        _ = try staging.begin(owner: 1001)
        #expect(throws: ReportAPI.NoSuchImport(import: first)) { try staging.append("x", to: first, owner: 1001) }
        for id in others { #expect(try staging.take(id, owner: 1001) == "") }
        #expect(try staging.take(theirs, owner: 1002) == "")
    }

    @Test("an upload left unused for ten minutes is dropped, and not taken; one in use is kept")
    func idleDropped() throws {
        let clock = TestClock()
        let staging = ImportStaging(now: clock.now)
        let idle = try staging.begin(owner: 1001)
        let busy = try staging.begin(owner: 1002)
        clock.advance(seconds: 300)
        _ = try staging.append("a", to: busy, owner: 1002)
        clock.advance(seconds: 301)
        _ = try staging.begin(owner: 1003)
        #expect(throws: ReportAPI.NoSuchImport(import: idle)) { try staging.take(idle, owner: 1001) }
        #expect(try staging.take(busy, owner: 1002) == "a")
        // Even when no one begins another.
        let alone = try staging.begin(owner: 1001)
        clock.advance(seconds: 601)
        #expect(throws: ReportAPI.NoSuchImport(import: alone)) { try staging.append("x", to: alone, owner: 1001) }
    }

    @Test("a part that would make the file larger than 32 MiB drops the upload, naming the field and the bound")
    func sizeBound() throws {
        let staging = ImportStaging()
        let id = try staging.begin(owner: 1001)
        let part = String(repeating: "1,2021-06,1.00,1.00\n", count: 50_000)
        var sent = 0
        while sent + part.utf8.count <= 32 << 20 { sent = try staging.append(part, to: id, owner: 1001) }
        #expect(sent > 31 << 20)
        #expect(throws: ServiceAPI.InvalidField(field: "text", reason: "the file is larger than 32 MiB; the import was dropped")) {
            try staging.append(part, to: id, owner: 1001)
        }
        #expect(throws: ReportAPI.NoSuchImport(import: id)) { try staging.take(id, owner: 1001) }
    }

    @Test("an upload is its owner's alone")
    func ownersOnly() throws {
        let staging = ImportStaging()
        let id = try staging.begin(owner: 1001)
        #expect(throws: ReportAPI.NoSuchImport(import: id)) { try staging.append("x", to: id, owner: 1002) }
        #expect(throws: ReportAPI.NoSuchImport(import: id)) { try staging.take(id, owner: 1002) }
    }
}
