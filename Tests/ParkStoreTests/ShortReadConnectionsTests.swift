import Dispatch
import Foundation
@testable import ParkStore
import Synchronization
import Testing

@Suite("Short reads on the calling thread")
struct ShortReadConnectionsTests {
    @Test("a short read on one thread does not wait for another thread's read to end")
    func sideBySide() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            _ = try await database.createTenant(try applicant(1), context: context())
            let connections = try ShortReadConnections(path: path, busyTimeout: 5)
            let firstIsReading = DispatchSemaphore(value: 0)
            let secondHasRead = DispatchSemaphore(value: 0)
            let waited = Mutex<DispatchTimeoutResult?>(nil)
            let first = Thread {
                _ = try? connections.inDatabase { db in
                    firstIsReading.signal()
                    // The other thread reads while this read is still open.
                    let outcome = secondHasRead.wait(timeout: .now() + 5)
                    waited.withLock { $0 = outcome }
                    return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tenant")
                }
            }
            first.start()
            #expect(firstIsReading.wait(timeout: .now() + 5) == .success)
            let count = try connections.inDatabase { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tenant") }
            secondHasRead.signal()
            #expect(count == 1)
            while waited.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            #expect(waited.withLock { $0 } == .success)
            try connections.close()
            try database.close()
        }
    }
}
