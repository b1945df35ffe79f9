import Foundation
import Testing

@Suite("Ctrl-C while parkd carries out a request")
struct InterruptTests {
    @Test("the first Ctrl-C says the request was sent and waits for the answer; the second leaves, saying how to find out")
    func interruptedWrite() throws {
        let daemon = try RunningDaemon()
        // Another process holds the write lock, so parkd's write waits until it is released.
        let lock = try DatabaseWriteLock(database: daemon.databasePath)

        func started(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binaries.parkctl)
            process.arguments = arguments
            process.environment = ProcessInfo.processInfo.environment.merging(["PARKD_SOCKET": daemon.socketPath]) { _, new in new }
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            return (process, out, err)
        }

        // Waited for: the answer comes once the lock is released, and is printed as usual.
        let (waiting, waitingOut, waitingErr) = try started(["tenant", "add", "--name", "A", "--credit-code", "91370200163562681G", "--on", "2021-01-04"])
        usleep(700_000)
        kill(waiting.processIdentifier, SIGINT)
        usleep(300_000)
        lock.release()
        waiting.waitUntilExit()
        #expect(waiting.terminationStatus == 0)
        #expect(String(decoding: waitingOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "1\n")
        #expect(String(decoding: waitingErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) ==
            "parkctl: interrupted; the request was sent and parkd carries it out: waiting for its answer (Ctrl-C again to leave without it)\n")

        /// `arguments` interrupted twice: its exit status and what it wrote on stderr.
        func leftTwice(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
            let (leaving, _, leavingErr) = try started(arguments)
            usleep(700_000)
            kill(leaving.processIdentifier, SIGINT)
            usleep(200_000)
            kill(leaving.processIdentifier, SIGINT)
            leaving.waitUntilExit()
            return (leaving.terminationStatus, String(decoding: leavingErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }

        // Left: exit 130, and the request is carried out all the same.
        try lock.take()
        let left = try leftTwice(["tenant", "add", "--name", "B", "--credit-code", "91370200718022626N", "--on", "2021-01-04"])
        #expect(left.status == 130)
        #expect(left.stderr.hasSuffix(
            "parkctl: left without parkd's answer; the request may have been carried out: `parkctl audit list --limit 5` shows what parkd did\n"))
        // With --json, stderr holds the one failure object a script reads, and nothing else.
        let (status, failure) = try leftTwice(["--json", "tenant", "add", "--name", "C", "--credit-code", "91110000802100433B", "--on", "2021-01-04"])
        #expect(status == 130)
        #expect(failure.hasPrefix(#"{"error":"parkctl.Interrupted","exitStatus":130,"message":"left without parkd's answer"#)
                && failure.split(separator: "\n").count == 1, "\(failure)")
        try lock.end()
        usleep(300_000)
        #expect(try daemon.parkctl(["tenant", "show", "2"]).status == 0)
    }
}
