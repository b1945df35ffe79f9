import Dispatch
import GRDB
import ParkCore
import ParkStore
import Synchronization
import Testing

@Suite("Audit trail in the store")
struct AuditStoreTests {
    func databaseWithTrail(_ directory: String, entries: Int) async throws -> ParkDatabase {
        let database = try ParkDatabase(path: directory + "/parkd.sqlite")
        for serial in 1...entries {
            _ = try await database.createTenant(try applicant(serial), context: context())
        }
        return database
    }

    @Test("an untouched trail verifies and reports its head")
    func intact() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await databaseWithTrail(directory, entries: 5)
            let result = try await database.verifyAudit()
            #expect(result.intact)
            #expect(result.entries == 5)
            #expect(result.headHash == (try await database.auditEntries(AuditQuery(limit: 1))).first?.hash)
        }
    }

    @Test("edits, deletions and reordering made directly in SQLite are detected", arguments: [
        ("UPDATE auditEntry SET outcome = 'forged' WHERE id = 3", Int64(3), "entry 3 was altered"),
        ("UPDATE auditEntry SET user = 'someone' WHERE id = 5", Int64(5), "entry 5 was altered"),
        ("DELETE FROM auditEntry WHERE id = 2", Int64(2), "entry 2 is missing"),
        // Renumbering is refused by the file itself (auditEntry_idUnchanged); past the trigger, the chain shows it.
        ("DROP TRIGGER auditEntry_idUnchanged; UPDATE auditEntry SET id = -id WHERE id IN (2, 3); UPDATE auditEntry SET id = 5 + id WHERE id < 0", Int64(2), "does not follow"),
    ])
    func tampering(_ sql: String, _ badEntry: Int64, _ problem: String) async throws {
        try await withTemporaryDirectory { directory in
            let database = try await databaseWithTrail(directory, entries: 6)
            let queue = try DatabaseQueue(path: directory + "/parkd.sqlite")
            try await queue.write { db in try db.execute(sql: sql) }
            try queue.close()
            let result = try await database.verifyAudit()
            #expect(!result.intact)
            #expect(result.firstBadEntry == badEntry)
            #expect(result.problem?.contains(problem) == true, "\(result.problem ?? "")")
        }
    }

    @Test("an entry numbered 0 or below is refused by the database file, and one forged past its triggers is found")
    func idsBelowOne() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await databaseWithTrail(directory, entries: 3)
            let queue = try DatabaseQueue(path: directory + "/parkd.sqlite")
            let copy = "INSERT INTO auditEntry (id, at, uid, user, pid, method, parameters, outcome, previousHash, hash) SELECT 0, at, uid, user, pid, method, parameters, outcome, previousHash, hash FROM auditEntry WHERE id = 1"
            await #expect(throws: DatabaseError.self) { try await queue.write { db in try db.execute(sql: copy) } }
            await #expect(throws: DatabaseError.self) { try await queue.write { db in try db.execute(sql: "UPDATE auditEntry SET id = -1 WHERE id = 3") } }
            #expect(try await database.verifyAudit().intact)

            try await queue.write { db in try db.execute(sql: "DROP TRIGGER auditEntry_idPositive; " + copy) }
            try queue.close()
            let result = try await database.verifyAudit()
            #expect(!result.intact)
            #expect(result.problem == "entry 1 is missing: found entry 0 in its place", "\(result.problem ?? "")")
        }
    }

    @Test("the trail filters by method and instant, newest first")
    func filters() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            _ = try await database.createTenant(try applicant(1), context: context(at: "2026-11-28T10:00:00.000Z"))
            _ = try await database.createTenant(try applicant(2), context: context(at: "2026-11-29T10:00:00.000Z"))
            _ = try await database.transitionTenant(
                .id(1), to: .reviewing, on: CivilDate(year: 2021, month: 1, day: 5)!, reason: "ok",
                today: CivilDate(year: 2026, month: 11, day: 29)!, context: context("io.parkd.Tenant.Transition", at: "2026-11-29T11:00:00.000Z"))
            #expect(try await database.auditEntries(AuditQuery()).map(\.id) == [3, 2, 1])
            #expect(try await database.auditEntries(AuditQuery(since: "2026-11-29T00:00:00.000Z")).map(\.id) == [3, 2])
            #expect(try await database.auditEntries(AuditQuery(methods: ["io.parkd.Tenant.Create"])).map(\.id) == [2, 1])
            #expect(try await database.auditEntries(AuditQuery(limit: 1)).map(\.id) == [3])
        }
    }

    @Test("concurrent writes are all durable, chained and isolated from each other's failures")
    func groupCommit() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            // 200 writers at once; every 10th reuses a credit code and must fail alone.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for serial in 1...200 {
                    group.addTask {
                        let code = serial.isMultiple(of: 10) ? serial - 1 : serial
                        do {
                            _ = try await database.createTenant(try applicant(code), context: context())
                            return true
                        } catch is StoreError {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 180)
            #expect(try await database.tenants(TenantQuery(limit: 1000)).tenants.count == 180)
            let verification = try await database.verifyAudit()
            #expect(verification.intact)
            #expect(verification.entries == 200)
            try database.close()
            // Reopen: what was acknowledged is on disk.
            let reopened = try ParkDatabase(path: directory + "/parkd.sqlite")
            #expect(try await reopened.tenants(TenantQuery(limit: 1000)).tenants.count == 180)
        }
    }

    @Test("work outside the shared transactions (PRAGMA optimize, on the same writer) gets its turn while writers keep the queue full", .timeLimit(.minutes(1)))
    func otherWorkNotStarved() async throws {
        // On threads of its own: what is timed is the writer's queue, not the test process's
        // two cooperative threads, which end-to-end tests running beside it may hold for long.
        try await withTaskExecutorPreference(DispatchTaskExecutor()) {
            try await optimizeBetweenWriters()
        }
    }

    private func optimizeBetweenWriters() async throws {
        try await withTemporaryDirectory { directory in
            let database = try ParkDatabase(path: directory + "/parkd.sqlite")
            let stop = StopFlag()
            let writes = try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 0..<16 {
                    group.addTask {
                        var serial = 1000 * writer, done = 0
                        while !stop.isSet {
                            serial += 1
                            _ = try await database.createTenant(try applicant(serial), context: context())
                            done += 1
                        }
                        return done
                    }
                }
                // Let the writers fill the queue, then ask for other work on the writer.
                try await Task.sleep(for: .milliseconds(200))
                let clock = ContinuousClock(), asked = clock.now
                try await database.optimize()
                let waited = clock.now - asked
                let whileWriting = !stop.isSet
                stop.set()
                #expect(whileWriting && waited < .seconds(5), "PRAGMA optimize waited \(waited)")
                return try await group.reduce(0, +)
            }
            #expect(writes > 16)
            #expect(try await database.verifyAudit().intact)
        }
    }
}

/// Runs tasks on libdispatch's threads rather than Swift's cooperative pool.
final class DispatchTaskExecutor: TaskExecutor {
    private let queue = DispatchQueue(label: "parkd.tests.executor", attributes: .concurrent)

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Set once, read by many tasks.
final class StopFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
