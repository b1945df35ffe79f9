import GRDB
@testable import ParkStore
import Testing

@Suite("A change attempted in a savepoint of the shared transaction")
struct AttemptTests {
    struct Refused: Error {}

    static func values(_ db: Database) throws -> [Int] { try Int.fetchAll(db, sql: "SELECT x FROM t ORDER BY x") }

    @Test("a failed attempt is rolled back alone, nested or not; an attempt that fails after inner ones succeeded takes them back too")
    func nested() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t(x INTEGER UNIQUE)")
            let outer = db.attempt { db -> Void in
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                let inner = db.attempt { db -> Void in
                    try db.execute(sql: "INSERT INTO t VALUES (2)")
                    throw Refused()
                }
                #expect(throws: Refused.self) { try inner.get() }
                #expect(try Self.values(db) == [1])
                let kept = db.attempt { db in try db.execute(sql: "INSERT INTO t VALUES (3)") }
                try kept.get()
                #expect(try Self.values(db) == [1, 3])
                throw Refused()
            }
            #expect(throws: Refused.self) { try outer.get() }
            #expect(try Self.values(db) == [])
            // SQLite's own refusal (a unique value taken) rolls back only its attempt.
            try db.attempt { db in try db.execute(sql: "INSERT INTO t VALUES (4)") }.get()
            #expect(throws: DatabaseError.self) { try db.attempt { db in try db.execute(sql: "INSERT INTO t VALUES (5), (4)") }.get() }
            #expect(try Self.values(db) == [4])
        }
        #expect(try queue.read(Self.values) == [4])
        // Outside a transaction an attempt is its own transaction.
        try queue.writeWithoutTransaction { (db: Database) throws in
            #expect(throws: Refused.self) {
                try db.attempt { db -> Void in
                    try db.execute(sql: "INSERT INTO t VALUES (6)")
                    throw Refused()
                }.get()
            }
            #expect(try Self.values(db) == [4])
        }
    }
}
