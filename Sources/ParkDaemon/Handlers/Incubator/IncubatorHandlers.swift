import ParkControl
import ParkCore
import ParkStore

/// `io.parkd.Incubator`.
enum IncubatorHandlers {
    static func register(in table: inout MethodTable, database: ParkDatabase) {
        table.add(IncubatorAPI.interface)

        table.register(IncubatorAPI.create) { request, call in
            let project = try IncubatorProject(
                name: request.name, founder: request.founder, team: request.team, university: request.university,
                phdCount: request.phdCount ?? 0, seatIDs: request.seats,
                enteredOn: try CivilDate.parseRecorded(request.enteredOn, field: "enteredOn"),
                graduatedOn: try request.graduatedOn.map { try CivilDate.parseRecorded($0, field: "graduatedOn") }, today: call.state.today())
            return IncubatorAPI.ProjectReply(project: wire(try await database.createProject(project, context: call.change())))
        }

        table.register(IncubatorAPI.list) { request, _ in
            let day = try request.on.map { try CivilDate.parse($0, field: "on") }
            return IncubatorAPI.ListReply(projects: try await database.projects(on: day).map(wire))
        }

        table.register(IncubatorAPI.graduate) { request, call in
            let project = try await database.graduateProject(
                request.project, on: try CivilDate.parseRecorded(request.on, field: "on"), today: call.state.today(), context: call.change())
            return IncubatorAPI.ProjectReply(project: wire(project))
        }

        table.register(IncubatorAPI.occupancy) { request, call in
            let day = try request.on.map { try CivilDate.parse($0, field: "on") } ?? call.state.today()
            let occupancy = try await database.incubatorOccupancy(on: day)
            return IncubatorAPI.OccupancyReply(
                on: day.description, seats: occupancy.seats, occupied: occupancy.occupied, projects: occupancy.projects,
                percent: occupancy.percent, phdTalents: occupancy.phdTalents)
        }
    }

    static func wire(_ stored: StoredProject) -> IncubatorAPI.Project {
        let project = stored.project
        return IncubatorAPI.Project(
            id: project.id ?? 0, name: project.name, founder: project.founder, team: project.team, university: project.university,
            phdCount: project.phdCount, seats: project.seatIDs, seatLabels: stored.seatLabels, enteredOn: project.enteredOn.description,
            graduatedOn: project.graduatedOn?.description)
    }
}
