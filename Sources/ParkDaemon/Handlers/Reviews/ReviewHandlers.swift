import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Review`.
enum ReviewHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(ReviewAPI.interface)

        table.register(ReviewAPI.createSession) { request, call in
            let directory = ReviewerDirectory(policy: call.state.access)
            let panel = try ReviewPanel(try directory.reviewers(request.panel, field: "panel"))
            let session = try await database.createReviewSession(
                heldOn: try CivilDate.parse(request.heldOn, field: "heldOn"), venue: request.venue, chair: request.chair,
                agenda: request.applications, panel: panel, context: call.change())
            return ReviewAPI.SessionReply(session: wire(session))
        }

        table.register(ReviewAPI.listSessions) { _, _ in
            ReviewAPI.ListSessionsReply(sessions: try await database.reviewSessions().map(wire))
        }

        table.register(ReviewAPI.getSession) { request, _ in
            ReviewAPI.SessionReply(session: wire(try await database.reviewSession(request.session)))
        }

        table.register(ReviewAPI.changePanel) { request, call in
            let directory = ReviewerDirectory(policy: call.state.access)
            let session = try await database.changePanel(
                request.session, adding: try directory.reviewers(request.add ?? [], field: "add"),
                removing: try directory.reviewers(request.remove ?? [], field: "remove"), context: call.change())
            return ReviewAPI.SessionReply(session: wire(session))
        }

        // Whoever calls, only the caller's own assignments: the panel's other names stay out.
        table.register(ReviewAPI.assignments) { _, call in
            let sessions = try await database.reviewSessions(reviewer: Int64(call.caller.uid))
            return ReviewAPI.AssignmentsReply(assignments: sessions.map { stored in
                let session = stored.session
                return ReviewAPI.Assignment(
                    session: stored.id, heldOn: session.heldOn.description, venue: session.venue, chair: session.chair,
                    status: session.status.rawValue, panelSize: session.panel.members.count, agenda: stored.agenda.map(wire))
            })
        }
    }

    static func wire(_ stored: StoredReviewSession) -> ReviewAPI.Session {
        let session = stored.session
        return ReviewAPI.Session(
            id: stored.id, heldOn: session.heldOn.description, venue: session.venue, chair: session.chair,
            status: session.status.rawValue, agenda: stored.agenda.map(wire),
            panel: session.panel.members.map { ReviewAPI.PanelMember(uid: $0.uid, user: $0.name) },
            createdAt: stored.createdAt, createdBy: stored.createdBy)
    }

    static func wire(_ item: AgendaApplication) -> ReviewAPI.AgendaItem {
        ReviewAPI.AgendaItem(application: item.application, name: item.name, creditCode: item.creditCode)
    }
}
