/// `io.parkd.Incubator`: the startup incubator's projects and seats.
public enum IncubatorAPI {
    public static let interface = VarlinkInterface(
        name: "io.parkd.Incubator", methods: [create, list, graduate, occupancy], errors: errors, definition: """
        # The incubator (创业创新孵化中心): startup projects occupying incubator seats (units of
        # kind incubator) from their entry to their graduation.
        interface io.parkd.Incubator

        # A startup project in the incubator.
        type Project (
          # Stable numeric id.
          id: int,
          # The project's name.
          name: string,
          # Its founder's name.
          founder: string,
          # Team members, as the park records them.
          team: ?string,
          # The founder's university.
          university: ?string,
          # PhD-level talents linked to the project.
          phdCount: int,
          # Unit ids of the seats it occupies.
          seats: []int,
          # The seats' labels (building-number, e.g. B-101), in the order of seats.
          seatLabels: ?[]string,
          # First day in the incubator (YYYY-MM-DD).
          enteredOn: string,
          # First day gone, when it graduated (YYYY-MM-DD).
          graduatedOn: ?string
        )

        # Admits a project; its seats must be incubator units free on its days.
        method Create(
          # The project's name.
          name: string,
          # Its founder's name.
          founder: string,
          # Team members, as the park records them.
          team: ?string,
          # The founder's university.
          university: ?string,
          # PhD-level talents linked to the project, 0 to 1000 (default 0).
          phdCount: ?int,
          # Unit ids of the seats it occupies (at least one).
          seats: []int,
          # First day in the incubator (YYYY-MM-DD), not in the future.
          enteredOn: string
        ) -> (
          # The project admitted.
          project: Project
        )

        # Projects by id; with `on`, those incubating that day.
        method List(
          # Only projects incubating on this day (YYYY-MM-DD).
          on: ?string
        ) -> (
          # The projects, by id.
          projects: []Project
        )

        # Records a graduation: `on` is the first day the project is gone.
        method Graduate(
          # The project's id.
          project: int,
          # First day gone (YYYY-MM-DD).
          on: string
        ) -> (
          # The project as it is now.
          project: Project
        )

        # Seats occupied on a day (default today).
        method Occupancy(
          # The day (YYYY-MM-DD, default today).
          on: ?string
        ) -> (
          # The day (YYYY-MM-DD).
          on: string,
          # Incubator seats in the park.
          seats: int,
          # Seats occupied that day.
          occupied: int,
          # Projects incubating that day.
          projects: int,
          # Occupied ÷ seats, percent with two decimals.
          percent: string
        )

        # No project has this id.
        error NoSuchProject (
          # The id asked for.
          project: int
        )

        """)

    /// Answers its former name, Add, until the next release.
    public static let create = VarlinkMethod<Create, CreateReply>(
        "io.parkd.Incubator.Create", access: .write, formerNames: ["io.parkd.Incubator.Add"])
    public static let list = VarlinkMethod<List, ListReply>("io.parkd.Incubator.List", access: .read)
    public static let graduate = VarlinkMethod<Graduate, GraduateReply>("io.parkd.Incubator.Graduate", access: .write)
    public static let occupancy = VarlinkMethod<Occupancy, OccupancyReply>("io.parkd.Incubator.Occupancy", access: .read)

    public struct Project: Codable, Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var founder: String
        public var team: String?
        public var university: String?
        public var phdCount: Int
        public var seats: [Int64]
        public var seatLabels: [String]?
        public var enteredOn: String
        public var graduatedOn: String?
        public init(
            id: Int64, name: String, founder: String, team: String?, university: String?, phdCount: Int, seats: [Int64],
            seatLabels: [String]? = nil, enteredOn: String, graduatedOn: String?
        ) {
            self.id = id
            self.name = name
            self.founder = founder
            self.team = team
            self.university = university
            self.phdCount = phdCount
            self.seats = seats
            self.seatLabels = seatLabels
            self.enteredOn = enteredOn
            self.graduatedOn = graduatedOn
        }
    }

    public struct Create: Codable, Sendable {
        public var name: String
        public var founder: String
        public var team: String?
        public var university: String?
        public var phdCount: Int?
        public var seats: [Int64]
        public var enteredOn: String
        public init(name: String, founder: String, team: String?, university: String?, phdCount: Int?, seats: [Int64], enteredOn: String) {
            self.name = name
            self.founder = founder
            self.team = team
            self.university = university
            self.phdCount = phdCount
            self.seats = seats
            self.enteredOn = enteredOn
        }
    }

    /// The reply of every method that answers with one project.
    public struct ProjectReply: Codable, Sendable {
        public var project: Project
        public init(project: Project) { self.project = project }
    }

    public typealias CreateReply = ProjectReply
    public typealias GraduateReply = ProjectReply

    public struct List: Codable, Sendable {
        public var on: String?
        public init(on: String? = nil) { self.on = on }
    }

    public struct ListReply: Codable, Sendable {
        public var projects: [Project]
        public init(projects: [Project]) { self.projects = projects }
    }

    public struct Graduate: Codable, Sendable {
        public var project: Int64
        public var on: String
        public init(project: Int64, on: String) {
            self.project = project
            self.on = on
        }
    }

    public struct Occupancy: Codable, Sendable {
        public var on: String?
        public init(on: String? = nil) { self.on = on }
    }

    public struct OccupancyReply: Codable, Sendable, Equatable {
        public var on: String
        public var seats: Int
        public var occupied: Int
        public var projects: Int
        public var percent: String
        public init(on: String, seats: Int, occupied: Int, projects: Int, percent: String) {
            self.on = on
            self.seats = seats
            self.occupied = occupied
            self.projects = projects
            self.percent = percent
        }
    }
}
