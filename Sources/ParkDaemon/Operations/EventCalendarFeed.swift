import Foundation
import Logging
import ParkControl
import ParkCore
import ParkStore

/// The park's events as iCalendar: what `io.parkd.Event.Export` answers, and the feed file
/// (`events.ics` in `events.feed_directory`) rewritten after every change of an event, written
/// to a temporary file and renamed over the old one, so a reader never sees half a calendar.
struct EventCalendarFeed: Sendable {
    static let fileName = "events.ics"

    let database: ParkDatabase
    let state: DaemonState
    let zones: ZoneInfoDirectory
    let logger: Logger

    /// The events with an occurrence within `[from, to)` (seconds since the epoch; all when nil).
    func calendar(from: Int64? = nil, to: Int64? = nil) async throws -> String {
        let events = try await database.events(from: from, to: to)
        var rules: [String: any TimeZoneRules] = [:]
        for name in Set(events.map(\.event.timeZone)) {
            rules[name] = try zones.rules(named: name, field: "timeZone")
        }
        let entries = events.map { stored in
            EventCalendar.Entry(event: stored.event, occurrences: stored.occurrences.map(\.occurrence), updatedAt: stored.updatedAt)
        }
        return EventCalendar(entries: entries, zones: rules).text(productVersion: ParkVersion.current)
    }

    /// Rewrites the feed file (mode 0644) when a directory is configured, making the directory
    /// (mode 0755) when it does not exist; one that exists keeps its mode. A failure is logged,
    /// never thrown: the change it follows is already committed.
    func refresh() async {
        guard let directory = state.config.eventFeedDirectory else { return }
        let path = (directory as NSString).appendingPathComponent(Self.fileName)
        do {
            let text = try await calendar()
            if !FileManager.default.fileExists(atPath: directory) {
                // Made by parkd: the website's user enters it to read the feed (parkd's umask would shut it out).
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory)
            }
            // Readable by the website's user from the moment it is in place, whatever parkd's umask.
            let temporary = try DurableFile.writeTemporary(Array(text.utf8), to: directory, name: Self.fileName, mode: 0o644, synced: true)
            guard chmod(temporary, 0o644) == 0, rename(temporary, path) == 0 else {
                let code = errno
                unlink(temporary)
                throw SpoolFailure(path: path, operation: "rename", code: code)
            }
            // What a parkd killed between writing and renaming left (a later write renames its own at once).
            DurableFile.removeTemporaries(in: directory, olderThan: 60)
        } catch {
            logger.error("the events feed could not be written", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }
}
