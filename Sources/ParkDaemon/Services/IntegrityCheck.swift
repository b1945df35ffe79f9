import Foundation
import Logging
import ParkStore
import ServiceLifecycle

/// The database's `PRAGMA quick_check` since start: begun when parkd serves, then its outcome.
struct DatabaseIntegrity: Sendable, Equatable {
    enum Outcome: Sendable, Equatable {
        case sound(seconds: Double)
        case damaged(seconds: Double, problems: [String])
    }

    let startedAt: Date
    /// Nil while the check runs.
    var outcome: Outcome?
}

/// Checks the database once parkd serves. `PRAGMA quick_check` reads the whole file (seconds
/// on a large park), so it is never on the start path: READY=1 comes first, the check runs on a
/// reader of its own while callers are served, and its outcome goes to the journal, the
/// `STATUS=` line and `parkctl status`. A damaged database is reported loudly
/// (`databaseDamaged`), not repaired or refused: what to do with it (restore a backup) is the
/// administrator's decision. A stop interrupts the check.
struct IntegrityCheck: Service {
    let database: ParkDatabase
    let state: DaemonState
    /// Yields once, when parkd serves.
    let serving: AsyncStream<Void>
    let logger: Logger

    func run() async {
        do {
            try await cancelWhenGracefulShutdown {
                for await _ in serving { break }
                try Task.checkCancellation()
                try await check()
            }
        } catch is CancellationError {
            // Stopped before the check ended: nothing to report.
        } catch {
            logger.error("the database could not be checked (PRAGMA quick_check)", metadata: ["error": "\(error)"])
        }
        // Done, but a service that ends before its turn to stop would look like a failure to
        // the service group (its stop goes service by service): it ends when asked to.
        try? await gracefulShutdown()
    }

    private func check() async throws {
        var integrity = DatabaseIntegrity(startedAt: state.now())
        state.integrity = integrity
        let clock = ContinuousClock(), started = clock.now
        let problems = try await database.quickCheck()
        // In whole milliseconds: what status shows, and --json prints, as 0.004, not 0.0035125250000000003.
        let seconds = ((clock.now - started) / .milliseconds(1)).rounded() / 1000
        integrity.outcome = problems.isEmpty ? .sound(seconds: seconds) : .damaged(seconds: seconds, problems: problems)
        state.integrity = integrity
        if problems.isEmpty {
            logger.info("the database passed PRAGMA quick_check", metadata: ["seconds": "\(seconds)"])
        } else {
            logger.critical(
                "the database is damaged (PRAGMA quick_check): \(problems.prefix(3).joined(separator: "; ")); stop parkd and restore the latest backup (parkd --restore FILE)",
                metadata: NotableEvent.databaseDamaged.metadata(["database": "\(database.path)", "problems": "\(problems.count)"]))
        }
    }
}
