import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Report`.
enum ReportHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, staging: ImportStaging) {
        table.add(ReportAPI.interface)

        table.register(ReportAPI.beginImport) { _, call in
            ReportAPI.BeginImportReply(import: try staging.begin(owner: call.caller.uid))
        }

        table.register(ReportAPI.addToImport) { request, call in
            ReportAPI.AddToImportReply(bytes: try staging.append(request.text, to: request.import, owner: call.caller.uid))
        }

        table.register(ReportAPI.finishImport, runs: .offEventLoop) { request, call in
            // The reason is checked before the upload is taken: a bad one leaves it for a retry.
            let reason = try FieldText.text(request.reason ?? "corrected by CSV import", field: "reason", maxLength: 500)
            let text = try staging.take(request.import, owner: call.caller.uid)
            let context = call.change()
            let parsed: (rows: [ImportedReport], problems: [ImportProblem])
            do {
                parsed = try ReportImport.parse(text)
            } catch {
                // Refused before the store saw it: still one audited attempt.
                try await database.recordOutcome(of: context, refusedFor: error)
                throw error
            }
            let summary = try await database.importReports(
                parsed.rows, alreadyFound: parsed.problems, reason: reason, today: call.state.today(),
                file: ImportedFile(sha256: ContentHash.sha256(Array(text.utf8)), bytes: text.utf8.count), context: context)
            let corrections = summary.corrections.map {
                ReportAPI.ImportCorrection(line: $0.line, tenant: $0.tenantID, month: $0.month.description, version: $0.version, changes: $0.changes)
            }
            // Left out when empty: the reply of a file without corrections is the one it always was.
            return ReportAPI.FinishImportReply(
                imported: summary.imported, corrected: summary.corrected, corrections: corrections.isEmpty ? nil : corrections)
        }

        table.register(ReportAPI.create) { request, call in
            let counts: [String: Int?] = [
                "employersServed": request.employersServed, "workersDispatched": request.workersDispatched,
                "workersOutsourced": request.workersOutsourced, "jobSeekersServed": request.jobSeekersServed,
                "placements": request.placements, "trainingSessions": request.trainingSessions,
                "trainingAttendees": request.trainingAttendees, "phdHires": request.phdHires, "headcount": request.headcount,
            ]
            let figures = SubmittedFigures(
                revenue: try request.revenue.map { try Money.parse($0, field: "revenue", allowNegative: true, atMost: OperatingFigures.amountLimit) },
                tax: try request.tax.map { try Money.parse($0, field: "tax", allowNegative: true, atMost: OperatingFigures.amountLimit) },
                counts: counts.compactMapValues { $0 })
            let (stored, changes) = try await database.submitReport(
                TenantReference(request.tenant), month: try Month.parseRecorded(request.month, field: "month"), figures: figures,
                reason: request.reason, today: call.state.today(), context: call.change())
            return ReportAPI.CreateReply(report: wire(stored), changes: changes)
        }

        table.register(ReportAPI.list) { request, _ in
            let limit = try DomainError.pageSize(request.limit, standard: 500)
            let from = try request.from.map { try Month.parse($0, field: "from") }
            let to = try request.to.map { try Month.parse($0, field: "to") }
            try DomainError.checkOrder(from: from, to: to)
            let page = try await database.reports(
                tenant: request.tenant.map(TenantReference.init),
                from: from,
                to: to,
                limit: limit, after: try request.after.map { try ReportPosition.parse($0, field: "after") })
            return ReportAPI.ListReply(reports: page.reports.map(wire), next: page.next?.description)
        }

        table.register(ReportAPI.history) { request, _ in
            try DomainError.checkCursor(request.after.map(Int64.init), field: "after")
            let page = try await database.reportHistory(
                TenantReference(request.tenant), month: try Month.parse(request.month, field: "month"), after: request.after,
                limit: try DomainError.pageSize(request.limit, standard: 500))
            return ReportAPI.HistoryReply(versions: page.versions.map(wire), next: page.next)
        }

        table.register(ReportAPI.withdraw) { request, call in
            let withdrawal = try await database.withdrawReport(
                TenantReference(request.tenant), month: try Month.parse(request.month, field: "month"), reason: request.reason,
                context: call.change())
            return ReportAPI.WithdrawReply(report: wire(withdrawal))
        }
    }

    static func wire(_ stored: StoredReport) -> ReportAPI.Report {
        let figures = stored.figures
        return ReportAPI.Report(
            tenant: stored.tenantID, tenantName: stored.tenantName, month: stored.month.description,
            revenue: figures.revenue.description, tax: figures.tax.description, employersServed: figures.employersServed,
            workersDispatched: figures.workersDispatched, workersOutsourced: figures.workersOutsourced,
            jobSeekersServed: figures.jobSeekersServed, placements: figures.placements,
            trainingSessions: figures.trainingSessions, trainingAttendees: figures.trainingAttendees,
            phdHires: figures.phdHires, headcount: figures.headcount, version: stored.version, current: stored.isCurrent,
            withdrawn: stored.withdrawn ? true : nil, reason: stored.reason, recordedAt: stored.recordedAt, recordedBy: stored.recordedBy)
    }
}
