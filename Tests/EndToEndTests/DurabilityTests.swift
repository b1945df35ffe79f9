import Foundation
import ParkCore
import Synchronization
import Testing

@Suite("Nothing acknowledged is lost")
struct DurabilityTests {
    /// Credit codes that differ for every writer and serial.
    static func creditCode(writer: Int, serial: Int) -> String {
        let digits = String(writer * 100_000 + serial)
        return CreditCode.completing("9137020" + String(repeating: "0", count: 10 - digits.count) + digits)!
    }

    /// Writers creating tenants as fast as parkd answers, each on its own connection, until
    /// parkd goes away; returns the credit codes parkd acknowledged.
    static func writeUntilGone(socketPath: String, writers: Int, whileWriting: () -> Void) -> [String] {
        let acknowledged = Mutex<[String]>([])
        let started = DispatchGroup()
        let finished = DispatchGroup()
        for writer in 0..<writers {
            started.enter()
            finished.enter()
            Thread.detachNewThread {
                defer { finished.leave() }
                guard let connection = try? RawConnection(path: socketPath) else {
                    started.leave()
                    return
                }
                started.leave()
                for serial in 1... {
                    let code = creditCode(writer: writer, serial: serial)
                    connection.send(#"{"method":"io.parkd.Tenant.Create","parameters":{"name":"持久性测试 \#(writer)-\#(serial)","creditCode":"\#(code)"}}"# + "\0")
                    guard let reply = connection.receive() else { return }
                    if !reply.contains(#""error""#) { acknowledged.withLock { $0.append(code) } }
                }
            }
        }
        started.wait()
        whileWriting()
        finished.wait()
        return acknowledged.withLock { $0 }
    }

    @Test("kill -9 in the middle of concurrent writes, with a reload among them: every acknowledged tenant is there after a restart, and the audit trail is intact")
    func killedWhileWriting() throws {
        let daemon = try RunningDaemon()
        let acknowledged = Self.writeUntilGone(socketPath: daemon.socketPath, writers: 8) {
            usleep(400_000)
            daemon.signal(SIGHUP)
            usleep(600_000)
            daemon.signal(SIGKILL)
        }
        #expect(daemon.waitForExit() != nil)
        #expect(acknowledged.count > 50, "too few writes acknowledged before the kill: \(acknowledged.count)")

        let restarted = try daemon.restarted()
        let stored = try runCommand("/usr/bin/sqlite3", [restarted.databasePath, "SELECT creditCode FROM tenant"])
        let storedCodes = Set(stored.stdout.split(separator: "\n").map(String.init))
        let missing = acknowledged.filter { !storedCodes.contains($0) }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(10)) of \(acknowledged.count)")
        let last = try #require(acknowledged.last)
        let shown = try restarted.parkctl(["tenant", "show", last])
        #expect(shown.status == 0 && shown.stdout.contains(last), "\(shown.stderr)")

        let verified = try restarted.parkctl(["audit", "verify"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let integrity = try runCommand("/usr/bin/sqlite3", [restarted.databasePath, "PRAGMA integrity_check"])
        #expect(integrity.stdout == "ok\n")
    }
}
