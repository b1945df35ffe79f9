import Logging
import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Notice`.
enum NoticeHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase, calendar: CalendarRegistry, state: DaemonState, logger: Logger) {
        table.add(NoticeAPI.interface)
        let notices = RewardNotices(database: database, calendar: calendar, state: state, logger: logger)

        table.register(NoticeAPI.create) { request, call in
            NoticeAPI.NoticeReply(notice: wire(try await notices.publish(run: request.run, days: request.days, context: call.change()), today: call.state.today()))
        }

        table.register(NoticeAPI.get, runs: .offEventLoop) { request, call in
            let (notice, lines, total, objections) = try await database.notice(run: request.run)
            return NoticeAPI.GetReply(
                notice: wire(notice, today: call.state.today()), lines: lines.map(wire), total: total.description, objections: objections.map(wire))
        }

        table.register(NoticeAPI.list) { _, call in
            let today = call.state.today()
            return NoticeAPI.ListReply(notices: try await database.notices().map { wire($0, today: today) })
        }

        table.register(NoticeAPI.close) { request, call in
            NoticeAPI.NoticeReply(notice: wire(try await notices.close(run: request.run, context: call.change()), today: call.state.today()))
        }

        table.register(NoticeAPI.object) { request, call in
            let objector = try FieldText.text(request.objector, field: "objector", maxLength: 500)
            let grounds = try FieldText.paragraphs(request.grounds, field: "grounds", maxLength: 2000)
            return NoticeAPI.ObjectionReply(objection: wire(try await database.recordObjection(
                line: request.line, objector: objector, grounds: grounds, today: call.state.today(), context: call.change())))
        }

        table.register(NoticeAPI.resolve) { request, call in
            let resolution = try ObjectionResolution.parse(request.resolution)
            let reason = try FieldText.paragraphs(request.reason, field: "reason", maxLength: 2000)
            let resolved = try await database.resolveObjection(request.objection, resolution: resolution, reason: reason, context: call.change())
            return NoticeAPI.ResolveReply(
                objection: wire(resolved.objection), openObjections: resolved.line.open, upheldBy: resolved.line.upheld,
                noticeEndsOn: resolved.notice.period.endsOn.description, noticeClosed: resolved.notice.closedAt != nil)
        }

        table.register(NoticeAPI.listObjections) { request, _ in
            NoticeAPI.ListObjectionsReply(objections: try await database.objections(run: request.run).map(wire))
        }
    }

    static func wire(_ notice: StoredNotice, today: CivilDate) -> NoticeAPI.Notice {
        NoticeAPI.Notice(
            run: notice.run, runPeriod: notice.runPeriod, startsOn: notice.period.startsOn.description,
            endsOn: notice.period.endsOn.description, workingDays: notice.period.workingDays,
            status: notice.period.standing(closed: notice.closedAt != nil, on: today),
            publishedAt: notice.publishedAt, publishedBy: notice.publishedBy, closedAt: notice.closedAt, closedBy: notice.closedBy)
    }

    static func wire(_ line: CashingLineRow) -> NoticeAPI.Line {
        NoticeAPI.Line(
            line: line.line, tenant: line.tenant, name: line.tenantName, rule: line.rule, ruleTitle: line.ruleTitle, policy: line.policy,
            period: line.period, amount: line.amount.description, state: line.state.rawValue, confirmed: line.confirmed)
    }

    static func wire(_ objection: StoredObjection) -> NoticeAPI.Objection {
        NoticeAPI.Objection(
            id: objection.id, run: objection.run, line: objection.line, tenant: objection.tenant, name: objection.tenantName,
            rule: objection.rule, objector: objection.objector, grounds: objection.grounds, recordedAt: objection.recordedAt,
            recordedBy: objection.recordedBy, resolution: objection.resolution?.rawValue, reason: objection.reason,
            resolvedAt: objection.resolvedAt, resolvedBy: objection.resolvedBy)
    }
}
