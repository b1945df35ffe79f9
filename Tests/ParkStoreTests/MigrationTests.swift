import Foundation
import GRDB
@testable import ParkStore
import Testing

@Suite("Schema and opening")
struct MigrationTests {
    @Test("an empty file is migrated to the latest schema in WAL mode with foreign keys")
    func fromEmpty() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            let database = try ParkDatabase(path: path)
            try database.close()
            let queue = try DatabaseQueue(path: path)
            try await queue.read { db in
                #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                #expect(applied == ParkDatabase.knownSchemaVersions)
                #expect(try db.tableExists("tenant") && db.tableExists("auditEntry"))
            }
        }
    }

    @Test("every earlier schema version upgrades to the latest and keeps its data")
    func fromEveryEarlierVersion() async throws {
        let versions = ParkDatabase.knownSchemaVersions
        for (index, version) in versions.enumerated() {
            try await withTemporaryDirectory { directory in
                let path = directory + "/parkd.sqlite"
                // Build the database as the release that stopped at `version` left it.
                try ParkDatabase.migrate(path: path, upTo: version)
                let queue = try DatabaseQueue(path: path)
                try await queue.write { db in
                    try db.execute(sql: """
                        INSERT INTO tenant (name, creditCode, origin, status, appliedOn, createdAt, updatedAt)
                        VALUES ('老租户', ?, 'local', 'active', '2019-03-01', '2019-03-01T00:00:00.000Z', '2019-03-01T00:00:00.000Z')
                        """, arguments: [creditCode(index + 1)])
                }
                try queue.close()
                let database = try ParkDatabase(path: path)
                let page = try await database.tenants(.init())
                #expect(page.tenants.map(\.tenant.name) == ["老租户"], "upgrading from \(version)")
                try database.close()
            }
        }
    }

    @Test("v25: a unit recorded before keeps counting from the park's first day (no earlier year's figure changes), or from when it was recorded if earlier")
    func unitsAvailableFrom() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            try ParkDatabase.migrate(path: path, upTo: "v24-paymentStanding")
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO tenant (id, name, creditCode, origin, status, appliedOn, createdAt, updatedAt)
                    VALUES (1, '老租户', '91370200163562681G', 'local', 'active', '2019-03-01', '2026-05-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z');
                    INSERT INTO rentalUnit (id, building, number, areaCenti, kind, listRentFen, createdAt, updatedAt) VALUES
                      (1, 'A', '1', 10000, 'office', 4000, '2026-05-01T08:00:00.000Z', 'x'),
                      (2, 'A', '2', 10000, 'office', 4000, '2026-05-02T08:00:00.000Z', 'x'),
                      (3, 'I', '1', 600, 'incubator', 0, '2026-05-03T08:00:00.000Z', 'x');
                    INSERT INTO lease (id, tenantId, start, end, depositFen, billingDay, createdAt, updatedAt)
                    VALUES (1, 1, '2019-04-01', '2029-03-31', 0, 1, 'x', 'x');
                    INSERT INTO leaseUnit (leaseId, rentalUnitId, areaCenti) VALUES (1, 1, 10000);
                    INSERT INTO incubatorProject (id, name, founder, phdCount, enteredOn, createdAt, updatedAt)
                    VALUES (1, '智聘云', '李明', 0, '2020-09-01', 'x', 'x');
                    INSERT INTO incubatorSeat (incubatorProjectId, rentalUnitId) VALUES (1, 3);
                    """)
            }
            try queue.close()
            let database = try ParkDatabase(path: path)
            let units = try await database.units()
            // The park's first day is the tenant's application, 2019-03-01; unit 1 was leased, 3 held by a project, 2 never.
            #expect(units.map(\.unit.availableFrom.description) == ["2019-03-01", "2019-03-01", "2019-03-01"])
            try database.close()
        }
    }

    @Test("a database written by a newer parkd is refused, untouched")
    func newerSchema() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            try ParkDatabase(path: path).close()
            let queue = try DatabaseQueue(path: path)
            try await queue.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-fromTheFuture')") }
            try queue.close()
            let error = #expect(throws: StoreError.self) { try ParkDatabase(path: path) }
            guard case .schemaTooNew(_, let unknown, _)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(unknown == ["v99-fromTheFuture"])
            #expect(error?.description.contains("written by a newer parkd (schema v99-fromTheFuture") == true)
        }
    }

    @Test("a file that is not a database is refused with its path")
    func notADatabase() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self) { try ParkDatabase(path: path) }
            guard case .unusable(let where_, _)? = error else { Issue.record("\(String(describing: error))"); return }
            #expect(where_ == path)
            #expect(error?.description.hasPrefix(path) == true)
        }
    }
}

@Suite("What a failed write was")
struct StorageFailureTests {
    @Test("SQLite's full, busy, read-only and I/O errors are storage failures; a constraint is not")
    func classified() {
        let path = "/nonexistent/parkd.sqlite"
        #expect(StorageFailure.classify(DatabaseError(resultCode: .SQLITE_FULL), databasePath: path) == .diskFull)
        #expect(StorageFailure.classify(DatabaseError(resultCode: .SQLITE_BUSY), databasePath: path) == .busy(holder: nil))
        #expect(StorageFailure.classify(DatabaseError(resultCode: .SQLITE_READONLY), databasePath: path) == .readOnly)
        #expect(StorageFailure.classify(DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error"), databasePath: path) == .unavailable("disk I/O error"))
        #expect(StorageFailure.classify(DatabaseError(resultCode: .SQLITE_CONSTRAINT), databasePath: path) == nil)
        #expect(StorageFailure.classify(CancellationError(), databasePath: path) == nil)
    }

    @Test("another process's lock on a database or its shared memory is seen, a POSIX lock with its pid, an open-file-description lock without; an unlocked file is not")
    func otherProcessLocks() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/parkd.sqlite"
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            try Data("x".utf8).write(to: URL(fileURLWithPath: path + "-shm"))
            #expect(StorageFailure.otherProcessLocks(path) == nil)
            // SQLite's reader lock sits past the first gigabyte; F_OFD_SETLK is 37 on Linux.
            for (command, file) in [("fcntl.lockf(f, fcntl.LOCK_SH, 1, 1073741825)", path),
                                    ("fcntl.fcntl(f, 37, struct.pack('hhqqi', fcntl.F_RDLCK, 0, 120, 1, 0))", path + "-shm")] {
                let holder = Process(), said = Pipe(), release = Pipe()
                holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
                holder.arguments = ["-c", "import fcntl, struct, sys\nf = open(sys.argv[1], 'r+b'); \(command); print('held', flush=True); sys.stdin.read()", file]
                holder.standardOutput = said
                holder.standardInput = release
                try holder.run()
                #expect(String(decoding: said.fileHandleForReading.availableData, as: UTF8.self).contains("held"))
                let seen = StorageFailure.otherProcessLocks(path)
                try release.fileHandleForWriting.close()
                holder.waitUntilExit()
                #expect(seen == StorageFailure.LockedByAnotherProcess(path: file, pid: file == path ? holder.processIdentifier : nil))
            }
            #expect(StorageFailure.otherProcessLocks(path) == nil)
        }
    }

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
