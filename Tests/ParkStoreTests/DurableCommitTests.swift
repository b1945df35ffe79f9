import GRDB
@testable import ParkStore
import Testing

@Suite("Commits are durable")
struct DurableCommitTests {
    @Test("the connection that commits syncs the write-ahead log on every commit (synchronous = FULL), on a new database and on one reopened")
    func writerSyncsEveryCommit() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            for _ in 0..<2 {
                let database = try ParkDatabase(path: path)
                let mode = try await database.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
                #expect(mode == 2, "PRAGMA synchronous is \(mode.map(String.init) ?? "nothing") on the writer, not 2 (FULL)")
                let journal = try await database.pool.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
                #expect(journal == "wal")
                try database.close()
            }
        }
    }
}
