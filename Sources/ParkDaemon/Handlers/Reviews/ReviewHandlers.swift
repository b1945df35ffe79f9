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
                heldOn: try CivilDate.parseRecorded(request.heldOn, field: "heldOn"), venue: request.venue, chair: request.chair,
                agenda: request.applications, panel: panel, today: call.state.today(), context: call.change())
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
        registerConflicts(in: &table, database: database)
        ScoringHandlers.register(in: &table, database: database)
    }

    static func registerConflicts(in table: inout MethodTable, database: ParkDatabase) {
        table.register(ReviewAPI.declareAffiliation) { request, call in
            let reviewer = try subject(request.reviewer, call: call)
            let affiliation = try Affiliation(
                kind: try AffiliationKind.parse(request.kind), party: request.party,
                until: try request.until.map { try CivilDate.parseRecorded($0, field: "until") }, today: call.state.today())
            let all = try await database.declareAffiliation(affiliation, of: reviewer, context: call.change())
            return ReviewAPI.DeclareAffiliationReply(affiliations: all.map {
                ReviewAPI.Affiliation(kind: $0.kind.rawValue, party: $0.party, until: $0.until?.description)
            })
        }

        table.register(ReviewAPI.declareConflict) { request, call in
            let reviewer = try subject(request.reviewer, call: call)
            let declared = ReviewerConflicts.Declared(
                type: try ConflictType.parse(request.type), note: try FieldText.optionalText(request.note, field: "note", maxLength: 500))
            return ReviewAPI.ConflictReply(conflict: wire(
                try await database.declareConflict(application: request.application, reviewer: reviewer, declared, context: call.change())))
        }

        table.register(ReviewAPI.listConflicts) { request, call in
            let role = call.state.access.role(of: call.caller)
            let visible = ConflictDeclarations.visibleReviewer(caller: callingReviewer(call), readsEveryones: role == .admin || role == .auditor)
            return ReviewAPI.ListConflictsReply(conflicts: try await database.conflicts(session: request.session, reviewer: visible).map(wire))
        }

        table.register(ReviewAPI.dismissConflict) { request, call in
            let reviewer = try ReviewerDirectory(policy: call.state.access).reviewer(request.reviewer, field: "reviewer")
            return ReviewAPI.ConflictReply(conflict: wire(try await database.dismissConflicts(
                application: request.application, reviewer: reviewer, reason: request.reason, context: call.change())))
        }
    }

    /// The reviewer a declaration is about (`ConflictDeclarations.reviewer`).
    private static func subject(_ named: String?, call: CallContext) throws -> Reviewer {
        let directory = ReviewerDirectory(policy: call.state.access)
        return try ConflictDeclarations.reviewer(named: named, caller: callingReviewer(call), callerIsAdmin: isAdmin(call)) { name in
            try directory.reviewer(name, field: "reviewer")
        }
    }

    private static func callingReviewer(_ call: CallContext) -> Reviewer {
        Reviewer(uid: Int64(call.caller.uid), name: call.caller.userName)
    }

    private static func isAdmin(_ call: CallContext) -> Bool { call.state.access.role(of: call.caller) == .admin }

    static func wire(_ conflicts: ReviewerConflicts) -> ReviewAPI.Conflict {
        ReviewAPI.Conflict(
            application: conflicts.application, uid: conflicts.reviewer.uid, user: conflicts.reviewer.name,
            declared: conflicts.declared.map { ReviewAPI.DeclaredConflict(type: $0.type.rawValue, note: $0.note) },
            detected: conflicts.detected.map { ReviewAPI.DetectedConflict(type: $0.type.rawValue, detail: $0.detail) },
            dismissal: conflicts.dismissal, conflicted: conflicts.isConflicted)
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
