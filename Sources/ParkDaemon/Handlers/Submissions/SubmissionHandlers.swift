import Foundation
import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Submission`.
enum SubmissionHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, submissions: TenantSubmissions, counters: IntakeCounters) {
        table.add(SubmissionAPI.interface)

        table.register(SubmissionAPI.submit, runs: .offEventLoop) { request, call in
            let (taken, _) = try await submissions.enter(envelopeText: request.envelope, context: call.change())
            return SubmissionAPI.SubmitReply(status: taken.status.rawValue, replayed: taken.replayed, receipt: taken.receipt)
        }

        table.register(SubmissionAPI.list) { request, call in
            let limit = try DomainError.pageSize(request.limit, standard: 100)
            if let status = request.status, !["accepted", "rejected"].contains(status) {
                throw DomainError.invalid("status", "'\(status)' is not a status; give accepted or rejected")
            }
            try DomainError.checkCursor(request.before, field: "before")
            let page = try await database.submissions(matching: SubmissionFilter(
                tenant: request.tenant.map(TenantReference.init), type: try request.type.map { try SubmissionType.parse($0).rawValue }, status: request.status,
                decided: try request.day.map { try CivilDate.parse($0, field: "day") }.map {
                    (from: call.state.startOfDay($0), before: call.state.startOfDay($0.adding(days: 1)))
                }, before: request.before, limit: limit))
            return SubmissionAPI.ListReply(submissions: page.submissions.map(wire), next: page.next)
        }

        table.register(SubmissionAPI.get) { request, _ in
            let found = try await database.submission(id: request.id, tenant: request.tenant.map(TenantReference.init), submissionId: request.submissionId)
            return SubmissionAPI.GetReply(submission: wire(found), receipt: found.receipt)
        }

        table.register(SubmissionAPI.retry, runs: .offEventLoop) { request, call in
            let stored = try await database.submission(id: request.id, tenant: nil, submissionId: nil)
            let path = try submissions.rewriteReceipt(of: stored)
            try await database.recordOutcome(of: call.change())
            return SubmissionAPI.RetryReply(receiptFile: path)
        }

        table.register(SubmissionAPI.requeue, runs: .offEventLoop) { request, call in
            let path = try submissions.requeue(request.file)
            try await database.recordOutcome(of: call.change())
            return SubmissionAPI.RequeueReply(path: path)
        }

        table.register(SubmissionAPI.stats) { _, _ in
            let counts = try await database.submissionCounts()
            let values = counters.current
            return SubmissionAPI.StatsReply(
                received: values.received, accepted: counts["accepted"] ?? 0, rejected: counts["rejected"] ?? 0, quarantined: values.quarantined,
                overflows: values.overflows, rescans: values.rescans, waiting: values.waiting,
                oldestWaiting: values.oldestWaiting.map { Instant.rfc3339(millisecondsSinceEpoch: Int64($0) * 1_000) })
        }
    }

    static func wire(_ stored: StoredSubmission) -> SubmissionAPI.Submission {
        SubmissionAPI.Submission(
            id: stored.id, tenant: stored.tenant, creditCode: stored.creditCode, submissionId: stored.submissionId, type: stored.type,
            channel: stored.channel, status: stored.status, decidedAt: stored.decidedAt, recordedBy: stored.recordedBy,
            envelopeSha256: stored.envelopeSha256)
    }
}
