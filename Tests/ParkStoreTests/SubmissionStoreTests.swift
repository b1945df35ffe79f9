import GRDB
import ParkCore
import ParkStore
import Testing

@Suite("Submissions in the store: taken once, effect and record in one transaction")
struct SubmissionStoreTests {
    static let today = CivilDate(year: 2027, month: 2, day: 10)!
    /// 2027-02-10T09:00:00+08:00.
    static let now: Int64 = 1_802_221_200
    static let key = ReceiptKey.generate()

    /// A store with tenant 1 active since 2021-01-07 and `key` on file for it.
    func park(_ directory: String) async throws -> ParkDatabase {
        let database = try ParkDatabase(path: directory + "/parkd.sqlite")
        _ = try await database.createTenant(try applicant(1), context: context())
        for (status, date) in [(TenantStatus.reviewing, 5), (.approved, 6), (.active, 7)] {
            _ = try await database.transitionTenant(
                .id(1), to: status, on: CivilDate(year: 2021, month: 1, day: date)!, reason: "step", today: Self.today, context: context())
        }
        _ = try await database.addTenantKey(tenant: .id(1), publicKey: Self.key.publicKey, label: nil, origin: .added, context: context())
        return database
    }

    func received(id: String = "r1", type: String = "monthly-report", payload: String) throws -> ReceivedSubmission {
        let bytes = Array(#"{"submissionId":"\#(id)","tenant":"\#(creditCode(1))","keyId":"\#(Self.key.publicKey.keyId)","type":"\#(type)","createdAt":"2027-02-03T10:00:00+08:00","payload":\#(payload)}"#.utf8)
        return ReceivedSubmission(envelope: try SubmissionEnvelope.parse(bytes).get(), envelopeBytes: bytes, signature: try Self.key.sign(bytes))
    }

    @Test("accepted once: the report, the record and the audit entry together; the same bytes replay; other bytes are refused unrecorded")
    func once() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            let first = try received(payload: #"{"month":"2027-01","revenue":"100.00","tax":"4.00"}"#)
            let taken = try await database.takeSubmission(first, parkKeyId: "park", today: Self.today, now: Self.now, prescreen: .park, context: context("io.parkd.Submission.Intake"))
            #expect(taken.status == .accepted && !taken.replayed)
            #expect(taken.receipt.contains(#""result":{"report":{"month":"2027-01","version":1},"changes":[]}"#))
            let again = try await database.takeSubmission(first, parkKeyId: "park", today: Self.today, now: Self.now, prescreen: .park, context: context("io.parkd.Submission.Intake"))
            #expect(again == TakenSubmission(receipt: taken.receipt, status: .accepted, replayed: true))
            let other = try received(payload: #"{"month":"2027-01","revenue":"1.00","tax":"0.00"}"#)
            await #expect(throws: SubmissionRefused.self) {
                try await database.takeSubmission(other, parkKeyId: "park", today: Self.today, now: Self.now, prescreen: .park, context: context("io.parkd.Submission.Intake"))
            }
            #expect(try await database.reportHistory(.id(1), month: Month(year: 2027, month: 1)).count == 1)
            #expect(try await database.submissions(matching: SubmissionFilter()).submissions.map(\.status) == ["accepted"])
            let audited = try await database.auditEntries(AuditQuery(limit: 100, methods: ["io.parkd.Submission.Intake"])).map(\.outcome)
            #expect(audited.count == 3 && audited.contains { $0.contains("submission id reused") })
        }
    }

    @Test("a report-correction corrects only a report in force: of a month never reported, or withdrawn, it is rejected, not taken as a first report")
    func correctionNeedsAReportInForce() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            func take(_ id: String, _ type: String, _ payload: String) async throws -> TakenSubmission {
                try await database.takeSubmission(
                    try received(id: id, type: type, payload: payload), parkKeyId: "park", today: Self.today, now: Self.now, prescreen: .park,
                    context: context("io.parkd.Submission.Intake"))
            }
            let correction = #"{"month":"2027-01","revenue":"100.00","tax":"4.00","reason":"late"}"#
            let unreported = try await take("c1", "report-correction", correction)
            #expect(unreported.status == .rejected)
            #expect(unreported.receipt.contains(#""errors":[{"path":"$.payload.month","reason":"2027-01 has no report to correct; send it as a monthly report"}]"#), "\(unreported.receipt)")
            #expect(try await take("m1", "monthly-report", #"{"month":"2027-01","revenue":"100.00","tax":"4.00"}"#).status == .accepted)
            #expect(try await take("c2", "report-correction", #"{"month":"2027-01","revenue":"120.00","reason":"late"}"#).status == .accepted)
            _ = try await database.withdrawReport(.id(1), month: Month(year: 2027, month: 1), reason: "wrong month", context: context())
            let withdrawn = try await take("c3", "report-correction", correction)
            #expect(withdrawn.status == .rejected)
            #expect(withdrawn.receipt.contains("the report of 2027-01 was withdrawn (version 3); nothing is in force to correct: send the month as a monthly report"), "\(withdrawn.receipt)")
            let again = try await take("m2", "monthly-report", #"{"month":"2027-01","revenue":"90.00","tax":"4.00"}"#)
            #expect(again.status == .accepted && again.receipt.contains(#""report":{"month":"2027-01","version":4}"#), "\(again.receipt)")
        }
    }

    @Test("the operation's refusal is recorded as a rejection and its effect rolled back")
    func rejectedByTheOperation() async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            let early = try received(payload: #"{"month":"2027-02","revenue":"100.00","tax":"4.00"}"#)
            let taken = try await database.takeSubmission(early, parkKeyId: "park", today: Self.today, now: Self.now, prescreen: .park, context: context())
            #expect(taken.status == .rejected)
            #expect(taken.receipt.contains(#""errors":[{"path":"$.payload.month","reason":"2027-02 has not ended (today is 2027-02-10); a month is reported once it is over"}]"#))
            #expect(try await database.reports().isEmpty)
        }
    }

    @Test("the database file keeps submissions: no change, no deletion, one per tenant and submission id", arguments: [
        "UPDATE submission SET status = 'rejected'",
        "DELETE FROM submission",
        "INSERT INTO submission (tenantId, submissionId, type, channel, envelopeSha256, status, decidedAt, recordedBy, receipt) SELECT tenantId, submissionId, type, channel, 'x', status, decidedAt, recordedBy, receipt FROM submission",
    ])
    func keptByTheFile(_ sql: String) async throws {
        try await withTemporaryDirectory { directory in
            let database = try await park(directory)
            _ = try await database.takeSubmission(
                try received(payload: #"{"month":"2027-01","revenue":"100.00","tax":"4.00"}"#), parkKeyId: "park", today: Self.today, now: Self.now, prescreen: .park, context: context())
            let queue = try DatabaseQueue(path: directory + "/parkd.sqlite")
            await #expect(throws: DatabaseError.self) { try await queue.write { db in try db.execute(sql: sql) } }
            try queue.close()
            #expect(try await database.submissions(matching: SubmissionFilter()).submissions.count == 1)
        }
    }
}
