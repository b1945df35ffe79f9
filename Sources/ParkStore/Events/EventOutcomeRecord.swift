import GRDB
import ParkCore
import TableRow

/// A row of `eventOutcome`: one version of an occurrence's outcome.
@TableRow
struct EventOutcomeRecord: FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "eventOutcome"

    var id: Int64?
    var eventId: Int64
    var occurrence: String
    var version: Int
    var isCurrent: Bool
    var employers: Int
    var positions: Int
    var jobSeekers: Int
    var attendees: Int
    var talks: Int
    var exhibitors: Int
    var reason: String?
    var recordedAt: String
    var recordedBy: String

    init(event: Int64, occurrence: CivilDate, version: Int, outcome: EventOutcome, reason: String?, recordedAt: String, recordedBy: String) {
        eventId = event
        self.occurrence = occurrence.description
        self.version = version
        isCurrent = true
        employers = outcome.employers
        positions = outcome.positions
        jobSeekers = outcome.jobSeekers
        attendees = outcome.attendees
        talks = outcome.talks
        exhibitors = outcome.exhibitors
        self.reason = reason
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

    var outcome: EventOutcome {
        EventOutcome(employers: employers, positions: positions, jobSeekers: jobSeekers, attendees: attendees, talks: talks, exhibitors: exhibitors)
    }

    var recorded: RecordedOutcome {
        get throws {
            guard let day = try? CivilDate.parse(occurrence, field: "occurrence") else { throw StoreError.unreadable("eventOutcome \(id ?? 0)") }
            return RecordedOutcome(
                eventID: eventId, occurrence: day, version: version, isCurrent: isCurrent, outcome: outcome, reason: reason,
                recordedAt: recordedAt, recordedBy: recordedBy)
        }
    }
}
