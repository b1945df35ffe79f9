import Logging
import ParkCore
import ParkStore

/// Receiving an application to enter the park: the prescreen with the configured criteria, the
/// application recorded and the firm's record created or moved on. What `io.parkd.Application`
/// calls; the submissions intake runs the same store step (`ParkDatabase.receiveApplication`)
/// with the same criteria inside its own transaction.
struct ApplicationIntake: Sendable {
    let database: ParkDatabase
    let state: DaemonState
    let logger: Logger

    func receive(_ form: ApplicationForm, by caller: String, context: ChangeContext) async throws -> StoredApplication {
        let application = try await database.receiveApplication(form, rules: state.config.prescreen, today: state.today(), context: context)
        logger.notice("application received", metadata: NotableEvent.applicationReceived.metadata([
            "application": "\(application.id)", "creditCode": "\(form.creditCode)", "status": "\(application.status.rawValue)",
            "failed": "\(application.checks.filter { !$0.passed }.map(\.criterion.rawValue).joined(separator: ","))", "uid": "\(caller)",
        ]))
        return application
    }
}
