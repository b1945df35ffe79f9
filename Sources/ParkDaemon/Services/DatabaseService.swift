import Foundation
import Logging
import ParkControl
import ParkStore
import ServiceLifecycle
import UnixSignals

/// Owns the database for the daemon's lifetime: closes it after the admin channel has drained.
/// A close that leaves committed changes in the write-ahead log (a full disk) fails the stop, so
/// that the service shows failed and nobody takes `parkd.sqlite` alone for the park.
struct DatabaseService: Service {
    let database: ParkDatabase
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        do {
            try database.close()
            logger.info("database closed")
        } catch {
            logger.error("database did not close cleanly", metadata: ["error": "\(error)"])
            throw error
        }
    }
}
